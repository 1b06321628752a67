import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** How one run of a credential_process went. stdout holds secrets: callers must not print it. */
export interface ProcessRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Set when the process could not be started at all (ENOENT, EACCES). */
  spawnError: string | undefined;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Options for {@link runCredentialProcess}. */
export interface RunProcessOptions {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Killed (SIGKILL) after this long. */
  timeoutMs: number;
  /** Output beyond this is dropped. @default 1 MiB */
  maxBytes?: number;
}

/**
 * Runs an already split credential_process the way botocore does: the
 * executable and its arguments directly, no shell, stdout and stderr captured.
 * stdin is closed, so a doctor run can never sit waiting for input.
 */
export function runCredentialProcess(argv: readonly string[], options: RunProcessOptions): Promise<ProcessRun> {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const [command, ...args] = argv;
  return new Promise((resolve) => {
    const started = performance.now();
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let spawnError: string | undefined;
    const child = spawn(command as string, args, {
      cwd: options.cwd,
      env: Object.fromEntries(Object.entries(options.env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length < maxBytes) stdout += chunk;
    });
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < maxBytes) stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error.code ?? error.name;
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, timedOut, spawnError, stdout, stderr, durationMs: Math.round(performance.now() - started) });
    });
  });
}
