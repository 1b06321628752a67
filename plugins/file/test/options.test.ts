import { describe, expect, test } from 'vitest';
import { parseEncryptArgs } from '../src/encrypt-options.js';
import { parseFileSourceArgs } from '../src/options.js';

const parse = (...argv: string[]) => parseFileSourceArgs({ argv, env: {} });
const parseEncrypt = (...argv: string[]) => parseEncryptArgs({ argv, env: {} });

describe('cred-launch file arguments', () => {
  test('defaults: profile default, 10000 iterations, sha256, no overrides', () => {
    expect(parse('/x.enc', '--key-file', '/k')).toEqual({ file: '/x.enc', keyFile: '/k', profile: 'default', iterations: 10000, digest: 'sha256', overrides: {} });
  });

  test('every option is read', () => {
    expect(
      parse(
        'x.enc',
        '--key-env',
        'AWS_FILE_KEY',
        '--profile',
        'dev',
        '--iter',
        '250000',
        '--md',
        'SHA512',
        '--access-key-field',
        'a',
        '--secret-key-field',
        'b',
        '--session-token-field',
        'c',
        '--expiration-field',
        'd',
      ),
    ).toEqual({
      file: 'x.enc',
      keyEnv: 'AWS_FILE_KEY',
      profile: 'dev',
      iterations: 250000,
      digest: 'sha512',
      overrides: { accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c', expiration: 'd' },
    });
  });

  test.each([
    [[]],
    [['x.enc']],
    [['x.enc', 'y.enc', '--key-file', '/k']],
    [['x.enc', '--key-file', '/k', '--key-env', 'K']],
    [['x.enc', '--key-file', '/k', '--iter', '0']],
    [['x.enc', '--key-file', '/k', '--iter', 'ten']],
    [['x.enc', '--key-file', '/k', '--iter', '2000001']],
    [['x.enc', '--key-file', '/k', '--iter', '999999999']],
    [['x.enc', '--key-file', '/k', '--md', 'whirlpool']],
    [['x.enc', '--key-env', 'not a name=secret']],
    [['x.enc', '--key-file', '/k', '--unknown']],
    [['x.enc', '--key-file', '']],
    [['', '--key-file', '/k']],
  ])('%j is a USAGE error', (argv) => {
    expect(() => parse(...argv)).toThrow(expect.objectContaining({ code: 'USAGE', hint: expect.stringContaining('--help') }));
  });

  test('--iter accepts up to the documented bound, 2,000,000', () => {
    expect(parse('x.enc', '--key-file', '/k', '--iter', '2000000').iterations).toBe(2_000_000);
  });

  test('a value pasted into --key-env is not echoed back in the error', () => {
    expect(() => parse('x.enc', '--key-env', 'AGE-SECRET-KEY-1SECRETVALUE')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('SECRETVALUE') }));
  });
});

describe('cred-launch file encrypt arguments', () => {
  test('defaults to OpenSSL, and to age when a recipient is given', () => {
    expect(parseEncrypt('creds', '--key-file', 'k', '--generate-key')).toMatchObject({
      input: 'creds',
      format: 'openssl',
      generateKey: true,
      armor: false,
      force: false,
      iterations: 10000,
    });
    expect(parseEncrypt('creds', '-r', 'age1abc', '-r', 'age1def', '-a', '-o', 'out')).toMatchObject({
      format: 'age',
      recipients: ['age1abc', 'age1def'],
      armor: true,
      output: 'out',
    });
  });

  test.each([
    [['creds']],
    [['creds', '--generate-key']],
    [['creds', '--key-env', 'K', '--generate-key']],
    [['creds', '--key-file', 'k', '--key-env', 'K']],
    [['creds', '--format', 'gpg', '--key-file', 'k']],
    [['creds', '--format', 'openssl', '-r', 'age1abc', '--key-file', 'k']],
    [['creds', '--format', 'age', '--iter', '5', '--key-file', 'k']],
    [['creds', '--format', 'age']],
    [['creds', '-r', 'ssh-ed25519 AAAA']],
    [['creds', '--key-file', 'k', '--scrypt-work-factor', '12']],
    [['creds', '--format', 'age', '--key-file', 'k', '--scrypt-work-factor', '30']],
  ])('%j is a USAGE error', (argv) => {
    expect(() => parseEncrypt(...argv)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
