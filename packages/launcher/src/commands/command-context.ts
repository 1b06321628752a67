import type { SecretRedactor } from '@cred-launch/core';
import type { LauncherIo } from '../io.js';
import type { LauncherOptions } from '../options.js';

/** What main() hands every command: the process's I/O and this run's shared state. */
export interface CommandContext {
  io: LauncherIo;
  /** The launcher options written before the command word (or plugin name). */
  options: LauncherOptions;
  /** Collects this run's secrets; main's error report and the process guard redact with it. */
  redactor: SecretRedactor;
  /** main's debug sink (prints only with --verbose). */
  log: (message: string) => void;
  /** The environment children inherit (the recursion guard marks it during a credential call). */
  processEnv: NodeJS.ProcessEnv;
  /** Turns debug output on when a command's own --verbose (after its name) asks for it. */
  setVerbose: (verbose: boolean) => void;
}

/** One command word's module: main imports it lazily and calls this. */
export interface CommandModule {
  runCommand(args: readonly string[], context: CommandContext): Promise<number>;
}
