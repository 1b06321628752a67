/**
 * The loopback credentials endpoint (src/front-ends/credentials-endpoint.ts)
 * judged by real clients: the JS SDK's fromHttp and fromContainerMetadata and
 * botocore's container provider (where python3 has botocore) read what it
 * serves; raw requests check what it refuses.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { request } from 'node:http';
import { fromContainerMetadata, fromHttp } from '@aws-sdk/credential-providers';
import { CredentialError, exitCodeFor, type AwsCredentials } from '@cred-launch/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LONG_TERM_KEY_LIFETIME_MS } from '../src/front-ends/container-document.js';
import { startCredentialsEndpoint, type CredentialsEndpoint } from '../src/front-ends/credentials-endpoint.js';
import { newEndpointToken } from '../src/front-ends/endpoint-token.js';

const SECRET = 'endpointSecretExample0000000000000000001';
const SESSION = 'endpointSessionTokenExample000000000000001';
const expiration = new Date(Math.floor(Date.now() / 1000) * 1000 + 3600_000);
const temporary: AwsCredentials = { accessKeyId: 'ASIAENDPOINTEXAMPLE1', secretAccessKey: SECRET, sessionToken: SESSION, expiration };
const longTerm: AwsCredentials = { accessKeyId: 'AKIAENDPOINTEXAMPLE1', secretAccessKey: SECRET };
const token = newEndpointToken();
let endpoint: CredentialsEndpoint;
let calls = 0;

beforeAll(async () => {
  endpoint = await startCredentialsEndpoint({
    token,
    routes: new Map([
      ['/temporary', async () => (calls++, temporary)],
      ['/long-term', async () => longTerm],
      ['/broken', async () => Promise.reject(new CredentialError('AUTH', 'vault: permission denied'))],
    ]),
    describeError: (error) => ({ status: 502, message: error instanceof Error ? error.message : 'failed' }),
  });
});
afterAll(() => endpoint.close());

interface RawAnswer {
  status: number;
  body: string;
}

function raw(path: string, headers: Record<string, string>, options: { method?: string; host?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: endpoint.port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${endpoint.port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('credentials endpoint: what real SDKs read from it', () => {
  test('it listens on 127.0.0.1 only', () => {
    expect(endpoint.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
  });

  test('JS SDK fromHttp reads temporary credentials', async () => {
    const credentials = await fromHttp({ awsContainerCredentialsFullUri: `${endpoint.baseUrl}/temporary`, awsContainerAuthorizationToken: token })();
    expect(credentials).toMatchObject({ accessKeyId: temporary.accessKeyId, secretAccessKey: SECRET, sessionToken: SESSION });
    expect(credentials.expiration?.getTime()).toBe(expiration.getTime());
  });

  test('JS SDK fromContainerMetadata reads them from the environment variables exec sets', async () => {
    const saved = { uri: process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, token: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN };
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${endpoint.baseUrl}/temporary`;
    process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = token;
    try {
      const credentials = await fromContainerMetadata()();
      expect(credentials).toMatchObject({ accessKeyId: temporary.accessKeyId, secretAccessKey: SECRET, sessionToken: SESSION });
    } finally {
      if (saved.uri === undefined) delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
      else process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = saved.uri;
      if (saved.token === undefined) delete process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
      else process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = saved.token;
    }
  });

  test('long-term keys: an empty Token (nothing signed) and an Expiration an hour ahead, which fromHttp accepts', async () => {
    const before = Date.now();
    const credentials = await fromHttp({ awsContainerCredentialsFullUri: `${endpoint.baseUrl}/long-term`, awsContainerAuthorizationToken: token })();
    expect(credentials.accessKeyId).toBe(longTerm.accessKeyId);
    expect(credentials.sessionToken ?? '').toBe('');
    const expires = credentials.expiration?.getTime() ?? 0;
    expect(expires).toBeGreaterThanOrEqual(Math.floor((before + LONG_TERM_KEY_LIFETIME_MS) / 1000) * 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + LONG_TERM_KEY_LIFETIME_MS);
  });

  test('each request asks the supplier again (the engine decides what is fresh)', async () => {
    const before = calls;
    await fromHttp({ awsContainerCredentialsFullUri: `${endpoint.baseUrl}/temporary`, awsContainerAuthorizationToken: token })();
    await fromHttp({ awsContainerCredentialsFullUri: `${endpoint.baseUrl}/temporary`, awsContainerAuthorizationToken: token })();
    expect(calls - before).toBe(2);
  });

  const python = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;
  test.skipIf(!python)('botocore ContainerProvider reads them (skipped without python3 + botocore)', async () => {
    const script = [
      'import json, botocore.credentials as c',
      'creds = c.ContainerProvider().load()',
      'frozen = creds.get_frozen_credentials()',
      'print(json.dumps({"method": creds.method, "key": frozen.access_key, "secretOk": frozen.secret_key == ' +
        JSON.stringify(SECRET) +
        ', "tokenOk": frozen.token == ' +
        JSON.stringify(SESSION) +
        '}))',
    ].join('\n');
    // Asynchronously: the endpoint runs in this process and must keep answering.
    const result = await promisify(execFile)('python3', ['-c', script], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${endpoint.baseUrl}/temporary`, AWS_CONTAINER_AUTHORIZATION_TOKEN: token },
    });
    expect(JSON.parse(result.stdout)).toEqual({ method: 'container-role', key: temporary.accessKeyId, secretOk: true, tokenOk: true });
  });
});

describe('credentials endpoint: what it refuses', () => {
  test('no token → 401, a wrong token → 403, and neither carries a credential', async () => {
    const none = await raw('/temporary', {});
    expect(none.status).toBe(401);
    const wrong = await raw('/temporary', { authorization: `${token}x` });
    expect(wrong.status).toBe(403);
    for (const answer of [none, wrong]) expect(answer.body).not.toContain(SECRET);
  });

  test.each([
    ['a foreign Host (DNS rebinding)', { host: 'attacker.example:80' }],
    ['the right port under another name', { host: `evil.example:${0}` }],
    ['localhost on another port', { host: 'localhost:1' }],
  ])('%s → 403', async (_name, { host }) => {
    const answer = await raw('/temporary', { authorization: token }, { host: host.replace(':0', `:${endpoint.port}`) });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain(SECRET);
  });

  test('localhost:<port> and [::1]:<port> are this endpoint', async () => {
    expect((await raw('/temporary', { authorization: token }, { host: `localhost:${endpoint.port}` })).status).toBe(200);
    expect((await raw('/temporary', { authorization: token }, { host: `[::1]:${endpoint.port}` })).status).toBe(200);
  });

  test.each(['via', 'forwarded', 'x-forwarded-for'])('a request with %s (it crossed a proxy) → 403', async (header) => {
    const answer = await raw('/temporary', { authorization: token, [header]: '1.1 proxy' });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain(SECRET);
  });

  test('an absolute-form request target (what a client sends to a proxy) → 400', async () => {
    const answer = await raw(`http://127.0.0.1:${endpoint.port}/temporary`, { authorization: token });
    expect(answer.status).toBe(400);
  });

  test('POST → 405; an unknown path → 404 only after the token is checked', async () => {
    expect((await raw('/temporary', { authorization: token }, { method: 'POST' })).status).toBe(405);
    expect((await raw('/nothing', { authorization: token })).status).toBe(404);
    expect((await raw('/nothing', {})).status).toBe(401);
  });

  test('a failing backend answers its status and a message without secrets', async () => {
    const answer = await raw('/broken', { authorization: token });
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({ code: 'CredentialsUnavailable', message: 'vault: permission denied' });
    expect(exitCodeFor(new CredentialError('AUTH', 'x'))).toBe(77);
  });
});
