import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startVaultTestServer, type VaultTestServer } from '../src/index.js';
import { call } from './helpers.js';

let server: VaultTestServer;
const ROTATION = new Date('2031-05-01T12:00:00.000Z');

beforeAll(async () => {
  server = await startVaultTestServer();
  const { state } = server;
  // The usual HCP layout: a child namespace team1 under admin, KV v2 mounted in it.
  state.enableSecrets('secret', { type: 'kv', version: 2 }, { namespace: 'admin/team1' });
  state.putSecret('secret/aws/dev', { access_key: 'AKIATEAMTEAMTEAM0001', secret_key: 'team' }, { namespace: 'admin/team1' });
  state.addToken('admin-token', { namespace: 'admin' });
  state.enableSecrets('aws', { type: 'aws' });
  state.addAwsStaticRole('aws', 'rotated', { accessKey: 'AKIASTATICSTATIC001', secretKey: 'static-secret', expiration: ROTATION });
  state.addAwsStaticRole('aws', 'unknown-rotation', { accessKey: 'AKIASTATICSTATIC002', secretKey: 'static-secret-2', expiration: null });
  state.addAwsRole('aws', 'mfa-session', { credentialType: 'session_token', mfaSerialNumber: 'arn:aws:iam::111122223333:mfa/me', mfaCode: '123456' });
  state.addAwsRole('aws', 'plain-session', { credentialType: 'session_token' });
  state.addToken('no-default-policy', { policies: ['reader'], paths: ['secret/data/*'] });
});
afterAll(() => server.close());

describe('a child namespace written in the path', () => {
  test('the mount preflight answers the mount with its full namespace path in front', async () => {
    const answer = await call(server.url, 'GET', 'sys/internal/ui/mounts/team1/secret/aws/dev', { token: 'admin-token', namespace: 'admin' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ path: 'admin/team1/secret/', type: 'kv', options: { version: '2' } });
    // Asked from the mount's own namespace, the path is the mount's alone.
    const direct = await call(server.url, 'GET', 'sys/internal/ui/mounts/secret/aws/dev', { token: 'admin-token', namespace: 'admin/team1' });
    expect(direct.body.data.path).toBe('secret/');
  });

  test('team1/secret/data/<key> under namespace admin reads the child namespace, and only that', async () => {
    const answer = await call(server.url, 'GET', 'team1/secret/data/aws/dev', { token: 'admin-token', namespace: 'admin' });
    expect(answer.status).toBe(200);
    expect(answer.body.data.data.access_key).toBe('AKIATEAMTEAMTEAM0001');
    // The request the plugin used to make: the namespace twice, no such mount.
    expect((await call(server.url, 'GET', 'admin/team1/secret/data/aws/dev', { token: 'admin-token', namespace: 'admin' })).status).toBe(404);
  });
});

describe('AWS static roles and session_token roles', () => {
  test('static-creds/<name> answers the current keys and the next rotation, without a lease', async () => {
    const answer = await call(server.url, 'GET', 'aws/static-creds/rotated', { token: 'root' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ access_key: 'AKIASTATICSTATIC001', expiration: ROTATION.toISOString(), secret_key: 'static-secret' });
    expect(answer.body.lease_duration).toBe(0);
    expect((await call(server.url, 'GET', 'aws/static-creds/unknown-rotation', { token: 'root' })).body.data.expiration).toBeNull();
    const missing = await call(server.url, 'GET', 'aws/static-creds/nope', { token: 'root' });
    expect(missing).toMatchObject({ status: 404, body: { errors: [] } });
  });

  test('a session_token role with an MFA serial needs the right mfa_code', async () => {
    const refused = await call(server.url, 'POST', 'aws/sts/mfa-session', { token: 'root', body: {} });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toContain('MultiFactorAuthentication failed');
    expect((await call(server.url, 'POST', 'aws/sts/mfa-session', { token: 'root', body: { mfa_code: '000000' } })).status).toBe(400);
    const ok = await call(server.url, 'POST', 'aws/sts/mfa-session', { token: 'root', body: { mfa_code: '123456', ttl: '1h' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ lease_duration: 3600, renewable: false });
    expect(typeof ok.body.data.security_token).toBe('string');
    expect((await call(server.url, 'POST', 'aws/sts/plain-session', { token: 'root', body: {} })).status).toBe(200);
  });
});

describe('lookup-self', () => {
  test('is refused to a valid token without the default policy, as Vault does', async () => {
    expect((await call(server.url, 'GET', 'auth/token/lookup-self', { token: 'no-default-policy' })).status).toBe(403);
    expect((await call(server.url, 'GET', 'auth/token/lookup-self', { token: 'admin-token', namespace: 'admin' })).status).toBe(200);
  });
});
