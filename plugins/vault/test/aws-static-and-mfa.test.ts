import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import source from '../src/index.js';
import { runVaultFailure, runVaultSuccess, visibleText } from './helpers.js';

const NOW = new Date('2030-06-01T12:00:00Z');
const now = (): Date => new Date(NOW);
const ROTATION = new Date('2030-06-02T00:00:00Z');
const STATIC_SECRET = 'canary-static-role-secret-9vK2';
let server: VaultTestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startVaultTestServer();
  const { state } = server;
  state.enableSecrets('aws', { type: 'aws' });
  state.addAwsStaticRole('aws', 'app', { accessKey: 'AKIASTATICROLEAPP001', secretKey: STATIC_SECRET, expiration: ROTATION });
  state.addAwsStaticRole('aws', 'norotation', { accessKey: 'AKIASTATICROLEAPP002', secretKey: 'static-2', expiration: null });
  state.addAwsRole('aws', 'mfa', { credentialType: 'session_token', mfaSerialNumber: 'arn:aws:iam::111122223333:mfa/me', mfaCode: '123456', defaultStsTtl: 3600 });
  env = { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' };
});
afterAll(() => server.close());

describe('AWS static roles: <mount>/static-creds/<name> (issue 15 item 7)', () => {
  test('reads the current keys with GET; Expiration is the expiration Vault answers (next rotation)', async () => {
    const credentials = await runVaultSuccess(['aws/static-creds/app'], env, { now });
    expect(credentials).toMatchObject({ accessKeyId: 'AKIASTATICROLEAPP001', secretAccessKey: STATIC_SECRET });
    expect(credentials.sessionToken).toBeUndefined();
    expect(credentials.expiration?.toISOString()).toBe(ROTATION.toISOString());
    expect(server.state.requests.slice(-2).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET sys/internal/ui/mounts/aws/static-creds/app',
      'GET aws/static-creds/app',
    ]);
    expect(credentials.outcome.redactor.redact(STATIC_SECRET)).toBe('[REDACTED]');
  });

  test('--engine aws accepts the static-creds path shape and skips the preflight', async () => {
    const before = server.state.requests.length;
    const credentials = await runVaultSuccess(['--engine', 'aws', 'aws/static-creds/app'], env, { now });
    expect(credentials.accessKeyId).toBe('AKIASTATICROLEAPP001');
    expect(server.state.requests.slice(before).map((request) => request.path)).toEqual(['aws/static-creds/app']);
  });

  test('"expiration": null gives no Expiration (long-term keys)', async () => {
    const credentials = await runVaultSuccess(['aws/static-creds/norotation'], env, { now });
    expect(credentials.expiration).toBeUndefined();
  });

  test('an unknown static role is NOT_FOUND naming it; STS flags are CONFIG', async () => {
    expect(await runVaultFailure(['aws/static-creds/nope'], env)).toMatchObject({ code: 'NOT_FOUND', message: 'vault: no static role "nope" in the AWS secrets engine at aws/' });
    const flags = await runVaultFailure(['aws/static-creds/app', '--ttl', '1h'], env);
    expect(flags).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('static role, which takes no parameters (ttl given)') });
    expect(visibleText(flags)).not.toContain(STATIC_SECRET);
  });
});

describe('session_token roles and --mfa-code (path_user.go: mfa_code → sts:GetSessionToken)', () => {
  test('--mfa-code is sent as mfa_code in the POST body to sts/<role>', async () => {
    const credentials = await runVaultSuccess(['aws/sts/mfa', '--mfa-code', '123456'], env, { now });
    expect(credentials.sessionToken).toBeDefined();
    expect(credentials.expiration?.toISOString()).toBe('2030-06-01T13:00:00.000Z');
    expect(server.state.requests.at(-1)).toMatchObject({ method: 'POST', path: 'aws/sts/mfa', body: { mfa_code: '123456' } });
  });

  test('a missing or wrong code is AUTH saying what to pass', async () => {
    const missing = await runVaultFailure(['aws/sts/mfa'], env);
    expect(missing).toMatchObject({ code: 'AUTH', hint: expect.stringContaining('pass --mfa-code') });
    const wrong = await runVaultFailure(['aws/sts/mfa', '--mfa-code', '654321'], env);
    expect(wrong).toMatchObject({ code: 'AUTH', message: expect.stringContaining('AWS refused the MFA code') });
  });

  test('--mfa-code must be six digits, and is refused for KV engines', () => {
    for (const argv of [
      ['aws/sts/mfa', '--mfa-code', '12345'],
      ['aws/sts/mfa', '--mfa-code', 'abcdef'],
      ['--engine', 'kv1', 'secret/x', '--mfa-code', '123456'],
    ]) {
      expect(() => source.parseArgs({ argv, env })).toThrow(expect.objectContaining({ code: 'USAGE' }));
    }
  });
});
