import { readPrivateFile, writePrivateFile } from './private-file.js';
import { join } from 'node:path';
import { toCredentialProcessOutput, validateCredentials, type AwsCredentials } from '@cred-launch/core';

/** Version tag of the on-disk format; any other value is ignored and replaced. */
export const CACHE_FORMAT = 'cred-launch-cache/1';

/** What one cache file holds (JSON, mode 0600). */
export interface CacheEntry {
  format: typeof CACHE_FORMAT;
  /** When it was stored (ms since epoch). */
  storedAt: number;
  /** After this instant (ms) the entry is not served. */
  serveUntil: number;
  credentials: {
    AccessKeyId: string;
    SecretAccessKey: string;
    SessionToken?: string;
    Expiration?: string;
    AccountId?: string;
  };
}

/** The cache file for a key. */
export function entryPath(dir: string, key: string): string {
  return join(dir, `${key}.json`);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * Core's own rules for what may be printed (keys without white space or
 * control characters, a 12-digit AccountId, an Expiration that is a date, in
 * the future at `now`, before 10000): an entry altered on disk is checked
 * exactly as a plugin's answer is.
 */
function passesCoreValidation(credentials: CacheEntry['credentials'], now: number): boolean {
  try {
    validateCredentials(
      {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken,
        accountId: credentials.AccountId,
        expiration: credentials.Expiration === undefined ? undefined : new Date(credentials.Expiration),
      },
      { now: () => new Date(now) },
    );
    return true;
  } catch {
    return false;
  }
}

function parseEntry(text: string): CacheEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Partial<CacheEntry>;
  if (entry.format !== CACHE_FORMAT || typeof entry.storedAt !== 'number' || typeof entry.serveUntil !== 'number') return undefined;
  const credentials = entry.credentials as Partial<CacheEntry['credentials']> | undefined;
  if (!credentials || !isNonEmptyString(credentials.AccessKeyId) || !isNonEmptyString(credentials.SecretAccessKey)) return undefined;
  for (const optional of ['SessionToken', 'Expiration', 'AccountId'] as const) {
    if (credentials[optional] !== undefined && !isNonEmptyString(credentials[optional])) return undefined;
  }
  if (credentials.Expiration !== undefined && Number.isNaN(Date.parse(credentials.Expiration))) return undefined;
  return entry as CacheEntry;
}

/** Far more than any real entry (a few hundred bytes); a bigger file is not ours. */
const MAX_ENTRY_BYTES = 64 * 1024;

/**
 * The entry for `key` if it exists, parses and may still be served at `now`;
 * undefined otherwise. A corrupt, truncated or foreign-format file is a miss,
 * never an error: it is simply overwritten by the next store. So is a file
 * that is not private to us (owner, mode: see isPrivateFile) or whose fields
 * fail core's validation (a key with a newline in it, a bad Expiration).
 * `refreshWindowSeconds` is the caller's window: an entry written by a call
 * with a smaller window (another profile with the same plugin arguments) is
 * not served inside this one, where botocore would refuse it as expiring.
 */
export function readFreshEntry(dir: string, key: string, now: number, refreshWindowSeconds = 0): CacheEntry | undefined {
  const text = readPrivateFile(entryPath(dir, key), MAX_ENTRY_BYTES);
  if (text === undefined) return undefined;
  const entry = parseEntry(text);
  if (!entry || entry.serveUntil <= now) return undefined;
  if (entry.credentials.Expiration !== undefined && Date.parse(entry.credentials.Expiration) - refreshWindowSeconds * 1000 <= now) return undefined;
  return passesCoreValidation(entry.credentials, now) ? entry : undefined;
}

/** Builds the entry for fresh credentials; undefined when they must not be cached. */
export function entryFor(credentials: AwsCredentials, now: number, policy: { refreshWindowSeconds: number; cacheTtlSeconds: number | undefined }): CacheEntry | undefined {
  let serveUntil: number;
  if (credentials.expiration) {
    serveUntil = credentials.expiration.getTime() - policy.refreshWindowSeconds * 1000;
    if (policy.cacheTtlSeconds !== undefined) serveUntil = Math.min(serveUntil, now + policy.cacheTtlSeconds * 1000);
  } else if (policy.cacheTtlSeconds !== undefined) {
    serveUntil = now + policy.cacheTtlSeconds * 1000;
  } else {
    return undefined; // long-term keys are cached only when the user asks with --cache-ttl
  }
  if (serveUntil <= now) return undefined;
  // Stored as the document itself (core's one mapping), without its Version.
  const { Version: _version, ...stored } = toCredentialProcessOutput(credentials);
  return { format: CACHE_FORMAT, storedAt: now, serveUntil, credentials: stored };
}

/** Writes an entry atomically (0600 temp file, then rename). */
export function writeEntry(dir: string, key: string, entry: CacheEntry): void {
  writePrivateFile(entryPath(dir, key), JSON.stringify(entry));
}
