/**
 * The published cred-launch conformance suite (@cred-launch/testkit), run on
 * this plugin against the local Roles Anywhere test server (not AWS), with
 * certificates made by openssl at test time. "hang" is a second server
 * that accepts CreateSession and never answers.
 */
import { sourceTestSuite } from '@cred-launch/testkit';
import { afterAll, beforeAll, test } from 'vitest';
import source from '../src/index.js';
import { argvFor, CANARY, MISSING_PROFILE_ARN, OTHER_ROLE_ARN, PROFILE_ARN, ROLE_ARN, startBackend, TRUST_ANCHOR_ARN, type Backend } from './helpers.js';

let backend: Backend;
let hanging: Backend;

beforeAll(async () => {
  backend = await startBackend();
  hanging = await startBackend();
  hanging.server.addFault({ hang: true });
});

afterAll(async () => {
  await backend.close();
  await hanging.close();
});

const rsa = (): string[] => argvFor(backend.server.url, backend.pki.rsaLeaf.certificate, backend.pki.rsaLeaf.privateKey, ['--intermediates', backend.pki.intermediateCa]);
const replace = (argv: string[], flag: string, value: string): string[] => argv.map((item, index) => (argv[index - 1] === flag ? value : item));
const base = ['--certificate', 'c.pem', '--private-key', 'k.pem', '--trust-anchor-arn', TRUST_ANCHOR_ARN, '--profile-arn', PROFILE_ARN, '--role-arn', ROLE_ARN];

// Scenarios that need a server's address or certificates are functions: the
// suite calls them inside each test, after beforeAll has started the servers.
sourceTestSuite(test, () => source, {
  valid: () => ({ argv: rsa(), expect: { accessKeyId: 'ASIAROLESANYWHERE001', sessionToken: true, expiration: true } }),
  usageErrors: [
    { argv: [] },
    { argv: base.slice(0, -2) },
    { argv: replace(base, '--profile-arn', 'not-an-arn') },
    { argv: replace(base, '--role-arn', PROFILE_ARN) },
    { argv: [...base, '--session-duration', '60'] },
    { argv: [...base, '--pkcs8-password', 'hunter2'] },
    { argv: [...base, '--cert-selector', 'Key=x509Subject,Value=CN=x'] },
    { argv: [...base, '--bogus'] },
  ],
  notFound: () => ({ argv: replace(rsa(), '--profile-arn', MISSING_PROFILE_ARN) }),
  auth: () => ({ argv: replace(rsa(), '--role-arn', OTHER_ROLE_ARN) }),
  hang: () => ({ argv: argvFor(hanging.server.url, hanging.pki.ecLeaf.certificate, hanging.pki.ecLeaf.privateKey, ['--intermediates', hanging.pki.intermediateCa]) }),
  canary: CANARY,
  packageJson: new URL('../package.json', import.meta.url),
  entry: new URL('../dist/index.js', import.meta.url),
});
