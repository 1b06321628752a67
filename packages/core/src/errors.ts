/**
 * The one error class of cred-launch. Every failure a user can see carries a
 * stable string `code`; the launcher maps the code to a documented exit code.
 */

/** Stable error codes. Never renamed: plugins and scripts match on them. */
export type CredentialErrorCode = 'USAGE' | 'NOT_FOUND' | 'AUTH' | 'BACKEND' | 'TIMEOUT' | 'INVALID_SECRET' | 'CONFIG' | 'PLUGIN_NOT_FOUND' | 'PLUGIN_INVALID' | 'INTERNAL';

/**
 * Exit code per error code. sysexits(3) values where one fits, so shell
 * scripts and `aws` wrappers can tell "fix your command" from "try again".
 */
export const EXIT_CODES: Readonly<Record<CredentialErrorCode, number>> = Object.freeze({
  USAGE: 64,
  INVALID_SECRET: 65,
  NOT_FOUND: 66,
  BACKEND: 69,
  INTERNAL: 70,
  TIMEOUT: 75,
  AUTH: 77,
  CONFIG: 78,
  PLUGIN_NOT_FOUND: 79,
  PLUGIN_INVALID: 80,
});

/** Every code, for validation and documentation. */
// Pure, like the other tables here: a bundle that never reads them drops them.
export const CREDENTIAL_ERROR_CODES: readonly CredentialErrorCode[] = /* @__PURE__ */ Object.freeze(/* @__PURE__ */ Object.keys(EXIT_CODES) as CredentialErrorCode[]);

/** Options accepted by {@link CredentialError}. */
export interface CredentialErrorOptions {
  /** The underlying error. Never printed unless debug output is on, and then redacted. */
  cause?: unknown;
  /** One line telling the user what to do next. */
  hint?: string;
}

// A registered symbol rather than `instanceof`: two copies of core (a plugin
// bundling its own) must still recognise each other's errors.
const BRAND: unique symbol = Symbol.for('@cred-launch/core/CredentialError') as never;

/** An expected failure with a stable `code`. Messages must never contain secret values. */
export class CredentialError extends Error {
  readonly code: CredentialErrorCode;
  readonly hint: string | undefined;
  readonly [BRAND] = true as const;

  constructor(code: CredentialErrorCode, message: string, options: CredentialErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CredentialError';
    this.code = code;
    this.hint = options.hint;
  }
}

/**
 * True when `error` is a cred-launch error (from any copy of core), optionally
 * with the given code.
 */
export function isCredentialError(error: unknown, code?: CredentialErrorCode): error is CredentialError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Partial<CredentialError> & { [BRAND]?: unknown };
  if (candidate[BRAND] !== true) return false;
  // Own keys only: `in` would also accept inherited names such as 'toString'.
  if (typeof candidate.code !== 'string' || !Object.hasOwn(EXIT_CODES, candidate.code)) return false;
  return code === undefined || candidate.code === code;
}

/** The exit code for any thrown value: its code's, or INTERNAL's for anything unexpected. */
export function exitCodeFor(error: unknown): number {
  return isCredentialError(error) ? EXIT_CODES[error.code] : EXIT_CODES.INTERNAL;
}
