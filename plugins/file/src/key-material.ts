import type { Stats } from 'node:fs';
import type { SecretSink, SourceEnv } from '@cred-launch/core';
import { fileError } from './errors.js';
import { readBounded } from './read-file.js';

/** Key material as read, before it is interpreted for one format. */
export interface KeyMaterial {
  /** Names the source in messages: `key file /path` or `environment variable NAME`. */
  readonly origin: string;
  /** `file` follows `openssl -pass file:` (first line); `env` follows `-pass env:` (whole value). */
  readonly kind: 'file' | 'env';
  /** The file's bytes or the variable's value. */
  readonly raw: Buffer;
}

/** Where the key comes from: exactly one of the two. */
export interface KeySource {
  /** Absolute path of a key file. */
  keyFile?: string;
  /** Name of an environment variable holding the key. */
  keyEnv?: string;
}

/** The process identity the ownership check compares against (injectable for tests). */
export interface KeyFileOwner {
  uid: number | undefined;
  platform: NodeJS.Platform;
}

const MAX_KEY_BYTES = 64 * 1024;
// openssl reads a `-pass file:` password with BIO_gets into a 1024-byte buffer.
const OPENSSL_PASS_MAX = 1023;

function currentOwner(): KeyFileOwner {
  return { uid: typeof process.getuid === 'function' ? process.getuid() : undefined, platform: process.platform };
}

/**
 * Refuses a key file others could read or replace, as ssh refuses a private
 * key: any group/other permission bit, or an owner other than the current
 * user. Windows has no POSIX modes, so the check is skipped there.
 */
export function checkKeyFileStat(stat: Pick<Stats, 'mode' | 'uid'>, path: string, owner: KeyFileOwner = currentOwner()): void {
  if (owner.platform === 'win32') return;
  if (owner.uid !== undefined && stat.uid !== owner.uid) {
    throw fileError('CONFIG', `key file ${path} is owned by uid ${stat.uid}, not by you (uid ${owner.uid})`, 'use a key file you own, with mode 600');
  }
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw fileError('CONFIG', `key file ${path} has permissions 0${mode.toString(8)}, which are too open`, `other users must not access it: chmod 600 ${path}`);
  }
}

/** Reads the key from the file or environment variable the user named, checking a file's permissions first. */
export async function loadKeyMaterial(source: KeySource, env: SourceEnv, secrets: SecretSink, signal: AbortSignal, owner?: KeyFileOwner): Promise<KeyMaterial> {
  let material: KeyMaterial;
  if (source.keyFile !== undefined) {
    const { bytes, stat } = await readBounded(source.keyFile, {
      what: 'key file',
      maxBytes: MAX_KEY_BYTES,
      signal,
      missingHint: 'check the --key-file path (create one with `cred-launch file encrypt … --generate-key`)',
    });
    checkKeyFileStat(stat, source.keyFile, owner);
    material = { origin: `key file ${source.keyFile}`, kind: 'file', raw: bytes };
  } else if (source.keyEnv !== undefined) {
    const value = env[source.keyEnv];
    if (value === undefined || value === '') {
      throw fileError(
        'CONFIG',
        `environment variable ${source.keyEnv} (named by --key-env) is not set or empty`,
        'export it in the environment the AWS tool runs in, or use --key-file',
      );
    }
    material = { origin: `environment variable ${source.keyEnv}`, kind: 'env', raw: Buffer.from(value, 'utf8') };
  } else {
    throw fileError('USAGE', 'no key given', 'pass --key-file <path> or --key-env <VAR>');
  }
  secrets.add(material.raw.toString('utf8'));
  for (const line of material.raw.toString('utf8').split(/\r?\n/u)) secrets.add(line);
  return material;
}

/**
 * The passphrase openssl would use: for a key file, the first line exactly as
 * `-pass file:` reads it (at most 1023 bytes, only `\n` removed, so a `\r`
 * stays, up to a NUL); for a variable, the whole value as `-pass env:`.
 */
export function opensslPassphrase(key: KeyMaterial): Buffer {
  let pass = key.raw;
  if (key.kind === 'file') {
    pass = pass.subarray(0, OPENSSL_PASS_MAX);
    const newline = pass.indexOf(0x0a);
    if (newline !== -1) pass = pass.subarray(0, newline);
  }
  const nul = pass.indexOf(0x00);
  if (nul !== -1) pass = pass.subarray(0, nul);
  if (pass.length === 0) {
    throw fileError(
      'CONFIG',
      `${key.origin} is empty${key.kind === 'file' ? ' (its first line is the key)' : ''}`,
      'put the passphrase on the first line, e.g. `openssl rand -base64 32 > KEYFILE`',
    );
  }
  return pass;
}

/** How an age file is to be opened: with identities (`AGE-SECRET-KEY-1…`) or a passphrase. */
export type AgeKey = { kind: 'identities'; identities: string[] } | { kind: 'passphrase'; passphrase: string };

/**
 * Reads key material as age does: an identity file (one identity per line,
 * `#` comments and blank lines allowed, as age-keygen writes it), or else a
 * passphrase (first line of a file, whole value of a variable).
 */
export function ageKey(key: KeyMaterial): AgeKey {
  const text = key.raw.toString('utf8').replace(/^\uFEFF/u, '');
  const lines = text.split(/\r?\n/u).map((line) => line.trim());
  const meaningful = lines.filter((line) => line !== '' && !line.startsWith('#'));
  if (meaningful.some((line) => line.startsWith('AGE-SECRET-KEY-') || line.startsWith('AGE-PLUGIN-'))) {
    meaningful.forEach((line, index) => {
      if (line.startsWith('AGE-PLUGIN-')) {
        throw fileError('CONFIG', `${key.origin} holds an age plugin identity, which this plugin cannot use`, 'use an X25519 identity from age-keygen');
      }
      if (!/^AGE-SECRET-KEY-(PQ-)?1[0-9A-Z]+$/u.test(line)) {
        throw fileError(
          'CONFIG',
          `${key.origin}: identity ${index + 1} is not a valid age identity`,
          'an identity file holds AGE-SECRET-KEY-1… lines and # comments (age-keygen output)',
        );
      }
    });
    return { kind: 'identities', identities: meaningful };
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/u.test(text)) {
    throw fileError('CONFIG', `${key.origin} holds an SSH or PEM private key; SSH identities are not supported`, 'use an X25519 identity from age-keygen, or a passphrase');
  }
  // A passphrase file is read like openssl's: the first line, without its line ending.
  const passphrase = key.kind === 'file' ? (text.split(/\r?\n/u)[0] ?? '') : text;
  if (passphrase === '') throw fileError('CONFIG', `${key.origin} is empty`, 'put the age identity or passphrase in it');
  return { kind: 'passphrase', passphrase };
}
