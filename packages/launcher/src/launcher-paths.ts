import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory right under the package root that holds this module: dist/
 * for the bundles (including dist/commands/*), src/ when tests run the
 * sources. Found from this file's own place, so a bundle in a subfolder
 * still resolves plugins from the launcher's install, as main does.
 */
function ownModulesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dir) === 'dist' || basename(dir) === 'src') return dir;
  }
  return here;
}

/** The directory holding the launcher's own modules; plugin search starts here. */
export const LAUNCHER_DIR: string = ownModulesDir();

/** The launcher's version, read from its package.json when asked (not at import). */
export function launcherVersion(): string {
  const pkg = JSON.parse(readFileSync(join(LAUNCHER_DIR, '..', 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
