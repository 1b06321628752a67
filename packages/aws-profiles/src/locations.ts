import { join } from 'node:path';
import { CredentialError, isCredentialError, readRegularFileSync } from '@cred-launch/core';
import { resolveUserPath } from './home.js';

/** Environment variables as a read-only record. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where the shared files are, as the SDKs find them. */
export interface AwsFileLocations {
  configFile: string;
  credentialsFile: string;
  /** True when the config file is not the one the SDKs would read from this environment. */
  configFileOverridden: boolean;
}

/**
 * `AWS_CONFIG_FILE` or `~/.aws/config`, `AWS_SHARED_CREDENTIALS_FILE` or
 * `~/.aws/credentials` (`%UserProfile%\.aws\…` on Windows, which is the home
 * directory Node reports). `configFile` is an explicit `--config-file`. Both
 * SDKs expand a leading `~/` in these variables themselves.
 */
export function awsFileLocations(env: Env, homedir: string, cwd: string, configFile?: string): AwsFileLocations {
  const sdkConfig = resolveUserPath(env.AWS_CONFIG_FILE || join(homedir, '.aws', 'config'), cwd, homedir);
  const chosen = configFile === undefined ? sdkConfig : resolveUserPath(configFile, cwd, homedir);
  return {
    configFile: chosen,
    credentialsFile: resolveUserPath(env.AWS_SHARED_CREDENTIALS_FILE || join(homedir, '.aws', 'credentials'), cwd, homedir),
    configFileOverridden: chosen !== sdkConfig,
  };
}

/**
 * Bound on a shared config or credentials file: generous (thousands of SSO
 * profiles fit), it only stops a wrong path from being read into memory.
 */
export const MAX_AWS_FILE_BYTES = 16 * 1024 * 1024;

/** The `what` and hint of a shared file refused by core's readRegularFile (a FIFO, a device, a directory). */
export const AWS_FILE_READ = {
  what: 'the AWS shared config/credentials file',
  maxBytes: MAX_AWS_FILE_BYTES,
  hint: 'point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at a regular file',
} as const;

/**
 * The file's text, or undefined when it does not exist. Other read errors are
 * CONFIG errors; so is a FIFO, device or directory, refused without blocking.
 */
export function readOptionalFile(path: string): string | undefined {
  try {
    return readRegularFileSync(path, AWS_FILE_READ).bytes.toString('utf8');
  } catch (error) {
    if (isCredentialError(error)) throw error;
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
