import { SecretRedactor } from '@cred-launch/core';
import { describe, expect, test } from 'vitest';
import { defaultBackend } from '../src/backend-kind.js';
import { parseAddArgs, parseKeychainSourceArgs, parseListArgs, parseRemoveArgs } from '../src/options.js';
import { parseStdinText } from '../src/read-input.js';
import { parseStored, serializeStored } from '../src/stored-document.js';
import { CANARY } from './helpers.js';

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    const e = error as { code: string; message: string };
    return `${e.code}: ${e.message}`;
  }
  return 'no error';
}

describe('arguments', () => {
  test("the backend is the platform's own unless --backend says otherwise", () => {
    expect(defaultBackend('linux')).toBe('secret-service');
    expect(defaultBackend('freebsd')).toBe('secret-service');
    expect(defaultBackend('darwin')).toBe('macos');
    expect(defaultBackend('win32')).toBe('windows');
    expect(parseKeychainSourceArgs({ argv: ['dev'], env: {} })).toEqual({ name: 'dev', backend: defaultBackend() });
    expect(parseKeychainSourceArgs({ argv: ['team.dev@eu-west-1', '--backend', 'windows'], env: {} })).toEqual({ name: 'team.dev@eu-west-1', backend: 'windows' });
  });

  test('names that could be paths, options or command words are refused', () => {
    expect(usageMessage(() => parseKeychainSourceArgs({ argv: ['a/b'], env: {} }))).toMatch(/^USAGE: keychain: "a\/b" is not a valid entry name/u);
    expect(usageMessage(() => parseKeychainSourceArgs({ argv: ['-x'], env: {} }))).toMatch(/^USAGE/u);
    expect(usageMessage(() => parseKeychainSourceArgs({ argv: ['a b'], env: {} }))).toMatch(/not a valid entry name/u);
    expect(usageMessage(() => parseKeychainSourceArgs({ argv: ['x'.repeat(129)], env: {} }))).toMatch(/not a valid entry name/u);
    expect(usageMessage(() => parseAddArgs({ argv: ['list'], env: {} }))).toBe('USAGE: keychain: "list" is a command of this plugin, not usable as an entry name');
  });

  test('add: one input at a time; --section only with --from-file; defaults', () => {
    expect(parseAddArgs({ argv: ['dev'], env: {} })).toEqual({ name: 'dev', backend: defaultBackend(), from: 'terminal', section: 'default', force: false });
    expect(
      parseAddArgs({ argv: ['dev', '--from-file', '~/.aws/credentials', '--section', 'dev', '--force', '--mfa-serial', 'arn:aws:iam::123456789012:mfa/me'], env: {} }),
    ).toEqual({
      name: 'dev',
      backend: defaultBackend(),
      from: 'file',
      file: '~/.aws/credentials',
      section: 'dev',
      force: true,
      mfaSerial: 'arn:aws:iam::123456789012:mfa/me',
    });
    expect(usageMessage(() => parseAddArgs({ argv: ['dev', '--from-stdin', '--from-file', 'f'], env: {} }))).toContain('not both');
    expect(usageMessage(() => parseAddArgs({ argv: ['dev', '--section', 'x'], env: {} }))).toContain('--section only applies to --from-file');
    // A secret typed where a flag's value goes would land in shell history: there is no flag that takes one.
    expect(usageMessage(() => parseAddArgs({ argv: ['dev', '--secret-access-key', CANARY], env: {} }))).toMatch(/^USAGE/u);
    expect(usageMessage(() => parseListArgs({ argv: ['dev'], env: {} }))).toMatch(/^USAGE/u);
    expect(parseRemoveArgs({ argv: ['dev', '--backend', 'macos'], env: {} })).toEqual({ name: 'dev', backend: 'macos' });
  });
});

describe('stored document', () => {
  test('round trip, ASCII only, expiration in UTC', () => {
    const text = serializeStored({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'sécret',
      sessionToken: 't',
      expiration: new Date('2099-01-01T00:00:00Z'),
      mfaSerial: 'arn:m',
      mfaTotpSeed: 'JBSW',
    });
    expect(text).toBe(
      '{"version":1,"accessKeyId":"ASIAEXAMPLE","secretAccessKey":"s\\u00e9cret","sessionToken":"t","expiration":"2099-01-01T00:00:00Z","mfaSerial":"arn:m","mfaTotpSeed":"JBSW"}',
    );
    const redactor = new SecretRedactor();
    expect(parseStored('dev', text, redactor)).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'sécret',
      sessionToken: 't',
      expiration: new Date('2099-01-01T00:00:00Z'),
      mfaSerial: 'arn:m',
      mfaTotpSeed: 'JBSW',
    });
    expect(redactor.redact('sécret JBSW')).not.toMatch(/sécret|JBSW/u);
  });

  test('anything else is INVALID_SECRET, naming the entry and never the text', () => {
    const redactor = new SecretRedactor();
    for (const [text, problem] of [
      [`not json ${CANARY}`, 'not JSON'],
      [`[${JSON.stringify(CANARY)}]`, 'not a JSON object'],
      [JSON.stringify({ version: 2, accessKeyId: 'A', secretAccessKey: CANARY }), 'its version is missing or unknown'],
      [JSON.stringify({ version: 1, accessKeyId: 'A' }), 'accessKeyId or secretAccessKey is missing'],
      [JSON.stringify({ version: 1, accessKeyId: 'A', secretAccessKey: CANARY, sessionToken: 5 }), 'sessionToken is not a string'],
    ] as const) {
      const message = usageMessage(() => parseStored('dev', text, redactor));
      expect(message).toBe(`INVALID_SECRET: keychain: the entry "dev" is not a cred-launch credentials document: ${problem}`);
    }
  });
});

describe('--from-stdin text', () => {
  test('credential_process JSON, key=value lines, env-file lines', () => {
    expect(parseStdinText(JSON.stringify({ Version: 1, AccessKeyId: 'AKIA1', SecretAccessKey: 's', Expiration: '2099-01-01T00:00:00Z', SessionToken: 't' }))).toEqual({
      accessKeyId: 'AKIA1',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date('2099-01-01T00:00:00Z'),
    });
    expect(parseStdinText('aws_access_key_id = AKIA2\r\naws_secret_access_key = s2\r\n')).toEqual({ accessKeyId: 'AKIA2', secretAccessKey: 's2' });
    expect(parseStdinText('export AWS_ACCESS_KEY_ID=\'AKIA3\'\nexport AWS_SECRET_ACCESS_KEY="s3"\n')).toEqual({ accessKeyId: 'AKIA3', secretAccessKey: 's3' });
  });

  test('empty input, broken JSON and a line without = are USAGE; the message never quotes the input', () => {
    expect(usageMessage(() => parseStdinText('  \n'))).toBe('USAGE: keychain: standard input is empty');
    expect(usageMessage(() => parseStdinText(`{"SecretAccessKey":"${CANARY}"`))).toBe('USAGE: keychain: standard input starts with { but is not valid JSON');
    expect(usageMessage(() => parseStdinText(`${CANARY}\n`))).toBe('USAGE: keychain: line 1 of standard input is not key=value');
    expect(usageMessage(() => parseStdinText('aws_access_key_id=AKIA4\n'))).toMatch(/^INVALID_SECRET/u);
  });
});
