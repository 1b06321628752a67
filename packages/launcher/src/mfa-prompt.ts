import { closeSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { isatty, ReadStream, WriteStream } from 'node:tty';

/** The controlling terminal on POSIX systems. */
export const CONTROLLING_TERMINAL = '/dev/tty';

/** Asks for an MFA code; resolves undefined when there is no terminal. Same shape as @cred-launch/sts's MfaPrompt. */
export type TerminalPrompt = (request: { serial: string; signal: AbortSignal }) => Promise<string | undefined>;

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
 * A prompt on the controlling terminal — never on stdin, which the AWS CLI
 * and SDKs connect to a pipe when they run a credential_process. The
 * terminal stays in its normal line mode, so the code echoes as typed (it is
 * good for 30 seconds only) and Ctrl-C interrupts as usual. The launcher's
 * AbortSignal ends the wait on the time limit.
 */
export function createTerminalPrompt(ttyPath: string = CONTROLLING_TERMINAL): TerminalPrompt {
  return async ({ serial, signal }) => {
    if (process.platform === 'win32') return undefined;
    const readFd = openTerminal(ttyPath, 'r');
    if (readFd === undefined) return undefined;
    const writeFd = openTerminal(ttyPath, 'w');
    if (writeFd === undefined) {
      closeSync(readFd);
      return undefined;
    }
    const input = new ReadStream(readFd);
    const output = new WriteStream(writeFd);
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
