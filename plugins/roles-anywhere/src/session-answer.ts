import { parseExpiration, type SecretSink, type SourceCredentials } from '@cred-launch/core';
import { rolesAnywhereError } from './errors.js';
import type { HttpAnswer } from './http-post.js';
import { mapServiceError, type RequestDescription } from './service-errors.js';

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Turns CreateSession's answer into credentials: `credentialSet[0].credentials`
 * (`accessKeyId`, `secretAccessKey`, `sessionToken`, `expiration`), as
 * aws_signing_helper does, plus the account id from the assumed role's ARN.
 * The secret values are registered with the redactor before anything else
 * can fail. An error answer is mapped by {@link mapServiceError}.
 */
export function credentialsFromAnswer(answer: HttpAnswer, request: RequestDescription, secrets: SecretSink): SourceCredentials {
  const body = parseBody(answer.text);
  if (answer.status < 200 || answer.status >= 300) throw mapServiceError(answer, body, request);
  const first = Array.isArray(body?.credentialSet) ? record(body.credentialSet[0]) : undefined;
  const credentials = record(first?.credentials);
  const secretAccessKey = text(credentials?.secretAccessKey);
  const sessionToken = text(credentials?.sessionToken);
  if (secretAccessKey !== undefined) secrets.add(secretAccessKey);
  if (sessionToken !== undefined) secrets.add(sessionToken);
  const accessKeyId = text(credentials?.accessKeyId);
  const expiration = text(credentials?.expiration);
  if (credentials === undefined || accessKeyId === undefined || secretAccessKey === undefined || sessionToken === undefined || expiration === undefined) {
    const fields = credentials === undefined ? 'no credentialSet[0].credentials' : `credentials with fields ${Object.keys(credentials).join(', ') || 'none'}`;
    throw rolesAnywhereError(
      'BACKEND',
      `CreateSession answered ${answer.status} without usable credentials (${fields})`,
      `check --endpoint (${request.endpoint}) points at IAM Roles Anywhere`,
    );
  }
  let expires: Date | undefined;
  try {
    expires = parseExpiration(expiration, 'CreateSession');
  } catch {
    expires = undefined;
  }
  if (expires === undefined) {
    throw rolesAnywhereError(
      'BACKEND',
      `CreateSession answered an expiration that is not a date: "${expiration.slice(0, 40)}"`,
      `check --endpoint (${request.endpoint}) points at IAM Roles Anywhere`,
    );
  }
  const accountId = /^arn:[^:]+:sts::(\d{12}):/u.exec(text(record(first?.assumedRoleUser)?.arn) ?? '')?.[1];
  return { accessKeyId, secretAccessKey, sessionToken, expiration: expires, ...(accountId === undefined ? {} : { accountId }) };
}
