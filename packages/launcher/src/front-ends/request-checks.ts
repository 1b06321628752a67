import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Why a request to the credentials endpoint is refused, and with which status. */
export interface Refusal {
  status: 400 | 401 | 403 | 404 | 405;
  reason: string;
}

// Headers a forwarding proxy adds. A request that crossed a proxy did not come
// from a process on this machine talking to us directly.
const PROXY_HEADERS = ['via', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip'];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Compares in constant time, so the token cannot be guessed byte by byte from response times. */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The Host header names this endpoint on loopback. A browser page that
 * rebinds its own DNS name to 127.0.0.1 still sends its own name as Host,
 * so this refuses DNS rebinding; `port` is undefined on a unix socket, where
 * only a loopback name without a port is accepted.
 */
export function hostIsLoopback(host: string | undefined, port: number | undefined): boolean {
  if (host === undefined) return false;
  const lower = host.toLowerCase();
  if (port === undefined) return LOOPBACK_HOSTS.has(lower);
  for (const name of LOOPBACK_HOSTS) if (lower === `${name}:${port}`) return true;
  return false;
}

/**
 * Every check a request must pass before a credential is served: no proxy
 * in between, a loopback Host, GET, the token, a known path. The order
 * decides which reason an attacker learns first: nothing about paths before
 * the token.
 */
export function checkRequest(request: IncomingMessage, expectedToken: string, port: number | undefined): Refusal | undefined {
  const url = request.url ?? '';
  if (!url.startsWith('/')) return { status: 400, reason: 'absolute-form request target (sent through a proxy)' };
  if (PROXY_HEADERS.some((name) => request.headers[name] !== undefined)) return { status: 403, reason: 'request came through a proxy' };
  if (!hostIsLoopback(request.headers.host, port)) return { status: 403, reason: 'Host header is not this loopback endpoint' };
  if (request.method !== 'GET') return { status: 405, reason: `method ${request.method ?? '?'} not allowed` };
  const token = request.headers.authorization;
  if (token === undefined || token === '') return { status: 401, reason: 'no Authorization token' };
  if (!tokenMatches(token, expectedToken)) return { status: 403, reason: 'wrong Authorization token' };
  return undefined;
}
