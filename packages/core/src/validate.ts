import type { AwsCredentials, SourceCredentials } from './credentials.js';
import { CredentialError } from './errors.js';

// Pure: a bundle that never validates drops both.
const ALLOWED_FIELDS: ReadonlySet<string> = /* @__PURE__ */ new Set(['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration', 'accountId', 'mfaSerial', 'mfaTotpSeed']);

const LAST_PRINTABLE_EXPIRATION = /* @__PURE__ */ Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Options for {@link validateCredentials}. */
export interface ValidateOptions {
  /** The current time; injectable for tests. @default () => new Date() */
  now?: () => Date;
  /** Who produced the value, for messages (e.g. `plugin "vault"`). @default 'the plugin' */
  source?: string;
}

function invalid(source: string, problem: string): CredentialError {
  return new CredentialError('INVALID_SECRET', `${source} returned unusable credentials: ${problem}`, {
    hint: 'check the stored secret has an access key id and a secret access key',
  });
}

function checkKeyString(value: unknown, field: string, source: string, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || value.length === 0) {
    throw invalid(source, `${field} is ${value === undefined ? 'missing' : 'empty or not a string'}`);
  }
  // Keys never contain white space or control characters; one that does is a
  // parsing slip (a CRLF file, a stray quote) that the SDKs would accept and AWS reject.
  if (/[\s\u0000-\u001f\u007f]/u.test(value)) {
    throw invalid(source, `${field} contains white space or control characters`);
  }
}

/**
 * Checks a plugin's result the way the consumers do (botocore, JS SDK v3, Go
 * SDK v2): both keys non-empty, Expiration a valid date in the future, and no
 * fields outside the contract. Throws INVALID_SECRET naming the field, never
 * its value. Returns a clean copy with only the known fields.
 */
export function validateCredentials(value: unknown, options: ValidateOptions = {}): SourceCredentials {
  const source = options.source ?? 'the plugin';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(source, 'expected an object');
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (record[key] !== undefined && !ALLOWED_FIELDS.has(key)) throw invalid(source, `unexpected field "${key}"`);
  }
  checkKeyString(record.accessKeyId, 'accessKeyId', source, true);
  checkKeyString(record.secretAccessKey, 'secretAccessKey', source, true);
  checkKeyString(record.sessionToken, 'sessionToken', source, false);
  checkKeyString(record.mfaSerial, 'mfaSerial', source, false);
  checkKeyString(record.mfaTotpSeed, 'mfaTotpSeed', source, false);
  if (record.accountId !== undefined && (typeof record.accountId !== 'string' || !/^\d{12}$/u.test(record.accountId))) {
    throw invalid(source, 'accountId must be a 12-digit string');
  }
  const result: SourceCredentials = {
    accessKeyId: record.accessKeyId as string,
    secretAccessKey: record.secretAccessKey as string,
  };
  if (record.sessionToken !== undefined) result.sessionToken = record.sessionToken as string;
  if (record.accountId !== undefined) result.accountId = record.accountId as string;
  if (record.mfaSerial !== undefined) result.mfaSerial = record.mfaSerial as string;
  if (record.mfaTotpSeed !== undefined) result.mfaTotpSeed = record.mfaTotpSeed as string;
  if (record.expiration !== undefined) {
    const expiration = record.expiration;
    if (!(expiration instanceof Date) || Number.isNaN(expiration.getTime())) {
      throw invalid(source, 'expiration is not a valid Date');
    }
    const now = (options.now ?? (() => new Date()))();
    // Compare what will be printed: Expiration has whole seconds, so 00:00:00.900
    // prints as 00:00:00Z, which a consumer at 00:00:00.200 reads as expired.
    if (Math.floor(expiration.getTime() / 1000) * 1000 <= now.getTime()) {
      throw new CredentialError('INVALID_SECRET', `${source} returned credentials that expired at ${formatExpiration(expiration)}`, {
        hint: 'the stored credentials are stale: refresh or rotate them at the source',
      });
    }
    // toISOString writes a year past 9999 as "+010000-…", which botocore
    // (dateutil) and the Go SDK (RFC 3339) cannot parse.
    if (expiration.getTime() > LAST_PRINTABLE_EXPIRATION) throw invalid(source, 'expiration is after the year 9999');
    result.expiration = new Date(expiration.getTime());
  }
  return result;
}

/** Only the AWS credential fields, without MFA material. */
export function toAwsCredentials(credentials: SourceCredentials): AwsCredentials {
  const result: AwsCredentials = { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey };
  if (credentials.sessionToken !== undefined) result.sessionToken = credentials.sessionToken;
  if (credentials.expiration !== undefined) result.expiration = credentials.expiration;
  if (credentials.accountId !== undefined) result.accountId = credentials.accountId;
  return result;
}

/** UTC ISO-8601 with a `Z` and whole seconds, as every consumer parses it. */
export function formatExpiration(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/u, 'Z');
}
