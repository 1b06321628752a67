import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSectionFor, PROFILE_NAME, quotePosixArgument } from '@cred-launch/aws-profiles';

/** Options for {@link writeAwsConfig}. */
export interface AwsConfigOptions {
  /** Profile name; `default` is written as `[default]`, others as `[profile name]`. @default 'cred-launch-test' */
  profile?: string;
  /**
   * The credential_process command: an argv array (quoted here so botocore's
   * shlex, the JS SDK's `sh -c` and the Go SDK all split it back the same
   * way), or a string written as is.
   */
  command: readonly string[] | string;
  /** Written as `region = …` so SDK clients can be built without other config. @default 'us-east-1' */
  region?: string;
  /** Extra `key = value` lines for the profile. */
  settings?: Readonly<Record<string, string>>;
  /** Directory to write into. @default a new temporary directory */
  dir?: string;
}

/** The files written and the environment that points the AWS CLI and SDKs at them. */
export interface AwsConfig {
  dir: string;
  configFile: string;
  /** An empty shared-credentials file, so the user's real one is never read. */
  credentialsFile: string;
  profile: string;
  /** The exact credential_process line written. */
  credentialProcess: string;
  /** `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, `AWS_PROFILE`, and the env/metadata overrides below. */
  env: Record<string, string | undefined>;
  /** Removes the directory (only when this call created it). */
  cleanup(): void;
}

/**
 * Quotes one argument for a credential_process line. Single quotes, with
 * `'\\''` for a quote inside, mean the same to POSIX `sh -c` (JS and Go SDKs)
 * and to Python's `shlex.split` (botocore). This is not the quoting
 * `cred-launch configure` writes (AWS's documented double quotes): tests must
 * pass arguments AWS's rule cannot carry (`"`, `$`, `\\`) to show a plugin
 * receives them intact. Both rules live in @cred-launch/aws-profiles.
 */
export function quoteArgument(argument: string): string {
  return quotePosixArgument(argument);
}

/** A whole credential_process line's value from an argv array. */
export function formatCredentialProcess(command: readonly string[]): string {
  return command.map(quoteArgument).join(' ');
}

/**
 * Writes a temporary AWS config whose profile runs `command` as its
 * credential_process, plus an empty credentials file, and returns the
 * environment that makes the AWS CLI and SDKs use only them.
 */
export function writeAwsConfig(options: AwsConfigOptions): AwsConfig {
  const profile = options.profile ?? 'cred-launch-test';
  if (!PROFILE_NAME.test(profile)) throw new Error(`invalid profile name ${JSON.stringify(profile)}`);
  const credentialProcess = typeof options.command === 'string' ? options.command : formatCredentialProcess(options.command);
  if (/[\r\n]/u.test(credentialProcess)) throw new Error('a credential_process line cannot contain line breaks');
  const created = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'cred-launch-testkit-aws-'));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  const lines = [`[${configSectionFor(profile)}]`, `credential_process = ${credentialProcess}`];
  lines.push(`region = ${options.region ?? 'us-east-1'}`);
  for (const [key, value] of Object.entries(options.settings ?? {})) lines.push(`${key} = ${value}`);
  writeFileSync(configFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  writeFileSync(credentialsFile, '', { mode: 0o600 });
  return {
    dir,
    configFile,
    credentialsFile,
    profile,
    credentialProcess,
    env: {
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_PROFILE: profile,
      // Nothing else may answer first: environment keys win over any profile,
      // and the instance metadata service must not be probed.
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_DEFAULT_PROFILE: undefined,
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    cleanup(): void {
      if (created) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes the config, runs `fn` with it and removes it afterwards.
 *
 * @example
 * await withAwsProfile({ command: credLaunchCommand([pluginDir, 'dev']) }, async ({ env }) => {
 *   const credentials = await fromIni()(); // or spawn `aws sts get-caller-identity` with env
 * });
 */
export async function withAwsProfile<T>(options: AwsConfigOptions, fn: (config: AwsConfig) => Promise<T> | T): Promise<T> {
  const config = writeAwsConfig(options);
  try {
    return await fn(config);
  } finally {
    config.cleanup();
  }
}
