/**
 * Remembers every secret value seen during a run and scrubs them from any text
 * before it reaches stderr. SDKs capture and log a credential_process's stderr,
 * so this is the last line of defence, not the first: messages are written
 * without secrets in the first place.
 */

/** What plugins see: they can register secrets, never read them back. */
export interface SecretSink {
  /** Register a value that must never be printed. Values shorter than 4 characters are ignored. */
  add(value: string | undefined | null): void;
}

/** Placeholder that replaces a secret in printed text. */
export const REDACTED = '[REDACTED]';

const MIN_SECRET_LENGTH = 4;

/** Collects secrets and redacts them (and their JSON- and URL-encoded forms) from text. */
export class SecretRedactor implements SecretSink {
  readonly #secrets = new Set<string>();

  add(value: string | undefined | null): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
    this.#secrets.add(value);
    // The same secret often travels encoded: inside a JSON body or a URL.
    this.#secrets.add(JSON.stringify(value).slice(1, -1));
    this.#secrets.add(encodeURIComponent(value));
    const trimmed = value.trim();
    if (trimmed.length >= MIN_SECRET_LENGTH) this.#secrets.add(trimmed);
  }

  /** `text` with every registered secret replaced by {@link REDACTED}. */
  redact(text: string): string {
    if (this.#secrets.size === 0) return text;
    // Longest first, so a secret that contains another is replaced whole.
    const secrets = [...this.#secrets].sort((a, b) => b.length - a.length);
    let result = text;
    for (const secret of secrets) {
      if (secret.length < MIN_SECRET_LENGTH) continue;
      result = result.split(secret).join(REDACTED);
    }
    return result;
  }

  /** How many distinct forms are registered (for tests and debug output). */
  get size(): number {
    return this.#secrets.size;
  }
}

/**
 * An access key id shown the way `aws configure list` shows it: the last four
 * characters after a run of asterisks.
 */
export function maskAccessKeyId(accessKeyId: string): string {
  return `${'*'.repeat(16)}${accessKeyId.slice(-4)}`;
}
