import type { SourceEnv } from '@cred-launch/core';
import { rolesAnywhereError } from './errors.js';

/** Where the request goes and which region signs it. */
export interface Target {
  region: string;
  /** Names where the region came from, for messages. */
  regionOrigin: string;
  endpoint: string;
}

/** Inputs of {@link resolveTarget}. */
export interface TargetInput {
  region?: string;
  endpoint?: string;
  /** Region of the trust anchor ARN ('' when the ARN has none). */
  trustAnchorRegion: string;
  /** Partition of the trust anchor ARN (`aws`, `aws-cn`, `aws-us-gov`). */
  partition: string;
}

function validEndpoint(value: string, origin: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return value;
  } catch {
    // reported below
  }
  throw rolesAnywhereError('CONFIG', `${origin} is not an http(s) URL: "${value}"`, `fix or unset ${origin}`);
}

/**
 * Region: `--region`, else the trust anchor ARN's region, else AWS_REGION,
 * else AWS_DEFAULT_REGION. Endpoint: `--endpoint`, else
 * AWS_ENDPOINT_URL_ROLESANYWHERE, else AWS_ENDPOINT_URL (both ignored when
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true, as the SDK that
 * aws_signing_helper is built on does), else the regional endpoint.
 */
export function resolveTarget(input: TargetInput, env: SourceEnv): Target {
  const candidates: Array<[string | undefined, string]> = [
    [input.region, '--region'],
    [input.trustAnchorRegion, 'the trust anchor ARN'],
    [env.AWS_REGION, 'AWS_REGION'],
    [env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'],
  ];
  const found = candidates.find(([value]) => value !== undefined && value !== '');
  if (found === undefined) throw rolesAnywhereError('CONFIG', 'no region: the trust anchor ARN names none and neither --region nor AWS_REGION is set', 'pass --region');
  const region = found[0]!;
  let endpoint: string;
  const ignoreEnv = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true';
  if (input.endpoint !== undefined) endpoint = input.endpoint;
  else if (!ignoreEnv && env.AWS_ENDPOINT_URL_ROLESANYWHERE) endpoint = validEndpoint(env.AWS_ENDPOINT_URL_ROLESANYWHERE, 'AWS_ENDPOINT_URL_ROLESANYWHERE');
  else if (!ignoreEnv && env.AWS_ENDPOINT_URL) endpoint = validEndpoint(env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL');
  else endpoint = `https://rolesanywhere.${region}.${input.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  return { region, regionOrigin: found[1], endpoint };
}
