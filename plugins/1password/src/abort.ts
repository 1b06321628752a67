import { CredentialError, abortable as abortableWith } from '@cred-launch/core';

function timedOut(what: string): CredentialError {
  return new CredentialError('TIMEOUT', `1password: ${what} did not finish in time`, {
    hint: 'check 1Password.com is reachable (or approve the 1Password app prompt sooner), or raise the limit with --timeout',
  });
}

/** Throws TIMEOUT when the launcher's time limit has already run out. */
export function throwIfAborted(signal: AbortSignal, what: string): void {
  if (signal.aborted) throw timedOut(what);
}

/**
 * Settles with `promise`, or rejects with TIMEOUT as soon as `signal` aborts.
 * The SDK takes no AbortSignal (its requests run inside the WASM core), so
 * this is the only way to stop waiting; the launcher exits right after.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  return abortableWith(promise, signal, () => timedOut(what));
}
