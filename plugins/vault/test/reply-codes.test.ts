import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runVaultFailure } from './helpers.js';

/**
 * A MISBEHAVING HTTP server, not Vault and not the Vault test server: it
 * answers every request with one canned reply (a proxy's HTML page, cut JSON,
 * a wrong shape, a broken gzip body), to check how such replies are reported.
 */
interface CannedReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

let reply: CannedReply;
let server: Server;
let address: string;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(reply.status, reply.headers);
    response.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = { 'content-type': 'application/json' };
const CASES: ReadonlyArray<[string, CannedReply]> = [
  ['malformed JSON', { status: 200, headers: json, body: '{"data": {"data": {"access_key": ' }],
  ['an HTML page with 200', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Sign in to the corporate proxy</body></html>' }],
  ['a JSON array', { status: 200, headers: json, body: '[1,2,3]' }],
  ['JSON without data', { status: 200, headers: json, body: '{"request_id":"x","warnings":null}' }],
  ['data that is not an object', { status: 200, headers: json, body: '{"data":"AKIA..."}' }],
  ['a bad gzip body', { status: 200, headers: { ...json, 'content-encoding': 'gzip' }, body: Buffer.concat([gzipSync('{"data":{}}').subarray(0, 12), Buffer.from('garbage')]) }],
];

describe('one meaning per exit code (issue 14 item 7): a reply that cannot be read is BACKEND (69)', () => {
  for (const [name, canned] of CASES) {
    test(`${name}: KV v1, KV v2 and the AWS engine all answer BACKEND`, async () => {
      reply = canned;
      const env = { VAULT_ADDR: address, VAULT_TOKEN: 'root', VAULT_MAX_RETRIES: '0' };
      for (const argv of [
        ['--engine', 'kv1', 'kv/aws/dev'],
        ['--engine', 'kv2', '--mount', 'secret', 'aws/dev'],
        ['--engine', 'aws', 'aws/creds/deploy'],
        ['aws/static-creds/app'],
      ]) {
        const error = await runVaultFailure(argv, env);
        expect({ argv, code: error.code }).toEqual({ argv, code: 'BACKEND' });
        expect(error.hint).toBeTruthy();
      }
    });
  }

  test('KV v2 data.data that is not an object is BACKEND too (a wrong-shape reply, not a missing secret)', async () => {
    reply = { status: 200, headers: json, body: '{"data":{"data":"x","metadata":{}}}' };
    const error = await runVaultFailure(['--engine', 'kv2', '--mount', 'secret', 'aws/dev'], { VAULT_ADDR: address, VAULT_TOKEN: 'root' });
    expect(error).toMatchObject({ code: 'BACKEND', message: 'vault: the answer to reading secret/aws/dev has no data.data object (not a KV v2 answer)' });
  });

  test('a readable reply whose secret lacks key fields is INVALID_SECRET (65), not NOT_FOUND', async () => {
    reply = { status: 200, headers: json, body: '{"data":{"data":{"region":"eu-west-1"},"metadata":{"version":1}}}' };
    const error = await runVaultFailure(['--engine', 'kv2', '--mount', 'secret', 'aws/dev'], { VAULT_ADDR: address, VAULT_TOKEN: 'root' });
    expect(error).toMatchObject({ code: 'INVALID_SECRET', message: 'vault: secret/aws/dev has no access key id' });
  });
});
