import { CredentialError, exitCodeFor, isCredentialError, type SecretRedactor } from '@cred-launch/core';
import { enableHardDeadlines } from './deadline.js';
import { exitPromptly } from './exit-promptly.js';
import { guardOutput } from './guarded-output.js';
import { describeFailure } from './report-error.js';
import { signalsOwnedByCommand } from './signal-ownership.js';

/** The launcher's own channels, once the process is guarded. */
export interface ProcessGuard {
  /** Writes to the real stdout; resolves once written, rejects (as a CredentialError) if it cannot be. */
  writeStdout(text: string): Promise<void>;
  /** Writes to the real stderr (the caller has redacted the text). */
  writeStderr(text: string): void;
  /** Turns the debug notes about dropped output and warnings on or off. */
  setVerbose(verbose: boolean): void;
}

/**
 * Plugins and the SDKs they load run inside our process, and some of them
 * print: `console.log` puts text in front of the credential JSON (the SDKs
 * then fail to parse it), `console.error`, Node's warnings (DeprecationWarning,
 * an SDK's process.emitWarning) and the default handlers for an uncaught
 * exception or unhandled rejection print messages and stacks verbatim, secrets
 * included. Nobody registered those secrets, so redaction cannot be trusted
 * with them: the guard drops that output (with --verbose, a debug note says so,
 * without the text) and turns a stray crash into one redacted line and a documented exit code (70).
 * It also turns SIGTERM/SIGINT into one line and exit 143/130, and arms the
 * watchdog behind every deadline (docs/reliability.md).
 * Only the launcher's own writes, through the returned functions, get out.
 */
export function guardProcess(redactor: SecretRedactor): ProcessGuard {
  const output = guardOutput();
  let verbose = false;
  const note = (text: string): void => {
    if (verbose) output.writeStderr(`cred-launch: debug: ${redactor.redact(text)}\n`);
  };
  output.onDropped((channel, length) => note(`dropped ${length} bytes a plugin or library wrote to ${channel} (plugins must not print)`));

  // Node prints warnings through its own 'warning' listener; with it removed,
  // only our note (name and code, never the message) is shown, with --verbose.
  process.removeAllListeners('warning');
  process.on('warning', (warning: Error & { code?: string }) => {
    note(`a plugin or library emitted ${warning.name}${typeof warning.code === 'string' ? ` (${warning.code})` : ''}`);
  });

  const crash = (what: string) => (error: unknown) => {
    const kind = error instanceof Error ? error.name : typeof error;
    const failure = new CredentialError('INTERNAL', `${what} (${kind}) in a plugin or a library it uses`, {
      cause: error,
      hint: 'run with --verbose for details, and report it to the plugin author',
    });
    const reported = isCredentialError(error) ? error : failure;
    if (stopping) return;
    stopping = true;
    output.writeStderr(describeFailure(reported, redactor, verbose));
    void exitPromptly(exitCodeFor(reported));
  };
  let stopping = false;
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled promise rejection'));

  // SIGTERM (timeout(1), a closing terminal session) and SIGINT (Ctrl-C) end
  // the call at once, at any stage, with the shell's codes for them. Through
  // process.exit, so the 'exit' hooks run: proper-lockfile removes its lock
  // there. (Its signal-exit handlers stand aside while ours are installed.)
  // A plugin that holds the main thread delays this until the watchdog fires.
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    process.on(signal, () => {
      // exec (passing it to its child) and serve (shutting down) handle it themselves.
      if (stopping || signalsOwnedByCommand()) return;
      stopping = true;
      output.writeStderr(`cred-launch: stopped by ${signal}; no credentials printed\n`);
      void exitPromptly(code);
    });
  }
  // Every deadline from here on is backed by a watchdog (./watchdog.ts).
  enableHardDeadlines();

  return {
    writeStdout: async (text) => {
      // Once a signal or a crash has been reported, nothing more is printed:
      // the exit may still be waiting a moment for the thread pool.
      if (stopping) return;
      const code = await output.writeStdout(text);
      if (code === undefined) return;
      throw new CredentialError('INTERNAL', `cannot write to stdout (${code})`, {
        hint: code === 'EPIPE' ? 'the program that started cred-launch stopped reading its output' : 'check where stdout is redirected',
      });
    },
    writeStderr: (text) => output.writeStderr(text),
    setVerbose: (value) => {
      verbose = value;
    },
  };
}
