/**
 * The REAL @1password/sdk (the default export), on the paths it decides
 * locally, inside its WASM core, without the network: a malformed service
 * account token and a malformed secret reference. `fetch` (which the WASM
 * core calls for every request) is spied on to prove no request is made, and
 * every run is bounded by a signal, so a regression that did go to the network
 * would fail as TIMEOUT instead of hanging.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import source from '../src/index.js';
import { assertDesktopAppInstalled } from '../src/sdk.js';
import { expectError, run } from './run.js';

const ITEM = 'op://Private/AWS dev';
const bounded = (): AbortSignal => AbortSignal.timeout(15_000);

// Three malformed tokens, each failing a different local check in the core.
const MALFORMED = {
  'no ops_ prefix': 'not-a-token-CANARY-7f3a9c',
  'ops_ prefix, not base64': 'ops_CANARY!!not*base64~7f3a9c',
  'ops_ prefix, base64 JSON of the wrong shape': `ops_${Buffer.from(JSON.stringify({ signInAddress: 'my.1password.com', email: 'CANARY@example.com', canary: 'CANARY-7f3a9c' })).toString('base64')}`,
};

let fetchSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network used in a local-only test'));
});
afterEach(() => {
  fetchSpy.mockRestore();
});

describe('real @1password/sdk, local decisions only', () => {
  test.each(Object.entries(MALFORMED))('malformed token (%s) → AUTH, no token text, no network', async (_name, token) => {
    const outcome = await run(source, [ITEM], { env: { OP_SERVICE_ACCOUNT_TOKEN: token }, signal: bounded() });
    const error = expectError(outcome, 'AUTH', [token, 'CANARY', token.slice(4, 20)]);
    expect(error.message).toBe('1password: the service account token is not valid');
    // The SDK accepted our integration name/version (it refuses '@' and '/' with its own error).
    expect(String((error.cause as Error).message)).not.toContain('integration');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  test('a reference only the SDK can judge (bad ?attribute value) → USAGE, checked before signing in', async () => {
    const outcome = await run(source, [ITEM, '--mfa-serial-field', 'serial?attribute=colour'], {
      env: { OP_SERVICE_ACCOUNT_TOKEN: MALFORMED['no ops_ prefix'] },
      signal: bounded(),
    });
    // USAGE, not AUTH: the references were validated by the SDK before the (bad) token was used.
    const error = expectError(outcome, 'USAGE', ['CANARY']);
    expect(error.message).toBe(`1password: "${ITEM}/serial?attribute=colour" is not a valid secret reference (secret reference has invalid query parameter value)`);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  test.skipIf(process.platform !== 'linux' || existsSync('/opt/1Password/libop_sdk_ipc_client.so'))(
    'desktop app integration without the app installed → AUTH saying so, nothing printed by the SDK',
    async () => {
      const stderr = vi.spyOn(console, 'error');
      const outcome = await run(source, [ITEM, '--account', 'my.1password.com'], { env: {}, signal: bounded() });
      expect(expectError(outcome, 'AUTH').message).toContain('the 1Password desktop app was not found');
      expect(stderr).not.toHaveBeenCalled();
      stderr.mockRestore();
    },
  );

  test('the desktop pre-check knows the SDK 0.5 library paths and leaves unknown platforms to the SDK', () => {
    expect(() => assertDesktopAppInstalled('linux', '/nonexistent-home')).toThrow(/desktop app was not found/u);
    expect(() => assertDesktopAppInstalled('darwin', '/nonexistent-home')).toThrow(/desktop app was not found/u);
    expect(() => assertDesktopAppInstalled('freebsd', '/nonexistent-home')).not.toThrow();
  });
});

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe.skipIf(!existsSync(dist))('lazy loading, in a fresh process (needs dist: pnpm build)', () => {
  test('importing the plugin, parseArgs and usage load no @1password module; getCredentials does', async () => {
    const script = `
      import { createRequire } from 'node:module';
      import { runCredentialSource } from '@cred-launch/core';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => k.includes('@1password')).length;
      const { default: source } = await import(${JSON.stringify(dist)});
      source.parseArgs({ argv: ['op://v/i'], env: {} });
      const before = loaded() + source.usage.length * 0;
      await runCredentialSource(source, ['op://v/i'], { env: { OP_SERVICE_ACCOUNT_TOKEN: 'malformed' }, cwd: '/', homedir: '/' }).catch(() => {});
      process.stdout.write(JSON.stringify({ before, after: loaded() }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      timeout: 20_000,
    });
    const counts = JSON.parse(stdout) as { before: number; after: number };
    expect(counts.before).toBe(0);
    expect(counts.after).toBeGreaterThan(0);
  });
});
