import { describe, expect, test } from 'vitest';
import {
  formatCredentialProcessOutput,
  formatExpiration,
  fromCredentialProcessOutput,
  isCredentialError,
  toAwsCredentials,
  toCredentialProcessOutput,
  validateCredentials,
  type CredentialError,
} from '../src/index.js';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE+/TOKEN==';
const NOW = new Date('2030-01-01T00:00:00Z');
const now = (): Date => NOW;

function failure(run: () => unknown): CredentialError {
  try {
    run();
  } catch (error) {
    if (isCredentialError(error)) return error;
    throw error;
  }
  throw new Error('expected a CredentialError');
}

describe('formatCredentialProcessOutput', () => {
  test('writes one JSON document and a newline, fields in the documented order', () => {
    const text = formatCredentialProcessOutput(
      // Deliberately in another order.
      { accountId: '123456789012', expiration: new Date('2030-01-01T01:00:00Z'), sessionToken: TOKEN, secretAccessKey: SECRET, accessKeyId: KEY },
      { now },
    );
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
    const document = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration', 'AccountId']);
    expect(document).toEqual({
      Version: 1,
      AccessKeyId: KEY,
      SecretAccessKey: SECRET,
      SessionToken: TOKEN,
      Expiration: '2030-01-01T01:00:00Z',
      AccountId: '123456789012',
    });
  });

  test('long-term keys: only Version and the two keys', () => {
    expect(formatCredentialProcessOutput({ accessKeyId: KEY, secretAccessKey: SECRET })).toBe(`{"Version":1,"AccessKeyId":"${KEY}","SecretAccessKey":"${SECRET}"}\n`);
  });

  test('Expiration is UTC with a Z and whole seconds', () => {
    const text = formatCredentialProcessOutput({ accessKeyId: KEY, secretAccessKey: SECRET, expiration: new Date('2030-01-01T05:30:15.987+05:30') }, { now });
    const { Expiration } = JSON.parse(text) as { Expiration: string };
    expect(Expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/u);
    expect(Expiration).toBe('2030-01-01T00:00:15Z');
  });

  test('MFA material is never printed', () => {
    const text = formatCredentialProcessOutput({
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      mfaSerial: 'arn:aws:iam::123456789012:mfa/me',
      mfaTotpSeed: 'JBSWY3DPEHPK3PXP',
    });
    expect(text).not.toContain('mfa');
    expect(text).not.toContain('JBSWY3DPEHPK3PXP');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey']);
  });

  test('fields explicitly set to undefined are left out, not rejected', () => {
    const text = formatCredentialProcessOutput({ accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: undefined, expiration: undefined });
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey']);
  });

  test('uses the real clock when no `now` is given', () => {
    const inAnHour = new Date(Date.now() + 3_600_000);
    expect(formatCredentialProcessOutput({ accessKeyId: KEY, secretAccessKey: SECRET, expiration: inAnHour })).toContain('"Expiration"');
    expect(failure(() => formatCredentialProcessOutput({ accessKeyId: KEY, secretAccessKey: SECRET, expiration: new Date(Date.now() - 1000) })).code).toBe('INVALID_SECRET');
  });
});

describe('validation: anything a consumer would reject is INVALID_SECRET, never output', () => {
  const base = { accessKeyId: KEY, secretAccessKey: SECRET };
  const cases: Array<[string, unknown, RegExp]> = [
    ['null', null, /expected an object/u],
    ['an array', [KEY, SECRET], /expected an object/u],
    ['a string', `${KEY}:${SECRET}`, /expected an object/u],
    ['a missing access key id', { secretAccessKey: SECRET }, /accessKeyId is missing/u],
    ['a missing secret access key', { accessKeyId: KEY }, /secretAccessKey is missing/u],
    ['an empty access key id', { ...base, accessKeyId: '' }, /accessKeyId is empty/u],
    ['an empty secret access key', { ...base, secretAccessKey: '' }, /secretAccessKey is empty/u],
    ['an empty session token', { ...base, sessionToken: '' }, /sessionToken is empty/u],
    ['a numeric access key id', { ...base, accessKeyId: 12345 }, /accessKeyId is empty or not a string/u],
    ['a null secret', { ...base, secretAccessKey: null }, /secretAccessKey is empty or not a string/u],
    ['a stray field', { ...base, region: 'eu-west-1' }, /unexpected field "region"/u],
    ['credential_process spelling from a plugin', { ...base, Version: 1 }, /unexpected field "Version"/u],
    ['a PascalCase duplicate', { ...base, SessionToken: TOKEN }, /unexpected field "SessionToken"/u],
    ['a space in the access key id', { ...base, accessKeyId: 'AKIA IOSFODNN7EXAMPLE' }, /accessKeyId contains white space/u],
    ['a trailing CR in the secret (CRLF file)', { ...base, secretAccessKey: `${SECRET}\r` }, /secretAccessKey contains white space/u],
    ['a newline in the session token', { ...base, sessionToken: `${TOKEN}\n` }, /sessionToken contains white space/u],
    ['a tab in the secret', { ...base, secretAccessKey: `\t${SECRET}` }, /secretAccessKey contains white space/u],
    ['a NUL in the access key id', { ...base, accessKeyId: `${KEY}\u0000` }, /accessKeyId contains white space or control/u],
    ['a DEL in the secret', { ...base, secretAccessKey: `${SECRET}\u007f` }, /secretAccessKey contains white space or control/u],
    ['a non-breaking space in the secret', { ...base, secretAccessKey: `${SECRET}\u00a0` }, /secretAccessKey contains white space/u],
    ['an 11-digit account id', { ...base, accountId: '12345678901' }, /accountId must be a 12-digit string/u],
    ['a 13-digit account id', { ...base, accountId: '1234567890123' }, /accountId must be a 12-digit string/u],
    ['a non-digit account id', { ...base, accountId: '12345678901a' }, /accountId must be a 12-digit string/u],
    ['a numeric account id', { ...base, accountId: 123456789012 }, /accountId must be a 12-digit string/u],
    ['an account id with a newline', { ...base, accountId: '123456789012\n' }, /accountId must be a 12-digit string/u],
    ['an expiration that is a string', { ...base, expiration: '2031-01-01T00:00:00Z' }, /expiration is not a valid Date/u],
    ['an invalid Date', { ...base, expiration: new Date(Number.NaN) }, /expiration is not a valid Date/u],
    ['expired credentials', { ...base, expiration: new Date('2029-12-31T23:00:00Z') }, /expired at 2029-12-31T23:00:00Z/u],
    ['credentials expiring right now', { ...base, expiration: NOW }, /expired at 2030-01-01T00:00:00Z/u],
  ];

  test.each(cases)('%s', (_name, value, message) => {
    const error = failure(() => formatCredentialProcessOutput(value, { now, source: 'plugin "fake"' }));
    expect(error.code).toBe('INVALID_SECRET');
    expect(error.message).toMatch(/^plugin "fake" returned /u);
    expect(error.message).toMatch(message);
    expect(error.hint).toBeTruthy();
  });

  test('messages name the field, never its value', () => {
    const values = [`${SECRET} `, `${KEY}\n`, `tok en${TOKEN}`];
    for (const [field, value] of [
      ['secretAccessKey', values[0]],
      ['accessKeyId', values[1]],
      ['sessionToken', values[2]],
    ] as const) {
      const error = failure(() => validateCredentials({ ...base, [field]: value }));
      expect(`${error.message} ${error.hint}`).not.toContain(SECRET);
      expect(`${error.message} ${error.hint}`).not.toContain(KEY);
      expect(`${error.message} ${error.hint}`).not.toContain(TOKEN);
    }
  });

  test('a one-second-later expiration is accepted', () => {
    expect(formatCredentialProcessOutput({ ...base, expiration: new Date(NOW.getTime() + 1000) }, { now })).toContain('"Expiration":"2030-01-01T00:00:01Z"');
  });

  test('an Expiration that would print as already past (sub-second rounding) is refused', () => {
    // Valid by 700 ms, but printed with whole seconds it reads 00:00:00Z, before "now".
    const at = (ms: number): Date => new Date(Date.UTC(2030, 0, 1, 0, 0, 0, ms));
    const error = failure(() => formatCredentialProcessOutput({ ...base, expiration: at(900) }, { now: () => at(200) }));
    expect(error.code).toBe('INVALID_SECRET');
    expect(error.message).toMatch(/expired at 2030-01-01T00:00:00Z/u);
  });

  test('an expiration after the year 9999 (which botocore and the Go SDK cannot parse) is refused', () => {
    const error = failure(() => formatCredentialProcessOutput({ ...base, expiration: new Date('+010000-01-01T00:00:00Z') }, { now }));
    expect(error.code).toBe('INVALID_SECRET');
    expect(formatCredentialProcessOutput({ ...base, expiration: new Date('9999-12-31T23:59:59Z') }, { now })).toContain('"Expiration":"9999-12-31T23:59:59Z"');
  });
});

describe('validateCredentials', () => {
  test('returns a clean copy with only the contract fields', () => {
    const input = { accessKeyId: KEY, secretAccessKey: SECRET, mfaSerial: 'arn:aws:iam::123456789012:mfa/me', sessionToken: undefined };
    const result = validateCredentials(input);
    expect(result).not.toBe(input);
    expect(result).toEqual({ accessKeyId: KEY, secretAccessKey: SECRET, mfaSerial: 'arn:aws:iam::123456789012:mfa/me' });
    expect('sessionToken' in result).toBe(false);
  });

  test('defaults the source to "the plugin"', () => {
    expect(failure(() => validateCredentials({})).message).toBe('the plugin returned unusable credentials: accessKeyId is missing');
  });
});

describe('toCredentialProcessOutput and toAwsCredentials', () => {
  test('toAwsCredentials drops the MFA fields', () => {
    expect(toAwsCredentials({ accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: TOKEN, accountId: '123456789012', mfaSerial: 's', mfaTotpSeed: 't' })).toEqual({
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      sessionToken: TOKEN,
      accountId: '123456789012',
    });
  });

  test('toCredentialProcessOutput maps names and formats the expiration', () => {
    expect(toCredentialProcessOutput({ accessKeyId: KEY, secretAccessKey: SECRET, expiration: new Date('2030-06-01T12:00:00.5Z') })).toEqual({
      Version: 1,
      AccessKeyId: KEY,
      SecretAccessKey: SECRET,
      Expiration: '2030-06-01T12:00:00Z',
    });
  });

  test('formatExpiration', () => {
    expect(formatExpiration(new Date('2030-01-01T00:00:00.999Z'))).toBe('2030-01-01T00:00:00Z');
    expect(formatExpiration(new Date('2030-01-01T00:00:00Z'))).toBe('2030-01-01T00:00:00Z');
  });
});

describe('fromCredentialProcessOutput', () => {
  test('is the inverse of toCredentialProcessOutput, so a stored document renders byte for byte the same', () => {
    const credentials = validateCredentials(
      { accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: TOKEN, expiration: new Date('2030-01-01T01:00:00Z'), accountId: '123456789012' },
      { now },
    );
    const document = toCredentialProcessOutput(credentials);
    const back = fromCredentialProcessOutput(document);
    expect(back).toEqual(toAwsCredentials(credentials));
    expect(JSON.stringify(toCredentialProcessOutput(validateCredentials(back, { now })))).toBe(JSON.stringify(document));
  });

  test('checks nothing itself: a stored document with a newline in its key is refused by validation', () => {
    const back = fromCredentialProcessOutput({ AccessKeyId: 'ASIABAD\nINJECTED', SecretAccessKey: SECRET });
    expect(failure(() => validateCredentials(back, { now })).code).toBe('INVALID_SECRET');
  });
});
