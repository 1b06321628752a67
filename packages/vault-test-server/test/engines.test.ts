import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseVaultDuration, startVaultTestServer, type VaultTestServer } from '../src/index.js';
import { call } from './helpers.js';

let server: VaultTestServer;

beforeAll(async () => {
  server = await startVaultTestServer();
  const { state } = server;
  state.enableSecrets('aws', { type: 'aws' });
  state.addAwsRole('aws', 'deploy', { credentialType: 'iam_user', leaseSeconds: 3600 });
  state.addAwsRole('aws', 'assume', { credentialType: 'assumed_role', roleArns: ['arn:aws:iam::111122223333:role/Dev', 'arn:aws:iam::111122223333:role/Ops'] });
  state.addAwsRole('aws', 'federated', { credentialType: 'federation_token' });
  state.addAwsRole('aws', 'nolease', { credentialType: 'assumed_role', roleArns: ['arn:aws:iam::111122223333:role/Dev'], noLease: true });
  state.enableAuth('approle', 'approle');
  state.addAppRole('approle', { roleName: 'ci', roleId: 'role-id-1', secretId: 'secret-id-1', token: { policies: ['ci'], ttlSeconds: 1200 } });
  state.enableAuth('kubernetes', 'kubernetes');
  state.addJwtRole('kubernetes', 'kubernetes', { role: 'app', jwt: 'k8s.jwt.value' });
  state.enableAuth('jwt', 'jwt');
  state.addJwtRole('jwt', 'jwt', { role: 'gha', jwt: 'oidc.jwt.value', default: true });
});
afterAll(() => server.close());

describe('AWS secrets engine', () => {
  test('creds/<role> mints a new IAM key pair with a renewable lease every call', async () => {
    const first = await call(server.url, 'GET', 'aws/creds/deploy', { token: 'root' });
    const second = await call(server.url, 'GET', 'aws/creds/deploy', { token: 'root' });
    expect(first.status).toBe(200);
    expect(first.body.data.access_key).toMatch(/^AKIA[A-Z2-7]{16}$/u);
    expect(first.body.data.security_token).toBeNull();
    expect(first.body).toMatchObject({ lease_duration: 3600, renewable: true });
    expect(first.body.lease_id).toMatch(/^aws\/creds\/deploy\//u);
    expect(second.body.data.access_key).not.toBe(first.body.data.access_key);
    expect(server.state.awsIssued('aws', 'deploy')).toBe(2);
  });

  test('sts/<role> assumes a role with ttl, role_arn and role_session_name', async () => {
    const answer = await call(server.url, 'POST', 'aws/sts/assume', {
      token: 'root',
      body: { ttl: '15m', role_arn: 'arn:aws:iam::111122223333:role/Ops', role_session_name: 'me@example' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.lease_duration).toBe(900);
    expect(answer.body.renewable).toBe(false);
    expect(answer.body.data.access_key).toMatch(/^ASIA/u);
    expect(answer.body.data.security_token).toBeTruthy();
    expect(answer.body.data.arn).toBe('arn:aws:sts::111122223333:assumed-role/Ops/me@example');
  });

  test('rejects what Vault and STS reject, with Vault error bodies', async () => {
    expect(await call(server.url, 'POST', 'aws/sts/assume', { token: 'root' })).toMatchObject({
      status: 400,
      body: { errors: ['did not supply a role_arn parameter and unable to determine one'] },
    });
    const short = await call(server.url, 'GET', 'aws/sts/federated?ttl=60', { token: 'root' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toContain('greater than or equal to 900');
    expect(await call(server.url, 'GET', 'aws/creds/missing', { token: 'root' })).toMatchObject({ status: 400, body: { errors: ['Role "missing" not found'] } });
  });

  test('a no_lease role answers data.ttl and no lease', async () => {
    const answer = await call(server.url, 'GET', 'aws/sts/nolease', { token: 'root' });
    expect(answer.body).toMatchObject({ lease_id: '', lease_duration: 0 });
    expect(answer.body.data.ttl).toBe(3600);
  });

  test('parses TTLs like Vault does', () => {
    expect(parseVaultDuration('1h30m')).toBe(5400);
    expect(parseVaultDuration('900')).toBe(900);
    expect(parseVaultDuration('15m')).toBe(900);
    expect(parseVaultDuration('soon')).toBeUndefined();
  });
});

describe('auth methods', () => {
  test('AppRole login issues a token that then works', async () => {
    const bad = await call(server.url, 'POST', 'auth/approle/login', { body: { role_id: 'role-id-1', secret_id: 'wrong' } });
    expect(bad).toMatchObject({ status: 400, body: { errors: ['invalid role or secret ID'] } });
    const answer = await call(server.url, 'POST', 'auth/approle/login', { body: { role_id: 'role-id-1', secret_id: 'secret-id-1' } });
    expect(answer.status).toBe(200);
    expect(answer.body.auth).toMatchObject({ policies: ['ci'], lease_duration: 1200, renewable: true });
    const token = answer.body.auth.client_token as string;
    expect(token).toMatch(/^hvs\./u);
    expect((await call(server.url, 'GET', 'auth/token/lookup-self', { token })).body.data.policies).toEqual(['ci']);
    expect(server.state.loginCount('approle')).toBe(1);
  });

  test('Kubernetes and JWT login check role and JWT', async () => {
    expect((await call(server.url, 'POST', 'auth/kubernetes/login', { body: { role: 'app', jwt: 'k8s.jwt.value' } })).body.auth.client_token).toBeTruthy();
    expect((await call(server.url, 'POST', 'auth/kubernetes/login', { body: { role: 'app', jwt: 'forged' } })).status).toBe(403);
    expect((await call(server.url, 'POST', 'auth/kubernetes/login', { body: { role: 'nope', jwt: 'x' } })).body.errors).toEqual(['invalid role name "nope"']);
    // The JWT method falls back to its default role.
    expect((await call(server.url, 'POST', 'auth/jwt/login', { body: { jwt: 'oidc.jwt.value' } })).status).toBe(200);
    expect((await call(server.url, 'POST', 'auth/jwt/login', { body: { role: 'gha', jwt: 'forged' } })).status).toBe(400);
  });
});

describe('namespaces', () => {
  test('X-Vault-Namespace selects separate mounts and scopes tokens', async () => {
    const { state } = server;
    state.enableSecrets('team', { type: 'kv', version: 1 }, { namespace: 'eng' });
    state.putSecret('team/aws', { access_key: 'AKIAENG', secret_key: 'eng' }, { namespace: 'eng' });
    state.addToken('eng-token', { namespace: 'eng' });
    const inside = await call(server.url, 'GET', 'team/aws', { token: 'eng-token', namespace: 'eng/' });
    expect(inside.body.data.access_key).toBe('AKIAENG');
    expect((await call(server.url, 'GET', 'team/aws', { token: 'root' })).status).toBe(404);
    // A root-namespace token works in a child namespace; a child token not in the root.
    expect((await call(server.url, 'GET', 'team/aws', { token: 'root', namespace: 'eng' })).status).toBe(200);
    expect((await call(server.url, 'GET', 'secret/data/x', { token: 'eng-token' })).status).toBe(403);
    expect(state.requests.at(-4)?.namespace).toBe('eng');
  });
});
