// Node 22.1+'s compile cache, kept in cred-launch's private cache directory:
// required by bin/cred-launch.js on that Node only (and by the tests), so
// that the bin, which is compiled from source on every call, does not carry
// this code on Node 20 (package README, "Third round").
'use strict';

const { lstatSync, mkdirSync } = require('node:fs');
const { join, posix, win32 } = require('node:path');

/**
 * cred-launch's cache directory, found as src/cache/cache-dir.ts finds it
 * (test/compile-cache-dir.test.ts keeps the two in step), before any module
 * is loaded; undefined where that needs more than the environment (no HOME,
 * a relative CRED_LAUNCH_CACHE_DIR).
 */
function privateCacheDirectory(env, platform) {
  const isAbsolute = (platform === 'win32' ? win32 : posix).isAbsolute;
  if (env.CRED_LAUNCH_CACHE_DIR) return isAbsolute(env.CRED_LAUNCH_CACHE_DIR) ? env.CRED_LAUNCH_CACHE_DIR : undefined;
  const xdg = (value) => (value && isAbsolute(value) ? value : undefined);
  const runtimeDir = xdg(env.XDG_RUNTIME_DIR);
  if (runtimeDir) return join(runtimeDir, 'cred-launch');
  const home = platform === 'win32' ? env.USERPROFILE : env.HOME;
  if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'cred-launch', 'Cache') : home && join(home, 'AppData', 'Local', 'cred-launch', 'Cache');
  if (!home) return undefined;
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'cred-launch');
  return join(xdg(env.XDG_CACHE_HOME) ?? join(home, '.cache'), 'cred-launch');
}

/**
 * Node 22.1+'s compile cache, kept in `compile-cache/` of cred-launch's
 * private cache directory: Node's default, os.tmpdir()/node-compile-cache,
 * is shared by every user, and a cache file is code Node runs, so one
 * planted there would run in the process that handles credentials. The
 * directory (created 0700 when absent) must be ours, not a symlink, and
 * writable by no one else; otherwise no compile cache at all.
 */
function enablePrivateCompileCache() {
  const dir = privateCacheDirectory(process.env, process.platform);
  if (dir === undefined) return;
  try {
    let stats;
    try {
      stats = lstatSync(dir);
    } catch {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      stats = lstatSync(dir);
    }
    if (!stats.isDirectory()) return;
    if (process.platform !== 'win32' && (stats.uid !== process.getuid() || (stats.mode & 0o022) !== 0)) return;
    require('node:module').enableCompileCache(join(dir, 'compile-cache'));
  } catch {
    // no compile cache: compiled from source
  }
}

module.exports = { enablePrivateCompileCache, privateCacheDirectory };
