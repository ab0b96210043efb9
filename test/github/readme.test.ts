/** The README's workflows use the action as action.yml declares it, and safely. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { actionStep, readmeWorkflow, readmeWorkflows } from './readme-snippets.js';

const projectDir = path.resolve(import.meta.dirname, '../..');
const action = parseYaml(fs.readFileSync(path.join(projectDir, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };

describe('README GitHub Actions workflows', () => {
  it('has a pull_request and a push workflow, and none on pull_request_target', () => {
    const events = readmeWorkflows().map((w) => Object.keys(w.on));
    expect(events).toEqual([['pull_request'], ['push']]);
    expect(JSON.stringify(readmeWorkflows())).not.toContain('pull_request_target');
  });

  it.each(['pull_request', 'push'])('the %s workflow passes only inputs the action has and reads only its outputs', (event) => {
    const workflow = readmeWorkflow(event);
    const step = actionStep(workflow);
    expect(Object.keys(step.with ?? {}).filter((k) => !Object.hasOwn(action.inputs, k))).toEqual([]);
    const text = JSON.stringify(workflow);
    const outputs = [...text.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, 'g'))].map((m) => m[1]!);
    expect(outputs.length).toBeGreaterThan(0);
    expect(outputs.filter((o) => !Object.hasOwn(action.outputs, o))).toEqual([]);
    expect(workflow.permissions['security-events']).toBe('write');
  });

  it('the pull_request workflow can comment and fetches the base commit of the diff', () => {
    const workflow = readmeWorkflow('pull_request');
    expect(workflow.permissions['pull-requests']).toBe('write');
    const checkout = Object.values(workflow.jobs).flatMap((j) => j.steps).find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    // The SARIF upload is skipped on forks, whose token cannot write security events.
    const upload = Object.values(workflow.jobs).flatMap((j) => j.steps).find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });
});
