/**
 * The signer against the test server's independent verifier: a correctly
 * signed request is accepted, and each way of breaking it (body, query or a
 * signed header changed after signing, the wrong key, a wrong serial in the
 * Credential) is refused. This shows the server's check can fail, so the
 * end-to-end successes mean the signature is right.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { amzDate, serialNumberDecimal, signCreateSession, type SignedRequest } from '../src/sign-request.js';
import type { SigningMaterial } from '../src/signing-material.js';
import { PROFILE_ARN, REGION, ROLE_ARN, startBackend, TRUST_ANCHOR_ARN, type Backend } from './helpers.js';

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.close();
});

function material(certificate: string, key: string, chain: string[] = []): SigningMaterial {
  const privateKey = createPrivateKey(readFileSync(key));
  return {
    certificate: new X509Certificate(readFileSync(certificate)),
    chain: chain.map((path) => new X509Certificate(readFileSync(path))),
    privateKey,
    algorithm: privateKey.asymmetricKeyType === 'rsa' ? 'AWS4-X509-RSA-SHA256' : 'AWS4-X509-ECDSA-SHA256',
  };
}

function signed(signing: SigningMaterial, body = '{"durationSeconds":900}'): SignedRequest {
  return signCreateSession({
    endpoint: backend.server.url,
    region: REGION,
    query: { profileArn: PROFILE_ARN, roleArn: ROLE_ARN, trustAnchorArn: TRUST_ANCHOR_ARN },
    body,
    material: signing,
    now: new Date(),
  });
}

async function send(
  request: SignedRequest,
  change: { url?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers = { ...request.headers, ...change.headers };
  delete headers.host;
  const response = await fetch(change.url ?? request.url, { method: 'POST', headers, body: change.body ?? request.body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('SigV4-X509 as the test server verifies it', () => {
  test('the request carries the documented parts', () => {
    const signing = material(backend.pki.rsaLeaf.certificate, backend.pki.rsaLeaf.privateKey, [backend.pki.intermediateCa]);
    const request = signed(signing);
    expect(request.url.pathname).toBe('/sessions');
    expect(request.url.search).toBe(
      `?profileArn=${encodeURIComponent(PROFILE_ARN)}&roleArn=${encodeURIComponent(ROLE_ARN)}&trustAnchorArn=${encodeURIComponent(TRUST_ANCHOR_ARN)}`,
    );
    expect(request.headers['x-amz-x509']).toBe(signing.certificate.raw.toString('base64'));
    expect(request.headers['x-amz-x509-chain']).toBe(signing.chain[0]!.raw.toString('base64'));
    expect(request.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-X509-RSA-SHA256 Credential=${serialNumberDecimal(signing.certificate.serialNumber)}/\\d{8}/${REGION}/rolesanywhere/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-x509;x-amz-x509-chain, Signature=[0-9a-f]+$`,
        'u',
      ),
    );
  });

  test.each(['rsaLeaf', 'ecLeaf'] as const)('%s: accepted as signed', async (name) => {
    const answer = await send(signed(material(backend.pki[name].certificate, backend.pki[name].privateKey, [backend.pki.intermediateCa])));
    expect(answer.status).toBe(201);
    expect(answer.body.credentialSet).toHaveLength(1);
  });

  test('a body changed after signing is refused', async () => {
    const answer = await send(signed(material(backend.pki.ecLeaf.certificate, backend.pki.ecLeaf.privateKey, [backend.pki.intermediateCa])), { body: '{"durationSeconds":901}' });
    expect(answer).toMatchObject({ status: 403, body: { message: expect.stringContaining('signature') } });
  });

  test('a query changed after signing is refused', async () => {
    const request = signed(material(backend.pki.ecLeaf.certificate, backend.pki.ecLeaf.privateKey, [backend.pki.intermediateCa]));
    const answer = await send(request, { url: request.url.href.replace('roles-anywhere-test', 'roles-anywhere-tesT') });
    expect(answer).toMatchObject({ status: 403, body: { message: expect.stringContaining('signature') } });
  });

  test('a chain header changed after signing is refused', async () => {
    const request = signed(material(backend.pki.ecLeaf.certificate, backend.pki.ecLeaf.privateKey, [backend.pki.intermediateCa]));
    const answer = await send(request, { headers: { 'x-amz-x509-chain': `${request.headers['x-amz-x509-chain']},${request.headers['x-amz-x509-chain']}` } });
    expect(answer).toMatchObject({ status: 403, body: { message: expect.stringContaining('signature') } });
  });

  test("a signature made with another key than the certificate's is refused", async () => {
    const forged = {
      ...material(backend.pki.ecLeaf.certificate, backend.pki.ecLeaf.privateKey, [backend.pki.intermediateCa]),
      privateKey: createPrivateKey(readFileSync(backend.pki.strayEcKey)),
    };
    expect((await send(signed(forged))).status).toBe(403);
  });

  test("a Credential that is not the certificate's serial number is refused", async () => {
    const request = signed(material(backend.pki.ecLeaf.certificate, backend.pki.ecLeaf.privateKey, [backend.pki.intermediateCa]));
    const answer = await send(request, { headers: { authorization: request.headers.authorization!.replace(/Credential=\d+/u, 'Credential=12345') } });
    expect(answer).toMatchObject({ status: 403, body: { message: expect.stringContaining('serial number') } });
  });

  test('the serial number is written in decimal, as big as it gets', () => {
    expect(serialNumberDecimal('0F')).toBe('15');
    expect(serialNumberDecimal('7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF')).toBe('730750818665451459101842416358141509827966271487');
    expect(amzDate(new Date('2021-11-03T12:00:00.123Z'))).toBe('20211103T120000Z');
  });
});
