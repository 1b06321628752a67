import { readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { splitPosix } from '@cred-launch/aws-profiles';
import { configureCommands } from '../src/configure-command.js';
import { CANARY, CANARY_PASS, CREDENTIALS_INI, resolve, runEncrypt, tempDir, writeSecret } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const path = (name: string): string => join(dir, name);
const plaintext = writeSecret(path('credentials'), CREDENTIALS_INI);

describe('cred-launch file encrypt', () => {
  test('writes <input>.enc by default and prints what was written and the configure commands', async () => {
    const key = path('default-out.key');
    const result = await runEncrypt([plaintext, '--key-file', key, '--generate-key']);
    expect(result.error).toBeUndefined();
    const out = `${plaintext}.enc`;
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(result.text).toContain(`Encrypted ${plaintext} -> ${out} (OpenSSL aes-256-cbc, PBKDF2-SHA256, 10000 iterations; mode 0600).`);
    expect(result.text).toContain(`New key file ${key} (mode 0600)`);
    expect(result.text).toContain('Profiles: default, dev');
    expect(result.text).toContain(`  cred-launch configure --profile default file ${out} --key-file ${key}\n`);
    expect(result.text).toContain(`  cred-launch configure --profile dev file ${out} --key-file ${key} --profile dev\n`);
    // No config line to paste any more: configure writes it, with absolute paths.
    expect(result.text).not.toContain('credential_process =');
    // The printed text never carries a secret.
    expect(result.text).not.toContain(CANARY);
    expect(result.text).not.toContain(readFileSync(key, 'utf8').trim());
    // The output reads back through the plugin with the printed arguments.
    expect((await resolve([out, '--key-file', key, '--profile', 'dev'])).credentials?.secretAccessKey).toBe(CANARY);
  });

  test('refuses to overwrite without --force, replaces with it, and leaves no temporary files', async () => {
    const key = writeSecret(path('force.key'), `${CANARY_PASS}\n`);
    const out = writeSecret(path('existing.enc'), 'previous content');
    const refused = await runEncrypt([plaintext, '--key-file', key, '--out', out]);
    expect(refused.error).toMatchObject({ code: 'CONFIG', hint: expect.stringContaining('--force') });
    expect(readFileSync(out, 'utf8')).toBe('previous content');
    const forced = await runEncrypt([plaintext, '--key-file', key, '--out', out, '--force']);
    expect(forced.error).toBeUndefined();
    expect(readFileSync(out).subarray(0, 8).toString()).toBe('Salted__');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('--force replaces a symlink itself, never the file it points to', async () => {
    const key = writeSecret(path('link.key'), `${CANARY_PASS}\n`);
    const target = writeSecret(path('link-target'), 'do not touch');
    symlinkSync(target, path('link.enc'));
    expect((await runEncrypt([plaintext, '--key-file', key, '--out', path('link.enc'), '--force'])).error).toBeUndefined();
    expect(readFileSync(target, 'utf8')).toBe('do not touch');
  });

  test('--generate-key never replaces an existing key', async () => {
    const key = writeSecret(path('keep.key'), `${CANARY_PASS}\n`);
    const result = await runEncrypt([plaintext, '--key-file', key, '--generate-key', '--out', path('keep.enc')]);
    expect(result.error).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('already exists') });
    expect(readFileSync(key, 'utf8')).toBe(`${CANARY_PASS}\n`);
  });

  test('refuses an input that is already encrypted, or not credentials', async () => {
    const key = writeSecret(path('input.key'), `${CANARY_PASS}\n`);
    const enc = path('twice.enc');
    await runEncrypt([plaintext, '--key-file', key, '--out', enc]);
    expect((await runEncrypt([enc, '--key-file', key, '--out', path('thrice.enc')])).error).toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('already encrypted'),
    });
    const notes = writeSecret(path('notes.txt'), `shopping list ${CANARY}\n`);
    const result = await runEncrypt([notes, '--key-file', key, '--out', path('notes.enc')]);
    expect(result.error).toMatchObject({ code: 'INVALID_SECRET' });
    expect(`${result.error?.message} ${result.error?.hint}`).not.toContain(CANARY);
  });

  test('a missing plaintext file is NOT_FOUND; a missing key without --generate-key is NOT_FOUND', async () => {
    expect((await runEncrypt([path('absent'), '--key-file', path('k')])).error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await runEncrypt([plaintext, '--key-file', path('absent.key'), '--out', path('x.enc')])).error).toMatchObject({
      code: 'NOT_FOUND',
      hint: expect.stringContaining('--generate-key'),
    });
  });

  test('refuses an age identity as OpenSSL passphrase and output over the input', async () => {
    const identity = writeSecret(path('id.agekey'), '# public key: age1x\nAGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSX0JPJK\n');
    expect((await runEncrypt([plaintext, '--key-file', identity, '--out', path('id.enc')])).error).toMatchObject({ code: 'USAGE', hint: expect.stringContaining('--format age') });
    expect((await runEncrypt([plaintext, '--key-file', identity, '--out', plaintext])).error).toMatchObject({ code: 'USAGE' });
  });

  test('age: the summary names the format and a passphrase-encrypted file reads back', async () => {
    const key = writeSecret(path('age-pass.key'), `${CANARY_PASS}\n`);
    const result = await runEncrypt([plaintext, '--format', 'age', '--key-file', key, '--scrypt-work-factor', '10', '-a']);
    expect(result.error).toBeUndefined();
    expect(result.text).toContain(`-> ${plaintext}.age (age, to a passphrase, armored; mode 0600)`);
    expect((await resolve([`${plaintext}.age`, '--key-file', key, '--profile', 'dev'])).credentials?.secretAccessKey).toBe(CANARY);
  });

  test('age: a recipient and a passphrase cannot be combined', async () => {
    const key = writeSecret(path('combo.key'), `${CANARY_PASS}\n`);
    const result = await runEncrypt([plaintext, '--key-file', key, '-r', 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq', '--out', path('combo.age')]);
    expect(result.error).toMatchObject({ code: 'USAGE' });
  });

  test('paths starting with ~/ are taken from the home directory', async () => {
    writeFileSync(path('home-creds'), CREDENTIALS_INI, { mode: 0o600 });
    const result = await runEncrypt(['~/home-creds', '--key-file', '~/home.key', '--generate-key'], { homedir: dir });
    expect(result.error).toBeUndefined();
    expect(statSync(path('home-creds.enc')).isFile()).toBe(true);
  });
});

describe('configureCommands (quoted as configure quotes the line it writes)', () => {
  test.each([
    ['/home/me/.aws/creds.enc', '/home/me/.aws/creds.enc'],
    ['/Users/Jane Doe/creds.enc', '"/Users/Jane Doe/creds.enc"'],
    ["/odd/it's", `"/odd/it's"`],
  ])('%s → %s', (input, expected) => {
    const { commands, problem } = configureCommands({ file: input, keyArgs: ['--key-file', '/k'], extra: [], profiles: ['dev'], platform: 'posix' });
    expect(problem).toBeUndefined();
    expect(commands).toEqual([`cred-launch configure --profile dev file ${expected} --key-file /k --profile dev`]);
    // A shell (and botocore's shlex) gives configure back exactly these words.
    expect(splitPosix(commands[0] as string)).toEqual(['cred-launch', 'configure', '--profile', 'dev', 'file', input, '--key-file', '/k', '--profile', 'dev']);
  });

  test('a path AWS quoting cannot carry ($) gives no command but the reason', () => {
    const { commands, problem } = configureCommands({ file: '/a/$HOME', keyArgs: ['--key-file', '/k'], extra: [], profiles: ['default'], platform: 'posix' });
    expect(commands).toEqual([]);
    expect(problem).toMatch(/\$/u);
  });
});
