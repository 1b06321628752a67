import { describe, expect, test } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS, resolveClientSettings } from '../src/client-settings.js';
import { parseSecretsManagerArgs } from '../src/options.js';
import { parseSharedIni, type SharedConfig } from '@cred-launch/aws-profiles';

function shared(config: string): SharedConfig {
  const profiles = new Map<string, Record<string, string>>();
  const sections = new Map<string, Record<string, string>>();
  for (const [name, values] of parseSharedIni(config)) {
    if (name === 'default') profiles.set('default', values);
    else if (name.startsWith('profile.')) profiles.set(name.slice(8), values);
    else sections.set(name, values);
  }
  return { configFile: '/tmp/config', credentialsFile: '/tmp/credentials', profiles, sections };
}

const args = (...argv: string[]) => parseSecretsManagerArgs({ argv, env: {} });

describe('parseSharedIni', () => {
  test('comments, nested blocks and typed sections as the SDK parses them', () => {
    const parsed = parseSharedIni(
      [
        '# top',
        '[default]',
        'region = eu-west-1 ; trailing comment',
        's3 =',
        '  max_concurrent_requests = 10',
        'output = json',
        '[services local]',
        'secrets_manager =',
        '  endpoint_url = http://localhost:4566',
        '[unknowntype thing]',
        'x = 1',
      ].join('\n'),
    );
    expect(parsed.get('default')).toEqual({ region: 'eu-west-1', 's3.max_concurrent_requests': '10', output: 'json' });
    expect(parsed.get('services.local')).toEqual({ 'secrets_manager.endpoint_url': 'http://localhost:4566' });
    expect([...parsed.keys()]).toEqual(['default', 'services.local']);
  });
});

describe('resolveClientSettings', () => {
  test('defaults: 3 attempts, standard retries, no endpoint', () => {
    expect(resolveClientSettings(args('s'), { AWS_REGION: 'eu-north-1' }, shared(''))).toEqual({
      region: 'eu-north-1',
      regionSource: 'AWS_REGION',
      maxAttempts: DEFAULT_MAX_ATTEMPTS,
      retryMode: 'standard',
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      authSchemePreference: [],
      userAgentAppId: '',
      defaultsMode: 'legacy',
      disableClockSkewCorrection: false,
      profile: 'default',
    });
  });

  test('the endpoint from a [services] section or endpoint_url of the profile in use', () => {
    const config =
      '[profile dev]\nregion = us-west-2\nservices = local\n[services local]\nsecrets_manager =\n  endpoint_url = http://localhost:4566\n[profile plain]\nendpoint_url = http://localhost:9999\n';
    expect(resolveClientSettings(args('s'), { AWS_PROFILE: 'dev' }, shared(config))).toMatchObject({
      region: 'us-west-2',
      regionSource: 'region of profile "dev"',
      endpoint: 'http://localhost:4566',
    });
    expect(resolveClientSettings(args('s', '--source-profile', 'plain', '--region', 'us-east-1'), {}, shared(config)).endpoint).toBe('http://localhost:9999');
    // Environment variables come first; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS switches all of it off.
    expect(resolveClientSettings(args('s'), { AWS_PROFILE: 'dev', AWS_ENDPOINT_URL: 'http://env:1' }, shared(config)).endpoint).toBe('http://env:1');
    expect(
      resolveClientSettings(args('s'), { AWS_PROFILE: 'dev', AWS_ENDPOINT_URL: 'http://env:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, shared(config)).endpoint,
    ).toBeUndefined();
  });

  test('a services section that does not exist is CONFIG', () => {
    expect(() => resolveClientSettings(args('s', '--region', 'us-east-1'), { AWS_PROFILE: 'dev' }, shared('[profile dev]\nservices = nope\n'))).toThrow(/services section "nope"/u);
  });

  test('retries, FIPS and dual-stack from env or the profile', () => {
    const config = '[default]\nmax_attempts = 5\nretry_mode = adaptive\nuse_fips_endpoint = true\n';
    expect(resolveClientSettings(args('s', '--region', 'us-east-1'), {}, shared(config))).toMatchObject({ maxAttempts: 5, retryMode: 'adaptive', useFipsEndpoint: true });
    expect(resolveClientSettings(args('s', '--region', 'us-east-1'), { AWS_MAX_ATTEMPTS: '1', AWS_USE_DUALSTACK_ENDPOINT: 'true' }, shared(config))).toMatchObject({
      maxAttempts: 1,
      useDualstackEndpoint: true,
    });
  });
});
