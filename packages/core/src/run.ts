import type { SourceCredentials } from './credentials.js';
import { CredentialError, isCredentialError } from './errors.js';
import { SecretRedactor } from './redact.js';
import type { CredentialSource, DebugLogger, SourceEnv } from './source.js';
import { validateCredentials } from './validate.js';
import { MemoryStateStore, type SourceStateStore } from './state.js';

/** Options for {@link runCredentialSource}. */
export interface RunSourceOptions {
  env: SourceEnv;
  /** Aborted on the time limit. @default a signal that never aborts */
  signal?: AbortSignal;
  /** Debug sink; lines arrive already redacted. @default discard */
  log?: DebugLogger;
  /** Collects secrets for redaction; shared with the caller's error printing. @default a new one */
  redactor?: SecretRedactor;
  now?: () => Date;
  cwd: string;
  homedir: string;
  /** Where the plugin keeps values between calls. @default a MemoryStateStore */
  state?: SourceStateStore;
}

/**
 * Wraps anything a plugin throws that is not a CredentialError. The original
 * message may hold a secret the plugin never registered, so only the error's
 * class name is shown; the cause goes to debug output (redacted).
 */
export function toCredentialError(error: unknown, pluginName: string): CredentialError {
  if (isCredentialError(error)) return error;
  const kind = error instanceof Error ? error.name : typeof error;
  return new CredentialError('INTERNAL', `plugin "${pluginName}" failed unexpectedly (${kind})`, {
    cause: error,
    hint: 'run with --verbose for details, and report it to the plugin author',
  });
}

/**
 * Runs one plugin from raw argv to validated credentials: parse arguments
 * (USAGE errors come before any I/O), fetch, register the secrets, validate.
 * Never prints. The launcher and the testkit both call this.
 */
export async function runCredentialSource<Args>(source: CredentialSource<Args>, argv: readonly string[], options: RunSourceOptions): Promise<SourceCredentials> {
  const redactor = options.redactor ?? new SecretRedactor();
  const log: DebugLogger = (message) => options.log?.(redactor.redact(message));
  const now = options.now ?? (() => new Date());
  try {
    const args = source.parseArgs({ argv, env: options.env });
    const result = await source.getCredentials({
      args,
      env: options.env,
      signal: options.signal ?? new AbortController().signal,
      log,
      secrets: redactor,
      now,
      cwd: options.cwd,
      homedir: options.homedir,
      state: options.state ?? new MemoryStateStore(now),
    });
    if (typeof result === 'object' && result !== null) {
      const record = result as unknown as Record<string, unknown>;
      // Register before validating: a rejected result's values are still secret.
      for (const field of ['secretAccessKey', 'sessionToken', 'mfaTotpSeed']) {
        if (typeof record[field] === 'string') redactor.add(record[field]);
      }
    }
    return validateCredentials(result, { now, source: `plugin "${source.name}"` });
  } catch (error) {
    if (options.signal?.aborted && !isCredentialError(error, 'TIMEOUT')) {
      // The caller's own time-limit error (it says which limit) says more than a generic one;
      // a TIMEOUT the plugin wrote itself (with its hint) is passed through above.
      if (isCredentialError(options.signal.reason, 'TIMEOUT')) throw options.signal.reason;
      throw new CredentialError('TIMEOUT', `plugin "${source.name}" did not finish in time`, {
        cause: error,
        hint: 'check the backend is reachable, or raise the limit with --timeout',
      });
    }
    throw toCredentialError(error, source.name);
  }
}
