import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runVaultFailure, runVaultSuccess, visibleText } from './helpers.js';

const CANARY = 'canary-kv-secret-Zq9wX2vB7';
let server: VaultTestServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startVaultTestServer();
  const { state } = server;
  state.putSecret('secret/aws/dev', { aws_access_key_id: 'AKIAOLDOLDOLDOLD0001', aws_secret_access_key: 'old-secret' });
  state.putSecret('secret/aws/dev', { aws_access_key_id: 'AKIADEVDEVDEVDEV0002', aws_secret_access_key: CANARY, region: 'eu-west-1' });
  state.putSecret('secret/aws/dev', { aws_access_key_id: 'AKIANEWNEWNEWNEW0003', aws_secret_access_key: 'newest' });
  state.deleteVersions('secret/aws/dev', [3]);
  state.destroyVersions('secret/aws/dev', [1]);
  state.putSecret('secret/aws/temp', { AccessKeyId: 'ASIATEMPTEMPTEMP0004', SecretAccessKey: 'temp-secret', SessionToken: 'temp-token', Expiration: '2099-01-01T00:00:00Z' });
  state.putSecret('secret/aws/custom', { deploy_id: 'AKIACUSTOMCUSTOM0005', deploy_key: CANARY });
  state.putSecret('secret/aws/incomplete', { aws_access_key_id: 'AKIAINCOMPLETEINC006', note: CANARY });
  state.putSecret('secret/aws/stale', { access_key: 'AKIASTALESTALESTA007', secret_key: CANARY, expiration: '2001-01-01T00:00:00Z' });
  state.enableSecrets('kv1', { type: 'kv', version: 1 });
  state.putSecret('kv1/aws/prod', { access_key: 'AKIAPRODPRODPRODP008', secret_key: 'prod-secret' });
  state.enableSecrets('team/kv', { type: 'kv', version: 2 });
  state.putSecret('team/kv/aws', { access_key: 'AKIANESTEDNESTEDN009', secret_key: 'nested-secret' });
  state.enableSecrets('custom-engine', { type: 'my-plugin' });
  state.putSecret('custom-engine/creds', { access_key: 'AKIAPLUGINPLUGINP010', secret_key: 'plugin-secret' });
  env = { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' };
});
afterAll(() => server.close());

describe('KV v2', () => {
  test('detects the mount like `vault kv get` and reads the --version asked for', async () => {
    // Version 3 is deleted, so "latest" is a 404 with metadata; read a live one by number.
    const credentials = await runVaultSuccess(['secret/aws/dev', '--version', '2'], env);
    expect(credentials).toMatchObject({ accessKeyId: 'AKIADEVDEVDEVDEV0002', secretAccessKey: CANARY });
    expect(credentials.expiration).toBeUndefined();
    const paths = server.state.requests.slice(-2).map((request) => `${request.path}?${new URLSearchParams(request.query).toString()}`);
    expect(paths).toEqual(['sys/internal/ui/mounts/secret/aws/dev?', 'secret/data/aws/dev?version=2']);
  });

  test('a deleted version is NOT_FOUND naming the version and how to undelete it', async () => {
    const error = await runVaultFailure(['secret/aws/dev'], env);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/^vault: version 3 of secret\/aws\/dev was deleted at \d{4}-/u);
    expect(error.hint).toContain('vault kv undelete -versions=3 secret/aws/dev');
  });

  test('a destroyed version and a missing version are NOT_FOUND', async () => {
    expect(await runVaultFailure(['secret/aws/dev', '--version', '1'], env)).toMatchObject({ code: 'NOT_FOUND', message: 'vault: version 1 of secret/aws/dev was destroyed' });
    expect(await runVaultFailure(['secret/aws/dev', '--version', '9'], env)).toMatchObject({ code: 'NOT_FOUND', message: 'vault: no secret at secret/aws/dev (version 9)' });
  });

  test('a missing secret is NOT_FOUND naming the path; a data/ path gets a hint', async () => {
    const missing = await runVaultFailure(['secret/aws/nope'], env);
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: 'vault: no secret at secret/aws/nope' });
    const withData = await runVaultFailure(['secret/data/aws/dev'], env);
    expect(withData.hint).toContain('without data/');
  });

  test('temporary credentials with session token and expiration', async () => {
    const credentials = await runVaultSuccess(['secret/aws/temp'], env);
    expect(credentials).toMatchObject({ accessKeyId: 'ASIATEMPTEMPTEMP0004', sessionToken: 'temp-token' });
    expect(credentials.expiration?.toISOString()).toBe('2099-01-01T00:00:00.000Z');
  });

  test('nested mounts and --mount', async () => {
    expect((await runVaultSuccess(['team/kv/aws'], env)).accessKeyId).toBe('AKIANESTEDNESTEDN009');
    expect((await runVaultSuccess(['aws', '--mount', 'team/kv'], env)).accessKeyId).toBe('AKIANESTEDNESTEDN009');
  });

  test('--engine kv2 --mount skips the mounts preflight', async () => {
    const before = server.state.requests.length;
    expect((await runVaultSuccess(['aws/temp', '--engine', 'kv2', '--mount', 'secret'], env)).accessKeyId).toBe('ASIATEMPTEMPTEMP0004');
    expect(server.state.requests.slice(before).map((request) => request.path)).toEqual(['secret/data/aws/temp']);
  });
});

describe('KV v1 and other engines', () => {
  test('reads KV v1 at the path itself and ignores its 768h lease', async () => {
    const credentials = await runVaultSuccess(['kv1/aws/prod'], env);
    expect(credentials).toMatchObject({ accessKeyId: 'AKIAPRODPRODPRODP008', secretAccessKey: 'prod-secret' });
    expect(credentials.expiration).toBeUndefined();
    expect(server.state.requests.at(-1)?.path).toBe('kv1/aws/prod');
  });

  test('--engine kv1 on a v2 mount explains the mismatch', async () => {
    const error = await runVaultFailure(['secret/aws/temp', '--engine', 'kv1'], env);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('KV v2') });
  });

  test('an engine of another type is read as a plain path through the field mapping', async () => {
    expect((await runVaultSuccess(['custom-engine/creds'], env)).accessKeyId).toBe('AKIAPLUGINPLUGINP010');
  });

  test('--version on a KV v1 mount is CONFIG', async () => {
    expect(await runVaultFailure(['kv1/aws/prod', '--version', '2'], env)).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('KV v1') });
  });
});

describe('field mapping', () => {
  test('--access-key-field / --secret-key-field name the fields', async () => {
    const credentials = await runVaultSuccess(['secret/aws/custom', '--access-key-field', 'deploy_id', '--secret-key-field', 'deploy_key'], env);
    expect(credentials).toMatchObject({ accessKeyId: 'AKIACUSTOMCUSTOM0005', secretAccessKey: CANARY });
  });

  test('a missing field is INVALID_SECRET naming the path and fields, never a value', async () => {
    // Issue 14 item 7: the secret was read but lacks a key field — INVALID_SECRET (65), as in every plugin.
    const missing = await runVaultFailure(['secret/aws/incomplete'], env);
    expect(missing.code).toBe('INVALID_SECRET');
    expect(missing.message).toBe('vault: secret/aws/incomplete has no secret access key');
    expect(missing.hint).toContain('aws_access_key_id, note');
    expect(visibleText(missing)).not.toContain(CANARY);
    const named = await runVaultFailure(['secret/aws/custom', '--access-key-field', 'nope'], env);
    expect(named).toMatchObject({ code: 'INVALID_SECRET', message: 'vault: secret/aws/custom has no field "nope" (asked for as accessKeyId)' });
    expect(visibleText(named)).not.toContain(CANARY);
  });

  test('stale stored credentials are INVALID_SECRET without the values', async () => {
    const stale = await runVaultFailure(['secret/aws/stale'], env);
    expect(stale.code).toBe('INVALID_SECRET');
    expect(visibleText(stale)).not.toContain(CANARY);
  });

  test('every value of the secret is registered for redaction', async () => {
    const { outcome } = await runVaultSuccess(['secret/aws/dev', '--version', '2'], env);
    expect(outcome.redactor.redact(`x ${CANARY} eu-west-1 root`)).toBe('x [REDACTED] [REDACTED] [REDACTED]');
    expect(outcome.log.join('\n')).not.toContain(CANARY);
  });
});
