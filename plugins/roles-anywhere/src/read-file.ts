// Callback fs rather than fs/promises: node:fs is already loaded by Node itself,
// while fs/promises pulls in more internals on every cold call.
import { close, fstat, open, read, type Stats } from 'node:fs';
import { rolesAnywhereError } from './errors.js';

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
  if (code === 'ENOENT' || code === 'ENOTDIR') return rolesAnywhereError('NOT_FOUND', `${what} not found: ${path}`, 'check the path (relative paths are taken from the current directory)');
  if (code === 'EACCES' || code === 'EPERM') return rolesAnywhereError('CONFIG', `cannot read ${what} ${path}: permission denied`, 'check the file belongs to you and is readable by you');
  return rolesAnywhereError('CONFIG', `cannot read ${what} ${path} (${code ?? 'unknown error'})`, 'check the path and its permissions', error);
}

/**
 * Reads a regular file of at most 1 MiB. A FIFO or device is refused from
 * its fstat before any read, so a wrong path cannot block the process.
 */
export function readSmallFile(path: string, what: string): Promise<SmallFile> {
  return new Promise((resolve, reject) => {
    open(path, 'r', (openFailure, fd) => {
      if (openFailure) return reject(openError(openFailure, path, what));
      const finish = (error: Error | undefined, file?: SmallFile): void => {
        close(fd, () => (error === undefined ? resolve(file!) : reject(error)));
      };
      fstat(fd, (statFailure, stat) => {
        if (statFailure) return finish(openError(statFailure, path, what));
        if (stat.isDirectory()) return finish(rolesAnywhereError('CONFIG', `${what} ${path} is a directory`, 'give the path of a file'));
        if (!stat.isFile()) return finish(rolesAnywhereError('CONFIG', `${what} ${path} is not a regular file`, 'give the path of a file'));
        if (stat.size > MAX_BYTES) return finish(rolesAnywhereError('CONFIG', `${what} ${path} is ${stat.size} bytes, too large for a certificate or key`, 'check the path'));
        const buffer = Buffer.alloc(stat.size);
        read(fd, buffer, 0, stat.size, 0, (readFailure, bytesRead) => {
          if (readFailure) return finish(openError(readFailure, path, what));
          finish(undefined, { bytes: buffer.subarray(0, bytesRead), stat });
        });
      });
    });
  });
}
