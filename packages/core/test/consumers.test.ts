/**
 * Our output, read by the real consumers: the AWS SDK for JavaScript v3
 * (@aws-sdk/credential-provider-process, installed at the repo root) and
 * botocore when python3 has it. Also checks that credentialsFromIni reads a
 * tricky credentials file the way both SDKs do.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { credentialsFromIni, formatCredentialProcessOutput, type SourceCredentials } from '../src/index.js';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE+/TOKEN==';

// One hour ahead, on a whole second with a millisecond part to drop.
const EXPIRATION = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000 + 678);
const EXPIRATION_PRINTED = new Date(EXPIRATION.getTime() - 678);

const SCENARIOS: Record<string, SourceCredentials> = {
  temporary: { accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: TOKEN, expiration: EXPIRATION, accountId: '123456789012' },
  longTerm: { accessKeyId: KEY, secretAccessKey: SECRET },
};

const dir = mkdtempSync(join(tmpdir(), 'cred-launch-core-consumers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes our output for a scenario and a config file whose credential_process prints it. */
function writeProfile(name: string): { configFile: string; outputFile: string } {
  const outputFile = join(dir, `${name}.json`);
  writeFileSync(outputFile, formatCredentialProcessOutput(SCENARIOS[name]));
  const configFile = join(dir, `${name}.config`);
  writeFileSync(configFile, `[profile ${name}]\ncredential_process = cat ${outputFile}\n`);
  return { configFile, outputFile };
}

function resolveProcessProvider(): string {
  const providers = createRequire(import.meta.url).resolve('@aws-sdk/credential-providers');
  // …/credential-provider-process/dist-cjs/index.js → the package directory.
  return dirname(dirname(createRequire(providers).resolve('@aws-sdk/credential-provider-process')));
}

describe('the AWS SDK for JavaScript v3 accepts our output', () => {
  test.each(Object.keys(SCENARIOS))('getValidatedProcessCredentials: %s', async (name) => {
    const file = join(resolveProcessProvider(), 'dist-es', 'getValidatedProcessCredentials.js');
    const { getValidatedProcessCredentials } = (await import(pathToFileURL(file).href)) as {
      getValidatedProcessCredentials: (profile: string, data: unknown, profiles: object) => Record<string, unknown>;
    };
    const data = JSON.parse(formatCredentialProcessOutput(SCENARIOS[name])) as unknown;
    const credentials = getValidatedProcessCredentials(name, data, {});
    expect(credentials.accessKeyId).toBe(KEY);
    expect(credentials.secretAccessKey).toBe(SECRET);
    if (name === 'temporary') {
      expect(credentials.sessionToken).toBe(TOKEN);
      expect(credentials.expiration).toEqual(EXPIRATION_PRINTED);
      expect(credentials.accountId).toBe('123456789012');
    } else {
      expect(credentials.sessionToken).toBeUndefined();
      expect(credentials.expiration).toBeUndefined();
    }
  });

  test('getValidatedProcessCredentials is the real validator (it rejects what core refuses to print)', async () => {
    const file = join(resolveProcessProvider(), 'dist-es', 'getValidatedProcessCredentials.js');
    const { getValidatedProcessCredentials } = (await import(pathToFileURL(file).href)) as {
      getValidatedProcessCredentials: (profile: string, data: unknown, profiles: object) => unknown;
    };
    expect(() => getValidatedProcessCredentials('p', { Version: 1, AccessKeyId: KEY, SecretAccessKey: SECRET, Expiration: '2001-01-01T00:00:00Z' }, {})).toThrow(/expired/u);
    expect(() => getValidatedProcessCredentials('p', { Version: 2, AccessKeyId: KEY, SecretAccessKey: SECRET }, {})).toThrow(/Version 1/u);
  });

  test.each(Object.keys(SCENARIOS))('fromProcess runs credential_process from a temp config: %s', async (name) => {
    const { fromProcess } = await import('@aws-sdk/credential-providers');
    const { configFile } = writeProfile(name);
    const credentials = await fromProcess({ profile: name, configFilepath: configFile, filepath: join(dir, 'no-credentials-file'), ignoreCache: true })();
    expect(credentials.accessKeyId).toBe(KEY);
    expect(credentials.secretAccessKey).toBe(SECRET);
    expect(credentials.sessionToken).toBe(name === 'temporary' ? TOKEN : undefined);
    expect(credentials.expiration).toEqual(name === 'temporary' ? EXPIRATION_PRINTED : undefined);
  });
});

const BOTOCORE_SCRIPT = `
import json, sys
import botocore.session
out = []
for case in json.loads(sys.argv[1]):
    session = botocore.session.Session(profile=case['profile'])
    session.set_config_variable('config_file', case['config'])
    session.set_config_variable('credentials_file', case['credentials'])
    creds = session.get_credentials()
    frozen = creds.get_frozen_credentials()
    expiry = getattr(creds, '_expiry_time', None)
    out.append({'method': creds.method, 'access_key': frozen.access_key, 'secret_key': frozen.secret_key,
                'token': frozen.token, 'account_id': frozen.account_id,
                'expiry': expiry.isoformat() if expiry else None})
print(json.dumps(out))
`;

// Everything that could give botocore credentials from elsewhere is removed.
function botocoreEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, AWS_EC2_METADATA_DISABLED: 'true' };
  return env;
}

const hasBotocore = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;

function runBotocore(cases: Array<{ profile: string; config: string; credentials: string }>): Array<Record<string, unknown>> {
  const result = spawnSync('python3', ['-c', BOTOCORE_SCRIPT, JSON.stringify(cases)], { env: botocoreEnv(), encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`botocore failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Array<Record<string, unknown>>;
}

describe.skipIf(!hasBotocore)('botocore accepts our output (python3 with botocore)', () => {
  let results: Array<Record<string, unknown>> = [];
  beforeAll(() => {
    results = runBotocore(Object.keys(SCENARIOS).map((name) => ({ profile: name, config: writeProfile(name).configFile, credentials: join(dir, 'no-credentials-file') })));
  });

  test('temporary credentials with session token, expiration and account id', () => {
    expect(results[0]).toEqual({
      method: 'custom-process',
      access_key: KEY,
      secret_key: SECRET,
      token: TOKEN,
      account_id: '123456789012',
      expiry: EXPIRATION_PRINTED.toISOString().replace('.000Z', '+00:00'),
    });
  });

  test('long-term keys', () => {
    expect(results[1]).toEqual({ method: 'custom-process', access_key: KEY, secret_key: SECRET, token: null, account_id: null, expiry: null });
  });
});

// Credentials files with the awkward parts both SDKs read alike: comments, a
// nested block, "=" in a value, uniform indentation (as a heredoc writes it),
// CRLF. (Mixed indentation is left out: there the SDKs disagree with each other.)
const CLASSIC = [
  '# written by a provisioning script',
  '[default]',
  'aws_access_key_id = AKIADEFAULTEXAMPLE',
  's3 =',
  '  aws_access_key_id = AKIANESTEDEXAMPLE',
  '  max_concurrent_requests = 20',
  'aws_secret_access_key = default-secret-example',
  '',
  '; another comment',
  '[dev]',
  'aws_access_key_id=AKIADEVEXAMPLE',
  'aws_secret_access_key=dev/secret+example',
  'aws_session_token=dev-token-example==',
  '',
];
const INDENTED = [
  '    # indented, as a heredoc in a script writes it',
  '    [default]',
  '    aws_access_key_id = AKIADEFAULTEXAMPLE',
  '    aws_secret_access_key = default-secret-example',
  '',
  '    [dev]',
  '    aws_access_key_id = AKIADEVEXAMPLE',
  '    aws_secret_access_key = dev/secret+example',
  '    aws_session_token = dev-token-example==',
  '    s3 =',
  '      aws_access_key_id = AKIANESTEDEXAMPLE',
  '',
];

describe('credentialsFromIni reads a credentials file as the SDKs do', () => {
  const variants: Record<string, string> = {
    classic: CLASSIC.join('\n'),
    'classic-crlf': CLASSIC.join('\r\n'),
    indented: INDENTED.join('\n'),
    'indented-crlf': INDENTED.join('\r\n'),
  };
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(variants)) {
    files[name] = join(dir, `credentials-${name}`);
    writeFileSync(files[name], text);
  }
  const cases = Object.keys(variants).flatMap((variant) => ['default', 'dev'].map((profile) => ({ variant, profile })));
  const expected = {
    default: { accessKeyId: 'AKIADEFAULTEXAMPLE', secretAccessKey: 'default-secret-example' },
    dev: { accessKeyId: 'AKIADEVEXAMPLE', secretAccessKey: 'dev/secret+example', sessionToken: 'dev-token-example==' },
  } as const;

  test.each(cases)('the JavaScript SDK (fromIni) agrees: $variant [$profile]', async ({ variant, profile }) => {
    const { fromIni } = await import('@aws-sdk/credential-providers');
    const sdk = await fromIni({ profile, filepath: files[variant], configFilepath: join(dir, 'no-config-file'), ignoreCache: true })();
    const ours = credentialsFromIni(variants[variant] ?? '', { profile });
    expect(ours).toEqual(expected[profile as keyof typeof expected]);
    expect(ours).toEqual({
      accessKeyId: sdk.accessKeyId,
      secretAccessKey: sdk.secretAccessKey,
      ...(sdk.sessionToken === undefined ? {} : { sessionToken: sdk.sessionToken }),
    });
  });

  test.skipIf(!hasBotocore)('botocore agrees', () => {
    const results = runBotocore(cases.map(({ variant, profile }) => ({ profile, config: join(dir, 'no-config-file'), credentials: files[variant] ?? '' })));
    cases.forEach(({ variant, profile }, index) => {
      const ours = credentialsFromIni(variants[variant] ?? '', { profile });
      expect(results[index], `${variant} [${profile}]`).toMatchObject({
        access_key: ours.accessKeyId,
        secret_key: ours.secretAccessKey,
        token: ours.sessionToken ?? null,
      });
    });
  });
});
