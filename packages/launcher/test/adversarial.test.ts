import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cacheDirectory } from '../src/cache/cache-dir.js';
import { BIN, runLauncher, tempDir, type RunResult } from './helpers/spawn.js';

// Adversarial checks: plugins that misbehave inside the launcher's process,
// hostile cache contents and edge values. Each case once broke a promise
// (secret on stderr, text on stdout, a wrong or zero exit code, a hang).

const CANARY = 'CANARY-adversarial-5e1b07d4c9';

/** Writes a plugin module (no imports needed) into a fresh directory; returns its path. */
function plugin(body: string, options: { topLevel?: string } = {}): string {
  const path = join(tempDir('cred-launch-adv-'), 'plugin.mjs');
  writeFileSync(
    path,
    `${options.topLevel ?? ''}
export default {
  contractVersion: 1, name: 'adv', description: 'adversarial fixture', usage: 'cred-launch plugin.mjs',
  parseArgs: () => ({}),
  async getCredentials({ env, secrets, now, log }) {
    const secret = env.ADV_SECRET;
    secrets.add(secret);
    ${body}
    return { accessKeyId: 'AKIAADVERSARIAL' + Math.random().toString(36).slice(2, 8).toUpperCase(), secretAccessKey: secret,
      ...(env.ADV_EXPIRES_IN ? { expiration: new Date(now().getTime() + Number(env.ADV_EXPIRES_IN) * 1000) } : {}) };
  },
};
`,
  );
  return path;
}

function run(args: readonly string[], env: Record<string, string> = {}, timeoutMs?: number): Promise<RunResult> {
  return runLauncher(args, { env: { ADV_SECRET: CANARY, ...env }, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
}

function expectOneDocument(stdout: string): Record<string, unknown> {
  expect(stdout.endsWith('\n')).toBe(true);
  expect(stdout.trimEnd().includes('\n')).toBe(false);
  return JSON.parse(stdout) as Record<string, unknown>;
}

function expectCleanFailure(result: RunResult, code: number): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toContain(CANARY);
  expect(result.stderr).not.toMatch(/\n\s+at /u); // no stack traces
  expect(result.stderr).toMatch(/^cred-launch: /mu);
}

describe('a plugin that crashes outside its promise chain', () => {
  const cases = [
    {
      name: 'an exception thrown from a timer',
      body: "setTimeout(() => { throw new Error('boom ' + secret); }, 0); await new Promise((r) => setTimeout(r, 50));",
      says: /uncaught exception \(Error\)/u,
    },
    {
      name: 'a promise rejected with nobody listening',
      body: "Promise.reject(new Error('rejected ' + secret)); await new Promise((r) => setTimeout(r, 50));",
      says: /unhandled promise rejection \(Error\)/u,
    },
  ];
  for (const { name, body, says } of cases) {
    test(`${name}: exit 70, one redacted line, no stack, nothing on stdout`, async () => {
      const path = plugin(body);
      for (const verbose of [[], ['--verbose']]) {
        const result = await run([...verbose, '--no-cache', path]);
        expectCleanFailure(result, 70);
        expect(result.stderr).toMatch(says);
      }
    });
  }
});

describe('output a plugin or its SDK prints never reaches either channel', () => {
  test('console.log, process.stdout.write and console.error: stdout holds exactly the document', async () => {
    const path = plugin("console.log('fetched ' + secret); process.stdout.write('raw ' + secret + '\\n'); console.error('err ' + secret);");
    for (const verbose of [[], ['--verbose']]) {
      const result = await run([...verbose, '--no-cache', path]);
      expect(result.code).toBe(0);
      expect(expectOneDocument(result.stdout).SecretAccessKey).toBe(CANARY);
      expect(result.stderr).not.toContain(CANARY);
      if (verbose.length === 0) expect(result.stderr).toBe('');
      else expect(result.stderr).toContain('dropped');
    }
  });

  test('process.emitWarning with a secret in it (what an SDK deprecation does) prints nothing', async () => {
    const path = plugin("process.emitWarning('token ' + secret + ' is deprecated', 'DeprecationWarning'); process.emitWarning('plain ' + secret);");
    const quiet = await run(['--no-cache', path]);
    expect(quiet.code).toBe(0);
    expectOneDocument(quiet.stdout);
    expect(quiet.stderr).toBe('');
    const verbose = await run(['--verbose', '--no-cache', path]);
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toContain('DeprecationWarning');
    expect(verbose.stderr).not.toContain(CANARY);
  });
});

describe('every way of never finishing ends in TIMEOUT (75), never exit 0 or 13', () => {
  test('a promise that never settles and holds no timer or socket', async () => {
    const path = plugin('await new Promise(() => {});');
    for (const cache of [[], ['--no-cache']]) {
      const result = await run(['--timeout', '1', ...cache, path], {}, 10_000);
      expectCleanFailure(result, 75);
    }
  });

  test('a module whose import never finishes, with and without a live handle', async () => {
    for (const topLevel of ['await new Promise(() => {});', 'setInterval(() => {}, 1000); await new Promise(() => {});']) {
      const result = await run(['--timeout', '1', '--no-cache', plugin('', { topLevel })], {}, 10_000);
      expectCleanFailure(result, 75);
    }
  });

  test("a limit past setTimeout's 24.8-day maximum is not a 1 ms limit", async () => {
    const path = plugin('await new Promise((r) => setTimeout(r, 150));');
    const result = await run(['--timeout', '30d', '--no-cache', path]);
    expect(result.code).toBe(0);
    expectOneDocument(result.stdout);
    expect(result.stderr).toBe(''); // no TimeoutOverflowWarning
  });
});

test('a consumer that closes stdout early gets exit 70 and one line, not an EPIPE stack', async () => {
  const path = plugin('await new Promise((r) => setTimeout(r, 300));');
  const result = await new Promise<RunResult>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--no-cache', path], {
      cwd: tempDir(),
      env: { PATH: process.env.PATH ?? '', ADV_SECRET: CANARY, CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // the read end closes before the plugin answers
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: '', stderr });
    });
  });
  expectCleanFailure(result, 70);
  expect(result.stderr).toContain('cannot write to stdout (EPIPE)');
});

test('a package whose exports or main point outside the package is refused (80) without importing it', async () => {
  const root = tempDir('cred-launch-adv-');
  writeFileSync(join(root, 'outside.mjs'), "throw new Error('imported');\n");
  const pkg = join(root, 'pkg');
  mkdirSync(pkg);
  for (const manifest of [{ exports: '../outside.mjs' }, { exports: { '.': { import: './../outside.mjs' } } }, { main: join(root, 'outside.mjs') }]) {
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'cred-launch-plugin-escape', ...manifest }));
    const result = await run(['--no-cache', pkg]);
    expectCleanFailure(result, 80);
    expect(result.stderr).toContain('outside its package');
  }
});

describe('cache entries', () => {
  function entryFile(cacheDir: string): string {
    const names = readdirSync(cacheDir).filter((name) => name.endsWith('.json'));
    expect(names).toHaveLength(1);
    return join(cacheDir, names[0] as string);
  }

  test('an entry stored under a smaller refresh window is not served inside the default 15-minute one', async () => {
    const cacheDir = join(tempDir(), 'cache');
    const path = plugin('');
    const env = { CRED_LAUNCH_CACHE_DIR: cacheDir, ADV_EXPIRES_IN: '600' };
    const first = await run(['--refresh-window', '0', path], env);
    expect(first.code).toBe(0);
    entryFile(cacheDir); // stored: 10 minutes left is outside a 0 s window
    const again = await run(['--refresh-window', '0', path], env);
    expect(expectOneDocument(again.stdout).AccessKeyId).toBe(expectOneDocument(first.stdout).AccessKeyId);
    // botocore refuses credentials with under 10 minutes left and asks again; serving them would loop.
    const defaulted = await run([path], env);
    expect(defaulted.code).toBe(0);
    expect(expectOneDocument(defaulted.stdout).AccessKeyId).not.toBe(expectOneDocument(first.stdout).AccessKeyId);
  });

  test('a FIFO or an oversized file planted as the entry is a miss, not a hang', async () => {
    const cacheDir = join(tempDir(), 'cache');
    const path = plugin('');
    const env = { CRED_LAUNCH_CACHE_DIR: cacheDir, ADV_EXPIRES_IN: '3600' };
    expect((await run([path], env)).code).toBe(0);
    const entry = entryFile(cacheDir);
    const stored = expectOneDocument((await run([path], env)).stdout);

    rmSync(entry);
    execFileSync('mkfifo', ['-m', '600', entry]);
    const afterFifo = await run(['--timeout', '5', path], env, 10_000);
    expect(afterFifo.code).toBe(0);
    expect(expectOneDocument(afterFifo.stdout).AccessKeyId).not.toBe(stored.AccessKeyId);

    // A valid entry padded past any real size is not read into memory.
    const valid = JSON.stringify({
      format: 'cred-launch-cache/1',
      storedAt: Date.now(),
      serveUntil: Date.now() + 3_600_000,
      credentials: { AccessKeyId: 'AKIAPLANTED', SecretAccessKey: 'planted-secret' },
    });
    writeFileSync(`${entry}.new`, `${valid}${' '.repeat(100 * 1024)}`, { mode: 0o600 });
    renameSync(`${entry}.new`, entry);
    const afterHuge = await run([path], env);
    expect(afterHuge.code).toBe(0);
    expect(expectOneDocument(afterHuge.stdout).AccessKeyId).not.toBe('AKIAPLANTED');
  });
});

describe('the cache directory never follows the current directory', () => {
  test('a relative CRED_LAUNCH_CACHE_DIR is refused (78) and nothing is created', async () => {
    const cwd = tempDir();
    const result = await runLauncher([plugin('')], { cwd, env: { ADV_SECRET: CANARY, CRED_LAUNCH_CACHE_DIR: 'cache' } });
    expectCleanFailure(result, 78);
    expect(result.stderr).toContain('absolute');
    expect(readdirSync(cwd)).toEqual([]);
  });

  test('relative XDG_RUNTIME_DIR / XDG_CACHE_HOME are ignored, as the XDG spec says', () => {
    expect(cacheDirectory({ XDG_RUNTIME_DIR: 'run', XDG_CACHE_HOME: 'c' }, '/home/u', 'linux')).toBe('/home/u/.cache/cred-launch');
    expect(cacheDirectory({ XDG_RUNTIME_DIR: 'run', XDG_CACHE_HOME: '/c' }, '/home/u', 'linux')).toBe('/c/cred-launch');
  });

  test('a cloned repository cannot ship an entry that a relative XDG_RUNTIME_DIR would serve', async () => {
    const repo = tempDir();
    const path = plugin('');
    const home = tempDir();
    const env = { ADV_SECRET: CANARY, ADV_EXPIRES_IN: '3600', HOME: home, XDG_RUNTIME_DIR: 'xdg', CRED_LAUNCH_CACHE_DIR: '' };
    const first = await runLauncher([path], { cwd: repo, env });
    expect(first.code).toBe(0);
    expect(readdirSync(repo)).toEqual([]);
    expect(readdirSync(join(home, '.cache', 'cred-launch')).some((name) => name.endsWith('.json'))).toBe(true);
  });
});

test('backend text with terminal escape sequences reaches stderr defanged, in errors and debug lines', async () => {
  // What a plugin does with a hostile Vault's error body: quote it in a CredentialError (a branded error, as any copy of core makes).
  const path = plugin(`
    const evil = 'sealed\\u001b]0;pwned\\u0007\\u001b[2J\\rfake prompt\\u009b31m';
    log('server said ' + evil);
    const error = new Error('vault: ' + evil);
    Object.assign(error, { [Symbol.for('@cred-launch/core/CredentialError')]: true, code: 'BACKEND', hint: 'retry ' + evil });
    throw error;`);
  const result = await run(['--verbose', '--no-cache', path]);
  expectCleanFailure(result, 69);
  expect(result.stderr).toContain('vault: sealed?]0;pwned??[2J?fake prompt?31m');
  expect(result.stderr).toContain('debug: server said sealed?');
  expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
});
