// The real thing: pass(1) and gpg(1), with a throwaway key and store. Runs
// only where both are installed (e.g. `apt-get install pass`); skipped
// otherwise. Nothing here touches the user's own keyring or store.
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceTestSuite } from '@cred-launch/testkit';
import { afterAll, beforeAll, describe, test } from 'vitest';
import source from '../src/index.js';

const available = spawnSync('pass', ['version'], { stdio: 'ignore' }).status === 0 && spawnSync('gpg', ['--version'], { stdio: 'ignore' }).status === 0;
const ACCESS_KEY_ID = 'AKIALIVEPASS00000001';
const SECRET_KEY = 'livePassSecretCANARY0000000000000000000001';

describe.skipIf(!available)('live: real pass and gpg', () => {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH };
  const strangerEnv: Record<string, string | undefined> = { PATH: process.env.PATH };

  beforeAll(() => {
    const gnupgHome = mkdtempSync(join(tmpdir(), 'cl-gpg-'));
    const strangerHome = mkdtempSync(join(tmpdir(), 'cl-gpg-'));
    const store = mkdtempSync(join(tmpdir(), 'cl-pass-'));
    Object.assign(env, { GNUPGHOME: gnupgHome, PASSWORD_STORE_DIR: store });
    // Same store, a keyring without the key: gpg cannot decrypt (AUTH).
    Object.assign(strangerEnv, { GNUPGHOME: strangerHome, PASSWORD_STORE_DIR: store });
    const run = (command: string, args: string[], input?: string): void => {
      execFileSync(command, args, { env: env as NodeJS.ProcessEnv, input, stdio: ['pipe', 'ignore', 'pipe'] });
    };
    run('gpg', [
      '--batch',
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      '',
      '--quick-gen-key',
      'cred-launch test <cred-launch-test@example.invalid>',
      'default',
      'default',
      'never',
    ]);
    run('pass', ['init', 'cred-launch-test@example.invalid']);
    run('pass', ['insert', '--multiline', 'aws/dev'], `${SECRET_KEY}\naws_access_key_id: ${ACCESS_KEY_ID}\n`);
  }, 60_000);

  afterAll(() => {
    for (const home of [env.GNUPGHOME, strangerEnv.GNUPGHOME]) {
      spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home }, stdio: 'ignore' });
    }
  });

  sourceTestSuite(
    test,
    () => source,
    {
      valid: { argv: ['aws/dev'], env, expect: { accessKeyId: ACCESS_KEY_ID, sessionToken: false, expiration: false } },
      usageErrors: [{ argv: [] }],
      notFound: { argv: ['aws/missing'], env },
      auth: { argv: ['aws/dev'], env: strangerEnv },
      canary: SECRET_KEY,
      packageJson: new URL('../package.json', import.meta.url),
      entry: new URL('../dist/index.js', import.meta.url),
    },
    { prefix: 'live pass' },
  );
});
