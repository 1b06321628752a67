import { createRequire } from 'node:module';
import { ownModuleFile } from './launcher-paths.js';

let ownRequire: NodeJS.Require | undefined;

/**
 * A `require` relative to this bundle, made on first use from the bundle's
 * path. Not `createRequire(import.meta.url)` at load: in the CommonJS
 * bundles that turned the bundle's path into a URL (node:url's
 * pathToFileURL, compiled on its first call) and back, on every cold call,
 * even where nothing was then required. For absolute paths (a plugin's entry)
 * and packages installed beside the launcher (proper-lockfile).
 */
export function requireFromLauncher(id: string): unknown {
  ownRequire ??= createRequire(ownModuleFile());
  return ownRequire(id);
}
