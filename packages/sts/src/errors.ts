import { CredentialError, isCredentialError } from '@cred-launch/core';

/** What the error mapping needs to know about the failed call. */
export interface StsCallDescription {
  operation: 'GetSessionToken' | 'AssumeRole';
  roleArn?: string;
  mfaSerial?: string;
  /** How to name the endpoint in messages. */
  endpoint: string;
  region: string;
}

interface SdkErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

const CLOCK_CODES = new Set(['RequestExpired', 'RequestTimeTooSkewed', 'RequestInTheFuture', 'SignatureDoesNotMatch', 'InvalidSignatureException', 'AuthFailure']);
const REJECTED_KEY_CODES = new Set([
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'AuthFailure',
  'IncompleteSignature',
]);
// The SDK's own list (@smithy/core retry THROTTLING_ERROR_CODES), the ones STS uses.
const THROTTLING_CODES = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'RequestThrottled', 'SlowDown']);
const VALIDATION_CODES = new Set(['ValidationError', 'MalformedPolicyDocument', 'MalformedPolicyDocumentException', 'PackedPolicyTooLarge', 'PackedPolicyTooLargeException', 'InvalidParameterValue', 'MissingParameter']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

const TIME_WORDS = /expired|skew|earlier than|later than|in the future|time/iu;

/** One line of a server message, clipped. STS messages name ARNs and parameters, never the keys. */
function serverText(message: string): string {
  const line = message.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** True when STS refused the one-time code (AccessDenied naming MultiFactorAuthentication). */
export function isMfaRejection(error: unknown): boolean {
  const e = error as SdkErrorLike;
  return typeof e?.message === 'string' && /MultiFactorAuthentication/u.test(e.message) && (e.name === 'AccessDenied' || e.name === 'AccessDeniedException');
}

/**
 * Turns whatever the STS call threw into a CredentialError with a message
 * that says what went wrong and what to do. Key material is never in these
 * messages: STS error texts name ARNs and parameters, and the request's keys
 * travel only in its signature.
 */
export function toStsError(error: unknown, call: StsCallDescription, signal: AbortSignal): unknown {
  if (isCredentialError(error)) return error;
  // The launcher turns an aborted signal into its TIMEOUT error.
  if (signal.aborted) return signal.reason ?? error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : '';
  const status = e.$metadata?.httpStatusCode;
  const where = `STS ${call.operation}`;
  const options = { cause: error };

  if (isMfaRejection(error)) {
    return new CredentialError('AUTH', 'MFA code rejected: check the device/seed and the clock', {
      ...options,
      hint: `STS refused the code for ${call.mfaSerial ?? 'the MFA device'}; the serial must be the device paired with these keys, and a clock off by more than 30 s gives wrong codes`,
    });
  }
  if (CLOCK_CODES.has(name) && TIME_WORDS.test(message)) {
    return new CredentialError('AUTH', `${where} rejected the request time (${name}): this machine's clock looks wrong`, {
      ...options,
      hint: 'sync the clock (e.g. `timedatectl set-ntp true`); signatures and MFA codes need it right to within a few minutes',
    });
  }
  if (REJECTED_KEY_CODES.has(name)) {
    const why = name.startsWith('Signature') || name === 'InvalidSignatureException' ? 'the secret access key does not match the access key id' : 'the access key is unknown, deactivated or expired';
    return new CredentialError('AUTH', `the stored long-term keys were rejected by STS (${name})`, {
      ...options,
      hint: `${why}: rotate the key in IAM and update the stored credentials`,
    });
  }
  if ((name === 'AccessDenied' || name === 'AccessDeniedException') && call.operation === 'AssumeRole') {
    return new CredentialError('AUTH', `not allowed to assume role ${call.roleArn ?? '(unknown)'} (AccessDenied)`, {
      ...options,
      hint: "the role's trust policy must allow these keys' user; check any --external-id or MFA condition it requires",
    });
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    return new CredentialError('AUTH', `${where} was denied: ${serverText(message) || name}`, {
      ...options,
      hint: 'GetSessionToken needs long-term IAM user keys (not session or role credentials)',
    });
  }
  if (name === 'RegionDisabledException') {
    return new CredentialError('CONFIG', `STS is not activated in ${call.region} for this account`, {
      ...options,
      hint: 'activate it in IAM account settings, or set AWS_REGION=us-east-1',
    });
  }
  if (THROTTLING_CODES.has(name) || e.$retryable?.throttling === true) {
    return new CredentialError('BACKEND', `${where} is throttled (${name}) even after retries`, {
      ...options,
      hint: 'wait a little and retry; the cred-launch cache keeps the session so each tool does not ask again',
    });
  }
  if (VALIDATION_CODES.has(name)) {
    return new CredentialError('USAGE', `${where} refused the request: ${serverText(message) || name}`, {
      ...options,
      hint: 'check --duration (the role may allow less), --role-session-name and --external-id',
    });
  }
  const networkCode = typeof e.code === 'string' ? e.code : undefined;
  if (networkCode !== undefined && NETWORK_CODES.has(networkCode)) {
    return new CredentialError('BACKEND', `cannot reach ${call.endpoint} (${networkCode})`, {
      ...options,
      hint: 'check the network, AWS_REGION and any AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL setting',
    });
  }
  if (name === 'TimeoutError' || name === 'RequestTimeout') {
    return new CredentialError('BACKEND', `${call.endpoint} did not answer in time`, { ...options, hint: 'check the network and retry' });
  }
  return new CredentialError('BACKEND', `${where} failed (${name}${status !== undefined ? `, HTTP ${status}` : ''})`, {
    ...options,
    hint: 'retry; --verbose shows the cause',
  });
}
