import { awsSdkErrorFields, awsSdkErrorKind, type AwsSdkErrorFields } from '@cred-launch/aws-profiles';
import { CredentialError } from '@cred-launch/core';
import { LOOP_HINT } from './recursion-guard.js';

/** What an error message may name: references, never values. */
export interface ErrorContext {
  secretId: string;
  region: string;
  /** Where the region came from (`--region`, `AWS_REGION`, …). */
  regionSource: string;
  /** Custom endpoint, when one is configured. */
  endpoint?: string;
  /** Which credentials called Secrets Manager, e.g. `--source-profile "ci"`. */
  caller: string;
  versionStage?: string;
  versionId?: string;
  /** A credential_process on the way reported the launcher's loop guard (seen in the SDK's log). */
  loopReported?: boolean;
}

function firstLine(text: unknown, max = 200): string {
  const line = (typeof text === 'string' ? text : '').split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function target(context: ErrorContext): string {
  return context.endpoint === undefined ? `Secrets Manager in ${context.region}` : `Secrets Manager at ${context.endpoint}`;
}

function version(context: ErrorContext): string {
  if (context.versionId !== undefined) return ` (version id ${context.versionId})`;
  if (context.versionStage !== undefined) return ` (version stage ${context.versionStage})`;
  return '';
}

function attempts(error: AwsSdkErrorFields): string {
  const count = error.attempts;
  return typeof count === 'number' && count > 1 ? ` after ${count} attempts` : '';
}

/**
 * Turns what the SDK throws into a CredentialError with a stable code and a
 * message that names the secret, region and caller but never a value. The
 * service's own message is kept only where it is the useful part (invalid
 * request reasons, credential-provider failures), on one short line; the
 * launcher redacts every registered secret from it regardless.
 */
export function mapSecretsManagerError(thrown: unknown, context: ErrorContext): CredentialError {
  const error = awsSdkErrorFields(thrown);
  const { name, code, status } = error;
  const kind = awsSdkErrorKind(thrown);
  const secret = `secret "${context.secretId}"`;
  const options = (hint: string) => ({ cause: thrown, hint });

  if (name === 'ResourceNotFoundException') {
    return new CredentialError(
      'NOT_FOUND',
      `secrets-manager: ${secret}${version(context)} not found in ${context.region}`,
      options(`check the name or ARN, the region (${context.regionSource}) and, for a version, that it exists (aws secretsmanager list-secret-version-ids)`),
    );
  }
  if (kind === 'access-denied') {
    return new CredentialError(
      'AUTH',
      `secrets-manager: access denied reading ${secret} with ${context.caller}`,
      options(
        'the caller needs secretsmanager:GetSecretValue on the secret (and kms:Decrypt on its key); check the IAM and resource policies, or use other credentials with --source-profile',
      ),
    );
  }
  if (name === 'DecryptionFailure') {
    return new CredentialError(
      'AUTH',
      `secrets-manager: Secrets Manager could not decrypt ${secret} with its KMS key`,
      options("the caller needs kms:Decrypt on the secret's KMS key, and the key must be enabled; check the key policy (aws kms describe-key)"),
    );
  }
  if (kind === 'unknown-key') {
    return new CredentialError(
      'AUTH',
      `secrets-manager: AWS does not recognise the access key used by ${context.caller} (${name})`,
      options('the key may be deleted, deactivated or for another partition; fix the source credentials or pick others with --source-profile'),
    );
  }
  if (kind === 'expired-token') {
    return new CredentialError(
      'AUTH',
      `secrets-manager: the session credentials used by ${context.caller} have expired (${name})`,
      options('refresh them (aws sso login, a new assume-role or MFA session) and try again'),
    );
  }
  if (kind === 'bad-signature' || kind === 'clock-skew') {
    return new CredentialError(
      'AUTH',
      `secrets-manager: the request signature was rejected (${name}) for ${context.caller}`,
      options('the secret access key does not belong to the access key id, or the system clock is off by more than 5 minutes'),
    );
  }
  if (name === 'CredentialsProviderError' && (context.loopReported === true || /credential_process loop/u.test(String(error.message)))) {
    // A cred-launch further down the chain (e.g. behind a wrapper script the
    // config check cannot see) met itself in CRED_LAUNCH_ACTIVE and stopped.
    return new CredentialError(
      'CONFIG',
      `secrets-manager: credential_process loop: the credentials from ${context.caller} run cred-launch, which needs this same call again`,
      options(LOOP_HINT),
    );
  }
  if (name === 'CredentialsProviderError') {
    const reason = firstLine(error.message);
    return new CredentialError(
      'AUTH',
      `secrets-manager: no credentials to call Secrets Manager from ${context.caller}${reason === '' ? '' : `: ${reason}`}`,
      options('configure the caller (AWS_PROFILE, environment keys, an instance role) or pass --source-profile NAME'),
    );
  }
  if (kind === 'throttling' || status === 429) {
    return new CredentialError(
      'BACKEND',
      `secrets-manager: ${target(context)} throttled the request for ${secret}${attempts(error)}`,
      options('try again shortly; cred-launch caches credentials, so repeated calls should be rare (raise AWS_MAX_ATTEMPTS to retry more)'),
    );
  }
  if (name === 'InvalidRequestException') {
    return new CredentialError(
      'NOT_FOUND',
      `secrets-manager: ${secret} cannot be read now: ${firstLine(error.message) || name}`,
      options('a secret scheduled for deletion can be restored with aws secretsmanager restore-secret'),
    );
  }
  if (kind === 'validation') {
    return new CredentialError(
      'USAGE',
      `secrets-manager: Secrets Manager rejected the request for ${secret}: ${firstLine(error.message) || name}`,
      options(`check the secret id and the version flags; see 'cred-launch secrets-manager --help'`),
    );
  }
  if (kind === 'network' || kind === 'timeout') {
    return new CredentialError(
      'BACKEND',
      `secrets-manager: could not reach ${target(context)} (${code || name})`,
      options('check network access, proxy settings and the region; AWS_ENDPOINT_URL_SECRETS_MANAGER or AWS_ENDPOINT_URL override the endpoint'),
    );
  }
  if (error.fromService) {
    return new CredentialError(
      'BACKEND',
      `secrets-manager: ${target(context)} failed with ${name || 'an error'}${status === undefined ? '' : ` (HTTP ${status})`}${attempts(error)}`,
      options('try again later; run with --verbose for details'),
    );
  }
  return new CredentialError(
    'INTERNAL',
    `secrets-manager: unexpected ${name || 'error'} while reading ${secret}`,
    options('run with --verbose for details, and report it to the plugin author'),
  );
}
