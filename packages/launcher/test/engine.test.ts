import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isCredentialError, SecretRedactor } from '@cred-launch/core';
import { obtainCredentials } from '../src/engine/obtain-credentials.js';
import { ACTIVE_KEYS_ENV } from '../src/engine/recursion-guard.js';
import type { EngineContext } from '../src/engine/types.js';
import { defaultOptions, type LauncherOptions } from '../src/options.js';
import { FIXTURES, tempDir } from './helpers/spawn.js';

// obtainCredentials in-process: the function every front-end calls. It must
// return a validated document (never text), print nothing, and be callable
// again and again in one process (a long-running endpoint refreshing).
const GOOD = join(FIXTURES, 'good.mjs');
const SECRET = 'engine-test-secret-key-0001';

function setUp(extraEnv: Record<string, string> = {}): { context: EngineContext; lines: string[]; options: LauncherOptions; cacheDir: string } {
  const cacheDir = join(tempDir(), 'cache');
  const lines: string[] = [];
  const env = { CRED_LAUNCH_CACHE_DIR: cacheDir, FIXTURE_SECRET: SECRET, ...extraEnv };
  const context: EngineContext = { env, cwd: tempDir(), homedir: tempDir(), processEnv: { ...env }, redactor: new SecretRedactor(), log: (line) => lines.push(line) };
  return { context, lines, options: { ...defaultOptions({}), timeoutSeconds: 10 }, cacheDir };
}

async function failure(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('obtainCredentials', () => {
  test('returns a validated document (core-rendered, Version 1, Expiration whole seconds) and the same credentials as Dates', async () => {
    const { context, options } = setUp();
    const obtained = await obtainCredentials({ plugin: GOOD, args: ['ASIAENGINE', '--expires-in', '3600'], options }, context);
    expect(obtained.origin).toBe('plugin');
    expect(obtained.source?.name).toBe('good');
    expect(obtained.plugin.entryPath).toBe(GOOD);
    expect(Object.keys(obtained.document)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'Expiration']);
    expect(obtained.document).toMatchObject({ Version: 1, AccessKeyId: 'ASIAENGINE', SecretAccessKey: SECRET });
    expect(obtained.document.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/u);
    expect(obtained.credentials.expiration).toBeInstanceOf(Date);
    expect(obtained.credentials.expiration?.toISOString()).toBe(obtained.document.Expiration?.replace('Z', '.000Z'));
    // Everything secret the call saw is registered with the caller's redactor.
    expect(context.redactor.redact(`x ${SECRET} x`)).not.toContain(SECRET);
  });

  test('called repeatedly in one process: the second call is a cache hit, and the recursion mark is undone each time', async () => {
    const { context, options, cacheDir } = setUp();
    const invocation = { plugin: GOOD, args: ['ASIAAGAIN', '--expires-in', '3600'], options };
    const first = await obtainCredentials(invocation, context);
    expect(context.processEnv?.[ACTIVE_KEYS_ENV]).toBeUndefined();
    const second = await obtainCredentials(invocation, context);
    const third = await obtainCredentials({ ...invocation, options: { ...options, noCache: true } }, context);
    expect(second.origin).toBe('cache');
    expect(second.source).toBeUndefined(); // a hit imports no plugin
    expect(second.document).toEqual(first.document);
    expect(third.origin).toBe('plugin');
    expect(context.processEnv?.[ACTIVE_KEYS_ENV]).toBeUndefined();
    expect(readdirSync(cacheDir).filter((name) => /^[0-9a-f]{64}\.json$/u.test(name))).toHaveLength(1);
  });

  test('a cache entry core refuses (a newline in the key id) is a miss: fetched again, never returned', async () => {
    const { context, options, cacheDir, lines } = setUp();
    const invocation = { plugin: GOOD, args: ['ASIATAMPER', '--expires-in', '3600'], options: { ...options, verbose: true } };
    await obtainCredentials(invocation, context);
    const entry = readdirSync(cacheDir).find((name) => /^[0-9a-f]{64}\.json$/u.test(name))!;
    const future = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/u, 'Z');
    writeFileSync(
      join(cacheDir, entry),
      JSON.stringify({
        format: 'cred-launch-cache/1',
        storedAt: Date.now(),
        serveUntil: Date.now() + 3_000_000,
        credentials: { AccessKeyId: 'ASIABAD\nINJECTED', SecretAccessKey: 'x', Expiration: future },
      }),
      { mode: 0o600 },
    );
    const again = await obtainCredentials(invocation, context);
    expect(again.origin).toBe('plugin');
    expect(again.document.AccessKeyId).toBe('ASIATAMPER');
    // Refused by the cache's reader (core's validateCredentials), or by the engine's own check: never served.
    expect(lines).not.toContain('cache hit');
  });

  test("what the plugin returns is validated: INVALID_SECRET, nothing returned, the plugin's values redacted", async () => {
    const { context, options } = setUp();
    const error = await failure(obtainCredentials({ plugin: join(FIXTURES, 'invalid-output.mjs'), args: [], options: { ...options, noCache: true } }, context));
    expect(isCredentialError(error, 'INVALID_SECRET')).toBe(true);
  });

  test("the plugin's --help is not a credential call: USAGE, before anything runs", async () => {
    const { context, options } = setUp();
    const error = await failure(obtainCredentials({ plugin: GOOD, args: ['--help'], options }, context));
    expect(isCredentialError(error, 'USAGE')).toBe(true);
    expect((error as Error).message).toMatch(/ask for help, not credentials/u);
  });

  test("a plugin's own TIMEOUT (with its hint) wins over the engine's generic one", async () => {
    const { context, options } = setUp();
    const started = Date.now();
    const error = await failure(obtainCredentials({ plugin: join(FIXTURES, 'own-timeout.mjs'), args: [], options: { ...options, timeoutSeconds: 0.3, noCache: true } }, context));
    expect(isCredentialError(error, 'TIMEOUT')).toBe(true);
    expect((error as Error).message).toBe('own-timeout: the vault app did not answer in time');
    expect((error as { hint?: string }).hint).toMatch(/approve the prompt/u);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a plugin that ignores the signal still ends with the generic TIMEOUT', async () => {
    const { context, options } = setUp();
    const error = await failure(obtainCredentials({ plugin: join(FIXTURES, 'hang.mjs'), args: [], options: { ...options, timeoutSeconds: 0.3, noCache: true } }, context));
    expect(isCredentialError(error, 'TIMEOUT')).toBe(true);
    expect((error as Error).message).toMatch(/gave up after 0\.3s|did not finish within 0\.3s/u);
  });
});
