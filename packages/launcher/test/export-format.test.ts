import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { formatExport } from '../src/front-ends/export-format.js';

const tricky = {
  accessKeyId: 'AKIAEXPORTEXAMPLE001',
  secretAccessKey: `it's $HOME \`id\` "q" \\ end`,
  sessionToken: 'token/with+plus=',
  expiration: new Date('2030-01-02T03:04:05Z'),
};
const longTerm = { accessKeyId: 'AKIAEXPORTEXAMPLE002', secretAccessKey: 'plainSecret0000000000000000000000000000' };

function shell(command: string, args: string[], script: string): string {
  const result = spawnSync(command, args, { input: script, encoding: 'utf8', env: { PATH: process.env.PATH, AWS_SESSION_TOKEN: 'stale-token' } });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('formatExport', () => {
  test('env: sh evaluates it to exactly the values, whatever they contain', () => {
    const script = `${formatExport(tricky, 'env')}printf '%s\\n%s\\n%s\\n%s' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"`;
    expect(shell('sh', [], script)).toBe([tricky.accessKeyId, tricky.secretAccessKey, tricky.sessionToken, '2030-01-02T03:04:05Z'].join('\n'));
  });

  test('env: long-term keys unset a stale session token', () => {
    const script = `${formatExport(longTerm, 'env')}printf '%s' "\${AWS_SESSION_TOKEN-unset}"`;
    expect(shell('sh', [], script)).toBe('unset');
  });

  const hasFish = spawnSync('fish', ['--version'], { stdio: 'ignore' }).status === 0;
  test.skipIf(!hasFish)('fish: evaluates to the same values (skipped without fish)', () => {
    const script = `${formatExport(tricky, 'fish')}printf '%s\\n' $AWS_SECRET_ACCESS_KEY`;
    expect(shell('fish', [], script)).toBe(`${tricky.secretAccessKey}\n`);
  });

  test('fish and powershell: the quoting rules of each language', () => {
    expect(formatExport(tricky, 'fish')).toContain(`set -gx AWS_SECRET_ACCESS_KEY 'it\\'s $HOME \`id\` "q" \\\\ end';`);
    expect(formatExport(longTerm, 'fish')).toContain('set -e AWS_SESSION_TOKEN;');
    expect(formatExport(tricky, 'powershell')).toContain(`$Env:AWS_SECRET_ACCESS_KEY = 'it''s $HOME \`id\` "q" \\ end'`);
    expect(formatExport(longTerm, 'powershell')).toContain('Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue');
  });

  test('json: the variables as an object; process: the credential_process document', () => {
    expect(JSON.parse(formatExport(longTerm, 'json'))).toEqual({ AWS_ACCESS_KEY_ID: longTerm.accessKeyId, AWS_SECRET_ACCESS_KEY: longTerm.secretAccessKey });
    expect(JSON.parse(formatExport(tricky, 'process'))).toEqual({
      Version: 1,
      AccessKeyId: tricky.accessKeyId,
      SecretAccessKey: tricky.secretAccessKey,
      SessionToken: tricky.sessionToken,
      Expiration: '2030-01-02T03:04:05Z',
    });
  });

  test('ini: a credentials-file section, named as asked', () => {
    expect(formatExport(tricky, 'ini', 'dev')).toBe(
      `[dev]\naws_access_key_id = ${tricky.accessKeyId}\naws_secret_access_key = ${tricky.secretAccessKey}\naws_session_token = ${tricky.sessionToken}\n`,
    );
    expect(() => formatExport({ ...longTerm, secretAccessKey: 'a\nb' }, 'ini')).toThrow(/line break/u);
  });
});
