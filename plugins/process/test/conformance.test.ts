/**
 * The published conformance suite (@cred-launch/testkit) on the process
 * plugin, with a real helper process (test/fixtures/helper.mjs). "hang" is a
 * helper that never answers: the plugin must kill it when the signal aborts.
 */
import { sourceTestSuite } from '@cred-launch/testkit';
import { test } from 'vitest';
import source from '../src/index.js';

const helper = new URL('./fixtures/helper.mjs', import.meta.url).pathname;
const CANARY = 'canarySecretForTheProcessPlugin000000001';

sourceTestSuite(test, () => source, {
  valid: {
    argv: ['--', process.execPath, helper],
    env: { PATH: process.env.PATH, HELPER_SECRET: CANARY },
    expect: { accessKeyId: 'ASIAHELPEREXAMPLE001', sessionToken: true, expiration: true },
  },
  usageErrors: [{ argv: [] }, { argv: ['--'] }, { argv: ['--bogus'] }],
  hang: { argv: ['--', process.execPath, helper], env: { PATH: process.env.PATH, HELPER_MODE: 'hang' } },
  canary: CANARY,
  packageJson: new URL('../package.json', import.meta.url),
  entry: new URL('../dist/index.js', import.meta.url),
});
