import type { SourceCredentials } from './credentials.js';
import { CredentialError } from './errors.js';
import { scanIniLines } from './ini-lines.js';
import { credentialsFromRecord, type FieldOverrides } from './mapping.js';

/** Sections of an INI file, each a map of keys to values, in file order. */
export type IniSections = Map<string, Map<string, string>>;

/**
 * Parses the AWS shared config/credentials INI dialect: `[section]` headers,
 * `key = value`, `#`/`;` comment lines, CRLF or LF. A line indented deeper
 * than the key above it continues that key (a nested block such as `s3 =`)
 * and is skipped, as botocore's configparser does for credentials; a file
 * indented uniformly (a heredoc) reads as if it were not indented. The lines
 * are cut by {@link scanIniLines}, the one INI parser every package uses.
 */
export function parseIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  // Indentation of the last key line in the current section.
  let keyIndent: number | undefined;
  for (const line of scanIniLines(text)) {
    if (line.blank) continue;
    if (line.header !== undefined) {
      current = sections.get(line.header) ?? new Map<string, string>();
      sections.set(line.header, current);
      keyIndent = undefined;
      continue;
    }
    if (current === undefined) continue;
    if (keyIndent !== undefined && line.indent > keyIndent) continue;
    if (line.entry === undefined) continue;
    current.set(line.entry.key, line.entry.value);
    keyIndent = line.indent;
  }
  return sections;
}

/** Options for {@link credentialsFromIni}. */
export interface IniCredentialsOptions {
  /** Profile to select. @default 'default' */
  profile?: string;
  /** Names the file in messages. @default 'the credentials file' */
  source?: string;
  /** Explicit key names, as for records. */
  overrides?: FieldOverrides;
}

// parseIni lower-cases key names (as botocore does), so an override written
// the way the key appears in the file must be lower-cased to match.
function lowerCaseOverrides(overrides: FieldOverrides): FieldOverrides {
  const result: FieldOverrides = {};
  for (const [field, name] of Object.entries(overrides) as Array<[keyof FieldOverrides, string | undefined]>) {
    if (name !== undefined) result[field] = name.toLowerCase();
  }
  return result;
}

/**
 * Credentials for one profile of an AWS credentials (or config) INI text.
 * Accepts `[name]` and `[profile name]` headers.
 */
export function credentialsFromIni(text: string, options: IniCredentialsOptions = {}): SourceCredentials {
  const profile = options.profile ?? 'default';
  const source = options.source ?? 'the credentials file';
  const sections = parseIni(text);
  const section = sections.get(profile) ?? sections.get(`profile ${profile}`);
  if (section === undefined) {
    // Only names that look like profile names are listed: when the text was
    // not really INI (a one-line JSON array, say) a "section" can be secret data.
    const names = [...sections.keys()].map((name) => name.replace(/^profile /u, '')).filter((name) => /^[\w .@+%:/-]+$/u.test(name));
    throw new CredentialError('NOT_FOUND', `profile "${profile}" not found in ${source}`, {
      hint: names.length > 0 ? `profiles present: ${names.join(', ')}` : 'the file has no [profile] sections',
    });
  }
  return credentialsFromRecord(Object.fromEntries(section), {
    source: `profile "${profile}" in ${source}`,
    ...(options.overrides === undefined ? {} : { overrides: lowerCaseOverrides(options.overrides) }),
  });
}

/** True when `text` looks like an INI document rather than JSON. */
export function looksLikeIni(text: string): boolean {
  if (!/^\s*\[[^\]]+\]/mu.test(text)) return false;
  // A JSON array starts with "[" too, and `[{"AccessKeyId":…}]` on one line
  // matches a section header.
  if (/^\s*(?:\{|\[\s*[{["\]])/u.test(text)) return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}
