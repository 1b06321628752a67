import { toCredentialError, type SourceCommand } from '@cred-launch/core';
import { startDeadline } from '../deadline.js';
import { raceKeepingPluginError } from '../engine/plugin-error-wins.js';
import type { CommandContext } from './command-context.js';

/**
 * `cred-launch <plugin> <command> [args]`: a plugin's extra command (e.g.
 * `file encrypt`). Its text result goes to stdout for the person running it;
 * no cache, and the time limit still applies (a limit of its own: the
 * import's is over). Commands also get the launcher's stdin and terminal
 * prompt (see SourceCommandContext).
 */
export async function runSourceCommand(pluginName: string, command: SourceCommand<unknown>, argv: readonly string[], context: CommandContext): Promise<number> {
  const { io, redactor, log } = context;
  if (argv[0] === '--help' || argv[0] === '-h') {
    await io.writeStdout(`${command.description}\n\n${command.usage.trimEnd()}\n`);
    return 0;
  }
  const args = command.parseArgs({ argv, env: io.env });
  const { timeoutSeconds } = context.options;
  const deadline = startDeadline(timeoutSeconds);
  try {
    const text = await raceKeepingPluginError(
      deadline,
      command.run({
        args,
        env: io.env,
        signal: deadline.signal,
        log,
        secrets: redactor,
        now: () => new Date(),
        cwd: io.cwd,
        homedir: io.homedir,
        ...(io.readStdin === undefined ? {} : { readStdin: io.readStdin }),
        ...(io.prompt === undefined ? {} : { prompt: io.prompt }),
      }),
      `plugin "${pluginName}"`,
      timeoutSeconds,
    );
    // An empty result (e.g. `keychain list` with nothing stored) prints nothing, not a blank line.
    if (text !== '') await io.writeStdout(redactor.redact(text.endsWith('\n') ? text : `${text}\n`));
    return 0;
  } catch (error) {
    throw toCredentialError(error, pluginName);
  } finally {
    deadline.dispose();
  }
}
