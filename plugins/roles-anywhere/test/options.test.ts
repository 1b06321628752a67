import { describe, expect, test } from 'vitest';
import { parseRolesAnywhereArgs } from '../src/options.js';
import { resolveTarget } from '../src/endpoint.js';
import { PROFILE_ARN, ROLE_ARN, TRUST_ANCHOR_ARN } from './helpers.js';

const base = ['--certificate', 'cert.pem', '--private-key', 'key.pem', '--trust-anchor-arn', TRUST_ANCHOR_ARN, '--profile-arn', PROFILE_ARN, '--role-arn', ROLE_ARN];
const parse = (argv: string[]) => parseRolesAnywhereArgs({ argv, env: {} });
const usage = (argv: string[]): string => {
  try {
    parse(argv);
  } catch (error) {
    expect((error as { code: string }).code).toBe('USAGE');
    return `${(error as Error).message} ${(error as { hint?: string }).hint ?? ''}`;
  }
  throw new Error('expected a USAGE error');
};

describe('aws_signing_helper credential-process flags', () => {
  test("an existing line parses unchanged, with the helper's defaults", () => {
    const options = parse([...base, '--debug']);
    expect(options).toMatchObject({ certificate: 'cert.pem', privateKey: 'key.pem', sessionDurationSeconds: 3600, trustAnchorArn: TRUST_ANCHOR_ARN });
    expect(options.region).toBeUndefined();
    expect(options.trustAnchor.region).toBe('eu-west-1');
  });

  test('every optional flag', () => {
    expect(
      parse([
        ...base,
        '--session-duration',
        '900',
        '--region',
        'us-east-2',
        '--endpoint',
        'https://ra.example.test',
        '--intermediates',
        'chain.pem',
        '--role-session-name',
        'host-1',
        '--private-key-passphrase-file',
        'pass',
      ]),
    ).toMatchObject({
      sessionDurationSeconds: 900,
      region: 'us-east-2',
      endpoint: 'https://ra.example.test',
      intermediates: 'chain.pem',
      roleSessionName: 'host-1',
      privateKeyPassphraseFile: 'pass',
    });
  });

  test.each([
    [['--certificate', 'c'], '--private-key is required'],
    [base.slice(2), '--certificate is required'],
    [[...base, '--session-duration', '43201'], 'between 900 and 43200'],
    [[...base, '--session-duration', '1h'], 'whole number of seconds'],
    [[...base, '--role-session-name', 'has space'], '--role-session-name'],
    [[...base, '--region', 'Europe'], 'not a region'],
    [[...base, '--endpoint', 'ftp://x'], 'http(s)'],
    [base.map((item) => (item === PROFILE_ARN ? PROFILE_ARN.replace('eu-west-1', 'us-east-1') : item)), 'different regions'],
    [base.map((item) => (item === ROLE_ARN ? 'arn:aws:iam::123456789012:user/x' : item)), 'iam role ARN'],
    [[...base, '--pkcs8-password', 'x'], '--private-key-passphrase-file'],
    [[...base, '--no-verify-ssl'], 'NODE_EXTRA_CA_CERTS'],
    [[...base, '--pkcs11-lib', '/usr/lib/opensc.so'], 'PKCS#11'],
    [[...base, '--tpm-key-password', 'x'], 'TPM'],
  ])('%j is refused: %s', (argv, expected) => {
    expect(usage(argv)).toContain(expected);
  });
});

describe('region and endpoint', () => {
  const anchor = { trustAnchorRegion: 'eu-west-1', partition: 'aws' };
  test('--region, else the trust anchor ARN, else AWS_REGION, else AWS_DEFAULT_REGION', () => {
    expect(resolveTarget({ ...anchor, region: 'us-east-2' }, { AWS_REGION: 'ap-south-1' }).region).toBe('us-east-2');
    expect(resolveTarget(anchor, { AWS_REGION: 'ap-south-1' })).toMatchObject({ region: 'eu-west-1', endpoint: 'https://rolesanywhere.eu-west-1.amazonaws.com' });
    expect(resolveTarget({ ...anchor, trustAnchorRegion: '' }, { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'sa-east-1' }).region).toBe('ap-south-1');
    expect(resolveTarget({ ...anchor, trustAnchorRegion: '' }, { AWS_DEFAULT_REGION: 'sa-east-1' }).region).toBe('sa-east-1');
    expect(() => resolveTarget({ ...anchor, trustAnchorRegion: '' }, {})).toThrow(/no region/u);
  });

  test('--endpoint, else AWS_ENDPOINT_URL_ROLESANYWHERE, else AWS_ENDPOINT_URL, unless ignored; China partition', () => {
    const env = { AWS_ENDPOINT_URL_ROLESANYWHERE: 'http://127.0.0.1:1', AWS_ENDPOINT_URL: 'http://127.0.0.1:2' };
    expect(resolveTarget({ ...anchor, endpoint: 'http://127.0.0.1:3' }, env).endpoint).toBe('http://127.0.0.1:3');
    expect(resolveTarget(anchor, env).endpoint).toBe('http://127.0.0.1:1');
    expect(resolveTarget(anchor, { AWS_ENDPOINT_URL: 'http://127.0.0.1:2' }).endpoint).toBe('http://127.0.0.1:2');
    expect(resolveTarget(anchor, { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }).endpoint).toBe('https://rolesanywhere.eu-west-1.amazonaws.com');
    expect(resolveTarget({ trustAnchorRegion: 'cn-north-1', partition: 'aws-cn' }, {}).endpoint).toBe('https://rolesanywhere.cn-north-1.amazonaws.com.cn');
    expect(() => resolveTarget(anchor, { AWS_ENDPOINT_URL: 'nope' })).toThrow(/AWS_ENDPOINT_URL/u);
  });
});
