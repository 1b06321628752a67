/**
 * Time limits and signals on the WHOLE PROCESS (the built bin) against the
 * local AWS test server: a Secrets Manager that never answers ends with
 * TIMEOUT (75) by --timeout plus a small bound, and SIGTERM mid-request ends
 * the call at once with 143, the cache lock released. docs/reliability.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveLauncherBin } from '@cred-launch/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CANARY, startBackend, type Backend } from './helpers.js';

const bin = resolveLauncherBin({ from: import.meta.url });
let backend: Backend;

beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());

function start(
  args: string[],
  cacheDir: string,
  extraEnv: Record<string, string> = {},
): { kill: (signal: NodeJS.Signals) => void; done: Promise<{ code: number | null; stdout: string; stderr: string; elapsedMs: number }> } {
  const started = Date.now();
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: backend.dir, CRED_LAUNCH_CACHE_DIR: cacheDir, AWS_EC2_METADATA_DISABLED: 'true' };
  for (const [name, value] of Object.entries(backend.env(extraEnv))) if (value !== undefined) env[name] = value;
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string; elapsedMs: number }>((resolve, reject) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
  return { kill: (signal) => child.kill(signal), done };
}

const locksIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.lock')) : []);

describe.skipIf(!existsSync(bin) || process.platform === 'win32')('secrets-manager: time limit and signals through the built bin', () => {
  test('a server that never answers: TIMEOUT (75) within --timeout 2 plus 3 s', async () => {
    backend.server.addFault({ hang: true });
    try {
      const result = await start(['--timeout', '2', 'secrets-manager', 'ci/pascal'], mkdtempSync(join(tmpdir(), 'sm-limit-'))).done;
      expect(result.elapsedMs).toBeLessThan(5_000);
      expect(result.code).toBe(75);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toContain(CANARY);
    } finally {
      backend.server.clearFaults();
    }
  });

  test('SIGTERM while the request hangs: 143 at once, one line, lock released', async () => {
    backend.server.addFault({ hang: true });
    const cacheDir = join(mkdtempSync(join(tmpdir(), 'sm-signal-')), 'cache');
    try {
      const run = start(['--timeout', '60', 'secrets-manager', 'ci/pascal'], cacheDir);
      const giveUpAt = Date.now() + 15_000;
      while (locksIn(cacheDir).length === 0 && Date.now() < giveUpAt) await sleep(50);
      expect(locksIn(cacheDir)).toHaveLength(1);
      const sentAt = Date.now();
      run.kill('SIGTERM');
      const result = await run.done;
      expect(Date.now() - sentAt).toBeLessThan(2_000);
      expect(result.code).toBe(143);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('cred-launch: stopped by SIGTERM; no credentials printed\n');
      expect(locksIn(cacheDir)).toEqual([]);
    } finally {
      backend.server.clearFaults();
    }
  });

  // Was: the TIMEOUT line at 2 s, then SIGKILL (the recursion guard's plain
  // readFile blocked in open()). aws-profiles now reads through core's readRegularFile.
  test('a FIFO as AWS_CONFIG_FILE: refused at once with 78, never read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sm-fifo-'));
    const fifo = join(dir, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    const cacheDir = join(dir, 'cache');
    const result = await start(['--timeout', '20', 'secrets-manager', 'ci/pascal'], cacheDir, { AWS_CONFIG_FILE: fifo }).done;
    expect(result.elapsedMs).toBeLessThan(5_000);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${fifo} is a FIFO (named pipe), not a regular file`);
    expect(locksIn(cacheDir)).toEqual([]);
  });
});
