import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fromIni } from '@aws-sdk/credential-providers';
import { beforeAll, describe, expect, test } from 'vitest';
import { runLauncher, type RunResult } from './helpers/spawn.js';
import { argsKey, CANARY_SECRET, CANARY_TOKEN, GOOD, profileSandbox, writeArgsPlugin } from './profiles-helpers.js';

// After `configure`, the real consumers must resolve the profile: the JS SDK
// v3 (which runs the line through sh), botocore (shlex, no shell) and the AWS
// CLI. The plugin lives at a path with spaces and its access key id encodes
// the exact arguments it received, so any quoting slip changes the key.
const box = profileSandbox();
const ARGS = ['parameter with spaces', "it's", 'plain', '~/creds file.enc'];
let expectedKey: string;
const configureRuns: RunResult[] = [];

beforeAll(async () => {
  const plugin = writeArgsPlugin(box.dir);
  expectedKey = argsKey(['parameter with spaces', "it's", 'plain', `${box.home}/creds file.enc`]);
  writeFileSync(box.configFile, '# shared with other tools\r\n[default]\r\nregion = eu-west-1\r\n');
  writeFileSync(box.credentialsFile, '');
  configureRuns.push(await runLauncher(['configure', '--profile', 'interop', plugin, ...ARGS], { env: box.env }));
  configureRuns.push(await runLauncher(['configure', '--profile', 'default', GOOD, 'AKIADEFAULT0MPLE', '--expires-in', '7200'], { env: box.env }));
  // The SDKs start credential_process with this process's environment.
  process.env.CRED_LAUNCH_CACHE_DIR = box.cacheDir;
  process.env.FIXTURE_SECRET = CANARY_SECRET;
  process.env.FIXTURE_SESSION_TOKEN = CANARY_TOKEN;
}, 30_000);

const sdkOptions = (profile: string) => ({ profile, configFilepath: box.configFile, filepath: box.credentialsFile, ignoreCache: true });
const awsEnv = () => ({ ...process.env, AWS_CONFIG_FILE: box.configFile, AWS_SHARED_CREDENTIALS_FILE: box.credentialsFile, AWS_PROFILE: '' });

test('configure succeeded without printing a secret and kept the CRLF file', () => {
  for (const run of configureRuns) {
    expect(run.code).toBe(0);
    for (const secret of [CANARY_SECRET, CANARY_TOKEN]) expect(run.stdout + run.stderr).not.toContain(secret);
  }
  const text = readFileSync(box.configFile, 'utf8');
  expect(text.startsWith('# shared with other tools\r\n[default]\r\nregion = eu-west-1\r\ncredential_process = ')).toBe(true);
  expect(text.replace(/\r\n/gu, '')).not.toContain('\n');
});

describe('AWS SDK for JavaScript v3 (fromIni)', () => {
  test('resolves the configured profile with the exact arguments', async () => {
    const credentials = await fromIni(sdkOptions('interop'))();
    expect(credentials.accessKeyId).toBe(expectedKey);
    expect(credentials.secretAccessKey).toBe(CANARY_SECRET);
    expect(credentials.sessionToken).toBe(CANARY_TOKEN);
    expect(credentials.expiration?.getTime()).toBeGreaterThan(Date.now());
  }, 30_000);

  test('resolves [default]', async () => {
    const credentials = await fromIni(sdkOptions('default'))();
    expect(credentials.accessKeyId).toBe('AKIADEFAULT0MPLE');
  }, 30_000);
});

const hasBotocore = spawnSync('python3', ['-c', 'import botocore.session'], { stdio: 'ignore' }).status === 0;
const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasBotocore)('botocore', () => {
  const python = `
import json, sys, botocore.session
session = botocore.session.Session(profile=sys.argv[1])
raw = session.get_credentials()
frozen = raw.get_frozen_credentials()
print(json.dumps({"AccessKeyId": frozen.access_key, "SecretAccessKey": frozen.secret_key, "SessionToken": frozen.token, "method": raw.method}))
`;
  test('returns the same keys through custom-process', () => {
    for (const [profile, key] of [
      ['interop', expectedKey],
      ['default', 'AKIADEFAULT0MPLE'],
    ] as const) {
      const output = JSON.parse(execFileSync('python3', ['-c', python, profile], { env: awsEnv(), encoding: 'utf8' })) as Record<string, unknown>;
      expect(output).toMatchObject({ AccessKeyId: key, SecretAccessKey: CANARY_SECRET, method: 'custom-process' });
    }
  }, 60_000);
});

describe.skipIf(!hasAws)('aws configure list', () => {
  test('reports custom-process and the masked access key', () => {
    const output = execFileSync('aws', ['configure', 'list', '--profile', 'interop'], { env: awsEnv(), encoding: 'utf8' });
    expect(output).toMatch(new RegExp(`access_key\\s+\\*{16}${expectedKey.slice(-4)}\\s+custom-process`, 'u'));
  }, 60_000);
});

test('doctor agrees: both profiles healthy', async () => {
  const result = await runLauncher(['doctor', '--json'], { env: box.env, timeoutMs: 60_000 });
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as { profiles: Array<{ profile: string; healthy: boolean; credentials: { accessKeyId: string } }> };
  expect(report.profiles.map((profile) => [profile.profile, profile.healthy])).toEqual([
    ['default', true],
    ['interop', true],
  ]);
  expect(report.profiles[1]?.credentials.accessKeyId).toBe(`****************${expectedKey.slice(-4)}`);
  expect(result.stdout).not.toContain(CANARY_SECRET);
}, 60_000);
