import { isCredentialError, readRegularFile, scanIniLines } from '@cred-launch/core';
import { AWS_FILE_READ, awsFileLocations, type Env } from './locations.js';

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

/** Sections of a shared INI file keyed as the JS SDK keys them (`default`, `profile.dev`, `services.local`). */
export type SharedIniSections = Map<string, Record<string, string>>;

// Section types the SDK recognises in `[<type> <name>]` headers.
const SECTION_TYPES = new Set(['profile', 'sso-session', 'services']);

/**
 * Folds core's scanned lines the way @smithy/shared-ini-file-loader's
 * `parseIni` does: comments start at `#`/`;` at the line start or after
 * white space, a `key =` with no value opens a nested block of indented
 * `sub = value` lines (kept as `key.sub`), `[type name]` headers are keyed
 * `type.name`, and keys keep their case. botocore's view of the same files
 * is {@link readAwsProfiles}.
 */
export function parseSharedIni(text: string): SharedIniSections {
  const sections: SharedIniSections = new Map();
  let current: string | undefined;
  let nested: string | undefined;
  for (const line of scanIniLines(text)) {
    if (line.jsHeader !== undefined) {
      nested = undefined;
      const typed = /^([\w-]+)\s+(["']?)([\w\-@+.%:/]+)\2$/u.exec(line.jsHeader);
      current = typed ? (SECTION_TYPES.has(typed[1] as string) ? `${typed[1]}.${typed[3]}` : undefined) : line.jsHeader;
      if (current === '__proto__' || current === 'profile.__proto__') current = undefined;
      continue;
    }
    if (current === undefined || line.jsEntry === undefined) continue;
    const { key, value } = line.jsEntry;
    if (value === '') {
      nested = key;
      continue;
    }
    if (nested !== undefined && line.indent === 0) nested = undefined;
    const section = sections.get(current) ?? {};
    section[nested === undefined ? key : `${nested}.${key}`] = value;
    sections.set(current, section);
  }
  return sections;
}

async function isDirectory(path: string): Promise<boolean> {
  // Not a static `import … from 'node:fs'`: in an ES module that builds fs's
  // ESM facade, which loads fs/promises, readline and every stream class
  // (~15M instructions of the secrets-manager plugin's cold call; see core's
  // builtin-module.ts). getBuiltinModule is Node 20.16+.
  const { stat } = typeof process.getBuiltinModule === 'function' ? (process.getBuiltinModule('node:fs') as typeof import('node:fs')) : await import('node:fs');
  return new Promise((resolve) => stat(path, (error, stats) => resolve(error === null && stats.isDirectory())));
}

async function readOptional(path: string): Promise<string> {
  try {
    return (await readRegularFile(path, AWS_FILE_READ)).bytes.toString('utf8');
  } catch (error) {
    // A FIFO or device is refused (CONFIG) rather than read: the SDK would
    // block on it, and so would the whole call. A directory stays what the
    // SDK makes of it (EISDIR): an empty file.
    if (isCredentialError(error) && !(await isDirectory(path))) throw error;
    // As the SDK does: a missing or unreadable file is an empty one.
    return '';
  }
}

/** Merges parsed config and credentials texts into profiles, as the JS SDK's `loadSharedConfigFiles` + `parseKnownFiles` do. */
export function mergeSharedConfig(configText: string, credentialsText: string, files: { configFile: string; credentialsFile: string }): SharedConfig {
  const profiles = new Map<string, Record<string, string>>();
  const sections = new Map<string, Record<string, string>>();
  for (const [name, values] of parseSharedIni(configText)) {
    if (name === 'default') profiles.set('default', { ...profiles.get('default'), ...values });
    else if (name.startsWith('profile.')) profiles.set(name.slice('profile.'.length), { ...profiles.get(name.slice('profile.'.length)), ...values });
    else if (name.includes('.')) sections.set(name, values);
  }
  for (const [name, values] of parseSharedIni(credentialsText)) {
    profiles.set(name, { ...profiles.get(name), ...values });
  }
  return { configFile: files.configFile, credentialsFile: files.credentialsFile, profiles, sections };
}

/** Reads and merges the shared config and credentials files named by `env`, as the JS SDK would. */
export async function loadSharedConfig(env: Env, homedir: string, cwd: string): Promise<SharedConfig> {
  const files = awsFileLocations(env, homedir, cwd);
  const [configText, credentialsText] = await Promise.all([readOptional(files.configFile), readOptional(files.credentialsFile)]);
  return mergeSharedConfig(configText, credentialsText, files);
}
