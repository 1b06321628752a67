/**
 * Time limits and signals on the WHOLE PROCESS (the built bin) against the
 * local Vault test server: a Vault that never answers ends with
 * TIMEOUT (75) by --timeout plus a small bound, and SIGTERM mid-request ends
 * the call at once with 143, the cache lock released. docs/reliability.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';

const bin = fileURLToPath(new URL('../../../packages/launcher/bin/cred-launch.js', import.meta.url));
const CANARY = 'canary-limits-secret-Zp4Qw1';
let server: VaultTestServer;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'vault-limits-home-'));
  server = await startVaultTestServer();
  server.state.putSecret('secret/aws/dev', { aws_access_key_id: 'AKIALIMITS0000000001', aws_secret_access_key: CANARY });
});
afterAll(() => server.close());

function start(
  args: string[],
  cacheDir: string,
  extraEnv: Record<string, string | undefined> = {},
): { kill: (signal: NodeJS.Signals) => void; done: Promise<{ code: number | null; stdout: string; stderr: string; elapsedMs: number }> } {
  const started = Date.now();
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    CRED_LAUNCH_CACHE_DIR: cacheDir,
    VAULT_ADDR: server.url,
    VAULT_TOKEN: 'root',
    ...extraEnv,
  };
  // An undefined in extraEnv removes the variable (e.g. VAULT_TOKEN, to reach ~/.vault-token).
  const env = Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== undefined));
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

describe.skipIf(!existsSync(bin) || process.platform === 'win32')('vault: time limit and signals through the built bin', () => {
  test('a server that never answers: TIMEOUT (75) within --timeout 2 plus 3 s', async () => {
    server.state.hang = true;
    try {
      const result = await start(['--timeout', '2', 'vault', 'secret/aws/dev'], mkdtempSync(join(tmpdir(), 'vault-limit-'))).done;
      expect(result.elapsedMs).toBeLessThan(5_000);
      expect(result.code).toBe(75);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toContain(CANARY);
    } finally {
      server.state.hang = false;
    }
  });

  test('SIGTERM while the request hangs: 143 at once, one line, lock released', async () => {
    server.state.hang = true;
    const cacheDir = join(mkdtempSync(join(tmpdir(), 'vault-signal-')), 'cache');
    try {
      const run = start(['--timeout', '60', 'vault', 'secret/aws/dev'], cacheDir);
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
      server.state.hang = false;
    }
  });

  // Was: the TIMEOUT line at 2 s, then SIGKILL (the plain readFile blocked in
  // open()). core's readRegularFile opens with O_NONBLOCK and refuses it from fstat.
  test('a FIFO as --token-file: refused at once with 78, never read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-fifo-'));
    const fifo = join(dir, 'token.fifo');
    execFileSync('mkfifo', [fifo]);
    const cacheDir = join(dir, 'cache');
    const result = await start(['--timeout', '20', 'vault', '--token-file', fifo, 'secret/aws/dev'], cacheDir).done;
    expect(result.elapsedMs).toBeLessThan(5_000);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`vault: the token file ${fifo} is a FIFO (named pipe), not a regular file`);
    expect(locksIn(cacheDir)).toEqual([]);
  });

  test('a FIFO as ~/.vault-token (no VAULT_TOKEN): refused at once with 78', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-fifo-home-'));
    const fifo = join(dir, '.vault-token');
    execFileSync('mkfifo', [fifo]);
    const result = await start(['--timeout', '20', 'vault', 'secret/aws/dev'], join(dir, 'cache'), { HOME: dir, VAULT_TOKEN: undefined }).done;
    expect(result.elapsedMs).toBeLessThan(5_000);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${fifo} is a FIFO (named pipe), not a regular file`);
  });

  test('a FIFO as VAULT_CACERT: refused at once with 78', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-fifo-ca-'));
    const fifo = join(dir, 'ca.pem');
    execFileSync('mkfifo', [fifo]);
    const result = await start(['--timeout', '20', 'vault', 'secret/aws/dev'], join(dir, 'cache'), { VAULT_ADDR: server.url.replace(/^http:/u, 'https:'), VAULT_CACERT: fifo })
      .done;
    expect(result.elapsedMs).toBeLessThan(5_000);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`vault: the CA certificate ${fifo} is a FIFO (named pipe), not a regular file`);
  });
});
