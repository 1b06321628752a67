/**
 * The network behaviour of issue 15 (items 1, 3, 4, 6, 8) and issue 14 (item 5)
 * as whole processes: the built `cred-launch` bin with this plugin, against
 * the local Vault test server, its agent listener on a unix socket and a real
 * CONNECT proxy. Elapsed times are asserted where the promise is about time.
 */
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCredLaunch } from '@cred-launch/testkit';
import {
  startConnectTestProxy,
  startVaultAgentTestListener,
  startVaultTestServer,
  type ConnectTestProxy,
  type VaultAgentTestListener,
  type VaultTestServer,
} from '@cred-launch/vault-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const BIN = fileURLToPath(new URL('../../../packages/launcher/bin/cred-launch.js', import.meta.url));
const READY =
  existsSync(BIN) &&
  existsSync(fileURLToPath(new URL('../../../packages/launcher/dist', import.meta.url))) &&
  existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)));

let server: VaultTestServer;
let otherHost: VaultTestServer;
let agent: VaultAgentTestListener;
let proxy: ConnectTestProxy;
let tls: VaultTestServer;
let home: string;
let socketPath: string;

/** The launcher with only the variables given here (the developer's VAULT_* and proxies removed). */
async function launch(args: string[], env: Record<string, string | undefined>) {
  const started = Date.now();
  const result = await runCredLaunch(args, {
    launcherBin: BIN,
    env: {
      HOME: home,
      VAULT_ADDR: undefined,
      VAULT_TOKEN: undefined,
      VAULT_AGENT_ADDR: undefined,
      VAULT_NAMESPACE: undefined,
      VAULT_CACERT: undefined,
      VAULT_CONFIG_PATH: undefined,
      HTTPS_PROXY: undefined,
      https_proxy: undefined,
      HTTP_PROXY: undefined,
      http_proxy: undefined,
      NO_PROXY: undefined,
      no_proxy: undefined,
      VAULT_HTTP_PROXY: undefined,
      VAULT_PROXY_ADDR: undefined,
      CRED_LAUNCH_CACHE_DIR: mkdtempSync(join(tmpdir(), 'vault-e2e-net-cache-')),
      ...env,
    },
  });
  return { ...result, elapsed: Date.now() - started };
}

function oneDocument(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string) as Record<string, unknown>;
}

describe.skipIf(!READY)('cred-launch vault: network behaviour as whole processes', () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'vault-e2e-net-home-'));
    server = await startVaultTestServer();
    otherHost = await startVaultTestServer({ host: '127.0.0.2' });
    tls = await startVaultTestServer({ tls: true });
    for (const target of [server, otherHost, tls]) target.state.putSecret('secret/aws/dev', { access_key: 'AKIAE2ENETE2ENETE001', secret_key: 'e2e-net-secret' });
    server.state.addToken('hvs.e2eAgentAutoAuth0000', { paths: ['secret/data/aws/*', 'sys/internal/ui/mounts/*'] });
    socketPath = join(mkdtempSync(join(tmpdir(), 'vault-e2e-agent-')), 'agent.sock');
    agent = await startVaultAgentTestListener({ vaultAddress: server.url, autoAuthToken: 'hvs.e2eAgentAutoAuth0000', socketPath });
    proxy = await startConnectTestProxy({ hosts: { 'vault.test': '127.0.0.1' } });
  });
  afterAll(async () => {
    await Promise.all([server.close(), otherHost.close(), tls.close(), agent.close(), proxy.close()]);
  });

  test('Vault Agent on a unix socket, no token anywhere: one document, exit 0, no token sent by cred-launch', async () => {
    const before = agent.requests.length;
    const result = await launch(['vault', 'secret/aws/dev'], { VAULT_AGENT_ADDR: `unix://${socketPath}` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(oneDocument(result.stdout)).toMatchObject({ Version: 1, AccessKeyId: 'AKIAE2ENETE2ENETE001' });
    expect(agent.requests.slice(before).every((request) => request.clientToken === undefined)).toBe(true);
  });

  test('issue 14: a 307 to http://127.0.0.2 is not followed — exit 69, nothing on stdout, no token there', async () => {
    server.state.failNext({ redirect: 307, to: otherHost.url }, 2);
    const before = otherHost.state.requests.length;
    const result = await launch(['vault', 'secret/aws/dev'], { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' });
    expect(result.code).toBe(69);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('redirect was not followed');
    expect(result.stderr).not.toContain('root');
    expect(otherHost.state.requests.length).toBe(before);
    while (server.state.takeFailure()) {
      // the second injected redirect was never requested
    }
  });

  test('429 with Retry-After: 1 — waited, then the credentials', async () => {
    server.state.failNext({ rateLimited: true, retryAfterSeconds: 1 });
    const result = await launch(['vault', 'secret/aws/dev'], { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' });
    expect(result.code).toBe(0);
    expect(oneDocument(result.stdout).AccessKeyId).toBe('AKIAE2ENETE2ENETE001');
    expect(result.elapsed).toBeGreaterThanOrEqual(1000);
  });

  test('VAULT_MAX_RETRIES=4294967295 against a failing Vault ends at --timeout 2 with 75', async () => {
    const failing = await startVaultTestServer();
    try {
      failing.state.failNext({ status: 500, errors: ['down'] }, 100_000);
      const result = await launch(['--verbose', '--timeout', '2', 'vault', 'secret/aws/dev'], { VAULT_ADDR: failing.url, VAULT_TOKEN: 'root', VAULT_MAX_RETRIES: '4294967295' });
      expect(result.code).toBe(75);
      expect(result.stdout).toBe('');
      expect(result.elapsed).toBeGreaterThanOrEqual(1900);
      // 2 s limit plus process start-up and exit on a loaded 2-core machine.
      expect(result.elapsed).toBeLessThan(8000);
      // It was retrying when the limit ended it (how many attempts fit depends on how fast a loaded machine starts node).
      expect(result.stderr).toContain('(retry 1 of 4294967295)');
      expect(failing.state.requests.length).toBeGreaterThanOrEqual(1);
    } finally {
      await failing.close();
    }
  });

  test('a token helper: its token is used, its stderr never reaches ours; a hanging one ends at --timeout with 75', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-e2e-helper-'));
    const helper = join(dir, 'helper');
    writeFileSync(helper, "#!/bin/sh\necho helper-stderr-canary >&2\nprintf 'root'\n");
    chmodSync(helper, 0o755);
    const ownHome = mkdtempSync(join(tmpdir(), 'vault-e2e-net-home-'));
    writeFileSync(join(ownHome, '.vault'), `token_helper = "${helper}"\n`);
    const ok = await launch(['vault', 'secret/aws/dev'], { HOME: ownHome, VAULT_ADDR: server.url, SHELL: '/bin/sh' });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    expect(oneDocument(ok.stdout).AccessKeyId).toBe('AKIAE2ENETE2ENETE001');

    const hanging = join(dir, 'hanging');
    writeFileSync(hanging, '#!/bin/sh\nsleep 8 & sleep 8\n');
    chmodSync(hanging, 0o755);
    writeFileSync(join(ownHome, '.vault'), `token_helper = "${hanging}"\n`);
    const stuck = await launch(['--timeout', '1', 'vault', 'secret/aws/dev'], { HOME: ownHome, VAULT_ADDR: server.url, SHELL: '/bin/sh' });
    expect(stuck.code).toBe(75);
    expect(stuck.stdout).toBe('');
    expect(stuck.elapsed).toBeLessThan(6000);
  });

  test('HTTPS_PROXY: through a real CONNECT proxy to a name only the proxy resolves', async () => {
    const before = proxy.requests.length;
    const result = await launch(['vault', 'secret/aws/dev'], {
      VAULT_ADDR: `https://vault.test:${new URL(tls.url).port}`,
      VAULT_TOKEN: 'root',
      VAULT_CACERT: tls.pki?.caCertFile,
      VAULT_TLS_SERVER_NAME: 'localhost',
      HTTPS_PROXY: proxy.url,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(oneDocument(result.stdout).AccessKeyId).toBe('AKIAE2ENETE2ENETE001');
    expect(proxy.requests.slice(before).every((request) => request.method === 'CONNECT')).toBe(true);
    expect(proxy.requests.length - before).toBe(2);
  });
});
