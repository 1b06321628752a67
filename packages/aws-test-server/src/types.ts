/** A key pair the server accepts, standing in for an IAM user or role session. */
export interface TestKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
  /** Required in `X-Amz-Security-Token` when set (temporary credentials). */
  sessionToken?: string;
  /** Every request signed with this key fails with the service's expired-token error. @default false */
  expired?: boolean;
  /** The principal named in access-denied messages. @default an IAM user ARN derived from the key id */
  principalArn?: string;
}

/** A request as the server received it, body read in full. Header names are lower case. */
export interface IncomingRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A request whose SigV4 signature checked out. */
export interface VerifiedRequest extends IncomingRequest {
  /** The key that signed it. */
  readonly key: TestKeyPair;
  /** Region from the credential scope: the region the client addressed. */
  readonly region: string;
}

/** What a service handler answers. */
export interface ServiceResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request as recorded for assertions: which key and region signed it, and for which operation. */
export interface RecordedRequest {
  /** The handler's signing name, e.g. `secretsmanager`; undefined when no handler claimed it. */
  service: string | undefined;
  /** Operation name, e.g. `GetSecretValue` (from `X-Amz-Target` or the query `Action`). */
  operation: string | undefined;
  /** Access key id from the Authorization header, whether or not it verified. */
  accessKeyId: string | undefined;
  /** Region from the credential scope. */
  region: string | undefined;
  /** True when the signature verified against the key's secret. */
  verified: boolean;
  headers: Readonly<Record<string, string>>;
  body: string;
}

/**
 * Why SigV4 verification failed, independent of protocol: each service turns
 * it into its own error code (JSON services and the query-protocol STS name
 * them differently).
 */
export type SignatureFailureReason =
  | 'missing' // no Authorization header
  | 'incomplete' // Authorization present but malformed
  | 'unknown-key' // access key id not known to the server
  | 'bad-token' // session token missing or not the one issued with the key
  | 'expired-token' // the key is marked expired
  | 'bad-signature' // recomputed signature differs
  | 'stale-date' // X-Amz-Date more than 15 minutes away from the server clock
  | 'wrong-scope'; // credential scope names another service

/** An error in a service's own vocabulary (`__type` for JSON, `Code` for query). */
export class AwsServiceError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = 'AwsServiceError';
    this.type = type;
    this.status = status;
  }
}

/**
 * A service the server can host: one file per AWS service under `services/`.
 * The server reads the body, asks each handler whether the request is its
 * own, verifies the signature for the handler's signing name, then calls it.
 */
export interface ServiceHandler {
  /** SigV4 signing name expected in the credential scope, e.g. `secretsmanager`. */
  readonly signingName: string;
  /** True when this handler owns the request (by `X-Amz-Target` prefix, or by query `Action`). */
  claims(request: IncomingRequest): boolean;
  /** Operation name for the request log. */
  operationOf(request: IncomingRequest): string | undefined;
  /** Handles a verified request. Throw {@link AwsServiceError} for service errors. */
  handle(request: VerifiedRequest): Promise<ServiceResponse> | ServiceResponse;
  /**
   * Authenticates a request signed some other way than SigV4 with an access
   * key (Roles Anywhere's X.509 signature). When present it replaces the
   * SigV4 check; `key` is then a stand-in naming the signer (for X.509: the
   * certificate's serial number as `accessKeyId`).
   */
  authenticate?(request: IncomingRequest, now: Date): SignatureCheck | Promise<SignatureCheck>;
  /** The service's error for a failed signature check. */
  signatureError(reason: SignatureFailureReason, detail: string): AwsServiceError;
  /** Renders an error in the service's protocol. */
  renderError(error: AwsServiceError, requestId: string): ServiceResponse;
}

/** The parts of a SigV4 `Authorization` header. */
export interface ParsedAuthorization {
  accessKeyId: string;
  /** `YYYYMMDD` from the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Outcome of a signature check (`verifySigV4`, or a service's own `authenticate`). */
export type SignatureCheck =
  | { ok: true; key: TestKeyPair; region: string; authorization: ParsedAuthorization }
  | { ok: false; reason: SignatureFailureReason; detail: string; authorization?: ParsedAuthorization };
