import type { SecretSink } from '@cred-launch/core';
import { rolesAnywhereError } from './errors.js';
import { readSmallFile } from './read-file.js';

/** The process identity the ownership check compares against (injectable for tests). */
export interface FileOwner {
  uid: number | undefined;
  platform: NodeJS.Platform;
}

function currentOwner(): FileOwner {
  return { uid: typeof process.getuid === 'function' ? process.getuid() : undefined, platform: process.platform };
}

/**
 * Refuses a passphrase file others could read or replace, as the file
 * plugin refuses its key file (and ssh a private key): any group/other
 * permission bit, or an owner other than the current user. Windows has no
 * POSIX modes, so the check is skipped there.
 */
export function checkPassphraseFileStat(stat: { mode: number; uid: number }, path: string, owner: FileOwner = currentOwner()): void {
  if (owner.platform === 'win32') return;
  if (owner.uid !== undefined && stat.uid !== owner.uid) {
    throw rolesAnywhereError('CONFIG', `passphrase file ${path} is owned by uid ${stat.uid}, not by you (uid ${owner.uid})`, 'use a passphrase file you own, with mode 600');
  }
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw rolesAnywhereError('CONFIG', `passphrase file ${path} has permissions 0${mode.toString(8)}, which are too open`, `other users must not access it: chmod 600 ${path}`);
  }
}

/** The first line of the passphrase file (without its line ending), registered as a secret. */
export async function readPassphraseFile(path: string, secrets: SecretSink, owner?: FileOwner): Promise<string> {
  const { bytes, stat } = await readSmallFile(path, 'passphrase file');
  checkPassphraseFileStat(stat, path, owner);
  const text = bytes.toString('utf8');
  secrets.add(text);
  const passphrase = text.split(/\r?\n/u)[0] ?? '';
  if (passphrase === '') throw rolesAnywhereError('CONFIG', `passphrase file ${path} is empty`, 'put the passphrase on its first line');
  secrets.add(passphrase);
  return passphrase;
}
