import type { Stats } from 'node:fs';
import { isCredentialError, readRegularFileSync, type CredentialError } from '@cred-launch/core';
import { fileError, PLUGIN_NAME } from './errors.js';

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
  return fileError('CONFIG', `cannot read ${options.what} ${path} (${code ?? 'unknown error'})`, 'check the path and its permissions', error);
}

/**
 * Reads a whole regular file, at most `maxBytes`, through core's
 * {@link readRegularFileSync}: anything else (FIFO, device, socket,
 * directory) is refused with CONFIG before a byte is read. Open and read
 * failures become one-line errors naming the path.
 *
 * Synchronous on purpose: the two files of a call are a few hundred bytes,
 * and the asynchronous read (open, fstat, read, close, each a round trip
 * through libuv's thread pool, whose four threads the first one starts) cost
 * a cold OpenSSL call more than all of the plugin's own work (README.md).
 * The open cannot block on a FIFO (O_NONBLOCK) and nothing but a regular
 * file is read, so only a hung network mount can hold the read; it then
 * holds the main thread, and the launcher's watchdog ends the process one
 * second past the time limit (docs/reliability.md). An aborted signal is
 * honoured before the read.
 */
export async function readBounded(path: string, options: ReadBoundedOptions): Promise<BoundedRead> {
  const { signal } = options;
  signal.throwIfAborted();
  try {
    return readRegularFileSync(path, {
      what: `${PLUGIN_NAME}: ${options.what}`,
      maxBytes: options.maxBytes,
      hint: `point at the ${options.what} itself (process substitution and pipes are not supported)`,
    });
  } catch (error) {
    if (isCredentialError(error)) throw error;
    throw openError(error, path, options);
  }
}
