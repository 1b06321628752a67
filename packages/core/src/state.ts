/**
 * A small store a plugin can use to keep a value between calls until a
 * deadline: e.g. a Vault login token reused within its lease, so that each
 * `aws` call does not log in again. Values are treated as secrets.
 */
export interface SourceStateStore {
  /** The value stored under `key`, or undefined when absent or past its expiry. */
  get(key: string): string | undefined;
  /** Stores `value` under `key` until `expiresAt`. */
  set(key: string, value: string, expiresAt: Date): void;
  /** Forgets `key` (e.g. a token the backend refused). */
  delete(key: string): void;
}

/**
 * A store that lives for one process. The launcher gives plugins a
 * persistent one (files in its private cache directory); this is the
 * default elsewhere (tests, `--no-cache`).
 */
export class MemoryStateStore implements SourceStateStore {
  readonly #values = new Map<string, { value: string; expiresAt: number }>();
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  get(key: string): string | undefined {
    const entry = this.#values.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now().getTime()) {
      this.#values.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: string, expiresAt: Date): void {
    this.#values.set(key, { value, expiresAt: expiresAt.getTime() });
  }

  delete(key: string): void {
    this.#values.delete(key);
  }
}
