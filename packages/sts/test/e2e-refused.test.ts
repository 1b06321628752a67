import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSts, startAwsTestServer, type AwsTestServer, type StsCredentialsElement, type TestKeyPair } from '@cred-launch/aws-test-server';
import { ROLE, USER } from './helpers.js';

// The built launcher, as the AWS CLI and SDKs run it, in front of a local STS
// (the aws-test-server's, not AWS) whose test hook plays a broken endpoint:
// its answer has an AccessKeyId with a newline (`ASIABAD&#10;INJECTED` in the
// XML) and an Expiration in 2001. Core must refuse it before stdout.
const BIN = createRequire(import.meta.url)
  .resolve('cred-launch/package.json')
  .replace(/package\.json$/u, 'bin/cred-launch.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

function run(args: string[], env: Record<string, string>, timeoutMs = 20_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}

let server: AwsTestServer;
let work: string;
let plugin: string;
let tamper: (credentials: Readonly<StsCredentialsElement>) => StsCredentialsElement = (credentials) => ({ ...credentials });
const issuedSecrets: string[] = [];

beforeAll(async () => {
  const keys: TestKeyPair[] = [{ ...USER }];
  const sts = createSts({
    keys,
    roles: [{ arn: ROLE, trustedKeyIds: [USER.accessKeyId] }],
    tamperCredentials: (credentials) => {
      issuedSecrets.push(credentials.SecretAccessKey, credentials.SessionToken);
      return tamper(credentials);
    },
  });
  server = await startAwsTestServer({ keys, services: [sts] });
  work = mkdtempSync(join(tmpdir(), 'cred-launch-sts-refused-'));
  // A plugin that hands out the IAM user's long-term keys (a fixture, by path).
  plugin = join(work, 'long-term-keys.mjs');
  writeFileSync(
    plugin,
    `export default { contractVersion: 1, name: 'long-term-keys', description: 'fixture: fixed long-term keys', usage: 'long-term-keys.mjs',
      parseArgs: () => ({}),
      getCredentials: async () => ({ accessKeyId: ${JSON.stringify(USER.accessKeyId)}, secretAccessKey: ${JSON.stringify(USER.secretAccessKey)} }) };\n`,
  );
});
afterAll(async () => {
  await server?.close();
});

function envFor(cacheDir: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, CRED_LAUNCH_CACHE_DIR: cacheDir, AWS_ENDPOINT_URL_STS: server.url, AWS_REGION: 'eu-west-1' };
}

describe('an STS answer is validated by core like any other, through the built bin', () => {
  test('AccessKeyId with a newline and Expiration in 2001: refused with BACKEND (69), nothing on stdout, nothing cached', async () => {
    tamper = (credentials) => ({ ...credentials, AccessKeyId: 'ASIABAD\nINJECTED', Expiration: '2001-01-01T00:00:00Z' });
    const cacheDir = join(work, 'cache-bad-key');
    const before = server.requests.length;
    const result = await run(['--assume-role', ROLE, plugin], envFor(cacheDir));
    expect(server.requests.length).toBe(before + 1); // STS really answered
    expect(server.requests.at(-1)).toMatchObject({ operation: 'AssumeRole', verified: true });
    expect(result.stdout).toBe('');
    expect(result.code).toBe(69);
    expect(result.stderr).toMatch(/^cred-launch: STS returned unusable credentials: accessKeyId contains white space or control characters\n {2}hint: .*AWS_ENDPOINT_URL_STS/u);
    expect(result.stderr).not.toContain('INJECTED');
    for (const secret of [USER.secretAccessKey, ...issuedSecrets]) expect(result.stderr).not.toContain(secret);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.endsWith('.json') && !name.startsWith('state-')) : []).toEqual([]);
  });

  test('a well-formed key with an Expiration in 2001 is refused too, also with --no-cache', async () => {
    tamper = (credentials) => ({ ...credentials, Expiration: '2001-01-01T00:00:00Z' });
    for (const extra of [[], ['--no-cache']]) {
      const result = await run([...extra, '--session', plugin], envFor(join(work, `cache-expired${extra.length}`)));
      expect(result.stdout).toBe('');
      expect(result.code).toBe(69);
      expect(result.stderr).toMatch(/^cred-launch: STS returned credentials that expired at 2001-01-01T00:00:00Z\n/u);
    }
  });

  test('the same endpoint, untampered, is served (the refusal above is about the answer, not the set-up)', async () => {
    tamper = (credentials) => ({ ...credentials });
    const result = await run(['--assume-role', ROLE, plugin], envFor(join(work, 'cache-good')));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(document.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/u);
    expect(Date.parse(String(document.Expiration))).toBeGreaterThan(Date.now());
  });
});
