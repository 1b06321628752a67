import type { Stats } from 'node:fs';
import { isCredentialError, readRegularFile } from '@cred-launch/core';
import { PLUGIN_NAME, rolesAnywhereError } from './errors.js';

/** What {@link readSmallFile} returns: the bytes and the stat of the very file read. */
export interface SmallFile {
  bytes: Buffer;
  /** From fstat on the open descriptor, so permission checks see the file actually read. */
  stat: Stats;
}

/** Certificates, bundles and keys are a few kilobytes; anything past this is not one. */
const MAX_BYTES = 1024 * 1024;

function openError(error: unknown, path: string, what: string): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return rolesAnywhereError('NOT_FOUND', `${what} not found: ${path}`, 'check the path (relative paths are taken from the current directory)');
  if (code === 'EACCES' || code === 'EPERM')
    return rolesAnywhereError('CONFIG', `cannot read ${what} ${path}: permission denied`, 'check the file belongs to you and is readable by you');
  return rolesAnywhereError('CONFIG', `cannot read ${what} ${path} (${code ?? 'unknown error'})`, 'check the path and its permissions', error);
}

/**
 * Reads a regular file of at most 1 MiB through core's non-blocking reader:
 * a FIFO, device or directory is refused (CONFIG) from the descriptor's fstat
 * before any read, and the open itself cannot wait for a FIFO's writer.
 */
export async function readSmallFile(path: string, what: string): Promise<SmallFile> {
  try {
    return await readRegularFile(path, { what: `${PLUGIN_NAME}: ${what}`, maxBytes: MAX_BYTES, hint: 'give the path of a file' });
  } catch (error) {
    if (isCredentialError(error)) throw error;
    throw openError(error, path, what);
  }
}
