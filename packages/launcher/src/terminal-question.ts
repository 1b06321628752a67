import { createInterface } from 'node:readline/promises';
import type { ReadStream, WriteStream } from 'node:tty';
import { CredentialError, type TerminalPrompt, type TerminalQuestion } from '@cred-launch/core';
import { CONTROLLING_TERMINAL, openTerminalStreams } from './mfa-prompt.js';

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\x7f', '\b']);
const INTERRUPT = '\x03';
const END_OF_FILE = '\x04';

function cancelled(): CredentialError {
  return new CredentialError('USAGE', 'cancelled at the terminal prompt', { hint: 'nothing was stored' });
}

/**
 * Reads one line with the terminal in raw mode, so nothing typed is echoed.
 * Raw mode also turns off the terminal's own Ctrl-C handling, so Ctrl-C is
 * handled here (cancel) and the mode is always restored in `finally` —
 * including on the launcher's time limit.
 */
function readHidden(input: ReadStream, output: WriteStream, { question, signal }: TerminalQuestion): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let typed = '';
    const finish = (error: unknown, answer?: string): void => {
      input.off('data', onData);
      signal.removeEventListener('abort', onAbort);
      output.write('\n');
      if (error === undefined) resolve(answer ?? '');
      else reject(error);
    };
    const onAbort = (): void => finish(signal.reason);
    const onData = (chunk: Buffer): void => {
      for (const character of chunk.toString('utf8')) {
        if (ENTER.has(character) || character === END_OF_FILE) return finish(undefined, typed);
        if (character === INTERRUPT) return finish(cancelled());
        if (ERASE.has(character)) typed = typed.slice(0, -1);
        else typed += character;
      }
    };
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    input.setRawMode(true);
    output.write(question);
    input.on('data', onData);
  });
}

/**
 * The launcher's {@link TerminalPrompt}: the controlling terminal
 * (`/dev/tty`), never stdin — a script may pipe stdin, and the AWS CLI always
 * does. A secret is read with echo off; anything else through readline with
 * echo on. Resolves undefined where there is no terminal (and on Windows).
 */
export function createTerminalQuestion(ttyPath: string = CONTROLLING_TERMINAL): TerminalPrompt {
  return async (request) => {
    const streams = openTerminalStreams(ttyPath);
    if (streams === undefined) return undefined;
    const { input, output } = streams;
    try {
      if (request.secret === true) return await readHidden(input, output, request);
      const terminal = createInterface({ input, output, terminal: false });
      try {
        return await terminal.question(request.question, { signal: request.signal });
      } finally {
        terminal.close();
      }
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason;
      throw error;
    } finally {
      if (input.isRaw) input.setRawMode(false);
      input.destroy();
      output.destroy();
    }
  };
}
