/**
 * Environment parsing as Vault's api client does it (issue 15, item 6, and the
 * address forms of item 1): VAULT_MAX_RETRIES any uint32, VAULT_CLIENT_TIMEOUT,
 * unix:// addresses, --agent-address, the CA precedence of go-rootcerts.
 */
import { isCredentialError } from '@cred-launch/core';
import { createTestPki, startVaultTestServer, type TestPki, type VaultTestServer } from '@cred-launch/vault-test-server';
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import source from '../src/index.js';
import { runVaultFailure, runVaultSuccess } from './helpers.js';

const parse = (argv: string[], env: Record<string, string> = {}) => source.parseArgs({ argv, env });
function parseError(argv: string[], env: Record<string, string> = {}) {
  try {
    parse(argv, env);
  } catch (error) {
    if (isCredentialError(error)) return error;
    throw error;
  }
  throw new Error('expected parseArgs to throw');
}

describe('parsing', () => {
  test('VAULT_MAX_RETRIES takes any uint32 (strconv.ParseUint(v, 10, 32)), nothing beyond', () => {
    expect(parse(['x/y'], { VAULT_MAX_RETRIES: '11' }).connection.maxRetries).toBe(11);
    expect(parse(['x/y'], { VAULT_MAX_RETRIES: '4294967295' }).connection.maxRetries).toBe(4294967295);
    expect(parseError(['x/y'], { VAULT_MAX_RETRIES: '4294967296' })).toMatchObject({ code: 'CONFIG' });
    expect(parseError(['x/y'], { VAULT_MAX_RETRIES: '-1' })).toMatchObject({ code: 'CONFIG' });
    expect(parseError(['x/y', '--max-retries', 'many'])).toMatchObject({ code: 'USAGE' });
  });

  test('VAULT_CLIENT_TIMEOUT: seconds or a duration (parseutil.ParseDurationSecond); 0 means only --timeout', () => {
    expect(parse(['x/y'], { VAULT_CLIENT_TIMEOUT: '30' }).connection.clientTimeoutSeconds).toBe(30);
    expect(parse(['x/y'], { VAULT_CLIENT_TIMEOUT: '2m' }).connection.clientTimeoutSeconds).toBe(120);
    expect(parse(['x/y'], { VAULT_CLIENT_TIMEOUT: '0' }).connection.clientTimeoutSeconds).toBeUndefined();
    expect(parseError(['x/y'], { VAULT_CLIENT_TIMEOUT: 'soon' })).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('VAULT_CLIENT_TIMEOUT') });
  });

  test('unix:// addresses for VAULT_ADDR and VAULT_AGENT_ADDR (api/client.go ParseAddress)', () => {
    expect(parse(['x/y'], { VAULT_ADDR: 'unix:///run/vault.sock' }).connection).toMatchObject({ address: 'http://localhost', socketPath: '/run/vault.sock' });
    expect(parse(['x/y'], { VAULT_AGENT_ADDR: 'unix://agent.sock' }).connection).toMatchObject({ address: 'http://localhost', socketPath: 'agent.sock', agent: true });
    expect(parse(['x/y'], { VAULT_ADDR: 'unix:///run/vault.sock' }).connection.agent).toBeUndefined();
    expect(parseError(['x/y'], { VAULT_AGENT_ADDR: 'unix://' })).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('VAULT_AGENT_ADDR') });
  });

  test('--agent-address marks an agent; it and --address exclude each other; --address wins over VAULT_AGENT_ADDR', () => {
    expect(parse(['x/y', '--agent-address', 'http://127.0.0.1:8100']).connection).toMatchObject({ address: 'http://127.0.0.1:8100', agent: true });
    expect(parseError(['x/y', '--agent-address', 'http://a:1', '--address', 'http://b:2'])).toMatchObject({ code: 'USAGE' });
    expect(parse(['x/y', '--address', 'http://b:2'], { VAULT_AGENT_ADDR: 'http://a:1' }).connection).toEqual({ address: 'http://b:2', skipVerify: false, maxRetries: 2 });
  });

  test('proxy settings are present only when a proxy variable is set; never for a unix socket', () => {
    expect(parse(['x/y'], { NO_PROXY: 'x' }).connection.proxy).toBeUndefined();
    expect(parse(['x/y'], { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'x' }).connection.proxy).toEqual({ httpsProxy: 'http://p:1', noProxy: 'x' });
    expect(parse(['x/y'], { VAULT_ADDR: 'unix:///s', VAULT_PROXY_ADDR: 'http://p:1' }).connection.proxy).toBeUndefined();
  });
});

describe('CA precedence (go-rootcerts LoadCACerts: file, then bytes, then directory)', () => {
  let server: VaultTestServer;
  let other: TestPki;
  beforeAll(async () => {
    server = await startVaultTestServer({ tls: true });
    server.state.putSecret('secret/aws/dev', { access_key: 'AKIACAORDERCAORDER01', secret_key: 'x' });
    other = await createTestPki({ caName: 'some other CA' });
  });
  afterAll(() => server.close());
  const pki = (): TestPki => server.pki as TestPki;

  test('VAULT_CACERT (the file) wins over VAULT_CACERT_BYTES', async () => {
    const base = { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' };
    expect((await runVaultSuccess(['secret/aws/dev'], { ...base, VAULT_CACERT: pki().caCertFile, VAULT_CACERT_BYTES: other.caCert })).accessKeyId).toBe('AKIACAORDERCAORDER01');
    const error = await runVaultFailure(['secret/aws/dev'], { ...base, VAULT_CACERT: other.caCertFile, VAULT_CACERT_BYTES: pki().caCert });
    expect(error).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('does not trust') });
  });

  test('VAULT_CACERT_BYTES wins over VAULT_CAPATH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-capath-'));
    copyFileSync(other.caCertFile, join(dir, 'other.pem'));
    const credentials = await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: server.url, VAULT_TOKEN: 'root', VAULT_CAPATH: dir, VAULT_CACERT_BYTES: pki().caCert });
    expect(credentials.accessKeyId).toBe('AKIACAORDERCAORDER01');
  });
});
