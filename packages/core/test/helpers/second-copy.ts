import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  return Math.max(...readdirSync(dir).map((name) => statSync(join(dir, name)).mtimeMs));
}

/**
 * A second, independent copy of the built core in a temp directory, as a
 * plugin that bundles its own @cred-launch/core would load it. Uses dist when
 * it is up to date with src, else compiles src into the temp directory so the
 * test never runs against stale output.
 */
export async function loadSecondCopyOfCore(): Promise<{ core: typeof import('../../src/index.js'); dir: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cred-launch-core-copy-'));
  const dist = join(PACKAGE_DIR, 'dist');
  const target = join(dir, 'node_modules', '@cred-launch', 'core');
  if (existsSync(join(dist, 'index.js')) && newestMtime(dist) >= newestMtime(join(PACKAGE_DIR, 'src'))) {
    cpSync(dist, join(target, 'dist'), { recursive: true });
  } else {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(PACKAGE_DIR, 'tsconfig.build.json'), '--outDir', join(target, 'dist')], { stdio: 'pipe' });
  }
  writeFileSync(join(target, 'package.json'), JSON.stringify({ name: '@cred-launch/core', type: 'module', exports: './dist/index.js' }));
  const core = (await import(pathToFileURL(join(target, 'dist', 'index.js')).href)) as typeof import('../../src/index.js');
  return { core, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
