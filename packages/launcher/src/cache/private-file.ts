import { closeSync, constants, fstatSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, fsyncSync, type Stats } from 'node:fs';

/**
 * True when an open cache file may be trusted: a regular file, owned by this
 * user, with no group or other permission bits (what writePrivateFile makes).
 * A file another user could write, or that someone chmod'ed open, may have
 * been replaced or read: it is not served. Windows has no POSIX owner/mode.
 */
export function isPrivateFile(stats: Pick<Stats, 'isFile' | 'uid' | 'mode'>, uid: number | undefined = process.getuid?.()): boolean {
  if (!stats.isFile()) return false;
  if (process.platform === 'win32' || uid === undefined) return true;
  return stats.uid === uid && (stats.mode & 0o077) === 0;
}

/**
 * Reads one of our own small files in the cache directory, or undefined.
 * O_NOFOLLOW: a symlink planted in its place is not followed. O_NONBLOCK: a
 * FIFO planted there cannot block us. Checked on the open descriptor (no race
 * with a rename): anything not a private regular file of ours (see
 * isPrivateFile), or larger than `maxBytes`, is not ours.
 */
export function readPrivateFile(path: string, maxBytes: number): string | undefined {
  try {
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    try {
      const stats = fstatSync(fd);
      if (!isPrivateFile(stats) || stats.size > maxBytes) return undefined;
      return readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * Writes `content` atomically: a 0600 temp file created with O_EXCL in the
 * same directory, then rename. On any failure (a full disk, a read-only or
 * foreign directory) the temp file is removed before the error is thrown: a
 * cache problem never leaves debris. `durable: false` skips the fsync, for
 * a file whose own checksum catches a tear (the code cache, written at exit).
 */
export function writePrivateFile(path: string, content: string | Uint8Array, { durable = true }: { durable?: boolean } = {}): void {
  // Unique enough with O_EXCL, which also refuses a name planted in advance;
  // node:crypto is not loaded here because this module is on the cache-hit path.
  const temp = `${path}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}.tmp`;
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    try {
      // writeFileSync on a descriptor loops until every byte is written (writeSync may write part).
      writeFileSync(fd, content);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
