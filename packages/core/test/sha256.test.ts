import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { hmacSha256, sha256, sha256Hex, toHex, utf8 } from '../src/sha256.js';

// Lengths around the 64-byte block and its 55/56-byte padding boundary, and longer.
const LENGTHS = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4097];

describe('sha256 and hmacSha256 agree with node:crypto', () => {
  test.each(LENGTHS)('SHA-256 of %i random bytes', (length) => {
    const message = randomBytes(length);
    expect(toHex(sha256(message))).toBe(createHash('sha256').update(message).digest('hex'));
  });

  test('SHA-256 of a non-ASCII text (UTF-8)', () => {
    const text = 'prod/ci-deployer — ключ ✓ 🔑';
    expect(toHex(sha256(utf8(text)))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  // Keys shorter than, equal to and longer than the block (a longer key is hashed first).
  test.each([0, 20, 44, 64, 65, 200])('HMAC-SHA-256 with a %i-byte key', (keyLength) => {
    const key = randomBytes(keyLength);
    for (const length of [0, 13, 64, 300]) {
      const message = randomBytes(length);
      expect(toHex(hmacSha256(key, message))).toBe(createHmac('sha256', key).update(message).digest('hex'));
    }
  });
});

const reference = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  test('FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  test('matches node:crypto at every padding boundary and on non-ASCII text', () => {
    for (let length = 0; length <= 200; length += 1) {
      const text = 'x'.repeat(length);
      expect(sha256Hex(text), `length ${length}`).toBe(reference(text));
    }
    for (const text of ['ünïcödé', '日本語のテキスト', '🔑 secret/aws/dev', JSON.stringify({ v: 1, plugin: '@cred-launch/plugin-vault', args: ['secret/aws/dev'] })]) {
      expect(sha256Hex(text)).toBe(reference(text));
    }
  });

  test('matches node:crypto on random inputs', () => {
    for (let i = 0; i < 200; i += 1) {
      const text = Array.from({ length: Math.floor(Math.random() * 300) }, () => String.fromCharCode(32 + Math.floor(Math.random() * 2000))).join('');
      expect(sha256Hex(text)).toBe(reference(text));
    }
  });
});
