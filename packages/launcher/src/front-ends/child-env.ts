import type { AwsCredentials } from '@cred-launch/core';
import { credentialVariables } from './export-format.js';

/** Set in an `exec` child: the call it runs under, so the same call is not nested. */
export const EXEC_MARKER_VARIABLE = 'CRED_LAUNCH_EXEC';

// Variables that would make an SDK in the child pick other credentials than
// the ones given: a profile, or container settings that rank above the
// endpoint's (the RELATIVE_URI wins over FULL_URI in every SDK).
const CONFLICTING = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

/** How the child gets its credentials. */
export type ChildCredentials = { keys: AwsCredentials } | { endpoint: { url: string; token: string } };

/**
 * The child's environment: the caller's, without anything that would select
 * other credentials, plus either the keys themselves or the endpoint's URL and
 * token, plus the nesting marker.
 */
export function childEnvironment(base: Readonly<Record<string, string | undefined>>, given: ChildCredentials, marker: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) if (value !== undefined && !CONFLICTING.includes(name)) env[name] = value;
  if ('keys' in given) {
    for (const [name, value] of credentialVariables(given.keys)) if (value !== undefined) env[name] = value;
  } else {
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI = given.endpoint.url;
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN = given.endpoint.token;
  }
  env[EXEC_MARKER_VARIABLE] = marker;
  return env;
}
