import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURES, runLauncher, tempDir } from './helpers/spawn.js';

// A local backend that counts requests and answers slowly, so that all
// processes are in flight together.
let server: Server;
let requests = 0;
let url = '';
let failNext = false;

beforeAll(async () => {
  server = createServer((_request, response) => {
    requests += 1;
    if (failNext) {
      failNext = false;
      response.statusCode = 500;
      response.end('backend exploded');
      return;
    }
    const body = JSON.stringify({
      accessKeyId: `ASIA${String(requests).padStart(12, '0')}`,
      secretAccessKey: `backend-secret-${requests}`,
      sessionToken: `backend-token-${requests}`,
      expiration: new Date(Date.now() + 3600_000).toISOString(),
    });
    setTimeout(() => response.end(body), 300);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/creds`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const plugin = join(FIXTURES, 'http-backend.mjs');

describe('the cache in front of a backend', () => {
  test('16 processes started at once on a cold cache reach the backend exactly once', async () => {
    requests = 0;
    const cacheDir = join(tempDir(), 'cache');
    const results = await Promise.all(Array.from({ length: 16 }, () => runLauncher([plugin, url], { env: { CRED_LAUNCH_CACHE_DIR: cacheDir }, timeoutMs: 30_000 })));
    expect(requests).toBe(1);
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    }
    const outputs = new Set(results.map((result) => result.stdout));
    expect(outputs.size).toBe(1);
    const document = JSON.parse([...outputs][0]!) as Record<string, unknown>;
    expect(document).toMatchObject({ Version: 1, AccessKeyId: 'ASIA000000000001', SessionToken: 'backend-token-1' });
  }, 60_000);

  test('a hit is served without the backend; --no-cache and cache clear go back to it', async () => {
    requests = 0;
    const env = { CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache') };
    const first = await runLauncher([plugin, url], { env });
    const second = await runLauncher([plugin, url], { env });
    expect(requests).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    const bypass = await runLauncher(['--no-cache', plugin, url], { env });
    expect(requests).toBe(2);
    expect(JSON.parse(bypass.stdout).AccessKeyId).toBe('ASIA000000000002');
    const cleared = await runLauncher(['cache', 'clear'], { env });
    expect(cleared.stdout).toContain('removed 1 cached credential');
    await runLauncher([plugin, url], { env });
    expect(requests).toBe(3);
  });

  test('different arguments never share an entry', async () => {
    requests = 0;
    const env = { CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache') };
    const a = await runLauncher([plugin, `${url}?profile=a`], { env });
    const b = await runLauncher([plugin, `${url}?profile=b`], { env });
    expect(requests).toBe(2);
    expect(a.stdout).not.toBe(b.stdout);
  });

  test('errors are never cached: the next call goes back to the backend', async () => {
    requests = 0;
    failNext = true;
    const env = { CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache') };
    const failed = await runLauncher([plugin, url], { env });
    expect(failed.code).not.toBe(0);
    expect(failed.stdout).toBe('');
    const recovered = await runLauncher([plugin, url], { env });
    expect(recovered.code).toBe(0);
    expect(requests).toBe(2);
    expect(JSON.parse(recovered.stdout).AccessKeyId).toBe('ASIA000000000002');
  });

  test('a lock left by a killed process is taken over', async () => {
    requests = 0;
    const cacheDir = join(tempDir(), 'cache');
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    // A holder that takes the lock for the same key and is then killed with
    // SIGKILL, so it can neither release nor refresh the lock.
    const holderScript = join(tempDir(), 'holder.mjs');
    writeFileSync(
      holderScript,
      `import { lock } from ${JSON.stringify(import.meta.resolve('proper-lockfile'))};
       await lock(process.argv[2], { lockfilePath: process.argv[3], realpath: false, stale: 2000 });
       process.stdout.write('locked\\n');
       setInterval(() => {}, 1000);`,
    );
    // Find the key the launcher will use by running once with --verbose into a throwaway dir.
    const probe = await runLauncher(['--verbose', '--no-cache', plugin, url], { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } });
    const prefix = /cache key ([0-9a-f]{12})/u.exec(probe.stderr)?.[1];
    expect(prefix).toBeDefined();
    requests = 0;
    const { cacheKey } = await import('../src/cache/cache-key.js');
    const key = cacheKey({ plugin, args: [url], env: {}, launcher: { cacheTtlSeconds: undefined } });
    expect(key.startsWith(prefix!)).toBe(true);
    const holder = spawn(process.execPath, [holderScript, join(cacheDir, `${key}.json`), join(cacheDir, `${key}.lock`)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const started = Date.now();
    const result = await runLauncher([plugin, url], { env: { CRED_LAUNCH_CACHE_DIR: cacheDir, CRED_LAUNCH_LOCK_STALE_MS: '2000' }, timeoutMs: 20_000 });
    expect(result.code).toBe(0);
    expect(requests).toBe(1);
    // It had to wait for the lock to go stale (2 s), but not for the 30 s time limit.
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
