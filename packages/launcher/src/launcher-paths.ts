import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Set by scripts/build-bundles.mjs in every bundle; absent when src/ runs (tests).
declare const __PACKAGE_VERSION__: string | undefined;

/**
 * This module's own file. In the CommonJS fast-path bundle that is
 * `__filename`, which costs nothing; turning `import.meta.url` into a path
 * there measured 2M instructions of a cache hit's ~12M.
 */
export function ownModuleFile(): string {
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
}

/**
 * The directory right under the package root that holds this module: dist/
 * for the bundles (including dist/commands/*), src/ when tests run the
 * sources. Found from this file's own place, so a bundle in a subfolder
 * still resolves plugins from the launcher's install, as main does.
 */
function ownModulesDir(): string {
  const here = dirname(ownModuleFile());
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dir) === 'dist' || basename(dir) === 'src') return dir;
  }
  return here;
}

/** The directory holding the launcher's own modules; plugin search starts here. */
export const LAUNCHER_DIR: string = ownModulesDir();

/**
 * The launcher's version: built into the bundles (reading package.json on
 * `--version` cost 1.8M instructions, the first readFileSync of a process),
 * read from package.json when the sources run.
 */
export function launcherVersion(): string {
  if (typeof __PACKAGE_VERSION__ === 'string') return __PACKAGE_VERSION__;
  const pkg = JSON.parse(readFileSync(join(LAUNCHER_DIR, '..', 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
