import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory holding the launcher's own modules; plugin search starts here. */
export const LAUNCHER_DIR: string = dirname(fileURLToPath(import.meta.url));

/** The launcher's version, read from its package.json when asked (not at import). */
export function launcherVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
