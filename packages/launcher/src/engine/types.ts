import type { AwsCredentials, CredentialProcessOutput, CredentialSource, SecretRedactor, SourceCommand } from '@cred-launch/core';
import type { LauncherOptions } from '../options.js';
import type { ResolvedPlugin } from '../resolve-plugin.js';
import type { TerminalPrompt } from '../mfa-prompt.js';

/** What to obtain credentials from: the words after `cred-launch`, already parsed. */
export interface CredentialInvocation {
  /** The plugin as the user wrote it: a name (`vault`, `@acme/foo`) or a path (`./x.mjs`, `/abs/x.mjs`). */
  plugin: string;
  /** The plugin's own arguments, verbatim (they are part of the cache key). */
  args: readonly string[];
  /** Time limit, cache and STS settings (see `parseCommandLine`). */
  options: LauncherOptions;
}

/**
 * Where one call of the engine runs. Nothing here is global: a long-running
 * front-end (a credentials endpoint refreshing every hour) calls the engine
 * again and again with the same context.
 */
export interface EngineContext {
  /** What the plugin sees as its environment (and what the cache key reads). */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  homedir: string;
  /**
   * The environment child processes inherit. The recursion guard marks it for
   * the duration of the call (a plugin's SDK may run credential_process, i.e.
   * us, again) and restores it afterwards.
   * @default a private copy of `env` (nothing this process starts later sees the mark)
   */
  processEnv?: NodeJS.ProcessEnv;
  /** Collects every secret seen; the caller redacts its error reports with it. */
  redactor: SecretRedactor;
  /** Debug lines (the engine passes them through the redactor first). */
  log: (message: string) => void;
  /**
   * A line for the user that does not stop the call, e.g. a cache that cannot
   * be used (the credentials are fetched without it). Ends with a newline.
   * @default discard
   */
  warn?: (line: string) => void;
  /**
   * Where plugins (and @cred-launch/sts) are resolved from: the launcher's own
   * install. `doctor` points it at the install a credential_process line runs.
   * @default the running launcher's directory
   */
  launcherDir?: string;
  /** Asks for an MFA code. @default a prompt on the controlling terminal (/dev/tty) */
  promptMfaCode?: TerminalPrompt;
  /** The clock. @default () => new Date() */
  now?: () => Date;
}

/** Where a validated document came from. */
export type CredentialOrigin = 'cache' | 'plugin' | 'sts';

/** What {@link obtainCredentials} returns: validated, never text. */
export interface ObtainedCredentials {
  /** The credential_process document, rendered by core from validated credentials. */
  document: CredentialProcessOutput;
  /** The same credentials, for front-ends that need Dates (an endpoint's expiry, a child's env). */
  credentials: AwsCredentials;
  origin: CredentialOrigin;
  /** The plugin as resolved on disk (package, version, identity). */
  plugin: ResolvedPlugin;
  /** The plugin module, when it was loaded for this call (never on a cache hit). */
  source: CredentialSource<unknown> | undefined;
}

/**
 * What an invocation turned out to be once the plugin was known: credentials,
 * or a request a credential front-end does not serve (the plugin's help, one
 * of its commands). Only the `cred-launch <plugin> …` command handles all three.
 */
export type InvocationOutcome =
  | { kind: 'credentials'; obtained: ObtainedCredentials }
  | { kind: 'plugin-help'; plugin: ResolvedPlugin; source: CredentialSource<unknown> }
  | { kind: 'plugin-command'; plugin: ResolvedPlugin; source: CredentialSource<unknown>; command: SourceCommand<unknown>; argv: readonly string[] };
