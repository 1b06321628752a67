/**
 * What importing a plugin's module costs. `--help` and `cred-launch plugins`
 * import it, so its top level must load nothing but core and its own files:
 * SDKs belong in `await import()` inside getCredentials. Checked in a fresh
 * Node process (this one has loaded everything already), with a resolve
 * hook that records every module file the import pulls in. The hook sees
 * ES module resolutions: a CommonJS package's own require() calls are not
 * listed, but the package the plugin imports is, which is what matters.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What a fresh process loaded and printed while importing the module. */
export interface ImportReport {
  /** Names of the packages whose files were loaded (from each file's nearest package.json). */
  packages: string[];
  /** Exit code of the importing process (non-zero: the import threw). */
  code: number | null;
  stdout: string;
  stderr: string;
}

// Runs in Node's loader thread: appends each resolved file URL to a file.
const HOOK = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.startsWith('file:')) appendFileSync(process.env.CRED_LAUNCH_TESTKIT_IMPORTS, result.url + '\\n');
  return result;
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

function packageNameOf(file: string, memo: Map<string, string | undefined>): string | undefined {
  let dir = dirname(file);
  const visited: string[] = [];
  for (;;) {
    if (memo.has(dir)) {
      const known = memo.get(dir);
      for (const seen of visited) memo.set(seen, known);
      return known;
    }
    visited.push(dir);
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      let name: string | undefined;
      try {
        const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown };
        name = typeof parsed.name === 'string' ? parsed.name : undefined;
      } catch {
        name = undefined;
      }
      // A package.json without a name (e.g. {"type":"module"} in dist) belongs to the package above.
      if (name !== undefined) {
        for (const seen of visited) memo.set(seen, name);
        return name;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Imports `entry` in a fresh Node process and reports the packages it loaded. */
export async function inspectImport(entry: string | URL, timeoutMs = 20_000): Promise<ImportReport> {
  const url = entry instanceof URL ? entry.href : entry.startsWith('file:') ? entry : pathToFileURL(entry).href;
  const dir = mkdtempSync(join(tmpdir(), 'cred-launch-testkit-imports-'));
  const record = join(dir, 'imports.txt');
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, '--input-type=module', '-e', `await import(${JSON.stringify(url)});`],
        { env: { ...process.env, CRED_LAUNCH_TESTKIT_IMPORTS: record }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (exitCode) => {
        clearTimeout(timer);
        resolve({ code: exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      });
    });
    const files = existsSync(record)
      ? readFileSync(record, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
      : [];
    const memo = new Map<string, string | undefined>();
    const packages = new Set<string>();
    for (const file of new Set(files)) {
      const name = packageNameOf(fileURLToPath(file), memo);
      if (name !== undefined) packages.add(name);
    }
    return { packages: [...packages].sort(), code, stdout, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
