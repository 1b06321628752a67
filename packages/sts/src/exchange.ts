import { CredentialError, isCredentialError, type AwsCredentials, type SourceCredentials } from '@cred-launch/core';
import { describeEndpoint, stsClientSettings, type StsClientSettings } from './client-config.js';
import { isMfaRejection, toStsError, type StsCallDescription } from './errors.js';
import { obtainMfaCode, type MfaCode } from './mfa-code.js';
import type { SessionCredentials, StsExchangeContext, StsExchangeOptions } from './options.js';
import { defaultRoleSessionName } from './session-name.js';
import { msUntilNextCode, totpCode } from './totp.js';
import { validateStsOptions } from './validate-options.js';

type StsModule = typeof import('@aws-sdk/client-sts');
type StsClient = InstanceType<StsModule['STSClient']>;

/** Fields of STS's `Credentials` element as the SDK returns them. */
interface StsCredentialsShape {
  AccessKeyId?: string;
  SecretAccessKey?: string;
  SessionToken?: string;
  Expiration?: Date;
}

function createClient(sts: StsModule, settings: StsClientSettings, credentials: AwsCredentials): StsClient {
  return new sts.STSClient({
    region: settings.region,
    ...(settings.endpoint !== undefined ? { endpoint: settings.endpoint } : {}),
    useGlobalEndpoint: settings.useGlobalEndpoint,
    useFipsEndpoint: settings.useFipsEndpoint,
    useDualstackEndpoint: settings.useDualstackEndpoint,
    ignoreConfiguredEndpointUrls: settings.ignoreConfiguredEndpointUrls,
    // Static keys from the plugin: the SDK's default chain is never consulted
    // (it could run this very credential_process again).
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken !== undefined ? { sessionToken: credentials.sessionToken } : {}),
    },
  });
}

function sessionFrom(result: StsCredentialsShape | undefined, accountId: string | undefined, context: StsExchangeContext): SessionCredentials {
  if (!result?.AccessKeyId || !result.SecretAccessKey || !result.SessionToken || !(result.Expiration instanceof Date)) {
    throw new CredentialError('BACKEND', 'STS answered without complete credentials', { hint: 'retry; if it persists, check AWS_ENDPOINT_URL_STS points at STS' });
  }
  context.secrets.add(result.SecretAccessKey);
  context.secrets.add(result.SessionToken);
  const session: SessionCredentials = {
    accessKeyId: result.AccessKeyId,
    secretAccessKey: result.SecretAccessKey,
    sessionToken: result.SessionToken,
    expiration: new Date(result.Expiration.getTime()),
  };
  if (accountId !== undefined) session.accountId = accountId;
  return session;
}

/**
 * Sends one STS call that may need an MFA code. AWS accepts each code only
 * once (RFC 6238 §5.2), so two exchanges within one 30-second step — say a
 * `--session` profile and an `--assume-role` profile started together —
 * would have the second refused. When the code came from a seed and STS
 * refused it, the call is retried once, at once, with the seed's next code,
 * which verifiers accept within their ±1 step window. A person or a command
 * is never asked twice; a wrong seed still fails with a clear message.
 */
async function withMfa<T>(
  serial: string | undefined,
  totpSeed: string | undefined,
  options: StsExchangeOptions,
  context: StsExchangeContext,
  call: (mfa: { SerialNumber?: string; TokenCode?: string }) => Promise<T>,
): Promise<T> {
  if (serial === undefined) return call({});
  const first: MfaCode = await obtainMfaCode(serial, totpSeed, options, context);
  try {
    return await call({ SerialNumber: serial, TokenCode: first.code });
  } catch (error) {
    const raw = isCredentialError(error) ? error.cause : error;
    if (first.origin.kind !== 'seed' || !isMfaRejection(raw)) throw error;
    const device = first.origin.device;
    // One reading of the clock: with two, a millisecond passing between them put
    // `nextStep` a millisecond before the boundary, inside the refused code's step.
    const now = context.now();
    const nextStep = new Date(now.getTime() + msUntilNextCode(device, now));
    const next = await totpCode(device, nextStep);
    if (next === first.code) throw error;
    context.log("MFA code refused (already used?); trying once with the seed's next code");
    return call({ SerialNumber: serial, TokenCode: next });
  }
}

function accountFromArn(arn: string | undefined): string | undefined {
  return arn?.match(/^arn:[^:]+:(?:sts|iam)::(\d{12}):/u)?.[1];
}

/**
 * Exchanges the plugin's credentials for short-lived STS credentials:
 * `session` → GetSessionToken, `assumeRole` → AssumeRole, both → a session
 * (with MFA) and then the role assumed with it. The one-time code comes from
 * the plugin's TOTP seed, `--mfa-command`, or a prompt on the terminal.
 * `@aws-sdk/client-sts` is imported here, never at module load.
 */
export async function exchangeCredentials(source: SourceCredentials, options: StsExchangeOptions, context: StsExchangeContext): Promise<SessionCredentials> {
  validateStsOptions(options);
  context.secrets.add(source.secretAccessKey);
  context.secrets.add(source.sessionToken);
  context.secrets.add(source.mfaTotpSeed);
  if (options.session === true && source.sessionToken !== undefined) {
    throw new CredentialError('USAGE', '--session needs long-term keys, but the plugin returned temporary credentials (with a session token)', {
      hint: 'drop --session (use --assume-role alone), or store the IAM user access key instead',
    });
  }
  const serial = options.mfaSerial ?? source.mfaSerial;
  if (serial === undefined && source.mfaTotpSeed !== undefined) context.log('a TOTP seed came with the credentials but no MFA serial: sending no MFA code (use --mfa-serial)');
  const settings = stsClientSettings(context.env);
  const endpoint = describeEndpoint(settings);
  context.log(`STS: region ${settings.region} (${settings.regionFrom}), endpoint ${endpoint}`);

  const sts: StsModule = await import('@aws-sdk/client-sts');
  const describe = (operation: StsCallDescription['operation']): StsCallDescription => ({
    operation,
    ...(options.assumeRole !== undefined ? { roleArn: options.assumeRole } : {}),
    ...(serial !== undefined ? { mfaSerial: serial } : {}),
    endpoint,
    region: settings.region,
  });
  const guard = async <T>(operation: StsCallDescription['operation'], work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toStsError(error, describe(operation), context.signal);
    }
  };
  const abortSignal = context.signal;

  let caller: AwsCredentials = source;
  let result: SessionCredentials | undefined;
  if (options.session === true) {
    const client = createClient(sts, settings, caller);
    try {
      const output = await withMfa(serial, source.mfaTotpSeed, options, context, (mfa) =>
        guard('GetSessionToken', () =>
          client.send(new sts.GetSessionTokenCommand({ ...(options.durationSeconds !== undefined ? { DurationSeconds: options.durationSeconds } : {}), ...mfa }), { abortSignal }),
        ),
      );
      result = sessionFrom(output.Credentials, source.accountId, context);
      context.log(`GetSessionToken: session until ${result.expiration.toISOString()}`);
    } finally {
      client.destroy();
    }
    caller = result;
  }
  if (options.assumeRole !== undefined) {
    const roleArn = options.assumeRole;
    const client = createClient(sts, settings, caller);
    const roleSessionName = options.roleSessionName ?? defaultRoleSessionName(context.env, context.now());
    // After an MFA session the role sees aws:MultiFactorAuthPresent already; no second code.
    const roleSerial = options.session === true ? undefined : serial;
    try {
      const output = await withMfa(roleSerial, source.mfaTotpSeed, options, context, (mfa) =>
        guard('AssumeRole', () =>
          client.send(
            new sts.AssumeRoleCommand({
              RoleArn: roleArn,
              RoleSessionName: roleSessionName,
              ...(options.externalId !== undefined ? { ExternalId: options.externalId } : {}),
              ...(options.durationSeconds !== undefined ? { DurationSeconds: options.durationSeconds } : {}),
              ...(options.sourceIdentity !== undefined ? { SourceIdentity: options.sourceIdentity } : {}),
              ...mfa,
            }),
            { abortSignal },
          ),
        ),
      );
      result = sessionFrom(output.Credentials, accountFromArn(output.AssumedRoleUser?.Arn) ?? accountFromArn(roleArn), context);
      context.log(`AssumeRole ${roleArn} as ${roleSessionName}: credentials until ${result.expiration.toISOString()}`);
    } finally {
      client.destroy();
    }
  }
  if (!result) throw new CredentialError('USAGE', 'no STS exchange requested', { hint: 'use --session or --assume-role ARN' });
  return result;
}
