import { closestMatch, CredentialError, pluginPackageCandidates, RESERVED_COMMAND_WORDS } from '@cred-launch/core';
import { FIRST_PARTY_PLUGINS } from '../first-party-plugins.js';
import { listInstalledPlugins } from '../list-plugins.js';

// Words people type for a command that has another name here.
const ALIASES: Readonly<Record<string, string>> = { list: 'plugins', ls: 'plugins', install: 'plugins', completions: 'completion', env: 'export', run: 'exec' };

/**
 * The error for a name that is neither a command nor an installed plugin:
 * the nearest command or plugin ("did you mean vault?"), what is installed,
 * and the first-party plugins that are not, with the install command. Only
 * computed on this error path (it lists node_modules), never on a hit.
 */
export function unknownPluginError(request: string, launcherDir: string, original: CredentialError): CredentialError {
  const installed = listInstalledPlugins(launcherDir).map((plugin) => plugin.name);
  const missing = FIRST_PARTY_PLUGINS.filter((name) => !installed.includes(name));
  const suggestion = ALIASES[request] ?? closestMatch(request, [...installed, ...RESERVED_COMMAND_WORDS, ...missing]);
  const looksLikeFirstParty = FIRST_PARTY_PLUGINS.includes(request);
  const sentences: string[] = [];
  if (looksLikeFirstParty) sentences.push(`install it next to cred-launch: npm install --global @cred-launch/plugin-${request}.`);
  else if (suggestion !== undefined) sentences.push(`did you mean "${suggestion}"?`);
  else sentences.push(`if "${request}" is a plugin, install it next to cred-launch: npm install --global ${pluginPackageCandidates(request)[0] ?? request}.`);
  sentences.push(installed.length > 0 ? `Installed: ${installed.join(', ')}.` : 'No plugins are installed.');
  if (missing.length > 0 && !looksLikeFirstParty) sentences.push(`Not installed: ${missing.join(', ')} (npm install --global @cred-launch/plugin-<name>).`);
  return new CredentialError('PLUGIN_NOT_FOUND', `"${request}" is not a cred-launch command or an installed plugin`, { cause: original, hint: sentences.join(' ') });
}
