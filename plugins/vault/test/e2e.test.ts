/**
 * End to end through the built `cred-launch` bin (the launcher resolves this
 * plugin from the workspace's node_modules), against the local Vault test
 * server, with a private CRED_LAUNCH_CACHE_DIR per test; and through a
 * temporary AWS config profile resolved by the AWS SDK for JavaScript
 * (fromIni) and, when installed, python botocore.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromIni } from '@aws-sdk/credential-providers';
import { credLaunchCommand, runCredLaunch, writeAwsConfig } from '@cred-launch/testkit';
import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const BIN = fileURLToPath(new URL('../../../packages/launcher/bin/cred-launch.js', import.meta.url));
const READY =
  existsSync(BIN) &&
  existsSync(fileURLToPath(new URL('../../../packages/launcher/dist', import.meta.url))) &&
  existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
const CANARY = 'canary-e2e-secret-Hq2Lm8';

function hasBotocore(): boolean {
  return spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;
}

let server: VaultTestServer;
let home: string;

function cacheDir(): string {
  return mkdtempSync(join(tmpdir(), 'vault-e2e-cache-'));
}

/** The launcher with only the VAULT_* variables given here (the developer's own are removed). */
function launch(args: string[], env: Record<string, string | undefined> = {}, cache = cacheDir()) {
  return runCredLaunch(args, {
    launcherBin: BIN,
    env: {
      HOME: home,
      VAULT_ADDR: server.url,
      VAULT_TOKEN: 'root',
      VAULT_NAMESPACE: undefined,
      VAULT_AGENT_ADDR: undefined,
      VAULT_CACERT: undefined,
      VAULT_SKIP_VERIFY: undefined,
      CRED_LAUNCH_CACHE_DIR: cache,
      ...env,
    },
  });
}

describe.skipIf(!READY)('cred-launch vault, end to end (built launcher + plugin)', () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'vault-e2e-home-'));
    server = await startVaultTestServer();
    const { state } = server;
    state.putSecret('secret/aws/dev', { aws_access_key_id: 'AKIAE2EE2EE2EE2EE001', aws_secret_access_key: CANARY });
    state.enableSecrets('aws', { type: 'aws' });
    state.addAwsRole('aws', 'deploy', { credentialType: 'assumed_role', roleArns: ['arn:aws:iam::111122223333:role/Deploy'] });
    state.addAwsRole('aws', 'builder', { credentialType: 'iam_user', leaseSeconds: 3600 });
  });
  afterAll(() => server.close());

  test('KV: exactly one credential_process document on stdout, nothing on stderr', async () => {
    const result = await launch(['vault', 'secret/aws/dev']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toEqual({ Version: 1, AccessKeyId: 'AKIAE2EE2EE2EE2EE001', SecretAccessKey: CANARY });
  });

  test('AWS engine: minted once, then served from the launcher cache (not a new IAM user per call)', async () => {
    const cache = cacheDir();
    const before = server.state.awsIssued('aws', 'deploy');
    const first = await launch(['vault', 'aws/sts/deploy'], {}, cache);
    expect(first.code).toBe(0);
    const document = JSON.parse(first.stdout);
    expect(document.AccessKeyId).toMatch(/^ASIA/u);
    expect(document.SessionToken).toBeTruthy();
    expect(Date.parse(document.Expiration) - Date.now()).toBeGreaterThan(50 * 60 * 1000);
    // A different token is not part of the cache key: the answer is the same secret.
    const second = await launch(['vault', 'aws/sts/deploy'], { VAULT_TOKEN: 'another-token-not-even-valid' }, cache);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(document);
    expect(server.state.awsIssued('aws', 'deploy')).toBe(before + 1);
    // --no-cache mints again.
    const third = await launch(['--no-cache', 'vault', 'aws/sts/deploy'], {}, cache);
    expect(JSON.parse(third.stdout).AccessKeyId).not.toBe(document.AccessKeyId);
    expect(server.state.awsIssued('aws', 'deploy')).toBe(before + 2);
  });

  test('cacheEnv: another VAULT_ADDR or VAULT_NAMESPACE is another cache entry', async () => {
    const cache = cacheDir();
    const other = await startVaultTestServer();
    try {
      other.state.enableSecrets('aws', { type: 'aws' });
      other.state.addAwsRole('aws', 'builder', { credentialType: 'iam_user', leaseSeconds: 3600 });
      const a = JSON.parse((await launch(['vault', 'aws/creds/builder'], {}, cache)).stdout);
      const b = JSON.parse((await launch(['vault', 'aws/creds/builder'], { VAULT_ADDR: other.url }, cache)).stdout);
      expect(b.AccessKeyId).not.toBe(a.AccessKeyId);
      expect(other.state.awsIssued('aws', 'builder')).toBe(1);
      server.state.enableSecrets('aws', { type: 'aws' }, { namespace: 'eng' });
      server.state.addAwsRole('aws', 'builder', { credentialType: 'iam_user', leaseSeconds: 3600 }, { namespace: 'eng' });
      const c = JSON.parse((await launch(['vault', 'aws/creds/builder'], { VAULT_NAMESPACE: 'eng' }, cache)).stdout);
      expect(c.AccessKeyId).not.toBe(a.AccessKeyId);
      expect(server.state.awsIssued('aws', 'builder', { namespace: 'eng' })).toBe(1);
    } finally {
      await other.close();
    }
  });

  test('one meaning per exit code and no path escape, through the bin: 65, 69, 64', async () => {
    server.state.putSecret('secret/aws/keyless', { region: 'eu-west-1', note: CANARY });
    const keyless = await launch(['vault', 'secret/aws/keyless']);
    expect(keyless).toMatchObject({ code: 65, stdout: '' });
    expect(keyless.stderr).toContain('vault: secret/aws/keyless has no access key id');
    expect(keyless.stderr).not.toContain(CANARY);
    // Not Vault: a server answering an HTML page with 200, as a captive proxy does.
    const proxy = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>Sign in</html>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const html = await launch(['vault', 'secret/aws/dev'], { VAULT_ADDR: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
      expect(html).toMatchObject({ code: 69, stdout: '' });
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
    const before = server.state.requests.length;
    const escape = await launch(['vault', '--engine', 'kv2', '--mount', 'secret', '../../sys/seal']);
    expect(escape).toMatchObject({ code: 64, stdout: '' });
    expect(escape.stderr).toContain('has a ".." segment');
    expect(server.state.requests.length).toBe(before);
  });

  test('failures: documented exit codes, one or two lines on stderr, no secret, nothing on stdout', async () => {
    const missing = await launch(['vault', 'secret/aws/missing']);
    expect(missing).toMatchObject({ code: 66, stdout: '' });
    expect(missing.stderr).toContain('vault: no secret at secret/aws/missing');
    const denied = await launch(['vault', 'secret/aws/dev'], { VAULT_TOKEN: 'canary-bad-token-123' });
    expect(denied.code).toBe(77);
    expect(denied.stderr).not.toContain('canary-bad-token-123');
    server.state.sealed = true;
    try {
      const sealed = await launch(['vault', 'secret/aws/dev']);
      expect(sealed.code).toBe(69);
      expect(sealed.stderr).toContain('is sealed');
    } finally {
      server.state.sealed = false;
    }
    const usage = await launch(['vault']);
    expect(usage.code).toBe(64);
    for (const result of [missing, denied, usage]) {
      expect(result.stderr).not.toContain(CANARY);
      expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    }
  });

  test('a hanging Vault: the launcher --timeout ends the run with TIMEOUT (75)', async () => {
    const hanging = await startVaultTestServer();
    try {
      hanging.state.hang = true;
      const result = await launch(['--timeout', '1', 'vault', 'secret/aws/dev'], { VAULT_ADDR: hanging.url });
      expect(result.code).toBe(75);
      expect(result.stdout).toBe('');
      expect(hanging.state.requests.length).toBeGreaterThan(0);
    } finally {
      await hanging.close();
    }
  });

  test('the whoami command through the launcher', async () => {
    server.state.addToken('hvs.e2eWhoamiToken000000', { policies: ['default', 'deployers'], ttlSeconds: 3600, displayName: 'token-ci' });
    const result = await launch(['vault', 'whoami'], { VAULT_TOKEN: 'hvs.e2eWhoamiToken000000' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('policies:     default, deployers');
    expect(result.stdout).toContain('display name: token-ci');
    expect(result.stdout).not.toContain('hvs.e2eWhoamiToken000000');
  });

  test('~/.vault-token from HOME when VAULT_TOKEN is unset', async () => {
    const ownHome = mkdtempSync(join(tmpdir(), 'vault-e2e-home-'));
    writeFileSync(join(ownHome, '.vault-token'), 'root\n');
    const result = await launch(['vault', 'secret/aws/dev'], { HOME: ownHome, VAULT_TOKEN: undefined });
    expect(result.code).toBe(0);
    expect(server.state.requests.at(-1)?.token).toBe('root');
  });

  describe('through a temporary AWS config profile', () => {
    const previous: Record<string, string | undefined> = {};
    let config: ReturnType<typeof writeAwsConfig>;
    const variables = (): Record<string, string | undefined> => ({
      ...config.env,
      VAULT_ADDR: server.url,
      VAULT_TOKEN: 'root',
      CRED_LAUNCH_CACHE_DIR: cacheDir(),
      VAULT_NAMESPACE: undefined,
    });

    beforeAll(() => {
      config = writeAwsConfig({ profile: 'vault-dev', command: credLaunchCommand(['vault', 'secret/aws/dev'], { launcherBin: BIN }) });
    });
    afterAll(() => config.cleanup());

    test('the AWS SDK for JavaScript (fromIni) runs the credential_process', async () => {
      // fromIni spawns the process with this process's environment.
      for (const [name, value] of Object.entries(variables())) {
        previous[name] = process.env[name];
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      try {
        const credentials = await fromIni({ profile: 'vault-dev', configFilepath: config.configFile, filepath: config.credentialsFile, ignoreCache: true })();
        expect(credentials).toMatchObject({ accessKeyId: 'AKIAE2EE2EE2EE2EE001', secretAccessKey: CANARY });
      } finally {
        for (const [name, value] of Object.entries(previous)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }
    }, 30_000);

    test.skipIf(!hasBotocore())(
      'python botocore resolves the same profile',
      async () => {
        const script = [
          'import json, botocore.session',
          'c = botocore.session.Session(profile="vault-dev").get_credentials().get_frozen_credentials()',
          'print(json.dumps({"access_key": c.access_key, "secret_key": c.secret_key}))',
        ].join('\n');
        const env: Record<string, string> = {};
        for (const [name, value] of Object.entries({ ...process.env, ...variables() })) if (value !== undefined) env[name] = value;
        // Asynchronous: the test server lives in this process and must keep answering.
        const child = spawn('python3', ['-c', script], { env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        await new Promise((resolve) => child.on('close', resolve));
        expect(stderr).toBe('');
        expect(JSON.parse(stdout)).toEqual({ access_key: 'AKIAE2EE2EE2EE2EE001', secret_key: CANARY });
      },
      30_000,
    );
  });
});
