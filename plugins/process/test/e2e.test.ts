/**
 * The process plugin through the built launcher, as the AWS CLI runs it: the
 * cache and single-flight lock around a real helper process, the time limit
 * killing the helper's whole process group, and what reaches stderr.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCredLaunch, type RunCredLaunchOptions } from '@cred-launch/testkit';
import { afterAll, describe, expect, test } from 'vitest';

const helper = new URL('./fixtures/helper.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'cred-launch-process-'));
const SECRET = 'processPluginSecret000000000000000000001';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: readonly string[], env: Record<string, string | undefined>, extra: RunCredLaunchOptions = {}) {
  return runCredLaunch(args, { from: import.meta.url, env: { HELPER_SECRET: SECRET, ...env }, ...extra });
}

/** Running, not merely a zombie left for an init that does not reap (as in some containers). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/u.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

describe('cred-launch process through the built bin', () => {
  test('16 parallel cold calls run the helper once and print the same document', async () => {
    const counter = join(dir, 'runs-16');
    const cacheDir = mkdtempSync(join(dir, 'cache-'));
    const env = { HELPER_COUNTER: counter, HELPER_SLEEP_MS: '400', CRED_LAUNCH_CACHE_DIR: cacheDir };
    const results = await Promise.all(Array.from({ length: 16 }, () => run(['process', '--', process.execPath, helper], env, { timeoutMs: 60_000 })));
    for (const result of results) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
    }
    expect(new Set(results.map((result) => result.stdout)).size).toBe(1);
    expect(JSON.parse(results[0]!.stdout)).toMatchObject({ Version: 1, AccessKeyId: 'ASIAHELPEREXAMPLE001', SecretAccessKey: SECRET });
    expect(readFileSync(counter, 'utf8').trim().split('\n')).toHaveLength(1);
  }, 90_000);

  test('a hanging helper and the process it started are killed at the time limit (exit 75)', async () => {
    const pids = join(dir, 'pids');
    const started = Date.now();
    const result = await run(['--timeout', '2s', 'process', '--', process.execPath, helper], { HELPER_MODE: 'hang', HELPER_PIDS: pids });
    const elapsed = Date.now() - started;
    expect(result.code).toBe(75);
    expect(result.stdout).toBe('');
    expect(elapsed).toBeLessThan(8_000);
    expect(result.stderr).toMatch(/killed/u);
    const [helperPid, grandchildPid] = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    // Give the kernel a moment to reap them.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(helperPid!)).toBe(false);
    expect(alive(grandchildPid!)).toBe(false);
  }, 30_000);

  test.each([
    ['garbage', 69, /did not print JSON/u],
    ['version-2', 69, /without "Version": 1/u],
    ['no-keys', 65, /no access key id/u],
    ['fail', 69, /exited with code 3: helper: could not reach the identity provider/u],
  ])('a helper in mode %s gives exit %i and a short reason', async (mode, code, message) => {
    const result = await run(['--no-cache', 'process', '--', process.execPath, helper], { HELPER_MODE: mode });
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(result.stderr).not.toMatch(/\n\s+at /u);
  });

  test('a secret the helper printed on stdout is redacted from its stderr', async () => {
    const result = await run(['--no-cache', 'process', '--', process.execPath, helper], { HELPER_MODE: 'leak-stderr' });
    expect(result.code).toBe(69);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('helper: debug: secret is [REDACTED]');
    expect(result.stderr).not.toContain(SECRET);
    const verbose = await run(['--verbose', '--no-cache', 'process', '--', process.execPath, helper], { HELPER_MODE: 'leak-stderr' });
    expect(verbose.code).toBe(69);
    expect(verbose.stderr).not.toContain(SECRET);
  });

  test('a helper that cannot be found is a configuration error (78)', async () => {
    const result = await run(['--no-cache', 'process', '--', join(dir, 'no-such-helper')], {});
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/not found/u);
  });

  test("the helper gets the caller's environment and working directory", async () => {
    const script = join(dir, 'env-helper.mjs');
    writeFileSync(script, `process.stdout.write(JSON.stringify({Version:1,AccessKeyId:process.env.KEY_FROM_ENV,SecretAccessKey:process.cwd()+'/secret-for-cwd-test'}));`);
    const result = await run(['--no-cache', 'process', '--', process.execPath, script], { KEY_FROM_ENV: 'AKIAFROMENVIRONMENT1' }, { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ AccessKeyId: 'AKIAFROMENVIRONMENT1', SecretAccessKey: `${dir}/secret-for-cwd-test` });
  });
});
