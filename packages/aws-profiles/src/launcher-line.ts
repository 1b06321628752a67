import { readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { LinePlatform } from './quoting.js';
import { splitLikeBotocore, splitLikeShC } from './split.js';

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

/** File names the cred-launch bin goes by: the npm shim, the script itself, Windows' shims. */
const BIN_NAMES = new Set(['cred-launch', 'cred-launch.js', 'cred-launch.mjs', 'cred-launch.cjs', 'cred-launch.cmd', 'cred-launch.ps1']);
const NODE_NAME = /^(node|nodejs)(\.exe)?$/iu;

/** The last path element, for `/` and `\\` alike (a line written on Windows read on POSIX, and back). */
function lastPathElement(path: string): string {
  return path.split(/[\\/]/u).pop() ?? path;
}

/** True when `path` names the cred-launch bin by its file name alone (nothing is read from disk). */
export function isCredLaunchBinName(path: string): boolean {
  return BIN_NAMES.has(lastPathElement(path));
}

/** True when `path` names a Node executable. */
export function isNodeName(path: string): boolean {
  return NODE_NAME.test(lastPathElement(path));
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isLauncherBin(path: string): boolean {
  return isCredLaunchBinName(path) || basename(realpathOrSelf(path)) === 'cred-launch.js';
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
  if (isNodeName(resolved ?? first) && second !== undefined && isLauncherBin(second)) {
    return { bin: second, ...packageOf(second), args: argv.slice(2) };
  }
  return undefined;
}

/** A cred-launch invocation found in a credential_process line by its words alone. */
export interface CredLaunchCall {
  /** The plugin name as written, e.g. `secrets-manager`. */
  plugin: string;
  /** Everything after the plugin name. */
  pluginArgv: string[];
  /** Variables set in front of the command (`env AWS_PROFILE=x cred-launch …`). */
  env: Record<string, string>;
}

// Launcher options that take a value as the next word.
const LAUNCHER_OPTIONS_WITH_VALUE = new Set(['--timeout']);

/**
 * The cred-launch call in a credential_process line, recognised from its
 * words the way the JS SDK's `sh -c` splits them (`exec`, `env VAR=x`, a
 * `node`/`npx` in front are looked through), without touching the disk:
 * plugins use it to follow a line without running it. Undefined when the
 * line runs something else. {@link asLauncherInvocation} is the launcher's
 * stricter check of an argv, following symbolic links.
 */
export function parseCredLaunchCall(line: string): CredLaunchCall | undefined {
  const words = splitLikeShC(line);
  const env: Record<string, string> = {};
  let index = 0;
  if (words[index] === 'exec') index += 1;
  if (words[index] !== undefined && lastPathElement(words[index] as string) === 'env') index += 1;
  for (; index < words.length; index += 1) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/su.exec(words[index] as string);
    if (!assignment) break;
    env[assignment[1] as string] = assignment[2] as string;
  }
  const program = words[index];
  if (program === undefined) return undefined;
  if (isNodeName(program) || lastPathElement(program) === 'npx') {
    index += 1;
    while (words[index]?.startsWith('-')) index += 1;
  }
  if (words[index] === undefined || !isCredLaunchBinName(words[index] as string)) return undefined;
  index += 1;
  while (words[index]?.startsWith('-')) {
    if (words[index] === '--') {
      index += 1;
      break;
    }
    index += LAUNCHER_OPTIONS_WITH_VALUE.has(words[index] as string) ? 2 : 1;
  }
  const plugin = words[index];
  if (plugin === undefined) return undefined;
  return { plugin, pluginArgv: words.slice(index + 1), env };
}

/** True when a credential_process line runs cred-launch, by botocore's split of it (an unsplittable line is not one). */
export function isCredLaunchLine(line: string, platform: LinePlatform): boolean {
  try {
    return asLauncherInvocation(splitLikeBotocore(line, platform)) !== undefined;
  } catch {
    return false;
  }
}
