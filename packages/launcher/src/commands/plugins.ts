import { LAUNCHER_DIR } from '../launcher-paths.js';
import { formatPluginList, listInstalledPlugins } from '../list-plugins.js';
import type { CommandContext } from './command-context.js';

/** `cred-launch plugins`: the installed plugins this launcher would resolve, with versions. */
export async function runCommand(_args: readonly string[], { io }: CommandContext): Promise<number> {
  await io.writeStdout(formatPluginList(listInstalledPlugins(LAUNCHER_DIR)));
  return 0;
}
