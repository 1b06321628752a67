import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isCredentialError } from '@cred-launch/core';
import { fileError } from './errors.js';

/** Options for {@link writeFileSecure}. */
export interface WriteSecureOptions {
  /** Replace an existing file (`--force`). @default false */
  overwrite: boolean;
  /** Names the file in messages, e.g. `output file`. */
  what: string;
  /** Hint when the file exists and `overwrite` is false. */
  existsHint: string;
}

/** True when something (even a dangling symlink) is at `path`. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function existsError(path: string, options: WriteSecureOptions): Error {
  return fileError('CONFIG', `${options.what} ${path} already exists`, options.existsHint);
}

/**
 * Writes `data` to `path` with mode 0600, atomically: a temporary file in the
 * same directory (created 0600 from the first byte, so no one can open it in
 * between), flushed, then moved into place. Without `overwrite` the move is a
 * hard link, which fails if the target appeared meanwhile, so nothing is ever
 * clobbered; where hard links are unsupported it falls back to check + rename.
 * A missing parent directory is created 0700.
 */
export async function writeFileSecure(path: string, data: Buffer, options: WriteSecureOptions): Promise<void> {
  try {
    await writeAtomically(path, data, options);
  } catch (error) {
    if (isCredentialError(error)) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
    throw fileError('CONFIG', `cannot write ${options.what} ${path} (${code})`, 'check the directory exists and is writable by you', error);
  }
}

async function writeAtomically(path: string, data: Buffer, options: WriteSecureOptions): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const temporary = join(directory, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  let placed = false;
  try {
    await handle.chmod(0o600);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    if (options.overwrite) {
      await rename(temporary, path);
      placed = true;
      return;
    }
    try {
      await link(temporary, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw existsError(path, options);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
      if (await pathExists(path)) throw existsError(path, options);
      await rename(temporary, path);
      placed = true;
    }
  } finally {
    await handle.close().catch(() => undefined);
    if (!placed) await unlink(temporary).catch(() => undefined);
  }
}
