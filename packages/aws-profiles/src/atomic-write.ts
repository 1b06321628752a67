import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CredentialError } from '@cred-launch/core';

/** What a write did. */
export interface WriteResult {
  /** The file actually written (the target of a symbolic link). */
  path: string;
  /** The copy of the previous content, when there was one. */
  backup: string | undefined;
  created: boolean;
}

function compactTimestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/gu, '')
    .replace(/\.\d{3}Z$/u, 'Z');
}

function writeFailed(path: string, error: unknown): CredentialError {
  return new CredentialError('CONFIG', `cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
    cause: error,
    hint: 'check you own the file and its directory',
  });
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The names {@link writeFileAtomically} gives backups of a file named `name`: `config.20261122T232130Z.bak`, `….-1.bak`. */
export function isBackupName(fileName: string, name: string): boolean {
  if (!fileName.startsWith(`${name}.`)) return false;
  return /^\d{8}T\d{6}Z(?:-\d+)?\.bak$/u.test(fileName.slice(name.length + 1));
}

/** A backup name that does not exist yet: `config.20261122T232130Z.bak`, then `…-1.bak`. */
function backupPath(path: string, now: Date): string {
  const stem = `${path}.${compactTimestamp(now)}`;
  for (let attempt = 0; ; attempt += 1) {
    const candidate = attempt === 0 ? `${stem}.bak` : `${stem}-${attempt}.bak`;
    try {
      lstatSync(candidate);
    } catch {
      return candidate;
    }
  }
}

/** Creates `path` (never replacing one) readable by the owner only, with `bytes`, synced. */
function writeNewPrivateFile(path: string, bytes: Buffer): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    // The umask can only narrow 0600, but a mode set explicitly leaves no doubt.
    fchmodSync(fd, 0o600);
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces a file's content atomically: a temp file in the same directory
 * with the old file's mode (0600 for a new file), fsync, rename. The old
 * content is first copied to a timestamped backup beside it, so nothing is
 * ever lost; the backup is 0600 from its creation whatever the file's mode,
 * because it may hold the static keys `--remove-static-keys` just took out
 * (`doctor` points such backups out). A symbolic link (a config kept in a dotfiles
 * repository) stays a link: its target is what gets replaced. A missing
 * directory is created 0700.
 */
export function writeFileAtomically(requested: string, text: string, now: Date = new Date()): WriteResult {
  let path = requested;
  let mode = 0o600;
  let created = true;
  try {
    path = realpathSync(requested);
    mode = statSync(path).mode & 0o7777;
    created = false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeFailed(requested, error);
    if (isSymbolicLink(requested)) {
      throw new CredentialError('CONFIG', `${requested} is a symbolic link to a missing file`, { hint: 'fix or remove the link' });
    }
    try {
      mkdirSync(dirname(requested), { recursive: true, mode: 0o700 });
    } catch (mkdirError) {
      throw writeFailed(dirname(requested), mkdirError);
    }
  }
  let backup: string | undefined;
  if (!created) {
    backup = backupPath(path, now);
    try {
      writeNewPrivateFile(backup, readFileSync(path));
    } catch (error) {
      throw writeFailed(backup, error);
    }
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The umask may have narrowed the mode at creation: set it exactly.
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw writeFailed(path, error);
  }
  return { path, backup, created };
}
