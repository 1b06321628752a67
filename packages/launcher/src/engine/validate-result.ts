import {
  CredentialError,
  fromCredentialProcessOutput,
  isCredentialError,
  toAwsCredentials,
  toCredentialProcessOutput,
  validateCredentials,
  type AwsCredentials,
  type CredentialProcessOutput,
} from '@cred-launch/core';

/** Validated credentials and the document core renders from them. */
export interface ValidatedResult {
  credentials: AwsCredentials;
  document: CredentialProcessOutput;
}

/**
 * Core's validation of whatever is about to leave the engine — the plugin's
 * answer (validated once more: it may have passed through the STS layer),
 * an STS session, a cache entry — and core's one rendering of it. The design
 * promise "core validates everything before stdout" holds here, for every
 * front-end.
 *
 * An STS answer that fails validation (a key id with a newline, an Expiration
 * in the past) is BACKEND (exit 69), not INVALID_SECRET (65): nothing the user
 * stored is wrong; the STS endpoint answered something no SDK may use.
 */
export function validateResult(value: AwsCredentials, from: 'plugin' | 'sts' | 'cache', pluginName: string, now: () => Date): ValidatedResult {
  const source = from === 'sts' ? 'STS' : from === 'cache' ? 'the cache' : `plugin "${pluginName}"`;
  let validated: AwsCredentials;
  try {
    validated = toAwsCredentials(validateCredentials(value, { now, source }));
  } catch (error) {
    if (from === 'sts' && isCredentialError(error, 'INVALID_SECRET')) {
      throw new CredentialError('BACKEND', error.message, {
        cause: error,
        hint: 'the STS endpoint answered with credentials no SDK accepts; check AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL and retry',
      });
    }
    throw error;
  }
  const document = toCredentialProcessOutput(validated);
  // Read back from the document, so both say the same (Expiration in whole seconds), from the cache or not.
  return { credentials: fromCredentialProcessOutput(document), document };
}
