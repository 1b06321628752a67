import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { CredentialError } from '@cred-launch/core';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the shared files are, as the SDKs find them. */
export interface AwsFileLocations {
  configFile: string;
  credentialsFile: string;
  /** True when the config file is not the one the SDKs would read from this environment. */
  configFileOverridden: boolean;
}

function expandPath(path: string, homedir: string, cwd: string): string {
  // Both SDKs expand a leading ~/ in these variables themselves.
  const expanded = path === '~' ? homedir : path.startsWith('~/') ? join(homedir, path.slice(2)) : path;
  return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
}

/**
 * `AWS_CONFIG_FILE` or `~/.aws/config`, `AWS_SHARED_CREDENTIALS_FILE` or
 * `~/.aws/credentials` (`%UserProfile%\.aws\…` on Windows, which is the home
 * directory Node reports). `configFile` is an explicit `--config-file`.
 */
export function awsFileLocations(env: Env, homedir: string, cwd: string, configFile?: string): AwsFileLocations {
  const sdkConfig = expandPath(env.AWS_CONFIG_FILE || join(homedir, '.aws', 'config'), homedir, cwd);
  const chosen = configFile === undefined ? sdkConfig : expandPath(configFile, homedir, cwd);
  return {
    configFile: chosen,
    credentialsFile: expandPath(env.AWS_SHARED_CREDENTIALS_FILE || join(homedir, '.aws', 'credentials'), homedir, cwd),
    configFileOverridden: chosen !== sdkConfig,
  };
}

/** The file's text, or undefined when it does not exist. Other read errors are CONFIG errors. */
export function readOptionalFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new CredentialError('CONFIG', `cannot read ${path} (${code ?? 'error'})`, { cause: error, hint: 'check the file is readable by you' });
  }
}

/** Profile names both SDKs accept in a `[profile NAME]` header (the JS SDK's rule is the narrower one). */
export const PROFILE_NAME = /^[A-Za-z0-9_\-@+.%:/]+$/u;

/** Section names that hold `profile` in the config file, preferred first. */
export function configSectionNames(profile: string): string[] {
  return profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
}

/** The section a new `profile` gets in the config file. */
export function configSectionFor(profile: string): string {
  return profile === 'default' ? 'default' : `profile ${profile}`;
}

/** The profile a config-file section holds, or undefined for other sections (`sso-session …`, `services …`). */
export function profileOfConfigSection(section: string): string | undefined {
  if (section === 'default') return 'default';
  const match = /^profile\s+(\S+)$/u.exec(section);
  return match ? match[1] : undefined;
}

/** The keys that put long-term credentials in a profile. */
export const STATIC_KEYS: readonly string[] = Object.freeze(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/** Settings that make both SDKs use another provider before credential_process in the same profile. */
export const PRECEDING_SETTINGS: readonly string[] = Object.freeze(['role_arn', 'web_identity_token_file', 'sso_session', 'sso_start_url']);
