import type { SecretValue } from './secret-content.js';

/** An HTTP answer, fully read. Header names are lowercase (Node's). */
export interface HttpReply {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

/** `$metadata` as the SDK sets it on outputs and errors. */
export interface ReplyMetadata {
  httpStatusCode: number;
  requestId?: string;
  extendedRequestId?: string;
  cfId?: string;
  attempts?: number;
  totalRetryDelay?: number;
  clockSkewCorrected?: boolean;
}

/** A service or reply error in the SDK's shape (what src/errors.ts and the retry policy read). */
export type ReplyError = Error & { $metadata: ReplyMetadata; $fault?: 'client' | 'server'; $reply?: HttpReply };

function header(reply: HttpReply, name: string): string | undefined {
  const value = reply.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** HttpProtocol.deserializeMetadata. */
function metadata(reply: HttpReply): ReplyMetadata {
  const requestId = header(reply, 'x-amzn-requestid') ?? header(reply, 'x-amzn-request-id') ?? header(reply, 'x-amz-request-id');
  const extendedRequestId = header(reply, 'x-amz-id-2');
  const cfId = header(reply, 'x-amz-cf-id');
  return {
    httpStatusCode: reply.status,
    ...(requestId === undefined ? {} : { requestId }),
    ...(extendedRequestId === undefined ? {} : { extendedRequestId }),
    ...(cfId === undefined ? {} : { cfId }),
  };
}

function withReply<T extends Error>(error: T, reply: HttpReply, meta: ReplyMetadata, fault?: 'client' | 'server'): ReplyError {
  // Not enumerable, like the SDK's $response: nothing copies the body along by accident.
  Object.defineProperty(error, '$reply', { value: reply, enumerable: false });
  return Object.assign(error, { $metadata: meta }, fault === undefined ? {} : { $fault: fault }) as unknown as ReplyError;
}

/**
 * JSON.parse of a body, or a SyntaxError carrying `$metadata` with the HTTP
 * status, as the SDK's schema deserialization middleware decorates a body it
 * cannot read (an HTML page from a proxy, a compressed body it was not told
 * about). The body text is never put into the message (the SDK's would
 * quote its start).
 */
function parseBody(reply: HttpReply): Record<string, unknown> {
  if (reply.body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(reply.body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    // V8's own message quotes the start of the body, which could be part of a secret: not kept.
    const syntax = new SyntaxError(`Deserialization error: the ${reply.body.length}-byte reply is not the JSON the service sends`);
    throw withReply(syntax, reply, { httpStatusCode: reply.status });
  }
}

/** sanitizeErrorCode of @smithy/core's parseJsonBody. */
function sanitizeErrorCode(raw: unknown): string {
  let value = typeof raw === 'number' ? raw.toString() : String(raw);
  if (value.includes(',')) value = value.split(',')[0] ?? '';
  if (value.includes(':')) value = value.split(':')[0] ?? '';
  if (value.includes('#')) value = value.split('#')[1] ?? '';
  return value;
}

/** loadJsonRpcErrorCode: `__type`, then a `code` key (any case), then the `x-amzn-errortype` header. */
function errorCode(reply: HttpReply, data: Record<string, unknown>): string {
  if (data.__type !== undefined) return sanitizeErrorCode(data.__type);
  const codeKey = Object.keys(data).find((key) => key.toLowerCase() === 'code');
  if (codeKey !== undefined && data[codeKey] !== undefined) return sanitizeErrorCode(data[codeKey]);
  const type = header(reply, 'x-amzn-errortype');
  if (type !== undefined) return sanitizeErrorCode(type);
  return 'Unknown';
}

/**
 * Reads a GetSecretValue answer of the AWS JSON 1.1 protocol as the SDK's
 * AwsJson1_1Protocol does: a status of 300 or more is an error named by its
 * error code, with the service's `message`/`Message` and `$metadata`;
 * otherwise the output, `SecretBinary` base64-decoded. Throws the error.
 */
export function readGetSecretValueReply(reply: HttpReply): { value: SecretValue; versionStages: string[]; metadata: ReplyMetadata } {
  const meta = metadata(reply);
  const data = parseBody(reply);
  if (reply.status >= 300) {
    const name = errorCode(reply, data);
    const text = data.message ?? data.Message;
    const error = new Error(typeof text === 'string' ? text : 'UnknownError');
    error.name = name;
    throw withReply(error, reply, meta, reply.status < 500 ? 'client' : 'server');
  }
  const value: SecretValue = {};
  if (typeof data.Name === 'string') value.name = data.Name;
  if (typeof data.VersionId === 'string') value.versionId = data.VersionId;
  if (typeof data.SecretString === 'string') value.secretString = data.SecretString;
  if (typeof data.SecretBinary === 'string') value.secretBinary = new Uint8Array(Buffer.from(data.SecretBinary, 'base64'));
  const stages = Array.isArray(data.VersionStages) ? data.VersionStages.filter((stage): stage is string => typeof stage === 'string') : [];
  return { value, versionStages: stages, metadata: meta };
}
