import { chmodSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import { SecretRedactor } from '@cred-launch/core';
import { afterAll, describe, expect, test } from 'vitest';
import { ageKey, checkKeyFileStat, loadKeyMaterial, opensslPassphrase, type KeyMaterial } from '../src/key-material.js';
import { IS_ROOT, tempDir, writeSecret } from './helpers.js';

const fromFile = (content: string | Buffer): KeyMaterial => ({ origin: 'key file /k', kind: 'file', raw: Buffer.from(content) });
const fromEnv = (content: string): KeyMaterial => ({ origin: 'environment variable K', kind: 'env', raw: Buffer.from(content) });
const linux = { uid: 1000, platform: 'linux' as const };

describe('opensslPassphrase: what openssl -pass file: / env: reads', () => {
  test('a key file gives its first line without the \\n', () => {
    expect(opensslPassphrase(fromFile('abc\nsecond line\n')).toString()).toBe('abc');
    expect(opensslPassphrase(fromFile('no newline')).toString()).toBe('no newline');
  });

  test('a \\r before the \\n is kept, as openssl keeps it', () => {
    expect(opensslPassphrase(fromFile('abc\r\n'))).toEqual(Buffer.from('abc\r'));
  });

  test('only the first 1023 bytes count, and a NUL ends the passphrase', () => {
    expect(opensslPassphrase(fromFile(`${'A'.repeat(2000)}\n`)).length).toBe(1023);
    expect(opensslPassphrase(fromFile(Buffer.from('ab\0cd\n'))).toString()).toBe('ab');
  });

  test('a variable gives its whole value, newlines included', () => {
    expect(opensslPassphrase(fromEnv('line1\nline2')).toString()).toBe('line1\nline2');
  });

  test('an empty first line is refused as CONFIG', () => {
    expect(() => opensslPassphrase(fromFile('\nsecond'))).toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });
});

describe('ageKey', () => {
  const identity = 'AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSX0JPJK';
  test('an age-keygen file with comments gives its identities', () => {
    const file = `# created: 2030-01-01T00:00:00Z\n# public key: age1xyz\n${identity}\n\n`;
    expect(ageKey(fromFile(file))).toEqual({ kind: 'identities', identities: [identity] });
  });

  test('anything else is a passphrase: the first line of a file, the whole of a variable', () => {
    expect(ageKey(fromFile('correct horse\r\nignored'))).toEqual({ kind: 'passphrase', passphrase: 'correct horse' });
    expect(ageKey(fromEnv('two\nlines'))).toEqual({ kind: 'passphrase', passphrase: 'two\nlines' });
  });

  test('garbage among identities, plugin identities and SSH keys are refused without quoting the key', () => {
    const bad = ageKey.bind(null, fromFile(`${identity}\nAGE-SECRET-KEY-1not!valid\n`));
    expect(bad).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringContaining('identity 2') }));
    expect(() => ageKey(fromFile('AGE-PLUGIN-YUBIKEY-1ABC\n'))).toThrow(expect.objectContaining({ code: 'CONFIG' }));
    expect(() => ageKey(fromFile('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n'))).toThrow(expect.objectContaining({ code: 'CONFIG' }));
    try {
      bad();
    } catch (error) {
      expect((error as Error).message).not.toContain('not!valid');
    }
  });
});

describe('checkKeyFileStat: the ssh rule', () => {
  test('mode 600 and 400 owned by the user pass', () => {
    expect(() => checkKeyFileStat({ mode: 0o100600, uid: 1000 }, '/k', linux)).not.toThrow();
    expect(() => checkKeyFileStat({ mode: 0o100400, uid: 1000 }, '/k', linux)).not.toThrow();
  });

  test.each([0o640, 0o604, 0o620, 0o602, 0o644, 0o660, 0o666, 0o610])('mode %o is refused as too open (CONFIG)', (mode) => {
    expect(() => checkKeyFileStat({ mode: 0o100000 | mode, uid: 1000 }, '/k', linux)).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringContaining(`0${mode.toString(8)}`), hint: expect.stringContaining('chmod 600 /k') }),
    );
  });

  test('a file owned by someone else is refused even with mode 600', () => {
    expect(() => checkKeyFileStat({ mode: 0o100600, uid: 0 }, '/k', linux)).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringContaining('owned by uid 0') }),
    );
  });

  test('Windows has no POSIX modes: the check is skipped', () => {
    expect(() => checkKeyFileStat({ mode: 0o100666, uid: 0 }, 'C:\\k', { uid: undefined, platform: 'win32' })).not.toThrow();
  });
});

describe('loadKeyMaterial', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const signal = new AbortController().signal;

  test('reads a 0600 key file and registers its content as a secret', async () => {
    const path = writeSecret(join(dir, 'ok.key'), 'my-passphrase-123\n');
    const secrets = new SecretRedactor();
    const key = await loadKeyMaterial({ keyFile: path }, {}, secrets, signal);
    expect(key).toMatchObject({ kind: 'file', origin: `key file ${path}` });
    expect(secrets.redact('x my-passphrase-123 x')).toBe('x [REDACTED] x');
  });

  test.skipIf(process.platform === 'win32')('refuses a group-readable key file on disk', async () => {
    const path = writeSecret(join(dir, 'open.key'), 'pass\n', 0o640);
    await expect(loadKeyMaterial({ keyFile: path }, {}, new SecretRedactor(), signal)).rejects.toMatchObject({ code: 'CONFIG' });
    chmodSync(path, 0o600);
    await expect(loadKeyMaterial({ keyFile: path }, {}, new SecretRedactor(), signal)).resolves.toMatchObject({ kind: 'file' });
  });

  test.skipIf(!IS_ROOT)('refuses a key file owned by another user (needs root to chown)', async () => {
    const path = writeSecret(join(dir, 'other.key'), 'pass\n');
    chownSync(path, 65534, 65534);
    await expect(loadKeyMaterial({ keyFile: path }, {}, new SecretRedactor(), signal)).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('owned by uid 65534'),
    });
  });

  test('a missing key file is NOT_FOUND; a directory is CONFIG', async () => {
    await expect(loadKeyMaterial({ keyFile: join(dir, 'missing.key') }, {}, new SecretRedactor(), signal)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(loadKeyMaterial({ keyFile: dir }, {}, new SecretRedactor(), signal)).rejects.toMatchObject({ code: 'CONFIG', message: expect.stringContaining('directory') });
  });

  test('reads the variable named by --key-env, and refuses an unset or empty one', async () => {
    const secrets = new SecretRedactor();
    await expect(loadKeyMaterial({ keyEnv: 'K' }, { K: 'from-env-value' }, secrets, signal)).resolves.toMatchObject({ kind: 'env', origin: 'environment variable K' });
    expect(secrets.redact('from-env-value')).toBe('[REDACTED]');
    await expect(loadKeyMaterial({ keyEnv: 'K' }, {}, new SecretRedactor(), signal)).rejects.toMatchObject({ code: 'CONFIG' });
    await expect(loadKeyMaterial({ keyEnv: 'K' }, { K: '' }, new SecretRedactor(), signal)).rejects.toMatchObject({ code: 'CONFIG' });
  });
});
