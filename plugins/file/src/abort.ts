/**
 * Settles with `promise`, or rejects as soon as `signal` aborts. File reads
 * can block outside JavaScript (a FIFO with no writer, a hung network mount)
 * and `fs` cannot cancel an `open` in flight, so the plugin stops waiting
 * instead: the launcher's time limit must win over a stuck file system.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
