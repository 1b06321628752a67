import { closeSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** A token file written for `serve`, and how to remove it. */
export interface TokenFile {
  path: string;
  remove(): void;
}

/**
 * Writes the endpoint token to a file only this user can read: created 0600
 * under a temporary name beside it, then renamed into place, so no moment
 * exists where it is readable by others or half-written. Without a path, a
 * new private directory (0700) in the temp dir holds it, and is removed with it.
 */
export function writeTokenFile(token: string, path: string | undefined, cwd: string): TokenFile {
  const ownDir = path === undefined ? mkdtempSync(join(tmpdir(), 'cred-launch-serve-')) : undefined;
  const target = path === undefined ? join(ownDir as string, 'token') : resolve(cwd, path);
  const temporary = join(dirname(target), `.cred-launch-token-${process.pid}.tmp`);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, token);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
  return {
    path: target,
    remove: () => rmSync(ownDir ?? target, { recursive: true, force: true }),
  };
}
