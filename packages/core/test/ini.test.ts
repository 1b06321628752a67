import { describe, expect, test } from 'vitest';
import { credentialsFromIni, isCredentialError, looksLikeIni, parseIni, type CredentialError } from '../src/index.js';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function failure(run: () => unknown): CredentialError {
  try {
    run();
  } catch (error) {
    if (isCredentialError(error)) return error;
    throw error;
  }
  throw new Error('expected a CredentialError');
}

const CREDENTIALS = `# AWS shared credentials
[default]
aws_access_key_id = ${KEY}
aws_secret_access_key = ${SECRET}

; a comment with ; instead of #
[dev]
aws_access_key_id=AKIADEVEXAMPLE
aws_secret_access_key=dev-secret-example
aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE+/token==

[profile prod]
aws_access_key_id = AKIAPRODEXAMPLE
aws_secret_access_key = prod-secret-example
region = eu-west-1
`;

describe('parseIni', () => {
  test('reads sections and keys in file order, skipping comments and blank lines', () => {
    const sections = parseIni(CREDENTIALS);
    expect([...sections.keys()]).toEqual(['default', 'dev', 'profile prod']);
    expect(Object.fromEntries(sections.get('default') ?? [])).toEqual({ aws_access_key_id: KEY, aws_secret_access_key: SECRET });
    expect([...(sections.get('profile prod')?.keys() ?? [])]).toEqual(['aws_access_key_id', 'aws_secret_access_key', 'region']);
  });

  test('keeps "=" inside values (base64 padding)', () => {
    expect(parseIni(CREDENTIALS).get('dev')?.get('aws_session_token')).toBe('IQoJb3JpZ2luX2VjEXAMPLE+/token==');
  });

  test('CRLF line endings leave no carriage return in names or values', () => {
    const sections = parseIni(CREDENTIALS.replace(/\n/gu, '\r\n'));
    expect([...sections.keys()]).toEqual(['default', 'dev', 'profile prod']);
    for (const section of sections.values()) {
      for (const [key, value] of section) {
        expect(key).not.toMatch(/\r/u);
        expect(value).not.toMatch(/\r/u);
      }
    }
  });

  test('a byte order mark before the first header is ignored', () => {
    expect([...parseIni(`\uFEFF${CREDENTIALS}`).keys()]).toEqual(['default', 'dev', 'profile prod']);
  });

  test('key names are case-insensitive (lower-cased), as botocore reads them', () => {
    expect(parseIni('[default]\nAWS_Access_Key_ID = X1234\n').get('default')?.get('aws_access_key_id')).toBe('X1234');
  });

  test('white space in headers is normalised', () => {
    expect([...parseIni('[  profile    prod  ]\nregion = x\n').keys()]).toEqual(['profile prod']);
  });

  test('a nested block (a key with an empty value and indented lines) is skipped', () => {
    const sections = parseIni(`[default]
region = eu-west-1
s3 =
  max_concurrent_requests = 20
  aws_access_key_id = NESTEDKEY
aws_access_key_id = ${KEY}
`);
    expect(Object.fromEntries(sections.get('default') ?? [])).toEqual({ region: 'eu-west-1', s3: '', aws_access_key_id: KEY });
  });

  test('an indented continuation line is not a key of its own', () => {
    const sections = parseIni('[default]\nnote = first line\n    aws_access_key_id = CONTINUATION\n');
    expect(sections.get('default')?.has('aws_access_key_id')).toBe(false);
  });

  test('a uniformly indented file (as a heredoc writes it) is read as botocore and the JS SDK read it', () => {
    const sections = parseIni(`
    [default]
    aws_access_key_id = ${KEY}
    aws_secret_access_key = ${SECRET}
    s3 =
      aws_access_key_id = NESTEDKEY
    region = eu-west-1
`);
    expect(Object.fromEntries(sections.get('default') ?? [])).toEqual({
      aws_access_key_id: KEY,
      aws_secret_access_key: SECRET,
      s3: '',
      region: 'eu-west-1',
    });
  });

  test('keys before the first section and lines without "=" are ignored', () => {
    const sections = parseIni('orphan = 1\n[default]\njust some text\n= no key\nkey = value\n');
    expect([...sections.keys()]).toEqual(['default']);
    expect(Object.fromEntries(sections.get('default') ?? [])).toEqual({ key: 'value' });
  });
});

describe('credentialsFromIni', () => {
  test('selects [default] when no profile is given', () => {
    expect(credentialsFromIni(CREDENTIALS)).toEqual({ accessKeyId: KEY, secretAccessKey: SECRET });
  });

  test('selects [name]', () => {
    expect(credentialsFromIni(CREDENTIALS, { profile: 'dev' })).toEqual({
      accessKeyId: 'AKIADEVEXAMPLE',
      secretAccessKey: 'dev-secret-example',
      sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE+/token==',
    });
  });

  test('selects [profile name] (config-file style)', () => {
    expect(credentialsFromIni(CREDENTIALS, { profile: 'prod' })).toEqual({ accessKeyId: 'AKIAPRODEXAMPLE', secretAccessKey: 'prod-secret-example' });
  });

  test('works on CRLF text with a BOM and comments', () => {
    const text = `\uFEFF# top\r\n[dev]\r\n; keys\r\naws_access_key_id = AKIADEVEXAMPLE\r\naws_secret_access_key = dev-secret-example\r\n`;
    expect(credentialsFromIni(text, { profile: 'dev' })).toEqual({ accessKeyId: 'AKIADEVEXAMPLE', secretAccessKey: 'dev-secret-example' });
  });

  test('ignores credentials inside a nested block', () => {
    const text = `[default]\ns3 =\n  aws_access_key_id = NESTEDKEY\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`;
    expect(credentialsFromIni(text).accessKeyId).toBe(KEY);
  });

  test('a missing profile is NOT_FOUND listing the profile names present', () => {
    const error = failure(() => credentialsFromIni(CREDENTIALS, { profile: 'staging', source: '~/creds.enc' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('profile "staging" not found in ~/creds.enc');
    expect(error.hint).toBe('profiles present: default, dev, prod');
    expect(`${error.message} ${error.hint}`).not.toContain(SECRET);
  });

  test('a file without sections says so', () => {
    const error = failure(() => credentialsFromIni('aws_access_key_id = x\n'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('profile "default" not found in the credentials file');
    expect(error.hint).toBe('the file has no [profile] sections');
  });

  test('a profile without keys is INVALID_SECRET naming the profile, never a value', () => {
    const error = failure(() => credentialsFromIni('[dev]\naws_access_key_id = AKIADEVEXAMPLE\nregion = eu-west-1\n', { profile: 'dev' }));
    expect(error.code).toBe('INVALID_SECRET');
    expect(error.message).toBe('profile "dev" in the credentials file has no secret access key');
    expect(`${error.message} ${error.hint}`).not.toContain('AKIADEVEXAMPLE');
  });

  test('overrides name the keys as written in the file, whatever their case', () => {
    const text = '[ci]\nDeploy_Key = AKIADEPLOYEXAMPLE\nDeploy_Secret = deploy-secret-example\n';
    expect(credentialsFromIni(text, { profile: 'ci', overrides: { accessKeyId: 'Deploy_Key', secretAccessKey: 'deploy_secret' } })).toEqual({
      accessKeyId: 'AKIADEPLOYEXAMPLE',
      secretAccessKey: 'deploy-secret-example',
    });
  });

  test('an override naming a key the profile lacks is INVALID_SECRET', () => {
    const error = failure(() => credentialsFromIni(CREDENTIALS, { overrides: { sessionToken: 'token' } }));
    expect(error.code).toBe('INVALID_SECRET');
    expect(error.message).toContain('has no field "token"');
  });
});

describe('looksLikeIni', () => {
  test('true for INI text', () => {
    expect(looksLikeIni(CREDENTIALS)).toBe(true);
    expect(looksLikeIni('\n\n[default]\naws_access_key_id = x\n')).toBe(true);
    expect(looksLikeIni('[profile dev]\r\nx = 1\r\n')).toBe(true);
  });

  test('false for JSON documents, including arrays', () => {
    const documents = [
      JSON.stringify({ AccessKeyId: KEY, SecretAccessKey: SECRET }),
      JSON.stringify({ AccessKeyId: KEY, SecretAccessKey: SECRET }, null, 2),
      JSON.stringify([{ AccessKeyId: KEY, SecretAccessKey: SECRET }]),
      JSON.stringify([{ AccessKeyId: KEY, SecretAccessKey: SECRET }], null, 2),
      JSON.stringify([[KEY, SECRET]]),
      JSON.stringify(['[default]']),
      '  {"a": "[b]"}',
    ];
    for (const document of documents) expect(looksLikeIni(document), document).toBe(false);
  });

  test('false for text without a section header', () => {
    expect(looksLikeIni('aws_access_key_id = x')).toBe(false);
    expect(looksLikeIni('')).toBe(false);
  });
});

describe('text that is not really INI', () => {
  test("a one-line JSON array's content never appears in the NOT_FOUND hint", () => {
    const text = JSON.stringify([{ AccessKeyId: KEY, SecretAccessKey: SECRET }]);
    const error = failure(() => credentialsFromIni(text));
    expect(error.code).toBe('NOT_FOUND');
    expect(`${error.message} ${error.hint}`).not.toContain(SECRET);
    expect(`${error.message} ${error.hint}`).not.toContain(KEY);
  });
});
