import type { AwsCredentials, CredentialProcessOutput } from './credentials.js';
import { formatExpiration, validateCredentials, type ValidateOptions } from './validate.js';

/** The credential_process document for already-validated credentials. */
export function toCredentialProcessOutput(credentials: AwsCredentials): CredentialProcessOutput {
  const output: CredentialProcessOutput = {
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
  };
  if (credentials.sessionToken !== undefined) output.SessionToken = credentials.sessionToken;
  if (credentials.expiration !== undefined) output.Expiration = formatExpiration(credentials.expiration);
  if (credentials.accountId !== undefined) output.AccountId = credentials.accountId;
  return output;
}

/**
 * The credentials a credential_process document holds: the inverse of
 * {@link toCredentialProcessOutput}, for a document cred-launch stored itself
 * (its cache). Nothing is checked here: pass the result to
 * {@link validateCredentials} before trusting it.
 */
export function fromCredentialProcessOutput(document: Omit<CredentialProcessOutput, 'Version'>): AwsCredentials {
  const credentials: AwsCredentials = { accessKeyId: document.AccessKeyId, secretAccessKey: document.SecretAccessKey };
  if (document.SessionToken !== undefined) credentials.sessionToken = document.SessionToken;
  if (document.Expiration !== undefined) credentials.expiration = new Date(document.Expiration);
  if (document.AccountId !== undefined) credentials.accountId = document.AccountId;
  return credentials;
}

/**
 * Validates `value` and renders the exact text cred-launch writes to stdout:
 * one JSON document and a newline. Throws INVALID_SECRET instead of ever
 * producing a document a consumer would reject.
 */
export function formatCredentialProcessOutput(value: unknown, options: ValidateOptions = {}): string {
  const credentials = validateCredentials(value, options);
  return `${JSON.stringify(toCredentialProcessOutput(credentials))}\n`;
}
