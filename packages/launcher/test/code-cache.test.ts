import { chmodSync, chownSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUNDLE_IMPORT_BANNER, mayImportDynamically } from '../src/code-cache/dynamic-import-scan.js';
import { BIN, FIXTURES, runLauncher, tempDir, type RunResult } from './helpers/spawn.js';

// Whether this Node loads an ES module with require() (20.19+), unflagged.
const REQUIRE_LOADS_ESM = (process.features as { require_module?: boolean }).require_module === true;

// The launcher's own V8 code cache on Node 20 (src/code-cache.ts), through
// the built bin, in a temporary cache directory. Node 22.1+ uses Node's
// compile cache instead, so these run on Node 20 only.
const onNode20 = process.versions.node.startsWith('20.');

interface Counts {
  used: number;
  written: number;
  refused: number;
  notWritten: number;
}

/** The numbers of the `code cache: …` debug line (--verbose), or undefined when the line says it was not used. */
function countsOf(result: RunResult): Counts | undefined {
  const match = /code cache: (\d+) used, (\d+) written, (\d+) refused(?:, (\d+) not written)?/u.exec(result.stderr);
  if (!match) return undefined;
  return { used: Number(match[1]), written: Number(match[2]), refused: Number(match[3]), notWritten: Number(match[4] ?? 0) };
}

/** A workspace: its own cache directory and a copy of a CommonJS fixture plugin (which a test may edit). */
function workspace(fixture = 'code-cache.cjs'): { cacheDir: string; codeDir: string; plugin: string; env: Record<string, string> } {
  const work = tempDir();
  const plugin = join(work, fixture);
  copyFileSync(join(FIXTURES, fixture), plugin);
  // Older than this run: a copy made just now is as good as an installed file.
  utimesSync(plugin, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  const cacheDir = join(work, 'cache');
  return { cacheDir, codeDir: join(cacheDir, 'code'), plugin, env: { CRED_LAUNCH_CACHE_DIR: cacheDir, FIXTURE_SECRET: 'CANARYsecretNEVERinCODEcache0001' } };
}

const call = (plugin: string, env: Record<string, string>): Promise<RunResult> => runLauncher(['--verbose', '--no-cache', plugin], { env });

function cacheFiles(codeDir: string): string[] {
  return readdirSync(codeDir)
    .filter((name) => name.endsWith('.v8'))
    .map((name) => join(codeDir, name));
}

describe.runIf(onNode20)('the code cache of a cold call (Node 20)', () => {
  test('a cold call writes private cache files; the next call uses them and prints the same', async () => {
    const { codeDir, plugin, env } = workspace();
    const first = await call(plugin, env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ AccessKeyId: 'AKIACODECACHEAAAA' });
    // main.cjs, commands/plugin-call.cjs and the plugin at least.
    const written = countsOf(first);
    expect(written).toMatchObject({ used: 0, refused: 0, notWritten: 0 });
    expect(written?.written).toBeGreaterThanOrEqual(3);
    expect(statSync(codeDir).mode & 0o777).toBe(0o700);
    const files = cacheFiles(codeDir);
    expect(files).toHaveLength(written?.written ?? -1);
    for (const file of files) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(codeDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const second = await call(plugin, env);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(countsOf(second)).toEqual({ used: written?.written, written: 0, refused: 0, notWritten: 0 });
  });

  test('the cache files hold no secret the call handled (bytecode and source literals only)', async () => {
    const { codeDir, plugin, env } = workspace();
    const result = await call(plugin, env);
    expect(result.stdout).toContain(env.FIXTURE_SECRET);
    const files = cacheFiles(codeDir);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const encoding of ['latin1', 'utf16le'] as const) expect(bytes.includes(Buffer.from(env.FIXTURE_SECRET ?? '', encoding))).toBe(false);
    }
  });

  test('a corrupt cache file is refused (no crash, no altered code), the call succeeds, and the file is rewritten', async () => {
    const { codeDir, plugin, env } = workspace();
    const first = await call(plugin, env);
    const files = cacheFiles(codeDir);
    for (const file of files) {
      const bytes = readFileSync(file);
      // Inside V8's data, past our header: V8 11 itself would run or crash on it.
      for (let i = bytes.length - 200; i < bytes.length - 100; i += 1) bytes[i] = (bytes[i] ?? 0) ^ 0x5a;
      writeFileSync(file, bytes, { mode: 0o600 });
    }
    const corrupt = new Map(files.map((file) => [file, readFileSync(file)]));
    const second = await call(plugin, env);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(countsOf(second)).toEqual({ used: 0, written: files.length, refused: files.length, notWritten: 0 });
    for (const file of files) expect(readFileSync(file).equals(corrupt.get(file) ?? Buffer.alloc(0))).toBe(false);
    expect(countsOf(await call(plugin, env))).toEqual({ used: files.length, written: 0, refused: 0, notWritten: 0 });
  });

  test('a plugin changed to other code of the same length (mtime restored) runs the new code', async () => {
    const { plugin, env } = workspace();
    const before = await call(plugin, env);
    expect(JSON.parse(before.stdout)).toMatchObject({ AccessKeyId: 'AKIACODECACHEAAAA' });
    const { atime, mtime, size } = statSync(plugin);
    writeFileSync(plugin, readFileSync(plugin, 'utf8').replace("const VERSION = 'AAAA';", "const VERSION = 'BBBB';"));
    utimesSync(plugin, atime, mtime);
    expect(statSync(plugin).size).toBe(size);
    const after = await call(plugin, env);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ AccessKeyId: 'AKIACODECACHEBBBB' });
    // The plugin's file was refused (its source's checksum changed) and rewritten.
    expect(countsOf(after)).toMatchObject({ refused: 1, written: 1 });
  });

  test('a code directory that is group-writable, or not ours, is not used', async () => {
    const { codeDir, plugin, env } = workspace();
    const first = await call(plugin, env);
    const files = cacheFiles(codeDir);
    const stamps = new Map(files.map((file) => [file, statSync(file).mtimeMs]));

    chmodSync(codeDir, 0o770);
    const loose = await call(plugin, env);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toBe(first.stdout);
    expect(loose.stderr).toContain('code cache: not used:');
    expect(loose.stderr).toContain('group- or world-writable');
    expect(countsOf(loose)).toBeUndefined();

    chmodSync(codeDir, 0o700);
    chownSync(codeDir, 65534, 65534);
    const foreign = await call(plugin, env);
    expect(foreign.code).toBe(0);
    expect(foreign.stdout).toBe(first.stdout);
    expect(foreign.stderr).toContain('belongs to uid 65534');
    expect(countsOf(foreign)).toBeUndefined();
    // Nothing was read or rewritten there.
    for (const file of files) expect(statSync(file).mtimeMs).toBe(stamps.get(file));
  });

  test('a cache file not ours, or open to others, is refused and replaced', async () => {
    const { codeDir, plugin, env } = workspace();
    await call(plugin, env);
    const [foreign, loose] = cacheFiles(codeDir);
    chownSync(foreign ?? '', 65534, 65534);
    chmodSync(loose ?? '', 0o644);
    const result = await call(plugin, env);
    expect(result.code).toBe(0);
    expect(countsOf(result)).toMatchObject({ refused: 2, written: 2 });
    for (const file of [foreign, loose]) {
      const stats = statSync(file ?? '');
      expect([stats.uid, stats.mode & 0o777]).toEqual([process.getuid?.(), 0o600]);
    }
  });

  test('a cache that cannot be written changes neither the output nor the exit code', async () => {
    const { codeDir, plugin, env } = workspace();
    const first = await call(plugin, env);
    // Each cache file's name taken by a non-empty directory: every rename fails.
    // (Tests run as root, for whom a read-only mode does not stop a write.)
    const files = cacheFiles(codeDir);
    for (const file of files) {
      rmSync(file);
      mkdirSync(join(file, 'blocker'), { recursive: true });
    }
    const blocked = await call(plugin, env);
    expect([blocked.code, blocked.stdout]).toEqual([0, first.stdout]);
    expect(countsOf(blocked)).toEqual({ used: 0, written: 0, refused: files.length, notWritten: files.length });
    expect(readdirSync(codeDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // A cache directory that cannot be created at all (its parent is a file).
    const parentFile = join(tempDir(), 'a-file');
    writeFileSync(parentFile, '');
    const nowhere = await call(plugin, { ...env, CRED_LAUNCH_CACHE_DIR: join(parentFile, 'cache') });
    expect([nowhere.code, nowhere.stdout]).toEqual([0, first.stdout]);
    expect(nowhere.stderr).toMatch(/code cache: not used: .*ENOTDIR/u);
  });

  test('cred-launch cache clear removes the code cache too (and writes none itself)', async () => {
    const { cacheDir, codeDir, plugin, env } = workspace();
    await call(plugin, env);
    expect(cacheFiles(codeDir).length).toBeGreaterThanOrEqual(3);
    const cleared = await runLauncher(['cache', 'clear'], { env });
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toContain('and the code cache');
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  test('the bin loads dist/code-cache.cjs with its build-time code cache, which this Node accepts', () => {
    const file = join(dirname(BIN), '..', 'dist', 'code-cache.cjs');
    const script = `
      const { readFileSync } = require('node:fs');
      const { compileFastPath } = require(${JSON.stringify(BIN)});
      const { script, fastPath } = compileFastPath(${JSON.stringify(file)}, readFileSync(${JSON.stringify(`${file}.v8-cache`)}));
      process.stdout.write(JSON.stringify({ rejected: script.cachedDataRejected, exports: typeof fastPath.installCodeCache }));`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ rejected: false, exports: 'function' });
  });

  test('without --verbose nothing about the code cache is printed', async () => {
    const { plugin, env } = workspace();
    for (let run = 0; run < 2; run += 1) {
      const result = await runLauncher(['--no-cache', plugin], { env });
      expect([result.code, result.stderr]).toEqual([0, '']);
    }
  });

  test('import() still works from a cached launcher: a CommonJS plugin that imports, an ES module with top-level await', async () => {
    const { plugin, env } = workspace('code-cache-import.cjs');
    for (let run = 0; run < 2; run += 1) {
      const result = await call(plugin, env);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ AccessKeyId: 'AKIAIMPORTPOSIX' });
    }
    // The top-level-await fixture is import()ed by the launcher (dist/dynamic-import.cjs) from a cached plugin-call.cjs.
    const tla = join(FIXTURES, 'top-level-await.mjs');
    for (let run = 0; run < 2; run += 1) {
      const result = await call(tla, env);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ AccessKeyId: 'ASIATOPLEVELAWAIT' });
      if (run === 1) expect(countsOf(result)?.used).toBeGreaterThanOrEqual(2);
    }
  });

  test("a first-party plugin's CommonJS build is cached too (the file plugin, OpenSSL format, resolved by name)", async () => {
    const work = tempDir();
    const env = { CRED_LAUNCH_CACHE_DIR: join(work, 'cache') };
    const plaintext = join(work, 'credentials');
    writeFileSync(plaintext, '[default]\naws_access_key_id = AKIACODECACHEFILE001\naws_secret_access_key = codeCacheFileSecret000000000000000000000\n', { mode: 0o600 });
    const encrypt = await runLauncher(['file', 'encrypt', plaintext, '--out', join(work, 'creds.enc'), '--key-file', join(work, 'key'), '--generate-key'], { env });
    expect(encrypt.code).toBe(0);
    const args = ['--verbose', '--no-cache', 'file', join(work, 'creds.enc'), '--key-file', join(work, 'key')];
    const first = await runLauncher(args, { env });
    const second = await runLauncher(args, { env });
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(JSON.parse(second.stdout)).toMatchObject({ AccessKeyId: 'AKIACODECACHEFILE001' });
    expect(second.stdout).toBe(first.stdout);
    // main.cjs, plugin-call.cjs, and the plugin's dist/*.cjs.
    expect(countsOf(second)?.used).toBeGreaterThanOrEqual(3);
    expect(countsOf(second)).toMatchObject({ written: 0, refused: 0 });
  });
});

describe('which modules are left to Node (they may call import())', () => {
  const pluginBundles = ['vault', 'secrets-manager', 'file'].map((name) => join(dirname(BIN), '..', '..', '..', 'plugins', name, 'dist', 'index.cjs'));

  test("the first-party plugins' CommonJS bundles start with build-bundles' require-or-import banner, exactly", () => {
    for (const bundle of pluginBundles) expect(readFileSync(bundle, 'utf8').split('\n').slice(0, 3)).toContain(BUNDLE_IMPORT_BANNER);
  });

  test("that banner's import() (reached only where require() refuses) keeps a bundle out only where Node cannot require ES modules", () => {
    for (const bundle of pluginBundles) {
      const source = readFileSync(bundle, 'utf8');
      expect(mayImportDynamically(source, true)).toBe(false);
      expect(mayImportDynamically(source, false)).toBe(true);
    }
    expect(mayImportDynamically(`${BUNDLE_IMPORT_BANNER}\nmodule.exports = () => import('x');`, true)).toBe(true);
    expect(mayImportDynamically('module.exports = async () => import /* a comment */ (\n"x");', true)).toBe(true);
    expect(mayImportDynamically('const importer = 1; // import nothing\nmodule.exports = importer;', true)).toBe(false);
  });

  // The banner's import() is reached only for a package require() refuses:
  // from a bundle loaded through the code cache that import() would fail
  // (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). So every package a first-party
  // bundle imports must load with require() where Node requires ES modules:
  // an upgrade that adds top-level await to one (age-encryption is an ES
  // module) fails here instead of on users' Node 20.
  test.skipIf(!REQUIRE_LOADS_ESM)("every package the first-party plugins' CommonJS bundles import loads with require() (no top-level await)", () => {
    const pluginsDir = join(dirname(BIN), '..', '..', '..', 'plugins');
    const imports: Array<[string, string]> = [];
    for (const plugin of readdirSync(pluginsDir)) {
      const dist = join(pluginsDir, plugin, 'dist');
      for (const file of readdirSync(dist).filter((name) => name.endsWith('.cjs'))) {
        for (const match of readFileSync(join(dist, file), 'utf8').matchAll(/__bundleImport\("([^"]+)"\)/gu)) {
          if (!match[1]!.startsWith('node:')) imports.push([join(pluginsDir, plugin, 'package.json'), match[1]!]);
        }
      }
    }
    expect(imports.map(([, id]) => id)).toContain('age-encryption');
    const probe = `const { createRequire } = require('node:module'); const failed = []; for (const [from, id] of JSON.parse(process.argv[1])) { try { createRequire(from)(id); } catch (error) { failed.push(id + ': ' + error.code); } } process.stdout.write(JSON.stringify(failed));`;
    const result = spawnSync(process.execPath, ['-e', probe, JSON.stringify(imports)], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
