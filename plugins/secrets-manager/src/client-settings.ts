import { CredentialError, type SourceEnv } from '@cred-launch/core';
import { parseSecretArn } from './arn.js';
import type { SecretsManagerOptions } from './options.js';
import type { SharedConfig } from '@cred-launch/aws-profiles';
import { planSource, profileOf } from './source-plan.js';

/**
 * Everything the SDK client is configured with, computed from the arguments,
 * `context.env` and the shared config files. Passing these explicitly keeps
 * the SDK from looking them up in process.env on its own, so what the plugin
 * was given (context.env) is what it uses.
 */
export interface ClientSettings {
  region: string;
  /** Where the region came from, for messages: `--region`, `the ARN`, `AWS_REGION`, … */
  regionSource: string;
  /** Custom endpoint, e.g. LocalStack or the test server. */
  endpoint?: string;
  endpointSource?: string;
  /** Total attempts including the first, as the SDK counts. @default 3 */
  maxAttempts: number;
  retryMode: 'standard' | 'adaptive';
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  /** Auth schemes to prefer, e.g. `sigv4`. @default [] (the service's order) */
  authSchemePreference: string[];
  /** `app/<id>` in the User-Agent. @default '' (none) */
  userAgentAppId: string;
  /** SDK defaults mode. @default 'legacy' (the SDK's default) */
  defaultsMode: 'legacy' | 'standard' | 'in-region' | 'cross-region' | 'mobile' | 'auto';
  /** @default false */
  disableClockSkewCorrection: boolean;
  /**
   * Endpoint of the STS client the credential providers create for role
   * assumption, from `AWS_ENDPOINT_URL_STS` / `AWS_ENDPOINT_URL` in context.env.
   * @default the SDK's own lookup
   */
  stsEndpoint?: string;
  /** The profile the settings above were read from. */
  profile: string;
}

/** The SDK's default number of attempts (standard retry mode). */
export const DEFAULT_MAX_ATTEMPTS = 3;

function configError(message: string, hint: string): CredentialError {
  return new CredentialError('CONFIG', `secrets-manager: ${message}`, { hint });
}

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return value.toLowerCase() === 'true';
}

function resolveRegion(args: SecretsManagerOptions, env: SourceEnv, profile: Readonly<Record<string, string>>, profileName: string | undefined): [string, string] {
  if (args.region !== undefined) return [args.region, '--region'];
  const arn = parseSecretArn(args.secretId);
  if (arn !== undefined) return [arn.region, 'the secret ARN'];
  if (env.AWS_REGION) return [env.AWS_REGION, 'AWS_REGION'];
  // The AWS CLI honours AWS_DEFAULT_REGION; the JS SDK does not, but users of credential_process expect it.
  if (env.AWS_DEFAULT_REGION) return [env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'];
  if (profile.region) return [profile.region, `region of profile "${profileName ?? 'default'}"`];
  throw configError(`no AWS region for secret "${args.secretId}"`, "pass --region, use the secret's full ARN, or set AWS_REGION (or region in the AWS profile)");
}

function checkEndpoint(url: string, source: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw configError(`${source} is not a URL`, 'write it as http(s)://host[:port]');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw configError(`${source} must be an http(s) URL`, 'write it as http(s)://host[:port]');
  }
  return url;
}

function resolveEndpoint(env: SourceEnv, profile: Readonly<Record<string, string>>, shared: SharedConfig): [string, string] | undefined {
  // The same order and switches as the SDK's endpoint-from-config lookup.
  if (flag(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) ?? flag(profile.ignore_configured_endpoint_urls)) return undefined;
  if (env.AWS_ENDPOINT_URL_SECRETS_MANAGER) return [env.AWS_ENDPOINT_URL_SECRETS_MANAGER, 'AWS_ENDPOINT_URL_SECRETS_MANAGER'];
  if (env.AWS_ENDPOINT_URL) return [env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL'];
  if (profile.services) {
    const services = shared.sections.get(`services.${profile.services}`);
    if (services === undefined) {
      throw configError(
        `the services section "${profile.services}" named by the profile is not in ${shared.configFile}`,
        'add a [services …] section or remove services = from the profile',
      );
    }
    const url = services['secrets_manager.endpoint_url'];
    if (url) return [url, `secrets_manager endpoint_url of [services ${profile.services}]`];
  }
  if (profile.endpoint_url) return [profile.endpoint_url, 'endpoint_url of the profile'];
  return undefined;
}

function resolveMaxAttempts(env: SourceEnv, profile: Readonly<Record<string, string>>): number {
  const [text, source] = env.AWS_MAX_ATTEMPTS ? [env.AWS_MAX_ATTEMPTS, 'AWS_MAX_ATTEMPTS'] : [profile.max_attempts, 'max_attempts of the profile'];
  if (text === undefined || text === '') return DEFAULT_MAX_ATTEMPTS;
  if (!/^\d{1,2}$/u.test(text) || Number(text) < 1) throw configError(`${source} must be a whole number from 1 (got "${text}")`, 'set it to e.g. 3');
  return Number(text);
}

const DEFAULTS_MODES = ['legacy', 'standard', 'in-region', 'cross-region', 'mobile', 'auto'] as const;

function defaultsMode(value: string | undefined): ClientSettings['defaultsMode'] {
  const mode = (value ?? 'legacy').toLowerCase();
  if (!(DEFAULTS_MODES as readonly string[]).includes(mode)) {
    throw configError(`AWS defaults mode "${value ?? ''}" is not one of ${DEFAULTS_MODES.join(', ')}`, 'fix AWS_DEFAULTS_MODE or defaults_mode in the profile');
  }
  return mode as ClientSettings['defaultsMode'];
}

/** Region, endpoint, retries and endpoint variants for the Secrets Manager client. */
export function resolveClientSettings(args: SecretsManagerOptions, env: SourceEnv, shared: SharedConfig): ClientSettings {
  // Config settings come from the profile whose credentials are used (the SDK uses AWS_PROFILE, or default).
  const profileName = profileOf(planSource(args.sourceProfile, env)) ?? env.AWS_PROFILE ?? 'default';
  const profile = shared.profiles.get(profileName) ?? {};
  const [region, regionSource] = resolveRegion(args, env, profile, profileName);
  const settings: ClientSettings = {
    region,
    regionSource,
    maxAttempts: resolveMaxAttempts(env, profile),
    retryMode: (env.AWS_RETRY_MODE ?? profile.retry_mode) === 'adaptive' ? 'adaptive' : 'standard',
    useFipsEndpoint: flag(env.AWS_USE_FIPS_ENDPOINT) ?? flag(profile.use_fips_endpoint) ?? false,
    useDualstackEndpoint: flag(env.AWS_USE_DUALSTACK_ENDPOINT) ?? flag(profile.use_dualstack_endpoint) ?? false,
    authSchemePreference: (env.AWS_AUTH_SCHEME_PREFERENCE ?? profile.auth_scheme_preference ?? '')
      .split(',')
      .map((scheme) => scheme.trim())
      .filter(Boolean),
    userAgentAppId: env.AWS_SDK_UA_APP_ID ?? profile.sdk_ua_app_id ?? '',
    defaultsMode: defaultsMode(env.AWS_DEFAULTS_MODE ?? profile.defaults_mode),
    disableClockSkewCorrection: flag(env.AWS_DISABLE_CLOCK_SKEW_CORRECTION) ?? flag(profile.disable_clock_skew_correction) ?? false,
    profile: profileName,
  };
  if (!(flag(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) ?? flag(profile.ignore_configured_endpoint_urls))) {
    const [sts, source] = env.AWS_ENDPOINT_URL_STS ? [env.AWS_ENDPOINT_URL_STS, 'AWS_ENDPOINT_URL_STS'] : [env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL'];
    if (sts) settings.stsEndpoint = checkEndpoint(sts, source);
  }
  const endpoint = resolveEndpoint(env, profile, shared);
  if (endpoint !== undefined) {
    settings.endpoint = checkEndpoint(endpoint[0], endpoint[1]);
    settings.endpointSource = endpoint[1];
  }
  return settings;
}
