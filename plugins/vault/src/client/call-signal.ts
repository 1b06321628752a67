/** The signal one API call runs under: the run's time limit, and VAULT_CLIENT_TIMEOUT when set. */
export interface CallSignal {
  readonly signal: AbortSignal;
  /** True when VAULT_CLIENT_TIMEOUT (not the run's limit) ended the call. */
  clientTimedOut(): boolean;
  /** Stops the timer; call when the call is over. */
  dispose(): void;
}

/**
 * Combines the run's signal with a per-call limit, as Vault's client applies
 * `VAULT_CLIENT_TIMEOUT` to each request function (api/client.go
 * `withConfiguredTimeout`), retries and redirect included. Whichever ends
 * first aborts the call, so the launcher's --timeout always stays the bound.
 */
export function callSignal(run: AbortSignal, timeoutMs: number | undefined): CallSignal {
  if (timeoutMs === undefined) return { signal: run, clientTimedOut: () => false, dispose: () => undefined };
  const controller = new AbortController();
  let timedOut = false;
  const onRunAbort = (): void => controller.abort(run.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  if (run.aborted) onRunAbort();
  else run.addEventListener('abort', onRunAbort, { once: true });
  return {
    signal: controller.signal,
    clientTimedOut: () => timedOut && !run.aborted,
    dispose: () => {
      clearTimeout(timer);
      run.removeEventListener('abort', onRunAbort);
    },
  };
}
