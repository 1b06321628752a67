import { readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A credential_process argv recognised as a cred-launch call. */
export interface LauncherInvocation {
  /** The bin as written in the line. */
  bin: string;
  /** The installed package folder (`…/node_modules/cred-launch`), when it could be found. */
  packageDir: string | undefined;
  /** That package's version. */
  version: string | undefined;
  /** Everything after the bin: launcher options, plugin, plugin args. */
  args: string[];
}

const BIN_NAMES = new Set(['cred-launch', 'cred-launch.js', 'cred-launch.cmd', 'cred-launch.ps1']);
const NODE_NAME = /^(node|nodejs)(\.exe)?$/iu;

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isLauncherBin(path: string): boolean {
  return BIN_NAMES.has(basename(path)) || basename(realpathOrSelf(path)) === 'cred-launch.js';
}

function packageOf(bin: string): { packageDir: string | undefined; version: string | undefined } {
  const real = realpathOrSelf(bin);
  if (basename(real) !== 'cred-launch.js') return { packageDir: undefined, version: undefined };
  const packageDir = dirname(dirname(real));
  try {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
    if (pkg.name !== 'cred-launch') return { packageDir: undefined, version: undefined };
    return { packageDir, version: typeof pkg.version === 'string' ? pkg.version : undefined };
  } catch {
    return { packageDir: undefined, version: undefined };
  }
}

/**
 * Recognises `<cred-launch> …` and `<node> <cred-launch.js> …`. `resolved`
 * is where the first word was found (PATH look-up), for symlinked bins.
 */
export function asLauncherInvocation(argv: readonly string[], resolved?: string): LauncherInvocation | undefined {
  const [first, second] = argv;
  if (first === undefined) return undefined;
  if (isLauncherBin(first) || (resolved !== undefined && isLauncherBin(resolved))) {
    return { bin: first, ...packageOf(resolved ?? first), args: argv.slice(1) };
  }
  if (NODE_NAME.test(basename(resolved ?? first)) && second !== undefined && isLauncherBin(second)) {
    return { bin: second, ...packageOf(second), args: argv.slice(2) };
  }
  return undefined;
}
