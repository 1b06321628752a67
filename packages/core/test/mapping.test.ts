import { afterEach, describe, expect, test } from 'vitest';
import { COMMON_SPELLINGS, credentialsFromRecord, isCredentialError, parseExpiration, type CredentialError } from '../src/index.js';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN==';

function failure(run: () => unknown): CredentialError {
  try {
    run();
  } catch (error) {
    if (isCredentialError(error)) return error;
    throw error;
  }
  throw new Error('expected a CredentialError');
}

describe('credentialsFromRecord: common spellings', () => {
  const spellings: Array<[string, string, string, string, string]> = [
    // access key id, secret, session token, expiration, account id
    ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration', 'AccountId'],
    ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_credential_expiration', 'aws_account_id'],
    ['access_key_id', 'secret_access_key', 'session_token', 'expiration', 'account_id'],
    ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiresAt', 'accountId'],
    ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'EXPIRES', 'AWS_ACCOUNT_ID'],
    ['access-key-id', 'secret-access-key', 'security-token', 'expires_at', 'account-id'],
    ['access_key', 'secret_key', 'security_token', 'expiry', 'accountId'],
    ['accessKey', 'secretKey', 'aws_security_token', 'expiration_time', 'AccountId'],
    ['aws_access_key', 'aws_secret_key', 'sessionToken', 'Expiration', 'aws_account_id'],
    ['key_id', 'secret_access_key', 'SessionToken', 'expires', 'account_id'],
  ];

  test.each(spellings)('%s / %s / %s / %s / %s', (key, secret, token, expiration, account) => {
    const result = credentialsFromRecord({
      [key]: KEY,
      [secret]: SECRET,
      [token]: TOKEN,
      [expiration]: '2030-01-01T00:00:00Z',
      [account]: '123456789012',
    });
    expect(result).toEqual({
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      sessionToken: TOKEN,
      expiration: new Date('2030-01-01T00:00:00Z'),
      accountId: '123456789012',
    });
  });

  test('every documented spelling is understood', () => {
    for (const spelling of COMMON_SPELLINGS.accessKeyId) {
      expect(credentialsFromRecord({ [spelling]: KEY, SecretAccessKey: SECRET }).accessKeyId).toBe(KEY);
    }
    for (const spelling of COMMON_SPELLINGS.secretAccessKey) {
      expect(credentialsFromRecord({ AccessKeyId: KEY, [spelling]: SECRET }).secretAccessKey).toBe(SECRET);
    }
    for (const spelling of COMMON_SPELLINGS.sessionToken) {
      expect(credentialsFromRecord({ AccessKeyId: KEY, SecretAccessKey: SECRET, [spelling]: TOKEN }).sessionToken).toBe(TOKEN);
    }
    for (const spelling of COMMON_SPELLINGS.expiration) {
      const result = credentialsFromRecord({ AccessKeyId: KEY, SecretAccessKey: SECRET, [spelling]: '2030-01-01T00:00:00Z' });
      expect(result.expiration?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    }
    for (const spelling of COMMON_SPELLINGS.accountId) {
      expect(credentialsFromRecord({ AccessKeyId: KEY, SecretAccessKey: SECRET, [spelling]: '123456789012' }).accountId).toBe('123456789012');
    }
    for (const spelling of COMMON_SPELLINGS.mfaSerial) {
      expect(credentialsFromRecord({ AccessKeyId: KEY, SecretAccessKey: SECRET, [spelling]: 'arn:aws:iam::123456789012:mfa/me' }).mfaSerial).toBe(
        'arn:aws:iam::123456789012:mfa/me',
      );
    }
    for (const spelling of COMMON_SPELLINGS.mfaTotpSeed) {
      expect(credentialsFromRecord({ AccessKeyId: KEY, SecretAccessKey: SECRET, [spelling]: 'JBSWY3DPEHPK3PXP' }).mfaTotpSeed).toBe('JBSWY3DPEHPK3PXP');
    }
  });

  test('reads credential_process JSON itself (Version is ignored)', () => {
    const document = { Version: 1, AccessKeyId: KEY, SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: '2030-01-01T00:00:00Z' };
    expect(credentialsFromRecord(document)).toEqual({
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      sessionToken: TOKEN,
      expiration: new Date('2030-01-01T00:00:00Z'),
    });
  });

  test('trims values and leaves optional fields out when empty', () => {
    const result = credentialsFromRecord({ AccessKeyId: `  ${KEY}\n`, SecretAccessKey: `${SECRET}\r`, SessionToken: '', Expiration: '', AccountId: '  ' });
    expect(result).toEqual({ accessKeyId: KEY, secretAccessKey: SECRET });
    expect(Object.keys(result)).toEqual(['accessKeyId', 'secretAccessKey']);
  });

  test('a numeric account id is read as text', () => {
    expect(credentialsFromRecord({ AccessKeyId: KEY, SecretAccessKey: SECRET, AccountId: 123456789012 }).accountId).toBe('123456789012');
  });

  test('unrelated fields are ignored', () => {
    const result = credentialsFromRecord({ username: 'ci', password: 'hunter2', AccessKeyId: KEY, SecretAccessKey: SECRET, region: 'eu-west-1' });
    expect(result).toEqual({ accessKeyId: KEY, secretAccessKey: SECRET });
  });
});

describe('credentialsFromRecord: overrides', () => {
  const record = { deploy_key: 'AKIADEPLOYEXAMPLE', deploy_secret: 'deploy-secret-value', AccessKeyId: KEY, SecretAccessKey: SECRET, tok: TOKEN };

  test('override names win over the common spellings', () => {
    const result = credentialsFromRecord(record, { overrides: { accessKeyId: 'deploy_key', secretAccessKey: 'deploy_secret', sessionToken: 'tok' } });
    expect(result).toEqual({ accessKeyId: 'AKIADEPLOYEXAMPLE', secretAccessKey: 'deploy-secret-value', sessionToken: TOKEN });
  });

  test('fields without an override still use the common spellings', () => {
    const result = credentialsFromRecord(record, { overrides: { secretAccessKey: 'deploy_secret' } });
    expect(result.accessKeyId).toBe(KEY);
    expect(result.secretAccessKey).toBe('deploy-secret-value');
  });

  test('an override is matched exactly, not by spelling', () => {
    const error = failure(() => credentialsFromRecord(record, { overrides: { accessKeyId: 'DEPLOY_KEY' } }));
    expect(error.code).toBe('INVALID_SECRET');
  });

  test.each(['accessKeyId', 'sessionToken', 'expiration'] as const)('a missing override field (%s) is INVALID_SECRET naming it, never a value', (field) => {
    const error = failure(() => credentialsFromRecord(record, { source: 'secret "ci/deployer"', overrides: { [field]: 'no_such_field' } }));
    expect(error.code).toBe('INVALID_SECRET');
    expect(error.message).toBe(`secret "ci/deployer" has no field "no_such_field" (asked for as ${field})`);
    expect(error.hint).toBe('fields present: deploy_key, deploy_secret, AccessKeyId, SecretAccessKey, tok');
    for (const value of Object.values(record)) {
      expect(`${error.message} ${error.hint}`).not.toContain(value);
    }
  });

  test('an override naming an inherited property (not a field of the record) is a missing field', () => {
    const error = failure(() => credentialsFromRecord(record, { overrides: { sessionToken: 'constructor' } }));
    expect(error.message).toContain('has no field "constructor"');
  });
});

describe('credentialsFromRecord: missing keys', () => {
  const present = { aws_access_key_id: KEY, password: 'hunter2-canary-value', note: 'rotate monthly canary' };

  test('a missing secret access key is INVALID_SECRET naming the expected spellings and the fields present', () => {
    const error = failure(() => credentialsFromRecord(present, { source: 'item "AWS dev"' }));
    expect(error.code).toBe('INVALID_SECRET');
    expect(error.message).toBe('item "AWS dev" has no secret access key');
    expect(error.hint).toContain('SecretAccessKey, aws_secret_access_key');
    expect(error.hint).toContain('fields present: aws_access_key_id, password, note');
  });

  test('a missing access key id is INVALID_SECRET', () => {
    const error = failure(() => credentialsFromRecord({ SecretAccessKey: SECRET, token: 'canary-token-value' }));
    expect(error.code).toBe('INVALID_SECRET');
    expect(error.message).toBe('the secret has no access key id');
  });

  test('neither message nor hint ever contains a value from the record', () => {
    const records: Array<Record<string, unknown>> = [
      present,
      { SecretAccessKey: SECRET, SessionToken: TOKEN },
      { AccessKeyId: KEY, SecretAccessKey: '   ', SessionToken: TOKEN },
      { AccessKeyId: '', SecretAccessKey: SECRET },
      { AccessKeyId: { nested: KEY }, SecretAccessKey: SECRET },
      {},
    ];
    for (const record of records) {
      const error = failure(() => credentialsFromRecord(record));
      expect(error.code).toBe('INVALID_SECRET');
      const printed = `${error.message}\n${error.hint ?? ''}`;
      for (const value of [KEY, SECRET, TOKEN, 'hunter2-canary-value', 'rotate monthly canary']) expect(printed).not.toContain(value);
    }
  });

  test('an empty record says there are no fields', () => {
    expect(failure(() => credentialsFromRecord({})).hint).toContain('fields present: none');
  });

  test('a non-string key value (object, boolean) counts as missing', () => {
    expect(failure(() => credentialsFromRecord({ AccessKeyId: true, SecretAccessKey: SECRET })).code).toBe('INVALID_SECRET');
    expect(failure(() => credentialsFromRecord({ AccessKeyId: KEY, SecretAccessKey: [SECRET] })).code).toBe('INVALID_SECRET');
  });
});

describe('parseExpiration', () => {
  const ISO = '2030-01-01T00:00:00.000Z';
  const SECONDS = Date.UTC(2030, 0, 1) / 1000;

  test('ISO-8601 with Z, an offset, or fractional seconds', () => {
    expect(parseExpiration('2030-01-01T00:00:00Z')?.toISOString()).toBe(ISO);
    expect(parseExpiration('2030-01-01T01:00:00+01:00')?.toISOString()).toBe(ISO);
    expect(parseExpiration('2029-12-31T19:00:00-0500')?.toISOString()).toBe(ISO);
    expect(parseExpiration('2030-01-01T00:00:00.000000Z')?.toISOString()).toBe(ISO);
    expect(parseExpiration(' 2030-01-01T00:00:00Z\n')?.toISOString()).toBe(ISO);
  });

  test('epoch seconds and epoch milliseconds, as numbers or digit strings', () => {
    expect(parseExpiration(SECONDS)?.toISOString()).toBe(ISO);
    expect(parseExpiration(String(SECONDS))?.toISOString()).toBe(ISO);
    expect(parseExpiration(SECONDS * 1000)?.toISOString()).toBe(ISO);
    expect(parseExpiration(String(SECONDS * 1000))?.toISOString()).toBe(ISO);
  });

  test('a Date is returned as is', () => {
    const date = new Date(ISO);
    expect(parseExpiration(date)).toBe(date);
  });

  test('empty values mean "no expiration"', () => {
    expect(parseExpiration(undefined)).toBeUndefined();
    expect(parseExpiration(null)).toBeUndefined();
    expect(parseExpiration('')).toBeUndefined();
  });

  test.each(['not-a-date', 'tomorrow', '2030-13-45T00:00:00Z', 'abc 2030', 'expires in 12', '31/12/2030', 'NaN'])(
    'garbage %j is INVALID_SECRET without echoing the value',
    (garbage) => {
      const error = failure(() => parseExpiration(garbage, 'secret "x"'));
      expect(error.code).toBe('INVALID_SECRET');
      expect(error.message).toBe('secret "x" has an expiration that is not a date');
      expect(error.message).not.toContain(garbage);
      expect(error.hint).toContain('ISO-8601');
    },
  );

  test.each([[Number.NaN], [Number.POSITIVE_INFINITY], [true], [{}], [[2030]], [new Date(Number.NaN)]])('non-dates (%s) are INVALID_SECRET', (value) => {
    expect(failure(() => parseExpiration(value)).code).toBe('INVALID_SECRET');
  });

  describe('in a time zone other than UTC', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    test('an ISO date-time without a zone is UTC (as AWS writes it), not local time', () => {
      process.env.TZ = 'America/New_York';
      // Proves the zone change took effect in this process.
      expect(new Date(2030, 0, 1).getTimezoneOffset()).toBe(300);
      expect(parseExpiration('2030-01-01T00:00:00')?.toISOString()).toBe(ISO);
      expect(parseExpiration('2030-01-01 00:00:00')?.toISOString()).toBe(ISO);
      expect(parseExpiration('2030-01-01T00:00:00.123456')?.toISOString()).toBe('2030-01-01T00:00:00.123Z');
      expect(parseExpiration('2030-01-01T00:00:00Z')?.toISOString()).toBe(ISO);
    });
  });

  test('garbage in a record is INVALID_SECRET from credentialsFromRecord too', () => {
    const error = failure(() => credentialsFromRecord({ AccessKeyId: KEY, SecretAccessKey: SECRET, Expiration: 'soon' }, { source: 'secret "y"' }));
    expect(error.code).toBe('INVALID_SECRET');
    expect(error.message).toBe('secret "y" has an expiration that is not a date');
  });
});

describe('hints never echo a value mis-parsed as a field name', () => {
  test('only identifier-like names are listed', () => {
    const tokenLike = 'hvs.CAESIAbc123def456ghi789jkl012mno345';
    let message = '';
    try {
      credentialsFromRecord({ user: 'x', [tokenLike]: '', note: 'y' });
    } catch (error) {
      message = `${(error as Error).message} ${(error as { hint?: string }).hint ?? ''}`;
    }
    expect(message).toContain('fields present: user, note, 1 other not shown');
    expect(message).not.toContain(tokenLike);
  });
});
