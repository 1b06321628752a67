import { lstatSync, mkdirSync, rmdirSync } from 'node:fs';
import { foreignDirectoryProblem } from '../cache/cache-dir.js';

/** Why a directory is not used for the code cache; undefined when it may be. */
function problemWith(dir: string): string | undefined {
  const stats = lstatSync(dir);
  const problem = foreignDirectoryProblem(stats);
  if (problem !== undefined) return `${dir}: ${problem}`;
  // A directory others may write to could hold a file they planted (or
  // renamed into place): its bytecode would run in a process holding credentials.
  if ((stats.mode & 0o022) !== 0) return `${dir} is group- or world-writable`;
  return undefined;
}

/** The code cache directory's state: usable, absent (created on write), or refused with a reason. */
export type CodeDirState = { usable: true } | { usable: false; absent: boolean; reason: string };

/**
 * Checks `<cacheDir>` and `<cacheDir>/code`: each must be a real directory
 * (not a symlink) owned by this user and writable by no one else. Unlike the
 * credential cache, nothing is tightened with chmod: a loose directory is
 * simply not used (the credential cache, on its own path, still tightens
 * `<cacheDir>`).
 */
export function checkCodeDirectory(cacheDir: string, codeDir: string): CodeDirState {
  for (const dir of [cacheDir, codeDir]) {
    try {
      const reason = problemWith(dir);
      if (reason !== undefined) return { usable: false, absent: false, reason };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { usable: false, absent: code === 'ENOENT', reason: `${dir}: ${code ?? 'unreadable'}` };
    }
  }
  return { usable: true };
}

/**
 * Creates what is missing of `<cacheDir>/code` with mode 0700 (the umask
 * can only take bits away), then checks both again: a directory that
 * appeared meanwhile, or already existed, must pass the same checks.
 * `created` is the first directory this call made (see removeIfEmpty).
 */
export function createCodeDirectory(cacheDir: string, codeDir: string): { state: CodeDirState; created: string | undefined } {
  let created: string | undefined;
  try {
    created = mkdirSync(codeDir, { recursive: true, mode: 0o700 });
  } catch {
    // read-only, full, or not ours: the check says which
  }
  return { state: checkCodeDirectory(cacheDir, codeDir), created };
}

/**
 * Removes the directories createCodeDirectory made when nothing could be
 * written into them (a full disk): a cache problem leaves no debris. Only
 * empty ones (rmdir): another cred-launch may have stored an entry meanwhile.
 */
export function removeIfEmpty(codeDir: string, cacheDir: string, created: string): void {
  for (const dir of created === codeDir ? [codeDir] : [codeDir, cacheDir]) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === created) return;
  }
}
