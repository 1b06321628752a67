/**
 * The MFA seed from a 1Password one-time password field. Resolving such a
 * field WITHOUT `?attribute=otp` returns its stored value — an
 * `otpauth://totp/…?secret=BASE32` URI, or the bare base32 seed — while
 * `?attribute=otp` returns the current six-digit code, which expires within
 * 30 seconds and is useless to the launcher's cache. So the plugin reads the
 * raw value and hands the launcher the seed (`mfaTotpSeed`), from which it
 * computes a fresh code whenever STS asks for one.
 */

const BASE32 = /^[A-Z2-7]+=*$/u;

/**
 * Extracts a base32 TOTP seed from an `otpauth://totp/` URI or a bare seed
 * (spaces and dashes, as apps display seeds, are removed). Returns undefined
 * when the value is neither — e.g. a 6-digit code or an HOTP URI.
 */
export function totpSeedFrom(value: string): string | undefined {
  const text = value.trim();
  let seed: string;
  if (/^otpauth:/iu.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    if (url.hostname.toLowerCase() !== 'totp') return undefined;
    seed = url.searchParams.get('secret') ?? '';
  } else {
    seed = text;
  }
  seed = seed.replace(/[\s-]/gu, '').toUpperCase();
  // A bare run of digits is a code, not a seed (base32 has no 0, 1, 8, 9 and
  // a seed is at least 16 characters for 80 bits).
  if (seed.length < 16 || !BASE32.test(seed)) return undefined;
  return seed;
}
