import { LAUNCHER_DIR } from '../launcher-paths.js';
import { formatPluginList, listInstalledPlugins } from '../list-plugins.js';
import { CredentialError } from '@cred-launch/core';
import type { CommandContext } from './command-context.js';

/** `plugins --help`. */
export const PLUGINS_USAGE = `Usage: cred-launch plugins

Lists the plugins this cred-launch would load: the name to type, version, package
and description. Plugins are found next to where cred-launch is installed (never in
the current directory). First-party plugins: 1password, file, keychain, process,
roles-anywhere, secrets-manager, vault (npm install --global @cred-launch/plugin-<name>).
`;

/** `cred-launch plugins`: the installed plugins this launcher would resolve, with versions. */
export async function runCommand(args: readonly string[], { io }: CommandContext): Promise<number> {
  if (args[0] === '--help' || args[0] === '-h') {
    await io.writeStdout(PLUGINS_USAGE);
    return 0;
  }
  if (args.length > 0) throw new CredentialError('USAGE', `plugins takes no arguments (got "${args[0] ?? ''}")`, { hint: "see 'cred-launch plugins --help'" });
  await io.writeStdout(formatPluginList(listInstalledPlugins(LAUNCHER_DIR)));
  return 0;
}
