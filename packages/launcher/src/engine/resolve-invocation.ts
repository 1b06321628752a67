import { cachePolicyFor } from '../cache/cache-policy.js';
import { LAUNCHER_DIR } from '../launcher-paths.js';
import { isCredentialError, isPluginPath } from '@cred-launch/core';
import { resolvePlugin, type ResolvedPlugin } from '../resolve-plugin.js';
import { unknownPluginError } from './unknown-plugin.js';
import { checkDeclaredContract } from './load-plugin.js';
import type { CachePolicy } from './through-cache.js';
import type { CredentialInvocation, EngineContext } from './types.js';

/** An invocation located on disk: which plugin, which cache entry. Nothing imported yet. */
export interface ResolvedInvocation {
  plugin: ResolvedPlugin;
  policy: CachePolicy;
  /** `cred-launch <plugin> --help`: the plugin's usage, never credentials nor the cache. */
  wantsHelp: boolean;
}

/**
 * The engine's first step: find the plugin next to the launcher (never in
 * the current directory), refuse a declared contract this launcher does not
 * speak, and compute the cache key. Reads package.json files only.
 */
export function resolveInvocation(invocation: CredentialInvocation, context: EngineContext): ResolvedInvocation {
  const launcherDir = context.launcherDir ?? LAUNCHER_DIR;
  let plugin: ResolvedPlugin;
  try {
    plugin = resolvePlugin(invocation.plugin, { launcherDir, cwd: context.cwd });
  } catch (error) {
    if (isCredentialError(error, 'PLUGIN_NOT_FOUND') && !isPluginPath(invocation.plugin)) throw unknownPluginError(invocation.plugin, launcherDir, error);
    throw error;
  }
  checkDeclaredContract(plugin);
  const first = invocation.args[0];
  const policy = cachePolicyFor(plugin, invocation.args, invocation.options, context.env, context.homedir);
  return { plugin, policy, wantsHelp: first === '--help' || first === '-h' };
}
