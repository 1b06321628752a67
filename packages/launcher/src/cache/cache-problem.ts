import { printable } from '../report-error.js';

/** The errno-style code behind a cache failure (a CredentialError from tryLock carries it in `cause`). */
function codeOf(error: unknown): string {
  const direct = (error as NodeJS.ErrnoException | undefined)?.code;
  const cause = (error as { cause?: NodeJS.ErrnoException } | undefined)?.cause?.code;
  if (typeof cause === 'string') return cause;
  if (typeof direct === 'string' && /^E[A-Z]+$/u.test(direct)) return direct;
  return 'error';
}

const HINTS: Readonly<Record<string, string>> = {
  ENOSPC: 'free space there',
  EDQUOT: 'free space there',
  EROFS: 'it is read-only',
  EACCES: 'it is not writable by you',
  EPERM: 'it is not writable by you',
};

/**
 * The one stderr line for a cache that could not be used while the
 * credentials themselves were fine: it names the cache directory (never the
 * plugin, which did nothing wrong) and what to do.
 */
export function cacheProblemLine(dir: string, error: unknown): string {
  const code = codeOf(error);
  let why = HINTS[code] ?? code;
  // ensureCacheDirectory's refusals ("refusing to use cache directory D: it is a symbolic link"): keep the reason only.
  const refusal = error instanceof Error && code === 'error' ? /^refusing to use cache directory .*: ([^:]+)$/u.exec(error.message) : null;
  if (refusal?.[1] !== undefined) why = HINTS[refusal[1]] ?? refusal[1];
  // The directory comes from the environment: no terminal escapes on the user's screen.
  return (
    printable(`cred-launch: warning: credentials not cached: cannot use the cache in ${dir} (${why}); set CRED_LAUNCH_CACHE_DIR elsewhere or pass --no-cache`).replace(
      /\n/gu,
      '?',
    ) + '\n'
  );
}
