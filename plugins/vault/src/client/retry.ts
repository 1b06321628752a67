import { AbortedError } from './http1.js';

/** Socket errors worth another attempt: the request most likely never reached Vault, or Vault restarted. */
const RETRYABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/** True for connection errors that a retry may cure (never TLS verification failures). */
export function isRetryableError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined) return RETRYABLE_CODES.has(code);
  return error instanceof Error && error.message === 'socket hang up';
}

/**
 * True for statuses Vault's own client retries (api/client.go
 * `DefaultRetryPolicy` over go-retryablehttp's `baseRetryPolicy`): 5xx
 * (leader election, overload), 412 (a performance standby not yet caught up)
 * and 429 (a rate limit quota). Not 501, and not a sealed Vault: unsealing is
 * a person's job and takes longer than any backoff here.
 */
export function isRetryableStatus(status: number, errors: readonly string[]): boolean {
  if (status === 412 || status === 429) return true;
  if (status < 500 || status === 501) return false;
  return !errors.some((error) => /\bsealed\b/iu.test(error));
}

/** Exponential backoff with jitter: ~250 ms, ~500 ms, ~1 s…, capped at 2 s. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2000, 250 * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The wait a 429 or 503 asks for in `Retry-After`, in ms: whole seconds or an
 * HTTP date, as go-retryablehttp's `parseRetryAfterHeader` reads it (a
 * negative number or garbage: undefined; a date in the past: 0). Vault's
 * client uses it through `RateLimitLinearJitterBackoff`.
 */
export function retryAfterMs(status: number, header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  if (status !== 429 && status !== 503) return undefined;
  const text = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!text) return undefined;
  if (/^\d+$/u.test(text)) return Number(text) * 1000;
  if (/^-\d+$/u.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Waits `ms`, or rejects with {@link AbortedError} as soon as the signal fires. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new AbortedError());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort(): void {
      clearTimeout(timer);
      reject(new AbortedError());
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
