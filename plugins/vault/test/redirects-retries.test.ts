/**
 * 429 with Retry-After and 301/302/307 redirects (issue 15, item 3), the
 * redirect-safety rule (issue 14, item 5), VAULT_MAX_RETRIES as any uint32
 * bounded by the time limit and VAULT_CLIENT_TIMEOUT (issue 15, item 6).
 */
import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { runVaultFailure, runVaultSuccess } from './helpers.js';

let server: VaultTestServer;
let otherHost: VaultTestServer;
const env = (): Record<string, string> => ({ VAULT_ADDR: server.url, VAULT_TOKEN: 'root' });

beforeAll(async () => {
  server = await startVaultTestServer();
  otherHost = await startVaultTestServer({ host: '127.0.0.2' });
  for (const target of [server, otherHost]) target.state.putSecret('secret/aws/dev', { access_key: 'AKIAREDIRECTREDIR001', secret_key: 'redirect-secret' });
});
afterEach(() => {
  for (const target of [server, otherHost]) {
    target.state.hang = false;
    while (target.state.takeFailure()) {
      // drain leftovers of a failed test
    }
  }
});
afterAll(async () => {
  await Promise.all([server.close(), otherHost.close()]);
});

describe('429 rate limit', () => {
  test('retried after the Retry-After seconds, then the answer', async () => {
    server.state.failNext({ rateLimited: true, retryAfterSeconds: 1 });
    const started = Date.now();
    const credentials = await runVaultSuccess(['secret/aws/dev'], env());
    expect(credentials.accessKeyId).toBe('AKIAREDIRECTREDIR001');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(credentials.outcome.log.join('\n')).toMatch(/HTTP 429; retrying in 1000 ms \(as Retry-After asks\)/u);
  });

  test('Retry-After: 0 retries at once; without the header the usual backoff', async () => {
    server.state.failNext({ status: 429, errors: ['request path "x": rate limit quota exceeded'], headers: { 'retry-after': '0' } });
    server.state.failNext({ status: 429, errors: ['request path "x": rate limit quota exceeded'] });
    const credentials = await runVaultSuccess(['secret/aws/dev'], env(), {});
    const lines = credentials.outcome.log.filter((line) => line.includes('retrying'));
    expect(lines[0]).toContain('retrying in 0 ms (as Retry-After asks)');
    expect(lines[1]).not.toContain('Retry-After');
  });

  test("still rate limited after VAULT_MAX_RETRIES: BACKEND with Vault's quota text", async () => {
    server.state.failNext({ rateLimited: true, retryAfterSeconds: 0 }, 3);
    const error = await runVaultFailure(['secret/aws/dev'], { ...env(), VAULT_MAX_RETRIES: '1' });
    expect(error.code).toBe('BACKEND');
    expect(error.message).toContain('rate limit quota exceeded');
  });

  test('a Retry-After longer than the time limit ends with TIMEOUT that says why', async () => {
    server.state.failNext({ rateLimited: true, retryAfterSeconds: 3600 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 600);
    const started = Date.now();
    const error = await runVaultFailure(['secret/aws/dev'], env(), { signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('HTTP 429, rate limited');
  });
});

describe('redirects', () => {
  test.each([301, 302, 307] as const)('%i to the same host (another port) is followed once, token and method kept', async (status) => {
    const sameHost = await startVaultTestServer();
    try {
      sameHost.state.putSecret('secret/aws/dev', { access_key: 'AKIASAMEHOSTSAMEH001', secret_key: 'x' });
      // Each request is redirected on its own (a redirect is not sticky, in Vault's client either): preflight and read.
      server.state.failNext({ redirect: status, to: sameHost.url }, 2);
      const before = sameHost.state.requests.length;
      const credentials = await runVaultSuccess(['secret/aws/dev'], env());
      expect(credentials.accessKeyId).toBe('AKIASAMEHOSTSAMEH001');
      expect(sameHost.state.requests[before]).toMatchObject({ method: 'GET', token: 'root', path: 'sys/internal/ui/mounts/secret/aws/dev' });
      expect(credentials.outcome.log.join('\n')).toContain(`${status} redirect to ${sameHost.url}`);
    } finally {
      await sameHost.close();
    }
  });

  test('only one redirect is followed, as the vault CLI does', async () => {
    const hop = await startVaultTestServer();
    try {
      server.state.failNext({ redirect: 302, to: hop.url });
      hop.state.failNext({ redirect: 302, to: server.url });
      const error = await runVaultFailure(['secret/aws/dev'], env());
      expect(error).toMatchObject({ code: 'BACKEND', message: expect.stringContaining('redirect was not followed') });
    } finally {
      await hop.close();
    }
  });

  test("308 is not followed (Vault's client does not either)", async () => {
    server.state.failNext({ redirect: 308, to: server.url });
    const error = await runVaultFailure(['secret/aws/dev'], env());
    expect(error).toMatchObject({ code: 'BACKEND', message: expect.stringContaining('HTTP 308') });
  });

  test('issue 14: a 307 from 127.0.0.1 to http://127.0.0.2 is refused and the token never reaches it', async () => {
    server.state.failNext({ redirect: 307, to: otherHost.url });
    const before = otherHost.state.requests.length;
    const error = await runVaultFailure(['secret/aws/dev'], env());
    expect(error.code).toBe('BACKEND');
    expect(error.message).toContain('to another host over plain http');
    expect(error.message).toContain('redirect was not followed');
    expect(otherHost.state.requests.length).toBe(before);
  });

  test('a login body (secret_id) is not sent to another host over http either', async () => {
    server.state.enableAuth('approle', 'approle');
    server.state.failNext({ redirect: 307, to: otherHost.url });
    const before = otherHost.state.requests.length;
    const error = await runVaultFailure(['secret/aws/dev', '--auth', 'approle', '--role-id', 'r'], { VAULT_ADDR: server.url, VAULT_SECRET_ID: 'secret-id-canary-77' });
    expect(error.code).toBe('BACKEND');
    expect(otherHost.state.requests.length).toBe(before);
  });

  test('https → http is refused (no downgrade), naming the reason', async () => {
    const tls = await startVaultTestServer({ tls: true });
    try {
      tls.state.failNext({ redirect: 302, to: server.url });
      const before = server.state.requests.length;
      const error = await runVaultFailure(['secret/aws/dev'], { VAULT_ADDR: tls.url, VAULT_TOKEN: 'root', VAULT_CACERT_BYTES: tls.pki?.caCert ?? '' });
      expect(error.message).toContain('protocol downgrade');
      expect(server.state.requests.length).toBe(before);
    } finally {
      await tls.close();
    }
  });

  test('https → https elsewhere (another node, its certificate verified) is followed, as Vault does', async () => {
    const tlsA = await startVaultTestServer({ tls: true });
    const tlsB = await startVaultTestServer({ tls: true });
    try {
      // Two CAs, both trusted through one VAULT_CACERT_BYTES bundle; B's certificate is verified for B's address.
      tlsB.state.putSecret('secret/aws/dev', { access_key: 'AKIATLSOTHERHOST0001', secret_key: 'x' });
      tlsA.state.failNext({ redirect: 307, to: tlsB.url }, 2);
      const bundle = `${tlsA.pki?.caCert ?? ''}\n${tlsB.pki?.caCert ?? ''}`;
      const credentials = await runVaultSuccess(['secret/aws/dev'], { VAULT_ADDR: tlsA.url, VAULT_TOKEN: 'root', VAULT_CACERT_BYTES: bundle });
      expect(credentials.accessKeyId).toBe('AKIATLSOTHERHOST0001');
    } finally {
      await Promise.all([tlsA.close(), tlsB.close()]);
    }
  });
});

describe('VAULT_MAX_RETRIES and VAULT_CLIENT_TIMEOUT', () => {
  test('VAULT_MAX_RETRIES=4294967295 is accepted; the time limit bounds the attempts', async () => {
    server.state.failNext({ status: 500, errors: ['down'] }, 1000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    const started = Date.now();
    const error = await runVaultFailure(['secret/aws/dev'], { ...env(), VAULT_MAX_RETRIES: '4294967295' }, { signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(6000);
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('still retrying after HTTP 500');
  });

  test('VAULT_CLIENT_TIMEOUT ends a call that takes longer, within the time limit', async () => {
    server.state.hang = true;
    const started = Date.now();
    const error = await runVaultFailure(['secret/aws/dev'], { ...env(), VAULT_CLIENT_TIMEOUT: '1' });
    const elapsed = Date.now() - started;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('VAULT_CLIENT_TIMEOUT (1 s)');
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(8000);
  });

  test("the launcher's limit still wins when it is shorter than VAULT_CLIENT_TIMEOUT", async () => {
    server.state.hang = true;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const error = await runVaultFailure(['secret/aws/dev'], { ...env(), VAULT_CLIENT_TIMEOUT: '60s' }, { signal: controller.signal });
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('time limit reached');
  });
});
