import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, github } from '../../src/report/github.js';
import { finding, lintResult, mixedResult } from './results.js';

const options = { color: false, verbose: false };

describe('github formatter', () => {
  it('writes one workflow command per finding, mapping info to notice', () => {
    expect(github(mixedResult(), options).split('\n')).toEqual([
      '::notice file=apps/podinfo/release.yaml,line=104,col=1,endLine=104,endColumn=10,title=helmrelease-values::values could move to a ConfigMap',
      '::warning file=clusters/prod/apps.yaml,line=3,col=10,endLine=3,endColumn=10,title=yaml-duplicate-key::duplicate key "name"',
      '::error file=clusters/prod/apps.yaml,line=12,col=5,endLine=12,endColumn=10,title=flux-kustomization-prune::prune is not set',
      '',
    ]);
  });

  it('escapes data and properties the way GitHub reads them', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('dir,x/a:b%.yaml')).toBe('dir%2Cx/a%3Ab%25.yaml');
    const result = lintResult([finding({ file: 'we,ird:name.yaml', line: 1, ruleId: 'r', message: 'line one\nline two 50%' })]);
    expect(github(result, options)).toBe(
      '::error file=we%2Cird%3Aname.yaml,line=1,col=1,endLine=1,endColumn=10,title=r::line one%0Aline two 50%25\n',
    );
  });

  it('gives paths from the working directory and prints nothing for a clean result', () => {
    const result = lintResult([finding({ file: 'a.yaml', line: 1, ruleId: 'r' })], { root: '/checkout/gitops' });
    expect(github(result, { ...options, cwd: '/checkout' })).toContain('file=gitops/a.yaml,');
    expect(github(result, { ...options, cwd: '/checkout/gitops/apps' })).toContain('file=../a.yaml,');
    expect(github(lintResult(), options)).toBe('');
  });
});
