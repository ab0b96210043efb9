/**
 * SARIF 2.1.0, shaped for GitHub code scanning: one run, rules with help, results pointing at repo-relative
 * files under %SRCROOT% (declared in originalUriBaseIds as the linted root), and partial fingerprints that survive line moves (src/report/fingerprint.ts).
 */
import type { RuleMeta } from '../engine/types.js';
import type { Finding, Severity } from '../finding.js';
import { occurrenceFingerprints } from './fingerprint.js';
import { pathToFileURL } from 'node:url';
import { TOOL_INFORMATION_URI, TOOL_NAME, toolVersion } from './tool.js';
import type { Formatter } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of our fingerprint in partialFingerprints: versioned so a new scheme never collides with the old one. */
export const FINGERPRINT_KEY = 'gitopsLintFingerprint/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export const sarif: Formatter = (result) => {
  const rules = withRulesOfFindings(result.rules, result.findings);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const fingerprints = occurrenceFingerprints(result.findings);
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            informationUri: TOOL_INFORMATION_URI,
            version: toolVersion(),
            semanticVersion: toolVersion(),
            rules: rules.map(ruleDescriptor),
          },
        },
        // Result paths are relative to the linted root, which %SRCROOT% names (an absolute file URI ending in '/').
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(result.root) } },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((f, i) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: fileUri(f.file), uriBaseId: SRCROOT },
                region: region(f),
              },
            },
          ],
          partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] },
          ...(f.fix ? { fixes: [sarifFix(f)] } : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/**
 * A finding's fix as a SARIF fix (2.1.0 §3.55-3.57): one artifactChange, one replacement whose deletedRegion gives the
 * range as charOffset/charLength (a text region may be given by offsets alone, §3.30.2; they count UTF-16 code units,
 * as columnKind says) and whose insertedContent is the new text.
 */
function sarifFix(f: Finding) {
  const [start, end] = f.fix!.range;
  return {
    description: { text: `gitops-lint --fix: ${f.ruleId}` },
    artifactChanges: [
      {
        artifactLocation: { uri: fileUri(f.file), uriBaseId: SRCROOT },
        replacements: [{ deletedRegion: { charOffset: start, charLength: end - start }, insertedContent: { text: f.fix!.text } }],
      },
    ],
  };
}

/** Every result needs a rule descriptor: findings of rules missing from the list get a minimal one. */
function withRulesOfFindings(rules: readonly RuleMeta[], findings: readonly Finding[]): RuleMeta[] {
  const all = [...rules];
  const known = new Set(rules.map((r) => r.id));
  for (const f of findings) {
    if (known.has(f.ruleId)) continue;
    known.add(f.ruleId);
    all.push({ id: f.ruleId, severity: f.severity, description: f.ruleId, remediation: '', helpUri: '' });
  }
  return all;
}

function ruleDescriptor(rule: RuleMeta) {
  const helpUri = URL.canParse(rule.helpUri) ? rule.helpUri : undefined;
  const remediation = rule.remediation.trim();
  const helpText = [remediation, helpUri && `Documentation: ${helpUri}`].filter(Boolean).join('\n\n') || rule.description;
  const helpMarkdown = [remediation, helpUri && `[Rule documentation](${helpUri})`].filter(Boolean).join('\n\n') || rule.description;
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    ...(helpUri ? { helpUri } : {}),
    help: { text: helpText, markdown: helpMarkdown },
    defaultConfiguration: { level: LEVEL[rule.severity] },
  };
}

const SRCROOT = '%SRCROOT%';

/** The root as SARIF wants a base URI: absolute, ending with a slash so relative references resolve below it. */
function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** A relative URI reference: each path segment percent-encoded (spaces, '#', '%' ... in file names). */
function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** SARIF regions are 1-based and must not end before they start. */
function region(f: Finding) {
  const startLine = Math.max(1, f.line);
  const startColumn = Math.max(1, f.column);
  const endLine = Math.max(startLine, f.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, f.endColumn) : Math.max(1, f.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}
