import type { SourceCredentials } from './credentials.js';
import type { SecretSink } from './redact.js';
import type { SourceStateStore } from './state.js';

/**
 * Version of the plugin contract. A plugin states the version it was built
 * for (in its default export and in package.json `cred-launch.contract`); the
 * launcher refuses a plugin built for another version.
 */
export const CONTRACT_VERSION = 1 as const;

/** Environment variables as plugins see them (a snapshot, never process.env itself). */
export type SourceEnv = Readonly<Record<string, string | undefined>>;

/** A debug line sink. Lines are redacted and shown only with `--verbose`. */
export type DebugLogger = (message: string) => void;

/** Everything a plugin may use while it works. Plugins never touch process I/O. */
export interface SourceContext<Args> {
  /** The arguments as the plugin's own `parseArgs` returned them. */
  readonly args: Args;
  /** Environment snapshot. */
  readonly env: SourceEnv;
  /** Aborted when the launcher's time limit runs out; pass it to every request. */
  readonly signal: AbortSignal;
  /** Debug output (redacted, only with --verbose). */
  readonly log: DebugLogger;
  /** Register every secret value the plugin handles (tokens, decrypted text). */
  readonly secrets: SecretSink;
  /** The current time, injectable for tests. */
  readonly now: () => Date;
  /** Directory relative paths in arguments are resolved against. */
  readonly cwd: string;
  /** The user's home directory. */
  readonly homedir: string;
  /**
   * Values kept between calls until a deadline (e.g. a login token within its
   * lease). Persistent under the launcher, in memory otherwise; may be absent
   * when a test builds a context by hand.
   */
  readonly state?: SourceStateStore;
}

/** Arguments for a source's `parseArgs`. */
export interface ParseArgsInput {
  /** Everything after the plugin name on the command line. */
  readonly argv: readonly string[];
  readonly env: SourceEnv;
}

/** What {@link TerminalPrompt} is asked. */
export interface TerminalQuestion {
  /** The text shown before the answer, e.g. `Secret access key: `. */
  readonly question: string;
  /** true: the terminal's echo is off while the answer is typed (a secret). @default false */
  readonly secret?: boolean;
  /** Ends the wait (the launcher's time limit). */
  readonly signal: AbortSignal;
}

/**
 * Asks a person a question on the controlling terminal (never on stdin or
 * stdout). Resolves the line typed (without its newline), or undefined when
 * there is no terminal (CI, cron, a pipe).
 */
export type TerminalPrompt = (question: TerminalQuestion) => Promise<string | undefined>;

/**
 * The context of a plugin command. Commands are run by a person (or a
 * script), not by the AWS CLI, so the launcher also hands them its standard
 * input and the terminal — which the plugin never opens itself: the launcher
 * owns all process I/O and puts the terminal back however the command ends.
 * Both are absent under launchers older than these fields, and in contexts a
 * test builds by hand: check before use.
 */
export interface SourceCommandContext<Args> extends SourceContext<Args> {
  /** Reads the launcher's whole standard input as UTF-8 (e.g. `keychain add --from-stdin`). */
  readonly readStdin?: (signal: AbortSignal) => Promise<string>;
  /** Asks on the controlling terminal; see {@link TerminalPrompt}. */
  readonly prompt?: TerminalPrompt;
}

/** An extra command a plugin offers, run as `cred-launch <plugin> <command> [args]`. */
export interface SourceCommand<Args = unknown> {
  /** One line shown in the plugin's help. */
  readonly description: string;
  /** Usage text shown by `cred-launch <plugin> <command> --help`. */
  readonly usage: string;
  /** Parse and validate the command's arguments; throw USAGE before any I/O. */
  parseArgs(input: ParseArgsInput): Args;
  /** Do the work; the returned text is printed on stdout for the person running it. */
  run(context: SourceCommandContext<Args>): Promise<string>;
}

/**
 * The plugin contract. A plugin package's default export implements it.
 *
 * @example
 * export default defineCredentialSource({
 *   contractVersion: CONTRACT_VERSION,
 *   name: 'env',
 *   description: 'Credentials from environment variables',
 *   usage: 'cred-launch env <PREFIX>',
 *   parseArgs: ({ argv }) => ({ prefix: argv[0] ?? 'AWS' }),
 *   async getCredentials({ args, env }) { … },
 * });
 */
export interface CredentialSource<Args = unknown> {
  /** The contract version this plugin was built for: {@link CONTRACT_VERSION}. */
  readonly contractVersion: number;
  /** The name users type after `cred-launch` (e.g. `vault`). */
  readonly name: string;
  /** One line for `cred-launch plugins` and help. */
  readonly description: string;
  /** Usage text for `cred-launch <name> --help`. */
  readonly usage: string;
  /** Parse and validate arguments. Throw a USAGE CredentialError before any I/O. */
  parseArgs(input: ParseArgsInput): Args;
  /** Fetch the credentials. Throw CredentialErrors with codes; never print, never exit. */
  getCredentials(context: SourceContext<Args>): Promise<SourceCredentials>;
  /** Optional extra commands, e.g. the file plugin's `encrypt`. */
  readonly commands?: Readonly<Record<string, SourceCommand<any>>>;
}

/** Identity function that gives a plugin's object literal full type inference. */
export function defineCredentialSource<Args>(source: CredentialSource<Args>): CredentialSource<Args> {
  return source;
}

/** Identity function for a plugin command, for type inference. */
export function defineSourceCommand<Args>(command: SourceCommand<Args>): SourceCommand<Args> {
  return command;
}

/** Checks that a loaded module's default export has the contract's shape. Returns a problem or undefined. */
export function describeShapeProblem(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null) return 'its default export is not an object';
  const source = candidate as Record<string, unknown>;
  if (typeof source.contractVersion !== 'number') return 'it has no numeric contractVersion';
  for (const key of ['name', 'description', 'usage'] as const) {
    if (typeof source[key] !== 'string' || source[key] === '') return `it has no ${key} string`;
  }
  for (const key of ['parseArgs', 'getCredentials'] as const) {
    if (typeof source[key] !== 'function') return `it has no ${key} function`;
  }
  if (source.commands !== undefined && (typeof source.commands !== 'object' || source.commands === null)) {
    return 'its commands are not an object';
  }
  return undefined;
}
