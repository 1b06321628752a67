import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import source from '../src/index.js';
import { runVaultSuccess } from './helpers.js';

let server: VaultTestServer;

beforeAll(async () => {
  server = await startVaultTestServer();
  server.state.putSecret('secret/a..b/dev', { access_key: 'AKIADOTSDOTSDOTS0001', secret_key: 'dots' });
});
afterAll(() => server.close());

const env = { VAULT_ADDR: 'http://127.0.0.1:1', VAULT_TOKEN: 'root' };

function usageError(argv: readonly string[], extraEnv: Record<string, string> = {}): { code: string; message: string } {
  try {
    source.parseArgs({ argv, env: { ...env, ...extraEnv } });
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('no path escape (issue 14 item 6): "." and ".." segments are USAGE (64) before any request', () => {
  test('in the secret path, plain and percent-encoded', () => {
    const paths = [
      '../../sys/seal',
      'secret/../sys/seal',
      'secret/./aws',
      'secret/%2e%2e/sys/seal',
      'secret/%2E%2e/x',
      'secret/%252e%252e/sys',
      'secret/..%2f..%2fsys/seal',
      'secret/aws/..',
    ];
    for (const path of paths) expect(usageError([path])).toMatchObject({ code: 'USAGE', message: expect.stringContaining('the secret path has a') });
  });

  test('in --mount (the issue: --engine kv2 --mount secret ../../sys/seal), --auth-mount and --namespace', () => {
    expect(usageError(['--engine', 'kv2', '--mount', 'secret', '../../sys/seal'])).toMatchObject({ code: 'USAGE' });
    expect(usageError(['--mount', 'secret/..', 'x'])).toMatchObject({ code: 'USAGE', message: expect.stringContaining('--mount has a ".." segment') });
    expect(usageError(['--auth', 'approle', '--auth-mount', '../sys', '--role-id', 'r', 'secret/x'], { VAULT_SECRET_ID: 's' })).toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('--auth-mount'),
    });
    expect(usageError(['--namespace', 'admin/..', 'secret/x'])).toMatchObject({ code: 'USAGE', message: expect.stringContaining('--namespace') });
    expect(usageError(['--engine', 'aws', 'aws/%2e%2e/creds/x'])).toMatchObject({ code: 'USAGE' });
  });

  test('VAULT_NAMESPACE with a ".." segment is CONFIG (fixed in the environment); whoami checks it too', () => {
    expect(usageError(['secret/x'], { VAULT_NAMESPACE: 'admin/../root' })).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('VAULT_NAMESPACE') });
    const whoami = source.commands?.whoami;
    expect(() => whoami?.parseArgs({ argv: ['--namespace', '..'], env })).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  test('names that merely contain dots are read as written', async () => {
    const before = server.state.requests.length;
    const credentials = await runVaultSuccess(['secret/a..b/dev'], { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' });
    expect(credentials.accessKeyId).toBe('AKIADOTSDOTSDOTS0001');
    expect(server.state.requests.slice(before).map((request) => request.path)).toEqual(['sys/internal/ui/mounts/secret/a..b/dev', 'secret/data/a..b/dev']);
  });
});
