import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSts, startAwsTestServer, totpAt, type AwsTestServer, type StsService, type TestKeyPair } from '../src/index.js';
import { ALICE, BOB } from './helpers.js';

const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const T0 = new Date('2030-01-01T00:00:10Z');

/** Signs a query-protocol form POST as the SDKs do and returns status and XML text. */
async function callQuery(url: string, params: Record<string, string>, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = ALICE) {
  const target = new URL(url);
  const body = new URLSearchParams({ Version: '2011-06-15', ...params }).toString();
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: target.hostname,
    port: Number(target.port),
    path: '/',
    headers: { host: target.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'sts', sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.sign(request);
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host;
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') };
}

function element(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`, 'u').exec(xml)?.[1];
}

describe('STS (query protocol)', () => {
  let server: AwsTestServer;
  let sts: StsService;
  let now = T0;
  const keys: TestKeyPair[] = [{ ...ALICE }, { ...BOB }];
  beforeAll(async () => {
    sts = createSts({
      keys,
      now: () => now,
      mfaDevices: [{ serial: SERIAL, seed: SEED, ownerKeyIds: [ALICE.accessKeyId] }],
      roles: [{ arn: ROLE, trustedKeyIds: [ALICE.accessKeyId], externalId: 'ext-1' }],
    });
    server = await startAwsTestServer({ keys, services: [sts] });
  });
  afterAll(async () => {
    await server.close();
  });

  test('GetSessionToken answers the documented XML, and the issued keys are then accepted', async () => {
    const { status, text, contentType } = await callQuery(server.url, { Action: 'GetSessionToken', DurationSeconds: '900' });
    expect(status).toBe(200);
    expect(contentType).toBe('text/xml');
    expect(text).toMatch(/^<GetSessionTokenResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/u);
    expect(text).toMatch(/<GetSessionTokenResult><Credentials><AccessKeyId>ASIA[A-Z2-7]{16}<\/AccessKeyId><SecretAccessKey>/u);
    expect(element(text, 'Expiration')).toBe(new Date(T0.getTime() + 900_000).toISOString());
    expect(element(text, 'RequestId')).toMatch(/^[0-9a-f-]{36}$/u);
    const session = { accessKeyId: element(text, 'AccessKeyId')!, secretAccessKey: element(text, 'SecretAccessKey')!, sessionToken: element(text, 'SessionToken')! };
    const identity = await callQuery(server.url, { Action: 'GetCallerIdentity' }, session);
    expect(element(identity.text, 'UserId')).toBe(ALICE.accessKeyId);
    const again = await callQuery(server.url, { Action: 'GetSessionToken' }, session);
    expect(element(again.text, 'Message')).toBe('Cannot call GetSessionToken with session credentials');
  });

  test('errors are <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>', async () => {
    const { status, text } = await callQuery(server.url, { Action: 'GetSessionToken' }, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x'.repeat(40) });
    expect(status).toBe(403);
    expect(text).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\n {2}<Error><Type>Sender<\/Type><Code>InvalidClientTokenId<\/Code><Message>The security token included in the request is invalid\.<\/Message><\/Error>\n {2}<RequestId>[0-9a-f-]{36}<\/RequestId>/u,
    );
    const unknown = await callQuery(server.url, { Action: 'GetFederationToken', Name: 'x' });
    expect(element(unknown.text, 'Code')).toBe('InvalidAction');
  });

  test('MFA: a code of the current or an adjacent step is accepted once; older ones and reuse are refused', async () => {
    now = new Date(T0.getTime() + 3600_000);
    const mfa = (code: string) => callQuery(server.url, { Action: 'GetSessionToken', SerialNumber: SERIAL, TokenCode: code });
    expect((await mfa(totpAt(SEED, new Date(now.getTime() - 30_000)))).status).toBe(200);
    const reused = await mfa(totpAt(SEED, new Date(now.getTime() - 30_000)));
    expect(reused.status).toBe(403);
    expect(element(reused.text, 'Message')).toBe('MultiFactorAuthentication failed with invalid MFA one time pass code.');
    expect((await mfa(totpAt(SEED, new Date(now.getTime() - 60_000)))).status).toBe(403);
    expect((await mfa(totpAt(SEED, now))).status).toBe(200);
    expect(sts.issued.at(-1)?.mfaAuthenticated).toBe(true);
    const notHers = await callQuery(server.url, { Action: 'GetSessionToken', SerialNumber: SERIAL, TokenCode: totpAt(SEED, new Date(now.getTime() + 30_000)) }, BOB);
    expect(element(notHers.text, 'Message')).toMatch(/unable to validate MFA code/u);
  });

  test('AssumeRole: trust, external id, and the AssumedRoleUser of the answer', async () => {
    const ok = await callQuery(server.url, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'ci', ExternalId: 'ext-1', SourceIdentity: 'alice' });
    expect(ok.status).toBe(200);
    expect(element(ok.text, 'Arn')).toBe('arn:aws:sts::123456789012:assumed-role/deploy/ci');
    expect(element(ok.text, 'SourceIdentity')).toBe('alice');
    for (const [params, key] of [
      [{ ExternalId: 'wrong' }, ALICE],
      [{}, ALICE],
      [{ ExternalId: 'ext-1' }, BOB],
    ] as const) {
      const denied = await callQuery(server.url, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'ci', ...params }, key);
      expect(denied.status).toBe(403);
      expect(element(denied.text, 'Message')).toMatch(new RegExp(`is not authorized to perform: sts:AssumeRole on resource: ${ROLE}$`, 'u'));
    }
    const invalid = await callQuery(server.url, { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'bad name', ExternalId: 'ext-1' });
    expect(element(invalid.text, 'Code')).toBe('ValidationError');
    expect(sts.counts.AssumeRole).toBeGreaterThanOrEqual(5);
  });
});

// botocore parses the query protocol its own way: a second, independent client.
const run = promisify(execFile);
const hasAwsCli = await run('aws', ['--version']).then(
  () => true,
  () => false,
);

describe.skipIf(!hasAwsCli)('AWS CLI (botocore) against the STS', () => {
  test('aws sts get-session-token and assume-role parse the answers', async () => {
    const keys: TestKeyPair[] = [{ ...ALICE }];
    const server = await startAwsTestServer({ keys, services: [createSts({ keys, roles: [{ arn: ROLE, trustedKeyIds: [ALICE.accessKeyId] }] })] });
    try {
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: '/nonexistent',
        AWS_ACCESS_KEY_ID: ALICE.accessKeyId,
        AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      };
      const common = ['--endpoint-url', server.url, '--region', 'eu-west-1', '--output', 'json'];
      const session = JSON.parse((await run('aws', ['sts', 'get-session-token', '--duration-seconds', '900', ...common], { env })).stdout) as {
        Credentials: Record<string, string>;
      };
      expect(session.Credentials.AccessKeyId).toMatch(/^ASIA/u);
      expect(session.Credentials.SessionToken?.length).toBeGreaterThan(20);
      const role = JSON.parse((await run('aws', ['sts', 'assume-role', '--role-arn', ROLE, '--role-session-name', 'cli', ...common], { env })).stdout) as {
        AssumedRoleUser: { Arn: string };
      };
      expect(role.AssumedRoleUser.Arn).toBe('arn:aws:sts::123456789012:assumed-role/deploy/cli');
      expect(server.requests.every((request) => request.verified)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
