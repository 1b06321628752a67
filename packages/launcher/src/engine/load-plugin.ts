import { pathToFileURL } from 'node:url';
import { CONTRACT_VERSION, CredentialError, describeShapeProblem, type CredentialSource } from '@cred-launch/core';
import type { ResolvedPlugin } from '../resolve-plugin.js';

function incompatible(plugin: ResolvedPlugin, version: number): CredentialError {
  return new CredentialError('PLUGIN_INVALID', `plugin "${plugin.request}" was built for plugin contract v${version}, but this cred-launch speaks v${CONTRACT_VERSION}`, {
    hint: version > CONTRACT_VERSION ? 'upgrade cred-launch: npm install --global cred-launch' : `upgrade the plugin: npm install --global ${plugin.packageName ?? plugin.request}`,
  });
}

/** Checks the declared contract version before anything is imported. */
export function checkDeclaredContract(plugin: ResolvedPlugin): void {
  const declared = plugin.metadata.contract;
  if (declared !== undefined && declared !== CONTRACT_VERSION) throw incompatible(plugin, declared);
}

/**
 * Imports the plugin's module (only this one; no other plugin is ever
 * loaded) and checks its default export has the contract's shape.
 */
export async function loadPlugin(plugin: ResolvedPlugin): Promise<CredentialSource<unknown>> {
  checkDeclaredContract(plugin);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(plugin.entryPath).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(plugin.entryPath);
    throw new CredentialError(missing ? 'PLUGIN_NOT_FOUND' : 'PLUGIN_INVALID', `could not load plugin "${plugin.request}" (${(error as Error).name ?? 'error'})`, {
      cause: error,
      hint: missing ? 'the package is installed but not built or its entry is missing: reinstall it' : 'run with --verbose for details, and reinstall or report the plugin',
    });
  }
  const source = module.default ?? module;
  const problem = describeShapeProblem(source);
  if (problem) {
    throw new CredentialError('PLUGIN_INVALID', `"${plugin.request}" is not a cred-launch plugin: ${problem}`, {
      hint: 'a plugin default-exports a CredentialSource (see docs/writing-a-plugin.md)',
    });
  }
  const typed = source as CredentialSource<unknown>;
  if (typed.contractVersion !== CONTRACT_VERSION) throw incompatible(plugin, typed.contractVersion);
  return typed;
}
