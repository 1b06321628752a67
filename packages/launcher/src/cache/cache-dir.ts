import { chmodSync, lstatSync, mkdirSync, type Stats } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import { CredentialError } from '@cred-launch/core';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the cache lives: `CRED_LAUNCH_CACHE_DIR` if set, else
 * `$XDG_RUNTIME_DIR/cred-launch` (a per-user tmpfs, gone at logout), else
 * the platform's per-user cache directory.
 */
export function cacheDirectory(env: Env, homedir: string | (() => string), platform: NodeJS.Platform = process.platform): string {
  // A function is asked only when a default location needs the home directory.
  const home = (): string => (typeof homedir === 'string' ? homedir : homedir());
  // A relative path would put the cache in whatever directory the AWS tool
  // runs in: a cloned repository could then ship a ready-made entry (files a
  // clone creates are ours, so the ownership check passes) and be served.
  const isAbsolute = (platform === 'win32' ? win32 : posix).isAbsolute;
  if (env.CRED_LAUNCH_CACHE_DIR) {
    if (!isAbsolute(env.CRED_LAUNCH_CACHE_DIR)) {
      throw new CredentialError('CONFIG', `CRED_LAUNCH_CACHE_DIR must be an absolute path (got "${env.CRED_LAUNCH_CACHE_DIR}")`, {
        hint: 'a relative cache directory would follow the current directory; give an absolute one',
      });
    }
    return env.CRED_LAUNCH_CACHE_DIR;
  }
  // The XDG base directory spec: a relative value is invalid and must be ignored.
  const xdg = (value: string | undefined): string | undefined => (value && isAbsolute(value) ? value : undefined);
  const runtimeDir = xdg(env.XDG_RUNTIME_DIR);
  if (runtimeDir) return join(runtimeDir, 'cred-launch');
  if (platform === 'darwin') return join(home(), 'Library', 'Caches', 'cred-launch');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home(), 'AppData', 'Local'), 'cred-launch', 'Cache');
  return join(xdg(env.XDG_CACHE_HOME) ?? join(home(), '.cache'), 'cred-launch');
}

function unsafe(dir: string, why: string): CredentialError {
  return new CredentialError('CONFIG', `refusing to use cache directory ${dir}: ${why}`, {
    hint: 'remove it or point CRED_LAUNCH_CACHE_DIR elsewhere (or run with --no-cache)',
  });
}

/**
 * Checks the cache directory is a real directory owned by this user and
 * closed to others, creating it 0700 when absent. A directory with looser
 * permissions that we own is tightened; a symlink or a foreign owner is refused.
 */
export function ensureCacheDirectory(dir: string, create: boolean): boolean {
  let stats;
  try {
    stats = lstatSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unsafe(dir, (error as NodeJS.ErrnoException).code ?? 'unreadable');
    if (!create) return false;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    stats = lstatSync(dir);
  }
  const problem = foreignDirectoryProblem(stats);
  if (problem !== undefined) throw unsafe(dir, problem);
  if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  return true;
}

/**
 * Why a directory (its lstat) is not one this user may keep a cache in: a
 * symbolic link, not a directory, or another user's (where there are owners);
 * undefined when it may be. What to do about its mode is the caller's: the
 * credential cache tightens it, the code cache (../code-cache/code-cache-dir.ts)
 * refuses a loose one.
 */
export function foreignDirectoryProblem(stats: Stats): string | undefined {
  if (stats.isSymbolicLink()) return 'it is a symbolic link';
  if (!stats.isDirectory()) return 'it is not a directory';
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) return `it belongs to uid ${stats.uid}`;
  return undefined;
}
