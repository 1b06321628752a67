import type { Stats } from 'node:fs';
import { abortable } from './abort.js';
import { builtinModule } from './builtin-module.js';
import { CredentialError } from './errors.js';

// Callback fs rather than fs/promises: node:fs is already loaded by Node itself,
// while fs/promises pulls in streams and readline internals on every cold call
// (and so does `import … from 'node:fs'` in an ES module: see ./builtin-module.ts).
const fs = (): typeof import('node:fs') => builtinModule('node:fs') as typeof import('node:fs');

/** Options for {@link readRegularFile} and {@link readRegularFileSync}. */
export interface ReadRegularFileOptions {
  /**
   * Names the file in messages, with the plugin's prefix: `vault: --token-file`
   * gives "vault: --token-file /x is a FIFO (named pipe), not a regular file".
   */
  readonly what: string;
  /**
   * Refuse anything larger (CONFIG): tokens, keys and config files are kilobytes.
   * @default 1048576 (1 MiB)
   */
  readonly maxBytes?: number;
  /**
   * Stop waiting for the open or a read once it aborts (a file on a hung
   * network mount); rejects with the signal's reason. Async form only.
   * @default no signal
   */
  readonly signal?: AbortSignal;
  /**
   * The hint on a refused (not regular, too large) file.
   * @default 'give the path of a regular file (pipes, devices and process substitution are not read)'
   */
  readonly hint?: string;
}

/** What a read returns: the bytes and the fstat of the very descriptor read. */
export interface RegularFileRead {
  readonly bytes: Buffer;
  /** From fstat on the open descriptor, so owner and mode checks see the file actually read. */
  readonly stat: Stats;
}

/** The default bound of {@link ReadRegularFileOptions.maxBytes}. */
export const REGULAR_FILE_MAX_BYTES = 1024 * 1024;

const DEFAULT_HINT = 'give the path of a regular file (pipes, devices and process substitution are not read)';

// O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer — inside
// a libuv thread that process.exit() then waits for, forever (or on the main
// thread, for the sync form). O_NOCTTY: a terminal named as the file must not
// become our controlling terminal. Neither changes how a regular file is read.
function openFlags(): number {
  const { constants } = fs();
  return constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
}

const CHUNK_BYTES = 65536;

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a directory';
  return 'of an unknown kind';
}

function refused(path: string, message: string, options: ReadRegularFileOptions): CredentialError {
  return new CredentialError('CONFIG', `${options.what} ${path} ${message}`, { hint: options.hint ?? DEFAULT_HINT });
}

let nullDeviceRdev: number | undefined;

// `AWS_CONFIG_FILE=/dev/null`, `~/.vault-token -> /dev/null`: a common way to
// say "no such file", which the SDKs and the vault CLI read as empty. The
// null device never blocks and is always empty, so it is the one device let
// through (identified by its device number, so a symlink to it counts too).
function isNullDevice(stat: Stats): boolean {
  if (!stat.isCharacterDevice()) return false;
  if (nullDeviceRdev === undefined) {
    try {
      nullDeviceRdev = fs().statSync((builtinModule('node:os') as typeof import('node:os')).devNull).rdev;
    } catch {
      nullDeviceRdev = -1;
    }
  }
  return stat.rdev === nullDeviceRdev;
}

// Checked on the descriptor before the first read: a FIFO, a device (/dev/zero,
// a tty) or a socket can block or never end; a directory cannot be read.
function checkStat(path: string, stat: Stats, options: ReadRegularFileOptions): number {
  if (!stat.isFile()) throw refused(path, `is ${kindOf(stat)}, not a regular file`, options);
  const maxBytes = options.maxBytes ?? REGULAR_FILE_MAX_BYTES;
  if (stat.size > maxBytes) throw refused(path, `is larger than ${maxBytes} bytes`, options);
  return maxBytes;
}

function tooLarge(path: string, maxBytes: number, options: ReadRegularFileOptions): CredentialError {
  // A file that grew between fstat and read (or a size fstat under-reports).
  return refused(path, `is larger than ${maxBytes} bytes`, options);
}

/**
 * Reads a whole small regular file without ever blocking on what it is: opens
 * with O_NONBLOCK|O_NOCTTY, fstats the descriptor, and refuses a FIFO, device,
 * socket or directory — and a file over `maxBytes` — with CONFIG before a byte
 * is read. The null device (`/dev/null`) is read as an empty file. Errors from open/read themselves (ENOENT, EACCES, …) are passed
 * through unchanged, so each caller keeps its own codes and messages for them.
 */
export async function readRegularFile(path: string, options: ReadRegularFileOptions): Promise<RegularFileRead> {
  const signal = options.signal ?? new AbortController().signal;
  const opening = new Promise<number>((resolve, reject) => fs().open(path, openFlags(), (error, fd) => (error ? reject(error) : resolve(fd))));
  let fd: number;
  try {
    fd = await abortable(opening, signal);
  } catch (error) {
    // If the open completes after we stopped waiting, close what it returns.
    opening.then(
      (late) => fs().close(late, () => undefined),
      () => undefined,
    );
    throw error;
  }
  try {
    const stat = await new Promise<Stats>((resolve, reject) => fs().fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats))));
    if (isNullDevice(stat)) return { bytes: Buffer.alloc(0), stat };
    const maxBytes = checkStat(path, stat, options);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      signal.throwIfAborted();
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const bytesRead = await abortable(
        new Promise<number>((resolve, reject) => fs().read(fd, chunk, 0, chunk.length, null, (error, count) => (error ? reject(error) : resolve(count)))),
        signal,
      );
      if (bytesRead === 0) return { bytes: Buffer.concat(chunks, total), stat };
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(path, maxBytes, options);
    }
  } finally {
    await closeDescriptor(fd, signal);
  }
}

// Awaited, so a caller that is done with the read has no fs request left
// pending (the launcher exits as soon as the credentials are written, and a
// pending close kept it waiting). Except after an abort: a close on a hung
// network mount can hang too, and the abort must win at once.
function closeDescriptor(fd: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const stopWaiting = (): void => resolve();
    signal.addEventListener('abort', stopWaiting, { once: true });
    fs().close(fd, () => {
      signal.removeEventListener('abort', stopWaiting);
      resolve();
    });
    if (signal.aborted) resolve();
  });
}

/**
 * {@link readRegularFile} for synchronous callers (configure, doctor). The open
 * cannot block on a FIFO and nothing but a regular file is read, so it never
 * waits on what the path names. `signal` is ignored.
 */
export function readRegularFileSync(path: string, options: ReadRegularFileOptions): RegularFileRead {
  const fd = fs().openSync(path, openFlags());
  try {
    const stat = fs().fstatSync(fd);
    if (isNullDevice(stat)) return { bytes: Buffer.alloc(0), stat };
    const maxBytes = checkStat(path, stat, options);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const bytesRead = fs().readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) return { bytes: Buffer.concat(chunks, total), stat };
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(path, maxBytes, options);
    }
  } finally {
    fs().closeSync(fd);
  }
}
