import { formatCredentialProcessOutput } from '@cred-launch/core';
import { runInvocation } from '../engine/run-invocation.js';
import type { CommandContext } from './command-context.js';

/**
 * `cred-launch <plugin> [args]`, the credential_process front-end: asks the
 * engine for validated credentials and prints core's rendering of them — one
 * JSON document and a newline — as the only bytes on stdout. The plugin's
 * `--help` and its own commands (e.g. `file encrypt`) are served here too.
 * args: the plugin name, then its arguments.
 */
export async function runCommand(args: readonly string[], context: CommandContext): Promise<number> {
  const [name = '', ...pluginArgs] = args;
  const { io } = context;
  const outcome = await runInvocation(
    { plugin: name, args: pluginArgs, options: context.options },
    { env: io.env, cwd: io.cwd, homedir: io.homedir, processEnv: context.processEnv, redactor: context.redactor, log: context.log, warn: (line) => io.writeStderr(line) },
  );
  switch (outcome.kind) {
    case 'credentials':
      // Core renders (and so validates once more) the exact text: nothing else may reach stdout.
      await io.writeStdout(formatCredentialProcessOutput(outcome.obtained.credentials));
      return 0;
    case 'plugin-help': {
      const { pluginHelp } = await import('./help.js');
      await io.writeStdout(pluginHelp(outcome.source, outcome.plugin.version));
      return 0;
    }
    case 'plugin-command': {
      const { runSourceCommand } = await import('./plugin-subcommand.js');
      return runSourceCommand(outcome.source.name, outcome.command, outcome.argv, context);
    }
  }
}
