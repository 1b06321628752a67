import type { AwsCredentials } from '@cred-launch/core';

/** Options for {@link refreshAhead}. */
export interface RefreshAheadOptions {
  /** Credentials count as fresh until this long before they expire (the launcher's --refresh-window). */
  refreshWindowMs: number;
  /** Fetch again at that moment, without waiting for a request. @default false */
  background?: boolean;
  /** Told about a background refresh that failed (the next request tries again). */
  onBackgroundError?: (error: unknown) => void;
  now?: () => number;
}

/** A supplier that keeps its last answer in memory, and its stop function. */
export interface RefreshingSupplier {
  get(): Promise<AwsCredentials>;
  stop(): void;
}

/**
 * Keeps temporary credentials in memory while they are fresh, so a
 * long-running endpoint answers from memory and asks the engine (cache, lock,
 * STS) only when they come near their expiry; concurrent requests share one
 * fetch. Long-term keys (no Expiration) are asked for every time: the SDKs
 * come back for them only once an hour.
 */
export function refreshAhead(fetch: () => Promise<AwsCredentials>, options: RefreshAheadOptions): RefreshingSupplier {
  const now = options.now ?? Date.now;
  let kept: AwsCredentials | undefined;
  let inFlight: Promise<AwsCredentials> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const freshUntil = (credentials: AwsCredentials): number => (credentials.expiration?.getTime() ?? 0) - options.refreshWindowMs;
  const schedule = (credentials: AwsCredentials): void => {
    if (!options.background || credentials.expiration === undefined) return;
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        kept = undefined;
        get().catch((error: unknown) => options.onBackgroundError?.(error));
      },
      Math.max(0, freshUntil(credentials) - now()),
    );
    // The endpoint keeps the process alive, not this timer.
    timer.unref();
  };
  const get = (): Promise<AwsCredentials> => {
    if (kept && freshUntil(kept) > now()) return Promise.resolve(kept);
    inFlight ??= fetch()
      .then((credentials) => {
        kept = credentials.expiration === undefined ? undefined : credentials;
        schedule(credentials);
        return credentials;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  return { get, stop: () => clearTimeout(timer) };
}
