import { isCredentialError, type SecretRedactor } from '@cred-launch/core';

const MAX_LINE = 500;

/**
 * Text with terminal control characters (ESC, CR, C1…) replaced by `?`.
 * Messages carry backend text (Vault's error bodies, SDK messages), and the
 * AWS CLI replays a credential_process's stderr on the user's terminal: a
 * hostile or spoofed server must not be able to send escape sequences there.
 * Newlines and tabs stay.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, '?');
}

function clip(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
}

/** Stack frames shown for a plugin's unexpected error with --verbose. */
const MAX_STACK_FRAMES = 8;

/**
 * Lines about a cause. CredentialErrors (written not to hold secrets) and
 * Node system errors (syscall, address) show their message. Any other error
 * is a plugin's bug: with --verbose only its class shows, since its free text
 * may quote a secret nobody registered (a parser echoing its input) and a
 * --verbose left in a credential_process line reaches the SDK's logs. With
 * --debug, meant for a plugin's author at a terminal, its message and first
 * stack frames show too, redacted of every registered secret like
 * everything else (see docs/writing-a-plugin.md).
 */
function describeCause(cause: unknown, debug: boolean): string[] {
  if (!(cause instanceof Error)) return [typeof cause];
  const code = (cause as NodeJS.ErrnoException).code;
  const isSystemError = typeof (cause as NodeJS.ErrnoException).syscall === 'string';
  if (isCredentialError(cause) || isSystemError) return [`${cause.name}: ${cause.message.split('\n')[0] ?? ''}`];
  if (!debug) return [`${cause.name}${typeof code === 'string' ? ` (${code})` : ''} (message withheld: it may quote secret values; --debug shows it)`];
  const frames = (cause.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /u.test(line))
    .slice(0, MAX_STACK_FRAMES)
    .map((line) => `    ${line.trim()}`);
  return [`${cause.name}${typeof code === 'string' ? ` (${code})` : ''}: ${cause.message.split('\n')[0] ?? ''}`, ...frames];
}

/**
 * The text printed on stderr for a failure: one line, a hint line, and with
 * --verbose the cause chain (messages only; a plugin's own bug's message and
 * stack only with --debug), all redacted.
 */
export function describeFailure(error: unknown, redactor: SecretRedactor, verbose: boolean, debug = false): string {
  const lines: string[] = [];
  if (isCredentialError(error)) {
    lines.push(`cred-launch: ${error.message}`);
    if (error.hint) lines.push(`  hint: ${error.hint}`);
  } else {
    lines.push(`cred-launch: internal error (${error instanceof Error ? error.name : typeof error})`);
    lines.push('  hint: run with --verbose and report it');
  }
  if (verbose) {
    let cause: unknown = isCredentialError(error) ? error.cause : error;
    for (let depth = 0; cause !== undefined && depth < 5; depth += 1) {
      const [first = '', ...frames] = describeCause(cause, debug);
      lines.push(`  cause: ${first}`, ...frames);
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
  return `${lines.map((line) => printable(clip(redactor.redact(line)))).join('\n')}\n`;
}
