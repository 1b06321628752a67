import { formatExpiration, parseExpiration, type SecretSink, type SourceCredentials } from '@cred-launch/core';
import { keychainError } from './errors.js';

/**
 * What is stored under one name: a small JSON object. `version` lets a later
 * release change the shape and still read old entries.
 */
export interface StoredDocument {
  version: 1;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** UTC ISO-8601. */
  expiration?: string;
  /** ARN or serial of the MFA device, handed to the launcher's STS layer (`--session`, `--assume-role`). */
  mfaSerial?: string;
  /** Base32 TOTP seed of that device, so the STS layer can make codes itself. */
  mfaTotpSeed?: string;
}

const OPTIONAL_FIELDS = ['sessionToken', 'mfaSerial', 'mfaTotpSeed'] as const;

/** The JSON text stored for `credentials`: ASCII only (non-ASCII escaped), one line. */
export function serializeStored(credentials: SourceCredentials): string {
  const document: StoredDocument = { version: 1, accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey };
  if (credentials.sessionToken !== undefined) document.sessionToken = credentials.sessionToken;
  if (credentials.expiration !== undefined) document.expiration = formatExpiration(credentials.expiration);
  if (credentials.mfaSerial !== undefined) document.mfaSerial = credentials.mfaSerial;
  if (credentials.mfaTotpSeed !== undefined) document.mfaTotpSeed = credentials.mfaTotpSeed;
  // ASCII keeps every backend's text handling out of the way (security -w
  // prints non-ASCII values as hex; Windows consoles have code pages).
  return JSON.stringify(document).replace(/[\u0080-\uffff]/gu, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function corrupt(name: string, problem: string): Error {
  return keychainError('INVALID_SECRET', `the entry "${name}" is not a cred-launch credentials document: ${problem}`, `store it again: cred-launch keychain add ${name} --force`);
}

/**
 * The credentials in a stored text. Registers the secret values with
 * `secrets` first, so no later message can show them. A text that is not our
 * document is INVALID_SECRET naming the problem, never quoting the text.
 */
export function parseStored(name: string, text: string, secrets: SecretSink): SourceCredentials {
  secrets.add(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // No cause: JSON.parse messages quote the text they choke on.
    throw corrupt(name, 'not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(name, 'not a JSON object');
  const record = value as Record<string, unknown>;
  for (const field of ['secretAccessKey', 'sessionToken', 'mfaTotpSeed'] as const) {
    if (typeof record[field] === 'string') secrets.add(record[field]);
  }
  if (record.version !== 1) throw corrupt(name, 'its version is missing or unknown');
  if (typeof record.accessKeyId !== 'string' || typeof record.secretAccessKey !== 'string') throw corrupt(name, 'accessKeyId or secretAccessKey is missing');
  const credentials: SourceCredentials = { accessKeyId: record.accessKeyId, secretAccessKey: record.secretAccessKey };
  for (const field of OPTIONAL_FIELDS) {
    const fieldValue = record[field];
    if (fieldValue === undefined) continue;
    if (typeof fieldValue !== 'string') throw corrupt(name, `${field} is not a string`);
    credentials[field] = fieldValue;
  }
  const expiration = parseExpiration(record.expiration, `the entry "${name}"`);
  if (expiration !== undefined) credentials.expiration = expiration;
  return credentials;
}
