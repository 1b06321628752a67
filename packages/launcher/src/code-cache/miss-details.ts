import { cacheDirectory } from '../cache/cache-dir.js';
import { homeFromEnv } from '../cache/home-from-env.js';
import type { LauncherCommand, LauncherOptions } from '../options.js';

/**
 * What the code cache needs to know about a plugin call the fast path did not
 * answer: the fast path fills it on a miss; for a `--no-cache` call, which the
 * bin sends straight to the full launcher, the code cache fills it itself
 * (installCodeCacheForCommandLine in ../code-cache.ts).
 */
export interface MissDetails {
  /** cred-launch's cache directory, for the code cache (bin/cred-launch.js, Node 20); unset when it cannot be found. */
  cacheDir?: string;
  /** --verbose, --debug or CRED_LAUNCH_VERBOSE: the code cache then says what it did. */
  verbose?: boolean;
}

/**
 * Fills `miss` for a plugin call that is not a hit: the cache directory (as
 * the fast path resolves it) and whether debug output is on. Nothing for any
 * other command. Only on a miss, so a hit pays nothing for it.
 */
export function describeMiss(command: LauncherCommand | undefined, options: LauncherOptions | undefined, env: NodeJS.ProcessEnv, miss: MissDetails): void {
  if (command?.kind !== 'plugin' || options === undefined) return;
  miss.verbose = options.verbose;
  try {
    miss.cacheDir = cacheDirectory(env, () => homeFromEnv(env));
  } catch {
    // no usable location: no code cache either
  }
}
