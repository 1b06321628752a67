import { existsSync, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { checkElement, expandHome, formatCredentialProcess, type LinePlatform } from '@cred-launch/aws-profiles';
import { CredentialError, isPluginPath } from '@cred-launch/core';
import { LAUNCHER_DIR } from '../launcher-paths.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The two absolute paths that start the line: a Node and the launcher's bin script. */
export interface LauncherExecutables {
  node: string;
  bin: string;
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The running Node, under its most stable absolute name: the first `node` on
 * PATH that is this very binary (e.g. /opt/homebrew/bin/node, which survives
 * `brew upgrade`, rather than the versioned Cellar path execPath resolves to),
 * else `process.execPath` itself.
 */
export function stableNodePath(env: Env, execPath: string = process.execPath, platform: LinePlatform = process.platform === 'win32' ? 'win32' : 'posix'): string {
  const real = realpathOrUndefined(execPath);
  const name = platform === 'win32' ? 'node.exe' : 'node';
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    if (!existsSync(candidate) || realpathOrUndefined(candidate) !== real) continue;
    try {
      checkElement(candidate, platform);
      return candidate;
    } catch {
      // An alias the line cannot express: fall back to execPath.
    }
  }
  return execPath;
}

/** The Node and bin paths for this installed launcher. */
export function launcherExecutables(env: Env): LauncherExecutables {
  const bin = resolve(LAUNCHER_DIR, '..', 'bin', 'cred-launch.js');
  if (!existsSync(bin)) throw new CredentialError('INTERNAL', `the launcher's bin script is missing (${bin})`, { hint: 'reinstall cred-launch' });
  return { node: stableNodePath(env), bin };
}

/** The line's argv and what was rewritten on the way. */
export interface ConfigureLine {
  argv: string[];
  line: string;
  /** Human notes about rewrites (`~` expanded, relative plugin path made absolute). */
  notes: string[];
  /** Things that will probably not work from another directory. */
  warnings: string[];
}

/**
 * Builds `<node> <bin> [launcher options] <plugin> [plugin args…]` and its
 * quoted text. Every `~` is expanded to the absolute home directory, a
 * relative plugin path is made absolute, and anything the quoting rules
 * cannot express is refused (USAGE) before anything runs.
 */
export function buildConfigureLine(
  executables: LauncherExecutables,
  launcherArgs: readonly string[],
  plugin: string,
  pluginArgs: readonly string[],
  context: { homedir: string; cwd: string; platform: LinePlatform },
): ConfigureLine {
  const notes: string[] = [];
  const warnings: string[] = [];
  const expand = (argument: string): string => {
    const result = expandHome(argument, context.homedir);
    if (result.expanded) notes.push(`expanded ${argument} to ${result.value} (the SDKs never expand ~)`);
    return result.value;
  };
  let pluginWord = plugin;
  if (isPluginPath(plugin) && !isAbsolute(plugin)) {
    pluginWord = resolve(context.cwd, plugin);
    notes.push(`wrote the plugin path ${plugin} as ${pluginWord} (credential_process runs from any directory)`);
  }
  const args = pluginArgs.map(expand);
  for (const argument of args) {
    if (argument.startsWith('./') || argument.startsWith('../')) {
      warnings.push(`"${argument}" looks like a relative path: credential_process runs from whatever directory the SDK is in, so write it absolute`);
    }
  }
  const argv = [executables.node, executables.bin, ...launcherArgs.map(expand), pluginWord, ...args];
  return { argv, line: formatCredentialProcess(argv, context.platform), notes, warnings };
}
