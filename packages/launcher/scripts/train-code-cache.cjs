#!/usr/bin/env node
// Makes dist/fast-path.cjs.v8-cache: V8's code cache for the cache-hit path
// (and dist/code-cache.cjs.v8-cache, see trainCodeCacheModule),
// which bin/cred-launch.js hands to V8 on Node 20 (Node 22.1+ has its own
// compile cache). V8 compiles a function only when it first runs, and a code
// cache holds only what was compiled, so the cache is taken after the module
// has answered `--version` and a real cache hit, in a throw-away copy of the
// launcher: a plugin installed beside it (found as a global install finds
// one), a cache entry filled by the full launcher, then the hit.
//
// Run by build.mjs after the bundles: `node scripts/train-code-cache.cjs`.
// It prints what the fast path printed (the version and the training
// credentials, which are fake) and exits non-zero unless both were served.
'use strict';

const { spawnSync } = require('node:child_process');
const { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const packageDir = join(__dirname, '..');
const TRAINING_KEY_ID = 'ASIATRAININGCODECACHE';

const trainingPlugin = `export default {
  contractVersion: 1,
  name: 'training',
  description: 'makes the fast path run once while its code cache is taken',
  usage: 'cred-launch training',
  parseArgs: () => ({}),
  getCredentials: async ({ now }) => ({
    accessKeyId: '${TRAINING_KEY_ID}',
    secretAccessKey: 'training-secret-not-a-real-key',
    sessionToken: 'training-session-token',
    expiration: new Date(now().getTime() + 3600 * 1000),
  }),
};
`;

function copyLauncher(work) {
  const copy = join(work, 'cred-launch');
  for (const part of ['bin', 'dist', 'package.json']) cpSync(join(packageDir, part), join(copy, part), { recursive: true });
  // The full launcher's runtime dependencies (proper-lockfile), as installed.
  symlinkSync(join(packageDir, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const plugin = join(work, 'node_modules', '@cred-launch', 'plugin-training');
  mkdirSync(plugin, { recursive: true });
  writeFileSync(
    join(plugin, 'package.json'),
    JSON.stringify({ name: '@cred-launch/plugin-training', version: '0.0.0', type: 'module', exports: './index.js', 'cred-launch': { contract: 1, cacheEnv: ['TRAINING_ENV'] } }),
  );
  writeFileSync(join(plugin, 'index.js'), trainingPlugin);
  return copy;
}

/**
 * dist/code-cache.cjs.v8-cache: the Node 20 code cache's own module, which
 * the bin loads on a cold call. Its functions run here as on a cold call
 * (`--no-cache`: the command line parsed by the module itself),
 * in this throw-away process: a module compiled with no cache yet (written
 * by the exit handler, called here by hand), then the same module again,
 * read back from that cache.
 */
function trainCodeCacheModule(copy, compileFastPath, work) {
  const { script, fastPath: codeCache } = compileFastPath(join(copy, 'dist', 'code-cache.cjs'), undefined);
  const moduleFile = join(work, 'training-module.cjs');
  writeFileSync(moduleFile, 'module.exports = { trained: true };\n');
  const exitListeners = process.listeners('exit');
  // Through the command line, as a `--no-cache` call installs it (a miss's
  // installCodeCache is the same function, called by this one).
  process.env.CRED_LAUNCH_CACHE_DIR = join(work, 'code-cache-training');
  codeCache.installCodeCacheForCommandLine(['--no-cache', 'training']);
  if (require(moduleFile).trained !== true) throw new Error('the code cache hook did not load the training module');
  for (const listener of process.listeners('exit')) {
    if (exitListeners.includes(listener)) continue;
    process.removeListener('exit', listener);
    listener(0);
  }
  delete require.cache[moduleFile];
  if (require(moduleFile).trained !== true) throw new Error('the code cache hook did not load the training module from its cache');
  const target = join(packageDir, 'dist', 'code-cache.cjs.v8-cache');
  writeFileSync(`${target}.tmp`, script.createCachedData());
  renameSync(`${target}.tmp`, target);
}

async function train() {
  const work = mkdtempSync(join(tmpdir(), 'cred-launch-code-cache-'));
  try {
    const copy = copyLauncher(work);
    const bin = join(copy, 'bin', 'cred-launch.js');
    const hitArgs = ['--cache-ttl', '1h', 'training'];
    process.env.CRED_LAUNCH_CACHE_DIR = join(work, 'cache');
    delete process.env.XDG_RUNTIME_DIR;
    const fill = spawnSync(process.execPath, [bin, ...hitArgs], { encoding: 'utf8' });
    if (fill.status !== 0 || !fill.stdout.includes(TRAINING_KEY_ID)) throw new Error(`filling the training cache entry failed (exit ${fill.status}): ${fill.stderr.trim()}`);

    const { compileFastPath } = require(bin);
    const { script, fastPath } = compileFastPath(join(copy, 'dist', 'fast-path.cjs'), undefined);
    for (const argv of [hitArgs]) {
      const served = await fastPath.serveFromCache(argv);
      if (served !== 'served') throw new Error(`the fast path did not serve \`${argv.join(' ')}\` (${JSON.stringify(served)})`);
    }
    // Same bytes as the real dist/fast-path.cjs (a copy), and V8 keys a code
    // cache on the source, not its file name. Renamed into place: a process
    // starting meanwhile reads the old file or the new one, never half of one.
    const target = join(packageDir, 'dist', 'fast-path.cjs.v8-cache');
    writeFileSync(`${target}.tmp`, script.createCachedData());
    renameSync(`${target}.tmp`, target);
    trainCodeCacheModule(copy, compileFastPath, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

train().catch((error) => {
  process.stderr.write(`train-code-cache: ${error.message}\n`);
  process.exitCode = 1;
});
