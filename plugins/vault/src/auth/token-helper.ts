import { CredentialError } from '@cred-launch/core';
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Session } from '../session.js';

/** Most a helper may print; a token is about a hundred bytes. */
const MAX_OUTPUT = 64 * 1024;

/**
 * Runs the token helper (imported only when ~/.vault names one, so runs
 * without a helper never load node:child_process) with `get`, as the vault CLI does
 * (command/token/helper_external.go): the configured path made absolute
 * against the working directory and checked to exist, run as
 * `$SHELL -c "<path> get"` (/bin/sh without SHELL) with the caller's
 * environment; stdout is the token. The child's stdin is empty and its
 * stdout/stderr are captured, never passed through: only the launcher writes
 * to the terminal. The time limit kills it.
 */
export async function runTokenHelper(session: Session, helper: string, file: string, signal: AbortSignal): Promise<string> {
  const path = isAbsolute(helper) ? helper : resolve(session.dirs.cwd, helper);
  try {
    await stat(path);
  } catch (error) {
    throw new CredentialError('CONFIG', `vault: the token helper ${path} named in ${file} does not exist`, {
      cause: error,
      hint: 'fix token_helper in that file (the vault CLI needs the same path)',
    });
  }
  const shell = session.env.SHELL?.trim() || '/bin/sh';
  const script = `${path.replace(/\\/gu, '\\\\')} get`;
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(shell, ['-c', script], { cwd: session.dirs.cwd, env: { ...session.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const collect =
      (into: Buffer[]) =>
      (chunk: Buffer): void => {
        size += chunk.length;
        if (size <= MAX_OUTPUT) into.push(chunk);
      };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const onAbort = (): void => {
      // SIGKILL, and stop waiting for the pipes: a grandchild holding them must not keep the run alive.
      child.kill('SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
      fail(
        new CredentialError('TIMEOUT', `vault: the token helper ${path} did not finish in time (time limit reached)`, {
          hint: 'check the helper (does it wait for input?), or raise --timeout',
        }),
      );
    };
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      fail(
        new CredentialError('CONFIG', `vault: cannot run the token helper ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
          cause: error,
          hint: `check SHELL and token_helper in ${file}`,
        }),
      );
    });
    child.once('close', (exitCode) => {
      signal.removeEventListener('abort', onAbort);
      done({ code: exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
  if (code !== 0) {
    const said = session.secrets.redact(stderr.trim().split('\n')[0] ?? '').slice(0, 200);
    throw new CredentialError('AUTH', `vault: the token helper ${path} failed (exit ${code ?? 'by signal'})${said ? `: ${said}` : ''}`, {
      hint: 'run `vault login` (it stores the token through the same helper), or set VAULT_TOKEN',
    });
  }
  return stdout.trim();
}
