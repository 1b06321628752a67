import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built launcher bin: tests run the real thing, as the SDKs do. */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'cred-launch.js');
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'plugins');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh private temp directory. */
export function tempDir(prefix = 'cred-launch-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the launcher with a clean environment plus `env`, bounded by `timeoutMs`. */
export function runLauncher(args: readonly string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? tempDir(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tempDir(), CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache'), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A launcher process started by {@link startLauncher}. */
export interface StartedLauncher {
  /** The launcher's process id. */
  pid: number | undefined;
  /** Sends a signal to the launcher. */
  kill(signal: NodeJS.Signals): void;
  /** Resolves when it has exited: exit code or signal, output, and ms since start. */
  done: Promise<RunResult & { signal: NodeJS.Signals | null; elapsedMs: number }>;
}

/** Starts the launcher like {@link runLauncher} but hands back control at once, for signals mid-run. */
export function startLauncher(args: readonly string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): StartedLauncher {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: tempDir(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tempDir(), CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache'), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<RunResult & { signal: NodeJS.Signals | null; elapsedMs: number }>((resolve, reject) => {
    // Far past any bound asserted: a hang fails the time assertion instead of the suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
  return { pid: child.pid, kill: (signal) => child.kill(signal), done };
}
