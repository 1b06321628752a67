import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runVaultFailure, runVaultSuccess, visibleText } from './helpers.js';

const NOW = new Date('2030-06-01T12:00:00Z');
const now = (): Date => new Date(NOW);
let server: VaultTestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startVaultTestServer();
  const { state } = server;
  state.enableSecrets('aws', { type: 'aws' });
  state.addAwsRole('aws', 'deploy', { credentialType: 'iam_user', leaseSeconds: 7200 });
  state.addAwsRole('aws', 'dev', { credentialType: 'assumed_role', roleArns: ['arn:aws:iam::111122223333:role/Dev', 'arn:aws:iam::111122223333:role/Ops'] });
  state.addAwsRole('aws', 'single', { credentialType: 'assumed_role', roleArns: ['arn:aws:iam::111122223333:role/Dev'] });
  state.addAwsRole('aws', 'fed', { credentialType: 'federation_token', defaultStsTtl: 1800 });
  state.addAwsRole('aws', 'nolease', { credentialType: 'assumed_role', roleArns: ['arn:aws:iam::111122223333:role/Dev'], noLease: true });
  state.enableSecrets('cloud/aws-prod', { type: 'aws' });
  state.addAwsRole('cloud/aws-prod', 'deploy', { credentialType: 'iam_user', leaseSeconds: 60 });
  env = { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' };
});
afterAll(() => server.close());

describe('AWS secrets engine: creds (iam_user)', () => {
  test('mints keys with Expiration = now + lease_duration and no session token', async () => {
    const credentials = await runVaultSuccess(['aws/creds/deploy'], env, { now });
    expect(credentials.accessKeyId).toMatch(/^AKIA/u);
    expect(credentials.sessionToken).toBeUndefined();
    expect(credentials.expiration?.toISOString()).toBe('2030-06-01T14:00:00.000Z');
    expect(server.state.requests.at(-1)).toMatchObject({ method: 'GET', path: 'aws/creds/deploy', query: {} });
  });

  test('every call mints a new pair (which is why the launcher cache must hold them)', async () => {
    const before = server.state.awsIssued('aws', 'deploy');
    const first = await runVaultSuccess(['aws/creds/deploy'], env, { now });
    const second = await runVaultSuccess(['aws/creds/deploy'], env, { now });
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(server.state.awsIssued('aws', 'deploy')).toBe(before + 2);
  });

  test('the secret key is registered and never logged', async () => {
    const credentials = await runVaultSuccess(['aws/creds/deploy'], env, { now });
    expect(credentials.outcome.redactor.redact(credentials.secretAccessKey)).toBe('[REDACTED]');
    expect(credentials.outcome.log.join('\n')).not.toContain(credentials.secretAccessKey);
  });

  test('nested mounts are detected', async () => {
    const credentials = await runVaultSuccess(['cloud/aws-prod/creds/deploy'], env, { now });
    expect(credentials.expiration?.toISOString()).toBe('2030-06-01T12:01:00.000Z');
  });
});

describe('AWS secrets engine: sts (assumed_role, federation_token)', () => {
  test('assumed role with --ttl, --role-arn and --role-session-name', async () => {
    const credentials = await runVaultSuccess(['aws/sts/dev', '--ttl', '15m', '--role-arn', 'arn:aws:iam::111122223333:role/Ops', '--role-session-name', 'alice'], env, { now });
    expect(credentials.accessKeyId).toMatch(/^ASIA/u);
    expect(credentials.sessionToken).toMatch(/^FwoGZXIvYXdzE/u);
    expect(credentials.expiration?.toISOString()).toBe('2030-06-01T12:15:00.000Z');
    expect(server.state.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: 'aws/sts/dev',
      body: { ttl: '900s', role_arn: 'arn:aws:iam::111122223333:role/Ops', role_session_name: 'alice' },
    });
  });

  test("federation token uses the role's default TTL", async () => {
    const credentials = await runVaultSuccess(['aws/sts/fed'], env, { now });
    expect(credentials.expiration?.toISOString()).toBe('2030-06-01T12:30:00.000Z');
  });

  test('a no_lease role: Expiration from data.ttl', async () => {
    const credentials = await runVaultSuccess(['aws/sts/nolease', '--ttl', '1h'], env, { now });
    expect(credentials.expiration?.toISOString()).toBe('2030-06-01T13:00:00.000Z');
  });

  test('--engine aws skips the mounts preflight', async () => {
    const before = server.state.requests.length;
    await runVaultSuccess(['aws/sts/single', '--engine', 'aws'], env, { now });
    expect(server.state.requests.slice(before).map((request) => request.path)).toEqual(['aws/sts/single']);
  });

  test('creds with parameters sends them as query parameters', async () => {
    await runVaultSuccess(['aws/creds/single', '--ttl', '20m'], env, { now });
    expect(server.state.requests.at(-1)).toMatchObject({ method: 'GET', query: { ttl: '1200s' } });
  });
});

describe('AWS secrets engine errors', () => {
  test('an unknown role is NOT_FOUND naming the role and mount', async () => {
    expect(await runVaultFailure(['aws/creds/nope'], env)).toMatchObject({ code: 'NOT_FOUND', message: 'vault: no role "nope" in the AWS secrets engine at aws/' });
  });

  test("Vault's 400 is CONFIG and shows Vault's reason", async () => {
    const ambiguous = await runVaultFailure(['aws/sts/dev'], env);
    expect(ambiguous.code).toBe('CONFIG');
    expect(ambiguous.message).toContain('did not supply a role_arn parameter');
    const tooShort = await runVaultFailure(['aws/sts/fed', '--ttl', '60s'], env);
    expect(tooShort.message).toContain('greater than or equal to 900');
    expect(tooShort.hint).toContain('vault read aws/roles/fed');
  });

  test('a mount path without creds/ or sts/ is CONFIG', async () => {
    expect(await runVaultFailure(['aws/roles/deploy'], env)).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('does not name a role') });
  });

  test('KV flags on an AWS path and AWS flags on a KV path are CONFIG', async () => {
    expect(await runVaultFailure(['aws/creds/deploy', '--version', '2'], env)).toMatchObject({ code: 'CONFIG' });
    server.state.putSecret('secret/aws/static', { access_key: 'AKIASTATICSTATICS01', secret_key: 'canary-static-secret-123' });
    const error = await runVaultFailure(['secret/aws/static', '--ttl', '1h'], env);
    expect(error).toMatchObject({ code: 'CONFIG' });
    expect(visibleText(error)).not.toContain('canary-static-secret-123');
  });
});
