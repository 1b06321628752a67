import { describe, expect, test } from 'vitest';
import { armorOpenssl, decodeOpensslBase64, decryptOpenssl, encryptOpenssl, isOpensslBinary, OPENSSL_MAGIC } from '../src/openssl.js';

// Made once with the real binary (OpenSSL 3.0), so these tests prove the
// format even on a machine without openssl:
//   openssl enc -aes-256-cbc -pbkdf2 [-iter 1000 -md sha512] -a -A -pass pass:fixture-passphrase
const PLAINTEXT = '[default]\naws_access_key_id = AKIAFIXTURE000000001\naws_secret_access_key = fixtureSecretKey0123456789\n';
const PASS = Buffer.from('fixture-passphrase');
const DEFAULT_PARAMS = { iterations: 10000, digest: 'sha256' } as const;
const FROM_OPENSSL_DEFAULT =
  'U2FsdGVkX1/Ku5Qkkkcax5IB6d85BwvLmNKQEALJLlB17/VS9FOYemOS733zGN8VDyhDApZtpSNyUTwM23ifUgvd4Tgsb+NgdRorY7aY31C+mY92WuJXLI1xXWj0GrRIy7dak3ASpdMOvDYLI8m1P4AqTpBlOw0z+EAatNr6WdI=';
const FROM_OPENSSL_ITER_1000_SHA512 =
  'U2FsdGVkX1+ur9Qtjko+53MqTxYETbJTGNudbOQ7ISq8o2eNAk9g0kFxkHhfJd6wTyudfAnixDu2v5sIKJPJc53BVb1bFpuv6tBdSSguGkqykNVJ+8SOb54wF9v8cu1gYKpGYvVu8qSonBs2lJGC0Cmjkw+Cas4kEtvfAB9fJxI=';

function fixture(base64: string): Buffer {
  const binary = decodeOpensslBase64(base64);
  if (binary === undefined) throw new Error('bad fixture');
  return binary;
}

describe('OpenSSL enc format', () => {
  test('decrypts a file made by openssl with the default -iter 10000 and -md sha256', () => {
    const result = decryptOpenssl(fixture(FROM_OPENSSL_DEFAULT), PASS, DEFAULT_PARAMS);
    expect(result).toEqual({ ok: true, plaintext: Buffer.from(PLAINTEXT) });
  });

  test('decrypts a file made with -iter 1000 -md sha512 only when given the same parameters', () => {
    const data = fixture(FROM_OPENSSL_ITER_1000_SHA512);
    expect(decryptOpenssl(data, PASS, { iterations: 1000, digest: 'sha512' })).toEqual({ ok: true, plaintext: Buffer.from(PLAINTEXT) });
    expect(decryptOpenssl(data, PASS, DEFAULT_PARAMS).ok).toBe(false);
  });

  test('a wrong passphrase is reported as wrong-key, not as plaintext', () => {
    const result = decryptOpenssl(fixture(FROM_OPENSSL_DEFAULT), Buffer.from('not-the-passphrase'), DEFAULT_PARAMS);
    // One wrong key in 256 passes the padding check; this one is known not to.
    expect(result).toEqual({ ok: false, reason: 'wrong-key' });
  });

  test('truncation is told apart from a wrong key', () => {
    const data = fixture(FROM_OPENSSL_DEFAULT);
    expect(decryptOpenssl(data.subarray(0, data.length - 5), PASS, DEFAULT_PARAMS)).toEqual({ ok: false, reason: 'truncated' });
    expect(decryptOpenssl(data.subarray(0, 16), PASS, DEFAULT_PARAMS)).toEqual({ ok: false, reason: 'truncated' });
    expect(decryptOpenssl(data.subarray(0, 12), PASS, DEFAULT_PARAMS)).toEqual({ ok: false, reason: 'truncated' });
  });

  test('encrypt writes Salted__, a fresh 8-byte salt and whole AES blocks, and round-trips', () => {
    const plaintext = Buffer.from(PLAINTEXT);
    const first = encryptOpenssl(plaintext, PASS, DEFAULT_PARAMS);
    const second = encryptOpenssl(plaintext, PASS, DEFAULT_PARAMS);
    expect(first.subarray(0, 8)).toEqual(OPENSSL_MAGIC);
    expect(first.subarray(8, 16)).not.toEqual(second.subarray(8, 16));
    expect((first.length - 16) % 16).toBe(0);
    expect(first.length - 16).toBe(Math.ceil((plaintext.length + 1) / 16) * 16);
    expect(decryptOpenssl(first, PASS, DEFAULT_PARAMS)).toEqual({ ok: true, plaintext });
  });

  test('armor writes 64-character lines with a final newline, like openssl enc -a', () => {
    const data = encryptOpenssl(Buffer.from(PLAINTEXT.repeat(3)), PASS, DEFAULT_PARAMS);
    const armored = armorOpenssl(data);
    const lines = armored.split('\n');
    expect(armored.endsWith('\n')).toBe(true);
    expect(lines.slice(0, -2).every((line) => line.length === 64)).toBe(true);
    expect(armored.startsWith('U2FsdGVkX1')).toBe(true);
    expect(decodeOpensslBase64(armored)).toEqual(data);
  });

  test('base64 decoding accepts CRLF and single-line input and refuses junk', () => {
    const data = fixture(FROM_OPENSSL_DEFAULT);
    expect(decodeOpensslBase64(armorOpenssl(data).replace(/\n/gu, '\r\n'))).toEqual(data);
    expect(decodeOpensslBase64('U2FsdGVkX1 not base64!')).toBeUndefined();
    expect(decodeOpensslBase64('U2FsdGVkX')).toBeUndefined();
    expect(isOpensslBinary(Buffer.from('Salted_'))).toBe(false);
  });
});
