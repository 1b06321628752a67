/**
 * The published cred-launch conformance suite (@cred-launch/testkit), run on
 * this plugin against the local Vault test server: a KV v2 secret for the
 * valid run, a missing path, a revoked token, and a second server that
 * accepts requests and never answers (the AbortSignal must end the wait).
 */
import { sourceTestSuite } from '@cred-launch/testkit';
import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { afterAll, beforeAll, test } from 'vitest';
import source from '../src/index.js';
import { emptyHome } from './helpers.js';

const CANARY = 'canary-conformance-secret-K3v9Q';
let server: VaultTestServer;
let hanging: VaultTestServer;
const home = emptyHome();

beforeAll(async () => {
  server = await startVaultTestServer();
  server.state.putSecret('secret/aws/dev', { aws_access_key_id: 'AKIACONFORMANCE00001', aws_secret_access_key: CANARY, aws_session_token: 'conformance-session' });
  server.state.addToken('revoked-token');
  server.state.expireToken('revoked-token');
  hanging = await startVaultTestServer();
  hanging.state.hang = true;
});
afterAll(async () => {
  await server.close();
  await hanging.close();
});

sourceTestSuite(test, () => source, () => ({
  valid: { argv: ['secret/aws/dev'], env: { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' }, expect: { accessKeyId: 'AKIACONFORMANCE00001', sessionToken: true, expiration: false } },
  usageErrors: [
    { argv: [] },
    { argv: ['a', 'b'] },
    { argv: ['secret/aws/dev', '--engine', 'kv3'] },
    { argv: ['secret/aws/dev', '--version', 'latest'] },
    { argv: ['secret/aws/dev', '--auth', 'approle'] },
    { argv: ['secret/aws/dev', '--address', 'not-a-url'] },
    { argv: ['secret/aws/dev', '--bogus'] },
  ],
  notFound: { argv: ['secret/aws/missing'], env: { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' } },
  auth: { argv: ['secret/aws/dev'], env: { VAULT_ADDR: server.url, VAULT_TOKEN: 'revoked-token' } },
  hang: { argv: ['secret/aws/dev'], env: { VAULT_ADDR: hanging.url, VAULT_TOKEN: 'root' } },
  canary: CANARY,
  packageJson: new URL('../package.json', import.meta.url),
  homedir: home,
}));
