import { credentialsFromIni, credentialsFromRecord, looksLikeIni, parseIni, type FieldOverrides, type SecretSink, type SourceCredentials } from '@cred-launch/core';
import { fileError } from './errors.js';

/** Options for {@link credentialsFromPlaintext}. */
export interface PlaintextOptions {
  /** Profile to select from an INI file or a JSON object keyed by profile. @default 'default' */
  profile: string;
  /** Explicit field names, as the `--…-field` flags give them. */
  overrides: FieldOverrides;
  /** Names the file in messages (its path). */
  source: string;
}

// Keys whose values are secret, whatever the spelling: registered for redaction
// even in profiles that were not selected.
const SECRET_KEY = /secret|token|seed|password|passphrase/iu;

function registerValues(record: Readonly<Record<string, unknown>>, secrets: SecretSink): void {
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' && SECRET_KEY.test(key)) secrets.add(value);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) registerValues(value as Record<string, unknown>, secrets);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromJson(text: string, options: PlaintextOptions, secrets: SecretSink): SourceCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // No cause: JSON.parse messages quote the text around the error.
    throw fileError('INVALID_SECRET', `the decrypted content of ${options.source} starts like JSON but is not valid JSON`, 'decrypt it by hand, fix it, and encrypt it again');
  }
  if (!isRecord(parsed)) {
    throw fileError('INVALID_SECRET', `the decrypted content of ${options.source} is JSON but not an object`, 'store an object such as {"AccessKeyId": …, "SecretAccessKey": …}');
  }
  registerValues(parsed, secrets);
  const profiles = Object.entries(parsed).filter(([, value]) => isRecord(value));
  const nested = parsed[options.profile];
  if (isRecord(nested)) {
    return credentialsFromRecord(nested, { source: `profile "${options.profile}" in ${options.source}`, overrides: options.overrides });
  }
  // A flat object is one set of credentials: it has no profiles to choose from.
  const flatHasKeys = Object.values(parsed).some((value) => typeof value === 'string' || typeof value === 'number');
  if (profiles.length > 0 && !flatHasKeys) {
    throw fileError('NOT_FOUND', `profile "${options.profile}" not found in ${options.source}`, `profiles present: ${profiles.map(([name]) => name).join(', ')}`);
  }
  if (options.profile !== 'default') {
    throw fileError(
      'NOT_FOUND',
      `profile "${options.profile}" not found in ${options.source}: it holds a single set of credentials`,
      'drop --profile, or store an object keyed by profile name',
    );
  }
  return credentialsFromRecord(parsed, { source: options.source, overrides: options.overrides });
}

// `KEY=value` lines, optionally `export`ed and quoted, as in a .env file.
const DOTENV_LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/u;

function parseDotenv(text: string): Record<string, string> | undefined {
  const record: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = DOTENV_LINE.exec(line);
    if (!match) return undefined;
    let value = (match[2] ?? '').trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) value = value.slice(1, -1);
    record[match[1] ?? ''] = value;
  }
  return Object.keys(record).length > 0 ? record : undefined;
}

/**
 * Credentials from decrypted text: an AWS credentials INI (profile by name),
 * JSON in any common spelling (credential_process output included, flat or
 * keyed by profile), or `AWS_ACCESS_KEY_ID=…` lines. Every secret-looking
 * value is registered for redaction before anything can fail.
 */
export function credentialsFromPlaintext(text: string, options: PlaintextOptions, secrets: SecretSink): SourceCredentials {
  const body = text.replace(/^\uFEFF/u, '');
  if (looksLikeIni(body)) {
    for (const section of parseIni(body).values()) registerValues(Object.fromEntries(section), secrets);
    return credentialsFromIni(body, { profile: options.profile, source: options.source, overrides: options.overrides });
  }
  if (/^\s*[{[]/u.test(body)) return fromJson(body, options, secrets);
  const dotenv = parseDotenv(body);
  if (dotenv !== undefined) {
    registerValues(dotenv, secrets);
    if (options.profile !== 'default') {
      throw fileError('NOT_FOUND', `profile "${options.profile}" not found in ${options.source}: it holds a single set of credentials`, 'drop --profile');
    }
    return credentialsFromRecord(dotenv, { source: options.source, overrides: options.overrides });
  }
  throw fileError(
    'INVALID_SECRET',
    `the decrypted content of ${options.source} is neither an AWS credentials file nor JSON`,
    'it should hold [profile] sections with aws_access_key_id and aws_secret_access_key',
  );
}

/**
 * The profiles of decrypted text that hold usable credentials, for the
 * encrypt command's summary: INI sections, keys of a JSON object keyed by
 * profile, or `default` for a single set. Empty when none would work.
 */
export function credentialProfiles(text: string, overrides: FieldOverrides, secrets: SecretSink): string[] {
  const body = text.replace(/^\uFEFF/u, '');
  let candidates: string[] = ['default'];
  if (looksLikeIni(body)) {
    candidates = [...parseIni(body).keys()].map((name) => name.replace(/^profile /u, ''));
  } else if (/^\s*\{/u.test(body)) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (isRecord(parsed) && !Object.values(parsed).some((value) => typeof value === 'string')) {
        candidates = Object.keys(parsed).filter((name) => isRecord(parsed[name]));
      }
    } catch {
      return [];
    }
  }
  return candidates.filter((profile) => {
    try {
      credentialsFromPlaintext(body, { profile, overrides, source: 'the plaintext' }, secrets);
      return true;
    } catch {
      return false;
    }
  });
}
