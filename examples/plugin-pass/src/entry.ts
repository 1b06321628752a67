import {
  credentialsFromIni,
  credentialsFromRecord,
  CredentialError,
  looksLikeIni,
  parseIni,
  type FieldOverrides,
  type SecretSink,
  type SourceCredentials,
} from '@cred-launch/core';

/** How an entry is laid out. */
export type EntryFormat = 'json' | 'ini' | 'pass';

/** Options for {@link credentialsFromEntry}. */
export interface EntryOptions {
  entry: string;
  profile: string;
  overrides: FieldOverrides;
  secretKeyField: string | undefined;
}

/** Which of the three layouts an entry's text uses. */
export function detectFormat(text: string): EntryFormat {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return 'json';
  if (looksLikeIni(trimmed)) return 'ini';
  return 'pass';
}

/**
 * The pass convention (passwordstore.org, "organization" section): the
 * first line is the password, then `key: value` lines. The password lands
 * under `password`; a key appearing twice keeps its first value.
 */
export function parsePassConvention(text: string): Record<string, string> {
  const lines = text.replace(/\r\n/gu, '\n').split('\n');
  const record: Record<string, string> = {};
  const password = (lines[0] ?? '').trim();
  if (password !== '') record.password = password;
  for (const line of lines.slice(1)) {
    const match = /^\s*([^:\s][^:]*?)\s*:\s*(.*?)\s*$/u.exec(line);
    if (match && !((match[1] as string) in record)) record[match[1] as string] = match[2] as string;
  }
  return record;
}

/** The field names an entry has, for `cred-launch pass fields` (never the values). */
export function fieldNames(text: string, profile: string): { format: EntryFormat; fields: string[] } {
  const format = detectFormat(text);
  if (format === 'json') {
    try {
      const value = JSON.parse(text) as unknown;
      return { format, fields: typeof value === 'object' && value !== null ? Object.keys(value) : [] };
    } catch {
      return { format, fields: [] };
    }
  }
  if (format === 'ini') {
    const sections = parseIni(text);
    const section = sections.get(profile) ?? sections.get(`profile ${profile}`);
    return { format, fields: section ? [...section.keys()] : [] };
  }
  return { format, fields: Object.keys(parsePassConvention(text)) };
}

/**
 * Credentials from a decrypted entry in any of the three layouts. Every
 * value is registered as a secret first, so no later message can show it.
 */
export function credentialsFromEntry(text: string, options: EntryOptions, secrets: SecretSink): SourceCredentials {
  const source = `pass entry "${options.entry}"`;
  const format = detectFormat(text);
  if (format === 'ini') {
    for (const section of parseIni(text).values()) for (const value of section.values()) secrets.add(value);
    return credentialsFromIni(text, { profile: options.profile, source, overrides: withSecretField(options) });
  }
  let record: Record<string, unknown>;
  if (format === 'json') {
    try {
      record = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new CredentialError('INVALID_SECRET', `${source} starts with "{" but is not valid JSON`, { hint: "check it with 'pass edit'" });
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new CredentialError('INVALID_SECRET', `${source} is JSON but not an object`, { hint: 'store an object with AccessKeyId and SecretAccessKey' });
    }
  } else {
    record = parsePassConvention(text);
  }
  for (const value of Object.values(record)) if (typeof value === 'string') secrets.add(value);
  const overrides = withSecretField(options);
  // The pass convention keeps the password on the first line: that is the
  // secret access key unless a field says otherwise.
  if (format === 'pass' && overrides.secretAccessKey === undefined && !hasSecretSpelling(record)) overrides.secretAccessKey = 'password';
  return credentialsFromRecord(record, { source, overrides });
}

function withSecretField(options: EntryOptions): FieldOverrides {
  const overrides: FieldOverrides = { ...options.overrides };
  if (options.secretKeyField !== undefined) overrides.secretAccessKey = options.secretKeyField;
  return overrides;
}

function hasSecretSpelling(record: Record<string, unknown>): boolean {
  return Object.keys(record).some((key) => /^(aws)?secret(access)?key(id)?$/u.test(key.toLowerCase().replace(/[^a-z0-9]/gu, '')));
}
