import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { hmacSha256, sha256, toHex, utf8 } from '../src/sha256.js';
import { signRequest } from '../src/sigv4.js';

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

describe('signRequest', () => {
  // A JSON 1.1 POST signed by signRequest and by the SigV4 recipe written out step by step
  // with node:crypto (canonical request, string to sign, key derivation). The AWS test
  // server checks real requests the same way with @smithy/signature-v4 (direct.test.ts).
  test('the signature is the SigV4 recipe computed with node:crypto', () => {
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'token  with   spaces ' };
    const body = '{"SecretId":"prod/ci"}';
    const headers = signRequest(
      { method: 'POST', path: '/', headers: { host: 'secretsmanager.eu-west-1.amazonaws.com', 'content-type': 'application/x-amz-json-1.1', 'user-agent': 'not signed' }, body },
      credentials,
      { region: 'eu-west-1', service: 'secretsmanager', date: new Date('2026-01-30T10:15:00.123Z') },
    );
    const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    const canonical = [
      'POST',
      '/',
      '',
      'content-type:application/x-amz-json-1.1',
      'host:secretsmanager.eu-west-1.amazonaws.com',
      `x-amz-content-sha256:${hash(body)}`,
      'x-amz-date:20260130T101500Z',
      'x-amz-security-token:token with spaces',
      '',
      'content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token',
      hash(body),
    ].join('\n');
    const scope = '20260130/eu-west-1/secretsmanager/aws4_request';
    const stringToSign = `AWS4-HMAC-SHA256\n20260130T101500Z\n${scope}\n${hash(canonical)}`;
    const mac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
    const key = mac(mac(mac(mac(`AWS4${credentials.secretAccessKey}`, '20260130'), 'eu-west-1'), 'secretsmanager'), 'aws4_request');
    const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
    expect(headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${scope}, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=${signature}`,
    );
    expect(headers['x-amz-security-token']).toBe(credentials.sessionToken);
    expect(headers['user-agent']).toBe('not signed');
  });
});
