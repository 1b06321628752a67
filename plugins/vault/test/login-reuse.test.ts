/**
 * Login tokens (AppRole, Kubernetes, JWT) are kept in the launcher's state
 * store and reused within their lease, instead of a login per `aws` call.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStateStore } from '@cred-launch/core';
import { runCredLaunch } from '@cred-launch/testkit';
import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { keepLogin } from '../src/auth/login-reuse.js';
import type { Session } from '../src/session.js';
import { runVaultSuccess } from './helpers.js';

const BIN = fileURLToPath(new URL('../../../packages/launcher/bin/cred-launch.js', import.meta.url));
const JWT = 'eyJhbGciOiJSUzI1NiJ9.canary-reuse-jwt.sig';
let server: VaultTestServer;
let jwtFile: string;

beforeAll(async () => {
  server = await startVaultTestServer();
  server.state.putSecret('secret/aws/dev', { access_key: 'AKIAREUSEREUSE000001', secret_key: 'reuse-secret-key' });
  server.state.enableAuth('jwt', 'jwt');
  server.state.addJwtRole('jwt', 'jwt', { role: 'ci', jwt: JWT, default: true });
  server.state.addJwtRole('jwt', 'jwt', { role: 'other', jwt: JWT });
  const dir = mkdtempSync(join(tmpdir(), 'vault-reuse-'));
  jwtFile = join(dir, 'ci.jwt');
  writeFileSync(jwtFile, JWT);
});
afterAll(() => server.close());

const args = (role = 'ci'): string[] => ['secret/aws/dev', '--auth', 'jwt', '--role', role, '--jwt-file', jwtFile];
const env = (): Record<string, string> => ({ VAULT_ADDR: server.url });
const logins = (): number => server.state.loginCount('jwt');

describe('login-token reuse through the state store', () => {
  test('a second run with the same store reuses the token: one login', async () => {
    const state = new MemoryStateStore();
    const before = logins();
    await runVaultSuccess(args(), env(), { state });
    const second = await runVaultSuccess(args(), env(), { state });
    expect(second.accessKeyId).toBe('AKIAREUSEREUSE000001');
    expect(logins()).toBe(before + 1);
  });

  test('another role, or another Vault address, never gets that token', async () => {
    const state = new MemoryStateStore();
    const before = logins();
    await runVaultSuccess(args('ci'), env(), { state });
    await runVaultSuccess(args('other'), env(), { state });
    expect(logins()).toBe(before + 2);
    const elsewhere = await startVaultTestServer();
    try {
      elsewhere.state.putSecret('secret/aws/dev', { access_key: 'AKIAELSEWHERE0000001', secret_key: 'x-secret' });
      elsewhere.state.enableAuth('jwt', 'jwt');
      elsewhere.state.addJwtRole('jwt', 'jwt', { role: 'ci', jwt: JWT });
      await runVaultSuccess(args('ci'), { VAULT_ADDR: elsewhere.url }, { state });
      expect(elsewhere.state.loginCount('jwt')).toBe(1);
    } finally {
      await elsewhere.close();
    }
  });

  test('a kept token that Vault refuses (revoked early) is forgotten and the run logs in again', async () => {
    const state = new MemoryStateStore();
    const before = logins();
    await runVaultSuccess(args(), env(), { state });
    const issued = server.state.requests.filter((request) => request.path === 'secret/data/aws/dev').at(-1)?.token;
    expect(issued).toBeDefined();
    server.state.expireToken(issued!);
    const again = await runVaultSuccess(args(), env(), { state });
    expect(again.accessKeyId).toBe('AKIAREUSEREUSE000001');
    expect(logins()).toBe(before + 2);
    await runVaultSuccess(args(), env(), { state });
    expect(logins()).toBe(before + 2);
  });

  test('a token is kept until the last 10% (at least 30 s) of its lease, and never without a lease', () => {
    let clock = new Date('2030-01-01T00:00:00Z');
    const state = new MemoryStateStore(() => clock);
    const session = { state, now: () => clock } as unknown as Session;
    keepLogin(session, 'k', { token: 'hvs.kept', source: 'test', loggedIn: true, leaseSeconds: 3600 });
    clock = new Date('2030-01-01T00:53:59Z');
    expect(state.get('k')).toBe('hvs.kept');
    clock = new Date('2030-01-01T00:54:00Z');
    expect(state.get('k')).toBeUndefined();
    keepLogin(session, 'short', { token: 'hvs.short', source: 'test', loggedIn: true, leaseSeconds: 30 });
    keepLogin(session, 'none', { token: 'hvs.none', source: 'test', loggedIn: true, leaseSeconds: 0 });
    expect(state.get('short')).toBeUndefined();
    expect(state.get('none')).toBeUndefined();
  });
});

describe('through the built launcher', () => {
  test('two `aws` calls log in once; the kept token is in a 0600 state file, never in clear text elsewhere', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'vault-reuse-cache-'));
    const before = logins();
    const run = () => runCredLaunch(['vault', ...args()], { launcherBin: BIN, env: { VAULT_ADDR: server.url, VAULT_TOKEN: undefined, CRED_LAUNCH_CACHE_DIR: cache } });
    const first = await run();
    const second = await run();
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).AccessKeyId).toBe('AKIAREUSEREUSE000001');
    expect(logins()).toBe(before + 1);
    const stateFiles = readdirSync(cache).filter((name) => name.startsWith('state-'));
    expect(stateFiles).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(cache, stateFiles[0]!), 'utf8')).format).toBe('cred-launch-state/1');
    const noCache = await runCredLaunch(['--no-cache', 'vault', ...args()], {
      launcherBin: BIN,
      env: { VAULT_ADDR: server.url, VAULT_TOKEN: undefined, CRED_LAUNCH_CACHE_DIR: cache },
    });
    expect(noCache.code).toBe(0);
    expect(logins()).toBe(before + 2);
  });
});
