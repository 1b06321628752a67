import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import source from '../src/index.js';
import { emptyHome, runVaultFailure, runVaultSuccess, visibleText } from './helpers.js';

const SECRET_ID = 'canary-secret-id-7f3a9c';
const K8S_JWT = 'eyJhbGciOiJSUzI1NiJ9.canary-k8s-sa-token.sig';
const CI_JWT = 'eyJhbGciOiJSUzI1NiJ9.canary-ci-oidc-token.sig';
let server: VaultTestServer;
let files: string;

beforeAll(async () => {
  server = await startVaultTestServer();
  const { state } = server;
  state.putSecret('secret/aws/dev', { access_key: 'AKIADEVDEVDEVDEV0001', secret_key: 'dev-secret' });
  state.enableAuth('approle', 'approle');
  state.addAppRole('approle', {
    roleName: 'ci',
    roleId: 'role-id-ci',
    secretId: SECRET_ID,
    token: { policies: ['ci-read'], paths: ['secret/data/aws/*', 'auth/token/lookup-self'] },
  });
  state.enableAuth('apps/approle', 'approle');
  state.addAppRole('apps/approle', { roleName: 'svc', roleId: 'role-id-svc', secretId: 'svc-secret-id' });
  state.enableAuth('kubernetes', 'kubernetes');
  state.addJwtRole('kubernetes', 'kubernetes', { role: 'app', jwt: K8S_JWT });
  state.enableAuth('jwt', 'jwt');
  state.addJwtRole('jwt', 'jwt', { role: 'gha', jwt: CI_JWT, default: true });
  state.addToken('narrow-token', { policies: ['default', 'other-team'], paths: ['kv/other/*'] });
  state.addToken('expired-token', { ttlSeconds: 60 });
  state.expireToken('expired-token');
  files = mkdtempSync(join(tmpdir(), 'vault-auth-files-'));
  writeFileSync(join(files, 'secret-id'), `${SECRET_ID}\n`);
  writeFileSync(join(files, 'svc-role-id'), 'role-id-svc\n');
  writeFileSync(join(files, 'k8s.jwt'), `${K8S_JWT}\n`);
  writeFileSync(join(files, 'ci.jwt'), CI_JWT);
  writeFileSync(join(files, 'token'), 'root\n');
});
afterAll(() => server.close());

const base = (): Record<string, string> => ({ VAULT_ADDR: server.url });

describe('token', () => {
  test('VAULT_TOKEN is sent as X-Vault-Token', async () => {
    await runVaultSuccess(['secret/aws/dev'], { ...base(), VAULT_TOKEN: 'root' });
    expect(server.state.requests.at(-1)?.token).toBe('root');
  });

  test('~/.vault-token (under the context home directory) when VAULT_TOKEN is unset', async () => {
    const home = emptyHome();
    writeFileSync(join(home, '.vault-token'), 'root\n');
    await runVaultSuccess(['secret/aws/dev'], base(), { homedir: home });
    expect(server.state.requests.at(-1)?.token).toBe('root');
  });

  test('--token-file wins over VAULT_TOKEN; relative paths resolve against cwd', async () => {
    await runVaultSuccess(['secret/aws/dev', '--token-file', 'token'], { ...base(), VAULT_TOKEN: 'expired-token' }, { cwd: files });
    expect(server.state.requests.at(-1)?.token).toBe('root');
  });

  test('no token at all is AUTH with what to do', async () => {
    const before = server.state.requests.length;
    const error = await runVaultFailure(['secret/aws/dev'], base());
    expect(error.code).toBe('AUTH');
    expect(error.hint).toContain('vault login');
    // Nothing is sent to Vault without a token.
    expect(server.state.requests.length).toBe(before);
  });

  test('an expired token: AUTH; lookup-self refused too, so both possible causes are named', async () => {
    const expired = await runVaultFailure(['secret/aws/dev'], { ...base(), VAULT_TOKEN: 'expired-token' });
    expect(expired.code).toBe('AUTH');
    // Issue 15 item 5: a 403 from lookup-self does not prove the token expired.
    expect(expired.hint).toContain('either expired or revoked (run `vault login` again and update VAULT_TOKEN)');
    expect(expired.hint).toContain('or valid but without the `default` policy');
    expect(expired.hint).not.toContain('not valid');
    expect(visibleText(expired)).not.toContain('expired-token');
  });

  test('a valid token without the default policy is not called expired', async () => {
    server.state.addToken('no-default-token', { policies: ['team-a'], paths: ['kv/team-a/*'] });
    // --engine skips the mount preflight, whose 403 has a message of its own.
    const denied = await runVaultFailure(['--engine', 'kv2', '--mount', 'secret', 'aws/dev'], { ...base(), VAULT_TOKEN: 'no-default-token' });
    expect(denied.code).toBe('AUTH');
    expect(denied.hint).toContain('without the `default` policy, which is what allows auth/token/lookup-self');
    expect(denied.hint).toContain('a policy that allows secret/data/aws/dev');
    expect(server.state.requests.at(-1)?.path).toBe('auth/token/lookup-self');
    expect(visibleText(denied)).not.toContain('no-default-token');
    // whoami words the same refusal the same way.
    const command = source.commands?.whoami;
    if (!command) throw new Error('whoami missing');
    const whoamiEnv = { ...base(), VAULT_TOKEN: 'no-default-token' };
    const run = command.run({
      args: command.parseArgs({ argv: [], env: whoamiEnv }),
      env: whoamiEnv,
      signal: new AbortController().signal,
      log: () => undefined,
      secrets: { add: () => undefined },
      now: () => new Date(),
      cwd: process.cwd(),
      homedir: emptyHome(),
    });
    await expect(run).rejects.toMatchObject({
      code: 'AUTH',
      message: 'vault: Vault refused auth/token/lookup-self for the token from VAULT_TOKEN',
      hint: expect.stringContaining('either expired or revoked'),
    });
  });

  test('a valid token without the policy: AUTH naming its policies', async () => {
    server.state.enableSecrets('kv', { type: 'kv', version: 2 });
    server.state.putSecret('kv/aws', { access_key: 'AKIAKVKVKVKVKVKV0001', secret_key: 'kv' });
    const denied = await runVaultFailure(['kv/aws'], { ...base(), VAULT_TOKEN: 'narrow-token' });
    expect(denied.code).toBe('AUTH');
    expect(denied.hint).toContain('policies: default, other-team');
    expect(visibleText(denied)).not.toContain('narrow-token');
  });
});

describe('AppRole', () => {
  test('role_id flag + secret_id file: logs in, then reads with the new token', async () => {
    const before = server.state.requests.length;
    const credentials = await runVaultSuccess(['secret/aws/dev', '--auth', 'approle', '--role-id', 'role-id-ci', '--secret-id-file', join(files, 'secret-id')], base());
    expect(credentials.accessKeyId).toBe('AKIADEVDEVDEVDEV0001');
    const seen = server.state.requests.slice(before);
    expect(seen[0]).toMatchObject({ method: 'POST', path: 'auth/approle/login', body: { role_id: 'role-id-ci', secret_id: SECRET_ID }, token: undefined });
    const issued = seen[1]?.token as string;
    expect(issued).toMatch(/^hvs\./u);
    expect(seen.slice(1).every((request) => request.token === issued)).toBe(true);
    expect(credentials.outcome.redactor.redact(`${issued} ${SECRET_ID}`)).toBe('[REDACTED] [REDACTED]');
  });

  test('VAULT_ROLE_ID and VAULT_SECRET_ID from the environment; --auth-mount', async () => {
    await runVaultSuccess(['secret/aws/dev', '--auth', 'approle'], { ...base(), VAULT_ROLE_ID: 'role-id-ci', VAULT_SECRET_ID: SECRET_ID });
    // A flag (here --role-id-file) wins over VAULT_ROLE_ID.
    await runVaultSuccess(['secret/aws/dev', '--auth', 'approle', '--auth-mount', 'apps/approle', '--role-id-file', join(files, 'svc-role-id')], {
      ...base(),
      VAULT_ROLE_ID: 'ignored',
      VAULT_SECRET_ID: 'svc-secret-id',
    });
    const login = server.state.requests.filter((request) => request.path === 'auth/apps/approle/login').at(-1);
    expect(login?.body).toEqual({ role_id: 'role-id-svc', secret_id: 'svc-secret-id' });
  });

  test('a wrong secret_id is AUTH and shows neither secret', async () => {
    const error = await runVaultFailure(['secret/aws/dev', '--auth', 'approle', '--role-id', 'role-id-ci'], { ...base(), VAULT_SECRET_ID: 'wrong-canary-secret-id' });
    expect(error.code).toBe('AUTH');
    expect(error.message).toBe('vault: AppRole login at auth/approle/login was refused (HTTP 400: invalid role or secret ID)');
    expect(visibleText(error)).not.toContain('wrong-canary-secret-id');
  });

  test('a missing secret_id file is CONFIG naming the file', async () => {
    expect(await runVaultFailure(['secret/aws/dev', '--auth', 'approle', '--role-id', 'r', '--secret-id-file', join(files, 'nope')], base())).toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining(join(files, 'nope')),
    });
  });
});

describe('Kubernetes and JWT', () => {
  test('Kubernetes: role + service account JWT file', async () => {
    await runVaultSuccess(['secret/aws/dev', '--auth', 'kubernetes', '--role', 'app', '--jwt-file', join(files, 'k8s.jwt')], base());
    const login = server.state.requests.find((request) => request.path === 'auth/kubernetes/login');
    expect(login?.body).toEqual({ role: 'app', jwt: K8S_JWT });
  });

  test('Kubernetes: the default token path outside a pod is CONFIG naming it', async () => {
    const error = await runVaultFailure(['secret/aws/dev', '--auth', 'kubernetes', '--role', 'app'], base());
    expect(error).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('/var/run/secrets/kubernetes.io/serviceaccount/token') });
  });

  test('Kubernetes: a rejected JWT is AUTH without the JWT', async () => {
    writeFileSync(join(files, 'forged.jwt'), 'eyJforged.canary-forged-jwt.sig');
    const error = await runVaultFailure(['secret/aws/dev', '--auth', 'kubernetes', '--role', 'app', '--jwt-file', join(files, 'forged.jwt')], base());
    expect(error.code).toBe('AUTH');
    expect(visibleText(error)).not.toContain('canary-forged-jwt');
  });

  test("JWT: the method's default role when --role is absent, or the named role", async () => {
    await runVaultSuccess(['secret/aws/dev', '--auth', 'jwt', '--jwt-file', join(files, 'ci.jwt')], base());
    expect(server.state.requests.filter((request) => request.path === 'auth/jwt/login').at(-1)?.body).toEqual({ jwt: CI_JWT });
    await runVaultSuccess(['secret/aws/dev', '--auth', 'jwt', '--role', 'gha', '--jwt-file', join(files, 'ci.jwt')], base());
    expect(server.state.requests.filter((request) => request.path === 'auth/jwt/login').at(-1)?.body).toEqual({ role: 'gha', jwt: CI_JWT });
  });

  test('JWT: an unknown role is AUTH', async () => {
    expect(await runVaultFailure(['secret/aws/dev', '--auth', 'jwt', '--role', 'nope', '--jwt-file', join(files, 'ci.jwt')], base())).toMatchObject({ code: 'AUTH' });
  });

  test('without a state store shared between runs, each run logs in', async () => {
    const before = server.state.loginCount('jwt');
    await runVaultSuccess(['secret/aws/dev', '--auth', 'jwt', '--jwt-file', join(files, 'ci.jwt')], base());
    await runVaultSuccess(['secret/aws/dev', '--auth', 'jwt', '--jwt-file', join(files, 'ci.jwt')], base());
    expect(server.state.loginCount('jwt')).toBe(before + 2);
  });
});

describe('whoami', () => {
  test('names the identity and policies, never the token', async () => {
    server.state.addToken('whoami-canary-token', { policies: ['default', 'dev'], ttlSeconds: 3600, displayName: 'token-alice' });
    const command = source.commands?.whoami;
    if (!command) throw new Error('whoami missing');
    const args = command.parseArgs({ argv: [], env: { ...base(), VAULT_TOKEN: 'whoami-canary-token' } });
    const abort = new AbortController();
    const text = await command.run({
      args,
      env: { ...base(), VAULT_TOKEN: 'whoami-canary-token' },
      signal: abort.signal,
      log: () => undefined,
      secrets: { add: () => undefined },
      now: () => new Date(),
      cwd: process.cwd(),
      homedir: emptyHome(),
    });
    expect(text).toContain('policies:     default, dev');
    expect(text).toContain('display name: token-alice');
    expect(text).toContain('token from:   VAULT_TOKEN');
    expect(text).not.toContain('whoami-canary-token');
  });
});
