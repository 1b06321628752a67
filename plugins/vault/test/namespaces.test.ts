import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mountInPath } from '../src/engines/target.js';
import { runVaultFailure, runVaultSuccess } from './helpers.js';

let server: VaultTestServer;

beforeAll(async () => {
  server = await startVaultTestServer();
  const { state } = server;
  // HCP's usual layout: the token lives in `admin`, teams in child namespaces.
  state.enableSecrets('secret', { type: 'kv', version: 2 }, { namespace: 'admin/team1' });
  state.putSecret('secret/aws/dev', { access_key: 'AKIATEAMTEAMTEAM0001', secret_key: 'team-secret' }, { namespace: 'admin/team1' });
  state.enableSecrets('aws', { type: 'aws' }, { namespace: 'admin/team1' });
  state.addAwsRole('aws', 'deploy', { credentialType: 'assumed_role', roleArns: ['arn:aws:iam::111122223333:role/Deploy'] }, { namespace: 'admin/team1' });
  state.addToken('hcp-admin-token', { namespace: 'admin' });
});
afterAll(() => server.close());

describe('a mount in a child namespace, written in the path (issue 15 item 2)', () => {
  test('VAULT_NAMESPACE=admin and team1/secret/aws/dev: data/ goes after the mount as written, under namespace admin', async () => {
    const before = server.state.requests.length;
    const credentials = await runVaultSuccess(['team1/secret/aws/dev'], { VAULT_ADDR: server.url, VAULT_TOKEN: 'hcp-admin-token', VAULT_NAMESPACE: 'admin' });
    expect(credentials.accessKeyId).toBe('AKIATEAMTEAMTEAM0001');
    const seen = server.state.requests.slice(before).map((request) => [request.namespace, request.path]);
    expect(seen).toEqual([
      ['admin', 'sys/internal/ui/mounts/team1/secret/aws/dev'],
      ['admin', 'team1/secret/data/aws/dev'],
    ]);
    expect(credentials.outcome.log.join('\n')).toContain('answered as admin/team1/secret/');
  });

  test('the same secret with the child namespace in VAULT_NAMESPACE still reads secret/data/aws/dev', async () => {
    const before = server.state.requests.length;
    await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: server.url, VAULT_TOKEN: 'hcp-admin-token', VAULT_NAMESPACE: 'admin/team1' });
    expect(server.state.requests.slice(before).map((request) => request.path)).toEqual(['sys/internal/ui/mounts/secret/aws/dev', 'secret/data/aws/dev']);
  });

  test('an AWS engine in a child namespace: sts/ is requested below the mount as written', async () => {
    const before = server.state.requests.length;
    const credentials = await runVaultSuccess(['team1/aws/sts/deploy'], { VAULT_ADDR: server.url, VAULT_TOKEN: 'hcp-admin-token', VAULT_NAMESPACE: 'admin' });
    expect(credentials.sessionToken).toBeDefined();
    expect(server.state.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET sys/internal/ui/mounts/team1/aws/sts/deploy',
      'POST team1/aws/sts/deploy',
    ]);
  });

  test('a child namespace that does not exist: the preflight 403, reported as no usable mount', async () => {
    const before = server.state.requests.length;
    const error = await runVaultFailure(['team2/secret/aws/dev'], { VAULT_ADDR: server.url, VAULT_TOKEN: 'hcp-admin-token', VAULT_NAMESPACE: 'admin' });
    expect(error).toMatchObject({ code: 'AUTH', message: 'vault: no secrets engine this token may use is mounted at the start of "team2/secret/aws/dev"' });
    expect(server.state.requests.length - before).toBe(1);
  });
});

describe('mountInPath (the vault CLI addPrefixToKVPath, at segment boundaries)', () => {
  test('drops leading namespace segments of the answered mount until it starts the path', () => {
    expect(mountInPath('team1/secret/aws/dev', 'admin/team1/secret/')).toEqual({ mount: 'team1/secret/', key: 'aws/dev' });
    expect(mountInPath('secret/aws/dev', 'admin/team1/secret/')).toEqual({ mount: 'secret/', key: 'aws/dev' });
    expect(mountInPath('secret/aws/dev', 'secret/')).toEqual({ mount: 'secret/', key: 'aws/dev' });
    expect(mountInPath('team1/secret', 'admin/team1/secret/')).toEqual({ mount: 'team1/secret/', key: '' });
  });

  test('never matches inside a segment, and says when nothing matches', () => {
    expect(mountInPath('mysecret/aws', 'secret/')).toBeUndefined();
    expect(mountInPath('other/aws/dev', 'admin/team1/secret/')).toBeUndefined();
  });
});
