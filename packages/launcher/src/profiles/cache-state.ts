import { formatExpiration } from '@cred-launch/core';
import { cacheDirectory } from '../cache/cache-dir.js';
import { cacheKey } from '../cache/cache-key.js';
import { lookUpCache, type CachePolicy } from '../credential-flow.js';
import type { LauncherOptions } from '../options.js';
import type { ResolvedPlugin } from '../resolve-plugin.js';

/** What the launcher's cache holds for one credential_process line. */
export interface CacheState {
  state: 'fresh' | 'none' | 'disabled';
  directory: string;
  /** When the entry stops being served (UTC ISO-8601), for a fresh entry. */
  serveUntil?: string;
  storedAt?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The cache policy exactly as run-plugin.ts builds it for the same call: the
 * plugin's identity, its argv verbatim, the values of the env variables it
 * declares in `cacheEnv`, and the STS options plus --cache-ttl.
 * Keep in step with `cachePolicyFor` in run-plugin.ts (the test
 * "doctor sees the entry a real call stored" fails when they drift).
 */
export function cachePolicyForLine(plugin: ResolvedPlugin, args: readonly string[], options: LauncherOptions, env: Env, homedir: string): CachePolicy {
  const envValues: Record<string, string | undefined> = {};
  for (const variable of plugin.metadata.cacheEnv) envValues[variable] = env[variable];
  const key = cacheKey({ plugin: plugin.identity, args, env: envValues, launcher: { ...options.sts, cacheTtlSeconds: options.cacheTtlSeconds } });
  return { dir: cacheDirectory(env, homedir), key, refreshWindowSeconds: options.refreshWindowSeconds, cacheTtlSeconds: options.cacheTtlSeconds, env };
}

/** Looks the line's entry up with the launcher's own reader; never creates anything, never locks. */
export function cacheStateFor(plugin: ResolvedPlugin, args: readonly string[], options: LauncherOptions, env: Env, homedir: string, now: number): CacheState {
  const policy = cachePolicyForLine(plugin, args, options, env, homedir);
  if (options.noCache) return { state: 'disabled', directory: policy.dir };
  const entry = lookUpCache(policy, now);
  if (!entry) return { state: 'none', directory: policy.dir };
  return { state: 'fresh', directory: policy.dir, serveUntil: formatExpiration(new Date(entry.serveUntil)), storedAt: formatExpiration(new Date(entry.storedAt)) };
}
