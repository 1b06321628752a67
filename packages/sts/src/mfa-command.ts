import { spawn } from 'node:child_process';
import { CredentialError } from '@cred-launch/core';

/** Enough for any code plus a chatty tool's banner; more is a mistake, not a code. */
const MAX_OUTPUT_BYTES = 64 * 1024;

/** What {@link runMfaCommand} needs. */
export interface MfaCommandOptions {
  command: string;
  env: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal;
  log: (message: string) => void;
}

function commandFailed(problem: string): CredentialError {
  return new CredentialError('AUTH', `--mfa-command ${problem}`, {
    hint: 'run the command yourself and check it prints only the current MFA code; --verbose shows its stderr',
  });
}

function cleanEnv(env: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) result[name] = value;
  return result;
}

/**
 * Runs the user's MFA command and resolves its trimmed stdout.
 *
 * It runs through the user's shell (`/bin/sh -c`, `cmd.exe` on Windows): the
 * command comes from the user's own AWS config line, so a shell adds no
 * attacker-controlled input, and it lets people write the pipes such tools
 * need (`ykman oath accounts code -s aws | tail -1`). stdin is closed (the
 * SDK that started us owns it); stdout is the code; stderr goes to the
 * debug log only, since it may say anything. The launcher's AbortSignal kills
 * it on the time limit.
 */
export function runMfaCommand(options: MfaCommandOptions): Promise<string> {
  const { command, env, signal, log } = options;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const child = spawn(command, { shell: true, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'], signal, windowsHide: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let tooLong = false;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        tooLong = true;
        child.kill();
      } else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.reduce((total, part) => total + part.length, 0) < MAX_OUTPUT_BYTES) stderr.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (signal.aborted) reject(signal.reason);
      else reject(commandFailed(`could not be started (${error.code ?? error.name})`));
    });
    child.on('close', (code, killedBy) => {
      const errText = Buffer.concat(stderr).toString('utf8').trim();
      if (errText) log(`--mfa-command stderr: ${errText.split('\n').slice(-5).join(' | ').slice(0, 500)}`);
      if (signal.aborted) return reject(signal.reason);
      if (tooLong) return reject(commandFailed(`printed more than ${MAX_OUTPUT_BYTES} bytes`));
      if (code !== 0) return reject(commandFailed(killedBy ? `was killed by ${killedBy}` : `exited with status ${code}`));
      resolve(Buffer.concat(stdout).toString('utf8').trim());
    });
  });
}
