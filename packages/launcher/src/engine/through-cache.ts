import { CredentialError, formatCredentialProcessOutput, fromCredentialProcessOutput, type AwsCredentials } from '@cred-launch/core';
import type { Deadline } from '../deadline.js';
import { entryFor, readFreshEntry, writeEntry, type CacheEntry } from '../cache/cache-entry.js';
import { lockStaleMs, tryLock } from '../cache/cache-lock.js';
import { ensureCacheDirectory } from '../cache/cache-dir.js';
import { cacheProblemLine } from '../cache/cache-problem.js';

/** How the cache is used for one invocation. */
export interface CachePolicy {
  dir: string;
  key: string;
  refreshWindowSeconds: number;
  cacheTtlSeconds: number | undefined;
  env: Readonly<Record<string, string | undefined>>;
}

/** The credentials a cache entry holds (core's mapping); not yet validated. */
export function credentialsFromEntry(entry: CacheEntry): AwsCredentials {
  return fromCredentialProcessOutput(entry.credentials);
}

/**
 * Renders a cache entry as the credential_process document's text with core's
 * renderer, which validates first: a tampered entry (a newline in a key, a
 * past Expiration) throws INVALID_SECRET instead of reaching stdout.
 */
export function outputFromEntry(entry: CacheEntry, now: () => Date = () => new Date()): string {
  return formatCredentialProcessOutput(credentialsFromEntry(entry), { now, source: 'the cache' });
}

/** The cheap first look: a fresh entry or nothing. Never creates the directory, never locks. */
export function lookUpCache(policy: CachePolicy, now: number): CacheEntry | undefined {
  try {
    if (!ensureCacheDirectory(policy.dir, false)) return undefined;
  } catch {
    return undefined; // an unusable directory is a miss; the miss path says why, once
  }
  return readFreshEntry(policy.dir, policy.key, now, policy.refreshWindowSeconds);
}

/**
 * The miss path: take the per-key lock (waiting while another process holds
 * it, and serving what that process stores), fetch once, store, release.
 * Concurrent cold starts therefore reach the backend exactly once. Errors are
 * never stored. A cache that cannot be used (a directory that cannot be
 * created, locked or written: full, read-only, not ours) never costs the
 * credentials: they are fetched without it and `warn` gets one line.
 */
export async function fetchThroughCache(
  policy: CachePolicy,
  deadline: Deadline,
  fetch: () => Promise<AwsCredentials>,
  log: (message: string) => void,
  warn: (line: string) => void = () => undefined,
): Promise<{ fromCache: CacheEntry } | { fetched: AwsCredentials }> {
  const staleMs = lockStaleMs(policy.env);
  for (let attempt = 0; ; attempt += 1) {
    let release;
    try {
      ensureCacheDirectory(policy.dir, true);
      release = await tryLock(policy.dir, policy.key, staleMs, (error) => log(`cache lock compromised: ${error.message}`));
    } catch (error) {
      warn(cacheProblemLine(policy.dir, error));
      return { fetched: await fetch() };
    }
    if (release) {
      try {
        // Another process may have stored it between our look-up and the lock.
        const stored = readFreshEntry(policy.dir, policy.key, Date.now(), policy.refreshWindowSeconds);
        if (stored) return { fromCache: stored };
        const credentials = await fetch();
        const entry = entryFor(credentials, Date.now(), policy);
        if (entry) {
          try {
            writeEntry(policy.dir, policy.key, entry);
          } catch (error) {
            warn(cacheProblemLine(policy.dir, error));
          }
        } else log('not cached: credentials have no Expiration (use --cache-ttl) or expire inside the refresh window');
        return { fetched: credentials };
      } finally {
        await release();
      }
    }
    if (attempt === 0) log('another cred-launch is fetching these credentials; waiting for it');
    const stored = readFreshEntry(policy.dir, policy.key, Date.now(), policy.refreshWindowSeconds);
    if (stored) return { fromCache: stored };
    if (deadline.remainingMs() <= 0 || deadline.signal.aborted) {
      throw new CredentialError('TIMEOUT', 'timed out waiting for another cred-launch process to fetch the same credentials', {
        hint: 'it may be stuck on its backend; retry, or run with --no-cache',
      });
    }
    // A plain timer, not node:timers/promises: that module would load on every cold call.
    await new Promise((resolve) => setTimeout(resolve, 40 + Math.floor(Math.random() * 60)));
  }
}
