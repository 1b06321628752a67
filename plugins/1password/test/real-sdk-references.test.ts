/**
 * The REAL @1password/sdk's own reference check (local, in its WASM core):
 * it accepts "." and ".." parts, which is why the plugin refuses them itself
 * in parseArgs (issue 14 item 6) — and it rejects percent signs outright.
 */
import { Secrets } from '@1password/sdk';
import { describe, expect, test } from 'vitest';
import source from '../src/index.js';

describe('real SDK: references with dot parts', () => {
  test('validateSecretReference accepts ".." parts; the plugin refuses them with USAGE', () => {
    expect(() => Secrets.validateSecretReference('op://Private/../field')).not.toThrow();
    expect(() => source.parseArgs({ argv: ['op://Private/..'], env: {} })).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  test('percent-encoded dots are not reference syntax at all, for the SDK and for the plugin', () => {
    expect(() => Secrets.validateSecretReference('op://Private/%2e%2e/field')).toThrow(/could not be parsed/u);
    expect(() => source.parseArgs({ argv: ['op://Private/%2e%2e'], env: {} })).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
