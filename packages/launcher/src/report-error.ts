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

/**
 * One line about a cause. Its free-text message may quote a secret nobody
 * registered (a parser echoing its input), so only CredentialErrors (written
 * not to hold secrets) and Node system errors (syscall, address) show their
 * message; anything else shows its class and code.
 */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return typeof cause;
  const code = (cause as NodeJS.ErrnoException).code;
  const isSystemError = typeof (cause as NodeJS.ErrnoException).syscall === 'string';
  if (isCredentialError(cause) || isSystemError) return `${cause.name}: ${cause.message.split('\n')[0] ?? ''}`;
  return `${cause.name}${typeof code === 'string' ? ` (${code})` : ''} (message withheld: it may quote secret values)`;
}

/**
 * The text printed on stderr for a failure: one line, a hint line, and with
 * --verbose the cause chain (messages only, never stacks), all redacted.
 */
export function describeFailure(error: unknown, redactor: SecretRedactor, verbose: boolean): string {
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
      lines.push(`  cause: ${describeCause(cause)}`);
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
  return `${lines.map((line) => printable(clip(redactor.redact(line)))).join('\n')}\n`;
}
