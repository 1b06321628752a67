import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { CredentialError, isPluginPath, pluginPackageCandidates } from '@cred-launch/core';

/** What a plugin package declares under `"cred-launch"` in its package.json. */
export interface PluginMetadata {
  /** Contract version the plugin was built for. */
  contract?: number;
  /** Environment variables whose values change the plugin's answer (part of the cache key). */
  cacheEnv: string[];
}

/** A plugin located on disk, not yet imported. */
export interface ResolvedPlugin {
  /** What the user typed. */
  request: string;
  /** The package name, or undefined for a module path. */
  packageName: string | undefined;
  version: string | undefined;
  description: string | undefined;
  /** The module file to import. */
  entryPath: string;
  /** Stable identity for the cache key: the package name, or the absolute module path. */
  identity: string;
  metadata: PluginMetadata;
}

interface PackageJson {
  name?: unknown;
  version?: unknown;
  description?: unknown;
  main?: unknown;
  exports?: unknown;
  'cred-launch'?: unknown;
}

/**
 * The node_modules folders above `fromDir`, nearest first, the way Node walks
 * them. Only the launcher's own location is used: never the current working
 * directory and never NODE_PATH, so a repository you `cd` into cannot plant a
 * plugin.
 */
export function nodeModulesSearchPath(fromDir: string): string[] {
  const dirs: string[] = [];
  // Up to the root, which is its own dirname.
  for (let current = resolve(fromDir), parent = dirname(current); ; current = parent, parent = dirname(current)) {
    if (!current.endsWith(`${'/'}node_modules`) && !current.endsWith('\\node_modules')) dirs.push(join(current, 'node_modules'));
    if (parent === current) break;
  }
  return dirs;
}

function readPackageJson(path: string): PackageJson | undefined {
  // Most places searched have no such package: asking first is cheaper than
  // the ENOENT exception (0.45M instructions of a cache hit, which searches
  // 2–3 places). A folder we may not read counts as absent.
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new CredentialError('PLUGIN_INVALID', `cannot read ${path}`, { cause: error, hint: 'reinstall the plugin' });
  }
}

// The conditions of the loader load-plugin uses: require() where this Node
// loads ES modules with it (20.19+, 22.12+), else import(). The other set is
// the fallback: a package exporting only "import" (ESM-only) is still loaded,
// by path, and one exporting only "require" too.
const REQUIRE_CONDITIONS: readonly string[] = ['node', 'require', 'default'];
const IMPORT_CONDITIONS: readonly string[] = ['node', 'import', 'default'];
const REQUIRE_LOADS_ESM = (process.features as { require_module?: boolean }).require_module === true;
const CONDITION_SETS: readonly (readonly string[])[] = REQUIRE_LOADS_ESM ? [REQUIRE_CONDITIONS, IMPORT_CONDITIONS] : [IMPORT_CONDITIONS, REQUIRE_CONDITIONS];

/**
 * A target of the "." export under `conditions`, by Node's rule: a
 * conditions object is walked in its own key order and the first key that
 * is an active condition (or "default") whose value resolves wins, however
 * nested; an array gives its first target that resolves; null excludes.
 * Returns undefined when nothing matches, null when the package excludes it.
 */
function conditionalTarget(value: unknown, conditions: readonly string[]): string | null | undefined {
  if (typeof value === 'string') return value;
  if (value === null) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const target = conditionalTarget(item, conditions);
      if (typeof target === 'string') return target;
    }
    return undefined;
  }
  if (typeof value !== 'object') return undefined;
  const map = value as Record<string, unknown>;
  for (const key in map) {
    if (!conditions.includes(key)) continue;
    const target = conditionalTarget(map[key], conditions);
    if (target !== undefined) return target;
  }
  return undefined;
}

/** The package's "." entry from its `exports`, with the conditions of {@link CONDITION_SETS} in turn. */
export function exportTarget(exports: unknown, conditionSets: readonly (readonly string[])[] = CONDITION_SETS): string | undefined {
  // A subpath map ({".": …, "./package.json": …}) or the "." value itself.
  const root = typeof exports === 'object' && exports !== null && !Array.isArray(exports) && '.' in exports ? (exports as Record<string, unknown>)['.'] : exports;
  for (const conditions of conditionSets) {
    const target = conditionalTarget(root, conditions);
    if (typeof target === 'string') return target;
  }
  return undefined;
}

function metadataOf(pkg: PackageJson | undefined): PluginMetadata {
  const raw = pkg?.['cred-launch'];
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const cacheEnv = Array.isArray(record.cacheEnv) ? record.cacheEnv.filter((v): v is string => typeof v === 'string') : [];
  return { ...(typeof record.contract === 'number' ? { contract: record.contract } : {}), cacheEnv };
}

function fromPackageDir(request: string, packageDir: string, pkg: PackageJson): ResolvedPlugin {
  const entry = exportTarget(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : 'index.js');
  const name = typeof pkg.name === 'string' ? pkg.name : undefined;
  const entryPath = resolve(packageDir, entry);
  // Node refuses an exports target outside the package ("../x", "/x"); so do
  // we, for main too: the code we import must be the package's own.
  // A prefix test on resolved paths rather than path.relative: the cache hit
  // runs this, and relative (compiled on its first call) cost 0.3M there.
  const root = resolve(packageDir);
  if (!entryPath.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) {
    throw new CredentialError('PLUGIN_INVALID', `plugin "${request}" points its entry outside its package (${packageDir})`, {
      hint: 'reinstall the plugin, or report its package.json to the author',
    });
  }
  return {
    request,
    packageName: name,
    version: typeof pkg.version === 'string' ? pkg.version : undefined,
    description: typeof pkg.description === 'string' ? pkg.description : undefined,
    entryPath,
    identity: name ?? packageDir,
    metadata: metadataOf(pkg),
  };
}

function fromPath(request: string, cwd: string): ResolvedPlugin {
  const absolute = isAbsolute(request) ? request : resolve(cwd, request);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    throw new CredentialError('PLUGIN_NOT_FOUND', `no plugin at ${absolute}`, { hint: 'check the path; relative paths are resolved against the current directory' });
  }
  if (isDirectory) {
    const pkg = readPackageJson(join(absolute, 'package.json'));
    if (!pkg) throw new CredentialError('PLUGIN_NOT_FOUND', `${absolute} has no package.json`, { hint: 'point at the plugin module file or its package folder' });
    const resolved = fromPackageDir(request, absolute, pkg);
    return { ...resolved, identity: absolute };
  }
  return { request, packageName: undefined, version: undefined, description: undefined, entryPath: absolute, identity: absolute, metadata: { cacheEnv: [] } };
}

/** Options for {@link resolvePlugin}. */
export interface ResolvePluginOptions {
  /** The directory of the launcher's own module: the search starts here. */
  launcherDir: string;
  /** Only for explicit relative paths the user wrote. */
  cwd: string;
}

/**
 * Finds a plugin by name (or explicit path) without importing it. Throws
 * USAGE for an invalid name and PLUGIN_NOT_FOUND with the install command.
 */
export function resolvePlugin(request: string, options: ResolvePluginOptions): ResolvedPlugin {
  if (isPluginPath(request)) return fromPath(request, options.cwd);
  const candidates = pluginPackageCandidates(request);
  const searchPath = nodeModulesSearchPath(options.launcherDir);
  for (const candidate of candidates) {
    for (const dir of searchPath) {
      const packageDir = join(dir, candidate);
      const pkg = readPackageJson(join(packageDir, 'package.json'));
      if (pkg) return fromPackageDir(request, packageDir, pkg);
    }
  }
  throw new CredentialError('PLUGIN_NOT_FOUND', `plugin "${request}" is not installed (looked for ${candidates.join(', ')})`, {
    hint: `install it next to cred-launch: npm install --global ${candidates[0]}`,
  });
}

/** The entry module of a named package installed next to the launcher, or undefined. */
export function resolvePackage(packageName: string, launcherDir: string): string | undefined {
  for (const dir of nodeModulesSearchPath(launcherDir)) {
    const packageDir = join(dir, packageName);
    const pkg = readPackageJson(join(packageDir, 'package.json'));
    if (pkg) return fromPackageDir(packageName, packageDir, pkg).entryPath;
  }
  return undefined;
}
