import type { Stats } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { CredentialError, isCredentialError, readRegularFile } from '@cred-launch/core';

/** Options for {@link readTokenFile}. */
export interface ReadTokenFileOptions {
  /** Relative paths are resolved against it. */
  readonly cwd: string;
  /** `~/` expands to it. */
  readonly homedir: string;
  /** Checked for ownership. @default process.getuid() where it exists */
  readonly uid?: number;
  /** Skip the permission checks (Windows has no POSIX modes). @default process.platform === 'win32' */
  readonly skipPermissionCheck?: boolean;
}

function configError(message: string, hint: string, cause?: unknown): CredentialError {
  return new CredentialError('CONFIG', `1password: ${message}`, { hint, cause });
}

/** The absolute path `--token-file` names. */
export function tokenFilePath(path: string, options: Pick<ReadTokenFileOptions, 'cwd' | 'homedir'>): string {
  const expanded = path === '~' ? options.homedir : path.startsWith('~/') ? `${options.homedir}${path.slice(1)}` : path;
  return isAbsolute(expanded) ? expanded : resolve(options.cwd, expanded);
}

/**
 * Reads a service account token from a file, refusing — as ssh does with
 * private keys — a file any other user could read or write, or one owned by
 * someone else. Checks the opened descriptor, so the file checked is the file read.
 */
export async function readTokenFile(path: string, options: ReadTokenFileOptions): Promise<string> {
  const absolute = tokenFilePath(path, options);
  let bytes: Buffer;
  let stats: Stats;
  try {
    // Non-blocking open + fstat of the descriptor: a FIFO, device or directory
    // is refused (CONFIG, "not a regular file") before any read, so it cannot block.
    ({ bytes, stat: stats } = await readRegularFile(absolute, { what: '1password: token file', maxBytes: 64 * 1024, hint: 'point --token-file at the file holding the token' }));
  } catch (error) {
    // This plugin's wording since its first version, with core's reason as the cause (--verbose).
    if (isCredentialError(error, 'CONFIG') && error.message.endsWith('not a regular file')) {
      throw configError(`token file ${absolute} is not a regular file`, 'point --token-file at the file holding the token', error);
    }
    if (isCredentialError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw configError(`token file ${absolute} does not exist`, 'check the --token-file path', error);
    if (code === 'EACCES') throw configError(`token file ${absolute} cannot be read`, 'make it readable by you only: chmod 600', error);
    throw configError(`token file ${absolute} cannot be opened (${code ?? 'error'})`, 'check the --token-file path', error);
  }
  const skip = options.skipPermissionCheck ?? process.platform === 'win32';
  if (!skip) {
    const uid = options.uid ?? process.getuid?.();
    if (uid !== undefined && stats.uid !== uid) {
      throw configError(`token file ${absolute} is not owned by you`, `a token file must belong to the user running cred-launch: chown it, then chmod 600 ${absolute}`);
    }
    const mode = stats.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw configError(`permissions ${mode.toString(8).padStart(4, '0')} on token file ${absolute} are too open`, `the token must be readable by you only: chmod 600 ${absolute}`);
    }
  }
  const token = bytes.toString('utf8').trim();
  if (token === '') throw configError(`token file ${absolute} is empty`, 'write the service account token into it (one line, starting with "ops_")');
  return token;
}
