/**
 * Interop with the real `openssl` binary, both ways: files made exactly as the
 * reference recipe makes them decrypt through the plugin, and files the
 * encrypt command writes decrypt with `openssl enc -d`. Skipped without openssl.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CREDENTIALS_INI, hasCommand, resolve, run, runEncrypt, tempDir, writeSecret } from './helpers.js';

const HAS_OPENSSL = hasCommand('openssl', ['version']);

describe.skipIf(!HAS_OPENSSL)('real openssl → plugin', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const plaintext = writeSecret(join(dir, 'credentials'), CREDENTIALS_INI);
  // Step 1 of the recipe: openssl rand -base64 32 > key; chmod 600 key.
  const key = writeSecret(join(dir, 'aws-creds.key'), run('openssl', ['rand', '-base64', '32']));
  const encrypt = (out: string, ...extra: string[]): string => {
    run('openssl', ['enc', '-aes-256-cbc', '-pbkdf2', ...extra, '-in', plaintext, '-out', join(dir, out), '-pass', `file:${key}`]);
    return join(dir, out);
  };

  test('the recipe unchanged: static_credentials.enc + key file, profiles by name', async () => {
    const enc = encrypt('static_credentials.enc');
    expect(readFileSync(enc).subarray(0, 8).toString()).toBe('Salted__');
    const dev = await resolve([enc, '--key-file', key, '--profile', 'dev']);
    expect(dev.error).toBeUndefined();
    expect(dev.credentials).toMatchObject({ accessKeyId: 'AKIADEVEXAMPLE000001', sessionToken: 'devSessionTokenExample' });
    const fallback = await resolve([enc, '--key-file', key]);
    expect(fallback.credentials?.accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
  });

  test('-a (base64 in 64-column lines) and -a -A (one line)', async () => {
    for (const [name, flags] of [
      ['a.enc', ['-a']],
      ['aa.enc', ['-a', '-A']],
    ] as const) {
      const enc = encrypt(name, ...flags);
      expect(readFileSync(enc, 'latin1').startsWith('U2FsdGVkX1')).toBe(true);
      const result = await resolve([enc, '--key-file', key, '--profile', 'dev']);
      expect(result.credentials?.accessKeyId).toBe('AKIADEVEXAMPLE000001');
    }
  });

  test('a custom -iter needs the same --iter', async () => {
    const enc = encrypt('iter.enc', '-iter', '50000');
    expect((await resolve([enc, '--key-file', key, '--iter', '50000'])).credentials?.accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
    const without = await resolve([enc, '--key-file', key]);
    expect(without.error).toMatchObject({ code: 'AUTH', hint: expect.stringContaining('--iter') });
  });

  test('-md sha512 with --md sha512', async () => {
    const enc = encrypt('md.enc', '-md', 'sha512', '-a');
    expect((await resolve([enc, '--key-file', key, '--md', 'sha512'])).credentials?.accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
  });

  test('a key file with CRLF works both as openssl reads it and without the \\r', async () => {
    const crlfKey = writeSecret(join(dir, 'crlf.key'), 'windows-passphrase\r\n');
    const plainKey = writeSecret(join(dir, 'plain.key'), 'windows-passphrase\n');
    run('openssl', ['enc', '-aes-256-cbc', '-pbkdf2', '-in', plaintext, '-out', join(dir, 'crlf.enc'), '-pass', `file:${crlfKey}`]);
    run('openssl', ['enc', '-aes-256-cbc', '-pbkdf2', '-in', plaintext, '-out', join(dir, 'lf.enc'), '-pass', `file:${plainKey}`]);
    expect((await resolve([join(dir, 'crlf.enc'), '--key-file', crlfKey])).credentials).toBeDefined();
    expect((await resolve([join(dir, 'lf.enc'), '--key-file', crlfKey])).credentials).toBeDefined();
  });

  test('-pass env: matches --key-env', async () => {
    run('openssl', ['enc', '-aes-256-cbc', '-pbkdf2', '-in', plaintext, '-out', join(dir, 'env.enc'), '-pass', 'pass:env-passphrase-value']);
    const result = await resolve([join(dir, 'env.enc'), '--key-env', 'AWS_CREDS_KEY'], { env: { AWS_CREDS_KEY: 'env-passphrase-value' } });
    expect(result.credentials?.accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
  });

  test('JSON content (credential_process output) encrypted by openssl', async () => {
    const json = writeSecret(
      join(dir, 'creds.json'),
      JSON.stringify({ Version: 1, AccessKeyId: 'AKIAJSONEXAMPLE00001', SecretAccessKey: 'jsonSecret', Expiration: '2040-01-01T00:00:00Z' }),
    );
    run('openssl', ['enc', '-aes-256-cbc', '-pbkdf2', '-a', '-in', json, '-out', join(dir, 'json.enc'), '-pass', `file:${key}`]);
    const result = await resolve([join(dir, 'json.enc'), '--key-file', key]);
    expect(result.credentials).toEqual({ accessKeyId: 'AKIAJSONEXAMPLE00001', secretAccessKey: 'jsonSecret', expiration: new Date('2040-01-01T00:00:00Z') });
  });
});

describe.skipIf(!HAS_OPENSSL)('plugin encrypt → real openssl enc -d', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const plaintext = writeSecret(join(dir, 'credentials'), CREDENTIALS_INI);
  const decrypt = (file: string, key: string, ...extra: string[]): string =>
    run('openssl', ['enc', '-d', '-aes-256-cbc', '-pbkdf2', ...extra, '-in', file, '-pass', `file:${key}`]).toString();

  test('binary with a generated key (0600, openssl rand -base64 32 shape)', async () => {
    const key = join(dir, 'secrets', 'aws-creds.key');
    const out = join(dir, 'static_credentials.enc');
    const result = await runEncrypt([plaintext, '--out', out, '--key-file', key, '--generate-key']);
    expect(result.error).toBeUndefined();
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(readFileSync(key, 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/u);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(decrypt(out, key)).toBe(CREDENTIALS_INI);
  });

  test('-a armored, custom --iter and --md, key from a variable', async () => {
    const out = join(dir, 'armored.enc');
    const result = await runEncrypt([plaintext, '-o', out, '-a', '--key-env', 'K', '--iter', '20000', '--md', 'sha384'], { env: { K: 'env-pass-for-openssl' } });
    expect(result.error).toBeUndefined();
    const passFile = writeSecret(join(dir, 'env-pass'), 'env-pass-for-openssl\n');
    expect(decrypt(out, passFile, '-a', '-iter', '20000', '-md', 'sha384')).toBe(CREDENTIALS_INI);
  });

  test('an existing openssl key file is used unchanged', async () => {
    const key = writeSecret(join(dir, 'existing.key'), run('openssl', ['rand', '-base64', '32']));
    const before = readFileSync(key);
    const out = join(dir, 'existing.enc');
    expect((await runEncrypt([plaintext, '--out', out, '--key-file', key])).error).toBeUndefined();
    expect(readFileSync(key)).toEqual(before);
    expect(decrypt(out, key)).toBe(CREDENTIALS_INI);
  });
});
