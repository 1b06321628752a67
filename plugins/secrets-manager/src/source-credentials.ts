import type { DebugLogger, SourceEnv } from '@cred-launch/core';
import type { SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import type { SharedConfig } from '@cred-launch/aws-profiles';
import type { SourcePlan } from './source-plan.js';

/** What the Secrets Manager client is given as `credentials`. */
export type CallerCredentials = NonNullable<SecretsManagerClientConfig['credentials']>;

/** The provider, and what was learnt while it ran. */
export interface Caller {
  credentials: CallerCredentials;
  /**
   * True when a credential_process on the way failed because a cred-launch
   * further down met itself in CRED_LAUNCH_ACTIVE (the launcher's loop guard).
   */
  loopReported(): boolean;
}

const LOOP_REPORT = /credential_process loop/u;

/** A logger in the SDK's shape that sends everything to the redacting debug log. */
export interface SdkLogger {
  debug(...content: unknown[]): void;
  info(...content: unknown[]): void;
  warn(...content: unknown[]): void;
  error(...content: unknown[]): void;
}

/**
 * Routes SDK log lines (including the default chain's "multiple credential
 * sources" warning, which it would otherwise console.warn) to the debug log,
 * first line only. Only strings are kept: objects could hold credentials.
 * `watch` sees each whole text: the default chain reports a failed
 * credential_process (with the child's stderr) only here, then moves on.
 */
export function sdkLogger(log: DebugLogger, watch: (text: string) => void = () => undefined): SdkLogger {
  const write = (content: unknown[]): void => {
    const text = content.filter((part): part is string => typeof part === 'string').join(' ');
    if (text === '') return;
    watch(text);
    log(`secrets-manager: sdk: ${text.split('\n')[0]}`);
  };
  return { debug: (...c) => write(c), info: (...c) => write(c), warn: (...c) => write(c), error: (...c) => write(c) };
}

/**
 * The credentials that call Secrets Manager, built from the SDK's own
 * providers (imported lazily) with everything they would read from
 * process.env handed over from context.env instead: the profile name and the
 * shared files' paths. `--source-profile` uses `fromIni` alone, so a typo is
 * an error rather than a silent fall-through to instance credentials.
 */
export async function createCaller(plan: SourcePlan, env: SourceEnv, shared: SharedConfig, log: DebugLogger, stsEndpoint?: string): Promise<Caller> {
  let loop = false;
  const logger = sdkLogger(log, (text) => {
    if (LOOP_REPORT.test(text)) loop = true;
  });
  return { credentials: await createProvider(plan, env, shared, logger, stsEndpoint), loopReported: () => loop };
}

async function createProvider(plan: SourcePlan, env: SourceEnv, shared: SharedConfig, logger: SdkLogger, stsEndpoint: string | undefined): Promise<CallerCredentials> {
  const files = {
    filepath: shared.credentialsFile,
    configFilepath: shared.configFile,
    // The STS client behind role_arn profiles, pointed where context.env says.
    ...(stsEndpoint === undefined ? {} : { clientConfig: { endpoint: stsEndpoint } }),
  };
  switch (plan.kind) {
    case 'environment': {
      const expiration = env.AWS_CREDENTIAL_EXPIRATION ? new Date(env.AWS_CREDENTIAL_EXPIRATION) : undefined;
      const credentials = {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        // An unparsable expiration is dropped rather than handed to the SDK as an Invalid Date.
        ...(expiration !== undefined && !Number.isNaN(expiration.getTime()) ? { expiration } : {}),
      };
      return async () => credentials;
    }
    case 'source-profile': {
      const { fromIni } = await import('@aws-sdk/credential-provider-ini');
      return fromIni({ profile: plan.profile, ...files, logger, ignoreCache: true });
    }
    case 'default-chain': {
      const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
      return defaultProvider({ ...(plan.profile === undefined ? {} : { profile: plan.profile }), ...files, logger });
    }
  }
}
