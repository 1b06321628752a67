/**
 * Whole-process runs of the built `cred-launch` bin against the local Vault
 * test server, recording which Node built-ins the call loaded (a `--require`
 * hook writes `process.moduleLoadList` at exit): an `http://` address that
 * is a literal IP, a `unix://` Vault Agent socket, or a name with a single
 * address goes through the tcp_wrap/pipe_wrap connection and never loads
 * node:net (why: plugins/vault/README.md, "Start-up cost"); a name with
 * several addresses, or a Node that would warn about process.binding, goes
 * through node:net — the same answer either way. The timing promises over
 * the direct path (time limit against a hanging Vault) are in
 * process-limits.test.ts.
 */
import { lookup } from 'node:dns/promises';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCredLaunch } from '@cred-launch/testkit';
import { startVaultAgentTestListener, startVaultTestServer, type VaultAgentTestListener, type VaultTestServer } from '@cred-launch/vault-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const BIN = fileURLToPath(new URL('../../../packages/launcher/bin/cred-launch.js', import.meta.url));
const READY = existsSync(BIN) && existsSync(fileURLToPath(new URL('../dist/fetch-credentials.js', import.meta.url)));
const SECRET = 'direct-socket-secret-Zk4Qw7';

let server: VaultTestServer;
let agent: VaultAgentTestListener;
let work: string;
let hook: string;

/** Runs a cold KV read (VAULT_ADDR `address`, or other VAULT_* variables); resolves the result and the built-in modules the process loaded. */
async function coldRead(address: string | Record<string, string>, nodeOptions = '') {
  const modules = join(work, `modules-${Math.random().toString(36).slice(2)}.json`);
  const result = await runCredLaunch(['--no-cache', 'vault', 'secret/aws/direct'], {
    launcherBin: BIN,
    env: {
      HOME: work,
      VAULT_TOKEN: 'root',
      VAULT_NAMESPACE: undefined,
      VAULT_AGENT_ADDR: undefined,
      VAULT_CACERT: undefined,
      ...(typeof address === 'string' ? { VAULT_ADDR: address } : address),
      NODE_OPTIONS: `--require ${hook} ${nodeOptions}`.trim(),
      MODULE_LIST_FILE: modules,
    },
  });
  const loaded = JSON.parse(readFileSync(modules, 'utf8')) as string[];
  return { result, loaded };
}

describe.skipIf(!READY)('cred-launch vault over http:// to a literal IP or a unix socket: tcp_wrap/pipe_wrap, node:net never loaded (built bin)', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'vault-direct-socket-'));
    hook = join(work, 'module-list.cjs');
    writeFileSync(hook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULE_LIST_FILE, JSON.stringify(process.moduleLoadList)));\n");
    server = await startVaultTestServer();
    server.state.putSecret('secret/aws/direct', { aws_access_key_id: 'AKIADIRECTTCP0000001', aws_secret_access_key: SECRET });
    agent = await startVaultAgentTestListener({ vaultAddress: server.url, autoAuthToken: 'root', socketPath: join(work, 'agent.sock') });
  });
  afterAll(async () => {
    await agent?.close();
    await server?.close();
  });

  const expected = { Version: 1, AccessKeyId: 'AKIADIRECTTCP0000001', SecretAccessKey: SECRET };

  test('http://127.0.0.1: the credentials, and neither node:net nor node:stream was loaded', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    const { result, loaded } = await coldRead(server.url);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
    expect(loaded).toContain('Internal Binding tcp_wrap');
    expect(loaded).not.toContain('NativeModule net');
    expect(loaded).not.toContain('NativeModule stream');
  });

  test('unix:// VAULT_AGENT_ADDR: the credentials through the agent socket, node:net not loaded', async () => {
    const before = agent.requests.length;
    const { result, loaded } = await coldRead({ VAULT_AGENT_ADDR: `unix://${join(work, 'agent.sock')}` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
    expect(agent.requests.length - before).toBe(2);
    expect(loaded).toContain('Internal Binding pipe_wrap');
    expect(loaded).not.toContain('NativeModule net');
  });

  test('http://localhost (a name): looked up with node:dns; dialled directly when it is one address (node:net otherwise), the same credentials', async () => {
    const addresses = new Set((await lookup('localhost', { all: true })).map((entry) => entry.address));
    const { result, loaded } = await coldRead(server.url.replace('127.0.0.1', 'localhost'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
    expect(loaded).toContain('NativeModule dns');
    if (addresses.size === 1) expect(loaded).not.toContain('NativeModule net');
    else expect(loaded).toContain('NativeModule net');
  });

  test('a name that does not resolve: the same BACKEND error as through node:net', async () => {
    const { result } = await coldRead({ VAULT_ADDR: 'http://no-such-host.invalid:8200', VAULT_MAX_RETRIES: '0' });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/cannot resolve the host of http:\/\/no-such-host\.invalid:8200 \((ENOTFOUND|EAI_AGAIN)\)/u);
  });

  test('--pending-deprecation (process.binding would print DEP0111): node:net, the same credentials, nothing on stderr', async () => {
    const { result, loaded } = await coldRead(server.url, '--pending-deprecation');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
    expect(loaded).toContain('NativeModule net');
  });
});
