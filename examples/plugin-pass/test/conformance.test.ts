import { test } from 'vitest';
import { sourceTestSuite } from '@cred-launch/testkit';
import source from '../src/index.js';
import { ACCESS_KEY_ID, createStore, FAKE_PASS, SECRET_KEY, storeEnv } from './fixtures/store.js';

const env = storeEnv(createStore());
const pass = ['--pass-bin', FAKE_PASS];

sourceTestSuite(test, () => source, {
  valid: { argv: [...pass, 'aws/session'], env, expect: { accessKeyId: ACCESS_KEY_ID, sessionToken: true, expiration: true } },
  usageErrors: [{ argv: [] }, { argv: ['a', 'b'] }, { argv: ['--nope', 'aws/dev'] }, { argv: ['../etc/passwd'] }, { argv: ['--', '-rf'] }],
  notFound: { argv: [...pass, 'aws/missing'], env },
  auth: { argv: [...pass, 'aws/locked'], env },
  hang: { argv: [...pass, 'aws/hang'], env },
  canary: SECRET_KEY,
  packageJson: new URL('../package.json', import.meta.url),
  entry: new URL('../dist/index.js', import.meta.url),
});
