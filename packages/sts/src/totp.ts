import { CredentialError } from '@cred-launch/core';

/** The parameters of one TOTP device. */
export interface TotpDevice {
  /** Base32 secret. */
  secret: string;
  /** @default 'SHA1' */
  algorithm: string;
  /** @default 6 */
  digits: number;
  /** Seconds per code. @default 30 */
  period: number;
}

const BASE32 = /^[A-Z2-7]+=*$/u;

function invalidSeed(problem: string): CredentialError {
  // Never quote the value: it is the MFA device's secret.
  return new CredentialError('INVALID_SECRET', `the MFA TOTP seed returned by the plugin ${problem}`, {
    hint: 'store the base32 seed (or the otpauth://totp/ URI) of the MFA device as shown when it was set up',
  });
}

/**
 * Reads a seed as plugins return it: a bare base32 secret (spaces and dashes,
 * as apps group it, are ignored) or an `otpauth://totp/…?secret=…` URI whose
 * algorithm, digits and period are honoured.
 */
export function parseTotpSeed(seed: string): TotpDevice {
  const text = seed.trim();
  const device: TotpDevice = { secret: '', algorithm: 'SHA1', digits: 6, period: 30 };
  if (/^otpauth:/iu.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw invalidSeed('is not a valid otpauth:// URI');
    }
    if (url.hostname.toLowerCase() !== 'totp') throw invalidSeed('is an otpauth URI but not a TOTP one');
    device.secret = url.searchParams.get('secret') ?? '';
    const algorithm = url.searchParams.get('algorithm');
    if (algorithm) device.algorithm = algorithm.toUpperCase();
    const digits = url.searchParams.get('digits');
    if (digits) device.digits = Number(digits);
    const period = url.searchParams.get('period');
    if (period) device.period = Number(period);
  } else {
    device.secret = text;
  }
  device.secret = device.secret.replace(/[\s-]/gu, '').toUpperCase();
  if (device.secret.length < 16 || !BASE32.test(device.secret)) throw invalidSeed('is not a base32 secret');
  if (!['SHA1', 'SHA256', 'SHA512'].includes(device.algorithm)) throw invalidSeed('names an unsupported algorithm');
  if (!Number.isInteger(device.digits) || device.digits < 6 || device.digits > 8) throw invalidSeed('has an unsupported number of digits');
  if (!Number.isInteger(device.period) || device.period < 1 || device.period > 300) throw invalidSeed('has an unsupported period');
  return device;
}

/** The code a device shows at `time`, computed by the otpauth library (RFC 6238). */
export async function totpCode(device: TotpDevice, time: Date): Promise<string> {
  const { TOTP, Secret } = await import('otpauth');
  return TOTP.generate({
    secret: Secret.fromBase32(device.secret),
    algorithm: device.algorithm,
    digits: device.digits,
    period: device.period,
    timestamp: time.getTime(),
  });
}

/** Milliseconds from `time` until the device shows its next code. */
export function msUntilNextCode(device: TotpDevice, time: Date): number {
  const periodMs = device.period * 1000;
  return periodMs - (time.getTime() % periodMs);
}
