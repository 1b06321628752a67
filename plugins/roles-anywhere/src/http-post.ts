import type { IncomingHttpHeaders } from 'node:http';
import type { SignedRequest } from './sign-request.js';

/** One HTTP exchange's result. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** A CreateSession answer is about 2 KiB; anything past this is not one. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Raised when the signal aborted the exchange (core then reports TIMEOUT). */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/**
 * Sends the signed request with node:http/node:https (imported when needed:
 * `--help` loads neither), with no retry — CreateSession is rate-limited and
 * the launcher's lock already makes one request for many callers. Aborting
 * the signal destroys the socket at once.
 */
export async function postSigned(request: SignedRequest, signal: AbortSignal): Promise<HttpAnswer> {
  if (signal.aborted) throw new AbortedError();
  const transport = request.url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise<HttpAnswer>((resolve, reject) => {
    const outgoing = transport.request(request.url, { method: 'POST', headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) } }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) outgoing.destroy(new Error(`response larger than ${MAX_RESPONSE_BYTES} bytes`));
        else chunks.push(chunk);
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
    function onAbort(): void {
      outgoing.destroy(new AbortedError());
    }
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', fail);
    outgoing.end(request.body);
  });
}
