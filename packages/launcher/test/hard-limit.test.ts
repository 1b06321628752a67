/**
 * The hard time limit and the signals, on the WHOLE PROCESS (the built bin),
 * with the time each took asserted: no plugin keeps cred-launch alive past
 * --timeout plus the watchdog's second, and SIGTERM/SIGINT end a waiting call
 * at once with 143/130, one line, and the cache lock released.
 * Bounds are generous for a loaded 2-core machine. docs/reliability.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { FIXTURES, startLauncher, tempDir } from './helpers/spawn.js';

const fixture = (name: string): string => join(FIXTURES, name);
const POSIX = process.platform !== 'win32';

/** Lock directories proper-lockfile left in a cache directory. */
function locksIn(cacheDir: string): string[] {
  return existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.endsWith('.lock')) : [];
}

/** Waits until the launcher holds its cache lock: it is then inside the plugin call. */
async function lockTaken(cacheDir: string): Promise<void> {
  const giveUpAt = Date.now() + 15_000;
  while (locksIn(cacheDir).length === 0) {
    if (Date.now() > giveUpAt) throw new Error('the launcher never took its cache lock');
    await sleep(50);
  }
}

describe.skipIf(!POSIX)('hard time limit (whole process, --timeout 2)', () => {
  const BOUND_MS = 5_000; // 2 s limit + 1 s watchdog grace + 2 s of start-up on a loaded machine

  test.each([
    ['in getCredentials', []],
    ['at import', ['--at', 'import']],
  ])('a plugin in a synchronous endless loop %s is ended by the watchdog (SIGKILL) with one line', async (_where, extra) => {
    const cacheDir = join(tempDir(), 'cache');
    const run = startLauncher(['--timeout', '2', fixture('busy-loop.mjs'), ...extra], { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } });
    const result = await run.done;
    expect(result.elapsedMs).toBeLessThan(BOUND_MS);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(2_000);
    expect(result.signal).toBe('SIGKILL');
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('cred-launch: gave up after 2s: the plugin held the process and did not stop (a synchronous loop or a blocking call); ended it forcibly\n');
  });

  test('a plugin blocked in a thread-pool read (fs.readFile of a FIFO) does not hold the exit: TIMEOUT line, then ended without waiting for the thread', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const cacheDir = join(dir, 'cache');
    const result = await startLauncher(['--timeout', '2', fixture('blocking-read.mjs'), fifo], { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } }).done;
    expect(result.elapsedMs).toBeLessThan(BOUND_MS);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^cred-launch: gave up after 2s\n {2}hint: .*--timeout\n$/u);
    // process.exit() would join the blocked thread forever; the fallback kills instead, after the exit hooks.
    expect(result.signal).toBe('SIGKILL');
    expect(locksIn(cacheDir)).toEqual([]);
  });

  test('a promise that never settles ends with TIMEOUT (75) and releases the lock', async () => {
    const cacheDir = join(tempDir(), 'cache');
    const result = await startLauncher(['--timeout', '2', fixture('hang.mjs')], { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } }).done;
    expect(result.elapsedMs).toBeLessThan(BOUND_MS);
    expect(result.code).toBe(75);
    expect(result.stdout).toBe('');
    expect(locksIn(cacheDir)).toEqual([]);
  });
});

/** Processes still running a watchdog for launcher `pid` (Linux: read from /proc). */
function watchdogsFor(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.includes('cred-launch-watchdog') && argv.includes(String(pid))) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

describe.skipIf(process.platform !== 'linux')('the watchdog on a normal call', () => {
  test('is running during a miss and gone right after a successful exit, without holding its stderr open', async () => {
    const cacheDir = join(tempDir(), 'cache');
    const run = startLauncher(['--timeout', '30', fixture('hang.mjs')], { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } });
    await lockTaken(cacheDir);
    expect(watchdogsFor(run.pid as number).length).toBeGreaterThan(0);
    run.kill('SIGTERM');
    expect((await run.done).code).toBe(143);
    await sleep(300);
    expect(watchdogsFor(run.pid as number)).toEqual([]);

    const ok = startLauncher(['--timeout', '2', fixture('good.mjs'), 'AKIAWATCHDOGCONTROL1', '--expires-in', '3600']);
    const result = await ok.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    await sleep(300);
    expect(watchdogsFor(ok.pid as number)).toEqual([]);
  });
});

describe.skipIf(!POSIX)('SIGTERM and SIGINT mid-call (whole process)', () => {
  test.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s while a plugin waits forever: exit %i at once, one line, lock released for the next call', async (signal, code) => {
    const cacheDir = join(tempDir(), 'cache');
    const env = { CRED_LAUNCH_CACHE_DIR: cacheDir };
    const run = startLauncher(['--timeout', '60', fixture('hang.mjs')], { env });
    await lockTaken(cacheDir);
    const sentAt = Date.now();
    run.kill(signal);
    const result = await run.done;
    expect(Date.now() - sentAt).toBeLessThan(2_000);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`cred-launch: stopped by ${signal}; no credentials printed\n`);
    expect(locksIn(cacheDir)).toEqual([]);
    // The next call takes the lock itself: its own time limit, not a wait for a holder.
    const next = await startLauncher(['--timeout', '1', fixture('hang.mjs')], { env }).done;
    expect(next.code).toBe(75);
    expect(next.stderr).toContain('gave up after 1s');
    expect(next.stderr).not.toContain('another cred-launch');
  });

  test('SIGTERM while a plugin spins synchronously is acted on by the watchdog: the process still ends by the limit plus its grace', async () => {
    const cacheDir = join(tempDir(), 'cache');
    const run = startLauncher(['--timeout', '2', fixture('busy-loop.mjs')], { env: { CRED_LAUNCH_CACHE_DIR: cacheDir } });
    await lockTaken(cacheDir);
    run.kill('SIGTERM');
    const result = await run.done;
    expect(result.elapsedMs).toBeLessThan(5_000);
    expect(result.signal).toBe('SIGKILL');
    expect(result.stdout).toBe('');
  });
});
