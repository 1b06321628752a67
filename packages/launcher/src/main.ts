import { EXIT_CODES, exitCodeFor, SecretRedactor } from '@cred-launch/core';
import { homeDirectory } from './cache/home-from-env.js';
import type { CommandContext, CommandModule } from './commands/command-context.js';
import type { LauncherIo } from './io.js';
import { launcherVersion } from './launcher-paths.js';
import { defaultOptions, parseCommandLine, type LauncherCommand, type LauncherOptions } from './options.js';
import { exitPromptly } from './exit-promptly.js';
import { guardProcess } from './process-guard.js';
import { describeFailure, printable } from './report-error.js';

/** Where the launcher runs: the real process, or a test's stand-in. */
export interface MainOptions {
  io: LauncherIo;
  /** The environment children inherit (the recursion guard writes to it). @default a copy of io.env */
  processEnv?: NodeJS.ProcessEnv;
  /** Collects this run's secrets; shared with the process guard. @default a new one */
  redactor?: SecretRedactor;
  /** Told whether debug output is on, once the options are known. */
  onVerbose?: (verbose: boolean) => void;
}

/** The command words main() knows, besides a plugin name. */
type CommandWord = 'help' | 'plugins' | 'cache' | 'configure' | 'doctor' | 'exec' | 'export' | 'serve' | 'completion' | 'plugin';

/**
 * Word → its module, imported only when that word is used: a credential
 * call never loads configure's or doctor's code. Each file in ./commands/
 * (one per word) is a lazy bundle of its own (see build.mjs).
 */
const COMMANDS: Readonly<Record<CommandWord, () => Promise<CommandModule>>> = {
  help: () => import('./commands/help.js'),
  plugins: () => import('./commands/plugins.js'),
  cache: () => import('./commands/cache.js'),
  configure: () => import('./commands/configure.js'),
  doctor: () => import('./commands/doctor.js'),
  exec: () => import('./commands/exec.js'),
  export: () => import('./commands/export.js'),
  serve: () => import('./commands/serve.js'),
  completion: () => import('./commands/completion.js'),
  plugin: () => import('./commands/plugin-call.js'),
};

function wordAndArgs(command: Exclude<LauncherCommand, { kind: 'version' }>): [CommandWord, readonly string[]] {
  switch (command.kind) {
    case 'help':
      return ['help', []];
    case 'builtin':
      return [command.name, command.args];
    case 'plugin':
      return ['plugin', [command.name, ...command.args]];
  }
}

/**
 * The whole command line → exit code. Owns every byte of output: stdout gets
 * one JSON document (or a command's text) and stderr short, redacted lines.
 * Nothing else in cred-launch prints.
 */
export async function main(argv: readonly string[], { io, processEnv, redactor = new SecretRedactor(), onVerbose }: MainOptions): Promise<number> {
  let options: LauncherOptions = defaultOptions({});
  const log = (message: string): void => {
    if (options.verbose) io.writeStderr(`cred-launch: debug: ${printable(redactor.redact(message))}\n`);
  };
  try {
    options = defaultOptions(io.env);
    onVerbose?.(options.verbose);
    const parsed = parseCommandLine(argv, io.env);
    options = parsed.options;
    onVerbose?.(options.verbose);
    const { command } = parsed;
    if (command.kind === 'version') {
      await io.writeStdout(`${launcherVersion()}\n`);
      return 0;
    }
    if (command.kind === 'help' && !command.requested) {
      // No command at all: stdout is the credential channel, so the usage goes to stderr, as an error.
      const { launcherHelp } = await import('./commands/help.js');
      io.writeStderr(launcherHelp(launcherVersion()));
      return EXIT_CODES.USAGE;
    }
    const [word, args] = wordAndArgs(command);
    const context: CommandContext = {
      io,
      options,
      redactor,
      log,
      processEnv: processEnv ?? { ...io.env },
      // A command's own --verbose (after its name) also turns on main's debug output.
      setVerbose: (verbose) => {
        options = { ...options, verbose };
        onVerbose?.(verbose);
      },
    };
    const module = await COMMANDS[word]();
    return await module.runCommand(args, context);
  } catch (error) {
    io.writeStderr(describeFailure(error, redactor, options.verbose, options.debug));
    return exitCodeFor(error);
  }
}

/** Entry point used by bin/cred-launch.js: runs, then exits with the code. */
export async function run(argv: readonly string[]): Promise<void> {
  const redactor = new SecretRedactor();
  // Before any plugin is loaded: nothing but the launcher may print.
  const guard = guardProcess(redactor);
  const io: LauncherIo = {
    env: { ...process.env },
    cwd: process.cwd(),
    homedir: homeDirectory(process.env),
    writeStdout: guard.writeStdout,
    writeStderr: guard.writeStderr,
    // Loaded only when a plugin command asks: never on the credential path.
    readStdin: async (signal) => (await import('./read-stdin.js')).readProcessStdin(signal),
    prompt: async (question) => (await import('./terminal-question.js')).createTerminalQuestion()(question),
  };
  const code = await main(argv, { io, processEnv: process.env, redactor, onVerbose: guard.setVerbose });
  // Output is written synchronously, so the whole call may have run in one
  // pass of promise jobs: let what a plugin queued meanwhile (a warning
  // emitted on the next tick, reported with --verbose) run before the exit.
  await new Promise((resolve) => setImmediate(resolve));
  // Exit explicitly: a plugin that timed out may still hold sockets or timers
  // open, and the caller is waiting for us. Promptly: a thread blocked in a
  // read must not hold the exit (docs/reliability.md).
  await exitPromptly(code);
}
