/**
 * What an AWS SDK for JavaScript v3 error is, from its `name` (the service's
 * error code) and Node's `code` (network failures). The sets hold the codes
 * AWS services use; `@smithy/service-error-classification` is the SDK's own
 * (retry-oriented) version of the throttling list. Each plugin turns a kind
 * into its own message: the kinds are shared, the words are not.
 */
export type AwsSdkErrorKind =
  /** The access key id is unknown, deactivated or for another partition. */
  | 'unknown-key'
  /** Session credentials (a token) that have expired. */
  | 'expired-token'
  /** The signature does not match: wrong secret for the key id. */
  | 'bad-signature'
  /** The request time is too far from AWS's: this machine's clock. */
  | 'clock-skew'
  | 'access-denied'
  | 'throttling'
  /** The request was refused as malformed (a parameter, a policy). */
  | 'validation'
  /** The service could not be reached (DNS, TCP, TLS). */
  | 'network'
  /** No answer in time. */
  | 'timeout'
  /** Anything else. */
  | 'other';

/** Codes for an access key AWS does not know. */
export const UNKNOWN_KEY_CODES: ReadonlySet<string> = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'AuthFailure',
]);
/** Codes for expired session credentials. */
export const EXPIRED_TOKEN_CODES: ReadonlySet<string> = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);
/** Codes for a signature that does not match the key. */
export const BAD_SIGNATURE_CODES: ReadonlySet<string> = new Set(['SignatureDoesNotMatch', 'InvalidSignatureException', 'IncompleteSignature', 'IncompleteSignatureException']);
/** Codes for a request time AWS will not accept. */
export const CLOCK_SKEW_CODES: ReadonlySet<string> = new Set(['RequestExpired', 'RequestTimeTooSkewed', 'RequestInTheFuture']);
/** Codes for access denied. */
export const ACCESS_DENIED_CODES: ReadonlySet<string> = new Set(['AccessDenied', 'AccessDeniedException']);
/** Throttling codes: @smithy/service-error-classification's THROTTLING_ERROR_CODES plus the ones Secrets Manager uses. */
export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'LimitExceededException',
  'SlowDown',
]);
/** Codes for a request refused as malformed. */
export const VALIDATION_CODES: ReadonlySet<string> = new Set([
  'ValidationError',
  'ValidationException',
  'InvalidParameterException',
  'InvalidParameterValue',
  'MissingParameter',
  'MalformedPolicyDocument',
  'MalformedPolicyDocumentException',
  'PackedPolicyTooLarge',
  'PackedPolicyTooLargeException',
]);
/** Node's error codes for a service that cannot be reached. */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/** The fields of an SDK error the classification reads. */
export interface AwsSdkErrorFields {
  /** The service's error code (`name`), or '' */
  name: string;
  /** Node's error code (`code`), or '' */
  code: string;
  message: string;
  /** The HTTP status of the service's answer, when there was one. */
  status: number | undefined;
  /** Retry attempts the SDK made, when it says. */
  attempts: number | undefined;
  /** True when the error came from a service answer (the SDK set `$metadata`). */
  fromService: boolean;
}

/** Reads the fields of whatever an SDK call threw, never trusting their types. */
export function awsSdkErrorFields(thrown: unknown): AwsSdkErrorFields {
  const error = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: unknown; attempts?: unknown };
  };
  const status = error.$metadata?.httpStatusCode;
  const attempts = error.$metadata?.attempts;
  return {
    name: typeof error.name === 'string' ? error.name : '',
    code: typeof error.code === 'string' ? error.code : '',
    message: typeof error.message === 'string' ? error.message : '',
    status: typeof status === 'number' ? status : undefined,
    attempts: typeof attempts === 'number' ? attempts : undefined,
    fromService: error.$metadata !== undefined,
  };
}

/** The kind of an SDK error (the first that matches, in the order of {@link AwsSdkErrorKind}). */
export function awsSdkErrorKind(thrown: unknown): AwsSdkErrorKind {
  const { name, code, message } = awsSdkErrorFields(thrown);
  const retryable = (thrown as { $retryable?: { throttling?: unknown } } | null)?.$retryable;
  if (UNKNOWN_KEY_CODES.has(name)) return 'unknown-key';
  if (EXPIRED_TOKEN_CODES.has(name)) return 'expired-token';
  if (BAD_SIGNATURE_CODES.has(name)) return 'bad-signature';
  if (CLOCK_SKEW_CODES.has(name)) return 'clock-skew';
  if (ACCESS_DENIED_CODES.has(name)) return 'access-denied';
  if (THROTTLING_CODES.has(name) || retryable?.throttling === true) return 'throttling';
  if (VALIDATION_CODES.has(name)) return 'validation';
  if (NETWORK_ERROR_CODES.has(code) || (name === 'Error' && /socket hang up/u.test(message))) return 'network';
  if (name === 'TimeoutError' || name === 'RequestTimeout') return 'timeout';
  return 'other';
}
