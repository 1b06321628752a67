/**
 * The SDK's standard retry mode for one call, as @smithy/core 3.41.0 has it
 * (retry/util-retry/StandardRetryStrategy.js, DefaultRetryBackoffStrategy.js,
 * retries-2026-config.js, service-error-classification): which errors are
 * retried, the back-off, and the retry-token capacity. Kept beside the direct
 * client so its behaviour is the SDK's; the error objects it reads are the
 * ones src/json-rpc-reply.ts and src/direct-client.ts build in the SDK's shape.
 */

/** An error as the SDK's classification reads it. */
export interface ClassifiedError {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
}

const THROTTLING_ERROR_CODES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const TRANSIENT_ERROR_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_ERROR_STATUS_CODES = new Set([500, 502, 503, 504]);
/** Node's codes the SDK's HTTP handler also renames `TimeoutError`. */
export const NODEJS_TIMEOUT_ERROR_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const NODEJS_NETWORK_ERROR_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

function isThrottling(error: ClassifiedError): boolean {
  return error.$metadata?.httpStatusCode === 429 || THROTTLING_ERROR_CODES.has(error.name ?? '') || error.$retryable?.throttling === true;
}

function isTransient(error: ClassifiedError | undefined, depth = 0): boolean {
  if (error === undefined || error === null || typeof error !== 'object' || error.name === 'AbortError') return false;
  return (
    error.$retryable !== undefined ||
    error.$metadata?.clockSkewCorrected === true ||
    (error.name === 'InvalidSignatureException' && (error.message ?? '').includes('Signature expired')) ||
    TRANSIENT_ERROR_CODES.has(error.name ?? '') ||
    NODEJS_TIMEOUT_ERROR_CODES.has(error.code ?? '') ||
    NODEJS_NETWORK_ERROR_CODES.has(error.code ?? '') ||
    TRANSIENT_ERROR_STATUS_CODES.has(error.$metadata?.httpStatusCode ?? 0) ||
    (error.code === 'ERR_HTTP2_STREAM_ERROR' && (error.message ?? '').includes('NGHTTP2_REFUSED_STREAM')) ||
    (error.cause !== undefined && depth <= 10 && isTransient(error.cause as ClassifiedError, depth + 1))
  );
}

/** The SDK's error types that decide retries (SERVER_ERROR and CLIENT_ERROR are not retried). */
export type RetryErrorType = 'THROTTLING' | 'TRANSIENT' | 'OTHER';

/** How the SDK classifies `error` for retrying. */
export function retryErrorType(error: ClassifiedError): RetryErrorType {
  if (isThrottling(error)) return 'THROTTLING';
  if (isTransient(error)) return 'TRANSIENT';
  return 'OTHER';
}

const INITIAL_RETRY_TOKENS = 500;
const MAXIMUM_RETRY_DELAY = 20_000;
/** Retries-2026 configuration: base delays and token costs. */
const BASE_DELAY = 50;
const THROTTLING_BASE_DELAY = 1_000;
const RETRY_COST = 14;
const THROTTLING_RETRY_COST = 5;

/** One call's retry state: the SDK's standard strategy with its own fresh token bucket. */
export class StandardRetries {
  private capacity = INITIAL_RETRY_TOKENS;
  private retries = 0;

  /** @param maxAttempts total attempts including the first, as the SDK counts. */
  constructor(private readonly maxAttempts: number) {}

  /** Retries made so far. */
  get retryCount(): number {
    return this.retries;
  }

  /**
   * The delay before the next attempt, or undefined when the SDK would give
   * up: not retryable, out of attempts, or out of retry capacity.
   * `retryAfter` is the server's Retry-After hint, if it sent one.
   */
  nextDelay(error: ClassifiedError, retryAfter?: Date): number | undefined {
    const type = retryErrorType(error);
    if (type === 'OTHER' || this.retries + 1 >= this.maxAttempts) return undefined;
    const cost = type === 'THROTTLING' ? THROTTLING_RETRY_COST : RETRY_COST;
    if (this.capacity < cost) return undefined;
    const base = type === 'THROTTLING' ? THROTTLING_BASE_DELAY : BASE_DELAY;
    const backoff = Math.floor(Math.random() * Math.min(base * 2 ** this.retries, MAXIMUM_RETRY_DELAY));
    const delay = retryAfter === undefined ? backoff : Math.max(backoff, Math.min(retryAfter.getTime() - Date.now(), backoff + 5_000));
    this.capacity -= cost;
    this.retries += 1;
    return delay;
  }
}

/** The SDK's reading of `retry-after` / `x-amz-retry-after` (parseRetryAfterHeader). */
export function parseRetryAfter(headers: Readonly<Record<string, string | string[] | undefined>>): Date | undefined {
  for (const [name, raw] of Object.entries(headers)) {
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (value === undefined) continue;
    if (name === 'retry-after') {
      let seconds = Number.NaN;
      if (value.endsWith('GMT')) seconds = (Date.parse(value) - Date.now()) / 1000;
      else if (/ GMT, ((\d+)|(\d+\.\d+))$/u.test(value)) seconds = Number(/ GMT, ([\d.]+)$/u.exec(value)?.[1]);
      else if (/^((\d+)|(\d+\.\d+))$/u.test(value)) seconds = Number(value);
      else if (Date.parse(value) >= Date.now()) seconds = (Date.parse(value) - Date.now()) / 1000;
      return Number.isNaN(seconds) ? undefined : new Date(Date.now() + seconds * 1000);
    }
    if (name === 'x-amz-retry-after') {
      const milliseconds = Number(value);
      return Number.isNaN(milliseconds) ? undefined : new Date(Date.now() + milliseconds);
    }
  }
  return undefined;
}
