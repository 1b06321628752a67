import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IncomingRequest, ParsedAuthorization, SignatureCheck, TestKeyPair } from './types.js';

// Defined with the other shared types (types.ts names them for services), kept exported here.
export type { ParsedAuthorization, SignatureCheck };

/**
 * The request as the client signed it: only the headers it names as signed
 * (AWS leaves the others out of the canonical request). Returns the name of
 * a signed header the request lacks instead.
 */
export function requestAsSigned(request: IncomingRequest, signedHeaderNames: readonly string[]): HttpRequest | string {
  const headers: Record<string, string> = {};
  for (const name of signedHeaderNames) {
    const value = request.headers[name];
    if (value === undefined) return name;
    headers[name] = value;
  }
  const [hostname = '', port] = (request.headers.host ?? '').split(':');
  return new HttpRequest({
    method: request.method,
    protocol: 'http:',
    hostname,
    ...(port === undefined ? {} : { port: Number(port) }),
    path: request.path,
    query: { ...request.query },
    headers,
    body: request.body,
  });
}

/** Options for {@link verifySigV4}. */
export interface VerifyOptions {
  /** Keys the server knows. */
  keys: readonly TestKeyPair[];
  /** Signing name the credential scope must carry, e.g. `secretsmanager`. */
  service: string;
  /** Server clock. @default () => new Date() */
  now?: () => Date;
  /** Allowed distance between `X-Amz-Date` and the server clock, as AWS allows. @default 900 */
  maxSkewSeconds?: number;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/u;

/** Parses a SigV4 Authorization header, or returns undefined when it is not one. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const match = AUTHORIZATION.exec(header.trim());
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  return {
    accessKeyId: accessKeyId!,
    date: date!,
    region: region!,
    service: service!,
    signedHeaders: signedHeaders!.split(';'),
    signature: signature!,
  };
}

/** `20240102T030405Z` → Date, or undefined. */
function parseAmzDate(text: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/u.exec(text ?? '');
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies a request's SigV4 signature the way AWS does: look the access key
 * id up, then recompute the signature over the same signed headers, body and
 * scope with that key's secret (`@smithy/signature-v4`, the signer the SDKs
 * use) and compare. A match proves which key pair the client held.
 */
export async function verifySigV4(request: IncomingRequest, options: VerifyOptions): Promise<SignatureCheck> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') {
    return { ok: false, reason: 'missing', detail: 'Missing Authentication Token' };
  }
  const authorization = parseAuthorization(header);
  if (authorization === undefined) {
    return { ok: false, reason: 'incomplete', detail: `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.` };
  }
  if (!authorization.signedHeaders.includes('host')) {
    return { ok: false, reason: 'incomplete', detail: "'Host' must be a signed header.", authorization };
  }
  const key = options.keys.find((candidate) => candidate.accessKeyId === authorization.accessKeyId);
  if (key === undefined) {
    return { ok: false, reason: 'unknown-key', detail: 'The security token included in the request is invalid.', authorization };
  }
  if (authorization.service !== options.service) {
    return { ok: false, reason: 'wrong-scope', detail: `Credential should be scoped to correct service: '${options.service}'.`, authorization };
  }
  const presentedToken = request.headers['x-amz-security-token'];
  if ((key.sessionToken ?? undefined) !== presentedToken) {
    return { ok: false, reason: 'bad-token', detail: 'The security token included in the request is invalid.', authorization };
  }
  if (key.expired === true) {
    return { ok: false, reason: 'expired-token', detail: 'The security token included in the request is expired', authorization };
  }
  const signingDate = parseAmzDate(request.headers['x-amz-date']);
  if (signingDate === undefined || !request.headers['x-amz-date']?.startsWith(authorization.date)) {
    return { ok: false, reason: 'incomplete', detail: 'X-Amz-Date is missing or does not match the credential scope date.', authorization };
  }
  const now = (options.now ?? (() => new Date()))();
  const skew = Math.abs(now.getTime() - signingDate.getTime()) / 1000;
  if (skew > (options.maxSkewSeconds ?? 900)) {
    return {
      ok: false,
      reason: 'stale-date',
      detail: `Signature expired: ${request.headers['x-amz-date']} is now earlier or later than the allowed 15 minutes.`,
      authorization,
    };
  }
  const claimedBodyHash = request.headers['x-amz-content-sha256'];
  if (claimedBodyHash !== undefined && claimedBodyHash !== 'UNSIGNED-PAYLOAD') {
    const actual = createHash('sha256').update(request.body).digest('hex');
    if (actual !== claimedBodyHash) {
      return { ok: false, reason: 'bad-signature', detail: 'The provided x-amz-content-sha256 header does not match what was computed.', authorization };
    }
  }

  // Re-sign exactly the headers the client signed; everything else is left out.
  const toSign = requestAsSigned(request, authorization.signedHeaders);
  if (typeof toSign === 'string') return { ok: false, reason: 'incomplete', detail: `Signed header '${toSign}' is missing from the request.`, authorization };
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      ...(key.sessionToken === undefined ? {} : { sessionToken: key.sessionToken }),
    },
    region: authorization.region,
    service: authorization.service,
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: true,
    applyChecksum: false,
  });
  const signed = await signer.sign(toSign, {
    signingDate,
    signableHeaders: new Set(authorization.signedHeaders),
  });
  const expected = parseAuthorization(String(signed.headers.authorization ?? ''));
  const matches = expected !== undefined && expected.signedHeaders.join(';') === authorization.signedHeaders.join(';') && sameText(expected.signature, authorization.signature);
  if (!matches) {
    return {
      ok: false,
      reason: 'bad-signature',
      detail:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      authorization,
    };
  }
  return { ok: true, key, region: authorization.region, authorization };
}
