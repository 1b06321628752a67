import { CredentialError, isCredentialError, readRegularFile } from '@cred-launch/core';
import { resolveUserPath } from '../paths.js';

/**
 * Reads a small secret file (token, secret_id, JWT), trimmed. Missing or
 * empty files are CONFIG errors naming the file and where it was configured.
 */
export async function readSecretFile(path: string, dirs: { cwd: string; homedir: string }, what: string, configuredBy: string): Promise<string> {
  const file = resolveUserPath(path, dirs);
  let text: string;
  try {
    // Non-blocking open + fstat: a FIFO or device is refused (CONFIG) before any read.
    text = (await readRegularFile(file, { what: `vault: the ${what} file`, maxBytes: 64 * 1024, hint: `check ${configuredBy}` })).bytes.toString('utf8');
  } catch (error) {
    if (isCredentialError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CredentialError('CONFIG', `vault: cannot read the ${what} file ${file} (${code})`, { cause: error, hint: `check ${configuredBy}` });
  }
  const value = text.trim();
  if (value === '') throw new CredentialError('CONFIG', `vault: the ${what} file ${file} is empty`, { hint: `check ${configuredBy}` });
  return value;
}
