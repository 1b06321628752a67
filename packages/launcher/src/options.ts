import { MFA_PROMPT_MODES, type MfaPromptMode } from './mfa-prompt-types.js';
import { closestMatch, CredentialError, parseDurationSeconds, RESERVED_COMMAND_WORDS, type StsOptions } from '@cred-launch/core';

/** Launcher options: everything written before the plugin name. */
export interface LauncherOptions {
  verbose: boolean;
  /** --verbose, plus a plugin's unexpected error with its message and stack (for plugin authors). */
  debug: boolean;
  /** Overall time limit for the plugin's work (and any lock wait), in seconds. */
  timeoutSeconds: number;
  /** Bypass the cache for reading and writing. */
  noCache: boolean;
  /** Cache credentials without an Expiration for this long; off when undefined. */
  cacheTtlSeconds: number | undefined;
  /** Serve cached credentials only while more than this remains before they expire. */
  refreshWindowSeconds: number;
  /** STS options (see `--session`, `--assume-role`), handed to @cred-launch/sts. */
  sts: StsOptions;
  /** How an MFA code is asked for when no seed or --mfa-command gives one. Not part of the cache key. */
  mfaPrompt: MfaPromptMode;
}

/** What `--session` / `--assume-role` and friends ask for: core's contract with @cred-launch/sts. */
export type { StsOptions } from '@cred-launch/core';

/** The words reserved for cred-launch's own commands (core's naming rules); no plugin may take these names. */
export const RESERVED_COMMANDS: readonly string[] = RESERVED_COMMAND_WORDS;

/** cred-launch's own command words, besides help and version. */
export type BuiltinCommand = 'cache' | 'configure' | 'doctor' | 'plugins' | 'exec' | 'export' | 'serve' | 'completion';

/** What the command line asks for. */
export type LauncherCommand =
  /** requested: false when no command was given at all (usage on stderr, exit 64). */
  { kind: 'help'; requested: boolean } | { kind: 'version' } | { kind: 'builtin'; name: BuiltinCommand; args: string[] } | { kind: 'plugin'; name: string; args: string[] };

/** The parsed command line. */
export interface ParsedCommandLine {
  options: LauncherOptions;
  command: LauncherCommand;
}

/** Default overall time limit. Long enough for an MFA prompt or a slow Vault, short enough for CI. */
export const DEFAULT_TIMEOUT_SECONDS = 30;
/** botocore refreshes when fewer than 15 minutes remain, so serving less would make it ask every call. */
export const DEFAULT_REFRESH_WINDOW_SECONDS = 15 * 60;

type Env = Readonly<Record<string, string | undefined>>;

type ValueFlag = (options: LauncherOptions, value: string) => void;
type BooleanFlag = (options: LauncherOptions) => void;

const BOOLEAN_FLAGS: Readonly<Record<string, BooleanFlag>> = {
  '--verbose': (o) => void (o.verbose = true),
  '-v': (o) => void (o.verbose = true),
  '--debug': (o) => {
    o.verbose = true;
    o.debug = true;
  },
  '--no-cache': (o) => void (o.noCache = true),
  '--session': (o) => void (o.sts.session = true),
};

const VALUE_FLAGS: Readonly<Record<string, ValueFlag>> = {
  '--timeout': (o, v) => void (o.timeoutSeconds = positiveDuration(v, '--timeout')),
  '--cache-ttl': (o, v) => void (o.cacheTtlSeconds = positiveDuration(v, '--cache-ttl')),
  '--refresh-window': (o, v) => void (o.refreshWindowSeconds = parseDurationSeconds(v, '--refresh-window')),
  '--assume-role': (o, v) => void (o.sts.assumeRole = v),
  '--external-id': (o, v) => void (o.sts.externalId = v),
  '--role-session-name': (o, v) => void (o.sts.roleSessionName = v),
  '--duration': (o, v) => void (o.sts.durationSeconds = positiveDuration(v, '--duration')),
  '--source-identity': (o, v) => void (o.sts.sourceIdentity = v),
  '--mfa-serial': (o, v) => void (o.sts.mfaSerial = v),
  '--mfa-command': (o, v) => void (o.sts.mfaCommand = v),
  '--mfa-prompt': (o, v) => void (o.mfaPrompt = mfaPromptMode(v, '--mfa-prompt')),
};

/** Every launcher flag, for recognising one written after the plugin name. */
export const LAUNCHER_FLAGS: readonly string[] = Object.freeze([...Object.keys(BOOLEAN_FLAGS), ...Object.keys(VALUE_FLAGS), '--help', '--version']);
/** The launcher flags that take a value (the next word is that value). */
export const VALUE_LAUNCHER_FLAGS: readonly string[] = Object.freeze(Object.keys(VALUE_FLAGS));

function mfaPromptMode(value: string, what: string): MfaPromptMode {
  if ((MFA_PROMPT_MODES as readonly string[]).includes(value)) return value as MfaPromptMode;
  throw new CredentialError('USAGE', `${what} must be one of ${MFA_PROMPT_MODES.join(', ')} (got "${value}")`);
}

function positiveDuration(value: string, flag: string): number {
  const seconds = parseDurationSeconds(value, flag);
  if (seconds <= 0) throw new CredentialError('USAGE', `${flag} must be greater than zero`);
  return seconds;
}

function usageError(message: string): CredentialError {
  return new CredentialError('USAGE', message, { hint: "see 'cred-launch --help'" });
}

/** Defaults, with the environment's CRED_LAUNCH_* settings applied. */
export function defaultOptions(env: Env): LauncherOptions {
  const options: LauncherOptions = {
    verbose: env.CRED_LAUNCH_VERBOSE === '1' || env.CRED_LAUNCH_VERBOSE === 'true',
    debug: false,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    noCache: env.CRED_LAUNCH_NO_CACHE === '1' || env.CRED_LAUNCH_NO_CACHE === 'true',
    cacheTtlSeconds: undefined,
    refreshWindowSeconds: DEFAULT_REFRESH_WINDOW_SECONDS,
    sts: {},
    mfaPrompt: env.CRED_LAUNCH_MFA_PROMPT ? mfaPromptMode(env.CRED_LAUNCH_MFA_PROMPT, 'CRED_LAUNCH_MFA_PROMPT') : 'auto',
  };
  if (env.CRED_LAUNCH_TIMEOUT) options.timeoutSeconds = positiveDuration(env.CRED_LAUNCH_TIMEOUT, 'CRED_LAUNCH_TIMEOUT');
  if (env.CRED_LAUNCH_REFRESH_WINDOW) {
    options.refreshWindowSeconds = parseDurationSeconds(env.CRED_LAUNCH_REFRESH_WINDOW, 'CRED_LAUNCH_REFRESH_WINDOW');
  }
  return options;
}

/**
 * Splits argv at the first word that is not a launcher option: that word is
 * the plugin (or built-in command) and everything after it belongs to it, as
 * with `git` and `docker`, so a plugin's flags never collide with ours.
 */
export function parseCommandLine(argv: readonly string[], env: Env): ParsedCommandLine {
  const options = defaultOptions(env);
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (arg === '-h' || arg === '--help') return { options, command: { kind: 'help', requested: true } };
    if (arg === '-V' || arg === '--version') return { options, command: { kind: 'version' } };
    if (arg === '--') {
      const name = argv[index + 1];
      if (name === undefined) throw usageError('missing plugin name after --');
      return { options, command: { kind: 'plugin', name, args: argv.slice(index + 2) } };
    }
    if (!arg.startsWith('-') || arg === '-') return { options, command: commandFor(arg, argv.slice(index + 1)) };
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg, undefined];
    const booleanFlag = BOOLEAN_FLAGS[flag];
    if (booleanFlag) {
      if (inlineValue !== undefined) throw usageError(`${flag} takes no value`);
      booleanFlag(options);
      continue;
    }
    const valueFlag = VALUE_FLAGS[flag];
    if (!valueFlag) {
      const nearest = closestMatch(flag, LAUNCHER_FLAGS);
      throw new CredentialError('USAGE', `unknown launcher option ${flag} (launcher options go before the plugin name)`, {
        hint: nearest === undefined ? "see 'cred-launch --help'" : `did you mean ${nearest}?`,
      });
    }
    const value = inlineValue ?? argv[index + 1];
    if (value === undefined) throw usageError(`${flag} needs a value`);
    if (inlineValue === undefined) index += 1;
    valueFlag(options, value);
  }
  return { options, command: { kind: 'help', requested: false } };
}

function splitOnce(arg: string): [string, string] {
  const equals = arg.indexOf('=');
  return [arg.slice(0, equals), arg.slice(equals + 1)];
}

function commandFor(word: string, rest: string[]): LauncherCommand {
  switch (word) {
    case 'help':
      // `help <word>` is `<word> --help`: a command's or a plugin's own usage.
      return rest[0] === undefined || rest[0] === 'help' ? { kind: 'help', requested: true } : commandFor(rest[0], ['--help']);
    case 'version':
      return { kind: 'version' };
    case 'cache':
    case 'configure':
    case 'doctor':
    case 'plugins':
    case 'exec':
    case 'export':
    case 'serve':
    case 'completion':
      return { kind: 'builtin', name: word, args: rest };
    default:
      return { kind: 'plugin', name: word, args: rest };
  }
}
