import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { pluginPackageCandidates as packageCandidates } from '@cred-launch/core';
import { exportTarget, nodeModulesSearchPath, resolvePlugin } from '../src/resolve-plugin.js';
import { FIXTURES, runLauncher, tempDir } from './helpers/spawn.js';

function installPackage(nodeModules: string, name: string, extra: Record<string, unknown> = {}): string {
  const dir = join(nodeModules, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.2.3', type: 'module', exports: { '.': { types: './x.d.ts', default: './dist/index.js' } }, ...extra }),
  );
  return dir;
}

/** A fake global prefix: <prefix>/lib/node_modules/cred-launch/dist is the launcher. */
function fakePrefix(): { launcherDir: string; nodeModules: string } {
  const prefix = tempDir();
  const nodeModules = join(prefix, 'lib', 'node_modules');
  const launcherDir = join(nodeModules, 'cred-launch', 'dist');
  mkdirSync(launcherDir, { recursive: true });
  return { launcherDir, nodeModules };
}

describe('plugin names', () => {
  test('first-party, then community, then scoped names', () => {
    expect(packageCandidates('vault')).toEqual(['@cred-launch/plugin-vault', 'cred-launch-plugin-vault']);
    expect(packageCandidates('1password')).toEqual(['@cred-launch/plugin-1password', 'cred-launch-plugin-1password']);
    expect(packageCandidates('@acme/foo')).toEqual(['@acme/cred-launch-plugin-foo']);
  });

  test('reserved words and invalid names are refused', () => {
    for (const name of ['configure', 'doctor', 'cache', 'plugins', 'help', 'version']) expect(() => packageCandidates(name)).toThrow(/command, not a plugin/u);
    for (const name of ['', '..', '.hidden', 'a/b', 'A', 'a b', '@a', '@a/', '@/b', 'x\\y', 'a..b'])
      expect(() => packageCandidates(name), name).toThrow(/not a valid plugin name/u);
  });
});

describe('resolution', () => {
  test('the search path starts at the launcher and walks up, never the cwd', () => {
    expect(nodeModulesSearchPath('/usr/lib/node_modules/cred-launch/dist')).toEqual([
      '/usr/lib/node_modules/cred-launch/dist/node_modules',
      '/usr/lib/node_modules/cred-launch/node_modules',
      '/usr/lib/node_modules',
      '/usr/node_modules',
      '/node_modules',
    ]);
  });

  test('@cred-launch/plugin-x wins over cred-launch-plugin-x; the community name is found alone', () => {
    const { launcherDir, nodeModules } = fakePrefix();
    installPackage(nodeModules, 'cred-launch-plugin-x');
    expect(resolvePlugin('x', { launcherDir, cwd: '/' }).packageName).toBe('cred-launch-plugin-x');
    installPackage(nodeModules, '@cred-launch/plugin-x', { 'cred-launch': { contract: 1, cacheEnv: ['X_ADDR', 7] } });
    const resolved = resolvePlugin('x', { launcherDir, cwd: '/' });
    expect(resolved.packageName).toBe('@cred-launch/plugin-x');
    expect(resolved.entryPath).toBe(join(nodeModules, '@cred-launch', 'plugin-x', 'dist', 'index.js'));
    expect(resolved.metadata).toEqual({ contract: 1, cacheEnv: ['X_ADDR'] });
    expect(resolved.version).toBe('1.2.3');
  });

  test("a plugin in the launcher's own node_modules wins over a sibling", () => {
    const { launcherDir, nodeModules } = fakePrefix();
    installPackage(nodeModules, '@cred-launch/plugin-y');
    installPackage(join(nodeModules, 'cred-launch', 'node_modules'), '@cred-launch/plugin-y', { version: '2.0.0' });
    expect(resolvePlugin('y', { launcherDir, cwd: '/' }).version).toBe('2.0.0');
  });

  test('scoped third-party plugins', () => {
    const { launcherDir, nodeModules } = fakePrefix();
    installPackage(nodeModules, '@acme/cred-launch-plugin-foo');
    expect(resolvePlugin('@acme/foo', { launcherDir, cwd: '/' }).packageName).toBe('@acme/cred-launch-plugin-foo');
  });

  test("a plugin in the current directory's node_modules is not found", () => {
    const { launcherDir } = fakePrefix();
    const cwd = tempDir();
    installPackage(join(cwd, 'node_modules'), '@cred-launch/plugin-z');
    expect(() => resolvePlugin('z', { launcherDir, cwd })).toThrow(/not installed/u);
  });

  test('explicit paths: a module file or a package directory, relative to the cwd', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'p.mjs'), 'export default {}');
    expect(resolvePlugin('./p.mjs', { launcherDir: '/nowhere', cwd }).entryPath).toBe(join(cwd, 'p.mjs'));
    const dir = installPackage(join(cwd, 'pkgs'), 'my-plugin');
    const resolved = resolvePlugin('./pkgs/my-plugin', { launcherDir: '/nowhere', cwd });
    expect(resolved.entryPath).toBe(join(dir, 'dist', 'index.js'));
    expect(resolved.identity).toBe(dir);
  });
});

describe("the entry: Node's conditional exports, with the conditions of require()", () => {
  const REQUIRE = ['node', 'require', 'default'];
  const IMPORT = ['node', 'import', 'default'];
  const requireFirst = [REQUIRE, IMPORT];

  test('"require" wins over "import" whichever comes first; "types" is no condition of ours', () => {
    expect(exportTarget({ types: './x.d.ts', require: './dist/index.cjs', default: './dist/index.js' }, requireFirst)).toBe('./dist/index.cjs');
    expect(exportTarget({ import: './dist/index.mjs', require: './dist/index.cjs' }, requireFirst)).toBe('./dist/index.cjs');
    expect(exportTarget({ types: './x.d.ts', import: './dist/index.js', require: './dist/index.cjs' }, requireFirst)).toBe('./dist/index.cjs');
  });

  test('key order decides, as in Node: the first active condition wins, even "default" before "require"', () => {
    expect(exportTarget({ default: './dist/index.js', require: './dist/index.cjs' }, requireFirst)).toBe('./dist/index.js');
    expect(exportTarget({ node: './dist/node.js', require: './dist/index.cjs' }, requireFirst)).toBe('./dist/node.js');
    expect(exportTarget({ require: './dist/index.cjs', node: './dist/node.js' }, requireFirst)).toBe('./dist/index.cjs');
  });

  test('nested conditions recurse; a branch that matches nothing falls through to the next key', () => {
    expect(exportTarget({ node: { import: './dist/node.mjs', require: './dist/node.cjs' }, default: './dist/index.js' }, requireFirst)).toBe('./dist/node.cjs');
    expect(exportTarget({ node: { import: './dist/node.mjs' }, default: './dist/index.js' }, requireFirst)).toBe('./dist/index.js');
    expect(exportTarget({ '.': { types: './x.d.ts', node: { require: { default: './deep.cjs' } } }, './package.json': './package.json' }, requireFirst)).toBe('./deep.cjs');
    expect(exportTarget({ browser: './browser.js', worker: './worker.js', default: ['./first.js', './second.js'] }, requireFirst)).toBe('./first.js');
  });

  test('an ESM-only package (only "import") falls back to the import conditions', () => {
    expect(exportTarget({ types: './x.d.ts', import: './dist/index.js' }, requireFirst)).toBe('./dist/index.js');
    expect(exportTarget({ '.': { node: { import: './dist/node.mjs' } } }, requireFirst)).toBe('./dist/node.mjs');
    // null excludes a condition in Node; the fallback set may still name a target.
    expect(exportTarget({ require: null, import: './dist/index.mjs' }, requireFirst)).toBe('./dist/index.mjs');
  });

  test('nothing usable: undefined (the caller falls back to main); a plain string is the entry', () => {
    expect(exportTarget({ browser: './browser.js' }, requireFirst)).toBeUndefined();
    expect(exportTarget({ './sub': './sub.js' }, requireFirst)).toBeUndefined();
    expect(exportTarget(undefined, requireFirst)).toBeUndefined();
    expect(exportTarget('./main.js', requireFirst)).toBe('./main.js');
    expect(exportTarget({ '.': './main.js' }, requireFirst)).toBe('./main.js');
  });

  test("the launcher's own default: require's conditions where this Node requires ES modules, else import's", () => {
    const requireLoadsEsm = (process.features as { require_module?: boolean }).require_module === true;
    expect(exportTarget({ import: './dist/index.js', require: './dist/index.cjs' })).toBe(requireLoadsEsm ? './dist/index.cjs' : './dist/index.js');
    expect(exportTarget({ import: './dist/index.js' })).toBe('./dist/index.js');
    expect(exportTarget({ require: './dist/index.cjs' })).toBe('./dist/index.cjs');
  });

  test('a first-party-shaped package (types, require, default) resolves to its CommonJS build where require() loads ES modules', () => {
    const { launcherDir, nodeModules } = fakePrefix();
    installPackage(nodeModules, '@cred-launch/plugin-dual', {
      exports: { '.': { types: './dist/index.d.ts', require: './dist/index.cjs', default: './dist/index.js' }, './package.json': './package.json' },
    });
    const requireLoadsEsm = (process.features as { require_module?: boolean }).require_module === true;
    const resolved = resolvePlugin('dual', { launcherDir, cwd: '/' });
    expect(resolved.entryPath).toBe(join(nodeModules, '@cred-launch', 'plugin-dual', 'dist', requireLoadsEsm ? 'index.cjs' : 'index.js'));
    // The cache key holds the identity, not the entry file: switching builds keeps cached entries.
    expect(resolved.identity).toBe('@cred-launch/plugin-dual');
  });
});

describe('a cache hit imports no plugin', () => {
  test('the plugin module is imported on the miss and not on the hit', async () => {
    const marker = join(tempDir(), 'marker');
    writeFileSync(marker, '');
    const env = { FIXTURE_MARKER: marker, CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache') };
    const plugin = join(FIXTURES, 'marks-import.mjs');
    const miss = await runLauncher([plugin], { env });
    expect(miss.code).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('imported\n');
    rmSync(marker);
    writeFileSync(marker, '');
    const hit = await runLauncher([plugin], { env });
    expect(hit.code).toBe(0);
    expect(hit.stdout).toBe(miss.stdout);
    expect(readFileSync(marker, 'utf8')).toBe('');
    expect(existsSync(marker)).toBe(true);
  });
});
