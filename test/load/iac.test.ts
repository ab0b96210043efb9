/** The Bicep and Terraform readers: literal values with positions, expressions as text, and what they cannot follow. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBicep } from '../../src/load/iac/bicep.js';
import { parseHcl } from '../../src/load/iac/hcl.js';
import { loadRepo } from '../../src/load/index.js';
import { nodeAt } from '../../src/load/locate.js';
import { writeRepo } from '../support/rule-tester.js';
import { CORPUS_DIR, corpusAbsent, needsCorpus } from '../support/corpus.js';

const textAt = (text: string, node: { start: number; end: number } | undefined): string => (node ? text.slice(node.start, node.end) : '<none>');

describe('Bicep reader', () => {
  const text = [
    "@description('x')",
    "param repo string = 'https://example.com/r.git'",
    "var env = 'prod'",
    "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {",
    '  name: clusterName',
    "  resource pool 'agentPools' existing = {",
    "    name: 'system'",
    '  }',
    '}',
    "resource cfg 'Microsoft.KubernetesConfiguration/fluxConfigurations@2023-05-01' = if (deployFlux) {",
    '  scope: aks',
    "  name: 'cfg-${env}'",
    '  properties: {',
    "    '${env}-key': {}",
    "    list: [ 'a', 'b' ]",
    '    n: -3',
    "    multi: '''",
    'line',
    "'''",
    "    call: concat('a', 'b')",
    '  }',
    '}',
  ].join('\n');
  const parsed = parseBicep(text);
  const v = parsed.value as Record<string, Record<string, unknown>>;

  it('reads declarations, literal values and the text of expressions', () => {
    expect(v.repo).toEqual({ declare: 'param', value: 'https://example.com/r.git' });
    expect(v.env).toEqual({ declare: 'var', value: 'prod' });
    expect(v.aks!.existing).toBe(true);
    expect(v.cfg!.condition).toBe('deployFlux');
    const props = (v.cfg!.value as Record<string, Record<string, unknown>>).properties!;
    expect(props).toEqual({ "'${env}-key'": {}, list: ['a', 'b'], n: -3, multi: 'line\n', call: { '@expr': "concat('a', 'b')" } });
    expect((v.cfg!.value as Record<string, unknown>).name).toEqual({ '@expr': "'cfg-${env}'" });
  });

  it('keeps every value at its position in the file', () => {
    expect(textAt(text, nodeAt(parsed.node, ['cfg', 'value', 'properties', 'list', 1]))).toBe("'b'");
    expect(textAt(text, nodeAt(parsed.node, ['cfg', 'value', 'scope']))).toBe('aks');
  });
});

describe('Terraform reader', () => {
  const text = [
    '# comment',
    'variable "path" {',
    '  default = "./apps"',
    '}',
    'resource "azurerm_kubernetes_flux_configuration" "x" {',
    '  name = "cfg" // trailing',
    '  cluster_id = azurerm_kubernetes_cluster.aks.id',
    '  tags = { (local.k) = "v", "a" = 1 }',
    '  kustomizations {',
    '    name = "one"',
    '    depends_on = ["a", "b"]',
    '  }',
    '  kustomizations {',
    '    name = "two"',
    '    note = <<-EOT',
    '      text',
    '    EOT',
    '    esc = "a\\"b $${x}"',
    '    interp = "${var.path}/x"',
    '  }',
    '}',
  ].join('\n');
  const parsed = parseHcl(text);
  const resource = (parsed.value as { resource: Record<string, unknown>[] }).resource[0]!;

  it('reads blocks as lists (labels under @labels), attributes, heredocs and escapes', () => {
    expect(resource['@labels']).toEqual(['azurerm_kubernetes_flux_configuration', 'x']);
    expect(resource.cluster_id).toEqual({ '@expr': 'azurerm_kubernetes_cluster.aks.id' });
    expect(resource.tags).toEqual({ '(local.k)': 'v', a: 1 });
    const ks = resource.kustomizations as Record<string, unknown>[];
    expect(ks.map((k) => k.name)).toEqual(['one', 'two']);
    expect(ks[0]!.depends_on).toEqual(['a', 'b']);
    expect(ks[1]).toMatchObject({ note: 'text\n', esc: 'a"b ${x}', interp: { '@expr': '"${var.path}/x"' } });
  });

  it('keeps every value at its position in the file', () => {
    expect(textAt(text, nodeAt(parsed.node, ['resource', 0, 'kustomizations', 1, 'name']))).toBe('"two"');
    expect(textAt(text, nodeAt(parsed.node, ['resource', 0, 'kustomizations', 0, 'depends_on', 1]))).toBe('"b"');
  });
});

describe('loading infrastructure files', () => {
  it('reads only files declaring Flux configurations, and lists one it cannot follow as skipped, never as an error', async () => {
    const repo = await loadRepo(
      writeRepo({
        'a.tf': 'resource "azurerm_kubernetes_flux_configuration" "x" {\n  name = "a"\n}\n',
        'other.tf': 'resource "aws_s3_bucket" "b" {}\n',
        'broken.tf': 'resource "azurerm_kubernetes_flux_configuration" "x" {\n  name = \n',
        'dashboard.json': '{"panels": []}',
      }),
    );
    expect(repo.iacFiles.map((f) => [f.path, f.documents.length])).toEqual([
      ['a.tf', 1],
      ['broken.tf', 0],
    ]);
    expect(repo.skipped).toEqual([expect.objectContaining({ path: 'broken.tf', reason: 'unsupported-syntax' })]);
    expect(repo.problems).toEqual([]);
  });

  it.skipIf(corpusAbsent)(needsCorpus('every .bicep and .tf file of the corpus is read'), () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory() && e.name !== '.git') walk(p);
        else if (/\.(bicep|tf)$/.test(e.name)) files.push(p);
      }
    };
    walk(CORPUS_DIR);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      expect(() => (f.endsWith('.tf') ? parseHcl(text) : parseBicep(text)), f).not.toThrow();
    }
  });
});
