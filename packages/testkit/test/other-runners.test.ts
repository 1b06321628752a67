// The suite claims to work with any runner shaped like `test(name, fn, timeout)`.
// node:test is the one every Node has: run the built suite under it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('runs under node:test, all eleven checks passing (the echo plugin gives no exit-code scenarios, so those two are not registered)', () => {
  expect(existsSync(new URL('../dist/index.js', import.meta.url)), 'build the testkit first: pnpm --filter @cred-launch/testkit build').toBe(true);
  const fixture = fileURLToPath(new URL('./fixtures/node-test-runner.mjs', import.meta.url));
  const result = spawnSync(process.execPath, ['--test', '--test-reporter=tap', fixture], { encoding: 'utf8', timeout: 60_000 });
  expect(result.stdout).toMatch(/^# tests 11$/mu);
  expect(result.stdout).toMatch(/^# pass 11$/mu);
  expect(result.status).toBe(0);
});
