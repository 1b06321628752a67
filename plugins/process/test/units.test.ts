import { isCredentialError, SecretRedactor } from '@cred-launch/core';
import { describe, expect, test } from 'vitest';
import { parseHelperOutput, registerOutputSecrets } from '../src/helper-output.js';
import { parseProcessArgs } from '../src/options.js';
import { stderrTail } from '../src/get-credentials.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isCredentialError(error) ? error.code : 'not a CredentialError';
  }
  return undefined;
}

describe('parseProcessArgs', () => {
  test('takes everything after -- as the helper command, untouched', () => {
    expect(parseProcessArgs({ argv: ['--', '/bin/helper', '--profile', 'x', '--'], env: {} })).toEqual({ command: '/bin/helper', args: ['--profile', 'x', '--'] });
  });
  test('accepts the command without -- when it does not start with a dash', () => {
    expect(parseProcessArgs({ argv: ['aws', 'configure', 'export-credentials'], env: {} })).toEqual({ command: 'aws', args: ['configure', 'export-credentials'] });
  });
  test.each([[[]], [['--']], [['--bogus']], [['--', '']]])('refuses %j with USAGE', (argv) => {
    expect(codeOf(() => parseProcessArgs({ argv, env: {} }))).toBe('USAGE');
  });
});

describe('parseHelperOutput', () => {
  const doc = { Version: 1, AccessKeyId: 'AKIAEXAMPLE000000001', SecretAccessKey: 'secretExample00000000000000000000000000001' };
  test('reads a credential_process document', () => {
    expect(parseHelperOutput(JSON.stringify({ ...doc, Expiration: '2030-01-01T00:00:00Z' }), 'h')).toMatchObject({
      accessKeyId: doc.AccessKeyId,
      secretAccessKey: doc.SecretAccessKey,
      expiration: new Date('2030-01-01T00:00:00Z'),
    });
  });
  test.each([
    ['not JSON', '<html>', 'BACKEND'],
    ['empty', '', 'BACKEND'],
    ['an array', '[1]', 'BACKEND'],
    ['no Version', JSON.stringify({ AccessKeyId: 'a', SecretAccessKey: 'b' }), 'BACKEND'],
    ['Version 2', JSON.stringify({ ...doc, Version: 2 }), 'BACKEND'],
    ['no keys', JSON.stringify({ Version: 1 }), 'INVALID_SECRET'],
    ['no secret key', JSON.stringify({ Version: 1, AccessKeyId: 'AKIAEXAMPLE000000001' }), 'INVALID_SECRET'],
  ])('%s → %s', (_name, stdout, code) => {
    expect(codeOf(() => parseHelperOutput(stdout, 'h'))).toBe(code);
  });
});

describe('registerOutputSecrets', () => {
  test('registers the values of a document and long tokens of any text', () => {
    const redactor = new SecretRedactor();
    registerOutputSecrets('{"Version":1,"AccessKeyId":"AKIAEXAMPLE000000001","SecretAccessKey":"abcd"}', redactor);
    expect(redactor.redact('AKIAEXAMPLE000000001 abcd')).toBe('[REDACTED] [REDACTED]');
    const text = new SecretRedactor();
    registerOutputSecrets('token=LongTokenValue123456 short', text);
    expect(text.redact('saw LongTokenValue123456 and short')).toBe('saw [REDACTED] and short');
  });
});

describe('stderrTail', () => {
  test('keeps the last three non-empty lines, each cut at 200 characters', () => {
    expect(stderrTail('one\n\ntwo\nthree\nfour\n')).toBe('two | three | four');
    expect(stderrTail(`${'x'.repeat(300)}\n`)).toBe(`${'x'.repeat(200)}…`);
    expect(stderrTail('')).toBe('');
  });
});
