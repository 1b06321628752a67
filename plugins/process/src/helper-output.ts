import { CredentialError, credentialsFromRecord, type SecretSink, type SourceCredentials } from '@cred-launch/core';

// Long enough for any key, token or password; short enough to leave ordinary
// words of an error text alone.
const MIN_TOKEN_LENGTH = 12;

/**
 * Registers everything in the helper's stdout that could be a secret: each
 * string value of a JSON document and, for text that is not JSON, every long
 * token. Done before anything about the run is reported, so the helper's
 * stderr and our messages are redacted of what it printed.
 */
export function registerOutputSecrets(stdout: string, secrets: SecretSink): void {
  for (const token of stdout.split(/[\s"',:{}[\]=]+/u)) {
    if (token.length >= MIN_TOKEN_LENGTH) secrets.add(token);
  }
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (typeof parsed === 'object' && parsed !== null) {
      for (const value of Object.values(parsed)) if (typeof value === 'string') secrets.add(value);
    }
  } catch {
    // Not JSON: the tokens above are all there is.
  }
}

/**
 * Reads the helper's stdout as the credential_process document. Output that is
 * not that document at all is the backend's fault (BACKEND); a document that
 * lacks its keys is an invalid secret (INVALID_SECRET), the rule every plugin
 * follows. The launcher validates the rest (Expiration, key shapes).
 */
export function parseHelperOutput(stdout: string, command: string): SourceCredentials {
  const hint = `run '${command}' yourself: it must print one credential_process JSON document`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new CredentialError('BACKEND', `process: ${command} did not print JSON${stdout.trim() === '' ? ' (its stdout was empty)' : ''}`, { hint });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CredentialError('BACKEND', `process: ${command} printed JSON that is not an object`, { hint });
  }
  const record = parsed as Record<string, unknown>;
  if (record.Version !== 1) {
    throw new CredentialError('BACKEND', `process: ${command} printed a document without "Version": 1`, { hint });
  }
  return credentialsFromRecord(record, { source: `process: the output of ${command}` });
}
