// Callback fs rather than fs/promises: node:fs is already loaded by Node itself,
// while fs/promises pulls in streams and readline internals on every cold call.
import { close, constants, fstat, open, read, type Stats } from 'node:fs';
import { abortable, type CredentialError } from '@cred-launch/core';
import { fileError } from './errors.js';

/** What {@link readBounded} returns: the bytes and the stat of the very file read. */
export interface BoundedRead {
  bytes: Buffer;
  /** From fstat on the open descriptor, so permission checks see the file actually read. */
  stat: Stats;
}

/** Options for {@link readBounded}. */
export interface ReadBoundedOptions {
  /** Names the file in messages, e.g. `encrypted file` or `key file`. */
  what: string;
  /** Refuse anything larger: a credentials file is a few hundred bytes, never megabytes. */
  maxBytes: number;
  signal: AbortSignal;
  /** Hint for a missing file. */
  missingHint: string;
}

function openError(error: unknown, path: string, options: ReadBoundedOptions): CredentialError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return fileError('NOT_FOUND', `${options.what} not found: ${path}`, options.missingHint);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return fileError('CONFIG', `cannot read ${options.what} ${path}: permission denied`, 'check the file belongs to you and is readable by you (chmod 600)');
  }
  if (code === 'EISDIR') {
    return fileError('CONFIG', `${options.what} ${path} is a directory`, 'give the path of a file');
  }
  return fileError('CONFIG', `cannot read ${options.what} ${path} (${code ?? 'unknown error'})`, 'check the path and its permissions', error);
}

// O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer, inside
// a libuv thread that process.exit() then waits for, forever. O_NOCTTY: a
// terminal named as the file must not become our controlling terminal.
// Neither changes how a regular file is read.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

function openFile(path: string): Promise<number> {
  return new Promise((resolve, reject) => open(path, OPEN_FLAGS, (error, fd) => (error ? reject(error) : resolve(fd))));
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function statFile(fd: number): Promise<Stats> {
  return new Promise((resolve, reject) => fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats))));
}

function readChunk(fd: number, buffer: Buffer): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buffer, 0, buffer.length, null, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
}

function closeFile(fd: number): void {
  close(fd, () => undefined);
}

async function readAll(fd: number, maxBytes: number, signal: AbortSignal): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    signal.throwIfAborted();
    const chunk = Buffer.alloc(Math.min(65536, maxBytes + 1 - total));
    const bytesRead = await abortable(readChunk(fd, chunk), signal);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) return undefined;
  }
}

/**
 * Reads a whole regular file, at most `maxBytes`, honouring the abort signal,
 * and maps every failure to a one-line CredentialError naming the path.
 * Anything else (FIFO, device, socket, directory) is refused before a byte is read.
 */
export async function readBounded(path: string, options: ReadBoundedOptions): Promise<BoundedRead> {
  const { signal } = options;
  const opening = openFile(path);
  let fd: number;
  try {
    fd = await abortable(opening, signal);
  } catch (error) {
    // If the open completes after we gave up, close what it returns.
    opening.then(closeFile, () => undefined);
    if (signal.aborted) throw error;
    throw openError(error, path, options);
  }
  try {
    const stat = await statFile(fd);
    if (stat.isDirectory()) throw openError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), path, options);
    // Checked before the first read: a FIFO, a device (/dev/zero, a tty) or a
    // socket can block or never end, and none of them is a file we wrote.
    if (!stat.isFile()) {
      throw fileError('CONFIG', `${options.what} ${path} is ${kindOf(stat)}, not a regular file`, `point at the ${options.what} itself (process substitution and pipes are not supported)`);
    }
    let bytes: Buffer | undefined;
    try {
      bytes = await readAll(fd, options.maxBytes, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw openError(error, path, options);
    }
    if (bytes === undefined) {
      throw fileError('CONFIG', `${options.what} ${path} is larger than ${options.maxBytes} bytes`, `is this really the ${options.what}? check the path`);
    }
    return { bytes, stat };
  } finally {
    closeFile(fd);
  }
}
