import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialError } from '@cred-launch/core';
import { cacheDirectory, ensureCacheDirectory } from '../cache/cache-dir.js';
import type { CommandContext } from './command-context.js';

/** `cache --help`. */
export const CACHE_USAGE = `Usage: cred-launch cache clear    delete every cached credential, plugin state and the code cache
       cred-launch cache path     print the cache directory

The cache holds temporary credentials until the refresh window before they expire
(see docs/cache.md). Directory: CRED_LAUNCH_CACHE_DIR, else $XDG_RUNTIME_DIR/cred-launch,
else the platform's cache directory.
`;

/**
 * Removes a code cache directory (`code/`, Node 20's, ours; `compile-cache/`,
 * Node 22.1+'s: V8 bytecode of the launcher's and plugins' modules, see
 * docs/cache.md) if it is a real directory; a symlink in its place is left
 * alone (neither cache uses it either).
 */
function removeCodeCache(codeDir: string): boolean {
  try {
    if (!lstatSync(codeDir).isDirectory()) return false;
  } catch {
    return false;
  }
  rmSync(codeDir, { recursive: true, force: true });
  return true;
}

/** `cred-launch cache clear` and `cred-launch cache path`. */
export async function runCommand(args: readonly string[], { io }: CommandContext): Promise<number> {
  const dir = cacheDirectory(io.env, io.homedir);
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') {
    await io.writeStdout(CACHE_USAGE);
    return 0;
  }
  if (rest.length > 0 || (sub !== 'clear' && sub !== 'path')) {
    throw new CredentialError('USAGE', 'usage: cred-launch cache clear | cred-launch cache path', { hint: "see 'cred-launch cache --help'" });
  }
  if (sub === 'path') {
    await io.writeStdout(`${dir}\n`);
    return 0;
  }
  if (!ensureCacheDirectory(dir, false)) {
    await io.writeStdout(`cache is empty (${dir} does not exist)\n`);
    return 0;
  }
  let removed = 0;
  for (const name of readdirSync(dir)) {
    // Only our own files: entries, their temp files and lock directories.
    if (/^(state-)?[0-9a-f]{64}\.(json|lock)$|\.tmp$/u.test(name)) {
      rmSync(join(dir, name), { recursive: true, force: true });
      if (name.endsWith('.json')) removed += 1;
    }
  }
  // Node 20's code cache (ours) and Node 22.1+'s compile cache (the bin points it here).
  const code = [removeCodeCache(join(dir, 'code')), removeCodeCache(join(dir, 'compile-cache'))].includes(true);
  await io.writeStdout(`removed ${removed} cached credential${removed === 1 ? '' : 's'}${code ? ' and the code cache' : ''} from ${dir}\n`);
  return 0;
}
