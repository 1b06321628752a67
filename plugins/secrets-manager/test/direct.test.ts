/**
 * The plugin's own GetSecretValue client (src/direct-client.ts, used when the
 * calling keys come from the environment) against the AWS SDK client, on the
 * same requests: the same outcome, code, message and hint, the same number of
 * requests, the same signed headers and body. The SDK is chosen by the only
 * difference in the environment, AWS_RETRY_MODE=adaptive, a setting the
 * direct client leaves to the SDK. Backends: the AWS test server (it
 * verifies every signature) and, for replies AWS never sends, a misbehaving
 * HTTP server (not AWS).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { SourceEnv } from '@cred-launch/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ClientSettings } from '../src/client-settings.js';
import { directRoute } from '../src/direct-route.js';
import { planSource } from '../src/source-plan.js';
import { createSecretsManager, startAwsTestServer } from '@cred-launch/aws-test-server';
import { ALICE, CANARY, EXPIRED, STORED, VERSION_PENDING, fixtures, run, startBackend, type Backend, type Run } from './helpers.js';

let backend: Backend;
let canned: { status: number; headers: Record<string, string>; body: Buffer | string }[] = [];
const cannedRequests: IncomingHttpHeaders[] = [];
let cannedServer: Server;
let cannedUrl: string;

beforeAll(async () => {
  backend = await startBackend();
  cannedServer = createServer((request, response) => {
    request.resume();
    cannedRequests.push(request.headers);
    const reply = canned.length > 1 ? canned.shift()! : canned[0]!;
    response.writeHead(reply.status, reply.headers);
    response.end(reply.body);
  });
  await new Promise<void>((resolve) => cannedServer.listen(0, '127.0.0.1', resolve));
  cannedUrl = `http://127.0.0.1:${(cannedServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => cannedServer.close(() => resolve()));
  await backend.close();
});

const SDK = { AWS_RETRY_MODE: 'adaptive' };
const DIRECT_LOG = /signing GetSecretValue itself/u;
const SDK_LOG = /using the AWS SDK \(retry mode adaptive\)/u;

function outcome(result: Run): unknown {
  return result.error ?? { credentials: result.credentials };
}

/** Runs argv once through each client; returns both outcomes and the requests each made. */
async function both(argv: string[], env: SourceEnv): Promise<{ direct: Run; sdk: Run; directRequests: number; sdkRequests: number }> {
  let before = backend.server.requests.length;
  const direct = await run(argv, env);
  const directRequests = backend.server.requests.length - before;
  before = backend.server.requests.length;
  const sdk = await run(argv, { ...env, ...SDK });
  const sdkRequests = backend.server.requests.length - before;
  expect(direct.logs.join('\n')).toMatch(DIRECT_LOG);
  expect(sdk.logs.join('\n')).toMatch(SDK_LOG);
  return { direct, sdk, directRequests, sdkRequests };
}

describe('the direct client and the SDK agree (AWS test server)', () => {
  const CASES: ReadonlyArray<[string, string[], Record<string, string | undefined>]> = [
    ['a JSON secret', ['ci/pascal'], {}],
    ['a SecretBinary secret', ['ci/binary-json'], {}],
    ['a version by stage', ['ci/rotating', '--version-stage', 'AWSPENDING'], {}],
    ['a version by id', ['ci/rotating', '--version-id', VERSION_PENDING], {}],
    ['a region from the ARN', ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci/eu'], {}],
    ['ResourceNotFoundException', ['no/such/secret'], {}],
    ['AccessDeniedException', ['ci/bob-only'], {}],
    ['DecryptionFailure', ['ci/kms'], {}],
    ['InvalidRequestException', ['ci/deleted'], {}],
    ['UnrecognizedClientException', ['ci/pascal'], { AWS_ACCESS_KEY_ID: 'AKIANOBODY0000000000' }],
    ['InvalidSignatureException', ['ci/pascal'], { AWS_SECRET_ACCESS_KEY: 'not-alices-secret-key' }],
    ['ExpiredTokenException', ['ci/pascal'], { AWS_ACCESS_KEY_ID: EXPIRED.accessKeyId, AWS_SECRET_ACCESS_KEY: EXPIRED.secretAccessKey, AWS_SESSION_TOKEN: EXPIRED.sessionToken }],
    ['a malformed secret', ['ci/broken-json'], {}],
  ];
  test.each(CASES)('%s', async (_name, argv, extra) => {
    const { direct, sdk, directRequests, sdkRequests } = await both(argv, backend.env(extra));
    expect(outcome(direct)).toEqual(outcome(sdk));
    expect(directRequests).toBe(sdkRequests);
  });

  test('a server fault is retried the same number of times (3), then the same BACKEND error', async () => {
    backend.server.addFault({ error: { type: 'InternalServiceError', message: 'boom', status: 500 } });
    try {
      const { direct, sdk, directRequests, sdkRequests } = await both(['ci/pascal'], backend.env({ AWS_MAX_ATTEMPTS: '3' }));
      expect(direct.error).toMatchObject({ code: 'BACKEND', message: expect.stringContaining('(HTTP 500) after 3 attempts') as string });
      expect(outcome(direct)).toEqual(outcome(sdk));
      expect([directRequests, sdkRequests]).toEqual([3, 3]);
    } finally {
      backend.server.clearFaults();
    }
  });

  test('a refused connection is the same BACKEND error', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createTcpServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const { direct, sdk } = await both(['ci/pascal'], backend.env({ AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${port}`, AWS_MAX_ATTEMPTS: '2' }));
    expect(direct.error?.code).toBe('BACKEND');
    expect(outcome(direct)).toEqual(outcome(sdk));
  });

  test('the request: same body, same signed headers, a session token, a verified signature', async () => {
    // Its own server: one key pair with a session token, which the shared backend has none of.
    const session = { accessKeyId: 'ASIASESSION000000010', secretAccessKey: 'session-calling-secret-000000000000010', sessionToken: 'session-token-0000000010' };
    const server = await startAwsTestServer({ keys: [session], services: [createSecretsManager({ secrets: fixtures() })] });
    try {
      const env = backend.env({
        AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url,
        AWS_ACCESS_KEY_ID: session.accessKeyId,
        AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
        AWS_SESSION_TOKEN: session.sessionToken,
        AWS_SDK_UA_APP_ID: 'ci-app',
      });
      const direct = await run(['ci/rotating', '--version-stage', 'AWSPENDING'], env);
      const sdk = await run(['ci/rotating', '--version-stage', 'AWSPENDING'], { ...env, ...SDK });
      expect(direct.logs.join('\n')).toMatch(DIRECT_LOG);
      expect(direct.credentials?.accessKeyId).toBe('AKIAPENDING000000007');
      expect(outcome(direct)).toEqual(outcome(sdk));
      const [sent, sentBySdk] = server.requests;
      const signedHeaders = (headers: Readonly<Record<string, string>> | undefined) => /SignedHeaders=([^,]+)/u.exec(headers?.authorization ?? '')?.[1];
      expect(sent?.body).toBe(sentBySdk?.body);
      expect(JSON.parse(sent?.body ?? '')).toEqual({ SecretId: 'ci/rotating', VersionStage: 'AWSPENDING' });
      expect(signedHeaders(sent?.headers)).toBe(signedHeaders(sentBySdk?.headers));
      expect(signedHeaders(sent?.headers)).toBe(
        'amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target;x-amz-user-agent',
      );
      for (const name of ['content-type', 'x-amz-target', 'host', 'x-amz-security-token', 'amz-sdk-request', 'x-amz-content-sha256', 'content-length']) {
        expect(sent?.headers[name], name).toBe(sentBySdk?.headers[name]);
      }
      expect(sent?.headers['user-agent']).toContain('app/ci-app');
      expect(sent?.verified).toBe(true);
      expect(sent?.accessKeyId).toBe(session.accessKeyId);
    } finally {
      await server.close();
    }
  });
});

describe('the direct client and the SDK agree (misbehaving HTTP server, not AWS)', () => {
  const json = { 'content-type': 'application/x-amz-json-1.1' };
  const REPLIES: ReadonlyArray<[string, { status: number; headers: Record<string, string>; body: Buffer | string }]> = [
    ['malformed JSON', { status: 200, headers: json, body: '{"SecretString": "{\\"AccessKeyId' }],
    ['an HTML page with 200', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Sign in</html>' }],
    ['a bad gzip body', { status: 200, headers: { ...json, 'content-encoding': 'gzip' }, body: Buffer.concat([gzipSync('{}').subarray(0, 10), Buffer.from('garbage')]) }],
    ['an HTML 502, retried', { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' }],
    ['an empty 403', { status: 403, headers: {}, body: '' }],
    ['an error named only by its header', { status: 400, headers: { ...json, 'x-amzn-errortype': 'ResourceNotFoundException:http://internal.amazon.com/' }, body: '{}' }],
    ['a namespaced __type', { status: 400, headers: json, body: '{"__type":"com.amazonaws.secretsmanager#ResourceNotFoundException","Message":"gone"}' }],
    ['an empty 200', { status: 200, headers: json, body: '' }],
  ];
  test.each(REPLIES)('%s', async (_name, reply) => {
    canned = [reply];
    const env = backend.env({ AWS_ENDPOINT_URL_SECRETS_MANAGER: cannedUrl, AWS_MAX_ATTEMPTS: '2' });
    cannedRequests.length = 0;
    const direct = await run(['ci/x'], env);
    const directRequests = cannedRequests.length;
    cannedRequests.length = 0;
    const sdk = await run(['ci/x'], { ...env, ...SDK });
    expect(direct.logs.join('\n')).toMatch(DIRECT_LOG);
    expect(outcome(direct)).toEqual(outcome(sdk));
    expect(directRequests).toBe(cannedRequests.length);
  });

  test("an unreadable reply is not quoted in the debug log (the direct client drops V8's quote of the body)", async () => {
    canned = [{ status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: `${CANARY} is not JSON` }];
    const result = await run(['ci/x'], backend.env({ AWS_ENDPOINT_URL_SECRETS_MANAGER: cannedUrl }));
    expect(result.error?.code).toBe('BACKEND');
    expect(result.logs.join('\n')).toMatch(/GetSecretValue failed: SyntaxError/u);
    expect(result.logs.join('\n')).not.toContain(CANARY.slice(0, 10));
  });

  test('a Date header 10 minutes ahead: the retry is signed with the corrected clock (clock-skew correction)', async () => {
    const ahead = new Date(Date.now() + 600_000);
    const skewed = { 'content-type': 'application/x-amz-json-1.1', date: ahead.toUTCString() };
    canned = [
      { status: 400, headers: skewed, body: '{"__type":"InvalidSignatureException","message":"Signature expired: 20200101T000000Z is now earlier than ..."}' },
      {
        status: 200,
        headers: skewed,
        body: JSON.stringify({ Name: 'ci/x', SecretString: JSON.stringify({ AccessKeyId: STORED.accessKeyId, SecretAccessKey: STORED.secretAccessKey }) }),
      },
    ];
    cannedRequests.length = 0;
    const result = await run(['ci/x'], backend.env({ AWS_ENDPOINT_URL_SECRETS_MANAGER: cannedUrl, AWS_MAX_ATTEMPTS: '2' }));
    expect(result.credentials?.accessKeyId).toBe(STORED.accessKeyId);
    expect(cannedRequests).toHaveLength(2);
    const signedAt = (headers: IncomingHttpHeaders | undefined) =>
      Date.parse(String(headers?.['x-amz-date']).replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/u, '$1-$2-$3T$4:$5:$6Z'));
    expect(Math.abs(signedAt(cannedRequests[0]) - Date.now())).toBeLessThan(120_000);
    expect(Math.abs(signedAt(cannedRequests[1]) - ahead.getTime())).toBeLessThan(120_000);
    expect(cannedRequests[1]?.['amz-sdk-request']).toBe('attempt=2; max=2');
    expect(cannedRequests[1]?.['amz-sdk-invocation-id']).toBe(cannedRequests[0]?.['amz-sdk-invocation-id']);
  });
});

describe('which calls take the direct client', () => {
  const settings = (extra: Partial<ClientSettings> = {}): ClientSettings => ({
    region: 'eu-west-1',
    regionSource: '--region',
    maxAttempts: 3,
    retryMode: 'standard',
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    authSchemePreference: [],
    userAgentAppId: '',
    defaultsMode: 'legacy',
    disableClockSkewCorrection: false,
    profile: 'default',
    ...extra,
  });
  const keys = { AWS_ACCESS_KEY_ID: ALICE.accessKeyId, AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey };
  const route = (extra: Partial<ClientSettings>, env: SourceEnv = keys, sourceProfile?: string) => directRoute(settings(extra), planSource(sourceProfile, env), env);

  test('environment keys, standard retries, the aws partition or a plain custom endpoint', () => {
    expect(route({})).toMatchObject({ url: new URL('https://secretsmanager.eu-west-1.amazonaws.com/'), region: 'eu-west-1', credentials: { accessKeyId: ALICE.accessKeyId } });
    expect(route({ endpoint: 'http://localhost:4566' })).toMatchObject({ url: new URL('http://localhost:4566/') });
    expect(route({}, { ...keys, AWS_SESSION_TOKEN: 'token' })).toMatchObject({ credentials: { sessionToken: 'token' } });
  });

  test.each([
    ['a profile', {}, { ...keys, AWS_PROFILE: 'ci' }, undefined],
    ['--source-profile', {}, keys, 'bob'],
    ['no environment keys', {}, {}, undefined],
    ['adaptive retries', { retryMode: 'adaptive' as const }, keys, undefined],
    ['another defaults mode', { defaultsMode: 'standard' as const }, keys, undefined],
    ['FIPS', { useFipsEndpoint: true }, keys, undefined],
    ['dual-stack', { useDualstackEndpoint: true }, keys, undefined],
    ['a China region', { region: 'cn-north-1' }, keys, undefined],
    ['a GovCloud region', { region: 'us-gov-west-1' }, keys, undefined],
    ['a FIPS pseudo-region', { region: 'fips-us-east-1', endpoint: 'http://localhost:4566' }, keys, undefined],
    ['an endpoint with a path', { endpoint: 'http://localhost:4566/prefix' }, keys, undefined],
  ])('%s → the SDK', (_name, extra, env, sourceProfile) => {
    expect(typeof route(extra, env, sourceProfile)).toBe('string');
  });
});
