import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-providers';
import { beforeAll, describe, expect, test } from 'vitest';
import { BIN, FIXTURES, tempDir } from './helpers/spawn.js';

// The judges are the real consumers: the JS SDK v3 and botocore read our
// stdout through credential_process exactly as they would in production.
const dir = tempDir();
const configFile = join(dir, 'config');
const credentialsFile = join(dir, 'credentials');
const good = join(FIXTURES, 'good.mjs');

beforeAll(() => {
  writeFileSync(
    configFile,
    [
      '[profile temporary]',
      `credential_process = ${process.execPath} ${BIN} ${good} ASIAINTEROP --expires-in 7200`,
      '',
      '[profile longterm]',
      `credential_process = ${process.execPath} ${BIN} ${good} AKIALONGTERM`,
      '',
      '[profile broken]',
      `credential_process = ${process.execPath} ${BIN} ${join(FIXTURES, 'invalid-output.mjs')} expired`,
      '',
    ].join('\n'),
  );
  writeFileSync(credentialsFile, '');
  process.env.CRED_LAUNCH_CACHE_DIR = join(dir, 'cache');
  process.env.FIXTURE_SESSION_TOKEN = 'interop-session-token';
  process.env.FIXTURE_SECRET = 'interop-secret-access-key';
  process.env.FIXTURE_CANARY = 'interop-canary-secret';
});

describe('AWS SDK for JavaScript v3 (fromIni → credential_process)', () => {
  test('temporary credentials with session token and expiration', async () => {
    const credentials = await fromIni({ profile: 'temporary', configFilepath: configFile, filepath: credentialsFile, ignoreCache: true })();
    expect(credentials.accessKeyId).toBe('ASIAINTEROP');
    expect(credentials.secretAccessKey).toBe('interop-secret-access-key');
    expect(credentials.sessionToken).toBe('interop-session-token');
    expect(credentials.expiration?.getTime()).toBeGreaterThan(Date.now() + 7000_000);
  });

  test('long-term credentials', async () => {
    const credentials = await fromIni({ profile: 'longterm', configFilepath: configFile, filepath: credentialsFile, ignoreCache: true })();
    expect(credentials.accessKeyId).toBe('AKIALONGTERM');
    expect(credentials.expiration).toBeUndefined();
  });

  test('a failing cred-launch makes the SDK fail, without the secret in the error', async () => {
    const attempt = fromIni({ profile: 'broken', configFilepath: configFile, filepath: credentialsFile, ignoreCache: true })();
    await expect(attempt).rejects.toThrow();
    const error: unknown = await attempt.catch((caught: unknown) => caught);
    expect(String((error as Error).message)).not.toContain('interop-canary-secret');
  });
});

const hasBotocore = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasBotocore)('botocore (the AWS CLI v1 and boto3 credential chain)', () => {
  const python = `
import json, sys, botocore.session
session = botocore.session.Session(profile=sys.argv[1])
credentials = session.get_credentials().get_frozen_credentials()
raw = session.get_credentials()
print(json.dumps({"AccessKeyId": credentials.access_key, "SecretAccessKey": credentials.secret_key, "SessionToken": credentials.token, "method": raw.method, "refreshing": hasattr(raw, "refresh_needed")}))
`;
  const env = () => ({ ...process.env, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile });

  test('resolves the temporary profile to the same keys', () => {
    const output = JSON.parse(execFileSync('python3', ['-c', python, 'temporary'], { env: env(), encoding: 'utf8' })) as Record<string, unknown>;
    expect(output).toEqual({
      AccessKeyId: 'ASIAINTEROP',
      SecretAccessKey: 'interop-secret-access-key',
      SessionToken: 'interop-session-token',
      method: 'custom-process',
      refreshing: true,
    });
  });

  test('resolves the long-term profile', () => {
    const output = JSON.parse(execFileSync('python3', ['-c', python, 'longterm'], { env: env(), encoding: 'utf8' })) as Record<string, unknown>;
    expect(output.AccessKeyId).toBe('AKIALONGTERM');
    expect(output.method).toBe('custom-process');
    // Without an Expiration botocore treats them as long-term: no refreshing wrapper.
    expect(output.refreshing).toBe(false);
  });

  test('reports a failure without leaking the secret', () => {
    const result = spawnSync('python3', ['-c', python, 'broken'], { env: env(), encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('expired');
    expect(result.stderr).not.toContain('interop-canary-secret');
  });
});
