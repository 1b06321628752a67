import { AwsServiceError, type ServiceResponse } from './types.js';

/** Content type of the AWS JSON 1.1 protocol (Secrets Manager, KMS, …). */
export const AMZ_JSON_1_1 = 'application/x-amz-json-1.1';

/** A successful AWS JSON response. */
export function jsonResponse(body: unknown, requestId: string): ServiceResponse {
  return {
    status: 200,
    headers: { 'content-type': AMZ_JSON_1_1, 'x-amzn-requestid': requestId },
    body: JSON.stringify(body),
  };
}

/**
 * An AWS JSON error: `{"__type": "...", "message": "..."}` with the status
 * code, as JSON 1.0/1.1 services send it. Modelled service errors (e.g.
 * `ResourceNotFoundException`) carry `Message`, the common errors of the
 * front end (`UnrecognizedClientException`…) a lower-case `message`; SDKs read
 * either.
 */
export function jsonErrorResponse(error: AwsServiceError, requestId: string, messageKey: 'message' | 'Message' = 'message'): ServiceResponse {
  return {
    status: error.status,
    headers: { 'content-type': AMZ_JSON_1_1, 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: error.type, [messageKey]: error.message }),
  };
}

/** Parses a JSON request body into an object, or throws `SerializationException` as AWS does. */
export function parseJsonBody(body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return parsed as Record<string, unknown>;
}
