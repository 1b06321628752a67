import { fileError } from './errors.js';
import type { EncryptedFormat } from './detect.js';
import { ageKey, opensslPassphrase, type KeyMaterial } from './key-material.js';
import { decodeOpensslBase64, decryptOpenssl, isOpensslBinary, type OpensslDecryptResult, type OpensslParams } from './openssl.js';

/** Options for {@link decryptFile}. */
export interface DecryptFileOptions {
  /** Names the file in messages. */
  path: string;
  /** Key derivation parameters for the OpenSSL format (ignored for age). */
  openssl: OpensslParams;
  signal: AbortSignal;
}

const CR = 0x0d;

/** Decoded text, or undefined when the bytes are not UTF-8 text (what a wrong key produces). */
export function decodeText(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(text) ? undefined : text;
}

function wrongOpensslKey(options: DecryptFileOptions, key: KeyMaterial): Error {
  const { iterations, digest } = options.openssl;
  if (key.raw.includes('AGE-SECRET-KEY-')) {
    return fileError(
      'AUTH',
      `wrong key: ${options.path} is an OpenSSL file but ${key.origin} holds an age identity`,
      'give the OpenSSL passphrase file the file was encrypted with',
    );
  }
  return fileError(
    'AUTH',
    `wrong key or not an OpenSSL file: ${options.path} does not decrypt with ${key.origin}`,
    `check the key; the file must come from openssl enc -aes-256-cbc -pbkdf2 with -iter ${iterations} -md ${digest} (else pass --iter/--md)`,
  );
}

function decryptOpensslFile(data: Buffer, key: KeyMaterial, options: DecryptFileOptions): Buffer {
  const passphrase = opensslPassphrase(key);
  let result: OpensslDecryptResult = decryptOpenssl(data, passphrase, options.openssl);
  // openssl keeps the \r of a CRLF key file, but a key file edited on Windows
  // was most likely used without it: one more try costs only a failed PBKDF2.
  if (!result.ok && result.reason === 'wrong-key' && key.kind === 'file' && passphrase.at(-1) === CR && passphrase.length > 1) {
    result = decryptOpenssl(data, passphrase.subarray(0, -1), options.openssl);
  }
  if (!result.ok && result.reason === 'truncated') {
    throw fileError('INVALID_SECRET', `${options.path} is truncated or damaged (not a whole number of AES blocks)`, 'restore it from a backup or encrypt it again');
  }
  if (!result.ok) throw wrongOpensslKey(options, key);
  // Bad padding catches a wrong key 255 times in 256; text that is not text catches the rest.
  if (decodeText(result.plaintext) === undefined) throw wrongOpensslKey(options, key);
  return result.plaintext;
}

/**
 * Decrypts a file of a known format with the user's key. OpenSSL runs inline
 * on node:crypto; age loads its module only here (node:crypto too, and
 * age-encryption only when that module's fast path does not settle the file).
 */
export async function decryptFile(data: Buffer, format: EncryptedFormat, key: KeyMaterial, options: DecryptFileOptions): Promise<Buffer> {
  if (format === 'openssl') return decryptOpensslFile(data, key, options);
  if (format === 'openssl-base64') {
    const binary = decodeOpensslBase64(data.toString('latin1'));
    if (binary === undefined || !isOpensslBinary(binary)) {
      throw fileError('INVALID_SECRET', `${options.path} looks like openssl enc -a output but its base64 is damaged`, 'restore it from a backup or encrypt it again');
    }
    return decryptOpensslFile(binary, key, options);
  }
  const { decryptAge } = await import('./age.js');
  return decryptAge(data, format === 'age-armor', ageKey(key), { path: options.path, keyOrigin: key.origin, signal: options.signal });
}
