import { spawn } from 'node:child_process';
import { CredentialError } from '@cred-launch/core';
import type { DialogDriver, TerminalPrompt } from './mfa-prompt-types.js';

// AppleScript string literal: backslash and double quote escaped.
function appleScriptString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** The argv that shows a one-line input dialog with `text` and prints the answer on stdout. */
export function dialogCommand(driver: DialogDriver, text: string): [string, string[]] {
  switch (driver) {
    case 'zenity':
      return ['zenity', ['--entry', '--title=cred-launch', `--text=${text}`]];
    case 'kdialog':
      return ['kdialog', ['--title', 'cred-launch', '--inputbox', text]];
    case 'osascript':
      return ['osascript', ['-e', `text returned of (display dialog ${appleScriptString(text)} default answer "" with title "cred-launch")`]];
  }
}

/**
 * An MFA prompt in a desktop dialog, for runs without a terminal (an IDE,
 * Terraform, a desktop launcher). Resolves undefined when the program is not
 * installed (the next driver is tried); a dialog the user cancels is an AUTH
 * error, not a reason to open another one. The time limit closes it.
 */
export function createDialogPrompt(driver: DialogDriver, env: Readonly<Record<string, string | undefined>>): TerminalPrompt {
  return ({ serial, signal }) =>
    new Promise((resolve, reject) => {
      const [command, args] = dialogCommand(driver, `MFA code for ${serial}`);
      const child = spawn(command, args, { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'ignore'], signal, killSignal: 'SIGKILL' });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (signal.aborted) reject(signal.reason);
        else if (error.code === 'ENOENT') resolve(undefined);
        else reject(new CredentialError('AUTH', `could not open the ${driver} MFA dialog`, { cause: error, hint: 'use --mfa-prompt tty from a terminal, or --mfa-command' }));
      });
      child.on('close', (code) => {
        if (signal.aborted) return reject(signal.reason);
        if (code === 0) return resolve(stdout.trim());
        reject(new CredentialError('AUTH', `the MFA dialog for ${serial} was cancelled`, { hint: 'run the command again and enter the code your MFA device shows' }));
      });
    });
}
