import { join } from 'node:path';
import { CredentialError } from '@cred-launch/core';
import { requireFromLauncher } from '../own-require.js';

/** Releases a held lock. */
export type ReleaseLock = () => Promise<void>;

/**
 * How long a lock may go without its holder touching it before another
 * process takes it over. proper-lockfile's holder refreshes the lock's mtime
 * every `stale / 2`, so a live holder never goes stale however long the
 * backend takes; a killed one does. Overridable for tests (minimum 2000).
 */
export function lockStaleMs(env: Readonly<Record<string, string | undefined>>): number {
  const fromEnv = Number(env.CRED_LAUNCH_LOCK_STALE_MS);
  return Number.isFinite(fromEnv) && fromEnv >= 2000 ? fromEnv : 10_000;
}

/**
 * Tries once to take the lock for `key` (a `<key>.lock` directory next to the
 * entry). Resolves to a release function, or undefined when another live
 * process holds it. proper-lockfile is loaded here, on the miss path only,
 * with require(): it is CommonJS, and import() from the launcher's CommonJS
 * build would start Node's asynchronous ESM loader for it (and keep
 * plugin-call.cjs out of the code cache on Node 20: src/dynamic-import.ts).
 */
export async function tryLock(dir: string, key: string, staleMs: number, onCompromised: (error: Error) => void): Promise<ReleaseLock | undefined> {
  const lockfile = requireFromLauncher('proper-lockfile') as typeof import('proper-lockfile');
  try {
    const release = await lockfile.lock(join(dir, `${key}.json`), {
      lockfilePath: join(dir, `${key}.lock`),
      realpath: false,
      retries: 0,
      stale: staleMs,
      onCompromised,
    });
    return async () => {
      try {
        await release();
      } catch {
        // Already released or taken over: nothing left to undo.
      }
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw new CredentialError('CONFIG', `cannot lock the cache in ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
      hint: 'check the cache directory is writable, or run with --no-cache',
    });
  }
}
