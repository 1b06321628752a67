/**
 * The cred-launch conformance suite (@cred-launch/testkit) run against the
 * 1Password source with a FAKE SDK client (test/fake-sdk.ts) — the real
 * service cannot be reached from CI. The fake answers like SDK 0.5's
 * resolveAll; it accepts one token, and never answers for the "Hang" vault.
 */
import { sourceTestSuite } from '@cred-launch/testkit';
import { test } from 'vitest';
import { createOnePasswordSource } from '../src/source.js';
import { fakeSdk } from './fake-sdk.js';

const GOOD_TOKEN = 'ops_GOODfakeTOKEN0123456789abcdefghij';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/CANARY+1password+fake';

const fake = fakeSdk({
  fields: {
    'op://Private/AWS dev/access key id': 'AKIAIOSFODNN7EXAMPLE',
    'op://Private/AWS dev/secret access key': SECRET,
    'op://Hang/AWS dev/access key id': 'AKIAIOSFODNN7EXAMPLE',
    // Read, but the secret access key field is empty: INVALID_SECRET.
    'op://Private/AWS empty/access key id': 'AKIAIOSFODNN7EXAMPLE',
    'op://Private/AWS empty/secret access key': '',
  },
  acceptToken: GOOD_TOKEN,
  hang: 'op://Hang/',
});
const source = createOnePasswordSource({ loadSdk: fake.load });
const env = { OP_SERVICE_ACCOUNT_TOKEN: GOOD_TOKEN };

sourceTestSuite(
  test,
  () => source,
  {
    valid: { argv: ['op://Private/AWS dev'], env, expect: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', sessionToken: false, expiration: false } },
    usageErrors: [
      { argv: [], env },
      { argv: ['Private/AWS dev'], env },
      { argv: ['op://Private/AWS dev/access key id'], env },
      { argv: ['op://Private/AWS dev', '--token-file', 'x', '--account', 'y'], env },
      { argv: ['op://Private/AWS dev', '--totp-ref', 'op://Private/AWS dev/one-time password?attribute=otp'], env },
      { argv: ['op://Private/..'], env },
    ],
    notFound: { argv: ['op://Private/AWS prod'], env },
    auth: { argv: ['op://Private/AWS dev'], env: { OP_SERVICE_ACCOUNT_TOKEN: 'ops_WRONGfakeTOKEN0123456789abcdefghij' } },
    hang: { argv: ['op://Hang/AWS dev'], env },
    invalidSecret: { argv: ['op://Private/AWS empty'], env },
    canary: SECRET,
    packageJson: new URL('../package.json', import.meta.url),
    // The built plugin (with the real SDK, loaded lazily): importing it must not load @1password/sdk.
    entry: new URL('../dist/index.js', import.meta.url),
  },
  { prefix: 'conformance with a FAKE 1Password SDK client' },
);
