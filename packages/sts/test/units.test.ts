import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { isCredentialError } from '@cred-launch/core';
import { matchingStep, totpAt, totpForStep } from '@cred-launch/aws-test-server';
import { defaultRoleSessionName, parseTotpSeed, stsClientSettings, totpCode } from '../src/index.js';
import { runMfaCommand } from '../src/mfa-command.js';
import { SEED } from './helpers.js';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('TOTP', () => {
  test("the otpauth library and the test server's own RFC 6238 code agree", async () => {
    for (const time of [new Date(0), new Date('2024-05-01T12:00:07Z'), new Date()]) {
      expect(await totpCode(parseTotpSeed(SEED), time)).toBe(totpAt(SEED, time));
    }
  });

  test('RFC 6238 test vector (SHA1, T=59 → 94287082, 6 digits → 287082)', async () => {
    // Seed "12345678901234567890" in base32.
    const device = parseTotpSeed('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(await totpCode(device, new Date(59_000))).toBe('287082');
  });

  test('seeds are accepted bare, grouped, lower case, or as an otpauth URI with its period', async () => {
    expect(parseTotpSeed('jbsw y3dp-ehpk 3pxp jbsw y3dp ehpk 3pxp').secret).toBe(SEED);
    const device = parseTotpSeed(`otpauth://totp/AWS:alice?secret=${SEED}&issuer=AWS&period=60`);
    expect(device).toMatchObject({ secret: SEED, period: 60, digits: 6, algorithm: 'SHA1' });
    const at = new Date('2024-05-01T12:00:50Z');
    expect(await totpCode(device, at)).toBe(totpForStep(SEED, Math.floor(at.getTime() / 60_000)));
    expect(matchingStep(SEED, await totpCode(device, at), at, 60, 0)).toBeDefined();
  });

  test('a value that is not a seed is INVALID_SECRET, and the message never quotes it', () => {
    for (const value of ['123456', 'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP', 'not a seed at all!!', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXPJBSW&digits=12']) {
      try {
        parseTotpSeed(value);
        expect.unreachable();
      } catch (error) {
        expect(isCredentialError(error, 'INVALID_SECRET')).toBe(true);
        expect((error as Error).message).not.toContain(value);
      }
    }
  });
});

describe('default RoleSessionName', () => {
  test('cred-launch-<user>-<unix time>, characters STS allows, at most 64 long', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(defaultRoleSessionName({ USER: 'alice' }, now)).toBe('cred-launch-alice-1893456000');
    expect(defaultRoleSessionName({ USER: 'Jean Dupré (ops)' }, now)).toBe('cred-launch-JeanDuprops-1893456000');
    const long = defaultRoleSessionName({ USER: 'x'.repeat(200) }, now);
    expect(long.length).toBe(64);
    expect(long).toMatch(/^[\w+=,.@-]{2,64}$/);
    expect(defaultRoleSessionName({}, now)).toBe('cred-launch-user-1893456000');
  });
});

describe('region and endpoint settings', () => {
  test('AWS_ENDPOINT_URL_STS over AWS_ENDPOINT_URL; both off with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', () => {
    expect(stsClientSettings({ AWS_ENDPOINT_URL: 'http://a:1', AWS_ENDPOINT_URL_STS: 'http://b:2' }).endpoint).toBe('http://b:2');
    expect(stsClientSettings({ AWS_ENDPOINT_URL: 'http://a:1' }).endpoint).toBe('http://a:1');
    const ignored = stsClientSettings({ AWS_ENDPOINT_URL_STS: 'http://b:2', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' });
    expect(ignored.endpoint).toBeUndefined();
    expect(ignored.ignoreConfiguredEndpointUrls).toBe(true);
  });

  test('region: AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1; legacy endpoints on request', () => {
    expect(stsClientSettings({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' }).region).toBe('eu-west-1');
    expect(stsClientSettings({ AWS_DEFAULT_REGION: 'us-west-2' }).region).toBe('us-west-2');
    expect(stsClientSettings({})).toMatchObject({ region: 'us-east-1', useGlobalEndpoint: false, useFipsEndpoint: false });
    expect(stsClientSettings({ AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }).useGlobalEndpoint).toBe(true);
    expect(stsClientSettings({ AWS_USE_FIPS_ENDPOINT: 'true' }).useFipsEndpoint).toBe(true);
  });

  test('a malformed endpoint or region is a CONFIG error naming the variable', () => {
    for (const env of [{ AWS_ENDPOINT_URL_STS: 'not a url' }, { AWS_ENDPOINT_URL: 'ftp://x' }, { AWS_REGION: 'Bad Region!' }]) {
      try {
        stsClientSettings(env);
        expect.unreachable();
      } catch (error) {
        expect(isCredentialError(error, 'CONFIG')).toBe(true);
        expect((error as Error).message).toContain(Object.keys(env)[0]);
      }
    }
  });
});

describe('--mfa-command', () => {
  const base = { env: { PATH: process.env.PATH }, signal: new AbortController().signal, log: () => undefined };

  test('runs through the shell with the given env and returns trimmed stdout; stderr goes to the debug log only', async () => {
    const lines: string[] = [];
    const code = await runMfaCommand({
      ...base,
      env: { ...base.env, CODE: '654321' },
      log: (line) => lines.push(line),
      command: 'echo "touch the key" >&2; printf "  %s\\n" "$CODE" | cat',
    });
    expect(code).toBe('654321');
    expect(lines.join('\n')).toContain('touch the key');
  });

  test('a failing command is AUTH with its exit status', async () => {
    const error = await runMfaCommand({ ...base, command: 'exit 3' }).catch((e: unknown) => e);
    expect(isCredentialError(error, 'AUTH')).toBe(true);
    expect((error as Error).message).toMatch(/exited with status 3/);
  });

  test('the AbortSignal kills a command that hangs and rejects with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('deadline');
    setTimeout(() => controller.abort(reason), 150);
    const outcome = await runMfaCommand({ ...base, signal: controller.signal, command: 'sleep 30' }).catch((e: unknown) => e);
    expect(outcome).toBe(reason);
  });
});

describe('lazy loading', () => {
  test('importing @cred-launch/sts does not load @aws-sdk/client-sts; an exchange does', () => {
    const script = `
      const { SecretRedactor } = await import('@cred-launch/core');
      const loaded = () => Object.keys(require.cache).some((file) => file.includes('client-sts'));
      const sts = await import('@cred-launch/sts');
      const before = loaded();
      const context = { env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' }, signal: new AbortController().signal, log() {}, secrets: new SecretRedactor(), now: () => new Date() };
      await sts.exchangeCredentials({ accessKeyId: 'AKIAX', secretAccessKey: 'secret-value' }, { session: true }, context).catch(() => undefined);
      console.log(JSON.stringify({ before, after: loaded() }));
    `;
    const result = spawnSync(process.execPath, ['--input-type=commonjs', '-e', `(async () => { ${script} })()`], {
      cwd: PACKAGE_DIR,
      encoding: 'utf8',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ before: false, after: true });
  });
});
