import { isCredentialError } from '@cred-launch/core';
import { describe, expect, test } from 'vitest';
import source from '../src/index.js';

const parse = (...argv: string[]) => source.parseArgs({ argv, env: {} });

function usageMessage(argv: string[]): string {
  try {
    parse(...argv);
  } catch (error) {
    expect(isCredentialError(error, 'USAGE')).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(argv)}`);
}

describe('parseArgs', () => {
  test('defaults', () => {
    expect(parse('prod/ci')).toEqual({ secretId: 'prod/ci', profile: 'default', overrides: {} });
  });

  test('every flag', () => {
    expect(
      parse(
        'prod/ci',
        '--region=eu-west-1',
        '--version-stage',
        'AWSPENDING',
        '--json-key',
        'aws.ci',
        '--profile',
        'deploy',
        '--source-profile',
        'bootstrap',
        '--access-key-field',
        'k',
        '--secret-key-field',
        's',
        '--session-token-field',
        't',
        '--expiration-field',
        'e',
      ),
    ).toMatchObject({
      secretId: 'prod/ci',
      region: 'eu-west-1',
      versionStage: 'AWSPENDING',
      jsonKey: 'aws.ci',
      profile: 'deploy',
      sourceProfile: 'bootstrap',
      overrides: { accessKeyId: 'k', secretAccessKey: 's', sessionToken: 't', expiration: 'e' },
    });
  });

  test('an ARN with a matching --region is accepted', () => {
    expect(parse('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/ci-AbCdEf', '--region', 'eu-west-1').region).toBe('eu-west-1');
  });

  test.each([
    [[], 'secrets-manager: missing argument (expected 1)'],
    [['a', 'b'], 'secrets-manager: unexpected argument "b"'],
    [[''], 'secrets-manager: the secret id is empty'],
    [['x', '--nope'], "secrets-manager: Unknown option '--nope'"],
    [['x', '--region', 'Europe'], 'secrets-manager: --region must be a region name like eu-west-1 (got "Europe")'],
    [['x', '--version-stage', 'AWSPENDING', '--version-id', '11111111-2222-4333-8444-555555555555'], 'secrets-manager: give either --version-stage or --version-id, not both'],
    [['x', '--version-id', 'short'], 'secrets-manager: --version-id must be 32 to 64 characters (a version UUID)'],
    [['x', '--json-key', ''], 'secrets-manager: --json-key is empty'],
    [['x', '--source-profile', 'two words'], 'secrets-manager: --source-profile must be a profile name without spaces or brackets (got "two words")'],
    [['arn:aws:secretsmanager:eu-west-1:123:secret:x'], 'secrets-manager: the secret ARN is malformed; expected arn:aws:secretsmanager:<region>:<account-id>:secret:<name>'],
    [
      ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:x', '--region', 'us-east-1'],
      'secrets-manager: the secret ARN is in eu-west-1 but --region says us-east-1; drop --region or fix the ARN',
    ],
  ])('USAGE for %j', (argv, message) => {
    expect(usageMessage(argv)).toBe(message);
  });
});
