/**
 * The published cred-launch conformance suite (@cred-launch/testkit), run on
 * this plugin with an OpenSSL file made by the plugin itself. There is no
 * "hang" scenario: the plugin's only candidate, a FIFO nobody writes to, is
 * now refused before any read (opened O_NONBLOCK, fstat'ed), and the test
 * below holds that. Time limits on the whole process: hostile-inputs.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { join } from 'node:path';
import { sourceTestSuite } from '@cred-launch/testkit';
import { afterAll, expect, test } from 'vitest';
import source from '../src/index.js';
import { encryptOpenssl } from '../src/openssl.js';
import { CANARY, CANARY_PASS, CREDENTIALS_INI, resolve, tempDir, writeSecret } from './helpers.js';

const { dir, cleanup } = tempDir();
const key = writeSecret(join(dir, 'aws-creds.key'), `${CANARY_PASS}\n`);
const wrongKey = writeSecret(join(dir, 'wrong.key'), 'not-the-right-passphrase\n');
const enc = writeSecret(join(dir, 'static_credentials.enc'), encryptOpenssl(Buffer.from(CREDENTIALS_INI), Buffer.from(CANARY_PASS), { iterations: 10000, digest: 'sha256' }));
// A file that decrypts fine but holds no key fields: INVALID_SECRET (65). The file
// plugin has no remote backend, so its unreadableReply scenario does not apply.
const keyless = writeSecret(join(dir, 'keyless.enc'), encryptOpenssl(Buffer.from('{"region":"eu-west-1"}'), Buffer.from(CANARY_PASS), { iterations: 10000, digest: 'sha256' }));
const fifo = join(dir, 'never-written.fifo');
const canHang = process.platform !== 'win32';
if (canHang) execFileSync('mkfifo', [fifo]);

afterAll(() => {
  if (canHang) {
    // Release any open() still blocked on the FIFO, so the worker can exit.
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: no reader is waiting any more.
    }
  }
  cleanup();
});

sourceTestSuite(test, () => source, {
  valid: { argv: [enc, '--key-file', key, '--profile', 'dev'], expect: { accessKeyId: 'AKIADEVEXAMPLE000001', sessionToken: true, expiration: false } },
  usageErrors: [
    { argv: [] },
    { argv: [enc] },
    { argv: [enc, '--key-file', key, '--key-env', 'K'] },
    { argv: [enc, '--key-file', key, '--iter', '-3'] },
    { argv: [enc, '--key-file', key, '--bogus'] },
  ],
  notFound: { argv: [enc, '--key-file', key, '--profile', 'no-such-profile'] },
  invalidSecret: { argv: [keyless, '--key-file', key] },
  auth: { argv: [enc, '--key-file', wrongKey, '--profile', 'dev'] },
  canary: CANARY,
  packageJson: new URL('../package.json', import.meta.url),
  entry: new URL('../dist/index.js', import.meta.url),
  cwd: dir,
  homedir: dir,
});

test.skipIf(!canHang)('a FIFO nobody writes to (formerly the hang scenario) is refused as CONFIG before any read, not waited on', async () => {
  const started = Date.now();
  const result = await resolve([fifo, '--key-file', key], { signal: AbortSignal.timeout(30_000) });
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(result.error).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('is a FIFO (named pipe), not a regular file') });
});
