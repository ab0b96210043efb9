/** Flux fields deprecated inside a served apiVersion, changed in place: exact text out, comments kept, refusals say what to write. */
import { describe, expect, it } from 'vitest';
import { migrateFluxField } from '../../../src/checks/migrate/flux-fields.js';
import { commentCount } from '../../../src/checks/migrate/text.js';
import type { Migration } from '../../../src/checks/migrate/verify.js';
import { SchemaStore } from '../../../src/schema/store.js';

const store = new SchemaStore();
const validate = (value: unknown, apiVersion: string, kind: string) => store.validate(value, { apiVersion, kind })?.map((e) => e.message);

function applied(text: string, m: Migration): string | { refused: string } {
  return 'refused' in m ? m : text.slice(0, m.fix.range[0]) + m.fix.text + text.slice(m.fix.range[1]);
}

/** The field migrated, then migrated again (a second --fix): the second must find nothing to change. */
function fix(text: string, field: string, everyTargetPastDeprecation = true): string | { refused: string } {
  const once = applied(text, migrateFluxField({ text, start: 0, validate, everyTargetPastDeprecation }, field));
  if (typeof once === 'string') {
    expect(commentCount(once)).toBe(commentCount(text));
    expect(migrateFluxField({ text: once, start: 0, validate, everyTargetPastDeprecation }, field)).toEqual({ refused: 'nothing to migrate' });
  }
  return once;
}

const hr = (rest: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\nspec:\n  interval: 1h # hourly\n  chart:\n    spec:\n      chart: web\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n${rest}`;

describe('HelmRelease spec.install.skipCRDs', () => {
  it('false is deleted (Create either way), the other install fields and comments kept', () => {
    expect(fix(hr('  install:\n    skipCRDs: false # old\n    remediation:\n      retries: 3\n'), 'spec.install.skipCRDs')).toBe(hr('  install:\n    # old\n    remediation:\n      retries: 3\n'));
  });

  it('next to a crds policy it is deleted (the policy wins), and install goes when nothing else is in it', () => {
    expect(fix(hr('  install:\n    crds: Skip\n    skipCRDs: true\n'), 'spec.install.skipCRDs')).toBe(hr('  install:\n    crds: Skip\n'));
    expect(fix(hr('  install:\n    skipCRDs: false\n'), 'spec.install.skipCRDs')).toBe(hr(''));
  });

  it('true alone is refused: the controller ignores it since Flux 2.2, so crds: Skip would change installs', () => {
    expect(fix(hr('  install:\n    skipCRDs: true\n'), 'spec.install.skipCRDs')).toEqual({ refused: expect.stringContaining('write crds: Skip to skip them as skipCRDs asks, or delete skipCRDs') as unknown });
  });
});

describe('HelmRelease spec.rollback.recreate', () => {
  it('deleted when every cluster runs Flux 2.8 or later, where it does nothing', () => {
    expect(fix(hr('  rollback:\n    recreate: true\n    cleanupOnFail: true\n'), 'spec.rollback.recreate')).toBe(hr('  rollback:\n    cleanupOnFail: true\n'));
  });

  it('true is kept while some cluster runs an older Flux; false goes anyway', () => {
    expect(fix(hr('  rollback:\n    recreate: true\n'), 'spec.rollback.recreate', false)).toEqual({ refused: expect.stringContaining('before 2.8') as unknown });
    expect(fix(hr('  rollback:\n    recreate: false\n'), 'spec.rollback.recreate', false)).toBe(hr(''));
  });
});

describe('notification v1beta3', () => {
  const provider = (spec: string) => `apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Provider\nmetadata:\n  name: slack\nspec:\n  type: slack\n${spec}  channel: general\n`;
  it('Provider spec.interval is deleted (not used in v1beta3)', () => {
    expect(fix(provider('  interval: 5m # unused\n'), 'spec.interval')).toBe(provider('  # unused\n'));
  });

  it('a field deleted from the last lines of a document without a final newline takes the newline before it', () => {
    const last = 'apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Provider\nmetadata:\n  name: slack\nspec:\n  type: slack\n  interval: 5m';
    expect(fix(last, 'spec.interval')).toBe(last.replace('\n  interval: 5m', ''));
  });

  const alert = (spec: string) =>
    `apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: on-call\nspec:\n  providerRef:\n    name: slack\n  eventSources:\n    - kind: Kustomization\n      name: '*'\n${spec}`;

  it('Alert spec.summary becomes eventMetadata.summary, in place, its comment on its line', () => {
    expect(fix(alert('  summary: "prod cluster" # who\n  eventSeverity: error\n'), 'spec.summary')).toBe(alert('  eventMetadata:\n    summary: "prod cluster" # who\n  eventSeverity: error\n'));
  });

  it('Alert spec.summary joins an eventMetadata that exists', () => {
    expect(fix(alert('  summary: prod\n  eventMetadata:\n    env: prod\n    # more later\n'), 'spec.summary')).toBe(alert('  eventMetadata:\n    env: prod\n    summary: prod\n    # more later\n'));
  });

  it('refused when eventMetadata has a summary of its own', () => {
    expect(fix(alert('  summary: a\n  eventMetadata:\n    summary: b\n'), 'spec.summary')).toEqual({ refused: expect.stringContaining('keep one of them') as unknown });
  });
});

it('a field without a move is no fix, with no reason of its own', () => {
  expect(fix(hr('  install:\n    replace: true\n'), 'spec.install.replace')).toEqual({ refused: '' });
});
