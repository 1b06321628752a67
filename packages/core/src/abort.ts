/**
 * Settles like `promise`, or rejects as soon as `signal` aborts — with what
 * `onAbort` returns (e.g. the plugin's own TIMEOUT error), else the signal's
 * reason. For work that cannot be cancelled (an `fs.open` on a FIFO, an SDK
 * without AbortSignal support, a credential provider's retry back-off): the
 * plugin stops waiting, so the launcher's time limit always wins. A rejection
 * of `promise` after we stopped waiting is swallowed, never unhandled.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal, onAbort?: () => unknown): Promise<T> {
  promise.catch(() => undefined);
  const reason = (): unknown => (onAbort ? onAbort() : signal.reason);
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(reason());
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
