// The suite run the way a plugin author runs it: one line with vitest's own
// `test`. This also proves vitest's `test` fits the TestFunction shape.
import { test } from 'vitest';
import { sourceTestSuite } from '../src/index.js';
import { createMemorySource, TOKEN, ACCESS_KEY_ID } from './fixtures/memory-source.js';

const env = { FIXTURE_TOKEN: TOKEN };

sourceTestSuite(test, () => createMemorySource(), {
  // An in-memory source (no built module of its own): the import test is not registered.
  packaged: false,
  valid: { argv: ['dev'], env, expect: { accessKeyId: ACCESS_KEY_ID, sessionToken: true, expiration: true } },
  usageErrors: [{ argv: [] }, { argv: ['dev', 'extra'] }, { argv: ['--bogus', 'dev'] }, { argv: ['Not_A_Name'] }],
  notFound: { argv: ['missing'], env },
  auth: { argv: ['dev'], env: { FIXTURE_TOKEN: 'wrong-token-value' } },
  hang: { argv: ['hang'], env },
  unreadableReply: { argv: ['garbled'], env },
  invalidSecret: { argv: ['keyless'], env },
  canary: TOKEN,
  packageJson: { name: 'cred-launch-plugin-fixture', type: 'module', 'cred-launch': { contract: 1, name: 'fixture', cacheEnv: ['FIXTURE_TOKEN'] } },
});
