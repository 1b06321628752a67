import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { runVault, runVaultFailure, runVaultSuccess, visibleText } from './helpers.js';

let server: VaultTestServer;
const env = (): Record<string, string> => ({ VAULT_ADDR: server.url, VAULT_TOKEN: 'root' });

beforeAll(async () => {
  server = await startVaultTestServer();
  server.state.putSecret('secret/aws/dev', { access_key: 'AKIAAVAILAVAILAVA001', secret_key: 'avail-secret' });
});
afterEach(() => {
  server.state.sealed = false;
  server.state.standby = undefined;
  server.state.hang = false;
  while (server.state.takeFailure()) {
    // drain leftovers of a failed test
  }
});
afterAll(() => server.close());

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('headers', () => {
  test('X-Vault-Request on every request; X-Vault-Namespace from VAULT_NAMESPACE or --namespace', async () => {
    server.state.enableSecrets('secret', { type: 'kv', version: 2 }, { namespace: 'team-a' });
    server.state.putSecret('secret/aws/dev', { access_key: 'AKIANAMESPACENAMES01', secret_key: 'ns-secret' }, { namespace: 'team-a' });
    const before = server.state.requests.length;
    expect((await runVaultSuccess(['secret/aws/dev'], { ...env(), VAULT_NAMESPACE: 'team-a' })).accessKeyId).toBe('AKIANAMESPACENAMES01');
    expect((await runVaultSuccess(['secret/aws/dev', '--namespace', 'team-a/'], { ...env(), VAULT_NAMESPACE: 'team-b' })).accessKeyId).toBe('AKIANAMESPACENAMES01');
    const seen = server.state.requests.slice(before);
    expect(seen.every((request) => request.vaultRequestHeader === 'true' && request.namespace === 'team-a')).toBe(true);
    expect((await runVaultSuccess(['secret/aws/dev'], env())).accessKeyId).toBe('AKIAAVAILAVAILAVA001');
    expect(server.state.requests.at(-1)?.namespace).toBe('');
  });
});

describe('retries', () => {
  test('5xx then success: retried with backoff', async () => {
    server.state.failNext({ status: 500, errors: ['internal error'] }, 2);
    const credentials = await runVaultSuccess(['secret/aws/dev'], env());
    expect(credentials.accessKeyId).toBe('AKIAAVAILAVAILAVA001');
    expect(credentials.outcome.log.filter((line) => line.includes('retrying'))).toHaveLength(2);
  });

  test('412 (a performance standby catching up) is retried', async () => {
    server.state.failNext({ status: 412, errors: ['required index state not present'] });
    expect((await runVaultSuccess(['secret/aws/dev'], env())).accessKeyId).toBe('AKIAAVAILAVAILAVA001');
  });

  test('a dropped connection is retried', async () => {
    server.state.failNext({ reset: true });
    expect((await runVaultSuccess(['secret/aws/dev'], env())).accessKeyId).toBe('AKIAAVAILAVAILAVA001');
  });

  test("retries are bounded by VAULT_MAX_RETRIES: then BACKEND with Vault's errors", async () => {
    server.state.failNext({ status: 502, errors: ['upstream <b>failed</b>'] }, 3);
    const before = server.state.requests.length;
    const error = await runVaultFailure(['secret/aws/dev'], { ...env(), VAULT_MAX_RETRIES: '1' });
    expect(error.code).toBe('BACKEND');
    expect(error.message).toContain('HTTP 502: upstream <b>failed</b>');
    expect(server.state.requests.length - before).toBe(2);
  });

  test('4xx is never retried', async () => {
    server.state.failNext({ status: 400, errors: ['bad request'] });
    const error = await runVaultFailure(['secret/aws/dev'], env());
    expect(error.code).toBe('CONFIG');
    expect(error.log.join('\n')).not.toContain('retrying');
  });
});

describe('unavailable Vault', () => {
  test('connection refused: BACKEND naming VAULT_ADDR, after bounded retries', async () => {
    const address = `http://127.0.0.1:${await freePort()}`;
    const error = await runVaultFailure(['secret/aws/dev'], { VAULT_ADDR: address, VAULT_TOKEN: 'root', VAULT_MAX_RETRIES: '1' });
    expect(error).toMatchObject({ code: 'BACKEND', message: `vault: cannot connect to ${address} (connection refused)` });
    expect(error.hint).toContain('VAULT_ADDR');
    expect(error.log.filter((line) => line.includes('ECONNREFUSED; retrying'))).toHaveLength(1);
  });

  test('the default address is https://127.0.0.1:8200, like the vault CLI', async () => {
    const outcome = await runVault(['secret/aws/dev', '--max-retries', '0'], { VAULT_TOKEN: 'root' });
    expect(outcome.error?.message).toContain('https://127.0.0.1:8200');
  });

  test('sealed: BACKEND at once (unsealing takes a person, not a retry)', async () => {
    server.state.sealed = true;
    const error = await runVaultFailure(['secret/aws/dev'], env());
    expect(error).toMatchObject({ code: 'BACKEND', message: `vault: Vault at ${server.url} is sealed` });
    expect(error.hint).toContain('vault operator unseal');
    expect(error.log.join('\n')).not.toContain('retrying');
  });

  test('standby without an active node: BACKEND after retries', async () => {
    server.state.standby = {};
    const error = await runVaultFailure(['secret/aws/dev'], { ...env(), VAULT_MAX_RETRIES: '1' });
    expect(error.code).toBe('BACKEND');
    expect(error.message).toContain('no active Vault instance found');
    expect(error.hint).toContain('active node');
  });

  test('standby with an active node: the 307 is followed, token and all', async () => {
    const standby = await startVaultTestServer();
    try {
      standby.state.standby = { activeAddress: server.url };
      const before = server.state.requests.length;
      const credentials = await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: standby.url, VAULT_TOKEN: 'root' });
      expect(credentials.accessKeyId).toBe('AKIAAVAILAVAILAVA001');
      expect(server.state.requests.slice(before).map((request) => request.token)).toEqual(['root', 'root']);
      expect(credentials.outcome.log.join('\n')).toContain('307 redirect');
    } finally {
      await standby.close();
    }
  });

  test('a redirect from https to http is not followed', async () => {
    const tls = await startVaultTestServer({ tls: true });
    try {
      tls.state.standby = { activeAddress: server.url };
      const before = server.state.requests.length;
      const error = await runVaultFailure(['secret/aws/dev'], { VAULT_ADDR: tls.url, VAULT_TOKEN: 'root', VAULT_CACERT_BYTES: tls.pki?.caCert ?? '' });
      expect(error).toMatchObject({ code: 'BACKEND', message: expect.stringContaining('redirect was not followed') });
      expect(server.state.requests.length).toBe(before);
    } finally {
      await tls.close();
    }
  });
});

describe('abort', () => {
  test('a hanging Vault: the request is aborted as soon as the signal fires (TIMEOUT)', async () => {
    server.state.hang = true;
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const outcome = await runVault(['secret/aws/dev'], env(), { signal: controller.signal });
    expect(outcome.error).toMatchObject({ code: 'TIMEOUT', message: `vault: gave up waiting for ${server.url} (time limit reached)` });
    // Prompt: well under any retry or socket timeout (not a speed test: a bound that proves the abort was honoured).
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('an abort during the retry backoff ends the wait at once', async () => {
    server.state.failNext({ status: 500 }, 5);
    const controller = new AbortController();
    const outcome = runVault(['secret/aws/dev'], { ...env(), VAULT_MAX_RETRIES: '5' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    expect((await outcome).error?.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('Vault error bodies in messages', () => {
  test('are cleaned, redacted and truncated', async () => {
    const secret = 'canary-echoed-secret-id-991';
    server.state.enableAuth('approle', 'approle');
    server.state.failNext({ status: 500, errors: [`1 error occurred:\n\t* could not verify secret_id ${secret}: ${'x'.repeat(400)}\n\n`] });
    const error = await runVaultFailure(['secret/aws/dev', '--auth', 'approle', '--role-id', 'r'], { ...env(), VAULT_SECRET_ID: secret, VAULT_MAX_RETRIES: '0' });
    expect(error.code).toBe('BACKEND');
    expect(error.message).toContain('could not verify secret_id [REDACTED]');
    expect(error.message).not.toContain('1 error occurred');
    expect(error.message.length).toBeLessThan(400);
    expect(visibleText(error)).not.toContain(secret);
  });
});
