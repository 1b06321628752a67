import { awsSdkErrorFields, awsSdkErrorKind } from '@cred-launch/aws-profiles';
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

const TIME_WORDS = /expired|skew|earlier than|later than|in the future|time/iu;

/** One line of a server message, clipped. STS messages name ARNs and parameters, never the keys. */
function serverText(message: string): string {
  const line = message.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** True when STS refused the one-time code (AccessDenied naming MultiFactorAuthentication). */
export function isMfaRejection(error: unknown): boolean {
  return awsSdkErrorKind(error) === 'access-denied' && /MultiFactorAuthentication/u.test(awsSdkErrorFields(error).message);
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
  const fields = awsSdkErrorFields(error);
  const name = fields.name || 'Error';
  const { message, status } = fields;
  const kind = awsSdkErrorKind(error);
  const where = `STS ${call.operation}`;
  const options = { cause: error };

  if (isMfaRejection(error)) {
    return new CredentialError('AUTH', 'MFA code rejected: check the device/seed and the clock', {
      ...options,
      hint: `STS refused the code for ${call.mfaSerial ?? 'the MFA device'}; the serial must be the device paired with these keys, and a clock off by more than 30 s gives wrong codes`,
    });
  }
  if ((kind === 'clock-skew' || kind === 'bad-signature' || name === 'AuthFailure') && TIME_WORDS.test(message)) {
    return new CredentialError('AUTH', `${where} rejected the request time (${name}): this machine's clock looks wrong`, {
      ...options,
      hint: 'sync the clock (e.g. `timedatectl set-ntp true`); signatures and MFA codes need it right to within a few minutes',
    });
  }
  if (kind === 'unknown-key' || kind === 'expired-token' || kind === 'bad-signature') {
    const why =
      name.startsWith('Signature') || name === 'InvalidSignatureException'
        ? 'the secret access key does not match the access key id'
        : 'the access key is unknown, deactivated or expired';
    return new CredentialError('AUTH', `the stored long-term keys were rejected by STS (${name})`, {
      ...options,
      hint: `${why}: rotate the key in IAM and update the stored credentials`,
    });
  }
  if (kind === 'access-denied' && call.operation === 'AssumeRole') {
    return new CredentialError('AUTH', `not allowed to assume role ${call.roleArn ?? '(unknown)'} (AccessDenied)`, {
      ...options,
      hint: "the role's trust policy must allow these keys' user; check any --external-id or MFA condition it requires",
    });
  }
  if (kind === 'access-denied') {
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
  if (kind === 'throttling') {
    return new CredentialError('BACKEND', `${where} is throttled (${name}) even after retries`, {
      ...options,
      hint: 'wait a little and retry; the cred-launch cache keeps the session so each tool does not ask again',
    });
  }
  if (kind === 'validation') {
    return new CredentialError('USAGE', `${where} refused the request: ${serverText(message) || name}`, {
      ...options,
      hint: 'check --duration (the role may allow less), --role-session-name and --external-id',
    });
  }
  if (kind === 'network') {
    return new CredentialError('BACKEND', `cannot reach ${call.endpoint} (${fields.code || name})`, {
      ...options,
      hint: 'check the network, AWS_REGION and any AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL setting',
    });
  }
  if (kind === 'timeout') {
    return new CredentialError('BACKEND', `${call.endpoint} did not answer in time`, { ...options, hint: 'check the network and retry' });
  }
  return new CredentialError('BACKEND', `${where} failed (${name}${status !== undefined ? `, HTTP ${status}` : ''})`, {
    ...options,
    hint: 'retry; --verbose shows the cause',
  });
}
