/**
 * Interop with the real `age` and `age-keygen` binaries, both ways. age reads
 * passphrases only from a terminal, so passphrase cases run age under a
 * pseudo-terminal (fixtures/age-tty.py, python3's pty module) that answers
 * its prompts. Each group is skipped when its tools are missing.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { CREDENTIALS_INI, hasCommand, resolve, run, runEncrypt, tempDir, writeSecret } from './helpers.js';

const HAS_AGE = hasCommand('age', ['--version']) && hasCommand('age-keygen', ['--version']);
const HAS_PTY = HAS_AGE && hasCommand('python3', ['-c', 'import pty, select']);
const AGE_TTY = fileURLToPath(new URL('./fixtures/age-tty.py', import.meta.url));
// No word "passphrase" in it: the helper answers prompts that contain that word.
const PASSPHRASE = 'violet-lantern-97-harbour';

/** Runs age on a pseudo-terminal, answering its passphrase prompts. */
function ageWithTty(args: string[]): void {
  run('python3', [AGE_TTY, 'age', ...args].map(String), undefined);
}

function ageTtyEnv<T>(fn: () => T): T {
  const previous = process.env.AGE_TTY_PASSPHRASE;
  process.env.AGE_TTY_PASSPHRASE = PASSPHRASE;
  try {
    return fn();
  } finally {
    if (previous === undefined) delete process.env.AGE_TTY_PASSPHRASE;
    else process.env.AGE_TTY_PASSPHRASE = previous;
  }
}

describe.skipIf(!HAS_AGE)('real age → plugin (identity files)', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const plaintext = writeSecret(join(dir, 'credentials'), CREDENTIALS_INI);
  const identity = join(dir, 'key.txt');
  run('age-keygen', ['-o', identity]);
  const recipient = run('age-keygen', ['-y', identity]).toString().trim();

  test('age-keygen writes 0600 identity files, as the plugin requires', () => {
    expect(statSync(identity).mode & 0o077).toBe(0);
  });

  test('binary age -r, selected profile', async () => {
    const out = join(dir, 'creds.age');
    run('age', ['-r', recipient, '-o', out, plaintext]);
    const result = await resolve([out, '--key-file', identity, '--profile', 'dev']);
    expect(result.error).toBeUndefined();
    expect(result.credentials).toMatchObject({ accessKeyId: 'AKIADEVEXAMPLE000001', sessionToken: 'devSessionTokenExample' });
  });

  test('armored age -a -i (encrypting to an identity file)', async () => {
    const out = join(dir, 'creds.age.asc');
    run('age', ['-a', '-e', '-i', identity, '-o', out, plaintext]);
    expect(readFileSync(out, 'utf8').startsWith('-----BEGIN AGE ENCRYPTED FILE-----')).toBe(true);
    expect((await resolve([out, '--key-file', identity])).credentials?.accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
  });

  test('the identity from an environment variable', async () => {
    const out = join(dir, 'env.age');
    run('age', ['-r', recipient, '-o', out, plaintext]);
    const result = await resolve([out, '--key-env', 'AGE_IDENTITY'], { env: { AGE_IDENTITY: readFileSync(identity, 'utf8') } });
    expect(result.credentials?.accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
  });

  test('a file for several recipients opens with any one identity', async () => {
    const other = join(dir, 'other.txt');
    run('age-keygen', ['-o', other]);
    const out = join(dir, 'multi.age');
    run('age', ['-r', recipient, '-r', run('age-keygen', ['-y', other]).toString().trim(), '-o', out, plaintext]);
    expect((await resolve([out, '--key-file', other])).credentials?.accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
  });
});

describe.skipIf(!HAS_PTY)('real age -p → plugin (passphrase, via a pseudo-terminal)', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  test('a passphrase file made by age -p opens with the passphrase as the first line of --key-file', async () => {
    const plaintext = writeSecret(join(dir, 'credentials'), CREDENTIALS_INI);
    const out = join(dir, 'pass.age');
    ageTtyEnv(() => ageWithTty(['-p', '-a', '-o', out, plaintext]));
    expect(readFileSync(out, 'utf8')).toContain('-----BEGIN AGE ENCRYPTED FILE-----');
    const key = writeSecret(join(dir, 'pass.key'), `${PASSPHRASE}\n`);
    const result = await resolve([out, '--key-file', key, '--profile', 'dev']);
    expect(result.error).toBeUndefined();
    expect(result.credentials?.accessKeyId).toBe('AKIADEVEXAMPLE000001');
  }, 30_000);
});

describe.skipIf(!HAS_AGE)('plugin encrypt → real age -d', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const plaintext = writeSecret(join(dir, 'credentials'), CREDENTIALS_INI);

  test('--generate-key writes an age-keygen style identity; age -d -i opens the output', async () => {
    const key = join(dir, 'generated.agekey');
    const out = join(dir, 'gen.age');
    const result = await runEncrypt([plaintext, '--format', 'age', '--key-file', key, '--generate-key', '--out', out]);
    expect(result.error).toBeUndefined();
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const keyText = readFileSync(key, 'utf8');
    expect(keyText).toMatch(/^# created: .+\n# public key: age1[0-9a-z]+\nAGE-SECRET-KEY-1[0-9A-Z]+\n$/u);
    // age-keygen -y derives the same public key the comment states.
    expect(keyText).toContain(`# public key: ${run('age-keygen', ['-y', key]).toString().trim()}`);
    expect(run('age', ['-d', '-i', key, out]).toString()).toBe(CREDENTIALS_INI);
  });

  test('armored, to a recipient given on the command line', async () => {
    const identity = join(dir, 'recipient.txt');
    run('age-keygen', ['-o', identity]);
    const recipient = run('age-keygen', ['-y', identity]).toString().trim();
    const out = join(dir, 'to-recipient.age');
    const result = await runEncrypt([plaintext, '-r', recipient, '-a', '-o', out]);
    expect(result.error).toBeUndefined();
    expect(readFileSync(out, 'utf8').startsWith('-----BEGIN AGE ENCRYPTED FILE-----')).toBe(true);
    expect(run('age', ['-d', '-i', identity, out]).toString()).toBe(CREDENTIALS_INI);
  });

  test.skipIf(!HAS_PTY)(
    'with a passphrase (scrypt): age -d on a pseudo-terminal opens it',
    async () => {
      const key = writeSecret(join(dir, 'pass.key'), `${PASSPHRASE}\n`);
      const out = join(dir, 'pass.age');
      const decrypted = join(dir, 'pass.out');
      const result = await runEncrypt([plaintext, '--format', 'age', '--key-file', key, '--scrypt-work-factor', '14', '-o', out]);
      expect(result.error).toBeUndefined();
      ageTtyEnv(() => ageWithTty(['-d', '-o', decrypted, out]));
      expect(readFileSync(decrypted, 'utf8')).toBe(CREDENTIALS_INI);
    },
    30_000,
  );
});
