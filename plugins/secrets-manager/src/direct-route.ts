import type { SourceEnv } from '@cred-launch/core';
import type { ClientSettings } from './client-settings.js';
import type { SigningCredentials } from './sigv4.js';
import type { SourcePlan } from './source-plan.js';

/** Everything the direct GetSecretValue client needs, when it applies. */
export interface DirectRoute {
  /** `http(s)://host[:port]/` */
  url: URL;
  region: string;
  credentials: SigningCredentials;
  maxAttempts: number;
  disableClockSkewCorrection: boolean;
  userAgentAppId: string;
}

/**
 * The `aws` partition's region pattern, from @aws-sdk/core's partitions
 * table (util-endpoints). No other partition lists a region this pattern
 * matches, so the SDK's endpoint rules give
 * `https://secretsmanager.<region>.amazonaws.com` for it.
 */
const AWS_PARTITION_REGION = /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/u;

/**
 * Decides whether GetSecretValue can be sent by the plugin's own small client
 * (src/direct-client.ts) with exactly the SDK's behaviour, or needs the SDK.
 * Only the common case qualifies: keys from the environment (no provider
 * chain to run), standard retries, the legacy defaults mode, no FIPS or
 * dual-stack variant, and an endpoint that is either a custom
 * `http(s)://host[:port]` or the `aws` partition's regional one. Anything else
 * (profiles, SSO, instance roles, other partitions, adaptive retries…) returns
 * the reason and goes through the SDK, unchanged.
 */
export function directRoute(settings: ClientSettings, plan: SourcePlan, env: SourceEnv): DirectRoute | string {
  if (plan.kind !== 'environment') return 'the calling credentials come from the SDK credential chain';
  if (settings.retryMode !== 'standard') return `retry mode ${settings.retryMode}`;
  if (settings.defaultsMode !== 'legacy') return `defaults mode ${settings.defaultsMode}`;
  if (settings.useFipsEndpoint || settings.useDualstackEndpoint) return 'a FIPS or dual-stack endpoint';
  let url: URL;
  if (settings.endpoint === undefined) {
    if (!AWS_PARTITION_REGION.test(settings.region)) return `region ${settings.region} is outside the aws partition's pattern`;
    url = new URL(`https://secretsmanager.${settings.region}.amazonaws.com/`);
  } else {
    url = new URL(settings.endpoint);
    // A path, query or user info would need the SDK's own URL joining.
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') return 'the endpoint has a path or query';
    if (!/^[a-z0-9-]+$/u.test(settings.region)) return `region ${settings.region} is not a plain region name`;
  }
  if (settings.region.includes('fips')) return 'a FIPS pseudo-region';
  return {
    url,
    region: settings.region,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
    maxAttempts: settings.maxAttempts,
    disableClockSkewCorrection: settings.disableClockSkewCorrection,
    userAgentAppId: settings.userAgentAppId,
  };
}
