import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';

/** A raw answer: status, headers and parsed JSON body (undefined when empty). */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** Options for {@link call}. */
export interface CallOptions {
  token?: string;
  namespace?: string;
  body?: unknown;
  tls?: Pick<RequestOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized'>;
}

/** One request to the test server, with node:http(s) (so TLS options can be given). */
export function call(base: string, method: string, path: string, options: CallOptions = {}): Promise<RawAnswer> {
  const url = new URL(`/v1/${path}`, base);
  const headers: Record<string, string> = { 'x-vault-request': 'true' };
  if (options.token) headers['x-vault-token'] = options.token;
  if (options.namespace) headers['x-vault-namespace'] = options.namespace;
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (payload) headers['content-type'] = 'application/json';
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers, ...options.tls }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
