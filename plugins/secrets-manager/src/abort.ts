import { CredentialError, abortable as abortableWith } from '@cred-launch/core';

/** The error thrown when the launcher's time limit fires mid-request. */
export function timeoutError(): CredentialError {
  return new CredentialError('TIMEOUT', 'secrets-manager: Secrets Manager did not answer in time', {
    hint: 'check network access to the Secrets Manager endpoint, or raise the limit with cred-launch --timeout',
  });
}

/**
 * Settles with `promise`, or rejects with TIMEOUT as soon as `signal` aborts.
 * The SDK is given the signal too, but credential providers and retry
 * back-off do not all honour it; the launcher's time limit must still win.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return abortableWith(promise, signal, timeoutError);
}
