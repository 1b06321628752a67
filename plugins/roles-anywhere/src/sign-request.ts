import { createHash, sign } from 'node:crypto';
import type { SigningMaterial } from './signing-material.js';

/** The CreateSession parameters that travel in the query string, as aws_signing_helper sends them. */
export interface SessionQuery {
  profileArn: string;
  roleArn: string;
  trustAnchorArn: string;
}

/** Input of {@link signCreateSession}. */
export interface CreateSessionInput {
  /** Base endpoint, e.g. `https://rolesanywhere.eu-west-1.amazonaws.com`. */
  endpoint: string;
  /** Signing region (credential scope). */
  region: string;
  query: SessionQuery;
  /** The JSON body (`durationSeconds`, optional `roleSessionName`). */
  body: string;
  material: SigningMaterial;
  /** Signing time. */
  now: Date;
}

/** A request ready to send: the exact URL, headers and body that were signed. */
export interface SignedRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
}

/** The service name in the credential scope. */
export const SIGNING_NAME = 'rolesanywhere';

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ is %XX. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/gu, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `20240102T030405Z`. */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/gu, '')
    .replace(/\.\d{3}/u, '');
}

/** The certificate's serial number in decimal: the Credential of SigV4-X509. */
export function serialNumberDecimal(serialHex: string): string {
  return BigInt(`0x${serialHex}`).toString(10);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Builds and signs `POST /sessions` the way aws_signing_helper
 * (signer.go `signRequest`) and the Roles Anywhere signing documentation
 * describe: SigV4's canonical request, with the algorithm
 * `AWS4-X509-RSA-SHA256` / `AWS4-X509-ECDSA-SHA256`, the leaf certificate
 * (base64 DER) in `X-Amz-X509` and the intermediates in `X-Amz-X509-Chain`
 * (both signed), and the string to sign signed with the private key
 * (SHA-256; RSA PKCS#1 v1.5, or ECDSA with a DER signature), hex-encoded.
 * The Credential is the certificate's serial number in decimal.
 */
export function signCreateSession(input: CreateSessionInput): SignedRequest {
  const base = new URL(input.endpoint);
  const path = `${base.pathname.replace(/\/+$/u, '')}/sessions`;
  const canonicalQuery = (Object.keys(input.query) as Array<keyof SessionQuery>)
    .sort()
    .map((name) => `${uriEncode(name)}=${uriEncode(input.query[name])}`)
    .join('&');
  const url = new URL(`${base.origin}${path}?${canonicalQuery}`);
  const date = amzDate(input.now);
  const scope = `${date.slice(0, 8)}/${input.region}/${SIGNING_NAME}/aws4_request`;

  const headers: Record<string, string> = {
    'content-type': 'application/json',
    host: url.host,
    'x-amz-date': date,
    'x-amz-x509': input.material.certificate.raw.toString('base64'),
  };
  if (input.material.chain.length > 0) headers['x-amz-x509-chain'] = input.material.chain.map((certificate) => certificate.raw.toString('base64')).join(',');
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = ['POST', path, canonicalQuery, `${names.map((name) => `${name}:${headers[name]!.trim()}`).join('\n')}\n`, signedHeaders, sha256Hex(input.body)].join(
    '\n',
  );
  const stringToSign = [input.material.algorithm, date, scope, sha256Hex(canonicalRequest)].join('\n');
  const signature = sign('sha256', Buffer.from(stringToSign, 'utf8'), input.material.privateKey).toString('hex');
  const credential = `${serialNumberDecimal(input.material.certificate.serialNumber)}/${scope}`;
  headers.authorization = `${input.material.algorithm} Credential=${credential}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { url, headers, body: input.body };
}
