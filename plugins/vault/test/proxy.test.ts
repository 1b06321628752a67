/**
 * Proxies (issue 15, item 4), through a real CONNECT proxy on loopback
 * (vault-test-server's startConnectTestProxy). "vault.test" resolves only
 * inside the proxy, so a request that reaches Vault by that name went through it.
 */
import { startConnectTestProxy, startVaultTestServer, type ConnectTestProxy, type VaultTestServer } from '@cred-launch/vault-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runVaultFailure, runVaultSuccess, visibleText } from './helpers.js';

let tls: VaultTestServer;
let plain: VaultTestServer;
let proxy: ConnectTestProxy;
let authProxy: ConnectTestProxy;
const port = (url: string): string => new URL(url).port;

beforeAll(async () => {
  tls = await startVaultTestServer({ tls: true });
  plain = await startVaultTestServer();
  for (const server of [tls, plain]) server.state.putSecret('secret/aws/dev', { access_key: 'AKIAPROXYPROXYPROX01', secret_key: 'proxy-secret' });
  proxy = await startConnectTestProxy({ hosts: { 'vault.test': '127.0.0.1' } });
  authProxy = await startConnectTestProxy({ hosts: { 'vault.test': '127.0.0.1' }, credentials: { user: 'alice', password: 'pr0xy-pass-canary' } });
});
afterAll(async () => {
  await Promise.all([tls.close(), plain.close(), proxy.close(), authProxy.close()]);
});

/** TLS to https://vault.test:<port>, verified against the test CA with the certificate's name. */
const tlsEnv = (): Record<string, string> => ({
  VAULT_ADDR: `https://vault.test:${port(tls.url)}`,
  VAULT_TOKEN: 'root',
  VAULT_CACERT_BYTES: tls.pki?.caCert ?? '',
  VAULT_TLS_SERVER_NAME: 'localhost',
  VAULT_MAX_RETRIES: '0',
});

describe('HTTPS_PROXY: a CONNECT tunnel, TLS to Vault inside it', () => {
  test('the run succeeds only through the proxy, which sees CONNECT and never the token', async () => {
    const before = proxy.requests.length;
    const credentials = await runVaultSuccess(['secret/aws/dev'], { ...tlsEnv(), HTTPS_PROXY: proxy.url });
    expect(credentials.accessKeyId).toBe('AKIAPROXYPROXYPROX01');
    const seen = proxy.requests.slice(before);
    expect(seen.map((request) => `${request.method} ${request.target}`)).toEqual([`CONNECT vault.test:${port(tls.url)}`, `CONNECT vault.test:${port(tls.url)}`]);
    expect(seen.every((request) => request.vaultToken === undefined)).toBe(true);
    expect(tls.state.requests.at(-1)?.token).toBe('root');
  });

  test('https_proxy (lower case) works; NO_PROXY bypasses it (and vault.test then does not resolve)', async () => {
    expect((await runVaultSuccess(['secret/aws/dev'], { ...tlsEnv(), https_proxy: proxy.url })).accessKeyId).toBe('AKIAPROXYPROXYPROX01');
    const before = proxy.requests.length;
    const error = await runVaultFailure(['secret/aws/dev'], { ...tlsEnv(), HTTPS_PROXY: proxy.url, NO_PROXY: '.test' });
    expect(error.code).toBe('BACKEND');
    expect(error.message).toMatch(/cannot resolve|ENOTFOUND|EAI_AGAIN/u);
    expect(proxy.requests.length).toBe(before);
  });

  test('a loopback Vault is reached directly, as Go never proxies loopback through HTTPS_PROXY', async () => {
    const before = proxy.requests.length;
    await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: tls.url, VAULT_TOKEN: 'root', VAULT_CACERT_BYTES: tls.pki?.caCert ?? '', HTTPS_PROXY: proxy.url });
    expect(proxy.requests.length).toBe(before);
  });

  test('the certificate is still verified inside the tunnel: an untrusted CA is CONFIG', async () => {
    const env: Record<string, string> = { ...tlsEnv(), HTTPS_PROXY: proxy.url };
    delete env.VAULT_CACERT_BYTES;
    const error = await runVaultFailure(['secret/aws/dev'], env);
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain('CA this machine does not trust');
  });

  test('proxy credentials from the URL are sent as Proxy-Authorization and never shown; wrong ones: CONFIG (407)', async () => {
    const good = `http://alice:pr0xy-pass-canary@127.0.0.1:${port(authProxy.url)}`;
    expect((await runVaultSuccess(['secret/aws/dev'], { ...tlsEnv(), HTTPS_PROXY: good })).accessKeyId).toBe('AKIAPROXYPROXYPROX01');
    const bad = `http://alice:wrong-pass-canary@127.0.0.1:${port(authProxy.url)}`;
    const error = await runVaultFailure(['secret/aws/dev'], { ...tlsEnv(), HTTPS_PROXY: bad });
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain('HTTP 407');
    expect(visibleText(error)).not.toContain('wrong-pass-canary');
  });

  test('a proxy that is not running: BACKEND naming the proxy and the variable', async () => {
    const error = await runVaultFailure(['secret/aws/dev'], { ...tlsEnv(), HTTPS_PROXY: 'http://127.0.0.1:1' });
    expect(error.code).toBe('BACKEND');
    expect(error.message).toContain('through the proxy http://127.0.0.1:1 from HTTPS_PROXY');
  });
});

describe('HTTP_PROXY: plain http in absolute form', () => {
  test('an http:// Vault through HTTP_PROXY: the proxy forwards the request (and, unavoidably, sees the token)', async () => {
    const before = proxy.requests.length;
    const credentials = await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: `http://vault.test:${port(plain.url)}`, VAULT_TOKEN: 'root', HTTP_PROXY: proxy.url });
    expect(credentials.accessKeyId).toBe('AKIAPROXYPROXYPROX01');
    expect(proxy.requests.slice(before).map((request) => request.target)).toEqual([
      `http://vault.test:${port(plain.url)}/v1/sys/internal/ui/mounts/secret/aws/dev`,
      `http://vault.test:${port(plain.url)}/v1/secret/data/aws/dev`,
    ]);
  });
});

describe('VAULT_PROXY_ADDR / VAULT_HTTP_PROXY: every request, loopback included', () => {
  test('VAULT_HTTP_PROXY sends a loopback Vault through the proxy; VAULT_PROXY_ADDR supersedes it', async () => {
    let before = proxy.requests.length;
    await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: tls.url, VAULT_TOKEN: 'root', VAULT_CACERT_BYTES: tls.pki?.caCert ?? '', VAULT_HTTP_PROXY: proxy.url, NO_PROXY: '*' });
    expect(proxy.requests.slice(before).map((request) => request.method)).toEqual(['CONNECT', 'CONNECT']);
    before = proxy.requests.length;
    const error = await runVaultFailure(['secret/aws/dev'], {
      VAULT_ADDR: tls.url,
      VAULT_TOKEN: 'root',
      VAULT_CACERT_BYTES: tls.pki?.caCert ?? '',
      VAULT_HTTP_PROXY: proxy.url,
      VAULT_PROXY_ADDR: 'http://127.0.0.1:1',
    });
    expect(error.message).toContain('from VAULT_PROXY_ADDR');
    expect(proxy.requests.length).toBe(before);
  });
});
