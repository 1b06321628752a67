import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isCredentialError, SecretRedactor } from '@cred-launch/core';
import { cachePolicyFor } from '../src/cache/cache-policy.js';
import { LAUNCHER_DIR } from '../src/launcher-paths.js';
import { exchangeWithSts, wantsSts, type StsContext } from '../src/engine/sts-exchange.js';

const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

function context(overrides: Partial<StsContext> = {}): StsContext {
  return {
    env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', AWS_REGION: 'eu-west-1', AWS_MAX_ATTEMPTS: '1' },
    signal: new AbortController().signal,
    log: () => undefined,
    secrets: new SecretRedactor(),
    now: () => new Date(),
    ...overrides,
  };
}

describe('STS exchange in the launcher', () => {
  test('only --session or --assume-role ask for it', () => {
    expect(wantsSts({})).toBe(false);
    expect(wantsSts({ mfaSerial: SERIAL, externalId: 'x' })).toBe(false);
    expect(wantsSts({ session: true })).toBe(true);
    expect(wantsSts({ assumeRole: 'arn:aws:iam::123456789012:role/x' })).toBe(true);
  });

  test('without @cred-launch/sts next to the launcher: PLUGIN_NOT_FOUND with the install command', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cred-launch-no-sts-'));
    const error = await exchangeWithSts({ accessKeyId: 'AKIAX', secretAccessKey: 'secret-value' }, { session: true }, context(), empty).catch((e: unknown) => e);
    expect(isCredentialError(error, 'PLUGIN_NOT_FOUND')).toBe(true);
    expect((error as { hint?: string }).hint).toMatch(/npm install --global @cred-launch\/sts/);
  });

  test("the plugin's mfaSerial is used when --mfa-serial is absent, and the prompt is handed over", async () => {
    const asked: string[] = [];
    const promptMfaCode = async ({ serial }: { serial: string }): Promise<string | undefined> => {
      asked.push(serial);
      return undefined; // "no terminal"
    };
    const error = await exchangeWithSts(
      { accessKeyId: 'AKIAX', secretAccessKey: 'secret-value', mfaSerial: SERIAL },
      { session: true },
      context({ promptMfaCode }),
      LAUNCHER_DIR,
    ).catch((e: unknown) => e);
    expect(asked).toEqual([SERIAL]);
    expect(isCredentialError(error, 'USAGE')).toBe(true);
    expect((error as Error).message).toContain(SERIAL);
  });

  test("loading the exchange silences the AWS SDK's Node-version warning, unless the user decided", async () => {
    const name = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
    const saved = process.env[name];
    delete process.env[name];
    try {
      const error = await exchangeWithSts({ accessKeyId: 'AKIAX', secretAccessKey: 'secret-value' }, { session: true }, context(), LAUNCHER_DIR).catch((e: unknown) => e);
      expect(isCredentialError(error, 'BACKEND')).toBe(true); // nothing listens on port 9
      expect(process.env[name]).toBe('true');
      process.env[name] = 'false';
      await exchangeWithSts({ accessKeyId: 'AKIAX', secretAccessKey: 'secret-value' }, { session: true }, context(), LAUNCHER_DIR).catch(() => undefined);
      expect(process.env[name]).toBe('false');
    } finally {
      if (saved === undefined) delete process.env[name];
      else process.env[name] = saved;
    }
  });
});

describe('cache key with STS options', () => {
  const plugin = { identity: '@cred-launch/plugin-file', metadata: { cacheEnv: [] } };
  const key = (sts: Record<string, unknown>, env: Record<string, string>): string =>
    cachePolicyFor(plugin, ['creds.enc'], { sts, cacheTtlSeconds: undefined, refreshWindowSeconds: 900 }, env, '/home/x').key;

  test('each role and each MFA serial has its own entry', () => {
    const role = (arn: string) => key({ assumeRole: arn }, {});
    expect(role('arn:aws:iam::123456789012:role/a')).not.toBe(role('arn:aws:iam::123456789012:role/b'));
    expect(key({ session: true, mfaSerial: 'arn:aws:iam::1:mfa/a' }, {})).not.toBe(key({ session: true, mfaSerial: 'arn:aws:iam::1:mfa/b' }, {}));
    expect(key({ session: true }, {})).not.toBe(key({}, {}));
  });

  test('the STS endpoint is part of the key when STS is used, the region is not', () => {
    expect(key({ session: true }, { AWS_ENDPOINT_URL_STS: 'http://localstack:4566' })).not.toBe(key({ session: true }, {}));
    expect(key({ session: true }, { AWS_ENDPOINT_URL: 'http://localstack:4566' })).not.toBe(key({ session: true }, {}));
    expect(key({ session: true }, { AWS_REGION: 'eu-west-1' })).toBe(key({ session: true }, { AWS_REGION: 'us-east-1' }));
    // Without STS the plugin's own declaration alone decides.
    expect(key({}, { AWS_ENDPOINT_URL_STS: 'http://localstack:4566' })).toBe(key({}, {}));
  });
});
