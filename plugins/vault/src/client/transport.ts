import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ProxySettings } from '../options.js';
import type { TlsMaterial } from './tls.js';

/** Largest answer read from Vault. Real answers are a few kilobytes. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** One HTTP exchange's result. */
export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Raised when the signal aborted the exchange. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/** Where and how to connect, besides TLS. */
export interface TransportOptions {
  /** A `unix://` address's socket: requests to `http://localhost` dial it (as api/client.go `ParseAddress`). */
  socketPath?: string;
  /** Proxy variables; proxy code is imported only when this is set. */
  proxy?: ProxySettings;
}

/** The synthetic origin of a unix-socket address. */
const SOCKET_ORIGIN = 'http://localhost';

/**
 * Sends requests over node:http/node:https with one keep-alive agent per
 * protocol (a run makes two or three requests to the same host), and closes
 * them when the run ends so no socket outlives it. A unix socket and proxies
 * are handled here, below the Vault semantics.
 */
export class Transport {
  readonly #tls: TlsMaterial;
  readonly #options: TransportOptions;
  #http: HttpAgent | undefined;
  #https: HttpsAgent | undefined;

  constructor(tls: TlsMaterial, options: TransportOptions = {}) {
    this.#tls = tls;
    this.#options = options;
  }

  /** Sends one request; rejects with the socket/TLS error, or {@link AbortedError} when `signal` fires. */
  async send(url: URL, method: string, headers: OutgoingHttpHeaders, body: string | undefined, signal: AbortSignal): Promise<HttpResult> {
    if (signal.aborted) throw new AbortedError();
    const secure = url.protocol === 'https:';
    const socketPath = this.#options.socketPath !== undefined && url.origin === SOCKET_ORIGIN ? this.#options.socketPath : undefined;
    if (socketPath === undefined && this.#options.proxy !== undefined) {
      const proxy = await import('./proxy.js');
      const route = proxy.proxyFor(url, this.#options.proxy);
      if (route !== undefined) {
        if (!secure) {
          const target = proxy.viaHttpProxy(route, url, headers as Record<string, string>);
          return exchange(
            () => httpRequest({ ...target, method, agent: false }),
            body,
            signal,
            (error) => proxy.proxyFailure(route, error),
          );
        }
        const tunnel = await proxy.connectTunnel(route, url, signal);
        const tls = { ...this.#tls, host: url.hostname, ...(this.#tls.servername === undefined && isIP(url.hostname) === 0 ? { servername: url.hostname } : {}) };
        // No `agent` at all: node:http uses createConnection only then (agent: false would make a fresh Agent and dial Vault directly).
        return exchange(() => httpsRequest(url, { method, headers, createConnection: () => tlsConnect({ ...tls, socket: tunnel }) }), body, signal);
      }
    }
    const options: RequestOptions = secure
      ? { method, headers, agent: (this.#https ??= new HttpsAgent({ keepAlive: true, ...this.#tls })), ...this.#tls }
      : { method, headers, agent: (this.#http ??= new HttpAgent({ keepAlive: true })), ...(socketPath !== undefined ? { socketPath } : {}) };
    return exchange(() => (secure ? httpsRequest : httpRequest)(url, options), body, signal);
  }

  /** Closes every pooled socket. */
  close(): void {
    this.#http?.destroy();
    this.#https?.destroy();
  }
}

/** Runs one request to its end: the whole body read (bounded), or the first error, or the abort. */
function exchange(start: () => ClientRequest, body: string | undefined, signal: AbortSignal, mapError?: (error: Error) => Error): Promise<HttpResult> {
  return new Promise<HttpResult>((resolve, reject) => {
    const request = start();
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          request.destroy(new Error(`response larger than ${MAX_RESPONSE_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        signal.removeEventListener('abort', onAbort);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', fail);
    });
    function fail(error: Error): void {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) reject(new AbortedError());
      else reject(mapError ? mapError(error) : error);
    }
    // Destroying the request ends the socket at once: a hanging Vault cannot outlive the time limit.
    function onAbort(): void {
      request.destroy(new AbortedError());
    }
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('error', fail);
    request.end(body);
  });
}
