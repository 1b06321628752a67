/**
 * The `openssl enc -aes-256-cbc -pbkdf2` file format, with node:crypto only:
 * this is the hot path of the plugin and must not pull in anything else.
 *
 *   binary:  "Salted__" | 8-byte salt | AES-256-CBC ciphertext (PKCS#7 padded)
 *   -a:      the same bytes in base64, 64 characters a line (one line with -A)
 *   key, IV: PBKDF2-HMAC-<md>(passphrase, salt, iter) → 48 bytes = 32-byte key | 16-byte IV
 */
import { nodeCrypto } from './node-crypto.js';

const { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } = nodeCrypto;

/** The 8 bytes every salted OpenSSL enc file starts with. */
export const OPENSSL_MAGIC: Buffer = Buffer.from('Salted__', 'latin1');
/** `Salted__` plus the first bits of the salt, in base64: how every `-a` file starts. */
export const OPENSSL_BASE64_PREFIX = 'U2FsdGVkX1';
/** `openssl enc -pbkdf2` iterations when `-iter` is not given. */
export const DEFAULT_ITERATIONS = 10000;
/**
 * The most PBKDF2 iterations accepted (openssl itself has no bound): 200x
 * openssl's default and over 3x OWASP's 600,000 for PBKDF2-HMAC-SHA256.
 * PBKDF2 runs synchronously and holds the process for its whole length
 * (1.9 to 3.9 s per million measured on a loaded 2-core build machine), during which
 * neither --timeout nor SIGTERM can act before the watchdog; a larger --iter
 * is refused up front instead (USAGE, exit 64; docs/reliability.md).
 */
export const MAX_ITERATIONS = 2_000_000;
/** Digests `-md` may name that PBKDF2 here supports; sha256 is openssl's default. */
export const OPENSSL_DIGESTS = ['sha256', 'sha1', 'sha224', 'sha384', 'sha512', 'md5'] as const;
/** One of {@link OPENSSL_DIGESTS}. */
export type OpensslDigest = (typeof OPENSSL_DIGESTS)[number];

/** Key derivation parameters; they must match the `-iter` and `-md` used to encrypt. */
export interface OpensslParams {
  /** PBKDF2 iterations (`-iter`). @default 10000 */
  iterations: number;
  /** PBKDF2 digest (`-md`). @default 'sha256' */
  digest: OpensslDigest;
}

/** Outcome of {@link decryptOpenssl}; failures carry no detail that could help an attacker. */
export type OpensslDecryptResult = { ok: true; plaintext: Buffer } | { ok: false; reason: 'truncated' | 'wrong-key' };

const CIPHER = 'aes-256-cbc';
const BLOCK = 16;
const HEADER = 16;

function deriveKeyAndIv(passphrase: Buffer, salt: Buffer, params: OpensslParams): Buffer {
  return pbkdf2Sync(passphrase, salt, params.iterations, 48, params.digest);
}

/** True when `data` starts with the binary OpenSSL salted header. */
export function isOpensslBinary(data: Buffer): boolean {
  return data.length >= OPENSSL_MAGIC.length && data.subarray(0, OPENSSL_MAGIC.length).equals(OPENSSL_MAGIC);
}

/**
 * Decodes an `openssl enc -a` file (any line length, CRLF or LF). Returns
 * undefined when the text is not clean base64, so damage is reported as such
 * rather than as a wrong key.
 */
export function decodeOpensslBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/gu, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/u.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64');
}

/** Base64 in 64-character lines with a final newline, exactly as `openssl enc -a` writes it. */
export function armorOpenssl(data: Buffer): string {
  const base64 = data.toString('base64');
  const lines: string[] = [];
  for (let index = 0; index < base64.length; index += 64) lines.push(base64.slice(index, index + 64));
  return `${lines.join('\n')}\n`;
}

/** Decrypts a binary OpenSSL salted file. A bad padding block means the key (or -iter/-md) is wrong. */
export function decryptOpenssl(data: Buffer, passphrase: Buffer, params: OpensslParams): OpensslDecryptResult {
  if (!isOpensslBinary(data) || data.length < HEADER) return { ok: false, reason: 'truncated' };
  const body = data.subarray(HEADER);
  if (body.length === 0 || body.length % BLOCK !== 0) return { ok: false, reason: 'truncated' };
  const derived = deriveKeyAndIv(passphrase, data.subarray(OPENSSL_MAGIC.length, HEADER), params);
  try {
    const decipher = createDecipheriv(CIPHER, derived.subarray(0, 32), derived.subarray(32, 48));
    return { ok: true, plaintext: Buffer.concat([decipher.update(body), decipher.final()]) };
  } catch {
    return { ok: false, reason: 'wrong-key' };
  } finally {
    derived.fill(0);
  }
}

/** Encrypts like `openssl enc -aes-256-cbc -pbkdf2 [-iter N] [-md D]`: a fresh random salt each time. */
export function encryptOpenssl(plaintext: Buffer, passphrase: Buffer, params: OpensslParams): Buffer {
  const salt = randomBytes(8);
  const derived = deriveKeyAndIv(passphrase, salt, params);
  try {
    const cipher = createCipheriv(CIPHER, derived.subarray(0, 32), derived.subarray(32, 48));
    return Buffer.concat([OPENSSL_MAGIC, salt, cipher.update(plaintext), cipher.final()]);
  } finally {
    derived.fill(0);
  }
}
