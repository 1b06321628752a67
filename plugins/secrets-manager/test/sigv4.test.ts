import { createHash, createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signRequest } from '../src/sigv4.js';

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
