import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isCredentialError, SecretRedactor } from '@cred-launch/core';
import { LAUNCHER_DIR } from '../src/launcher-paths.js';
import { exchangeWithSts, wantsSts, type StsContext } from '../src/sts-exchange.js';

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
