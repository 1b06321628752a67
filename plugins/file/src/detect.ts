import { looksLikeIni } from '@cred-launch/core';
import { OPENSSL_BASE64_PREFIX, isOpensslBinary } from './openssl.js';

/** The encrypted formats the plugin reads. */
export type EncryptedFormat = 'openssl' | 'openssl-base64' | 'age' | 'age-armor';

/** What a file turned out to be. */
export type DetectedFormat = EncryptedFormat | 'empty' | 'plaintext-credentials' | 'unknown';

const AGE_MAGIC = Buffer.from('age-encryption.org/', 'latin1');
/** The first line of an armored age file. */
export const AGE_ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';

/** True for the age formats, whose decoder is loaded only when needed. */
export function isAgeFormat(format: DetectedFormat): format is 'age' | 'age-armor' {
  return format === 'age' || format === 'age-armor';
}

/** Plaintext that is plainly an AWS credentials file or credentials JSON/dotenv. */
function looksLikeCredentials(text: string): boolean {
  return looksLikeIni(text) || /^\s*\{/u.test(text) || /aws_access_key_id|aws_secret_access_key|AccessKeyId|SecretAccessKey/iu.test(text);
}

/**
 * Tells the formats apart by their first bytes, as `age` and `openssl` do:
 * binary `Salted__`, base64 `U2FsdGVkX1…`, binary `age-encryption.org/v1`,
 * armored `-----BEGIN AGE ENCRYPTED FILE-----`. Anything else is reported as
 * plaintext credentials (so the user is told to encrypt it) or unknown.
 */
export function detectFormat(data: Buffer): DetectedFormat {
  if (data.length === 0) return 'empty';
  if (isOpensslBinary(data)) return 'openssl';
  if (data.length >= AGE_MAGIC.length && data.subarray(0, AGE_MAGIC.length).equals(AGE_MAGIC)) return 'age';
  // Only the start matters for the text formats; never decode a whole binary file.
  const head = data
    .subarray(0, 256)
    .toString('latin1')
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/u, '')
    .trimStart();
  if (head === '') return 'empty';
  if (head.startsWith(AGE_ARMOR_BEGIN)) return 'age-armor';
  if (head.startsWith(OPENSSL_BASE64_PREFIX)) return 'openssl-base64';
  if (looksLikeCredentials(data.toString('utf8'))) return 'plaintext-credentials';
  return 'unknown';
}
