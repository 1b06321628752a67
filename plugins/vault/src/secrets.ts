import { SecretRedactor, type SecretSink } from '@cred-launch/core';

/**
 * Registers secrets with the launcher (context.secrets) and keeps its own
 * copy, so text that came from Vault (error messages may echo input) is
 * scrubbed before it is put into one of our messages.
 */
export class SecretKeeper implements SecretSink {
  readonly #sink: SecretSink;
  readonly #local = new SecretRedactor();

  constructor(sink: SecretSink) {
    this.#sink = sink;
  }

  add(value: string | undefined | null): void {
    this.#sink.add(value);
    this.#local.add(value);
  }

  /** Registers every string value of a secret's data (any of them may be sensitive). */
  addValues(record: Readonly<Record<string, unknown>>): void {
    for (const value of Object.values(record)) if (typeof value === 'string') this.add(value);
  }

  redact(text: string): string {
    return this.#local.redact(text);
  }
}
