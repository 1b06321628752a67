import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startConnectTestProxy, startVaultAgentTestListener, startVaultTestServer } from '../src/index.js';
import { call } from './helpers.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
async function vault(...args: Parameters<typeof startVaultTestServer>) {
  const server = await startVaultTestServer(...args);
  closers.push(() => server.close());
  return server;
}

/** A GET over a unix socket, as a client of `listener "unix"` sends it. */
function getOverSocket(socketPath: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ socketPath, path, headers: { host: 'localhost', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('rate limit and redirects', () => {
  test("rateLimited: 429 with Vault's quota text and Retry-After", async () => {
    const server = await vault();
    server.state.failNext({ rateLimited: true, retryAfterSeconds: 3 });
    const answer = await call(server.url, 'GET', 'secret/data/x', { token: 'root' });
    expect(answer).toMatchObject({ status: 429, body: { errors: ['request path "secret/data/x": rate limit quota exceeded'] } });
    expect(answer.headers['retry-after']).toBe('3');
    expect((await call(server.url, 'GET', 'secret/data/x', { token: 'root' })).status).toBe(404);
  });

  test('redirect: the status asked for, Location on the other base with path and query; a second host on 127.0.0.2', async () => {
    const other = await vault({ host: '127.0.0.2' });
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/u);
    const server = await vault();
    server.state.failNext({ redirect: 302, to: other.url });
    const answer = await call(server.url, 'GET', 'secret/data/x?version=1', { token: 'root' });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe(`${other.url}/v1/secret/data/x?version=1`);
    server.state.failNext({ status: 500, headers: { 'x-extra': 'yes' } });
    expect((await call(server.url, 'GET', 'secret/data/x', { token: 'root' })).headers['x-extra']).toBe('yes');
  });
});

describe('agent listener', () => {
  test('TCP: adds its auto-auth token to requests without one, keeps a sent one', async () => {
    const server = await vault();
    server.state.addToken('agent-token', { paths: ['secret/data/*'] });
    const agent = await startVaultAgentTestListener({ vaultAddress: server.url, autoAuthToken: 'agent-token' });
    closers.push(() => agent.close());
    expect((await call(agent.address, 'GET', 'secret/data/x')).status).toBe(404);
    expect(server.state.requests.at(-1)?.token).toBe('agent-token');
    await call(agent.address, 'GET', 'secret/data/x', { token: 'root' });
    expect(server.state.requests.at(-1)?.token).toBe('root');
    expect(agent.requests.map((seen) => seen.clientToken)).toEqual([undefined, 'root']);
  });

  test('unix socket: the same, over a socket file', async () => {
    const server = await vault();
    server.state.putSecret('secret/x', { a: 'b' });
    const socketPath = join(mkdtempSync(join(tmpdir(), 'agent-')), 'agent.sock');
    const agent = await startVaultAgentTestListener({ vaultAddress: server.url, autoAuthToken: 'root', socketPath });
    closers.push(() => agent.close());
    expect(agent.address).toBe(`unix://${socketPath}`);
    const answer = await getOverSocket(socketPath, '/v1/secret/data/x', { 'x-vault-request': 'true' });
    expect(answer).toMatchObject({ status: 200, body: { data: { data: { a: 'b' } } } });
    expect(server.state.requests.at(-1)?.token).toBe('root');
  });
});

describe('CONNECT proxy', () => {
  test('tunnels TLS to a host name it resolves itself, and forwards plain http in absolute form', async () => {
    const tls = await vault({ tls: true });
    const plain = await vault();
    const proxy = await startConnectTestProxy({ hosts: { 'vault.test': '127.0.0.1' } });
    closers.push(() => proxy.close());
    const port = new URL(tls.url).port;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: new URL(proxy.url).port, method: 'CONNECT', path: `vault.test:${port}` });
      req.on('connect', (_res, socket) => {
        const secure = connect({ socket, ca: tls.pki?.caCert, servername: 'localhost' });
        const get = httpsRequest({ path: '/v1/sys/health', createConnection: () => secure, headers: { host: `vault.test:${port}` } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        get.on('error', reject);
        get.end();
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    const forwarded = await new Promise<number>((resolve, reject) => {
      const target = `http://vault.test:${new URL(plain.url).port}/v1/sys/health`;
      const req = httpRequest(
        { host: '127.0.0.1', port: new URL(proxy.url).port, path: target, headers: { host: `vault.test:${new URL(plain.url).port}`, 'x-vault-token': 't' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(forwarded).toBe(200);
    expect(proxy.requests.map((seen) => seen.method)).toEqual(['CONNECT', 'GET']);
    expect(proxy.requests[1]?.vaultToken).toBe('t');
  });

  test('with credentials: 407 without them', async () => {
    const proxy = await startConnectTestProxy({ credentials: { user: 'u', password: 'p' } });
    closers.push(() => proxy.close());
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: new URL(proxy.url).port, method: 'CONNECT', path: 'vault.test:443' });
      req.on('connect', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(407);
  });
});
