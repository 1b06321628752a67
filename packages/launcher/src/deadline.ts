import { CredentialError } from '@cred-launch/core';

/** A time limit shared by everything one invocation does (lock wait and plugin). */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Milliseconds left, never negative. */
  remainingMs(): number;
  /** Rejects when the limit passes, even if the work ignores the signal. */
  race<T>(work: Promise<T>): Promise<T>;
  dispose(): void;
}

function timeoutError(seconds: number): CredentialError {
  return new CredentialError('TIMEOUT', `gave up after ${seconds}s`, {
    hint: 'check the backend is reachable, or raise the limit with --timeout',
  });
}

/** Starts a deadline `seconds` from now. */
export function startDeadline(seconds: number): Deadline {
  const controller = new AbortController();
  const endsAt = Date.now() + seconds * 1000;
  let rejectTimeout: ((error: unknown) => void) | undefined;
  const expired = new Promise<never>((_, reject) => {
    rejectTimeout = reject;
  });
  expired.catch(() => undefined);
  const timer = setTimeout(() => {
    const error = timeoutError(seconds);
    controller.abort(error);
    rejectTimeout?.(error);
  }, Math.max(0, endsAt - Date.now()));
  // The timer alone must not keep a finished process alive.
  timer.unref();
  return {
    signal: controller.signal,
    remainingMs: () => Math.max(0, endsAt - Date.now()),
    race: <T>(work: Promise<T>) => Promise.race([work, expired]),
    dispose: () => clearTimeout(timer),
  };
}
