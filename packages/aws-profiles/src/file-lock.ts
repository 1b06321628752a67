import { closeSync, mkdirSync, openSync, realpathSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CredentialError } from '@cred-launch/core';

/** Options for {@link withFileLocks}. */
export interface FileLockOptions {
  /** How long to wait for another process's edit before giving up (CONFIG). @default 20000 */
  waitMs?: number;
  /**
   * A lock file nobody touched for this long belongs to a process that died
   * mid-edit, and is taken over. The holder touches it every third of this.
   * @default 10000
   */
  staleMs?: number;
}

/** The lock file that guards edits of `path`: beside the real file, so every symbolic link to it shares one lock. */
export function lockPathFor(path: string): string {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // Not there yet: its first writer creates it at `path`.
  }
  return `${real}.cred-launch.lock`;
}

function lockFailed(path: string, error: unknown): CredentialError {
  return new CredentialError('CONFIG', `cannot lock ${path} for editing (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
    cause: error,
    hint: 'check you own the file and its directory',
  });
}

/** One attempt: true when this process now holds the lock. */
function tryCreate(lockPath: string): boolean {
  try {
    const fd = openSync(lockPath, 'wx', 0o600);
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockFailed(lockPath, error);
  }
}

/**
 * Moves a stale lock aside. Renaming (not unlinking) makes the take-over
 * atomic: of two processes that both saw it stale, one rename succeeds and
 * the other gets ENOENT and simply tries again.
 */
function takeOver(lockPath: string, staleIno: number): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return;
  }
  try {
    // The lock examined was replaced by a live one between stat and rename
    // (a window of microseconds after a crash): put the live one back.
    if (statSync(aside).ino !== staleIno) renameSync(aside, lockPath);
    else unlinkSync(aside);
  } catch {
    // Gone already: nothing to put back.
  }
}

async function acquire(lockPath: string, target: string, waitMs: number, staleMs: number): Promise<number> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryCreate(lockPath)) return statSync(lockPath).ino;
    let held: { ino: number; mtimeMs: number };
    try {
      held = statSync(lockPath);
    } catch {
      continue; // Released between our attempt and the stat: try again at once.
    }
    if (Date.now() - held.mtimeMs > staleMs) {
      takeOver(lockPath, held.ino);
      continue;
    }
    if (Date.now() > deadline) {
      throw new CredentialError('CONFIG', `another process has been editing ${target} for over ${Math.round(waitMs / 1000)}s (lock ${lockPath})`, {
        hint: `retry; if no cred-launch configure is running, remove ${lockPath}`,
      });
    }
    await sleep(10 + Math.floor(Math.random() * 40));
  }
}

function release(lockPath: string, ino: number): void {
  try {
    // Only our own lock: after a take-over (we stalled past staleMs) it is someone else's.
    if (statSync(lockPath).ino === ino) unlinkSync(lockPath);
  } catch {
    // Already gone.
  }
}

/**
 * Runs `edit` while holding an exclusive lock on each of `paths` (a
 * `<file>.cred-launch.lock` file created with O_EXCL beside it), so that
 * concurrent read-modify-write cycles of cred-launch processes on the AWS
 * files serialise instead of losing each other's changes. `edit` must re-read
 * the files itself: what was read before the lock may be stale. Locks are
 * taken in sorted order, so two processes locking the same pair cannot
 * deadlock. Tools that do not take this lock (`aws configure set`, an
 * editor) are not serialised; the timestamped backups cover them.
 */
export async function withFileLocks<T>(paths: readonly string[], edit: () => T | Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? 20_000;
  const staleMs = options.staleMs ?? 10_000;
  const byLock = new Map<string, string>();
  for (const path of paths) {
    const lock = lockPathFor(path);
    if (!byLock.has(lock)) byLock.set(lock, path);
  }
  const locks = [...byLock].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const held: Array<{ lock: string; ino: number }> = [];
  const heartbeat = setInterval(
    () => {
      const now = new Date();
      for (const { lock } of held) {
        try {
          utimesSync(lock, now, now);
        } catch {
          // Taken over or removed: release() will see it is not ours.
        }
      }
    },
    Math.max(100, Math.floor(staleMs / 3)),
  );
  heartbeat.unref();
  try {
    for (const [lock, path] of locks) {
      try {
        mkdirSync(dirname(lock), { recursive: true, mode: 0o700 });
      } catch (error) {
        throw lockFailed(lock, error);
      }
      held.push({ lock, ino: await acquire(lock, path, waitMs, staleMs) });
    }
    return await edit();
  } finally {
    clearInterval(heartbeat);
    for (const { lock, ino } of held.reverse()) release(lock, ino);
  }
}
