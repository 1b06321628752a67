import { homedir } from 'node:os';
import { exitCodeFor, SecretRedactor } from '@cred-launch/core';
import type { LauncherIo } from './io.js';
import { launcherVersion, LAUNCHER_DIR } from './launcher-paths.js';
import { defaultOptions, parseCommandLine, type LauncherOptions } from './options.js';
import { describeFailure } from './report-error.js';
import { runPlugin } from './run-plugin.js';

/** Where the launcher runs: the real process, or a test's stand-in. */
export interface MainOptions {
  io: LauncherIo;
  /** The environment children inherit (the recursion guard writes to it). @default a copy of io.env */
  processEnv?: NodeJS.ProcessEnv;
}

/**
 * The whole command line → exit code. Owns every byte of output: stdout gets
 * one JSON document (or a command's text) and stderr short, redacted lines.
 * Nothing else in cred-launch prints.
 */
export async function main(argv: readonly string[], { io, processEnv }: MainOptions): Promise<number> {
  const redactor = new SecretRedactor();
  let options: LauncherOptions = defaultOptions({});
  const log = (message: string): void => {
    if (options.verbose) io.writeStderr(`cred-launch: debug: ${redactor.redact(message)}\n`);
  };
  try {
    options = defaultOptions(io.env);
    const parsed = parseCommandLine(argv, io.env);
    options = parsed.options;
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
      case 'builtin':
        return await runBuiltin(command.name, command.args, io);
      case 'plugin':
        return await runPlugin(command.name, command.args, { io, options, redactor, log, processEnv: processEnv ?? { ...io.env } });
    }
  } catch (error) {
    io.writeStderr(describeFailure(error, redactor, options.verbose));
    return exitCodeFor(error);
  }
}

async function runBuiltin(name: 'cache' | 'configure' | 'doctor' | 'plugins', args: readonly string[], io: LauncherIo): Promise<number> {
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
      return runProfileCommand(name, args, io);
    }
  }
}

function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Entry point used by bin/cred-launch.js: runs, then exits with the code. */
export async function run(argv: readonly string[]): Promise<void> {
  const io: LauncherIo = {
    env: { ...process.env },
    cwd: process.cwd(),
    homedir: homedir(),
    writeStdout,
    writeStderr: (text) => void process.stderr.write(text),
  };
  const code = await main(argv, { io, processEnv: process.env });
  // Exit explicitly: a plugin that timed out may still hold sockets or timers
  // open, and the caller is waiting for us.
  process.exit(code);
}
