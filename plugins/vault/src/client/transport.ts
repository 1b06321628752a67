import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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

/**
 * Sends requests over node:http/node:https with one keep-alive agent per
 * protocol (a run makes two or three requests to the same host), and closes
 * them when the run ends so no socket outlives it.
 */
export class Transport {
  readonly #tls: TlsMaterial;
  #http: HttpAgent | undefined;
  #https: HttpsAgent | undefined;

  constructor(tls: TlsMaterial) {
    this.#tls = tls;
  }

  /** Sends one request; rejects with the socket/TLS error, or {@link AbortedError} when `signal` fires. */
  send(url: URL, method: string, headers: OutgoingHttpHeaders, body: string | undefined, signal: AbortSignal): Promise<HttpResult> {
    if (signal.aborted) return Promise.reject(new AbortedError());
    const secure = url.protocol === 'https:';
    const options = secure
      ? { method, headers, agent: (this.#https ??= new HttpsAgent({ keepAlive: true, ...this.#tls })), ...this.#tls }
      : { method, headers, agent: (this.#http ??= new HttpAgent({ keepAlive: true })) };
    return new Promise<HttpResult>((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(url, options, (response) => {
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
        reject(signal.aborted ? new AbortedError() : error);
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

  /** Closes every pooled socket. */
  close(): void {
    this.#http?.destroy();
    this.#https?.destroy();
  }
}
