import { REDACTED } from '@cred-launch/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CANARY, STORED, VERSION_PENDING, startBackend, run, type Backend } from './helpers.js';

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.close();
});

describe('SecretString JSON', () => {
  test('PascalCase fields (the AWS spelling)', async () => {
    const { credentials, error } = await run(['ci/pascal'], backend.env());
    expect(error).toBeUndefined();
    expect(credentials).toEqual({ accessKeyId: STORED.accessKeyId, secretAccessKey: CANARY });
  });

  test('snake_case fields with a session token', async () => {
    const { credentials } = await run(['ci/snake'], backend.env());
    expect(credentials).toEqual({ accessKeyId: STORED.accessKeyId, secretAccessKey: CANARY, sessionToken: 'stored-session-token-0001' });
  });

  test('camelCase fields with an expiration', async () => {
    const { credentials } = await run(['ci/camel'], backend.env());
    expect(credentials?.expiration?.toISOString()).toBe('2099-01-01T00:00:00.000Z');
  });

  test('unusual field names with overrides', async () => {
    const plain = await run(['ci/custom'], backend.env());
    expect(plain.error?.code).toBe('INVALID_SECRET');
    const { credentials } = await run(['ci/custom', '--access-key-field', 'deploy_key', '--secret-key-field', 'deploy_secret'], backend.env());
    expect(credentials).toEqual({ accessKeyId: STORED.accessKeyId, secretAccessKey: CANARY });
  });

  test('--json-key picks a nested object by dotted path, or a literal key with dots', async () => {
    expect((await run(['ci/nested', '--json-key', 'aws.ci'], backend.env())).credentials?.accessKeyId).toBe(STORED.accessKeyId);
    expect((await run(['ci/nested', '--json-key', 'dotted.key'], backend.env())).credentials?.accessKeyId).toBe('AKIADOTTED0000000004');
    const missing = await run(['ci/nested', '--json-key', 'aws.prod'], backend.env());
    expect(missing.error).toMatchObject({ code: 'INVALID_SECRET', message: 'secrets-manager: secret "ci/nested" has no object at --json-key "aws.prod"' });
    expect(missing.error?.hint).toBe('keys at the top level: team, aws, dotted.key');
  });

  test('the secret text and every string in it are registered for redaction', async () => {
    const { redactor } = await run(['ci/nested', '--json-key', 'aws.ci'], backend.env());
    expect(redactor.redact(`x ${CANARY} y`)).toBe(`x ${REDACTED} y`);
    expect(redactor.redact('team=ci-and-more')).toBe('team=ci-and-more');
  });
});

describe('INI text and SecretBinary', () => {
  test('an AWS credentials INI secret, default section or --profile', async () => {
    expect((await run(['ci/ini'], backend.env())).credentials?.accessKeyId).toBe(STORED.accessKeyId);
    expect((await run(['ci/ini', '--profile', 'deploy'], backend.env())).credentials?.accessKeyId).toBe('AKIADEPLOY0000000005');
    const absent = await run(['ci/ini', '--profile', 'nope'], backend.env());
    expect(absent.error?.code).toBe('NOT_FOUND');
    expect(absent.error?.hint).toBe('profiles present: default, deploy');
  });

  test('--json-key does not apply to INI text', async () => {
    const { error } = await run(['ci/ini', '--json-key', 'a'], backend.env());
    expect(error).toMatchObject({ code: 'INVALID_SECRET', hint: 'use --profile to pick the INI section instead' });
  });

  test('SecretBinary holding JSON or INI is decoded the same way', async () => {
    expect((await run(['ci/binary-json'], backend.env())).credentials).toEqual({ accessKeyId: STORED.accessKeyId, secretAccessKey: CANARY });
    expect((await run(['ci/binary-ini'], backend.env())).credentials).toEqual({ accessKeyId: STORED.accessKeyId, secretAccessKey: CANARY });
  });

  test('SecretBinary that is not UTF-8 text is INVALID_SECRET', async () => {
    const { error } = await run(['ci/binary-garbage'], backend.env());
    expect(error).toMatchObject({ code: 'INVALID_SECRET', message: 'secrets-manager: secret "ci/binary-garbage" holds SecretBinary that is not UTF-8 text' });
  });
});

describe('versions', () => {
  test('AWSCURRENT by default; --version-stage and --version-id select others', async () => {
    expect((await run(['ci/rotating'], backend.env())).credentials?.accessKeyId).toBe('AKIACURRENT000000006');
    expect((await run(['ci/rotating', '--version-stage', 'AWSPENDING'], backend.env())).credentials?.accessKeyId).toBe('AKIAPENDING000000007');
    expect((await run(['ci/rotating', '--version-id', VERSION_PENDING], backend.env())).credentials?.accessKeyId).toBe('AKIAPENDING000000007');
    const sent = backend.server.requests.slice(-3).map((request) => JSON.parse(request.body) as Record<string, unknown>);
    expect(sent).toEqual([{ SecretId: 'ci/rotating' }, { SecretId: 'ci/rotating', VersionStage: 'AWSPENDING' }, { SecretId: 'ci/rotating', VersionId: VERSION_PENDING }]);
  });

  test('a stage no version carries is NOT_FOUND naming the stage', async () => {
    const { error } = await run(['ci/rotating', '--version-stage', 'AWSPREVIOUS'], backend.env());
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'secrets-manager: secret "ci/rotating" (version stage AWSPREVIOUS) not found in us-east-1' });
  });
});

describe('region and endpoint', () => {
  test('an ARN supplies the region when --region is not given', async () => {
    const arn = backend.secretsManager.arnOf('ci/eu', 'eu-west-1');
    const { credentials, logs } = await run([arn], backend.env({ AWS_REGION: 'us-east-1' }));
    expect(credentials?.accessKeyId).toBe('AKIAEUWEST0000000008');
    expect(backend.server.requests.at(-1)?.region).toBe('eu-west-1');
    expect(logs.join('\n')).toContain('in eu-west-1 (from the secret ARN)');
  });

  test('--region, then AWS_REGION, AWS_DEFAULT_REGION, then the profile region', async () => {
    await run(['ci/eu', '--region', 'eu-west-1'], backend.env());
    expect(backend.server.requests.at(-1)?.region).toBe('eu-west-1');
    await run(['ci/eu'], backend.env({ AWS_REGION: undefined, AWS_DEFAULT_REGION: 'eu-west-1' }));
    expect(backend.server.requests.at(-1)?.region).toBe('eu-west-1');
    // AWS_PROFILE=bob: region from [profile bob] (and Bob's keys, see caller.test.ts).
    const fromProfile = await run(['ci/pascal'], backend.env({ AWS_REGION: undefined, AWS_PROFILE: 'bob' }));
    expect(fromProfile.error).toBeUndefined();
    expect(backend.server.requests.at(-1)?.region).toBe('us-east-1');
  });

  test('no region anywhere is a CONFIG error before any request', async () => {
    const before = backend.server.requests.length;
    const { error } = await run(['ci/pascal'], backend.env({ AWS_REGION: undefined }));
    expect(error).toMatchObject({ code: 'CONFIG', message: 'secrets-manager: no AWS region for secret "ci/pascal"' });
    expect(error?.hint).toContain('--region');
    expect(backend.server.requests.length).toBe(before);
  });

  test('AWS_ENDPOINT_URL is honoured when the service-specific variable is absent', async () => {
    const { credentials } = await run(['ci/pascal'], backend.env({ AWS_ENDPOINT_URL_SECRETS_MANAGER: undefined, AWS_ENDPOINT_URL: backend.server.url }));
    expect(credentials?.accessKeyId).toBe(STORED.accessKeyId);
  });

  test('a malformed endpoint URL is a CONFIG error', async () => {
    const { error } = await run(['ci/pascal'], backend.env({ AWS_ENDPOINT_URL_SECRETS_MANAGER: 'not a url' }));
    expect(error).toMatchObject({ code: 'CONFIG', message: 'secrets-manager: AWS_ENDPOINT_URL_SECRETS_MANAGER is not a URL' });
  });
});
