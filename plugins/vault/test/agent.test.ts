/**
 * Vault Agent / Vault Proxy auto-auth (issue 15, item 1): with VAULT_AGENT_ADDR
 * and no token, no X-Vault-Token is sent and the agent adds its own; over TCP
 * and over a unix socket (unix:// addresses, for VAULT_ADDR too).
 */
import { startVaultAgentTestListener, startVaultTestServer, type VaultAgentTestListener, type VaultTestServer } from '@cred-launch/vault-test-server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runVaultFailure, runVaultSuccess } from './helpers.js';

let server: VaultTestServer;
let tcpAgent: VaultAgentTestListener;
let socketAgent: VaultAgentTestListener;
let socketPath: string;

beforeAll(async () => {
  server = await startVaultTestServer();
  server.state.addToken('hvs.agentAutoAuth0000000', { paths: ['secret/data/aws/*', 'sys/internal/ui/mounts/*'], policies: ['agent'] });
  server.state.putSecret('secret/aws/dev', { access_key: 'AKIAAGENTAGENTAGEN01', secret_key: 'agent-secret' });
  tcpAgent = await startVaultAgentTestListener({ vaultAddress: server.url, autoAuthToken: 'hvs.agentAutoAuth0000000' });
  socketPath = join(mkdtempSync(join(tmpdir(), 'vault-agent-')), 'agent.sock');
  socketAgent = await startVaultAgentTestListener({ vaultAddress: server.url, autoAuthToken: 'hvs.agentAutoAuth0000000', socketPath });
});
afterAll(async () => {
  await Promise.all([tcpAgent.close(), socketAgent.close(), server.close()]);
});

describe('Vault Agent auto-auth', () => {
  test('VAULT_AGENT_ADDR and no token anywhere: requests carry no X-Vault-Token; the agent adds its own', async () => {
    const before = tcpAgent.requests.length;
    const credentials = await runVaultSuccess(['secret/aws/dev'], { VAULT_AGENT_ADDR: tcpAgent.address, VAULT_ADDR: 'https://vault.invalid:8200' });
    expect(credentials.accessKeyId).toBe('AKIAAGENTAGENTAGEN01');
    const seen = tcpAgent.requests.slice(before);
    expect(seen.length).toBe(2);
    expect(seen.every((request) => request.clientToken === undefined && request.forwardedToken === 'hvs.agentAutoAuth0000000')).toBe(true);
    expect(server.state.requests.at(-1)?.token).toBe('hvs.agentAutoAuth0000000');
  });

  test('a token the user has is still sent (the agent forwards it)', async () => {
    const before = tcpAgent.requests.length;
    await runVaultSuccess(['secret/aws/dev'], { VAULT_AGENT_ADDR: tcpAgent.address, VAULT_TOKEN: 'root' });
    expect(tcpAgent.requests.slice(before).map((request) => request.clientToken)).toEqual(['root', 'root']);
  });

  test('--agent-address works like VAULT_AGENT_ADDR', async () => {
    expect((await runVaultSuccess(['secret/aws/dev', '--agent-address', tcpAgent.address], {})).accessKeyId).toBe('AKIAAGENTAGENTAGEN01');
  });

  test('unix:// VAULT_AGENT_ADDR: the socket is dialled and Host is localhost', async () => {
    const before = socketAgent.requests.length;
    const credentials = await runVaultSuccess(['secret/aws/dev'], { VAULT_AGENT_ADDR: `unix://${socketPath}` });
    expect(credentials.accessKeyId).toBe('AKIAAGENTAGENTAGEN01');
    expect(socketAgent.requests.slice(before).map((request) => request.path)).toEqual(['/v1/sys/internal/ui/mounts/secret/aws/dev', '/v1/secret/data/aws/dev']);
  });

  test('unix:// VAULT_ADDR works too (with a token, as it is not marked as an agent)', async () => {
    expect((await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: `unix://${socketPath}`, VAULT_TOKEN: 'root' })).accessKeyId).toBe('AKIAAGENTAGENTAGEN01');
    const error = await runVaultFailure(['secret/aws/dev'], { VAULT_ADDR: `unix://${socketPath}` });
    expect(error.code).toBe('AUTH');
    expect(error.hint).toContain('VAULT_AGENT_ADDR');
  });

  test('a missing socket file is BACKEND naming the address', async () => {
    const error = await runVaultFailure(['secret/aws/dev'], { VAULT_AGENT_ADDR: `unix://${socketPath}.missing`, VAULT_MAX_RETRIES: '0' });
    expect(error).toMatchObject({ code: 'BACKEND', message: `vault: no socket at unix://${socketPath}.missing` });
    expect(error.hint).toContain('VAULT_AGENT_ADDR');
  });

  test('without an agent and without a token: AUTH before any request, with a hint about agents', async () => {
    const before = server.state.requests.length;
    const error = await runVaultFailure(['secret/aws/dev'], { VAULT_ADDR: server.url });
    expect(error).toMatchObject({ code: 'AUTH', message: expect.stringContaining('no Vault token') });
    expect(server.state.requests.length).toBe(before);
  });
});
