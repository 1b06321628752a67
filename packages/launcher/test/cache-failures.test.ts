/**
 * A cache that cannot be used never costs the credentials: through the built
 * bin, a full file system (a 64 KiB tmpfs), a read-only mount, a directory an
 * unprivileged user cannot write (EACCES), a cache path that is a file, a
 * symbolic link or another user's directory: exit 0, the credentials on
 * stdout, ONE stderr line naming the cache (not the plugin), no temp file.
 * Mounts and user switches need root; those tests skip cleanly without it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN, FIXTURES, runLauncher, tempDir, type RunResult } from './helpers/spawn.js';

const IS_ROOT = process.getuid?.() === 0;
const good = join(FIXTURES, 'good.mjs');
const ARGS = [good, 'AKIACACHEFAILURE01', '--expires-in', '3600'];
const mounts: string[] = [];

afterAll(() => {
  for (const mount of mounts.reverse()) spawnSync('umount', [mount]);
});

/** Mounts as root; false (and the test skips) where mounting is not allowed. */
function tryMount(args: string[], at: string): boolean {
  const result = spawnSync('mount', [...args, at], { stdio: 'ignore' });
  if (result.status !== 0) return false;
  mounts.push(at);
  return true;
}

/** Every file below `dir`, for the no-debris check. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

function expectServedWithOneWarning(result: RunResult, cacheDir: string, why: RegExp): void {
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1, AccessKeyId: 'AKIACACHEFAILURE01' });
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`cred-launch: warning: credentials not cached: cannot use the cache in ${cacheDir}`);
  expect(lines[0]).toMatch(why);
  expect(lines[0]).toContain('CRED_LAUNCH_CACHE_DIR');
  // The plugin did nothing wrong: it is not named.
  expect(lines[0]).not.toMatch(/plugin|good/u);
}

describe.skipIf(process.platform === 'win32')('a cache that cannot be used (built bin)', () => {
  test.skipIf(!IS_ROOT)('a full file system (64 KiB tmpfs as XDG_RUNTIME_DIR): credentials printed, one line, no *.tmp left', async (context) => {
    const runtime = tempDir();
    if (!tryMount(['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs'], runtime)) context.skip();
    // Fill it: dd stops at ENOSPC.
    spawnSync('dd', ['if=/dev/zero', `of=${join(runtime, 'filler')}`, 'bs=4096'], { stdio: 'ignore' });
    const cacheDir = join(runtime, 'cred-launch');
    const result = await runLauncher(ARGS, { env: { XDG_RUNTIME_DIR: runtime, CRED_LAUNCH_CACHE_DIR: '' } });
    expectServedWithOneWarning(result, cacheDir, /free space there/u);
    expect(filesUnder(runtime).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(filesUnder(runtime).filter((name) => name.endsWith('.json'))).toEqual([]);
  });

  test.skipIf(!IS_ROOT)('a full file system where the lock still fits: the entry write fails, its temp file is removed', async (context) => {
    const runtime = tempDir();
    if (!tryMount(['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs'], runtime)) context.skip();
    const cacheDir = join(runtime, 'cache');
    mkdirSync(cacheDir, { mode: 0o700 });
    spawnSync('dd', ['if=/dev/zero', `of=${join(runtime, 'filler')}`, 'bs=4096'], { stdio: 'ignore' });
    const result = await runLauncher(ARGS, { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } });
    expectServedWithOneWarning(result, cacheDir, /free space there/u);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  test.skipIf(!IS_ROOT)('a read-only mount: credentials printed, one line', async (context) => {
    const root = tempDir();
    const cacheDir = join(root, 'cache');
    mkdirSync(cacheDir, { mode: 0o700 });
    if (!tryMount(['--bind', cacheDir], cacheDir)) context.skip();
    if (spawnSync('mount', ['-o', 'remount,ro,bind', cacheDir], { stdio: 'ignore' }).status !== 0) context.skip();
    const result = await runLauncher(ARGS, { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } });
    expectServedWithOneWarning(result, cacheDir, /read-only/u);
  });

  test.skipIf(!IS_ROOT || spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status !== 0)(
    'an unprivileged user whose cache directory is mode 0500 (EACCES; was 78 "cannot lock the cache")',
    () => {
      const root = tempDir();
      chmodSync(root, 0o755);
      const cacheDir = join(root, 'cache');
      mkdirSync(cacheDir, { mode: 0o500 });
      chownSync(cacheDir, 65534, 65534);
      const result = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...ARGS], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: root, CRED_LAUNCH_CACHE_DIR: cacheDir },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expectServedWithOneWarning({ code: result.status, stdout: result.stdout, stderr: result.stderr }, cacheDir, /not writable by you/u);
      expect(readdirSync(cacheDir)).toEqual([]);
    },
  );

  test('the cache path is a regular file: credentials printed, one line', async () => {
    const cacheDir = join(tempDir(), 'cache');
    writeFileSync(cacheDir, 'not a directory');
    expectServedWithOneWarning(await runLauncher(ARGS, { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } }), cacheDir, /not a directory/u);
  });

  test('the cache path is a symbolic link: not followed, nothing written through it, credentials printed', async () => {
    const root = tempDir();
    const target = join(root, 'elsewhere');
    mkdirSync(target, { mode: 0o700 });
    const cacheDir = join(root, 'cache');
    symlinkSync(target, cacheDir);
    expectServedWithOneWarning(await runLauncher(ARGS, { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } }), cacheDir, /symbolic link/u);
    expect(readdirSync(target)).toEqual([]);
  });

  test.skipIf(!IS_ROOT)('a cache directory owned by another user: nothing written there, credentials printed', async () => {
    const cacheDir = join(tempDir(), 'cache');
    mkdirSync(cacheDir, { mode: 0o700 });
    chownSync(cacheDir, 65534, 65534);
    expectServedWithOneWarning(await runLauncher(ARGS, { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } }), cacheDir, /belongs to uid 65534/u);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  test('a usable cache gives no warning at all (control)', async () => {
    const cacheDir = join(tempDir(), 'cache');
    const result = await runLauncher(ARGS, { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.json'))).toHaveLength(1);
  });
});
