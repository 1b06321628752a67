import type { CachePolicy } from '../engine/through-cache.js';
import type { LauncherOptions } from '../options.js';
import type { ResolvedPlugin } from '../resolve-plugin.js';
import { cacheDirectory } from './cache-dir.js';
import { cacheKey } from './cache-key.js';
import { STS_CACHE_ENV, wantsSts } from '../engine/sts-exchange.js';

/**
 * The cache policy for one call: the plugin's identity, its argv verbatim,
 * the values of the env variables it declares in `cacheEnv` (plus the STS
 * endpoint variables when --session/--assume-role is used), and the launcher
 * options that change the answer (STS options, --cache-ttl). The one place
 * the key is built, for a real call and for `cred-launch doctor` alike.
 */
export function cachePolicyFor(
  plugin: Pick<ResolvedPlugin, 'identity' | 'metadata'>,
  args: readonly string[],
  options: Pick<LauncherOptions, 'sts' | 'cacheTtlSeconds' | 'refreshWindowSeconds'>,
  env: Readonly<Record<string, string | undefined>>,
  homedir: string | (() => string),
): CachePolicy {
  const envValues: Record<string, string | undefined> = {};
  const names = wantsSts(options.sts) ? [...plugin.metadata.cacheEnv, ...STS_CACHE_ENV] : plugin.metadata.cacheEnv;
  for (const variable of names) envValues[variable] = env[variable];
  const key = cacheKey({ plugin: plugin.identity, args, env: envValues, launcher: { ...options.sts, cacheTtlSeconds: options.cacheTtlSeconds } });
  return { dir: cacheDirectory(env, homedir), key, refreshWindowSeconds: options.refreshWindowSeconds, cacheTtlSeconds: options.cacheTtlSeconds, env };
}
