import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, FIXTURES, runLauncher, tempDir } from './helpers/spawn.js';

// The cache hit on Node 20 runs dist/fast-path.cjs from V8's code cache made
// at build time (scripts/train-code-cache.cjs); these check the cache is
// really used, that a bad one changes nothing but speed, and the fast path's
// home directory without node:os.
const good = join(FIXTURES, 'good.mjs');
const PACKAGE = join(dirname(BIN), '..');
const FAST_PATH = join(PACKAGE, 'dist', 'fast-path.cjs');
const hitArgs = [good, 'ASIACODECACHE', '--expires-in', '3600'];

interface ChildAnswer {
  served: unknown;
  rejected: boolean | undefined;
  stdout: string;
}

/** serveFromCache(argv) in a child, loaded through the bin's own compileFastPath with `cacheFile` or none. */
function serveThroughBinLoader(argv: readonly string[], env: Record<string, string>, cacheFile: string | undefined): ChildAnswer {
  const script = `
    const { readFileSync } = require('node:fs');
    const { compileFastPath } = require(${JSON.stringify(BIN)});
    const file = ${JSON.stringify(cacheFile ?? null)};
    const cachedData = file === null ? undefined : readFileSync(file);
    const { script, fastPath } = compileFastPath(${JSON.stringify(FAST_PATH)}, cachedData);
    fastPath.serveFromCache(${JSON.stringify(argv)}).then((served) => {
      process.stderr.write(JSON.stringify({ served, rejected: cachedData === undefined ? undefined : script.cachedDataRejected }));
    });`;
  const result = spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  expect(result.status).toBe(0);
  return { ...(JSON.parse(result.stderr) as Omit<ChildAnswer, 'stdout'>), stdout: result.stdout };
}

describe("the fast path's code cache (Node 20)", () => {
  test('the built cache is accepted by this Node, and a hit is served with it', async () => {
    expect(existsSync(`${FAST_PATH}.v8-cache`)).toBe(true);
    const env = { CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache') };
    const fill = await runLauncher(hitArgs, { env });
    expect(fill.code).toBe(0);
    const answer = serveThroughBinLoader(hitArgs, env, `${FAST_PATH}.v8-cache`);
    expect(answer).toEqual({ served: 'served', rejected: false, stdout: fill.stdout });
  });

  test('a corrupt cache is refused by V8 and the hit is served all the same, through the real bin too', async () => {
    const work = tempDir();
    const garbage = join(work, 'garbage.v8-cache');
    writeFileSync(garbage, 'not a V8 code cache at all, just bytes'.repeat(64));
    const env = { CRED_LAUNCH_CACHE_DIR: join(work, 'cache') };
    const fill = await runLauncher(hitArgs, { env });
    expect(serveThroughBinLoader(hitArgs, env, garbage)).toEqual({ served: 'served', rejected: true, stdout: fill.stdout });

    // A copy of the installed launcher whose cache file is garbage.
    const copy = join(work, 'cred-launch');
    for (const part of ['bin', 'dist', 'package.json']) cpSync(join(PACKAGE, part), join(copy, part), { recursive: true });
    symlinkSync(join(PACKAGE, 'node_modules'), join(copy, 'node_modules'), 'dir');
    cpSync(garbage, join(copy, 'dist', 'fast-path.cjs.v8-cache'));
    const hit = spawnSync(process.execPath, [join(copy, 'bin', 'cred-launch.js'), ...hitArgs], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
    expect({ status: hit.status, stdout: hit.stdout, stderr: hit.stderr }).toEqual({ status: 0, stdout: fill.stdout, stderr: '' });
  });

  test('without a cache file the module is compiled from source and still serves', async () => {
    const env = { CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache') };
    const fill = await runLauncher(hitArgs, { env });
    expect(serveThroughBinLoader(hitArgs, env, undefined)).toEqual({ served: 'served', rejected: undefined, stdout: fill.stdout });
  });
});

describe("the fast path's home directory", () => {
  // No CRED_LAUNCH_CACHE_DIR or XDG variables: the cache is under $HOME/.cache,
  // where the full launcher (os.homedir(), which reads HOME first) put it.
  const homeOnly = (home: string): Record<string, string> => ({ HOME: home, CRED_LAUNCH_CACHE_DIR: '', XDG_RUNTIME_DIR: '', XDG_CACHE_HOME: '' });

  test('is HOME, as os.homedir() finds it', async () => {
    const home = tempDir();
    const fill = await runLauncher(hitArgs, { env: homeOnly(home) });
    expect(fill.code).toBe(0);
    expect(readdirSync(join(home, '.cache', 'cred-launch')).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect(serveThroughBinLoader(hitArgs, homeOnly(home), undefined)).toEqual({ served: 'served', rejected: undefined, stdout: fill.stdout });
  });

  test('without HOME the full launcher answers (the fast path serves nothing)', () => {
    const answer = serveThroughBinLoader(hitArgs, { ...homeOnly(''), HOME: '' }, undefined);
    expect(answer).toEqual({ served: 'not-served', rejected: undefined, stdout: '' });
  });
});
