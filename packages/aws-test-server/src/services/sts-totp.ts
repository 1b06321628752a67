import { createHmac } from 'node:crypto';

/** An MFA device the fake STS knows: the same seed the client side computes codes from. */
export interface MfaDeviceFixture {
  /** Device ARN (or hardware serial) sent as `SerialNumber`. */
  serial: string;
  /** Base32 TOTP seed. */
  seed: string;
  /** Seconds per code. @default 30 */
  period?: number;
  /** Access key ids of the IAM user the device is assigned to (sessions issued to them count too). */
  ownerKeyIds: string[];
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/gu, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) throw new Error('invalid base32 seed');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/**
 * The 6-digit RFC 6238 code (HMAC-SHA1) of `seed` for time step `step`.
 * Written here from the RFC, independently of the otpauth library the client
 * uses, so a test proves the two agree.
 */
export function totpForStep(seed: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', base32Decode(seed)).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(binary).padStart(6, '0');
}

/** The code a device shows at `time`. */
export function totpAt(seed: string, time: Date, period = 30): string {
  return totpForStep(seed, Math.floor(time.getTime() / 1000 / period));
}

/** The time step `code` is valid for, within ±`window` steps of `time`, or undefined. */
export function matchingStep(seed: string, code: string, time: Date, period = 30, window = 1): number | undefined {
  const current = Math.floor(time.getTime() / 1000 / period);
  for (let delta = -window; delta <= window; delta += 1) {
    if (totpForStep(seed, current + delta) === code) return current + delta;
  }
  return undefined;
}
