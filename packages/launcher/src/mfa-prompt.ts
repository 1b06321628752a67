import { closeSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { isatty, ReadStream, WriteStream } from 'node:tty';
import { CredentialError } from '@cred-launch/core';
import type { DialogDriver, MfaPromptMode, TerminalPrompt } from './mfa-prompt-types.js';

export type { MfaPromptMode, TerminalPrompt } from './mfa-prompt-types.js';

/** The controlling terminal on POSIX systems. */
export const CONTROLLING_TERMINAL = '/dev/tty';

/** Opens the terminal at `path`; undefined when there is none (or it is not a terminal). */
export function openTerminal(path: string, flags: 'r' | 'w'): number | undefined {
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch {
    return undefined; // ENXIO: no controlling terminal (CI, IDEs, cron); ENOENT: no /dev/tty
  }
  if (!isatty(fd)) {
    closeSync(fd);
    return undefined;
  }
  return fd;
}

/**
 * The controlling terminal as a read and a write stream, or undefined where
 * there is none (CI, IDEs, cron, Windows). Both the MFA prompt and the
 * plugin commands' terminal question ask through it.
 */
export function openTerminalStreams(ttyPath: string = CONTROLLING_TERMINAL): { input: ReadStream; output: WriteStream } | undefined {
  if (process.platform === 'win32') return undefined;
  const readFd = openTerminal(ttyPath, 'r');
  if (readFd === undefined) return undefined;
  const writeFd = openTerminal(ttyPath, 'w');
  if (writeFd === undefined) {
    closeSync(readFd);
    return undefined;
  }
  return { input: new ReadStream(readFd), output: new WriteStream(writeFd) };
}

/**
 * A prompt on the controlling terminal — never on stdin, which the AWS CLI
 * and SDKs connect to a pipe when they run a credential_process. The
 * terminal stays in its normal line mode, so the code echoes as typed (it is
 * good for 30 seconds only) and Ctrl-C interrupts as usual. The launcher's
 * AbortSignal ends the wait on the time limit.
 */
export function createTerminalPrompt(ttyPath: string = CONTROLLING_TERMINAL): TerminalPrompt {
  return async ({ serial, signal }) => {
    const streams = openTerminalStreams(ttyPath);
    if (streams === undefined) return undefined;
    const { input, output } = streams;
    const terminal = createInterface({ input, output, terminal: false });
    try {
      return await terminal.question(`cred-launch: MFA code for ${serial}: `, { signal });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw error;
    } finally {
      terminal.close();
      input.destroy();
      output.destroy();
    }
  };
}

/**
 * The prompt for `--mfa-prompt <mode>`: each driver in turn until one can
 * ask (a terminal exists, the dialog program is installed). `none` asks
 * nobody: it fails at once with how to warm the cache from a terminal, so an
 * IDE or Terraform never waits on a prompt no one can see.
 */
export function createMfaPrompt(mode: MfaPromptMode, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): TerminalPrompt {
  if (mode === 'none') {
    return ({ serial }) =>
      Promise.reject(
        new CredentialError('AUTH', `an MFA code is needed for ${serial}, and --mfa-prompt none forbids asking for one`, {
          hint: 'warm the cache from a terminal: run the same cred-launch command there once (the session is cached until it nears expiry), or pass --mfa-command',
        }),
      );
  }
  const drivers: TerminalPrompt[] = [];
  const dialog = async (driver: DialogDriver): Promise<TerminalPrompt> => (await import('./mfa-dialogs.js')).createDialogPrompt(driver, env);
  const lazyDialog =
    (driver: DialogDriver): TerminalPrompt =>
    async (request) =>
      (await dialog(driver))(request);
  if (mode === 'auto' || mode === 'tty') drivers.push(createTerminalPrompt());
  if (mode === 'auto' && (platform === 'darwin' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY))) {
    for (const driver of platform === 'darwin' ? (['osascript'] as const) : (['zenity', 'kdialog'] as const)) drivers.push(lazyDialog(driver));
  }
  if (mode === 'zenity' || mode === 'kdialog' || mode === 'osascript') drivers.push(lazyDialog(mode));
  return async (request) => {
    for (const driver of drivers) {
      const answer = await driver(request);
      if (answer !== undefined) return answer;
    }
    return undefined;
  };
}
