import { pathToFileURL } from 'node:url';
import { CONTRACT_VERSION, CredentialError, describeShapeProblem, type CredentialSource } from '@cred-launch/core';
import { requireFromLauncher } from '../own-require.js';
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

// Whether this Node loads an ES module with require() (20.19+, 22.12+), unflagged.
const REQUIRE_LOADS_ESM = (process.features as { require_module?: boolean }).require_module === true;

/**
 * The module's namespace. With require() where Node can: a plugin is an ES
 * module, and import() from the launcher's CommonJS bundles starts Node's
 * asynchronous ESM loader, which alone costs about 12M instructions (it loads
 * node:fs/promises and readline's interface); require() of an ES module uses
 * a small synchronous part of it (measured in the package README). A module
 * graph with top-level await cannot be required (ERR_REQUIRE_ASYNC_MODULE,
 * thrown before any of it runs): it is imported, as on an older Node.
 */
async function importModule(entryPath: string): Promise<Record<string, unknown>> {
  if (REQUIRE_LOADS_ESM) {
    try {
      return requireFromLauncher(entryPath) as Record<string, unknown>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    }
  }
  // From a module of its own: see src/dynamic-import.ts (the code cache).
  return (await import('../dynamic-import.js')).importModule(pathToFileURL(entryPath).href);
}

/** Whether a module-not-found error is about the entry itself (not something it imports). */
function notFoundItself(error: Error, entryPath: string): boolean {
  const message = String(error.message);
  // require() names the missing module first, then the require stack (which names the importer).
  return (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' ? message.startsWith(`Cannot find module '${entryPath}'`) : message.includes(entryPath);
}

/**
 * Imports the plugin's module (only this one; no other plugin is ever
 * loaded) and checks its default export has the contract's shape.
 */
export async function loadPlugin(plugin: ResolvedPlugin): Promise<CredentialSource<unknown>> {
  checkDeclaredContract(plugin);
  let module: Record<string, unknown>;
  try {
    module = await importModule(plugin.entryPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && notFoundItself(error as Error, plugin.entryPath);
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
