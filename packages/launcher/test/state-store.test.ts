import { readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SecretRedactor } from '@cred-launch/core';
import { describe, expect, test } from 'vitest';
import { FileStateStore } from '../src/cache/state-store.js';
import { runLauncher, tempDir } from './helpers/spawn.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const later = (seconds: number): Date => new Date(NOW.getTime() + seconds * 1000);

function store(dir: string, plugin = '@cred-launch/plugin-vault', clock = () => NOW) {
  const secrets = new SecretRedactor();
  return { secrets, state: new FileStateStore({ dir, plugin, secrets, now: clock }) };
}

describe('FileStateStore', () => {
  test('keeps a value between instances until it expires, in a 0600 file', () => {
    const dir = join(tempDir(), 'cache');
    store(dir).state.set('login', 'hvs.token-value-1', later(600));
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^state-[0-9a-f]{64}\.json$/u);
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const reader = store(dir);
    expect(reader.state.get('login')).toBe('hvs.token-value-1');
    // …and what was read back is a secret from then on.
    expect(reader.secrets.redact('token hvs.token-value-1')).toBe('token [REDACTED]');
    expect(store(dir, undefined, () => later(600)).state.get('login')).toBeUndefined();
  });

  test('plugins and keys never share values; delete forgets', () => {
    const dir = join(tempDir(), 'cache');
    store(dir).state.set('login', 'vault-value', later(600));
    expect(store(dir, 'cred-launch-plugin-other').state.get('login')).toBeUndefined();
    expect(store(dir).state.get('other-key')).toBeUndefined();
    store(dir).state.delete('login');
    expect(store(dir).state.get('login')).toBeUndefined();
  });

  test('nothing is written for a value that has already expired, and reads never create the directory', () => {
    const dir = join(tempDir(), 'cache');
    expect(store(dir).state.get('x')).toBeUndefined();
    store(dir).state.set('x', 'value', later(-1));
    expect(() => readdirSync(dir)).toThrow();
  });

  test('corrupt, foreign or planted files are ignored', () => {
    const dir = join(tempDir(), 'cache');
    const { state } = store(dir);
    state.set('k', 'value', later(600));
    const file = join(dir, readdirSync(dir)[0]!);
    for (const text of [
      '{',
      'null',
      JSON.stringify({ format: 'other/1', expiresAt: later(600).getTime(), value: 'x' }),
      JSON.stringify({ format: 'cred-launch-state/1', expiresAt: 'soon', value: 'x' }),
    ]) {
      writeFileSync(file, text);
      expect(store(dir).state.get('k')).toBeUndefined();
    }
    const elsewhere = join(tempDir(), 'planted.json');
    writeFileSync(elsewhere, JSON.stringify({ format: 'cred-launch-state/1', expiresAt: later(600).getTime(), value: 'planted' }));
    store(dir).state.delete('k');
    symlinkSync(elsewhere, file);
    expect(store(dir).state.get('k')).toBeUndefined();
  });

  test('cred-launch cache clear removes state files too', async () => {
    const dir = join(tempDir(), 'cache');
    new FileStateStore({ dir, plugin: 'p', secrets: new SecretRedactor() }).set('k', 'value', new Date(Date.now() + 600_000));
    const result = await runLauncher(['cache', 'clear'], { env: { CRED_LAUNCH_CACHE_DIR: dir } });
    expect(result.code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});
