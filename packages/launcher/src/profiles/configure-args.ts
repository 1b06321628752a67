import { PROFILE_NAME } from '@cred-launch/aws-profiles';
import { closestMatch, CredentialError } from '@cred-launch/core';
import { LAUNCHER_FLAGS, parseCommandLine, type LauncherOptions } from '../options.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What `cred-launch configure …` asks for. */
export interface ConfigureRequest {
  profile: string;
  /** `--config-file`; undefined means AWS_CONFIG_FILE or ~/.aws/config. */
  configFile: string | undefined;
  dryRun: boolean;
  removeStaticKeys: boolean;
  /** Replace a credential_process that another tool wrote. */
  yes: boolean;
  /** Debug lines for this run; never written into the line. */
  verbose: boolean;
  /** Launcher options to write into the line, as typed (e.g. `--timeout`, `10s`). */
  launcherArgs: string[];
  /** The launcher options those parse to, for the verification run. */
  launcherOptions: LauncherOptions;
  plugin: string;
  pluginArgs: string[];
}

/** The usage text of `cred-launch configure`. */
export const CONFIGURE_USAGE = `usage: cred-launch configure --profile <name> [--config-file <path>] [--dry-run]
                            [--remove-static-keys] [--yes] [--verbose]
                            [launcher options] <plugin> [plugin args…]

Runs the plugin once (nothing is printed but the masked access key id), then
writes credential_process for the profile into the shared config file
(AWS_CONFIG_FILE or ~/.aws/config), with absolute paths and AWS's quoting.
Launcher options (--timeout, --no-cache, --session, …) are written into the line.
The file is edited under a lock (parallel runs for other profiles are safe), and
the previous content is kept in a 0600 backup beside it.

  --profile <name>          the profile to configure ("default" is [default])
  --config-file <path>      write this file instead of AWS_CONFIG_FILE / ~/.aws/config
  --dry-run               run the plugin and print the line and the file; write nothing
  --remove-static-keys    remove the profile's aws_access_key_id/secret/session token from
                          the credentials file (and the config file): they hide credential_process
  --yes                   replace a credential_process that another tool wrote
  -v, --verbose           debug lines for this run (not written into the line)

Examples:
  cred-launch configure --profile dev vault secret/aws/dev
  cred-launch configure --profile dev --remove-static-keys \\
    file /home/me/.aws/static_credentials.enc --key-file /home/me/.secrets/aws-creds.key --profile dev
  cred-launch configure --profile admin --session --mfa-serial arn:aws:iam::123456789012:mfa/me keychain work
  cred-launch configure --profile legacy process -- /usr/local/bin/aws_signing_helper credential-process …
`;

/** configure's own flags (launcher options are accepted too, and written into the line). */
const CONFIGURE_FLAGS: readonly string[] = ['--profile', '--config-file', '--dry-run', '--remove-static-keys', '--yes', '--verbose', '--help'];

function usage(message: string): CredentialError {
  return new CredentialError('USAGE', `configure: ${message}`, { hint: "see 'cred-launch configure --help'" });
}

/**
 * Whether a launcher option takes a value, asked of the launcher's own parser
 * so the two never disagree: with a value-taking flag the probe `1` is
 * consumed as its value; with a boolean flag it becomes the plugin name.
 */
function launcherFlagKind(flag: string): 'boolean' | 'value' | undefined {
  try {
    return parseCommandLine([flag, '1'], {}).command.kind === 'plugin' ? 'boolean' : 'value';
  } catch {
    return undefined;
  }
}

function takeValue(args: readonly string[], index: number, flag: string, inline: string | undefined): [string, number] {
  if (inline !== undefined) return [inline, index];
  const value = args[index + 1];
  if (value === undefined) throw usage(`${flag} needs a value`);
  return [value, index + 1];
}

/**
 * Parses `configure`'s arguments: its own flags and launcher options in any
 * order, then the plugin name and everything after it (the plugin's). Returns
 * undefined for `--help`.
 */
export function parseConfigureArgs(args: readonly string[], env: Env): ConfigureRequest | undefined {
  let profile: string | undefined;
  let configFile: string | undefined;
  let dryRun = false;
  let removeStaticKeys = false;
  let yes = false;
  let verbose = false;
  const launcherArgs: string[] = [];
  let pluginIndex = -1;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--') {
      pluginIndex = index + 1;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      pluginIndex = index;
      break;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '-h':
      case '--help':
        return undefined;
      case '--profile':
        [profile, index] = takeValue(args, index, flag, inline);
        continue;
      case '--config-file':
        [configFile, index] = takeValue(args, index, flag, inline);
        continue;
      case '--dry-run':
        dryRun = true;
        continue;
      case '--remove-static-keys':
        removeStaticKeys = true;
        continue;
      case '--yes':
      case '-y':
        yes = true;
        continue;
      case '--verbose':
      case '-v':
        verbose = true;
        continue;
      case '-V':
      case '--version':
        throw usage(`${flag} is not a configure option`);
    }
    const kind = launcherFlagKind(flag);
    if (kind === undefined) {
      const nearest = closestMatch(flag, [...CONFIGURE_FLAGS, ...LAUNCHER_FLAGS]);
      throw new CredentialError('USAGE', `configure: unknown option ${flag}`, { hint: nearest === undefined ? "see 'cred-launch configure --help'" : `did you mean ${nearest}?` });
    }
    if (kind === 'boolean') {
      if (inline !== undefined) throw usage(`${flag} takes no value`);
      launcherArgs.push(arg);
    } else if (inline !== undefined) {
      launcherArgs.push(arg);
    } else {
      const [value, next] = takeValue(args, index, flag, inline);
      launcherArgs.push(arg, value);
      index = next;
    }
  }
  if (profile === undefined) throw usage('--profile <name> is required');
  if (!PROFILE_NAME.test(profile)) {
    throw usage(`"${profile}" is not a profile name both AWS SDKs read (letters, digits and _ - @ + . % : / only)`);
  }
  const plugin = pluginIndex >= 0 ? args[pluginIndex] : undefined;
  if (plugin === undefined) throw usage('missing the plugin name and its arguments');
  const pluginArgs = args.slice(pluginIndex + 1);
  // The launcher's own parser validates the options (durations, values) now, before anything runs.
  const parsed = parseCommandLine([...launcherArgs, '--', plugin, ...pluginArgs], env);
  return { profile, configFile, dryRun, removeStaticKeys, yes, verbose, launcherArgs, launcherOptions: parsed.options, plugin, pluginArgs };
}
