import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, FIXTURES, runLauncher, tempDir } from './helpers/spawn.js';

// A fresh entry is served by dist/fast-path.js alone; everything else must
// reach the full launcher with nothing printed by the fast path.
const good = join(FIXTURES, 'good.mjs');

describe('the cache-hit fast path', () => {
  test('serves exactly what the full launcher serves for the same entry', async () => {
    const env = { CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache') };
    const miss = await runLauncher([good, 'ASIAFAST', '--expires-in', '3600'], { env });
    const fast = await runLauncher([good, 'ASIAFAST', '--expires-in', '3600'], { env });
    // --verbose skips the fast path: the full launcher's own hit.
    const full = await runLauncher(['--verbose', good, 'ASIAFAST', '--expires-in', '3600'], { env });
    expect(full.stderr).toContain('cache hit');
    expect(fast.code).toBe(0);
    expect(fast.stderr).toBe('');
    expect(fast.stdout).toBe(miss.stdout);
    expect(full.stdout).toBe(miss.stdout);
  });

  test('falls through quietly on a miss, an error or a built-in command', async () => {
    const env = { CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache') };
    const usage = await runLauncher([good], { env });
    expect(usage.code).toBe(64);
    expect(usage.stderr.match(/cred-launch:/gu)).toHaveLength(1);
    const bad = await runLauncher(['--bogus', good], { env });
    expect(bad.code).toBe(64);
    expect(bad.stderr.match(/cred-launch: unknown launcher option/gu)).toHaveLength(1);
    const help = await runLauncher([good, '--help'], { env });
    expect(help.stdout).toContain('cred-launch good.mjs');
  });

  test('a corrupt entry is not served by the fast path either', async () => {
    const cache = join(tempDir(), 'cache');
    const env = { CRED_LAUNCH_CACHE_DIR: cache };
    const probe = await runLauncher(['--verbose', good, 'ASIACORRUPT', '--expires-in', '3600'], { env });
    const { readdirSync } = await import('node:fs');
    const entry = readdirSync(cache).find((name) => name.endsWith('.json'));
    expect(entry).toBeDefined();
    writeFileSync(join(cache, entry!), '{"format":"cred-launch-cache/1","storedAt":1,"serveUntil":99999999999999,"credentials":{"AccessKeyId":"EVIL"}}');
    const again = await runLauncher([good, 'ASIACORRUPT', '--expires-in', '3600'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).AccessKeyId).toBe('ASIACORRUPT');
    expect(probe.code).toBe(0);
  });

  test('a consumer that closes stdout before a hit gets exit 70 and one line, no stack', async () => {
    const env = { PATH: process.env.PATH ?? '', CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache') };
    await runLauncher([good, 'ASIAPIPE', '--expires-in', '3600'], { env });
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, good, 'ASIAPIPE', '--expires-in', '3600'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(70);
    expect(result.stderr).toContain('cannot write to stdout (EPIPE)');
    expect(result.stderr).not.toMatch(/\n\s+at /u);
  });
});
