/**
 * What the launcher hands a plugin COMMAND (SourceCommandContext): its
 * standard input (bounded by the time limit, so an open stdin never hangs)
 * and a terminal prompt; and an empty result prints nothing. Through the
 * built bin, as a person runs it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, FIXTURES, tempDir } from './helpers/spawn.js';
import { readProcessStdin, MAX_STDIN_BYTES } from '../src/read-stdin.js';
import { PassThrough } from 'node:stream';

function run(args: string[], input: string | undefined): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: tempDir(), CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
    // undefined: stdin stays open, as a forgotten pipe would.
    if (input !== undefined) child.stdin.end(input);
  });
}

const plugin = join(FIXTURES, 'commands.mjs');

describe("plugin commands get the launcher's stdin and prompt", () => {
  test('standard input reaches the command whole', async () => {
    const result = await run([plugin, 'stdin'], 'first line\nsecond line\n');
    expect(result).toMatchObject({ code: 0, stdout: '23 first line\n', stderr: '' });
  });

  test('a stdin nobody closes ends at the time limit with exit 75, not a hang', async () => {
    const result = await run(['--timeout', '1', plugin, 'stdin'], undefined);
    expect(result.code).toBe(75);
    expect(result.stdout).toBe('');
    // 1 s limit; generous margin for a loaded machine.
    expect(result.ms).toBeLessThan(10_000);
  });

  test('a terminal prompt is provided; an empty result prints nothing at all', async () => {
    expect(await run([plugin, 'has-prompt'], '')).toMatchObject({ code: 0, stdout: 'true\n' });
    expect(await run([plugin, 'empty'], '')).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

describe('readProcessStdin', () => {
  test('reads to the end; refuses more than MAX_STDIN_BYTES; rejects with the reason on abort', async () => {
    const stream = new PassThrough();
    const reading = readProcessStdin(new AbortController().signal, stream);
    stream.end('abc');
    await expect(reading).resolves.toBe('abc');
    const big = new PassThrough();
    const tooBig = readProcessStdin(new AbortController().signal, big);
    big.write(Buffer.alloc(MAX_STDIN_BYTES + 1));
    await expect(tooBig).rejects.toMatchObject({ code: 'USAGE' });
    const open = new PassThrough();
    const controller = new AbortController();
    const waiting = readProcessStdin(controller.signal, open);
    controller.abort(new Error('time limit'));
    await expect(waiting).rejects.toThrow('time limit');
  });
});
