import { CredentialError, RESERVED_COMMAND_WORDS } from '@cred-launch/core';
import { loadPlugin } from '../engine/load-plugin.js';
import { COMPLETION_SHELLS, completionScript, flagsInUsage, type CompletionShell, type CompletionWords } from '../front-ends/completion-script.js';
import { LAUNCHER_DIR } from '../launcher-paths.js';
import { listInstalledPlugins } from '../list-plugins.js';
import { LAUNCHER_FLAGS, VALUE_LAUNCHER_FLAGS } from '../options.js';
import { resolvePlugin } from '../resolve-plugin.js';
import type { CommandContext } from './command-context.js';

/** `completion --help`. */
export const COMPLETION_USAGE = `Usage: cred-launch completion bash|zsh|fish

Prints a shell completion script: cred-launch's commands and options, the installed
plugins, and each plugin's flags and commands (read from its usage now: run it again
after installing a plugin).
  bash   in ~/.bashrc:                  eval "$(cred-launch completion bash)"
  zsh    in ~/.zshrc:                   eval "$(cred-launch completion zsh)"
  fish   in ~/.config/fish/config.fish: cred-launch completion fish | source
`;

async function pluginWords(): Promise<CompletionWords['plugins']> {
  const found: Array<CompletionWords['plugins'][number]> = [];
  for (const installed of listInstalledPlugins(LAUNCHER_DIR)) {
    try {
      const source = await loadPlugin(resolvePlugin(installed.name, { launcherDir: LAUNCHER_DIR, cwd: LAUNCHER_DIR }));
      const commands = Object.keys(source.commands ?? {});
      const usages = [source.usage, ...Object.values(source.commands ?? {}).map((command) => command.usage)];
      found.push({ name: installed.name, flags: flagsInUsage(usages.join('\n')), commands });
    } catch {
      // A plugin that does not load completes by its name only.
      found.push({ name: installed.name, flags: [], commands: [] });
    }
  }
  return found;
}

/** `cred-launch completion <shell>`: the script on stdout. */
export async function runCommand(args: readonly string[], { io }: CommandContext): Promise<number> {
  const [shell, ...rest] = args;
  if (shell === '--help' || shell === '-h') {
    await io.writeStdout(COMPLETION_USAGE);
    return 0;
  }
  if (shell === undefined || rest.length > 0 || !(COMPLETION_SHELLS as readonly string[]).includes(shell)) {
    throw new CredentialError('USAGE', `completion: give one shell: ${COMPLETION_SHELLS.join(', ')}`, { hint: "see 'cred-launch completion --help'" });
  }
  const words: CompletionWords = {
    commands: RESERVED_COMMAND_WORDS.filter((word) => word !== 'version'),
    launcherFlags: LAUNCHER_FLAGS,
    valueFlags: VALUE_LAUNCHER_FLAGS,
    plugins: await pluginWords(),
  };
  await io.writeStdout(completionScript(shell as CompletionShell, words));
  return 0;
}
