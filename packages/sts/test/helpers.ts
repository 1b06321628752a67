import { SecretRedactor, type SourceCredentials } from '@cred-launch/core';
import { createSts, startAwsTestServer, type AwsTestServer, type StsService, type TestKeyPair } from '@cred-launch/aws-test-server';
import type { StsExchangeContext } from '../src/options.js';

export const ACCOUNT = '123456789012';
/** The IAM user whose long-term keys the plugin returns. */
export const USER: TestKeyPair = { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice-long-term-secret-canary-000000000001' };
/** Another IAM user, not trusted by any role. */
export const OTHER: TestKeyPair = { accessKeyId: 'AKIABOB0000000000002', secretAccessKey: 'bob-long-term-secret-canary-00000000000002' };
/** A deactivated key. */
export const EXPIRED: TestKeyPair = { accessKeyId: 'AKIAOLD0000000000003', secretAccessKey: 'old-long-term-secret-canary-00000000000003', expired: true };
export const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const WRONG_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/alice`;
/** Two more devices of alice's, so tests that run in separate processes never share a one-time code. */
export const SERIAL_2 = `arn:aws:iam::${ACCOUNT}:mfa/alice-yubikey`;
export const SEED_2 = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
export const SERIAL_3 = `arn:aws:iam::${ACCOUNT}:mfa/alice-phone`;
export const SEED_3 = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
/** Devices for the desktop-dialog prompt tests (one each: a code is single-use). */
export const DIALOG_DEVICES: ReadonlyArray<{ serial: string; seed: string }> = [
  'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJA',
  'KNSWG4TFORSGK43UKNSWG4TFORSGK43U',
  'ONSWG4TFOQQGIZLTNN2G64BAONSWG4TF',
  'NBSWY3DPO5XXE3DEEBSGK43LORXXAIDB',
].map((seed, index) => ({
  serial: `arn:aws:iam::${ACCOUNT}:mfa/alice-desktop-${index}`,
  seed,
}));
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;
export const ROLE_EXT = `arn:aws:iam::${ACCOUNT}:role/partner`;
export const ROLE_MFA = `arn:aws:iam::${ACCOUNT}:role/admin`;
export const EXTERNAL_ID = 'partner-ext-4711';

export interface StsFixture {
  server: AwsTestServer;
  sts: StsService;
  keys: TestKeyPair[];
  clock: TestClock;
}

/**
 * A clock shared by the fake STS (MFA checks, Expiration) and the exchange
 * (TOTP codes). Each code is accepted once, so tests move it on by a few
 * TOTP steps instead of waiting for real time to pass. It follows real time
 * (plus the offset) unless pinned: a pinned clock starts at a chosen instant
 * and moves on a fixed amount at every reading, so a test can place the
 * readings exactly around a TOTP step boundary, whatever the real time.
 */
export class TestClock {
  offsetMs = 0;
  private pinnedMs: number | undefined;
  private msPerReading = 0;
  readonly now = (): Date => {
    if (this.pinnedMs === undefined) return new Date(Date.now() + this.offsetMs);
    const reading = this.pinnedMs;
    this.pinnedMs += this.msPerReading;
    return new Date(reading);
  };
  /**
   * Every reading from now on is `startMs`, then `startMs + msPerReading`, and so on:
   * real time passes between two readings, and a pinned clock must model that.
   * @param msPerReading - @default 1
   */
  pin(startMs: number, msPerReading = 1): void {
    this.pinnedMs = startMs;
    this.msPerReading = msPerReading;
  }
  /** Back to real time plus the offset. */
  unpin(): void {
    this.pinnedMs = undefined;
  }
  /** Jumps four 30-second steps ahead: every code used before is out of the window. */
  nextSteps(): void {
    this.offsetMs += 120_000;
    if (this.pinnedMs !== undefined) this.pinnedMs += 120_000;
  }
}

let CURRENT_CLOCK: TestClock | undefined;

/** A local STS (the aws-test-server's, not AWS) with alice's MFA device and three roles. */
export async function startSts(): Promise<StsFixture> {
  const keys: TestKeyPair[] = [{ ...USER }, { ...OTHER }, { ...EXPIRED }];
  const clock = new TestClock();
  const sts = createSts({
    keys,
    now: clock.now,
    mfaDevices: [
      { serial: SERIAL, seed: SEED, ownerKeyIds: [USER.accessKeyId] },
      { serial: SERIAL_2, seed: SEED_2, ownerKeyIds: [USER.accessKeyId] },
      { serial: SERIAL_3, seed: SEED_3, ownerKeyIds: [USER.accessKeyId] },
      ...DIALOG_DEVICES.map((device) => ({ ...device, ownerKeyIds: [USER.accessKeyId] })),
    ],
    roles: [
      { arn: ROLE, trustedKeyIds: [USER.accessKeyId], maxSessionDuration: 7200 },
      { arn: ROLE_EXT, trustedKeyIds: [USER.accessKeyId], externalId: EXTERNAL_ID },
      { arn: ROLE_MFA, trustedKeyIds: [USER.accessKeyId], requireMfa: true },
    ],
    requireMfaForSession: [],
  });
  const server = await startAwsTestServer({ keys, services: [sts] });
  CURRENT_CLOCK = clock;
  return { server, sts, keys, clock };
}

/** What the plugin returned. */
export function source(extra: Partial<SourceCredentials> = {}, key: TestKeyPair = USER): SourceCredentials {
  return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, ...extra };
}

export interface TestContext extends StsExchangeContext {
  readonly secrets: SecretRedactor;
  readonly lines: string[];
}

/** An exchange context pointed at the local server through AWS_ENDPOINT_URL_STS. */
export function contextFor(server: AwsTestServer, overrides: Partial<StsExchangeContext> & { env?: Record<string, string | undefined> } = {}): TestContext {
  const lines: string[] = [];
  const secrets = new SecretRedactor();
  return {
    signal: new AbortController().signal,
    log: (line) => lines.push(secrets.redact(line)),
    now: CURRENT_CLOCK?.now ?? (() => new Date()),
    ...overrides,
    env: { AWS_ENDPOINT_URL_STS: server.url, AWS_REGION: 'eu-west-1', USER: 'alice', ...overrides.env },
    secrets,
    lines,
  };
}
