import { CredentialError } from '@cred-launch/core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Authenticated, Session } from '../session.js';
import { readSecretFile } from './files.js';

/**
 * The token the vault CLI would use: `--token-file` (a flag wins over the
 * environment), else `VAULT_TOKEN`, else the `~/.vault-token` that
 * `vault login` writes (with the context's home directory).
 */
export async function tokenFromEnvironment(session: Session, tokenFile: string | undefined): Promise<Authenticated> {
  if (tokenFile !== undefined) {
    const token = await readSecretFile(tokenFile, session.dirs, 'token', '--token-file');
    session.secrets.add(token);
    return { token, source: `--token-file ${tokenFile}`, loggedIn: false };
  }
  const fromEnv = session.env.VAULT_TOKEN?.trim();
  if (fromEnv) {
    session.secrets.add(fromEnv);
    return { token: fromEnv, source: 'VAULT_TOKEN', loggedIn: false };
  }
  const file = join(session.dirs.homedir, '.vault-token');
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      throw new CredentialError('CONFIG', `vault: cannot read ${file} (${code ?? 'error'})`, { cause: error, hint: 'fix its permissions, or set VAULT_TOKEN' });
    }
  }
  const token = text?.trim();
  if (!token) {
    throw new CredentialError('AUTH', 'vault: no Vault token (VAULT_TOKEN is not set and ~/.vault-token is missing or empty)', {
      hint: 'run `vault login`, set VAULT_TOKEN, or log in with --auth approle|kubernetes|jwt',
    });
  }
  session.secrets.add(token);
  session.log(`vault: using the token from ${file}`);
  return { token, source: '~/.vault-token', loggedIn: false };
}
