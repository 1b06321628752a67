import { isAbsolute, join, resolve } from 'node:path';

/**
 * Resolves a path the user wrote in a flag or VAULT_* variable: a leading
 * `~/` against the home directory (credential_process runs without a shell,
 * so nothing else expands it), a relative path against the working directory.
 */
export function resolveUserPath(path: string, dirs: { cwd: string; homedir: string }): string {
  if (path === '~') return dirs.homedir;
  if (path.startsWith('~/')) return join(dirs.homedir, path.slice(2));
  return isAbsolute(path) ? path : resolve(dirs.cwd, path);
}
