import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isPrivateFile, writePrivateFile } from '../cache/private-file.js';
import type { Crc32 } from './checksum.js';

/** Bumped when the layout below changes: an older file is then refused and rewritten. */
const FORMAT = 'cred-launch code cache 1';

/** A larger file is not ours (the launcher's largest module caches are well under 1 MiB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The part of a file's header that must match exactly: the format, the
 * module's identity (Node version, arch, options, path) and its source's
 * length and CRC-32. V8 checks only the source's length (and its own
 * version and flags), so the source's checksum is what makes a file edited
 * to the same length miss, as Node 22's compile cache does.
 */
export function expectedHeader(identity: string, source: string, crc32: Crc32): string {
  return `${FORMAT}\n${identity}\n${source.length}\n${crc32(source)}\n`;
}

// Not readPrivateFile: that one answers the cache hit as text and swallows
// errors (its shape measured 1M instructions cheaper on a hit than a shared
// bytes reader); here a missing file and a refused one are told apart.
function readWhole(path: string): Uint8Array | undefined {
  // O_NOFOLLOW: a symlink planted in its place is not followed; O_NONBLOCK: nor does a FIFO block us.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  try {
    // Checked on the open descriptor: a regular file of ours, 0600 or tighter (no race with a rename).
    const stats = fstatSync(fd);
    if (!isPrivateFile(stats) || stats.size > MAX_FILE_BYTES) return undefined;
    const bytes = Buffer.allocUnsafe(stats.size);
    let done = 0;
    while (done < bytes.length) {
      const read = readSync(fd, bytes, done, bytes.length - done, done);
      if (read === 0) break;
      done += read;
    }
    return bytes.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** What reading one cache file gave: V8's data, nothing (no file), or a file refused. */
export type CacheFileRead = { data: Buffer } | { missing: true } | { refused: true };

/**
 * Reads `path` and hands back V8's data only if the file is ours and
 * private, its header is `header` followed by the data's length and CRC-32,
 * and the data has that length and checksum. V8 11 (Node 20) does not check
 * a cache's payload: a corrupt one crashed it or ran altered bytecode.
 */
export function readCacheFile(path: string, header: string, crc32: Crc32): CacheFileRead {
  let bytes: Uint8Array | undefined;
  try {
    bytes = readWhole(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { missing: true } : { refused: true };
  }
  if (bytes === undefined || bytes.length < 4) return { refused: true };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const headerEnd = 4 + buffer.readUInt32LE(0);
  if (headerEnd > buffer.length) return { refused: true };
  const stored = buffer.toString('utf8', 4, headerEnd);
  if (!stored.startsWith(header)) return { refused: true };
  const [length, checksum] = stored.slice(header.length).split('\n');
  const data = buffer.subarray(headerEnd);
  if (Number(length) !== data.length || Number(checksum) !== crc32(data)) return { refused: true };
  return { data };
}

/**
 * Writes a cache file as the credential cache writes its entries
 * (writePrivateFile: 0600, O_EXCL temp file, rename), without fsync: it is a
 * cache, and a file torn by a crash fails its checksum.
 */
export function writeCacheFile(path: string, header: string, data: Uint8Array, crc32: Crc32): void {
  const text = Buffer.from(`${header}${data.length}\n${crc32(data)}`, 'utf8');
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32LE(text.length, 0);
  writePrivateFile(path, Buffer.concat([length, text, data]), { durable: false });
}
