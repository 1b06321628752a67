import { homedir } from 'node:os';
import { exitCodeFor, SecretRedactor } from '@cred-launch/core';
import type { LauncherIo } from './io.js';
import { launcherVersion, LAUNCHER_DIR } from './launcher-paths.js';
import { defaultOptions, parseCommandLine, type LauncherOptions } from './options.js';
import { exitPromptly } from './exit-promptly.js';
import { guardProcess } from './process-guard.js';
import { describeFailure, printable } from './report-error.js';
import { runPlugin } from './run-plugin.js';
import type { ProfileCommandContext } from './profile-commands.js';

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
    switch (command.kind) {
      case 'help': {
        const { launcherHelp } = await import('./help.js');
        await io.writeStdout(launcherHelp(launcherVersion()));
        return 0;
      }
      case 'version':
        await io.writeStdout(`${launcherVersion()}\n`);
        return 0;
      case 'builtin': {
        // A command's own --verbose (after its name) also turns on main's debug output.
        const setVerbose = (verbose: boolean): void => {
          options = { ...options, verbose };
          onVerbose?.(verbose);
        };
        return await runBuiltin(command.name, command.args, io, { redactor, verbose: options.verbose, setVerbose });
      }
      case 'plugin':
        return await runPlugin(command.name, command.args, { io, options, redactor, log, processEnv: processEnv ?? { ...io.env } });
    }
  } catch (error) {
    io.writeStderr(describeFailure(error, redactor, options.verbose));
    return exitCodeFor(error);
  }
}

async function runBuiltin(name: 'cache' | 'configure' | 'doctor' | 'plugins', args: readonly string[], io: LauncherIo, context: ProfileCommandContext): Promise<number> {
  switch (name) {
    case 'plugins': {
      const { formatPluginList, listInstalledPlugins } = await import('./list-plugins.js');
      await io.writeStdout(formatPluginList(listInstalledPlugins(LAUNCHER_DIR)));
      return 0;
    }
    case 'cache': {
      const { runCacheCommand } = await import('./cache-command.js');
      return runCacheCommand(args, io);
    }
    case 'configure':
    case 'doctor': {
      const { runProfileCommand } = await import('./profile-commands.js');
      return runProfileCommand(name, args, io, context);
    }
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
    homedir: homedir(),
    writeStdout: guard.writeStdout,
    writeStderr: guard.writeStderr,
    // Loaded only when a plugin command asks: never on the credential path.
    readStdin: async (signal) => (await import('./read-stdin.js')).readProcessStdin(signal),
    prompt: async (question) => (await import('./terminal-question.js')).createTerminalQuestion()(question),
  };
  const code = await main(argv, { io, processEnv: process.env, redactor, onVerbose: guard.setVerbose });
  // Exit explicitly: a plugin that timed out may still hold sockets or timers
  // open, and the caller is waiting for us. Promptly: a thread blocked in a
  // read must not hold the exit (docs/reliability.md).
  await exitPromptly(code);
}
