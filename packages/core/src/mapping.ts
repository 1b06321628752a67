import type { SourceCredentials } from './credentials.js';
import { CredentialError } from './errors.js';

/** The credential fields a stored secret can supply. */
export type CredentialField = keyof SourceCredentials;

/**
 * Explicit field names that win over the common spellings, e.g.
 * `{ accessKeyId: 'deploy_key' }`. A field named here must exist.
 */
export type FieldOverrides = Partial<Record<CredentialField, string>>;

// Compared after lower-casing and removing everything but letters and digits,
// so `AccessKeyId`, `access_key_id`, `ACCESS-KEY-ID` and `accessKeyId` match alike.
const SPELLINGS: Readonly<Record<CredentialField, readonly string[]>> = {
  accessKeyId: ['accesskeyid', 'awsaccesskeyid', 'accesskey', 'awsaccesskey', 'keyid'],
  secretAccessKey: ['secretaccesskey', 'awssecretaccesskey', 'secretkey', 'awssecretkey', 'secretaccesskeyid'],
  sessionToken: ['sessiontoken', 'awssessiontoken', 'securitytoken', 'awssecuritytoken'],
  expiration: ['expiration', 'expires', 'expiresat', 'expiry', 'expirationtime', 'awscredentialexpiration'],
  accountId: ['accountid', 'awsaccountid'],
  mfaSerial: ['mfaserial', 'awsmfaserial', 'mfadevice', 'mfaarn'],
  mfaTotpSeed: ['mfatotpseed', 'totpseed', 'mfaseed', 'awsmfatotpseed'],
};

/** The spellings tried for a field, as a user would write them (for messages and docs). */
export const COMMON_SPELLINGS: Readonly<Record<CredentialField, readonly string[]>> = {
  accessKeyId: ['AccessKeyId', 'aws_access_key_id', 'access_key_id', 'accessKeyId', 'access_key'],
  secretAccessKey: ['SecretAccessKey', 'aws_secret_access_key', 'secret_access_key', 'secretAccessKey', 'secret_key'],
  sessionToken: ['SessionToken', 'aws_session_token', 'session_token', 'security_token'],
  expiration: ['Expiration', 'expiration', 'expires_at', 'expiry'],
  accountId: ['AccountId', 'aws_account_id', 'account_id'],
  mfaSerial: ['mfa_serial', 'MfaSerial'],
  mfaTotpSeed: ['mfa_totp_seed', 'totp_seed'],
};

function normalise(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/gu, '');
}

/**
 * The record's field names for a hint. Only identifier-like names are listed:
 * a mis-parsed secret (a token pasted on a line of its own) can become a
 * "key", and hints are printed.
 */
function describeFieldNames(record: Readonly<Record<string, unknown>>): string {
  const names = Object.keys(record);
  // Field names are short words; a long run of letters and digits may be a
  // secret key that a broken file turned into a "field", so it is not shown.
  const shown = names.filter((name) => /^[A-Za-z][A-Za-z0-9_.-]{0,23}$/u.test(name) && !/[0-9].*[0-9].*[0-9]/u.test(name));
  const hidden = names.length - shown.length;
  if (names.length === 0) return 'none';
  return `${shown.join(', ')}${hidden > 0 ? `${shown.length > 0 ? ', ' : ''}${hidden} other${hidden === 1 ? '' : 's'} not shown` : ''}`;
}

/** Options for {@link credentialsFromRecord}. */
export interface RecordMappingOptions {
  /** Names the secret in messages (a path, an item reference — never a value). @default 'the secret' */
  source?: string;
  /** Explicit field names, checked first and required to exist. */
  overrides?: FieldOverrides;
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

// ISO-8601 extended form, with `T` or a space between date and time. Other
// text never reaches `new Date(text)`, whose legacy parser reads "abc 2030" as
// a date.
const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([Zz]|[+-]\d{2}:?\d{2})?)?$/u;

function parseIsoDate(text: string): Date {
  const match = ISO_8601.exec(text);
  if (!match) return new Date(Number.NaN);
  const [, day, time, zone] = match;
  // A time without a zone is UTC, as AWS writes times; JavaScript would read
  // it as the machine's local time.
  return new Date(`${day}T${time ?? '00:00:00'}${zone ?? 'Z'}`);
}

/**
 * Parses an expiration written as ISO-8601 or as epoch seconds/milliseconds.
 * Returns undefined for an empty value; throws INVALID_SECRET for garbage.
 */
export function parseExpiration(value: unknown, source = 'the secret'): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let date: Date;
  if (value instanceof Date) {
    date = value;
  } else if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/u.test(value.trim()))) {
    const number = Number(value);
    // Anything past the year 2286 in seconds is certainly milliseconds.
    date = new Date(number > 1e10 ? number : number * 1000);
  } else if (typeof value === 'string') {
    date = parseIsoDate(value.trim());
  } else {
    date = new Date(Number.NaN);
  }
  if (Number.isNaN(date.getTime())) {
    throw new CredentialError('INVALID_SECRET', `${source} has an expiration that is not a date`, {
      hint: 'write the expiration as ISO-8601, e.g. 2030-01-01T00:00:00Z',
    });
  }
  return date;
}

/**
 * Credentials from a flat record using the common spellings of each field
 * (`AccessKeyId`, `aws_access_key_id`, `access_key_id`, `accessKeyId`…), with
 * explicit overrides first. Works on credential_process JSON itself. Missing
 * keys give INVALID_SECRET naming the fields looked for, never the values.
 */
export function credentialsFromRecord(record: Readonly<Record<string, unknown>>, options: RecordMappingOptions = {}): SourceCredentials {
  const source = options.source ?? 'the secret';
  const overrides = options.overrides ?? {};
  const byNormalisedKey = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    const normalised = normalise(key);
    if (!byNormalisedKey.has(normalised)) byNormalisedKey.set(normalised, value);
  }
  const pick = (field: CredentialField): unknown => {
    const override = overrides[field];
    if (override !== undefined) {
      // Own fields only: `in` would also find inherited names such as 'constructor'.
      if (!Object.hasOwn(record, override)) {
        throw new CredentialError('INVALID_SECRET', `${source} has no field "${override}" (asked for as ${field})`, {
          hint: `fields present: ${describeFieldNames(record)}`,
        });
      }
      return record[override];
    }
    for (const spelling of SPELLINGS[field]) {
      if (byNormalisedKey.has(spelling)) return byNormalisedKey.get(spelling);
    }
    return undefined;
  };
  const required = (field: 'accessKeyId' | 'secretAccessKey'): string => {
    const text = toText(pick(field));
    if (text === undefined || text === '') {
      throw new CredentialError('INVALID_SECRET', `${source} has no ${field === 'accessKeyId' ? 'access key id' : 'secret access key'}`, {
        hint: `expected one of the fields ${COMMON_SPELLINGS[field].join(', ')} (or name it with an override flag); fields present: ${describeFieldNames(record)}`,
      });
    }
    return text;
  };
  const result: SourceCredentials = { accessKeyId: required('accessKeyId'), secretAccessKey: required('secretAccessKey') };
  const optional = (field: 'sessionToken' | 'accountId' | 'mfaSerial' | 'mfaTotpSeed'): void => {
    const text = toText(pick(field));
    if (text !== undefined && text !== '') result[field] = text;
  };
  optional('sessionToken');
  optional('accountId');
  optional('mfaSerial');
  optional('mfaTotpSeed');
  const expiration = parseExpiration(pick('expiration'), source);
  if (expiration !== undefined) result.expiration = expiration;
  return result;
}
