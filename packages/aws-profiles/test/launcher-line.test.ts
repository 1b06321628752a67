import { describe, expect, test } from 'vitest';
import { isCredLaunchLine, parseCredLaunchCall } from '../src/launcher-line.js';
import { splitLikeShC } from '../src/split.js';

describe('recognising cred-launch in a credential_process line (moved from plugins/secrets-manager)', () => {
  test('splits like sh: quotes, escapes, no expansion', () => {
    expect(splitLikeShC(`cred-launch secrets-manager 'prod/ci deployer' "a \\"b\\"" c\\ d $HOME`)).toEqual([
      'cred-launch',
      'secrets-manager',
      'prod/ci deployer',
      'a "b"',
      'c d',
      '$HOME',
    ]);
  });

  test.each([
    ['/usr/local/bin/cred-launch secrets-manager prod/ci --region eu-west-1', 'secrets-manager', ['prod/ci', '--region', 'eu-west-1']],
    ['node /opt/x/bin/cred-launch.js --verbose --timeout 30 secrets-manager s', 'secrets-manager', ['s']],
    ['env AWS_PROFILE=other cred-launch secrets-manager s', 'secrets-manager', ['s']],
    ['npx --yes cred-launch vault secret/aws', 'vault', ['secret/aws']],
  ])('%s', (line, plugin, pluginArgv) => {
    expect(parseCredLaunchCall(line)).toMatchObject({ plugin, pluginArgv });
  });

  test('other programs are not cred-launch', () => {
    expect(parseCredLaunchCall('/usr/bin/aws-vault export --format=json x')).toBeUndefined();
    expect(parseCredLaunchCall('sh /tmp/wrapper.sh')).toBeUndefined();
    expect(parseCredLaunchCall('env AWS_PROFILE=x')).toBeUndefined();
  });

  test('variables set in front of the command are kept', () => {
    expect(parseCredLaunchCall('env AWS_PROFILE=other cred-launch secrets-manager s')?.env).toEqual({ AWS_PROFILE: 'other' });
  });
});

describe('isCredLaunchLine (botocore split, then the launcher check)', () => {
  test('a cred-launch line written by configure, and other lines', () => {
    expect(isCredLaunchLine('/usr/bin/node /usr/lib/node_modules/cred-launch/bin/cred-launch.js file /x.enc', 'posix')).toBe(true);
    expect(isCredLaunchLine('/usr/local/bin/cred-launch vault secret/aws/dev', 'posix')).toBe(true);
    expect(isCredLaunchLine('/opt/bin/awscreds-custom --username helen', 'posix')).toBe(false);
    // An unclosed quote: botocore cannot split it, so it is nobody's line.
    expect(isCredLaunchLine('cred-launch "file', 'posix')).toBe(false);
  });
});

describe('the two named split rules differ where botocore and sh differ', () => {
  test('inside double quotes shlex keeps the backslash before $, sh escapes it; a trailing backslash and an open quote fail only for shlex', async () => {
    const { splitPosix } = await import('../src/split.js');
    expect(splitPosix('"a\\$b"')).toEqual(['a\\$b']);
    expect(splitLikeShC('"a\\$b"')).toEqual(['a$b']);
    expect(() => splitPosix('x\\')).toThrow('No escaped character');
    expect(splitLikeShC('x\\')).toEqual(['x\\']);
    expect(() => splitPosix('"open')).toThrow('No closing quotation');
    expect(splitLikeShC('"open')).toEqual(['open']);
  });
});
