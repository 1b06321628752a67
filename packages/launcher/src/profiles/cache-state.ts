import { formatExpiration } from '@cred-launch/core';
import { cachePolicyFor } from '../cache/cache-policy.js';
import { lookUpCache, type CachePolicy } from '../engine/through-cache.js';
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

/** The cache policy a real call of this line would use (the launcher's own function). */
export function cachePolicyForLine(plugin: ResolvedPlugin, args: readonly string[], options: LauncherOptions, env: Env, homedir: string): CachePolicy {
  return cachePolicyFor(plugin, args, options, env, homedir);
}

/** Looks the line's entry up with the launcher's own reader; never creates anything, never locks. */
export function cacheStateFor(plugin: ResolvedPlugin, args: readonly string[], options: LauncherOptions, env: Env, homedir: string, now: number): CacheState {
  const policy = cachePolicyForLine(plugin, args, options, env, homedir);
  if (options.noCache) return { state: 'disabled', directory: policy.dir };
  const entry = lookUpCache(policy, now);
  if (!entry) return { state: 'none', directory: policy.dir };
  return { state: 'fresh', directory: policy.dir, serveUntil: formatExpiration(new Date(entry.serveUntil)), storedAt: formatExpiration(new Date(entry.storedAt)) };
}
