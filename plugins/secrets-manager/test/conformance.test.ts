/**
 * The cred-launch conformance suite (@cred-launch/testkit) against the local
 * Secrets Manager test server (@cred-launch/aws-test-server — not AWS), over
 * real HTTP with SigV4-verified requests.
 */
import { sourceTestSuite } from '@cred-launch/testkit';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, test } from 'vitest';
import source from '../src/index.js';
import { CANARY, STORED, startBackend, type Backend } from './helpers.js';

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.close();
});

// The hang scenario: a second server whose every verified request hangs.
let hanging: Backend;
beforeAll(async () => {
  hanging = await startBackend();
  hanging.server.addFault({ hang: true });
});
afterAll(async () => {
  await hanging.close();
});

// Not AWS: a server answering every request with a proxy's HTML page (status 200).
let proxyPage: Server;
let proxyPageUrl: string;
beforeAll(async () => {
  proxyPage = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<html><body>Sign in to the corporate proxy</body></html>');
  });
  await new Promise<void>((resolve) => proxyPage.listen(0, '127.0.0.1', resolve));
  proxyPageUrl = `http://127.0.0.1:${(proxyPage.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => proxyPage.close(() => resolve())));

sourceTestSuite(
  test,
  () => source,
  // Scenarios that need a server's address are functions: the suite calls them
  // inside each test, after beforeAll has started the servers.
  {
    valid: () => ({ argv: ['ci/pascal'], env: backend.env(), expect: { accessKeyId: STORED.accessKeyId, sessionToken: false, expiration: false } }),
    usageErrors: [
      { argv: [] },
      { argv: ['a', 'b'] },
      { argv: ['x', '--nope'] },
      { argv: ['x', '--region', 'nowhere'] },
      { argv: ['x', '--version-stage', 'AWSCURRENT', '--version-id', '11111111-2222-4333-8444-555555555555'] },
      { argv: ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:x', '--region', 'us-east-1'] },
    ],
    notFound: () => ({ argv: ['no/such/secret'], env: backend.env() }),
    auth: () => ({ argv: ['ci/bob-only'], env: backend.env() }),
    hang: () => ({ argv: ['ci/pascal'], env: hanging.env() }),
    unreadableReply: () => ({ argv: ['ci/pascal'], env: backend.env({ AWS_ENDPOINT_URL_SECRETS_MANAGER: proxyPageUrl }) }),
    invalidSecret: () => ({ argv: ['ci/custom'], env: backend.env() }),
    canary: CANARY,
    packageJson: new URL('../package.json', import.meta.url),
    entry: new URL('../dist/index.js', import.meta.url),
  },
  { prefix: 'conformance against the local Secrets Manager test server' },
);
