/**
 * Hostile inputs to the file plugin, each run as a WHOLE PROCESS through the
 * built `cred-launch` bin with `--timeout 2`, the time it took asserted:
 * nothing reaches stdout, stderr is one error (message + hint) without the
 * secret, the exit code is the documented one, and the process is gone well
 * inside the limit. docs/reliability.md lists these rows.
 */
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import { encryptOpenssl } from '../src/openssl.js';
import { CANARY, CANARY_PASS, CREDENTIALS_INI, IS_ROOT, tempDir, writeSecret } from './helpers.js';

const BIN = fileURLToPath(new URL('../../../packages/launcher/bin/cred-launch.js', import.meta.url));
const READY =
  existsSync(fileURLToPath(new URL('../../../packages/launcher/dist/main.js', import.meta.url))) && existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
const POSIX = process.platform !== 'win32';
const TIMEOUT_S = 2;
/** Generous for a loaded machine: the limit, plus 3 s of start-up and scheduling. */
const BOUND_MS = (TIMEOUT_S + 3) * 1000;

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const path = (name: string): string => join(dir, name);
const key = writeSecret(path('good.key'), `${CANARY_PASS}\n`);
const enc = writeSecret(path('creds.enc'), encryptOpenssl(Buffer.from(CREDENTIALS_INI), Buffer.from(CANARY_PASS), { iterations: 10000, digest: 'sha256' }));

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

function launch(args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, '--timeout', String(TIMEOUT_S), 'file', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, CRED_LAUNCH_CACHE_DIR: join(tempDir().dir, 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Far past the bound: a hang shows up as a failed time assertion, not a stuck suite.
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}

function expectRefused(outcome: Outcome, code: number, fragment: string): void {
  expect(outcome.elapsedMs).toBeLessThan(BOUND_MS);
  expect(outcome.stdout).toBe('');
  expect(outcome.code).toBe(code);
  expect(outcome.stderr).toContain(fragment);
  expect(outcome.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  expect(outcome.stderr).not.toContain(CANARY);
  expect(outcome.stderr).not.toContain(CANARY_PASS);
}

describe.skipIf(!READY || !POSIX)('file plugin: hostile inputs through the built bin (--timeout 2)', () => {
  const fifo = path('never-written.fifo');
  const fifoKey = path('never-written-key.fifo');
  if (POSIX) {
    execFileSync('mkfifo', [fifo]);
    execFileSync('mkfifo', [fifoKey]);
  }

  test('a FIFO nobody writes to as the encrypted file → 78 at once (used to hang past SIGTERM)', async () => {
    expectRefused(await launch([fifo, '--key-file', key]), 78, 'is a FIFO (named pipe), not a regular file');
  });

  test('a symbolic link to that FIFO → 78 at once', async () => {
    const link = path('link-to-fifo.enc');
    symlinkSync(fifo, link);
    expectRefused(await launch([link, '--key-file', key]), 78, 'is a FIFO (named pipe), not a regular file');
  });

  test('a FIFO as the key file → 78 at once', async () => {
    expectRefused(await launch([enc, '--key-file', fifoKey]), 78, 'key file');
  });

  test.each(['/dev/zero', '/dev/urandom'])('the endless character device %s as the encrypted file → 78 at once', async (device) => {
    expectRefused(await launch([device, '--key-file', key]), 78, 'is a character device, not a regular file');
  });

  test('/dev/zero as the key file → 78 at once', async () => {
    expectRefused(await launch([enc, '--key-file', '/dev/zero']), 78, 'is a character device, not a regular file');
  });

  test('a directory as the encrypted file → 78', async () => {
    const directory = path('a-directory');
    mkdirSync(directory);
    expectRefused(await launch([directory, '--key-file', key]), 78, 'is a directory');
  });

  test('a 2 MiB file (past the 1 MiB bound) → 78', async () => {
    const big = writeSecret(path('big.enc'), Buffer.concat([Buffer.from('Salted__'), Buffer.alloc(2 * 1024 * 1024 - 8, 1)]));
    expectRefused(await launch([big, '--key-file', key]), 78, 'is larger than');
  });

  test('--iter 999999999 → 64 before any key derivation (used to ignore --timeout)', async () => {
    expectRefused(await launch([enc, '--key-file', key, '--iter', '999999999']), 64, 'above the limit of 2000000 iterations');
  });

  test('--iter at the bound (2,000,000) with a wrong --iter for the file: over within the limit either way', async () => {
    const outcome = await launch([enc, '--key-file', key, '--iter', '2000000']);
    expect(outcome.elapsedMs).toBeLessThan(BOUND_MS);
    expect(outcome.stdout).toBe('');
    // PBKDF2 holds the main thread: it ends as AUTH (77, wrong -iter) when it
    // finishes in time, else TIMEOUT (75), else the watchdog kills it at 3 s.
    if (outcome.signal !== null) expect(outcome.signal).toBe('SIGKILL');
    else expect([75, 77]).toContain(outcome.code);
    expect(outcome.stderr).toMatch(/wrong key|did not finish within 2s|gave up after 2s/u);
  });

  test('a missing file → 66', async () => {
    expectRefused(await launch([path('nope.enc'), '--key-file', key]), 66, 'not found');
  });

  test('a key file readable by others (0644) → 78', async () => {
    const loose = writeSecret(path('loose.key'), `${CANARY_PASS}\n`, 0o644);
    expectRefused(await launch([enc, '--key-file', loose]), 78, 'too open');
  });

  test.skipIf(!IS_ROOT)('a key file owned by another user (root chowns it to 65534) → 78', async () => {
    const foreign = writeSecret(path('foreign.key'), `${CANARY_PASS}\n`);
    chownSync(foreign, 65534, 65534);
    expectRefused(await launch([enc, '--key-file', foreign]), 78, 'not by you');
  });

  test('the wrong key → 77', async () => {
    const wrong = writeSecret(path('wrong.key'), 'not-the-passphrase\n');
    expectRefused(await launch([enc, '--key-file', wrong]), 77, 'wrong key');
  });

  test('a truncated file → 65', async () => {
    const truncated = writeSecret(
      path('truncated.enc'),
      encryptOpenssl(Buffer.from(CREDENTIALS_INI), Buffer.from(CANARY_PASS), { iterations: 10000, digest: 'sha256' }).subarray(0, 40),
    );
    expectRefused(await launch([truncated, '--key-file', key]), 65, 'truncated');
  });

  test('an empty file → 65', async () => {
    const empty = path('empty.enc');
    writeFileSync(empty, '');
    expectRefused(await launch([empty, '--key-file', key]), 65, 'is empty');
  });

  test('a plaintext credentials file → 78, without echoing it', async () => {
    const plain = writeSecret(path('plain.ini'), CREDENTIALS_INI);
    chmodSync(plain, 0o600);
    expectRefused(await launch([plain, '--key-file', key]), 78, 'not encrypted');
  });
});
