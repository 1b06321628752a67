/**
 * End to end through the built `cred-launch` bin (packages/launcher), as the
 * AWS SDKs run it from `credential_process`, against the local Secrets
 * Manager test server (not AWS). Every run gets a temporary cache directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCredentialProcess, resolveLauncherBin } from '@cred-launch/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALICE, BOB, CANARY, READER_ROLE, STORED, startBackend, type Backend } from './helpers.js';

const bin = resolveLauncherBin({ from: import.meta.url });
const pluginDir = new URL('..', import.meta.url).pathname;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs a command in its own process group with a clean environment, and kills
 * the whole group on timeout: a credential_process loop must not outlive the test.
 */
function runBounded(command: string[], env: Record<string, string | undefined>, timeoutMs = 20_000): Promise<Result> {
  return new Promise((resolve, reject) => {
    const clean: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work };
    for (const [name, value] of Object.entries(env)) if (value !== undefined) clean[name] = value;
    const child = spawn(command[0]!, command.slice(1), { env: clean, cwd: pluginDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

let backend: Backend;
let work: string;
let counter: string;
let countFile: string;

beforeAll(async () => {
  expect(existsSync(bin), `build the launcher first: pnpm --filter cred-launch build (${bin})`).toBe(true);
  backend = await startBackend();
  work = mkdtempSync(join(tmpdir(), 'cred-launch-sm-e2e-'));
  // Every Node process started below (NODE_OPTIONS is inherited) records its
  // pid, and refuses to start past a handful: a loop cannot become a fork bomb.
  counter = join(work, 'count.cjs');
  writeFileSync(
    counter,
    `const fs = require('fs'); const file = process.env.SM_E2E_COUNT_FILE;
     if (file) { fs.appendFileSync(file, process.pid + '\\n'); if (fs.readFileSync(file, 'utf8').trim().split('\\n').length > 6) process.exit(99); }`,
  );
});
afterAll(async () => {
  await backend.close();
  rmSync(work, { recursive: true, force: true });
});

let runs = 0;
/** A fresh cache dir and process counter per run unless a cache dir is given. */
function launch(args: string[], env: Record<string, string | undefined>, cacheDir?: string): Promise<Result> {
  runs += 1;
  countFile = join(work, `count-${runs}.txt`);
  return runBounded([process.execPath, bin, ...args], {
    CRED_LAUNCH_CACHE_DIR: cacheDir ?? mkdtempSync(join(work, 'cache-')),
    NODE_OPTIONS: `--require ${counter}`,
    SM_E2E_COUNT_FILE: countFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...env,
  });
}
const nodeProcesses = (): number => (existsSync(countFile) ? readFileSync(countFile, 'utf8').trim().split('\n').length : 0);

describe('cred-launch secrets-manager (built bin)', () => {
  test('prints one credential_process document; stderr stays empty (no SDK warning)', async () => {
    const result = await launch(['secrets-manager', 'ci/pascal'], backend.env());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({ Version: 1, AccessKeyId: STORED.accessKeyId, SecretAccessKey: CANARY });
    expect(backend.server.requests.at(-1)).toMatchObject({ accessKeyId: ALICE.accessKeyId, verified: true });
  });

  test('a role profile: STS AssumeRole then GetSecretValue; the nested STS client is quiet too', async () => {
    const configFile = join(work, 'role-config');
    writeFileSync(configFile, `[profile reader]\nrole_arn = ${READER_ROLE}\nsource_profile = bob\nregion = us-east-1\n`);
    const before = backend.server.requests.length;
    const result = await launch(['secrets-manager', 'ci/pascal', '--source-profile', 'reader'], backend.env({ AWS_CONFIG_FILE: configFile }));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(backend.server.requests.slice(before).map((request) => request.operation)).toEqual(['AssumeRole', 'GetSecretValue']);
  });

  test('a second run is a cache hit; another AWS_CONFIG_FILE (cacheEnv) is a miss', async () => {
    const cacheDir = mkdtempSync(join(work, 'shared-cache-'));
    const before = backend.server.requests.length;
    // Long-term keys have no Expiration: the launcher caches them only with --cache-ttl.
    const args = ['--cache-ttl', '15m', 'secrets-manager', 'ci/pascal'];
    expect((await launch(args, backend.env(), cacheDir)).code).toBe(0);
    expect((await launch(args, backend.env(), cacheDir)).code).toBe(0);
    expect(backend.server.requests.length - before).toBe(1);
    const otherConfig = join(work, 'other-config');
    writeFileSync(otherConfig, '');
    expect((await launch(args, backend.env({ AWS_CONFIG_FILE: otherConfig }), cacheDir)).code).toBe(0);
    expect(backend.server.requests.length - before).toBe(2);
  });

  test.each([
    [['no/such/secret'], 66, /secret "no\/such\/secret" not found in us-east-1/u],
    [['ci/not-json'], 65, /is neither a JSON object nor an AWS credentials INI text/u],
    [['ci/bob-only'], 77, /access denied reading secret "ci\/bob-only"/u],
    [['ci/kms'], 77, /could not decrypt/u],
    [['ci/pascal', '--version-stage'], 64, /secrets-manager: Option '--version-stage <value>' argument missing/u],
  ])('%j exits %i with a short message on stderr and nothing on stdout', async (args, code, pattern) => {
    const result = await launch(['secrets-manager', ...args], backend.env());
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toContain(CANARY);
    expect(result.stderr).not.toContain('NodeVersionSupportWarning');
  });
});

describe('as credential_process of an AWS profile', () => {
  function writeProfiles(name: string, credentialProcess: string): { configFile: string; credentialsFile: string } {
    const configFile = join(work, `${name}-config`);
    const credentialsFile = join(work, `${name}-credentials`);
    writeFileSync(configFile, `[profile ${name}]\ncredential_process = ${credentialProcess}\nregion = us-east-1\n\n[profile bob]\nregion = us-east-1\n`);
    writeFileSync(credentialsFile, `[bob]\naws_access_key_id = ${BOB.accessKeyId}\naws_secret_access_key = ${BOB.secretAccessKey}\n`);
    return { configFile, credentialsFile };
  }
  const consumerEnv = (files: { configFile: string; credentialsFile: string }, profile: string) => ({
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_PROFILE: profile,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: backend.server.url,
  });

  test('the AWS SDK for JavaScript (fromIni) gets the stored keys; Bob (--source-profile) called Secrets Manager', async () => {
    const files = writeProfiles('deployer', formatCredentialProcess([process.execPath, bin, 'secrets-manager', 'ci/pascal', '--source-profile', 'bob']));
    const script = `const { fromIni } = await import('@aws-sdk/credential-providers'); const c = await fromIni({ profile: 'deployer' })(); console.log(JSON.stringify({ id: c.accessKeyId, secret: c.secretAccessKey }));`;
    const before = backend.server.requests.length;
    const result = await runBounded([process.execPath, '--input-type=module', '-e', script], {
      ...consumerEnv(files, 'deployer'),
      CRED_LAUNCH_CACHE_DIR: mkdtempSync(join(work, 'cache-')),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ id: STORED.accessKeyId, secret: CANARY });
    expect(backend.server.requests.slice(before).map((request) => request.accessKeyId)).toEqual([BOB.accessKeyId]);
  }, 30_000);

  test('botocore resolves the same profile', async () => {
    const files = writeProfiles('deployer-py', formatCredentialProcess([process.execPath, bin, 'secrets-manager', 'ci/pascal', '--source-profile', 'bob']));
    const script = "import botocore.session; c = botocore.session.Session(profile='deployer-py').get_credentials().get_frozen_credentials(); print(c.access_key)";
    const result = await runBounded(['python3', '-c', script], { ...consumerEnv(files, 'deployer-py'), CRED_LAUNCH_CACHE_DIR: mkdtempSync(join(work, 'cache-')) });
    expect(result.stdout.trim()).toBe(STORED.accessKeyId);
  }, 30_000);

  test('loop: AWS_PROFILE is the profile whose credential_process runs this plugin → CONFIG (78) at once, no second process', async () => {
    const files = writeProfiles('loop', formatCredentialProcess([process.execPath, bin, 'secrets-manager', 'ci/pascal']));
    const result = await launch(['secrets-manager', 'ci/pascal'], consumerEnv(files, 'loop'));
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('credential_process loop: the credentials for reading "ci/pascal" come from profile "loop"');
    expect(result.stdout).toBe('');
    expect(nodeProcesses()).toBe(1);
  }, 30_000);

  test('loop hidden behind a wrapper script: the child cred-launch stops on CRED_LAUNCH_ACTIVE → CONFIG (78), two processes', async () => {
    const wrapper = join(work, 'get-keys.sh');
    writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${bin}" secrets-manager ci/pascal\n`, { mode: 0o755 });
    const files = writeProfiles('hidden', `sh ${wrapper}`);
    const result = await launch(['secrets-manager', 'ci/pascal'], consumerEnv(files, 'hidden'));
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('secrets-manager: credential_process loop: the credentials from AWS_PROFILE "hidden" run cred-launch');
    // cred-launch, then the wrapped cred-launch twice: the SDK's default chain
    // tries the profile's credential_process in fromIni and again in fromProcess.
    expect(nodeProcesses()).toBe(3);
  }, 30_000);

  test('loop met by the AWS SDK itself: fromIni on the loop profile fails fast, without a fork bomb', async () => {
    const files = writeProfiles('sdk-loop', formatCredentialProcess([process.execPath, bin, 'secrets-manager', 'ci/pascal']));
    const script = `const { fromIni } = await import('@aws-sdk/credential-providers'); try { await fromIni({ profile: 'sdk-loop' })(); console.log('resolved'); } catch (error) { console.log(error.message.split('\\n').slice(0, 2).join(' | ')); }`;
    runs += 1;
    countFile = join(work, `count-${runs}.txt`);
    const result = await runBounded([process.execPath, '--input-type=module', '-e', script], {
      ...consumerEnv(files, 'sdk-loop'),
      CRED_LAUNCH_CACHE_DIR: mkdtempSync(join(work, 'cache-')),
      AWS_EC2_METADATA_DISABLED: 'true',
      NODE_OPTIONS: `--require ${counter}`,
      SM_E2E_COUNT_FILE: countFile,
    });
    expect(result.timedOut).toBe(false);
    expect(result.stdout).toContain('credential_process loop');
    // The consumer and one cred-launch: the plugin refused before starting another.
    expect(nodeProcesses()).toBe(2);
  }, 30_000);
});
