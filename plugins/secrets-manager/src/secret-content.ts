import { COMMON_SPELLINGS, CredentialError, credentialsFromIni, credentialsFromRecord, looksLikeIni, type SecretSink, type SourceCredentials } from '@cred-launch/core';
import type { SecretsManagerOptions } from './options.js';

/** The parts of a GetSecretValue answer the plugin reads. */
export interface SecretValue {
  name?: string;
  versionId?: string;
  secretString?: string;
  /** Already base64-decoded by the SDK. */
  secretBinary?: Uint8Array;
}

const EXPECTED = `a JSON object with ${COMMON_SPELLINGS.accessKeyId[0]} and ${COMMON_SPELLINGS.secretAccessKey[0]} (or aws_access_key_id/aws_secret_access_key, accessKeyId/secretAccessKey…), or an AWS credentials INI text`;

function invalid(label: string, problem: string, hint = `store ${EXPECTED}`): CredentialError {
  return new CredentialError('INVALID_SECRET', `secrets-manager: ${label} ${problem}`, { hint });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Registers every string in a parsed JSON value: a secret often holds other secrets too. */
function registerStrings(value: unknown, secrets: SecretSink): void {
  if (typeof value === 'string') secrets.add(value);
  else if (Array.isArray(value)) for (const item of value) registerStrings(item, secrets);
  else if (isRecord(value)) for (const item of Object.values(value)) registerStrings(item, secrets);
}

/** `a.b.c` in `record`: a literal key with dots wins, then the path segment by segment. */
function select(record: Record<string, unknown>, path: string): unknown {
  if (path in record) return record[path];
  let current: unknown = record;
  for (const segment of path.split('.')) {
    if (!isRecord(current) || !(segment in current)) return undefined;
    current = current[segment];
  }
  return current;
}

function parseJsonObject(text: string, label: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message quotes the text around the error: never show it.
    throw invalid(label, 'is not valid JSON');
  }
  if (!isRecord(parsed)) throw invalid(label, `is JSON but not an object (${Array.isArray(parsed) ? 'an array' : typeof parsed})`);
  return parsed;
}

function decodeBinary(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid(label, 'holds SecretBinary that is not UTF-8 text', `store the credentials as text: ${EXPECTED}`);
  }
}

/**
 * Credentials from a secret's value: SecretString, or SecretBinary read as
 * UTF-8, holding either a JSON object (core's common spellings and the field
 * overrides; `--json-key` picks a nested object) or an AWS credentials INI
 * text (`--profile` picks the section). Every value is registered for
 * redaction before anything can fail.
 */
export function credentialsFromSecret(value: SecretValue, args: SecretsManagerOptions, secrets: SecretSink): SourceCredentials {
  const label = `secret "${args.secretId}"`;
  let text: string;
  if (value.secretString !== undefined) {
    text = value.secretString;
  } else if (value.secretBinary !== undefined) {
    secrets.add(Buffer.from(value.secretBinary).toString('base64'));
    text = decodeBinary(value.secretBinary, label);
  } else {
    throw invalid(label, 'has neither SecretString nor SecretBinary');
  }
  secrets.add(text);
  const trimmed = text.trim();
  const overrides = Object.keys(args.overrides).length > 0 ? { overrides: args.overrides } : {};

  if (trimmed.startsWith('{') || (trimmed.startsWith('[') && !looksLikeIni(text))) {
    const record = parseJsonObject(trimmed, label);
    registerStrings(record, secrets);
    if (args.jsonKey === undefined) return credentialsFromRecord(record, { source: label, ...overrides });
    const selected = select(record, args.jsonKey);
    const source = `${label} at --json-key "${args.jsonKey}"`;
    if (isRecord(selected)) return credentialsFromRecord(selected, { source, ...overrides });
    // A nested value may itself be serialised JSON or INI text.
    if (typeof selected === 'string' && selected.trim().startsWith('{')) {
      return credentialsFromRecord(parseJsonObject(selected.trim(), source), { source, ...overrides });
    }
    if (typeof selected === 'string' && looksLikeIni(selected)) {
      return credentialsFromIni(selected, { profile: args.profile, source, ...overrides });
    }
    throw invalid(label, `has no object at --json-key "${args.jsonKey}"`, `keys at the top level: ${Object.keys(record).join(', ') || 'none'}`);
  }
  if (looksLikeIni(text)) {
    if (args.jsonKey !== undefined) {
      throw invalid(label, 'is INI text, so --json-key does not apply', 'use --profile to pick the INI section instead');
    }
    return credentialsFromIni(text, { profile: args.profile, source: label, ...overrides });
  }
  throw invalid(label, 'is neither a JSON object nor an AWS credentials INI text');
}
