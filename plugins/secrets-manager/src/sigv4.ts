import { hmacSha256, sha256, toHex, utf8 } from '@cred-launch/core';

/** The calling key pair (and session token) a request is signed with. */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** What is signed: a request without a query string, its body and lowercase header names. */
export interface RequestToSign {
  method: string;
  path: string;
  /** Lowercase names. `host` must be among them. */
  headers: Record<string, string>;
  body: string;
}

/** Where and when the signature is valid. */
export interface SigningScope {
  region: string;
  service: string;
  date: Date;
}

/**
 * Headers never signed, as in @smithy/signature-v4's ALWAYS_UNSIGNABLE_HEADERS
 * (a proxy or the HTTP stack may change them on the way).
 */
const UNSIGNABLE = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

const sha256Hex = (text: string): string => toHex(sha256(utf8(text)));
const hmac = (key: Uint8Array, text: string): Uint8Array => hmacSha256(key, utf8(text));

/** `20260130T101500Z` and `20260130`, as SigV4 writes the time. */
export function amzDate(date: Date): { long: string; short: string } {
  const long = date
    .toISOString()
    .replace(/[-:]/gu, '')
    .replace(/\.\d{3}/u, '');
  return { long, short: long.slice(0, 8) };
}

/**
 * Signs `request` with AWS Signature Version 4 (header signing, as
 * @smithy/signature-v4's `sign` does for a non-S3 service): adds
 * `x-amz-date`, `x-amz-security-token` for session credentials,
 * `x-amz-content-sha256` and `authorization`, and returns the new header set. Every other header
 * present (except the unsignable ones) is signed, so what is sent is what
 * was signed. Written here because loading the SDK's signer and its
 * dependencies costs more start-up than the whole rest of the call (README,
 * "Start-up cost"); the hashes are src/sha256.ts, not node:crypto, for the
 * same reason.
 */
export function signRequest(request: RequestToSign, credentials: SigningCredentials, scope: SigningScope): Record<string, string> {
  const { long, short } = amzDate(scope.date);
  const headers: Record<string, string> = { ...request.headers, 'x-amz-date': long };
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  // SignatureV4's applyChecksum defaults to true: the body's hash is sent and signed too.
  const payloadHash = sha256Hex(request.body);
  headers['x-amz-content-sha256'] = payloadHash;

  const signed = Object.keys(headers)
    .filter((name) => !UNSIGNABLE.has(name) && !name.startsWith('proxy-') && !name.startsWith('sec-'))
    .sort();
  const canonicalHeaders = signed.map((name) => `${name}:${(headers[name] ?? '').trim().replace(/\s+/gu, ' ')}`).join('\n');
  const signedHeaders = signed.join(';');
  const canonicalRequest = `${request.method}\n${request.path}\n\n${canonicalHeaders}\n\n${signedHeaders}\n${payloadHash}`;

  const credentialScope = `${short}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${long}\n${credentialScope}\n${sha256Hex(canonicalRequest)}`;
  const signingKey = hmac(hmac(hmac(hmac(utf8(`AWS4${credentials.secretAccessKey}`), short), scope.region), scope.service), 'aws4_request');
  const signature = toHex(hmac(signingKey, stringToSign));

  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
