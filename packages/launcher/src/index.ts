/** Programmatic entry points of the launcher (the bin is bin/cred-launch.js). */
export { main, run, type MainOptions } from './main.js';
export type { LauncherIo } from './io.js';
export {
  parseCommandLine,
  RESERVED_COMMANDS,
  DEFAULT_TIMEOUT_SECONDS,
  DEFAULT_REFRESH_WINDOW_SECONDS,
  type LauncherOptions,
  type StsOptions,
  type LauncherCommand,
} from './options.js';
export { resolvePlugin, nodeModulesSearchPath, type ResolvedPlugin, type PluginMetadata } from './resolve-plugin.js';
// The naming rules live in core; these names are kept for the launcher's existing API.
export { pluginPackageCandidates as packageCandidates, isPluginPath } from '@cred-launch/core';
export { cacheDirectory } from './cache/cache-dir.js';
export { obtainCredentials } from './engine/obtain-credentials.js';
export type { CredentialInvocation, EngineContext, ObtainedCredentials, CredentialOrigin } from './engine/types.js';
