/**
 * The age format, through `age-encryption`. This module is only ever loaded
 * with `import()` once a file is known to be age (or an age file is to be
 * written): the library and its noble dependencies cost far more start-up
 * than the OpenSSL path, which never loads them.
 */
import { abortable, type CredentialError } from '@cred-launch/core';
import { dearmorAge, openAgeNatively } from './age-native.js';
import { fileError } from './errors.js';
import type { AgeKey } from './key-material.js';

/** Who an age file is encrypted to. */
export type AgeTarget = { kind: 'recipients'; recipients: string[] } | { kind: 'passphrase'; passphrase: string; workFactor: number };

/** Names the file and the key in messages, never their contents. */
export interface AgeDecryptContext {
  path: string;
  keyOrigin: string;
  signal: AbortSignal;
}

const HEADER_SCAN_LIMIT = 64 * 1024;

/** The recipient stanza types of a binary age file's header (`X25519`, `scrypt`, …). */
export function ageStanzaTypes(file: Uint8Array): string[] {
  const header = Buffer.from(file.subarray(0, HEADER_SCAN_LIMIT)).toString('latin1');
  const types: string[] = [];
  for (const line of header.split('\n').slice(1)) {
    if (line.startsWith('---')) break;
    if (line.startsWith('-> ')) types.push(line.slice(3).split(' ')[0] ?? '');
  }
  return types;
}

function noMatchError(types: string[], key: AgeKey, context: AgeDecryptContext): CredentialError {
  const byPassphrase = types.includes('scrypt');
  if (byPassphrase && key.kind === 'identities') {
    return fileError(
      'AUTH',
      `${context.path} is encrypted with a passphrase (age -p), but ${context.keyOrigin} holds age identities`,
      'give the passphrase instead: the first line of --key-file, or --key-env',
    );
  }
  if (!byPassphrase && key.kind === 'passphrase') {
    if (types.length > 0 && types.every((type) => type.startsWith('ssh-'))) {
      return fileError(
        'AUTH',
        `${context.path} is encrypted to an SSH key, which this plugin cannot use`,
        're-encrypt it to an age identity: cred-launch file encrypt --format age',
      );
    }
    return fileError(
      'AUTH',
      `${context.path} is encrypted to age recipients, but ${context.keyOrigin} holds a passphrase, not an identity`,
      'use the identity file (AGE-SECRET-KEY-1…, from age-keygen) the file was encrypted to',
    );
  }
  return fileError(
    'AUTH',
    byPassphrase ? `wrong passphrase for ${context.path}` : `wrong key: no identity in ${context.keyOrigin} matches the recipients of ${context.path}`,
    byPassphrase ? 'check the passphrase in the key file or variable' : 'use the identity file whose public key (age1…) the file was encrypted to',
  );
}

function decryptError(error: unknown, types: string[], key: AgeKey, context: AgeDecryptContext): CredentialError {
  const message = error instanceof Error ? error.message : '';
  if (message.includes('no identity matched')) return noMatchError(types, key, context);
  if (message.includes('work factor')) {
    return fileError('CONFIG', `${context.path} uses an scrypt work factor above 20, which is refused`, 're-encrypt it with a work factor of at most 20');
  }
  return fileError('INVALID_SECRET', `${context.path} is a damaged or truncated age file`, 'restore it from a backup or encrypt it again', error);
}

/**
 * Decrypts an age file (binary or armored) with identities or a passphrase:
 * on node:crypto when the fast path settles it (age-native.ts: a key that
 * opens it, or a well-formed file the key does not open); anything else goes
 * to age-encryption, imported only then, which decides and words the error
 * as it always did.
 */
export async function decryptAge(data: Buffer, armored: boolean, key: AgeKey, context: AgeDecryptContext): Promise<Buffer> {
  const binary = armored ? dearmorAge(data.toString('utf8')) : data;
  if (binary !== undefined) {
    const native = openAgeNatively(binary, key);
    if (native?.kind === 'plaintext') return native.plaintext;
    if (native?.kind === 'no-match') throw noMatchError(ageStanzaTypes(binary), key, context);
  }
  return decryptWithLibrary(data, armored, key, context);
}

async function decryptWithLibrary(data: Buffer, armored: boolean, key: AgeKey, context: AgeDecryptContext): Promise<Buffer> {
  const age = await import('age-encryption');
  let binary: Uint8Array;
  if (armored) {
    try {
      binary = age.armor.decode(data.toString('utf8'));
    } catch (error) {
      throw fileError('INVALID_SECRET', `${context.path} has damaged or truncated age armor`, 'restore it from a backup or encrypt it again', error);
    }
  } else {
    binary = new Uint8Array(data);
  }
  const decrypter = new age.Decrypter();
  if (key.kind === 'passphrase') {
    decrypter.addPassphrase(key.passphrase);
  } else {
    key.identities.forEach((identity, index) => {
      try {
        decrypter.addIdentity(identity);
      } catch {
        // The library's message could quote the identity: do not keep it.
        throw fileError(
          'CONFIG',
          `${context.keyOrigin}: identity ${index + 1} is not a valid age identity`,
          'generate one with age-keygen or `cred-launch file encrypt --format age --generate-key`',
        );
      }
    });
  }
  const types = ageStanzaTypes(binary);
  try {
    return Buffer.from(await abortable(decrypter.decrypt(binary), context.signal));
  } catch (error) {
    if (context.signal.aborted) throw error;
    throw decryptError(error, types, key, context);
  }
}

/** Encrypts to age recipients or a passphrase, binary or armored. */
export async function encryptAge(plaintext: Buffer, target: AgeTarget, armor: boolean): Promise<Buffer> {
  const age = await import('age-encryption');
  const encrypter = new age.Encrypter();
  if (target.kind === 'passphrase') {
    encrypter.setScryptWorkFactor(target.workFactor);
    encrypter.setPassphrase(target.passphrase);
  } else {
    for (const recipient of target.recipients) {
      try {
        encrypter.addRecipient(recipient);
      } catch {
        throw fileError('USAGE', `"${recipient}" is not an age recipient`, 'a recipient looks like age1… (age-keygen -y KEYFILE prints it)');
      }
    }
  }
  let encrypted: Uint8Array;
  try {
    encrypted = await encrypter.encrypt(new Uint8Array(plaintext));
  } catch (error) {
    throw fileError('USAGE', 'age could not encrypt to the given recipients', 'check each --recipient is an age1… public key', error);
  }
  return armor ? Buffer.from(age.armor.encode(encrypted), 'utf8') : Buffer.from(encrypted);
}

/** The recipients (public keys) of identities, for encrypting to the identity in a key file. */
export async function recipientsOf(identities: readonly string[], keyOrigin: string): Promise<string[]> {
  const age = await import('age-encryption');
  const recipients: string[] = [];
  for (const [index, identity] of identities.entries()) {
    try {
      recipients.push(await age.identityToRecipient(identity));
    } catch {
      throw fileError('CONFIG', `${keyOrigin}: identity ${index + 1} is not a valid age identity`, 'generate one with age-keygen');
    }
  }
  return recipients;
}

/** A new X25519 identity file in age-keygen's layout, and its recipient. */
export async function generateAgeIdentityFile(now: Date): Promise<{ text: string; identity: string; recipient: string }> {
  const age = await import('age-encryption');
  const identity = await age.generateX25519Identity();
  const recipient = await age.identityToRecipient(identity);
  const created = now.toISOString().replace(/\.\d{3}Z$/u, 'Z');
  return { text: `# created: ${created}\n# public key: ${recipient}\n${identity}\n`, identity, recipient };
}
