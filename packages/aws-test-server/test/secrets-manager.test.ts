import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSecretsManager, startAwsTestServer, type AwsTestServer, type SecretsManagerService } from '../src/index.js';
import { ALICE, BOB, callJson } from './helpers.js';

const VERSION_OLD = 'a1b2c3d4-0000-4000-8000-000000000001';
const VERSION_NEW = 'a1b2c3d4-0000-4000-8000-000000000002';

let server: AwsTestServer;
let secretsManager: SecretsManagerService;

beforeAll(async () => {
  secretsManager = createSecretsManager({
    secrets: [
      { name: 'app/string', secretString: '{"AccessKeyId":"AKIAEXAMPLE"}' },
      { name: 'app/binary', secretBinary: new Uint8Array([0, 1, 2, 250, 255]) },
      {
        name: 'app/rotating',
        versions: [
          { versionId: VERSION_NEW, stages: ['AWSCURRENT'], secretString: 'new', createdDate: new Date('2024-05-01T00:00:00.500Z') },
          { versionId: VERSION_OLD, stages: ['AWSPREVIOUS'], secretString: 'old' },
        ],
      },
      { name: 'app/eu', region: 'eu-west-1', secretString: 'in-eu' },
      { name: 'app/bob-only', secretString: 'x', readers: [BOB.accessKeyId] },
      { name: 'app/kms', secretString: 'x', kmsDecryptFails: true },
      { name: 'app/deleted', secretString: 'x', deleted: true },
    ],
  });
  server = await startAwsTestServer({ keys: [ALICE, BOB], services: [secretsManager] });
});
afterAll(async () => {
  await server.close();
});

describe('GetSecretValue', () => {
  test('returns SecretString with ARN, name, version and CreatedDate in epoch seconds', async () => {
    const { status, body, headers } = await callJson(server.url, { SecretId: 'app/rotating' });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(body).toEqual({
      ARN: secretsManager.arnOf('app/rotating'),
      Name: 'app/rotating',
      VersionId: VERSION_NEW,
      SecretString: 'new',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 1714521600.5,
    });
    expect(body.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/rotating-[A-Za-z]{6}$/u);
  });

  test('returns SecretBinary base64-encoded', async () => {
    const { body } = await callJson(server.url, { SecretId: 'app/binary' });
    expect(body.SecretBinary).toBe(Buffer.from([0, 1, 2, 250, 255]).toString('base64'));
    expect(body.SecretString).toBeUndefined();
  });

  test('selects versions by staging label and by version id', async () => {
    expect((await callJson(server.url, { SecretId: 'app/rotating', VersionStage: 'AWSPREVIOUS' })).body.SecretString).toBe('old');
    expect((await callJson(server.url, { SecretId: 'app/rotating', VersionId: VERSION_OLD })).body.SecretString).toBe('old');
    const missing = await callJson(server.url, { SecretId: 'app/rotating', VersionStage: 'AWSPENDING' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      __type: 'ResourceNotFoundException',
      Message: "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
    });
  });

  test('finds a secret by full and partial ARN, only in its own region', async () => {
    const arn = secretsManager.arnOf('app/eu', 'eu-west-1');
    expect((await callJson(server.url, { SecretId: arn }, { region: 'eu-west-1' })).body.SecretString).toBe('in-eu');
    expect((await callJson(server.url, { SecretId: arn.slice(0, -7) }, { region: 'eu-west-1' })).body.SecretString).toBe('in-eu');
    const elsewhere = await callJson(server.url, { SecretId: 'app/eu' }, { region: 'us-east-1' });
    expect(elsewhere.body.__type).toBe('ResourceNotFoundException');
  });

  test('answers documented errors with __type and status', async () => {
    const cases: Array<[string, string, number]> = [
      ['does/not/exist', 'ResourceNotFoundException', 400],
      ['app/bob-only', 'AccessDeniedException', 400],
      ['app/kms', 'DecryptionFailure', 400],
      ['app/deleted', 'InvalidRequestException', 400],
    ];
    for (const [secretId, type, status] of cases) {
      const result = await callJson(server.url, { SecretId: secretId });
      expect([result.status, result.body.__type], secretId).toEqual([status, type]);
      expect(typeof result.body.Message).toBe('string');
    }
    const allowed = await callJson(server.url, { SecretId: 'app/bob-only' }, { credentials: BOB });
    expect(allowed.body.SecretString).toBe('x');
  });

  test('rejects a missing SecretId and an unknown operation', async () => {
    expect((await callJson(server.url, {})).body.__type).toBe('ValidationException');
    expect((await callJson(server.url, { SecretId: 'x', VersionId: 'short' })).body.__type).toBe('ValidationException');
    expect((await callJson(server.url, {}, { target: 'secretsmanager.DeleteSecret' })).body.__type).toBe('UnknownOperationException');
    expect((await callJson(server.url, { SecretId: 'app/string' }, { contentType: 'application/json' })).body.__type).toBe('SerializationException');
  });
});

describe('SigV4 verification', () => {
  test('records which key and region signed each request', async () => {
    const before = server.requests.length;
    await callJson(server.url, { SecretId: 'app/string' }, { credentials: BOB, region: 'ap-south-1' });
    expect(server.requests.slice(before)).toMatchObject([
      { service: 'secretsmanager', operation: 'GetSecretValue', accessKeyId: BOB.accessKeyId, region: 'ap-south-1', verified: true },
    ]);
  });

  test('an unknown access key is UnrecognizedClientException', async () => {
    const result = await callJson(server.url, { SecretId: 'app/string' }, { credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' } });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
  });

  test('a wrong secret key is InvalidSignatureException', async () => {
    const result = await callJson(server.url, { SecretId: 'app/string' }, { credentials: { accessKeyId: ALICE.accessKeyId, secretAccessKey: BOB.secretAccessKey } });
    expect(result.body.__type).toBe('InvalidSignatureException');
    expect(result.body.message).toMatch(/does not match the signature you provided/u);
  });

  test('a body changed after signing is InvalidSignatureException', async () => {
    const result = await callJson(server.url, { SecretId: 'app/string' }, { tamper: (body) => body.replace('app/string', 'app/binary') });
    expect(result.body.__type).toBe('InvalidSignatureException');
  });

  test('a signature older than 15 minutes is rejected', async () => {
    const result = await callJson(server.url, { SecretId: 'app/string' }, { signingDate: new Date(Date.now() - 20 * 60 * 1000) });
    expect(result.body.__type).toBe('InvalidSignatureException');
    expect(result.body.message).toMatch(/^Signature expired/u);
  });

  test('a scope for another service is rejected', async () => {
    const result = await callJson(server.url, { SecretId: 'app/string' }, { service: 'sts' });
    expect(result.body.__type).toBe('InvalidSignatureException');
  });

  test('no Authorization header is MissingAuthenticationTokenException', async () => {
    const result = await callJson(server.url, { SecretId: 'app/string' }, { unsigned: true });
    expect(result.body.__type).toBe('MissingAuthenticationTokenException');
  });

  test('session tokens must match and expired keys are ExpiredTokenException', async () => {
    const temporary = { accessKeyId: 'ASIATEMP000000000001', secretAccessKey: 'temp-secret-000000000000000000000000001', sessionToken: 'token-1' };
    const expired = { accessKeyId: 'ASIAEXPIRED000000001', secretAccessKey: 'expired-secret-00000000000000000000001', sessionToken: 'token-2' };
    const local = await startAwsTestServer({
      keys: [temporary, { ...expired, expired: true }],
      services: [createSecretsManager({ secrets: [{ name: 's', secretString: 'v' }] })],
    });
    try {
      expect((await callJson(local.url, { SecretId: 's' }, { credentials: temporary })).body.SecretString).toBe('v');
      expect((await callJson(local.url, { SecretId: 's' }, { credentials: { ...temporary, sessionToken: 'other' } })).body.__type).toBe('UnrecognizedClientException');
      expect((await callJson(local.url, { SecretId: 's' }, { credentials: expired })).body).toEqual({
        __type: 'ExpiredTokenException',
        message: 'The security token included in the request is expired',
      });
    } finally {
      await local.close();
    }
  });
});

describe('faults', () => {
  test('scripted errors apply the given number of times', async () => {
    server.addFault({ operation: 'GetSecretValue', times: 2, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    const first = await callJson(server.url, { SecretId: 'app/string' });
    const second = await callJson(server.url, { SecretId: 'app/string' });
    const third = await callJson(server.url, { SecretId: 'app/string' });
    expect([first.body, second.status]).toEqual([{ __type: 'ThrottlingException', message: 'Rate exceeded' }, 400]);
    expect(third.status).toBe(200);
  });

  test('a hanging request stays open until the server closes', async () => {
    const local = await startAwsTestServer({ keys: [ALICE], services: [createSecretsManager()] });
    local.addFault({ hang: true });
    const signed = callJson(local.url, { SecretId: 'x' });
    const state = await Promise.race([
      signed.then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((resolve) => setTimeout(resolve, 300, 'pending')),
    ]);
    expect(state).toBe('pending');
    expect(local.requests).toMatchObject([{ verified: true }]);
    await local.close();
    await expect(signed).rejects.toThrow();
  });
});
