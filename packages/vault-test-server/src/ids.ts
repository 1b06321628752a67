import { randomBytes, randomUUID } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64ISH = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

/** A fresh access key id shaped like AWS's: `AKIA…` for IAM users, `ASIA…` for STS. */
export function newAccessKeyId(kind: 'iam' | 'sts'): string {
  return `${kind === 'iam' ? 'AKIA' : 'ASIA'}${randomFrom(BASE32, 16)}`;
}

/** A fresh 40-character secret access key. */
export function newSecretAccessKey(): string {
  return randomFrom(BASE64ISH, 40);
}

/** A fresh session token (long, opaque). */
export function newSessionToken(): string {
  return `FwoGZXIvYXdzE${randomFrom(BASE64ISH, 180)}`;
}

/** A Vault-style service token (`hvs.` prefix, as Vault 1.10+ issues them). */
export function newVaultToken(): string {
  return `hvs.${randomFrom(BASE64ISH.slice(0, 62), 24)}`;
}

/** A request id / accessor / lease suffix. */
export function newId(): string {
  return randomUUID();
}

/** A short random suffix for lease ids. */
export function newLeaseSuffix(): string {
  return randomFrom(BASE64ISH.slice(0, 62), 24);
}

/**
 * Parses a TTL as Vault's TypeDurationSecond does: an integer number of
 * seconds, or a Go duration such as `900s`, `15m`, `1h30m`. Returns undefined
 * when the text is not a duration.
 */
export function parseVaultDuration(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+$/u.test(text)) return Number(text);
  const pattern = /(\d+(?:\.\d+)?)(ms|h|m|s)/gu;
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index !== consumed) return undefined;
    consumed += match[0].length;
    const amount = Number(match[1]);
    total += amount * { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  }
  if (consumed === 0 || consumed !== text.length) return undefined;
  return Math.floor(total);
}
