import { randomBytes, randomUUID, verify, X509Certificate } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import type { HttpRequest } from '@smithy/protocol-http';
import { getCanonicalHeaders, getPayloadHash, SignatureV4 } from '@smithy/signature-v4';
import { parseJsonBody } from '../json-protocol.js';
import { requestAsSigned, type SignatureCheck } from '../sigv4.js';
import { AwsServiceError, type IncomingRequest, type ServiceHandler, type ServiceResponse, type SignatureFailureReason, type VerifiedRequest } from '../types.js';

/** A trust anchor: the CA certificates a signing certificate must chain to. */
export interface TrustAnchorFixture {
  arn: string;
  /** PEM text of the CA certificates (a bundle is fine). */
  caCertificates: string;
  /** A disabled anchor refuses every session with AccessDeniedException. @default true */
  enabled?: boolean;
}

/** A Roles Anywhere profile: the roles it may hand out. */
export interface ProfileFixture {
  arn: string;
  roleArns: string[];
  /** Longest session the profile allows. @default 43200 */
  maxDurationSeconds?: number;
}

/** Options for {@link createRolesAnywhere}. */
export interface RolesAnywhereOptions {
  trustAnchors: TrustAnchorFixture[];
  profiles: ProfileFixture[];
  /** Credentials every session returns; their expiration is still now + durationSeconds. @default random ASIA… keys per session */
  fixedCredentials?: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  /** Server clock for certificate validity and `X-Amz-Date` skew. @default () => new Date() */
  now?: () => Date;
}

/** A session the service issued, for assertions. */
export interface IssuedSession {
  serialNumber: string;
  subject: string;
  algorithm: string;
  intermediates: number;
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  durationSeconds: number;
  roleSessionName: string | undefined;
  accessKeyId: string;
}

/** The Roles Anywhere CreateSession service of the test server. */
export interface RolesAnywhereService extends ServiceHandler {
  /** Every session issued, in order. */
  readonly sessions: IssuedSession[];
}

const AUTHORIZATION =
  /^(AWS4-X509-RSA-SHA256|AWS4-X509-ECDSA-SHA256) Credential=(\d+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request, ?SignedHeaders=([a-z0-9;_.-]+), ?Signature=([0-9a-f]+)$/u;

/**
 * The SigV4 canonical request and string to sign exactly as the AWS SDK for
 * JavaScript builds them (`@smithy/signature-v4`, whose methods for this are
 * protected): SigV4-X509 keeps SigV4's canonicalization and changes only the
 * algorithm name and the key, so the verifier shares no code with the
 * plugin's signer.
 */
class SdkCanonicalizer extends SignatureV4 {
  constructor() {
    super({
      credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
      region: 'unused',
      service: 'rolesanywhere',
      sha256: Hash.bind(null, 'sha256'),
      uriEscapePath: true,
    });
  }

  async stringToSign(request: HttpRequest, signedHeaders: ReadonlySet<string>, algorithm: string, amzDate: string, scope: string): Promise<string> {
    const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(signedHeaders));
    const payloadHash = await getPayloadHash(request, Hash.bind(null, 'sha256'));
    return this.createStringToSign(amzDate, scope, this.createCanonicalRequest(request, canonicalHeaders, payloadHash), algorithm);
  }
}

const canonicalizer = new SdkCanonicalizer();

function parseAmzDate(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/u.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

function certificateFromBase64(text: string): X509Certificate | undefined {
  try {
    return new X509Certificate(Buffer.from(text.trim(), 'base64'));
  } catch {
    return undefined;
  }
}

function pemBlocks(text: string): X509Certificate[] {
  return (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/gu) ?? []).map((block) => new X509Certificate(block));
}

function inValidity(certificate: X509Certificate, now: Date): boolean {
  return now.getTime() >= Date.parse(certificate.validFrom) && now.getTime() <= Date.parse(certificate.validTo);
}

/** True when `issuer` issued `certificate`: names match and the signature verifies with the issuer's key. */
function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

/**
 * Verifies the SigV4-X509 signature as the Roles Anywhere documentation
 * describes it, independently of the plugin's signer: parse the
 * Authorization header, take the signing certificate from `X-Amz-X509`,
 * check its serial number is the Credential, rebuild the canonical request
 * from what arrived (method, path, query, the signed headers, the body's
 * hash) and the string to sign with the AWS SDK's own SigV4 code
 * (`@smithy/signature-v4`), and verify the signature with the
 * certificate's public key (RSA PKCS#1 v1.5 or ECDSA, SHA-256).
 */
export async function verifyX509Signature(request: IncomingRequest, now: Date, maxSkewSeconds = 900): Promise<SignatureCheck> {
  const fail = (reason: SignatureFailureReason, detail: string): SignatureCheck => ({ ok: false, reason, detail });
  const header = request.headers.authorization;
  if (header === undefined || header === '') return fail('missing', 'Missing Authentication Token');
  const match = AUTHORIZATION.exec(header.trim());
  if (!match) return fail('incomplete', 'Authorization header is not a SigV4-X509 header (AWS4-X509-RSA-SHA256 / AWS4-X509-ECDSA-SHA256).');
  const [, algorithm = '', serial = '', date = '', region = '', service = '', signedList = '', signature = ''] = match;
  const authorization = { accessKeyId: serial, date, region, service, signedHeaders: signedList.split(';'), signature };
  const failWith = (reason: SignatureFailureReason, detail: string): SignatureCheck => ({ ok: false, reason, detail, authorization });
  if (service !== 'rolesanywhere') return failWith('wrong-scope', "Credential should be scoped to correct service: 'rolesanywhere'.");
  for (const required of ['host', 'x-amz-date', 'x-amz-x509']) {
    if (!authorization.signedHeaders.includes(required)) return failWith('incomplete', `'${required}' must be a signed header.`);
  }
  if (request.headers['x-amz-x509-chain'] !== undefined && !authorization.signedHeaders.includes('x-amz-x509-chain')) {
    return failWith('incomplete', "'x-amz-x509-chain' must be a signed header.");
  }
  const certificate = certificateFromBase64(request.headers['x-amz-x509'] ?? '');
  if (certificate === undefined) return failWith('incomplete', 'X-Amz-X509 is not a base64 DER certificate.');
  if (BigInt(`0x${certificate.serialNumber}`).toString(10) !== serial)
    return failWith('bad-signature', 'Credential does not name the serial number of the X-Amz-X509 certificate.');
  const keyType = certificate.publicKey.asymmetricKeyType;
  if ((algorithm === 'AWS4-X509-RSA-SHA256') !== (keyType === 'rsa') || (algorithm === 'AWS4-X509-ECDSA-SHA256') !== (keyType === 'ec')) {
    return failWith('bad-signature', `Signing algorithm ${algorithm} does not match the certificate's ${keyType ?? 'unknown'} key.`);
  }
  const amzDate = request.headers['x-amz-date'] ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (signingDate === undefined || !amzDate.startsWith(date)) return failWith('incomplete', 'X-Amz-Date is missing or does not match the credential scope date.');
  if (Math.abs(now.getTime() - signingDate.getTime()) / 1000 > maxSkewSeconds)
    return failWith('stale-date', `Signature expired: ${amzDate} is now earlier or later than the allowed 15 minutes.`);
  if (!inValidity(certificate, now)) return failWith('expired-token', 'Untrusted signing certificate: it is expired or not yet valid.');

  // Only the headers the client signed go into the canonical request, as AWS does.
  const received = requestAsSigned(request, authorization.signedHeaders);
  if (typeof received === 'string') return failWith('incomplete', `Signed header '${received}' is missing from the request.`);
  const stringToSign = await canonicalizer.stringToSign(received, new Set(authorization.signedHeaders), algorithm, amzDate, `${date}/${region}/${service}/aws4_request`);
  const valid = verify('sha256', Buffer.from(stringToSign, 'utf8'), certificate.publicKey, Buffer.from(signature, 'hex'));
  if (!valid) return failWith('bad-signature', 'The request signature we calculated does not match the signature you provided.');
  return { ok: true, key: { accessKeyId: serial, secretAccessKey: '', principalArn: certificate.subject }, region, authorization };
}

function randomKey(prefix: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return prefix + [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * IAM Roles Anywhere's CreateSession (`POST /sessions`, REST-JSON), for
 * tests: the request is authenticated with {@link verifyX509Signature}; the
 * leaf must chain through the `X-Amz-X509-Chain` intermediates to a CA of
 * the named trust anchor, and the role must be one of the profile's. The
 * answer is the documented `{credentialSet: [{credentials, assumedRoleUser,
 * roleArn, …}], subjectArn}` with status 201. Not AWS.
 */
export function createRolesAnywhere(options: RolesAnywhereOptions): RolesAnywhereService {
  const sessions: IssuedSession[] = [];
  const clock = options.now ?? (() => new Date());

  const trustChain = (leaf: X509Certificate, chainHeader: string | undefined, anchor: TrustAnchorFixture, now: Date): string | undefined => {
    const intermediates: X509Certificate[] = [];
    for (const part of (chainHeader ?? '').split(',').filter((item) => item.trim() !== '')) {
      const certificate = certificateFromBase64(part);
      if (certificate === undefined) return 'X-Amz-X509-Chain holds something that is not a certificate.';
      if (!certificate.ca) return 'X-Amz-X509-Chain holds a certificate that is not a CA.';
      if (!inValidity(certificate, now)) return 'An intermediate certificate is expired or not yet valid.';
      intermediates.push(certificate);
    }
    const roots = pemBlocks(anchor.caCertificates);
    let current = leaf;
    for (let depth = 0; depth <= intermediates.length; depth += 1) {
      if (roots.some((root) => issuedBy(current, root) && inValidity(root, now))) return undefined;
      const next = intermediates.find((candidate) => issuedBy(current, candidate));
      if (next === undefined) break;
      current = next;
    }
    return 'Untrusted signing certificate.';
  };

  return {
    signingName: 'rolesanywhere',
    sessions,
    claims: (request: IncomingRequest): boolean => request.method === 'POST' && request.path === '/sessions',
    operationOf: (): string => 'CreateSession',
    authenticate: (request: IncomingRequest, now: Date): Promise<SignatureCheck> => verifyX509Signature(request, now),
    handle(request: VerifiedRequest): ServiceResponse {
      const body = parseJsonBody(request.body);
      const field = (name: string): string | undefined => request.query[name] ?? (typeof body[name] === 'string' ? body[name] : undefined);
      const trustAnchorArn = field('trustAnchorArn');
      const profileArn = field('profileArn');
      const roleArn = field('roleArn');
      if (trustAnchorArn === undefined || profileArn === undefined || roleArn === undefined) {
        throw new AwsServiceError('ValidationException', 'trustAnchorArn, profileArn and roleArn are required.', 400);
      }
      const anchor = options.trustAnchors.find((candidate) => candidate.arn === trustAnchorArn);
      if (anchor === undefined) throw new AwsServiceError('ResourceNotFoundException', 'Trust anchor not found.', 404);
      const profile = options.profiles.find((candidate) => candidate.arn === profileArn);
      if (profile === undefined) throw new AwsServiceError('ResourceNotFoundException', 'Profile not found.', 404);
      const anchorRegion = trustAnchorArn.split(':')[3];
      if (anchorRegion !== request.region)
        throw new AwsServiceError('ValidationException', `Request signed for ${request.region}, but the trust anchor is in ${anchorRegion}.`, 400);
      const duration = body.durationSeconds === undefined ? 3600 : body.durationSeconds;
      if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 900 || duration > (profile.maxDurationSeconds ?? 43_200)) {
        throw new AwsServiceError('ValidationException', `durationSeconds must be between 900 and ${profile.maxDurationSeconds ?? 43_200}.`, 400);
      }
      const roleSessionName = typeof body.roleSessionName === 'string' ? body.roleSessionName : undefined;
      if (anchor.enabled === false) throw new AwsServiceError('AccessDeniedException', 'Trust anchor is disabled.', 403);
      const now = clock();
      const leaf = certificateFromBase64(request.headers['x-amz-x509'] ?? '')!;
      const untrusted = trustChain(leaf, request.headers['x-amz-x509-chain'], anchor, now);
      if (untrusted !== undefined) throw new AwsServiceError('AccessDeniedException', untrusted, 403);
      if (!profile.roleArns.includes(roleArn)) throw new AwsServiceError('AccessDeniedException', 'Unable to assume role for the provided profile.', 403);

      const credentials = options.fixedCredentials ?? {
        accessKeyId: randomKey('ASIA', 16),
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: randomBytes(96).toString('base64'),
      };
      const account = roleArn.split(':')[4] ?? '123456789012';
      const sessionName = roleSessionName ?? BigInt(`0x${leaf.serialNumber}`).toString(10).slice(0, 64);
      const roleName = roleArn.split('/').pop() ?? 'role';
      const algorithm = /^(\S+)/u.exec(request.headers.authorization ?? '')?.[1] ?? '';
      sessions.push({
        serialNumber: BigInt(`0x${leaf.serialNumber}`).toString(10),
        subject: leaf.subject,
        algorithm,
        intermediates: (request.headers['x-amz-x509-chain'] ?? '').split(',').filter((item) => item !== '').length,
        trustAnchorArn,
        profileArn,
        roleArn,
        durationSeconds: duration,
        roleSessionName,
        accessKeyId: credentials.accessKeyId,
      });
      const answer = {
        credentialSet: [
          {
            assumedRoleUser: { arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`, assumedRoleId: `AROA${randomKey('', 17)}:${sessionName}` },
            credentials: { ...credentials, expiration: new Date(now.getTime() + duration * 1000).toISOString().replace(/\.\d{3}Z$/u, 'Z') },
            packedPolicySize: 0,
            roleArn,
            sourceIdentity: /CN=([^\n]+)/u.exec(leaf.subject)?.[1] ?? '',
          },
        ],
        subjectArn: `arn:aws:rolesanywhere:${anchorRegion}:${account}:subject/${randomUUID()}`,
      };
      return { status: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer) };
    },
    signatureError: (_reason: SignatureFailureReason, detail: string): AwsServiceError => new AwsServiceError('AccessDeniedException', detail, 403),
    renderError: (error: AwsServiceError, requestId: string): ServiceResponse => ({
      status: error.status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.type, 'x-amzn-requestid': requestId },
      body: JSON.stringify({ message: error.message }),
    }),
  };
}
