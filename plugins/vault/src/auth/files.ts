import { CredentialError } from '@cred-launch/core';
import { readFile } from 'node:fs/promises';
import { resolveUserPath } from '../paths.js';

/**
 * Reads a small secret file (token, secret_id, JWT), trimmed. Missing or
 * empty files are CONFIG errors naming the file and where it was configured.
 */
export async function readSecretFile(path: string, dirs: { cwd: string; homedir: string }, what: string, configuredBy: string): Promise<string> {
  const file = resolveUserPath(path, dirs);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CredentialError('CONFIG', `vault: cannot read the ${what} file ${file} (${code})`, { cause: error, hint: `check ${configuredBy}` });
  }
  const value = text.trim();
  if (value === '') throw new CredentialError('CONFIG', `vault: the ${what} file ${file} is empty`, { hint: `check ${configuredBy}` });
  return value;
}
