import { closeSync, constants, fstatSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * Reads one of our own small files in the cache directory, or undefined.
 * O_NOFOLLOW: a symlink planted in its place is not followed. O_NONBLOCK: a
 * FIFO planted there cannot block us. Anything not a regular file, or larger
 * than `maxBytes`, is not ours.
 */
export function readPrivateFile(path: string, maxBytes: number): string | undefined {
  try {
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile() || stats.size > maxBytes) return undefined;
      return readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Writes `text` atomically: a 0600 temp file created with O_EXCL in the same directory, then rename. */
export function writePrivateFile(path: string, text: string): void {
  // Unique enough with O_EXCL, which also refuses a name planted in advance;
  // node:crypto is not loaded here because this module is on the cache-hit path.
  const temp = `${path}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}.tmp`;
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
