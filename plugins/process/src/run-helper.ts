import { spawn } from 'node:child_process';
import { CredentialError, type SourceEnv } from '@cred-launch/core';

/** Options for {@link runHelper}. */
export interface RunHelperOptions {
  command: string;
  args: readonly string[];
  /** The helper's environment (`context.env`). */
  env: SourceEnv;
  cwd: string;
  /** Aborting kills the helper's whole process group. */
  signal: AbortSignal;
}

/** What the helper did. */
export interface HelperRun {
  /** Exit code, or null when it was ended by a signal. */
  code: number | null;
  exitSignal: NodeJS.Signals | null;
  stdout: string;
  /** The end of its stderr (at most {@link MAX_STDERR_BYTES}). */
  stderr: string;
}

// A credential_process document is a few kilobytes at most.
const MAX_STDOUT_BYTES = 1024 * 1024;
/** How much of the helper's stderr is kept (the end of it). */
export const MAX_STDERR_BYTES = 64 * 1024;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    // The negative pid names the process group the helper leads (detached:
    // true made it a new session), so what it started dies with it.
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

function timeoutError(command: string): CredentialError {
  return new CredentialError('TIMEOUT', `process: ${command} did not finish in time; it and the processes it started were killed`, {
    hint: 'run the helper yourself to see where it waits (a prompt, the network), or raise --timeout',
  });
}

/**
 * Runs the helper without a shell, stdin closed, in its own process group,
 * and collects its output. When `signal` aborts, the whole group is killed at
 * once and the promise rejects with TIMEOUT, so no helper or grandchild
 * outlives the launcher's time limit.
 */
export function runHelper(options: RunHelperOptions): Promise<HelperRun> {
  const { command, args, env, cwd, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(timeoutError(command));
      return;
    }
    const child = spawn(command, [...args], { env: env as NodeJS.ProcessEnv, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const onAbort = (): void => {
      killGroup(child.pid);
      reject(timeoutError(command));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const stdout: Buffer[] = [];
    let stdoutSize = 0;
    let stderr = Buffer.alloc(0);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutSize += chunk.length;
      if (stdoutSize > MAX_STDOUT_BYTES) {
        killGroup(child.pid);
        signal.removeEventListener('abort', onAbort);
        reject(new CredentialError('BACKEND', `process: ${command} printed more than 1 MiB on stdout`, { hint: 'it is not a credential_process helper, or it misbehaves' }));
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      const joined = Buffer.concat([stderr, chunk]);
      stderr = joined.length > MAX_STDERR_BYTES ? joined.subarray(joined.length - MAX_STDERR_BYTES) : joined;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      if (error.code === 'ENOENT') {
        reject(new CredentialError('CONFIG', `process: cannot run "${command}" (not found)`, { hint: 'give the helper as an absolute path, or check PATH', cause: error }));
      } else if (error.code === 'EACCES') {
        reject(new CredentialError('CONFIG', `process: cannot run "${command}" (permission denied)`, { hint: 'check the path names an executable file', cause: error }));
      } else {
        reject(new CredentialError('BACKEND', `process: could not start "${command}"`, { hint: 'check the command and PATH', cause: error }));
      }
    });
    child.on('close', (code, exitSignal) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return; // already rejected by onAbort
      resolve({ code, exitSignal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: stderr.toString('utf8') });
    });
  });
}
