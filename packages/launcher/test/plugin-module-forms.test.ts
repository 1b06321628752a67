/**
 * How a plugin's module is loaded, on the whole process: with require() where
 * Node loads ES modules that way (20.19+, 22.12+; see src/engine/load-plugin.ts),
 * else import(). Every form a plugin may take must still load, exactly once,
 * and the time limit still covers a module that never finishes loading.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { FIXTURES, runLauncher, startLauncher, tempDir } from './helpers/spawn.js';

test('an ES module with top-level await is loaded (by import(), require() refuses it) and evaluated once', async () => {
  const marker = join(tempDir(), 'marks');
  const result = await runLauncher(['--no-cache', join(FIXTURES, 'top-level-await.mjs')], { env: { FIXTURE_MARKER: marker } });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1, AccessKeyId: 'ASIATOPLEVELAWAIT' });
  expect(readFileSync(marker, 'utf8')).toBe('evaluated\n');
});

test('a top-level await that never settles ends with TIMEOUT (75) within the limit', async () => {
  const result = await startLauncher(['--timeout', '2', '--no-cache', join(FIXTURES, 'top-level-await.mjs')], { env: { FIXTURE_AWAIT: 'forever' } }).done;
  expect(result.code).toBe(75);
  expect(result.elapsedMs).toBeGreaterThanOrEqual(2_000);
  expect(result.elapsedMs).toBeLessThan(5_000); // 2 s limit + start-up on a loaded machine
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('gave up after 2s');
});

test('a CommonJS plugin (module.exports is the source) is loaded', async () => {
  const result = await runLauncher(['--no-cache', join(FIXTURES, 'commonjs.cjs')]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1, AccessKeyId: 'ASIACOMMONJS' });
});
