import { CredentialError } from '@cred-launch/core';
import { startWatchdog, type Watchdog } from './watchdog.js';

/** A time limit shared by everything one invocation does (lock wait and plugin). */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Milliseconds left, never negative. */
  remainingMs(): number;
  /** Rejects when the limit passes, even if the work ignores the signal. */
  race<T>(work: Promise<T>): Promise<T>;
  dispose(): void;
}

/** The longest delay setTimeout honours (2^31-1 ms). */
const MAX_TIMER_MS = 2_147_483_647;

function timeoutError(seconds: number): CredentialError {
  return new CredentialError('TIMEOUT', `gave up after ${seconds}s`, {
    hint: 'check the backend is reachable, or raise the limit with --timeout',
  });
}

/** How long after the deadline the watchdog ends a process whose main thread never yielded. @default 1000 */
export const WATCHDOG_GRACE_MS = 1000;

// On globalThis, not in a module variable: the bundles are self-contained, so
// main.js (whose process guard turns this on) and dist/commands/*.js (whose
// engine starts the deadlines) each hold their own copy of this module.
const HARD_DEADLINES = Symbol.for('cred-launch/hard-deadlines');
const hardDeadlines = (): boolean => (globalThis as Record<symbol, unknown>)[HARD_DEADLINES] === true;

/**
 * From now on every deadline also starts a watchdog (see
 * ./watchdog.ts) that kills the process {@link WATCHDOG_GRACE_MS} after the
 * limit if the main thread is still held. Only the real process turns this
 * on (the process guard does): a test calling main() in-process must not be
 * killed by it.
 */
export function enableHardDeadlines(): void {
  (globalThis as Record<symbol, unknown>)[HARD_DEADLINES] = true;
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
  // Not unref'd: a plugin whose promise never settles and holds no socket or
  // timer would otherwise let the event loop run dry, and Node exit with 13
  // (or 0 once proper-lockfile hooks exit) and nothing on stdout. Every path
  // disposes the deadline, and the bin exits explicitly when done.
  // setTimeout fires after 1 ms for a delay past 2^31-1 ms (~24.8 days), so a
  // longer limit is capped there: in practice, no limit.
  const timer = setTimeout(
    () => {
      const error = timeoutError(seconds);
      controller.abort(error);
      rejectTimeout?.(error);
    },
    Math.min(MAX_TIMER_MS, Math.max(0, endsAt - Date.now())),
  );
  // A limit past setTimeout's range is "no limit": no watchdog either.
  let watchdog: Watchdog | undefined;
  if (hardDeadlines() && seconds * 1000 <= MAX_TIMER_MS) {
    watchdog = startWatchdog(
      endsAt + WATCHDOG_GRACE_MS,
      `cred-launch: gave up after ${seconds}s: the plugin held the process and did not stop (a synchronous loop or a blocking call); ended it forcibly\n`,
    );
  }
  return {
    signal: controller.signal,
    remainingMs: () => Math.max(0, endsAt - Date.now()),
    race: <T>(work: Promise<T>) => Promise.race([work, expired]),
    dispose: () => {
      clearTimeout(timer);
      watchdog?.disarm();
    },
  };
}
