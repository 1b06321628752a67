/**
 * The time limit on the WHOLE PROCESS (the built bin) for 1password, on the
 * one input that can block without the network: a FIFO given as
 * --token-file. It used to be opened without O_NONBLOCK (open() waited in a
 * thread-pool thread until the launcher's exit fallback killed the process);
 * core's readRegularFile now refuses it from fstat at once. docs/reliability.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const bin = fileURLToPath(new URL('../../../packages/launcher/bin/cred-launch.js', import.meta.url));
const built =
  existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url))) && existsSync(fileURLToPath(new URL('../../../packages/launcher/dist/main.js', import.meta.url)));

describe.skipIf(!built || process.platform === 'win32')('1password: time limit through the built bin', () => {
  test('a FIFO as --token-file: refused at once with 78, never read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-fifo-'));
    const fifo = join(dir, 'token.fifo');
    execFileSync('mkfifo', [fifo]);
    const cacheDir = join(dir, 'cache');
    const started = Date.now();
    const child = spawn(process.execPath, [bin, '--timeout', '20', '1password', '--token-file', fifo, 'op://Private/AWS dev'], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, CRED_LAUNCH_CACHE_DIR: cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    clearTimeout(killer);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(code).toBe(78);
    expect(signal).toBeNull();
    expect(stdout).toBe('');
    expect(stderr).toContain(`1password: token file ${fifo} is not a regular file`);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.endsWith('.lock')) : []).toEqual([]);
  });
});
