import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALICE, BOB, READER_ROLE, STORED, startBackend, run, type Backend } from './helpers.js';

// The server verifies each request's SigV4 signature against the key pair it
// holds for the presented access key id, so a successful read proves which
// credentials the plugin called Secrets Manager with.

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.close();
});

const lastCaller = (): [string | undefined, boolean | undefined] => {
  const request = backend.server.requests.at(-1);
  return [request?.accessKeyId, request?.verified];
};

describe('which credentials call Secrets Manager', () => {
  test('environment keys (default chain) sign the request', async () => {
    const { credentials } = await run(['ci/pascal'], backend.env());
    expect(credentials?.accessKeyId).toBe(STORED.accessKeyId);
    expect(lastCaller()).toEqual([ALICE.accessKeyId, true]);
  });

  test('--source-profile reads that profile from AWS_SHARED_CREDENTIALS_FILE in context.env', async () => {
    const { credentials, logs } = await run(['ci/pascal', '--source-profile', 'bob'], backend.env());
    expect(credentials?.accessKeyId).toBe(STORED.accessKeyId);
    expect(lastCaller()).toEqual([BOB.accessKeyId, true]);
    expect(logs.join('\n')).toContain('calling as --source-profile "bob"');
  });

  test('a secret only Bob may read: AUTH with the environment keys, success with --source-profile bob', async () => {
    const denied = await run(['ci/bob-only'], backend.env());
    expect(denied.error).toMatchObject({ code: 'AUTH', message: 'secrets-manager: access denied reading secret "ci/bob-only" with AWS_ACCESS_KEY_ID from the environment' });
    expect(denied.error?.hint).toContain('secretsmanager:GetSecretValue');
    const allowed = await run(['ci/bob-only', '--source-profile', 'bob'], backend.env());
    expect(allowed.credentials?.accessKeyId).toBe(STORED.accessKeyId);
  });

  test('AWS_PROFILE wins over environment keys, as in the SDK default chain', async () => {
    const { credentials, logs } = await run(['ci/pascal'], backend.env({ AWS_PROFILE: 'bob' }));
    expect(credentials?.accessKeyId).toBe(STORED.accessKeyId);
    expect(lastCaller()).toEqual([BOB.accessKeyId, true]);
    expect(logs.join('\n')).toContain('calling as AWS_PROFILE "bob"');
  });

  test('--source-profile also reads keys kept in the config file (AWS_CONFIG_FILE)', async () => {
    const configFile = join(backend.dir, 'config-static');
    writeFileSync(configFile, `[profile static]\nregion = us-east-1\naws_access_key_id = ${BOB.accessKeyId}\naws_secret_access_key = ${BOB.secretAccessKey}\n`);
    const { credentials } = await run(['ci/pascal', '--source-profile', 'static'], backend.env({ AWS_CONFIG_FILE: configFile }));
    expect(credentials?.accessKeyId).toBe(STORED.accessKeyId);
    expect(lastCaller()).toEqual([BOB.accessKeyId, true]);
  });

  test('a role profile (role_arn + source_profile): the SDK assumes the role via STS, the role session reads the secret', async () => {
    const configFile = join(backend.dir, 'config-role');
    writeFileSync(configFile, `[profile reader]\nrole_arn = ${READER_ROLE}\nsource_profile = bob\nregion = us-east-1\n`);
    const before = backend.server.requests.length;
    const { credentials, error } = await run(['ci/pascal', '--source-profile', 'reader'], backend.env({ AWS_CONFIG_FILE: configFile }));
    expect(error).toBeUndefined();
    expect(credentials?.accessKeyId).toBe(STORED.accessKeyId);
    const calls = backend.server.requests.slice(before).map((request) => [request.operation, request.accessKeyId?.slice(0, 4), request.verified]);
    // Bob's long-term key assumes the role at STS (AWS_ENDPOINT_URL_STS from context.env); the issued ASIA key reads the secret.
    expect(calls).toEqual([
      ['AssumeRole', 'AKIA', true],
      ['GetSecretValue', 'ASIA', true],
    ]);
    expect(backend.server.requests.at(-2)?.accessKeyId).toBe(BOB.accessKeyId);
  });

  test('a --source-profile that does not exist is CONFIG, before any request', async () => {
    const before = backend.server.requests.length;
    const { error } = await run(['ci/pascal', '--source-profile', 'typo'], backend.env());
    expect(error?.code).toBe('CONFIG');
    expect(error?.message).toBe(`secrets-manager: --source-profile "typo" is in neither ${backend.configFile} nor ${backend.credentialsFile}`);
    expect(backend.server.requests.length).toBe(before);
  });

  test('a --source-profile without credentials is AUTH (CredentialsProviderError)', async () => {
    const configFile = join(backend.dir, 'config-empty');
    writeFileSync(configFile, '[profile empty]\nregion = us-east-1\n');
    const { error } = await run(['ci/pascal', '--source-profile', 'empty'], backend.env({ AWS_CONFIG_FILE: configFile }));
    expect(error?.code).toBe('AUTH');
    expect(error?.message).toMatch(/^secrets-manager: no credentials to call Secrets Manager from --source-profile "empty": /u);
    expect(error?.hint).toContain('--source-profile');
  });
});
