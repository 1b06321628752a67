import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { sha256Hex } from '../src/cache/sha256.js';

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
