import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startVaultTestServer, type VaultTestServer } from '../src/index.js';
import { call } from './helpers.js';

let server: VaultTestServer;

beforeAll(async () => {
  server = await startVaultTestServer();
  server.state.enableSecrets('kv1', { type: 'kv', version: 1 });
  server.state.putSecret('kv1/aws/dev', { aws_access_key_id: 'AKIAV1', aws_secret_access_key: 'v1secret' });
  server.state.putSecret('secret/aws/dev', { access_key: 'AKIAONE', secret_key: 'one' });
  server.state.putSecret('secret/aws/dev', { access_key: 'AKIATWO', secret_key: 'two' });
  server.state.putSecret('secret/aws/dev', { access_key: 'AKIATHREE', secret_key: 'three' });
  server.state.deleteVersions('secret/aws/dev', [2]);
  server.state.destroyVersions('secret/aws/dev', [1]);
});
afterAll(() => server.close());

describe('sys/internal/ui/mounts/<path>', () => {
  test('names the mount and its KV version', async () => {
    const v2 = await call(server.url, 'GET', 'sys/internal/ui/mounts/secret/aws/dev', { token: 'root' });
    expect(v2.status).toBe(200);
    expect(v2.body.data).toMatchObject({ path: 'secret/', type: 'kv', options: { version: '2' } });
    const v1 = await call(server.url, 'GET', 'sys/internal/ui/mounts/kv1/aws/dev', { token: 'root' });
    expect(v1.body.data).toMatchObject({ path: 'kv1/', type: 'kv', options: { version: '1' } });
  });

  test('answers 403 for a path under no mount and without a token', async () => {
    const none = await call(server.url, 'GET', 'sys/internal/ui/mounts/nowhere/x', { token: 'root' });
    expect(none.status).toBe(403);
    expect(none.body.errors[0]).toContain('preflight capability check returned 403');
    const anonymous = await call(server.url, 'GET', 'sys/internal/ui/mounts/secret/aws/dev');
    expect(anonymous).toMatchObject({ status: 403, body: { errors: ['permission denied'] } });
  });
});

describe('KV v2', () => {
  test('reads the current version with data and metadata', async () => {
    const answer = await call(server.url, 'GET', 'secret/data/aws/dev', { token: 'root' });
    expect(answer.status).toBe(200);
    expect(answer.body.data.data).toEqual({ access_key: 'AKIATHREE', secret_key: 'three' });
    expect(answer.body.data.metadata).toMatchObject({ version: 3, deletion_time: '', destroyed: false });
    expect(answer.body.lease_duration).toBe(0);
  });

  test('answers a deleted or destroyed version with 404 and its metadata', async () => {
    const deleted = await call(server.url, 'GET', 'secret/data/aws/dev?version=2', { token: 'root' });
    expect(deleted.status).toBe(404);
    expect(deleted.body.data.data).toBeNull();
    expect(deleted.body.data.metadata.deletion_time).not.toBe('');
    const destroyed = await call(server.url, 'GET', 'secret/data/aws/dev?version=1', { token: 'root' });
    expect(destroyed.status).toBe(404);
    expect(destroyed.body.data.metadata).toMatchObject({ destroyed: true, version: 1 });
  });

  test('answers a missing key or version with 404 and an empty errors list', async () => {
    expect(await call(server.url, 'GET', 'secret/data/nope', { token: 'root' })).toMatchObject({ status: 404, body: { errors: [] } });
    expect(await call(server.url, 'GET', 'secret/data/aws/dev?version=9', { token: 'root' })).toMatchObject({ status: 404, body: { errors: [] } });
  });

  test('warns about a v1-style path on a v2 mount', async () => {
    const answer = await call(server.url, 'GET', 'secret/aws/dev', { token: 'root' });
    expect(answer.status).toBe(404);
    expect(answer.body.warnings[0]).toContain('Invalid path for a versioned K/V secrets engine');
  });
});

describe('KV v1', () => {
  test('reads data with the 768h refresh interval as lease_duration', async () => {
    const answer = await call(server.url, 'GET', 'kv1/aws/dev', { token: 'root' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ aws_access_key_id: 'AKIAV1', aws_secret_access_key: 'v1secret' });
    expect(answer.body.lease_duration).toBe(2764800);
  });
});

describe('tokens and ACL', () => {
  test('denies paths outside the token policy and expired tokens', async () => {
    server.state.addToken('narrow', { paths: ['secret/data/aws/*'], policies: ['aws-read'] });
    expect((await call(server.url, 'GET', 'secret/data/aws/dev', { token: 'narrow' })).status).toBe(200);
    expect(await call(server.url, 'GET', 'kv1/aws/dev', { token: 'narrow' })).toMatchObject({ status: 403, body: { errors: ['permission denied'] } });
    server.state.addToken('short', { ttlSeconds: 60 });
    expect((await call(server.url, 'GET', 'secret/data/aws/dev', { token: 'short' })).status).toBe(200);
    server.state.expireToken('short');
    expect((await call(server.url, 'GET', 'secret/data/aws/dev', { token: 'short' })).status).toBe(403);
  });

  test('lookup-self describes the token', async () => {
    server.state.addToken('looked-up', { policies: ['default', 'dev'], ttlSeconds: 600 });
    const answer = await call(server.url, 'GET', 'auth/token/lookup-self', { token: 'looked-up' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ id: 'looked-up', policies: ['default', 'dev'], renewable: true });
    expect(answer.body.data.ttl).toBeGreaterThan(590);
    expect((await call(server.url, 'GET', 'auth/token/lookup-self', { token: 'unknown' })).status).toBe(403);
  });

  test('records what it received, X-Vault-Request included', async () => {
    const before = server.state.requests.length;
    await call(server.url, 'GET', 'secret/data/aws/dev?version=3', { token: 'root' });
    const seen = server.state.requests[before];
    expect(seen).toMatchObject({ method: 'GET', path: 'secret/data/aws/dev', query: { version: '3' }, token: 'root', vaultRequestHeader: 'true' });
  });
});
