import { createTestPki, startVaultTestServer, type TestPki, type VaultTestServer } from '@cred-launch/vault-test-server';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runVaultFailure, runVaultSuccess } from './helpers.js';

let pki: TestPki;
let mtls: VaultTestServer;
let plainTls: VaultTestServer;

function seed(server: VaultTestServer): void {
  server.state.putSecret('secret/aws/dev', { access_key: 'AKIATLSTLSTLSTLS0001', secret_key: 'tls-secret' });
}

beforeAll(async () => {
  pki = await createTestPki();
  mtls = await startVaultTestServer({ tls: { pki, requireClientCert: true } });
  plainTls = await startVaultTestServer({ tls: { pki } });
  seed(mtls);
  seed(plainTls);
});
afterAll(async () => {
  await mtls.close();
  await plainTls.close();
});

describe('server certificate', () => {
  test('VAULT_CACERT makes the test CA trusted', async () => {
    const credentials = await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: plainTls.url, VAULT_TOKEN: 'root', VAULT_CACERT: pki.caCertFile });
    expect(credentials.accessKeyId).toBe('AKIATLSTLSTLSTLS0001');
  });

  test('VAULT_CAPATH: a directory of CA certificates (other files skipped)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-capath-'));
    copyFileSync(pki.caCertFile, join(dir, 'test-ca.pem'));
    writeFileSync(join(dir, 'README'), 'not a certificate');
    expect((await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: plainTls.url, VAULT_TOKEN: 'root', VAULT_CAPATH: dir })).accessKeyId).toBe('AKIATLSTLSTLSTLS0001');
  });

  test('VAULT_CACERT_BYTES: the PEM text itself; --ca-cert with ~/ expands the home directory', async () => {
    expect((await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: plainTls.url, VAULT_TOKEN: 'root', VAULT_CACERT_BYTES: pki.caCert })).accessKeyId).toBe('AKIATLSTLSTLSTLS0001');
    const home = mkdtempSync(join(tmpdir(), 'vault-home-'));
    copyFileSync(pki.caCertFile, join(home, 'vault-ca.pem'));
    expect((await runVaultSuccess(['secret/aws/dev', '--ca-cert', '~/vault-ca.pem'], { VAULT_ADDR: plainTls.url, VAULT_TOKEN: 'root' }, { homedir: home })).accessKeyId).toBe(
      'AKIATLSTLSTLSTLS0001',
    );
  });

  test('an unknown CA is CONFIG and suggests VAULT_CACERT; no retries for it', async () => {
    const error = await runVaultFailure(['secret/aws/dev'], { VAULT_ADDR: plainTls.url, VAULT_TOKEN: 'root' });
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain('signed by a CA this machine does not trust');
    expect(error.hint).toContain('VAULT_CACERT');
    expect(error.log.join('\n')).not.toContain('retrying');
  });

  test('a certificate for another host name is CONFIG suggesting VAULT_TLS_SERVER_NAME', async () => {
    const error = await runVaultFailure(['secret/aws/dev', '--tls-server-name', 'vault.example.com'], {
      VAULT_ADDR: plainTls.url,
      VAULT_TOKEN: 'root',
      VAULT_CACERT: pki.caCertFile,
    });
    expect(error).toMatchObject({ code: 'CONFIG', hint: expect.stringContaining('VAULT_TLS_SERVER_NAME') });
  });

  test('VAULT_SKIP_VERIFY=true accepts the unknown CA (and says so in debug output)', async () => {
    const credentials = await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: plainTls.url, VAULT_TOKEN: 'root', VAULT_SKIP_VERIFY: 'true' });
    expect(credentials.outcome.log.join('\n')).toContain('TLS verification is off');
  });

  test('a CA file that is not PEM, or missing, is CONFIG naming it', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'vault-bad-ca-')), 'ca.pem');
    writeFileSync(bad, '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    expect(await runVaultFailure(['secret/aws/dev'], { VAULT_ADDR: plainTls.url, VAULT_TOKEN: 'root', VAULT_CACERT: bad })).toMatchObject({ code: 'CONFIG' });
    expect(await runVaultFailure(['secret/aws/dev'], { VAULT_ADDR: plainTls.url, VAULT_TOKEN: 'root', VAULT_CACERT: '/nonexistent/ca.pem' })).toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('/nonexistent/ca.pem'),
    });
  });

  test('https:// against a plain HTTP listener says it does not speak TLS', async () => {
    const plain = await startVaultTestServer();
    try {
      const error = await runVaultFailure(['secret/aws/dev'], { VAULT_ADDR: plain.url.replace('http:', 'https:'), VAULT_TOKEN: 'root', VAULT_MAX_RETRIES: '0' });
      expect(error).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('does not speak TLS') });
    } finally {
      await plain.close();
    }
  });
});

describe('client certificates', () => {
  test('VAULT_CLIENT_CERT and VAULT_CLIENT_KEY are presented to a listener that requires them', async () => {
    const env = { VAULT_ADDR: mtls.url, VAULT_TOKEN: 'root', VAULT_CACERT: pki.caCertFile, VAULT_CLIENT_CERT: pki.clientCertFile, VAULT_CLIENT_KEY: pki.clientKeyFile };
    expect((await runVaultSuccess(['secret/aws/dev'], env)).accessKeyId).toBe('AKIATLSTLSTLSTLS0001');
    expect(mtls.state.requests.at(-1)?.clientCertificate).toBe('vault-test-client');
  });

  test('--client-cert/--client-key flags override the environment', async () => {
    const env = { VAULT_ADDR: mtls.url, VAULT_TOKEN: 'root', VAULT_CACERT: pki.caCertFile, VAULT_CLIENT_CERT: '/nonexistent.pem', VAULT_CLIENT_KEY: '/nonexistent.key' };
    expect((await runVaultSuccess(['secret/aws/dev', '--client-cert', pki.clientCertFile, '--client-key', pki.clientKeyFile], env)).accessKeyId).toBe('AKIATLSTLSTLSTLS0001');
  });

  test('without a client certificate: CONFIG telling to set VAULT_CLIENT_CERT/KEY', async () => {
    const error = await runVaultFailure(['secret/aws/dev'], { VAULT_ADDR: mtls.url, VAULT_TOKEN: 'root', VAULT_CACERT: pki.caCertFile });
    expect(error.code).toBe('CONFIG');
    expect(error.hint).toContain('VAULT_CLIENT_CERT');
    expect(error.log.join('\n')).not.toContain('retrying');
  });

  test('a client certificate from a CA the listener does not trust: the hint points at it', async () => {
    const other = await createTestPki({ caName: 'untrusted client CA' });
    const error = await runVaultFailure(['secret/aws/dev'], {
      VAULT_ADDR: mtls.url,
      VAULT_TOKEN: 'root',
      VAULT_CACERT: pki.caCertFile,
      VAULT_CLIENT_CERT: other.clientCertFile,
      VAULT_CLIENT_KEY: other.clientKeyFile,
      VAULT_MAX_RETRIES: '0',
    });
    expect(error.code).toBe('BACKEND');
    expect(error.hint).toContain('rejected the client certificate');
  });

  test('a key that does not match the certificate is CONFIG before any connection', async () => {
    const other = await createTestPki({ caName: 'other CA' });
    const before = mtls.state.requests.length;
    const error = await runVaultFailure(['secret/aws/dev'], {
      VAULT_ADDR: mtls.url,
      VAULT_TOKEN: 'root',
      VAULT_CACERT: pki.caCertFile,
      VAULT_CLIENT_CERT: pki.clientCertFile,
      VAULT_CLIENT_KEY: other.clientKeyFile,
    });
    expect(error.code).toBe('CONFIG');
    expect(mtls.state.requests.length).toBe(before);
  });
});
