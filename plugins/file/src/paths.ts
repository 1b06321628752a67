import { isAbsolute, join, resolve } from 'node:path';

/**
 * Resolves a path from the command line. credential_process runs without a
 * shell on most SDKs, so a `~/` the user wrote arrives literally: expand it
 * against the home directory instead of looking for a directory named `~`.
 * Relative paths resolve against the caller's working directory.
 */
export function resolveUserPath(path: string, cwd: string, homedir: string): string {
  if (path === '~') return homedir;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homedir, path.slice(2));
  return isAbsolute(path) ? path : resolve(cwd, path);
}
