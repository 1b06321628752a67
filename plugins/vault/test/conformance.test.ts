/**
 * The published cred-launch conformance suite (@cred-launch/testkit), run on
 * this plugin against the local Vault test server: a KV v2 secret for the
 * valid run, a missing path, a revoked token, and a second server that
 * accepts requests and never answers (the AbortSignal must end the wait), a
 * plain HTTP server answering an HTML page (BACKEND) and a secret without
 * key fields (INVALID_SECRET).
 */
import { sourceTestSuite } from '@cred-launch/testkit';
import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, test } from 'vitest';
import source from '../src/index.js';
import { emptyHome } from './helpers.js';

const CANARY = 'canary-conformance-secret-K3v9Q';
let server: VaultTestServer;
let hanging: VaultTestServer;
// Not Vault: a server answering every request with a proxy's HTML sign-in page (status 200).
let proxyPage: Server;
let proxyPageUrl: string;
const home = emptyHome();

beforeAll(async () => {
  server = await startVaultTestServer();
  server.state.putSecret('secret/aws/dev', { aws_access_key_id: 'AKIACONFORMANCE00001', aws_secret_access_key: CANARY, aws_session_token: 'conformance-session' });
  server.state.addToken('revoked-token');
  server.state.expireToken('revoked-token');
  hanging = await startVaultTestServer();
  hanging.state.hang = true;
  server.state.putSecret('secret/aws/keyless', { region: 'eu-west-1', note: 'no keys here' });
  proxyPage = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<html><body>Sign in to the corporate proxy</body></html>');
  });
  await new Promise<void>((resolve) => proxyPage.listen(0, '127.0.0.1', resolve));
  proxyPageUrl = `http://127.0.0.1:${(proxyPage.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.close();
  await hanging.close();
  await new Promise<void>((resolve) => proxyPage.close(() => resolve()));
});

// Scenarios that need a server's address are functions: the suite calls them
// inside each test, after beforeAll has started the servers.
sourceTestSuite(test, () => source, {
  valid: () => ({
    argv: ['secret/aws/dev'],
    env: { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' },
    expect: { accessKeyId: 'AKIACONFORMANCE00001', sessionToken: true, expiration: false },
  }),
  usageErrors: [
    { argv: [] },
    { argv: ['a', 'b'] },
    { argv: ['secret/aws/dev', '--engine', 'kv3'] },
    { argv: ['secret/aws/dev', '--version', 'latest'] },
    { argv: ['secret/aws/dev', '--auth', 'approle'] },
    { argv: ['secret/aws/dev', '--address', 'not-a-url'] },
    { argv: ['secret/aws/dev', '--bogus'] },
    { argv: ['--engine', 'kv2', '--mount', 'secret', '../../sys/seal'] },
  ],
  notFound: () => ({ argv: ['secret/aws/missing'], env: { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' } }),
  auth: () => ({ argv: ['secret/aws/dev'], env: { VAULT_ADDR: server.url, VAULT_TOKEN: 'revoked-token' } }),
  hang: () => ({ argv: ['secret/aws/dev'], env: { VAULT_ADDR: hanging.url, VAULT_TOKEN: 'root' } }),
  unreadableReply: () => ({ argv: ['secret/aws/dev'], env: { VAULT_ADDR: proxyPageUrl, VAULT_TOKEN: 'root' } }),
  invalidSecret: () => ({ argv: ['secret/aws/keyless'], env: { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' } }),
  canary: CANARY,
  packageJson: new URL('../package.json', import.meta.url),
  entry: new URL('../dist/index.js', import.meta.url),
  homedir: home,
});
