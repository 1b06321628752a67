import { ACCESS_DENIED_CODES, THROTTLING_CODES, VALIDATION_CODES } from '@cred-launch/aws-profiles';
import type { CredentialError } from '@cred-launch/core';
import { rolesAnywhereError } from './errors.js';
import type { HttpAnswer } from './http-post.js';

/** What the messages name: the request's target, never a secret. */
export interface RequestDescription {
  endpoint: string;
  region: string;
  profileArn: string;
  roleArn: string;
  trustAnchorArn: string;
}

/** The error code of a REST-JSON answer: `X-Amzn-ErrorType` (up to `:`), else the body's `__type`/`code`. */
export function errorCodeOf(answer: HttpAnswer, body: Record<string, unknown> | undefined): string {
  const header = answer.headers['x-amzn-errortype'];
  const fromHeader = (Array.isArray(header) ? header[0] : header)?.split(':')[0];
  const fromBody = body?.__type ?? body?.code ?? body?.Code;
  const raw = fromHeader || (typeof fromBody === 'string' ? fromBody : '');
  return raw.split('#').pop() ?? '';
}

/** The service's message, on one short line: it names ARNs and reasons, never key material. */
function serviceMessage(body: Record<string, unknown> | undefined): string {
  const message = body?.message ?? body?.Message;
  if (typeof message !== 'string' || message.trim() === '') return '';
  const line = message.replace(/\s+/gu, ' ').trim();
  return `: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`;
}

/**
 * Maps a CreateSession error answer to a CredentialError with what to do
 * next. AccessDeniedException (403: untrusted or revoked certificate, bad
 * signature, role not in the profile, trust policy) → AUTH;
 * ValidationException (400) → USAGE (a parameter the service refused);
 * ResourceNotFoundException (404: trust anchor/profile) → NOT_FOUND;
 * throttling and 5xx → BACKEND.
 */
export function mapServiceError(answer: HttpAnswer, body: Record<string, unknown> | undefined, request: RequestDescription): CredentialError {
  const code = errorCodeOf(answer, body);
  const said = serviceMessage(body);
  const label = `CreateSession ${code || `HTTP ${answer.status}`} (${answer.status})${said}`;
  if (ACCESS_DENIED_CODES.has(code) || answer.status === 403) {
    const aboutCertificate = /certificate|chain|signature|trust anchor/iu.test(said);
    return rolesAnywhereError(
      'AUTH',
      label,
      aboutCertificate
        ? "the certificate must chain to the trust anchor's CA (pass --intermediates for intermediate CAs), not be revoked, and the trust anchor must be enabled"
        : `check that ${request.roleArn} is one of the profile's roles, its trust policy allows rolesanywhere.amazonaws.com (sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity), and the profile is enabled`,
    );
  }
  if (code === 'ResourceNotFoundException' || answer.status === 404) {
    return rolesAnywhereError('NOT_FOUND', label, `check --trust-anchor-arn and --profile-arn exist in ${request.region} (${request.endpoint})`);
  }
  if (VALIDATION_CODES.has(code) || code === 'SerializationException') {
    return rolesAnywhereError('USAGE', label, 'the service refused a parameter: check the ARNs, --session-duration (the profile may allow less) and --role-session-name');
  }
  if (THROTTLING_CODES.has(code) || answer.status === 429) {
    return rolesAnywhereError('BACKEND', label, 'CreateSession is rate-limited per account: let the launcher cache answer repeated calls, and try again shortly');
  }
  if (answer.status >= 500) return rolesAnywhereError('BACKEND', label, 'IAM Roles Anywhere failed: try again later');
  return rolesAnywhereError('BACKEND', `unexpected answer from ${request.endpoint}: ${label}`, 'check --endpoint and --region');
}
