import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pluginNameFromPackage } from '@cred-launch/core';
import { nodeModulesSearchPath } from './resolve-plugin.js';

/** One installed plugin as `cred-launch plugins` shows it. */
export interface InstalledPlugin {
  /** The name to type after `cred-launch`. */
  name: string;
  packageName: string;
  version: string;
  description: string;
  directory: string;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function packageNamesIn(nodeModules: string): string[] {
  const names: string[] = [];
  for (const entry of listDir(nodeModules)) {
    if (entry.startsWith('@')) {
      for (const inner of listDir(join(nodeModules, entry))) names.push(`${entry}/${inner}`);
    } else {
      names.push(entry);
    }
  }
  return names;
}

/**
 * Every plugin the launcher would resolve, nearest install first; a name
 * shadowed by a nearer copy is listed once (the copy that would be used).
 */
export function listInstalledPlugins(launcherDir: string): InstalledPlugin[] {
  const found = new Map<string, InstalledPlugin>();
  for (const nodeModules of nodeModulesSearchPath(launcherDir)) {
    for (const packageName of packageNamesIn(nodeModules)) {
      const name = pluginNameFromPackage(packageName);
      if (name === undefined || found.has(name)) continue;
      const directory = join(nodeModules, packageName);
      try {
        const pkg = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Record<string, unknown>;
        found.set(name, {
          name,
          packageName,
          version: typeof pkg.version === 'string' ? pkg.version : '?',
          description: typeof pkg.description === 'string' ? pkg.description : '',
          directory,
        });
      } catch {
        // Not a readable package: not a plugin we could run either.
      }
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The table printed by `cred-launch plugins`. */
export function formatPluginList(plugins: readonly InstalledPlugin[]): string {
  if (plugins.length === 0) {
    return 'No plugins installed. Install one next to cred-launch, e.g.: npm install --global @cred-launch/plugin-file\n';
  }
  const width = Math.max(...plugins.map((plugin) => plugin.name.length));
  const versionWidth = Math.max(...plugins.map((plugin) => plugin.version.length));
  return plugins
    .map((plugin) => `${plugin.name.padEnd(width)}  ${plugin.version.padEnd(versionWidth)}  ${plugin.packageName}  ${plugin.description}`.trimEnd())
    .join('\n')
    .concat('\n');
}
