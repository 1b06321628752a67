/**
 * The MFA material stored in a keychain entry reaches the launcher's STS
 * layer: `cred-launch --session keychain <name>` with an entry holding keys,
 * an MFA device ARN and its TOTP seed gets session credentials from a local
 * STS (@cred-launch/aws-test-server: a test double of AWS STS's query API
 * that verifies SigV4 and the TOTP code, not AWS itself), nobody asked for a
 * code. Real gnome-keyring-daemon; skipped with the reason where it cannot start.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSts, startAwsTestServer, type AwsTestServer, type StsService } from '@cred-launch/aws-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { keyringUnavailableReason, startKeyring, type TestKeyring } from './keyring.js';

const BIN = fileURLToPath(new URL('../../../packages/launcher/bin/cred-launch.js', import.meta.url));
const BUILT =
  existsSync(fileURLToPath(new URL('../../../packages/launcher/dist/main.js', import.meta.url))) && existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
const unavailable = !BUILT ? 'the launcher or the plugin is not built (pnpm build)' : keyringUnavailableReason();
if (unavailable !== undefined) test.skip(`keychain + STS: ${unavailable}`, () => undefined);

const USER = { accessKeyId: 'AKIAKEYCHAINSTS00001', secretAccessKey: 'keychain-sts-long-term-secret-000000000001' };
const SERIAL = 'arn:aws:iam::123456789012:mfa/keychain';
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Runs the bin without blocking: the STS server lives in this process. */
function run(args: string[], env: Record<string, string>, input: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe.skipIf(unavailable !== undefined)('keychain entry with MFA → --session (real keyring, local STS)', () => {
  let keyring: TestKeyring;
  let server: AwsTestServer;
  let sts: StsService;
  beforeAll(async () => {
    keyring = startKeyring();
    sts = createSts({ keys: [{ ...USER }], mfaDevices: [{ serial: SERIAL, seed: SEED, ownerKeyIds: [USER.accessKeyId] }], roles: [], requireMfaForSession: [] });
    server = await startAwsTestServer({ keys: [{ ...USER }], services: [sts] });
  });
  afterAll(async () => {
    await server?.close();
    keyring?.stop();
  });

  test('the stored device ARN and TOTP seed make an MFA-authenticated GetSessionToken', async () => {
    const env = { ...keyring.env, CRED_LAUNCH_CACHE_DIR: join(keyring.dir, 'cache'), AWS_ENDPOINT_URL_STS: server.url, AWS_REGION: 'eu-west-1' };
    const input = JSON.stringify({ aws_access_key_id: USER.accessKeyId, aws_secret_access_key: USER.secretAccessKey, mfa_serial: SERIAL, mfa_totp_seed: SEED });
    const added = await run(['keychain', 'add', 'mfa', '--from-stdin'], env, input);
    expect(added.status).toBe(0);
    const result = await run(['--session', 'keychain', 'mfa'], env, '');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const document = JSON.parse(result.stdout) as Record<string, string>;
    expect(document.AccessKeyId).toMatch(/^ASIA/u);
    const request = server.requests.at(-1);
    expect(request).toMatchObject({ operation: 'GetSessionToken', accessKeyId: USER.accessKeyId, verified: true });
    expect(new URLSearchParams(request?.body).get('SerialNumber')).toBe(SERIAL);
    expect(sts.issued.find((entry) => entry.accessKeyId === document.AccessKeyId)?.mfaAuthenticated).toBe(true);
    for (const secret of [USER.secretAccessKey, SEED]) expect(result.stdout).not.toContain(secret);
  }, 90_000);
});
