import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { isCredentialError, type CredentialError } from '@cred-launch/core';
import { totpAt, totpForStep } from '@cred-launch/aws-test-server';
import { exchangeCredentials } from '../src/index.js';
import { contextFor, EXPIRED, EXTERNAL_ID, OTHER, ROLE, ROLE_EXT, ROLE_MFA, SEED, SERIAL, source, startSts, USER, WRONG_SEED, type StsFixture } from './helpers.js';

let fx: StsFixture;
beforeAll(async () => {
  fx = await startSts();
});
afterAll(async () => {
  await fx.server.close();
});
beforeEach(() => {
  fx.server.clearFaults();
  fx.clock.nextSteps();
});

async function failure(work: Promise<unknown>): Promise<CredentialError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isCredentialError(error)) throw new Error(`expected a CredentialError, got ${String(error)}`);
  return error;
}

/** A context whose prompt must never be used. */
function noPrompt() {
  return {
    promptMfaCode: async () => {
      throw new Error('prompted');
    },
  };
}

describe('GetSessionToken (--session)', () => {
  test('signs with the plugin keys and returns a session with an Expiration', async () => {
    const before = fx.sts.issued.length;
    const context = contextFor(fx.server);
    const session = await exchangeCredentials(source(), { session: true, durationSeconds: 3600 }, context);
    expect(session.accessKeyId).toMatch(/^ASIA/);
    expect(session.sessionToken.length).toBeGreaterThan(20);
    expect(session.expiration.getTime() - fx.clock.now().getTime()).toBeGreaterThan(3500_000);
    expect(session.expiration.getTime() - fx.clock.now().getTime()).toBeLessThanOrEqual(3600_000);
    const last = fx.server.requests.at(-1)!;
    expect(last).toMatchObject({ operation: 'GetSessionToken', accessKeyId: USER.accessKeyId, verified: true, region: 'eu-west-1' });
    expect(last.body).toContain('DurationSeconds=3600');
    expect(last.body).not.toContain('SerialNumber');
    const issued = fx.sts.issued[before]!;
    expect(issued).toMatchObject({ action: 'GetSessionToken', userKeyId: USER.accessKeyId, accessKeyId: session.accessKeyId, mfaAuthenticated: false });
    // Secrets registered: the redactor scrubs both the session and the source secret.
    expect(context.secrets.redact(`${session.secretAccessKey} ${session.sessionToken} ${USER.secretAccessKey}`)).toBe('[REDACTED] [REDACTED] [REDACTED]');
  });

  test('the issued session works against the server (GetCallerIdentity is signed with it)', async () => {
    const session = await exchangeCredentials(source(), { session: true }, contextFor(fx.server));
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const client = new STSClient({ region: 'eu-west-1', endpoint: fx.server.url, credentials: session });
    const identity = await client.send(new GetCallerIdentityCommand({}));
    client.destroy();
    expect(identity.UserId).toBe(USER.accessKeyId);
  });

  test('MFA from the TOTP seed the plugin returned: SerialNumber and a valid TokenCode', async () => {
    const context = contextFor(fx.server, noPrompt());
    const session = await exchangeCredentials(source({ mfaTotpSeed: SEED }), { session: true, mfaSerial: SERIAL }, context);
    const issued = fx.sts.issued.find((entry) => entry.accessKeyId === session.accessKeyId)!;
    expect(issued.mfaAuthenticated).toBe(true);
    const body = new URLSearchParams(fx.server.requests.at(-1)!.body);
    expect(body.get('SerialNumber')).toBe(SERIAL);
    expect(body.get('TokenCode')).toMatch(/^\d{6}$/);
    expect(context.secrets.redact(SEED)).toBe('[REDACTED]');
  });

  test('the MFA serial may come from the plugin (mfaSerial) instead of --mfa-serial', async () => {
    const session = await exchangeCredentials(source({ mfaTotpSeed: SEED, mfaSerial: SERIAL }), { session: true }, contextFor(fx.server, noPrompt()));
    expect(fx.sts.issued.find((entry) => entry.accessKeyId === session.accessKeyId)!.mfaAuthenticated).toBe(true);
  });

  test('two exchanges inside one TOTP step both succeed: the reused code is refused, the next one accepted', async () => {
    const before = fx.server.requests.length;
    const first = await exchangeCredentials(source({ mfaTotpSeed: SEED }), { session: true, mfaSerial: SERIAL }, contextFor(fx.server));
    const second = await exchangeCredentials(source({ mfaTotpSeed: SEED }), { session: true, mfaSerial: SERIAL }, contextFor(fx.server));
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    const codes = fx.server.requests.slice(before).map((request) => new URLSearchParams(request.body).get('TokenCode'));
    // Each code was accepted at most once; at least one refusal was retried with a fresh code.
    expect(codes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(codes).size).toBeGreaterThanOrEqual(2);
  });

  test('MFA from --mfa-command: its trimmed stdout is the code', async () => {
    const code = totpAt(SEED, fx.clock.now());
    const context = contextFor(fx.server, noPrompt());
    const session = await exchangeCredentials(source(), { session: true, mfaSerial: SERIAL, mfaCommand: `printf '  ${code}\\n'` }, context);
    expect(new URLSearchParams(fx.server.requests.at(-1)!.body).get('TokenCode')).toBe(code);
    expect(fx.sts.issued.find((entry) => entry.accessKeyId === session.accessKeyId)!.mfaAuthenticated).toBe(true);
  });

  test('MFA from the prompt when there is no seed and no command', async () => {
    const asked: string[] = [];
    const next = totpAt(SEED, fx.clock.now());
    const context = contextFor(fx.server, {
      promptMfaCode: async ({ serial }) => {
        asked.push(serial);
        return `${next}\n`;
      },
    });
    const session = await exchangeCredentials(source(), { session: true, mfaSerial: SERIAL }, context);
    expect(asked).toEqual([SERIAL]);
    expect(fx.sts.issued.find((entry) => entry.accessKeyId === session.accessKeyId)!.mfaAuthenticated).toBe(true);
  });

  test('a rejected code (wrong seed) is AUTH "MFA code rejected", with the clock hint', async () => {
    const error = await failure(exchangeCredentials(source({ mfaTotpSeed: WRONG_SEED }), { session: true, mfaSerial: SERIAL }, contextFor(fx.server)));
    expect(error.code).toBe('AUTH');
    expect(error.message).toBe('MFA code rejected: check the device/seed and the clock');
    expect(error.hint).toContain(SERIAL);
    expect(error.hint).toMatch(/clock/);
    expect(`${error.message} ${error.hint}`).not.toContain(WRONG_SEED);
  });

  test("a code for a device that is not the caller's is rejected the same way", async () => {
    const error = await failure(exchangeCredentials(source({ mfaTotpSeed: SEED }, OTHER), { session: true, mfaSerial: SERIAL }, contextFor(fx.server)));
    expect(error.code).toBe('AUTH');
    expect(error.message).toMatch(/^MFA code rejected/);
  });

  test('no seed, no command, no terminal: a USAGE error that says how to provide the code, before any request', async () => {
    const before = fx.server.requests.length;
    const error = await failure(exchangeCredentials(source(), { session: true, mfaSerial: SERIAL }, contextFor(fx.server, { promptMfaCode: async () => undefined })));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain(SERIAL);
    expect(error.hint).toMatch(/mfa_totp_seed/);
    expect(error.hint).toMatch(/--mfa-command/);
    expect(fx.server.requests.length).toBe(before);
  });

  test('--session with temporary source credentials is refused before any request', async () => {
    const before = fx.server.requests.length;
    const error = await failure(exchangeCredentials(source({ sessionToken: 'FwoGZXIvYXdzEXISTING-token-value' }), { session: true }, contextFor(fx.server)));
    expect(error.code).toBe('USAGE');
    expect(error.message).toMatch(/long-term keys/);
    expect(fx.server.requests.length).toBe(before);
  });
});

describe('two exchanges around a TOTP step boundary (pinned clock: each reading 1 ms after the last)', () => {
  const STEP_MS = 30_000;
  /** Far from real time, so these steps are never used by the tests that follow real time. */
  const PINNED_BASE_MS = Date.UTC(2031, 0, 1);
  let nextBase = PINNED_BASE_MS;
  /** A fresh TOTP step, twenty steps after the last one a pinned test used. */
  function freshStep(): number {
    nextBase += 20 * STEP_MS;
    return nextBase / STEP_MS;
  }
  afterEach(() => {
    fx.clock.unpin();
  });

  /** Runs two seed-MFA sessions back to back and returns the TokenCodes each one sent. */
  async function twoSessions(): Promise<{ first: string[]; second: string[]; log: string[] }> {
    const start = fx.server.requests.length;
    const firstSession = await exchangeCredentials(source({ mfaTotpSeed: SEED }), { session: true, mfaSerial: SERIAL }, contextFor(fx.server, noPrompt()));
    const middle = fx.server.requests.length;
    const context = contextFor(fx.server, noPrompt());
    const secondSession = await exchangeCredentials(source({ mfaTotpSeed: SEED }), { session: true, mfaSerial: SERIAL }, context);
    const codes = (from: number, to?: number): string[] => fx.server.requests.slice(from, to).map((request) => new URLSearchParams(request.body).get('TokenCode') ?? '');
    for (const session of [firstSession, secondSession]) expect(fx.sts.issued.find((entry) => entry.accessKeyId === session.accessKeyId)!.mfaAuthenticated).toBe(true);
    return { first: codes(start, middle), second: codes(middle), log: context.lines };
  }

  test("inside one step, the refused code is retried with the next step's code, never the same one again", async () => {
    const step = freshStep();
    fx.clock.pin(step * STEP_MS + 15_000);
    const { first, second, log } = await twoSessions();
    expect(first).toEqual([totpForStep(SEED, step)]);
    expect(second).toEqual([totpForStep(SEED, step), totpForStep(SEED, step + 1)]);
    expect(log).toContain("MFA code refused (already used?); trying once with the seed's next code");
  });

  // The step ends k ms after the first reading: the boundary falls between each pair of readings in turn.
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('the step ends %i ms after the first reading: both succeed, no accepted code is sent again', async (msBeforeBoundary) => {
    const step = freshStep();
    fx.clock.pin((step + 1) * STEP_MS - msBeforeBoundary);
    const { first, second } = await twoSessions();
    expect(first).toHaveLength(1);
    expect([1, 2]).toContain(second.length);
    // The first session's code was accepted; the second session's accepted code is another one.
    expect(second.at(-1)).not.toBe(first[0]);
    // A retry never repeats the code it was refused.
    expect(new Set(second).size).toBe(second.length);
    for (const code of [...first, ...second]) expect([step, step + 1, step + 2].map((candidate) => totpForStep(SEED, candidate))).toContain(code);
  });
});

describe('AssumeRole (--assume-role)', () => {
  test('passes RoleArn, a default RoleSessionName within limits, DurationSeconds and SourceIdentity', async () => {
    const context = contextFor(fx.server);
    const credentials = await exchangeCredentials(source(), { assumeRole: ROLE, durationSeconds: 7200, sourceIdentity: 'alice@example' }, context);
    const issued = fx.sts.issued.find((entry) => entry.accessKeyId === credentials.accessKeyId)!;
    expect(issued).toMatchObject({ action: 'AssumeRole', roleArn: ROLE, userKeyId: USER.accessKeyId, durationSeconds: 7200, sourceIdentity: 'alice@example' });
    expect(issued.roleSessionName).toMatch(/^cred-launch-alice-\d{10}$/);
    expect(credentials.accountId).toBe('123456789012');
    expect(credentials.expiration.getTime() - fx.clock.now().getTime()).toBeGreaterThan(7100_000);
  });

  test('--role-session-name is sent as given', async () => {
    const credentials = await exchangeCredentials(source(), { assumeRole: ROLE, roleSessionName: 'ci-run-42' }, contextFor(fx.server));
    expect(fx.sts.issued.find((entry) => entry.accessKeyId === credentials.accessKeyId)!.roleSessionName).toBe('ci-run-42');
  });

  test('a role whose trust policy does not name these keys: AUTH naming the role ARN', async () => {
    const error = await failure(exchangeCredentials(source({}, OTHER), { assumeRole: ROLE }, contextFor(fx.server)));
    expect(error.code).toBe('AUTH');
    expect(error.message).toContain(ROLE);
    expect(error.message).toMatch(/not allowed to assume role/);
    expect(`${error.message} ${error.hint}`).not.toContain(OTHER.secretAccessKey);
  });

  test('an unknown role is refused the same way', async () => {
    const missing = 'arn:aws:iam::123456789012:role/does-not-exist';
    const error = await failure(exchangeCredentials(source(), { assumeRole: missing }, contextFor(fx.server)));
    expect(error.code).toBe('AUTH');
    expect(error.message).toContain(missing);
  });

  test('external id: the right one is accepted, a wrong or missing one refused', async () => {
    const ok = await exchangeCredentials(source(), { assumeRole: ROLE_EXT, externalId: EXTERNAL_ID }, contextFor(fx.server));
    expect(fx.sts.issued.find((entry) => entry.accessKeyId === ok.accessKeyId)!.externalId).toBe(EXTERNAL_ID);
    for (const externalId of ['wrong-ext-id', undefined]) {
      const error = await failure(exchangeCredentials(source(), { assumeRole: ROLE_EXT, ...(externalId ? { externalId } : {}) }, contextFor(fx.server)));
      expect(error.code).toBe('AUTH');
      expect(error.message).toContain(ROLE_EXT);
      expect(error.hint).toMatch(/external-id/);
    }
  });

  test('a role that requires MFA: refused without, accepted with a code from the seed', async () => {
    const refused = await failure(exchangeCredentials(source(), { assumeRole: ROLE_MFA }, contextFor(fx.server)));
    expect(refused.code).toBe('AUTH');
    const ok = await exchangeCredentials(source({ mfaTotpSeed: SEED }), { assumeRole: ROLE_MFA, mfaSerial: SERIAL }, contextFor(fx.server));
    const issued = fx.sts.issued.find((entry) => entry.accessKeyId === ok.accessKeyId)!;
    expect(issued.mfaAuthenticated).toBe(true);
    expect(new URLSearchParams(fx.server.requests.at(-1)!.body).get('SerialNumber')).toBe(SERIAL);
  });

  test('--session with --assume-role: MFA session first, then the role assumed with it (one code)', async () => {
    const before = fx.server.requests.length;
    const credentials = await exchangeCredentials(source({ mfaTotpSeed: SEED }), { session: true, assumeRole: ROLE_MFA, mfaSerial: SERIAL }, contextFor(fx.server));
    const requests = fx.server.requests.slice(before).filter((request) => request.verified);
    const operations = requests.map((request) => request.operation);
    expect(operations.at(-1)).toBe('AssumeRole');
    expect(operations).toContain('GetSessionToken');
    const assume = requests.at(-1)!;
    expect(assume.accessKeyId).toMatch(/^ASIA/); // signed with the session, not the long-term key
    expect(new URLSearchParams(assume.body).get('TokenCode')).toBeNull();
    expect(fx.sts.issued.find((entry) => entry.accessKeyId === credentials.accessKeyId)).toMatchObject({ roleArn: ROLE_MFA, mfaAuthenticated: true });
  });

  test("a --duration above the role's maximum is a USAGE error quoting STS", async () => {
    const error = await failure(exchangeCredentials(source(), { assumeRole: ROLE_EXT, externalId: EXTERNAL_ID, durationSeconds: 7200 }, contextFor(fx.server)));
    expect(error.code).toBe('USAGE');
    expect(error.message).toMatch(/MaxSessionDuration/);
  });
});

describe('source keys, clock and throttling', () => {
  test('expired keys: AUTH "the stored long-term keys were rejected"', async () => {
    const error = await failure(exchangeCredentials(source({}, EXPIRED), { session: true }, contextFor(fx.server)));
    expect(error.code).toBe('AUTH');
    expect(error.message).toMatch(/^the stored long-term keys were rejected/);
    expect(error.message).toContain('ExpiredToken');
  });

  test('unknown keys (InvalidClientTokenId) and a wrong secret (SignatureDoesNotMatch) are rejected keys too', async () => {
    const unknown = await failure(
      exchangeCredentials({ accessKeyId: 'AKIANOBODY0000000009', secretAccessKey: 'nobody-secret-000000000000000000000000009' }, { session: true }, contextFor(fx.server)),
    );
    expect(unknown.message).toMatch(/rejected by STS \(InvalidClientTokenId\)/);
    const wrongSecret = await failure(exchangeCredentials(source({ secretAccessKey: 'not-alice-secret-000000000000000000000001' }), { session: true }, contextFor(fx.server)));
    expect(wrongSecret.code).toBe('AUTH');
    expect(wrongSecret.message).toMatch(/rejected by STS \(SignatureDoesNotMatch\)/);
    expect(wrongSecret.hint).toMatch(/secret access key does not match/);
  });

  test('clock skew (SignatureDoesNotMatch "Signature expired") is AUTH with a clock hint', async () => {
    fx.server.addFault({
      operation: 'GetSessionToken',
      error: { type: 'SignatureDoesNotMatch', status: 403, message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T001000Z (20240101T002500Z - 15 min.)' },
    });
    const error = await failure(exchangeCredentials(source(), { session: true }, contextFor(fx.server)));
    expect(error.code).toBe('AUTH');
    expect(error.message).toMatch(/clock/);
    expect(error.hint).toMatch(/sync the clock/);
  });

  test("throttling after the SDK's retries is BACKEND", async () => {
    fx.server.addFault({ operation: 'GetSessionToken', error: { type: 'Throttling', status: 400, message: 'Rate exceeded' } });
    const error = await failure(exchangeCredentials(source(), { session: true }, contextFor(fx.server, { env: { AWS_MAX_ATTEMPTS: '1' } })));
    expect(error.code).toBe('BACKEND');
    expect(error.message).toMatch(/throttled/);
  });

  test('an unreachable endpoint is BACKEND naming it', async () => {
    const error = await failure(exchangeCredentials(source(), { session: true }, contextFor(fx.server, { env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' } })));
    expect(error.code).toBe('BACKEND');
    expect(error.message).toContain('http://127.0.0.1:9');
  });

  test("the AbortSignal ends a hanging request promptly with the signal's reason", async () => {
    fx.server.addFault({ operation: 'GetSessionToken', hang: true });
    const controller = new AbortController();
    const reason = new Error('launcher deadline');
    setTimeout(() => controller.abort(reason), 200);
    const outcome = await exchangeCredentials(source(), { session: true }, contextFor(fx.server, { signal: controller.signal })).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    expect(outcome).toBe(reason);
  });
});

describe('region and endpoint', () => {
  test('AWS_REGION picks the signing region', async () => {
    await exchangeCredentials(source(), { session: true }, contextFor(fx.server, { env: { AWS_REGION: 'ap-southeast-2' } }));
    expect(fx.server.requests.at(-1)!.region).toBe('ap-southeast-2');
  });

  test("AWS_DEFAULT_REGION (the CLI's) is used when AWS_REGION is unset; else us-east-1", async () => {
    await exchangeCredentials(source(), { session: true }, contextFor(fx.server, { env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: 'ca-central-1' } }));
    expect(fx.server.requests.at(-1)!.region).toBe('ca-central-1');
    await exchangeCredentials(source(), { session: true }, contextFor(fx.server, { env: { AWS_REGION: undefined } }));
    expect(fx.server.requests.at(-1)!.region).toBe('us-east-1');
  });

  test('AWS_ENDPOINT_URL alone reaches the server; AWS_ENDPOINT_URL_STS wins over it', async () => {
    const before = fx.server.requests.length;
    await exchangeCredentials(source(), { session: true }, contextFor(fx.server, { env: { AWS_ENDPOINT_URL_STS: undefined, AWS_ENDPOINT_URL: fx.server.url } }));
    expect(fx.server.requests.length).toBe(before + 1);
    await exchangeCredentials(source(), { session: true }, contextFor(fx.server, { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } }));
    expect(fx.server.requests.length).toBe(before + 2);
  });

  test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores them (the request does not reach the local server)', async () => {
    const before = fx.server.requests.length;
    const controller = new AbortController();
    controller.abort(new Error('stop before the real network'));
    await exchangeCredentials(source(), { session: true }, contextFor(fx.server, { signal: controller.signal, env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' } })).catch(
      () => undefined,
    );
    expect(fx.server.requests.length).toBe(before);
  });
});

describe('usage errors before any request', () => {
  test.each([
    [{}, /no STS exchange/],
    [{ assumeRole: 'deploy' }, /not an IAM role ARN/],
    [{ session: true, externalId: 'abc' }, /--external-id needs --assume-role/],
    [{ assumeRole: ROLE, roleSessionName: 'has space' }, /--role-session-name/],
    [{ assumeRole: ROLE, durationSeconds: 60 }, /--duration must be between 900 and 43200/],
    [{ session: true, durationSeconds: 200_000 }, /--duration must be between 900 and 129600/],
    [{ session: true, mfaSerial: 'x' }, /--mfa-serial/],
  ])('%o', async (options, pattern) => {
    const before = fx.server.requests.length;
    const error = await failure(exchangeCredentials(source(), options, contextFor(fx.server)));
    expect(error.code).toBe('USAGE');
    expect(error.message).toMatch(pattern);
    expect(fx.server.requests.length).toBe(before);
  });

  test('keys the plugin returned never appear in any error message', async () => {
    const canaries = [USER.secretAccessKey, OTHER.secretAccessKey, EXPIRED.secretAccessKey, SEED, WRONG_SEED];
    const attempts = [
      () => exchangeCredentials(source({ mfaTotpSeed: WRONG_SEED }), { session: true, mfaSerial: SERIAL }, contextFor(fx.server)),
      () => exchangeCredentials(source({}, OTHER), { assumeRole: ROLE }, contextFor(fx.server)),
      () => exchangeCredentials(source({}, EXPIRED), { session: true }, contextFor(fx.server)),
      () => exchangeCredentials(source({ secretAccessKey: `${USER.secretAccessKey}x` }), { session: true }, contextFor(fx.server)),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt());
      for (const canary of canaries) expect(`${error.message}\n${error.hint ?? ''}`).not.toContain(canary);
    }
  });
});
