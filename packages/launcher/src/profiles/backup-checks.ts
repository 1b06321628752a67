import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isBackupName, quotePosixArgument, type AwsFileLocations } from '@cred-launch/aws-profiles';
import { scanIniLines } from '@cred-launch/core';
import type { Diagnosis } from './doctor-types.js';

/** Keys whose values are secret (an access key id alone is not). */
const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);
/** A backup of an AWS file is a few kilobytes; anything larger is not read. */
const MAX_BACKUP_BYTES = 1024 * 1024;

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The file's text and mode, or undefined when it is not a regular file we can read (never blocks on a FIFO). */
function readSmallFile(path: string): { text: string; mode: number } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_BACKUP_BYTES) return undefined;
    const buffer = Buffer.alloc(stat.size);
    const read = readSync(fd, buffer, 0, stat.size, 0);
    return { text: buffer.subarray(0, read).toString('utf8'), mode: stat.mode & 0o777 };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function shellWord(path: string): string {
  try {
    return quotePosixArgument(path);
  } catch {
    return path;
  }
}

/**
 * Backups `configure` left beside the config and credentials files
 * (`credentials.20261122T232130Z.bak`) that still hold secret keys in plain
 * text: after `--remove-static-keys` the keys live on in the backup, which
 * before 0600 backups kept the original file's mode. Values are never read
 * into the report, only the key names.
 */
export function plaintextBackupDiagnoses(locations: AwsFileLocations): Diagnosis[] {
  const diagnoses: Diagnosis[] = [];
  const files = [...new Set([realpathOrSelf(locations.configFile), realpathOrSelf(locations.credentialsFile)])];
  for (const file of files) {
    let names: string[];
    try {
      names = readdirSync(dirname(file));
    } catch {
      continue;
    }
    for (const name of names.filter((entry) => isBackupName(entry, basename(file))).sort()) {
      const path = join(dirname(file), name);
      const backup = readSmallFile(path);
      if (backup === undefined) continue;
      const keys = [...new Set(scanIniLines(backup.text).flatMap((line) => (line.entry !== undefined && SECRET_KEYS.has(line.entry.key) ? [line.entry.key] : [])))];
      if (keys.length === 0) continue;
      const readable = (backup.mode & 0o077) !== 0 ? `, and others can read it (mode 0${backup.mode.toString(8)})` : '';
      diagnoses.push({
        severity: 'warning',
        code: 'PLAINTEXT_BACKUP',
        message: `${path} is a backup configure made of ${basename(file)}; it still holds ${keys.join(', ')} in plain text${readable}`,
        fix: `rm -- ${shellWord(path)}   (after checking the profile works: cred-launch doctor)`,
      });
    }
  }
  return diagnoses;
}
