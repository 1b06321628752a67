/**
 * The hit path checks what it serves (issue 14, item 8), through the built
 * bin: the fast path (a plain call) and the full launcher (--verbose skips
 * the fast path) both refuse an entry that is not private to us (mode, owner)
 * or whose fields fail core's validation, and fetch again instead.
 */
import { chmodSync, chownSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, runLauncher, tempDir } from './helpers/spawn.js';

const IS_ROOT = process.getuid?.() === 0;
const good = join(FIXTURES, 'good.mjs');
const FETCHED = 'AKIAFETCHEDBYPLUGIN1';
const ALTERED = 'AKIAALTEREDONDISK001';

interface Prepared {
  env: Record<string, string>;
  entry: string;
}

/** A cache holding one valid entry for `good.mjs FETCHED`, rewritten to say ALTERED (still mode 0600). */
async function primedAndAltered(): Promise<Prepared> {
  const cacheDir = join(tempDir(), 'cache');
  const env = { CRED_LAUNCH_CACHE_DIR: cacheDir };
  expect((await runLauncher([good, FETCHED, '--expires-in', '3600'], { env })).code).toBe(0);
  const names = readdirSync(cacheDir).filter((name) => name.endsWith('.json'));
  expect(names).toHaveLength(1);
  const entry = join(cacheDir, names[0] as string);
  edit(entry, (credentials) => {
    credentials.AccessKeyId = ALTERED;
  });
  return { env, entry };
}

function edit(entry: string, change: (credentials: Record<string, unknown>) => void): void {
  const stored = JSON.parse(readFileSync(entry, 'utf8')) as { credentials: Record<string, unknown> };
  change(stored.credentials);
  writeFileSync(entry, JSON.stringify(stored));
}

async function served(prepared: Prepared, path: 'fast path' | 'full launcher'): Promise<string> {
  const verbose = path === 'full launcher' ? ['--verbose'] : [];
  const result = await runLauncher([...verbose, good, FETCHED, '--expires-in', '3600'], { env: prepared.env });
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { AccessKeyId: string }).AccessKeyId;
}

describe.skipIf(process.platform === 'win32')('the hit path checks what it serves (built bin)', () => {
  for (const path of ['fast path', 'full launcher'] as const) {
    test(`${path}: a private, valid entry is served as stored (control: edits are visible)`, async () => {
      const prepared = await primedAndAltered();
      expect(await served(prepared, path)).toBe(ALTERED);
    });

    test(`${path}: an entry chmod'ed to 0644 is a miss: fetched again and stored 0600`, async () => {
      const prepared = await primedAndAltered();
      chmodSync(prepared.entry, 0o644);
      expect(await served(prepared, path)).toBe(FETCHED);
      expect(statSync(prepared.entry).mode & 0o777).toBe(0o600);
    });

    test.skipIf(!IS_ROOT)(`${path}: an entry owned by another uid is a miss`, async () => {
      const prepared = await primedAndAltered();
      chownSync(prepared.entry, 65534, 65534);
      expect(await served(prepared, path)).toBe(FETCHED);
      expect(statSync(prepared.entry).uid).toBe(process.getuid?.());
    });

    test(`${path}: an AccessKeyId with a newline is a miss`, async () => {
      const prepared = await primedAndAltered();
      edit(prepared.entry, (credentials) => {
        credentials.AccessKeyId = `${ALTERED}\nX`;
      });
      expect(await served(prepared, path)).toBe(FETCHED);
    });
  }

  test.each([
    ['a SecretAccessKey with a control character', (c: Record<string, unknown>) => void (c.SecretAccessKey = 'secret\u0007key')],
    ['a SessionToken with a space', (c: Record<string, unknown>) => void (c.SessionToken = 'token with space')],
    ['an Expiration that is not a date', (c: Record<string, unknown>) => void (c.Expiration = 'soon')],
    ['an Expiration in the past', (c: Record<string, unknown>) => void (c.Expiration = '2001-01-01T00:00:00Z')],
    ['an AccountId that is not 12 digits', (c: Record<string, unknown>) => void (c.AccountId = '123')],
    ['an AccessKeyId that is not a string', (c: Record<string, unknown>) => void (c.AccessKeyId = 42)],
  ])('%s is a miss', async (_what, change) => {
    const prepared = await primedAndAltered();
    edit(prepared.entry, change);
    expect(await served(prepared, 'fast path')).toBe(FETCHED);
  });
});
