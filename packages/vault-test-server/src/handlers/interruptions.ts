import { errorReply, type Reply, type RouteResult } from '../responses.js';
import type { InjectedFailure } from '../state.js';

/**
 * The answer for an injected failure:
 * - `{ status, errors, headers }`: that status with Vault's error body;
 * - `{ reset: true }`: the connection is dropped;
 * - `{ rateLimited }`: what Vault's rate limit quota answers (vault/http
 *   `rateLimitQuotaWrapping`): 429, `request path "<path>": rate limit quota
 *   exceeded`, and with `enable_rate_limit_response_headers` the
 *   `Retry-After` / `X-Ratelimit-*` headers;
 * - `{ redirect, to }`: that 3xx with `Location: <to>/v1/<path>?<query>`
 *   (a load balancer, a standby, or a server moved to https).
 */
export function interruption(failure: InjectedFailure, path: string, rawQuery: string): RouteResult {
  if ('reset' in failure) return { reset: true };
  if ('rateLimited' in failure) {
    const retryAfter = String(failure.retryAfterSeconds ?? 1);
    const reply: Reply = errorReply(429, `request path "${path}": rate limit quota exceeded`);
    reply.headers = { 'retry-after': retryAfter, 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': retryAfter };
    return reply;
  }
  if ('redirect' in failure) {
    return { status: failure.redirect, headers: { location: `${failure.to.replace(/\/+$/u, '')}/v1/${path}${rawQuery}` } };
  }
  const reply = errorReply(failure.status, ...(failure.errors ?? ['injected failure']));
  if (failure.headers) reply.headers = failure.headers;
  return reply;
}
