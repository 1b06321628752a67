import { CredentialError } from '@cred-launch/core';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the STS client sends its requests, decided from the launcher's environment. */
export interface StsClientSettings {
  region: string;
  /** Where the region came from, for debug output. */
  regionFrom: string;
  /** A custom endpoint (AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL), or undefined for AWS's own. */
  endpoint: string | undefined;
  /** AWS_STS_REGIONAL_ENDPOINTS=legacy: the global sts.amazonaws.com for the legacy regions. */
  useGlobalEndpoint: boolean;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  /** AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true: the SDK must not look for endpoint_url either. */
  ignoreConfiguredEndpointUrls: boolean;
}

/** STS sessions work in every region; us-east-1 is where the global endpoint signs. */
export const FALLBACK_REGION = 'us-east-1';

function flag(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

/**
 * Region and endpoint, read deliberately from `env` (the launcher's snapshot)
 * rather than left to the SDK's own process.env look-ups, so what the launcher
 * was given is exactly what is used. Mirrors the SDK's rules as read in
 * @aws-sdk/client-sts 3.1169 / @smithy/core 3.41:
 *
 * - endpoint: `AWS_ENDPOINT_URL_STS`, else `AWS_ENDPOINT_URL`, both off when
 *   `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (the SDK's getEndpointUrlConfig);
 * - region: `AWS_REGION` (the SDK's variable), else `AWS_DEFAULT_REGION`
 *   (the AWS CLI's, which the SDK ignores but a CLI user has set), else
 *   us-east-1. The shared config file's `region` is NOT read: a
 *   credential_process child is not told which profile started it, so the
 *   file would give another profile's region;
 * - `AWS_STS_REGIONAL_ENDPOINTS=legacy`: the JS SDK v3 no longer reads this
 *   variable (it always uses regional endpoints); botocore does, so we honour
 *   it with the SDK's `useGlobalEndpoint` parameter;
 * - `AWS_USE_FIPS_ENDPOINT`, `AWS_USE_DUALSTACK_ENDPOINT` as the SDK reads them.
 */
export function stsClientSettings(env: Env): StsClientSettings {
  const ignoreConfiguredEndpointUrls = flag(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS);
  let endpoint: string | undefined;
  let endpointFrom = '';
  if (!ignoreConfiguredEndpointUrls) {
    for (const name of ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL']) {
      const value = env[name]?.trim();
      if (value) {
        endpoint = value;
        endpointFrom = name;
        break;
      }
    }
  }
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new CredentialError('CONFIG', `${endpointFrom} is not an http(s) URL`, { hint: `e.g. ${endpointFrom}=https://sts.eu-west-1.amazonaws.com` });
    }
  }
  let region = FALLBACK_REGION;
  let regionFrom = 'default';
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = env[name]?.trim();
    if (value) {
      region = value;
      regionFrom = name;
      break;
    }
  }
  if (!/^[a-z0-9-]{1,63}$/u.test(region)) {
    throw new CredentialError('CONFIG', `${regionFrom} is not a region name`, { hint: 'e.g. AWS_REGION=eu-west-1' });
  }
  return {
    region,
    regionFrom,
    endpoint,
    useGlobalEndpoint: env.AWS_STS_REGIONAL_ENDPOINTS?.trim().toLowerCase() === 'legacy',
    useFipsEndpoint: flag(env.AWS_USE_FIPS_ENDPOINT),
    useDualstackEndpoint: flag(env.AWS_USE_DUALSTACK_ENDPOINT),
    ignoreConfiguredEndpointUrls,
  };
}

/** How the endpoint is named in messages. */
export function describeEndpoint(settings: StsClientSettings): string {
  return settings.endpoint ?? `the STS endpoint of ${settings.region}`;
}
