import { spawn } from 'node:child_process';
import type { SourceEnv } from '@cred-launch/core';
import { keychainError } from './errors.js';

/** How a keychain program is run. */
export interface RunProgramOptions {
  /** Written to the program's stdin, then closed: the only way a secret reaches a child. @default '' */
  input?: string;
  /** The environment the program gets (the launcher's snapshot: PATH, DBUS_SESSION_BUS_ADDRESS…). */
  env: SourceEnv;
  /** Kills the program and rejects with TIMEOUT when aborted. */
  signal: AbortSignal;
  /** Said when the program is not installed, e.g. `install libsecret-tools`. */
  missingHint: string;
}

/** What the program printed and how it ended. */
export interface ProgramResult {
  /** Exit status; null when killed by a signal. */
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a keychain program (secret-tool, security, powershell) with its
 * arguments — which never hold a secret — and `input` on stdin. Never
 * through a shell. Rejects CONFIG when the program is not installed, BACKEND
 * when it cannot start otherwise, TIMEOUT
 * when the signal aborts (the child is killed: a keychain waiting on an
 * unlock dialog nobody answers must not outlive the launcher's limit).
 */
export function runProgram(program: string, args: readonly string[], options: RunProgramOptions): Promise<ProgramResult> {
  const { signal } = options;
  return new Promise<ProgramResult>((resolve, reject) => {
    if (signal.aborted) return reject(timeoutError(program));
    const child = spawn(program, args, { env: { ...options.env }, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let settled = false;
    const settle = (error: unknown, result?: ProgramResult): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error === undefined && result !== undefined) resolve(result);
      else reject(error);
    };
    const onAbort = (): void => {
      child.kill('SIGKILL');
      settle(timeoutError(program));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT';
      settle(
        keychainError(
          missing ? 'CONFIG' : 'BACKEND',
          missing ? `${program} was not found on PATH` : `could not run ${program} (${error.code ?? 'error'})`,
          options.missingHint,
          error,
        ),
      );
    });
    child.on('close', (status) => {
      settle(undefined, { status, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
    // EPIPE when the program exits without reading its input: its exit status says what happened.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

function timeoutError(program: string): Error {
  return keychainError('TIMEOUT', `${program} did not answer in time`, 'an unlock dialog may be waiting; unlock the keychain, or raise the limit with --timeout');
}

/**
 * The first line of a program's stderr, shortened, for a message. Keychain
 * programs print their own errors there (`Cannot create an item in a locked
 * collection`), never the secret, which only ever travels on stdin/stdout.
 */
export function firstLine(text: string): string {
  const line =
    text
      .split(/\r?\n/u)
      .find((candidate) => candidate.trim() !== '')
      ?.trim() ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
