/** Settings found valid are remembered in the validator cache folder: a later run skips compiling their schema. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinChecks } from '../../src/checks/index.js';
import { configureRun } from '../../src/engine/bind.js';
import { settingProblems, validSettingsIn } from '../../src/schema/settings.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-lint-valid-settings-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const schema = { type: 'object', additionalProperties: false, properties: { max: { type: 'integer' } } };

describe('settings found valid', () => {
  it('are remembered, and only those: an invalid value is validated and worded every time', () => {
    const remembered = validSettingsIn(path.join(tmp, 'a'));
    expect(settingProblems(schema, { max: 3 }, remembered)).toEqual([]);
    expect(remembered.has(schema, { max: 3 })).toBe(true);
    expect(remembered.has(schema, { max: 4 })).toBe(false);
    expect(remembered.has({ ...schema, additionalProperties: true }, { max: 3 })).toBe(false);
    expect(settingProblems(schema, { max: 'x' }, remembered)).toEqual([{ key: 'max', message: expect.any(String) }]);
    expect(remembered.has(schema, { max: 'x' })).toBe(false);
    expect(settingProblems(schema, { max: 'x' }, remembered)).toHaveLength(1);
  });

  it('a remembered verdict skips the compile: a schema ajv would refuse is not compiled again', () => {
    // strict mode refuses an unknown keyword at compile time; the verdict from an "earlier run" stands.
    const refused = { type: 'object', notAKeyword: true };
    expect(() => settingProblems(refused, {})).toThrow(/unknown keyword/);
    const remembered = validSettingsIn(path.join(tmp, 'b'));
    remembered.add(refused, {});
    expect(settingProblems(refused, {}, remembered)).toEqual([]);
  });

  it('a lint with a cache folder remembers the built-in rules\' params, and binds the same rules from them', () => {
    const cache = path.join(tmp, 'cache');
    const first = configureRun(tmp, { schemaCacheDir: cache }, builtinChecks);
    expect(fs.readdirSync(path.join(cache, 'valid-settings')).length).toBeGreaterThan(0);
    const second = configureRun(tmp, { schemaCacheDir: cache }, builtinChecks);
    expect(second.builtins).toEqual(first.builtins);
    // A config: valid once, then a bad value in it is still an error naming the key.
    const good = configureRun(tmp, { schemaCacheDir: cache, config: { rules: { 'yaml-syntax': 'warning' } } }, builtinChecks);
    expect(good.config.rules['yaml-syntax']).toBe('warning');
    expect(() => configureRun(tmp, { schemaCacheDir: cache, config: { rules: { 'yaml-syntax': 'loud' } } } as never, builtinChecks)).toThrow(/rules\.yaml-syntax/);
  });

  it('a folder that cannot be written costs nothing but the compile', () => {
    const file = path.join(tmp, 'not-a-folder');
    fs.writeFileSync(file, '');
    const remembered = validSettingsIn(file);
    expect(settingProblems(schema, { max: 1 }, remembered)).toEqual([]);
    expect(remembered.has(schema, { max: 1 })).toBe(false);
  });
});
