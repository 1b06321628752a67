import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceEnv } from '@cred-launch/core';

/** One profile's settings; nested blocks (`s3 =` + indented lines) appear as `s3.key`. */
export type ProfileSettings = Readonly<Record<string, string>>;

/** The shared config and credentials files, merged as the AWS SDK for JavaScript merges them. */
export interface SharedConfig {
  /** The config file, as given by `AWS_CONFIG_FILE` or `~/.aws/config`. */
  configFile: string;
  /** The credentials file, as given by `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`. */
  credentialsFile: string;
  /** Profiles by name: config `[profile x]`/`[default]` merged with credentials `[x]` (credentials win per key). */
  profiles: ReadonlyMap<string, ProfileSettings>;
  /** Other config sections by `<type>.<name>`, e.g. `services.local`, `sso-session.corp`. */
  sections: ReadonlyMap<string, ProfileSettings>;
}

type Sections = Map<string, Record<string, string>>;

// Section types the SDK recognises in `[<type> <name>]` headers.
const SECTION_TYPES = new Set(['profile', 'sso-session', 'services']);

/**
 * Parses an AWS shared config file the way @smithy/shared-ini-file-loader
 * does: comments start at `#`/`;` at the line start or after white space, a
 * `key =` with no value opens a nested block of indented `sub = value`
 * lines (kept as `key.sub`), `[type name]` headers are keyed `type.name`.
 */
export function parseSharedIni(text: string): Sections {
  const sections: Sections = new Map();
  let current: string | undefined;
  let nested: string | undefined;
  for (const rawLine of text.replace(/^\uFEFF/u, '').split(/\r?\n/u)) {
    const line = (rawLine.split(/(?:^|\s)[;#]/u)[0] ?? '').trim();
    if (line.startsWith('[') && line.endsWith(']')) {
      nested = undefined;
      const name = line.slice(1, -1).trim();
      const typed = /^([\w-]+)\s+(["']?)([\w\-@+.%:/]+)\2$/u.exec(name);
      current = typed ? (SECTION_TYPES.has(typed[1]!) ? `${typed[1]}.${typed[3]}` : undefined) : name;
      if (current === '__proto__' || current === 'profile.__proto__') current = undefined;
      continue;
    }
    if (current === undefined) continue;
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (value === '') {
      nested = key;
      continue;
    }
    if (nested !== undefined && rawLine.trimStart() === rawLine) nested = undefined;
    const section = sections.get(current) ?? {};
    section[nested === undefined ? key : `${nested}.${key}`] = value;
    sections.set(current, section);
  }
  return sections;
}

function expandHome(path: string, homedir: string): string {
  return path.startsWith('~/') ? join(homedir, path.slice(2)) : path;
}

async function readOptional(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    // As the SDK does: a missing or unreadable file is an empty one.
    return '';
  }
}

/** Where the shared files are, from `context.env` and the home directory. */
export function sharedConfigPaths(env: SourceEnv, homedir: string): { configFile: string; credentialsFile: string } {
  return {
    configFile: expandHome(env.AWS_CONFIG_FILE || join(homedir, '.aws', 'config'), homedir),
    credentialsFile: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(homedir, '.aws', 'credentials'), homedir),
  };
}

/** Reads and merges the shared config and credentials files named by `env`. */
export async function loadSharedConfig(env: SourceEnv, homedir: string): Promise<SharedConfig> {
  const paths = sharedConfigPaths(env, homedir);
  const [configText, credentialsText] = await Promise.all([readOptional(paths.configFile), readOptional(paths.credentialsFile)]);
  const profiles = new Map<string, Record<string, string>>();
  const sections = new Map<string, Record<string, string>>();
  for (const [name, values] of parseSharedIni(configText)) {
    if (name === 'default') profiles.set('default', { ...profiles.get('default'), ...values });
    else if (name.startsWith('profile.')) profiles.set(name.slice('profile.'.length), { ...profiles.get(name.slice(8)), ...values });
    else if (name.includes('.')) sections.set(name, values);
  }
  for (const [name, values] of parseSharedIni(credentialsText)) {
    profiles.set(name, { ...profiles.get(name), ...values });
  }
  return { ...paths, profiles, sections };
}
