import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ProxySettings } from '../options.js';
import { AbortedError, MAX_RESPONSE_BYTES, type HttpResult } from './http1.js';
import { connectTunnel, proxyFailure, proxyFor, viaHttpProxy } from './proxy.js';
import type { TlsMaterial } from './tls.js';

/** One request, as the transport got it. */
export interface ProxiedRequest {
  url: URL;
  method: string;
  headers: Readonly<Record<string, string>>;
  body: string | undefined;
  signal: AbortSignal;
}

/**
 * Sends the request through the proxy the variables choose for its URL (see
 * proxy.ts), on node:http/node:https: an `http://` Vault in absolute form to
 * the proxy, an `https://` one through a CONNECT tunnel with TLS end to end.
 * Resolves undefined when no proxy applies (NO_PROXY, loopback): the
 * transport then connects directly. Imported only when a proxy variable is
 * set, so runs without one never load node:http.
 */
export async function sendThroughProxy(settings: ProxySettings, tls: TlsMaterial, request: ProxiedRequest): Promise<HttpResult | undefined> {
  const { url, method, headers, body, signal } = request;
  const route = proxyFor(url, settings);
  if (route === undefined) return undefined;
  if (url.protocol !== 'https:') {
    const target = viaHttpProxy(route, url, { ...headers });
    return exchange(
      () => httpRequest({ ...target, method, agent: false }),
      body,
      signal,
      (error) => proxyFailure(route, error),
    );
  }
  const tunnel = await connectTunnel(route, url, signal);
  const tunnelled = { ...tls, host: url.hostname, ...(tls.servername === undefined && isIP(url.hostname) === 0 ? { servername: url.hostname } : {}) };
  // No `agent` at all: node:http uses createConnection only then (agent: false would make a fresh Agent and dial Vault directly).
  return exchange(() => httpsRequest(url, { method, headers, createConnection: () => tlsConnect({ ...tunnelled, socket: tunnel }) }), body, signal);
}

/** Runs one node:http request to its end: the whole body read (bounded), or the first error, or the abort. */
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
