import type { TerminalPrompt } from '@cred-launch/core';

/** Everything the launcher reads from and writes to its process, injectable for tests. */
export interface LauncherIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly homedir: string;
  /** The credential channel (or a command's output). Resolves once written. */
  writeStdout(text: string): Promise<void>;
  /** Diagnostics, already redacted by the caller. */
  writeStderr(text: string): void;
  /** The whole standard input, for plugin commands (`keychain add --from-stdin`). Absent in tests that need none. */
  readonly readStdin?: (signal: AbortSignal) => Promise<string>;
  /** Questions on the controlling terminal, for plugin commands. Absent in tests that need none. */
  readonly prompt?: TerminalPrompt;
}
