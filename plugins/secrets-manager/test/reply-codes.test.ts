/**
 * One meaning per exit code (issue 14 item 7) for Secrets Manager. The
 * unreadable replies come from a MISBEHAVING HTTP server (not AWS, not the
 * AWS test server) set as AWS_ENDPOINT_URL_SECRETS_MANAGER: every request
 * gets one canned answer. A secret that was read but holds no usable keys
 * comes from the AWS test server (its ci/custom fixture).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALICE, run, startBackend, type Backend } from './helpers.js';

interface CannedReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

let reply: CannedReply;
let server: Server;
let endpoint: string;
let backend: Backend;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    response.writeHead(reply.status, reply.headers);
    response.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  backend = await startBackend();
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await backend.close();
});

const json = { 'content-type': 'application/x-amz-json-1.1' };
const CASES: ReadonlyArray<[string, CannedReply]> = [
  ['malformed JSON', { status: 200, headers: json, body: '{"SecretString": "{\\"AccessKeyId' }],
  ['an HTML page with 200', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Sign in to the corporate proxy</body></html>' }],
  ['a bad gzip body', { status: 200, headers: { ...json, 'content-encoding': 'gzip' }, body: Buffer.concat([gzipSync('{}').subarray(0, 10), Buffer.from('garbage')]) }],
  ['an HTML error page with 502', { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' }],
];

describe('a reply that cannot be read is BACKEND (69)', () => {
  test.each(CASES)('%s', async (_name, canned) => {
    reply = canned;
    const { error } = await run(['ci/x'], {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: ALICE.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey,
      AWS_MAX_ATTEMPTS: '1',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    });
    expect(error?.code, `${error?.code}: ${error?.message}`).toBe('BACKEND');
    expect(error?.hint).toBeTruthy();
  });
});

describe('a secret that was read but lacks key fields is INVALID_SECRET (65)', () => {
  test('JSON without any spelling of AccessKeyId/SecretAccessKey (ci/custom, read without field flags)', async () => {
    const { error } = await run(['ci/custom'], backend.env());
    expect(error?.code).toBe('INVALID_SECRET');
    expect(error?.message).toContain('has no access key id');
  });
});
