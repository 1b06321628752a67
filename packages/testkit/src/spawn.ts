import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveLauncherBin, type LauncherBinOptions } from './launcher-bin.js';

/** Options for {@link runCredLaunch}. */
export interface RunCredLaunchOptions extends LauncherBinOptions {
  /**
   * Variables added to (or, with `undefined`, removed from) the inherited
   * environment. `CRED_LAUNCH_CACHE_DIR` defaults to a fresh temporary
   * directory so runs never share the user's cache; set it to share a cache
   * between runs.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** Start from an empty environment instead of process.env (PATH is kept). @default false */
  cleanEnv?: boolean;
  /** Working directory of the child. @default process.cwd() */
  cwd?: string;
  /** Text written to the child's stdin (then closed). @default nothing */
  input?: string;
  /** The child is killed (SIGKILL) after this many ms. @default 20000 */
  timeoutMs?: number;
}

/** What the child did. */
export interface RunCredLaunchResult {
  /** Exit code; null when killed by a signal (including the timeout). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the run was killed for exceeding timeoutMs. */
  timedOut: boolean;
  /** The cache directory the run used. */
  cacheDir: string;
  /** The full command, for failure messages. */
  command: string[];
}

/** The argv to run the launcher: `[process.execPath, <bin>, ...args]`. */
export function credLaunchCommand(args: readonly string[], options: LauncherBinOptions = {}): string[] {
  return [process.execPath, resolveLauncherBin(options), ...args];
}

/**
 * Runs `cred-launch <args…>` as the AWS CLI would (a separate process, no
 * shell) and collects its exit code, stdout and stderr. Never rejects for a
 * non-zero exit: assert on `code`.
 *
 * @example
 * const result = await runCredLaunch([pluginDir, 'dev'], { env: { MY_TOKEN: 't' } });
 * expect(result.code).toBe(0);
 * expect(JSON.parse(result.stdout).Version).toBe(1);
 */
export function runCredLaunch(args: readonly string[], options: RunCredLaunchOptions = {}): Promise<RunCredLaunchResult> {
  const command = credLaunchCommand(args, options);
  const base: Record<string, string | undefined> = options.cleanEnv ? { PATH: process.env.PATH } : { ...process.env };
  const env: Record<string, string | undefined> = { ...base };
  const given = options.env ?? {};
  if (!('CRED_LAUNCH_CACHE_DIR' in given)) env.CRED_LAUNCH_CACHE_DIR = mkdtempSync(join(tmpdir(), 'cred-launch-testkit-cache-'));
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const cacheDir = env.CRED_LAUNCH_CACHE_DIR ?? '';
  const timeoutMs = options.timeoutMs ?? 20_000;

  return new Promise((resolvePromise, reject) => {
    const child = spawn(command[0] as string, command.slice(1), {
      cwd: options.cwd ?? process.cwd(),
      env: env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut,
        cacheDir,
        command,
      });
    });
    // A child that exits before reading stdin must not crash the test with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
