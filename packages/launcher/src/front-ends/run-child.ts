import { spawn } from 'node:child_process';
import { CredentialError } from '@cred-launch/core';
import { takeOverSignals } from '../signal-ownership.js';

/** How the child ended. */
export type ChildExit = { code: number } | { signal: NodeJS.Signals };

/** Signals passed on to the child while it runs. */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/**
 * Runs the command with the terminal's stdin, stdout and stderr (cred-launch
 * prints nothing of its own while it runs), passes the signals above on to
 * it, and reports how it ended. The launcher stays alive only as the child's
 * parent (and, with --server, its endpoint).
 */
export function runChild(command: string, args: readonly string[], env: Record<string, string>, cwd: string): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { env, cwd, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    const release = takeOverSignals();
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const stopForwarding = (): void => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      release();
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      stopForwarding();
      const why = error.code === 'ENOENT' ? 'not found' : error.code === 'EACCES' ? 'permission denied' : (error.code ?? 'could not start');
      reject(new CredentialError('USAGE', `exec: cannot run "${command}" (${why})`, { hint: 'check the command after --, or give its absolute path', cause: error }));
    });
    child.on('exit', (code, signal) => {
      stopForwarding();
      resolve(signal !== null ? { signal } : { code: code ?? 1 });
    });
  });
}
