import { CredentialError, isCredentialError, readRegularFile } from '@cred-launch/core';
import { join } from 'node:path';
import type { Authenticated, Session } from '../session.js';
import { readSecretFile } from './files.js';

/** What the vault CLI's internal token helper stores: `<home>/.vault-token`, or undefined. */
async function readTokenFile(session: Session): Promise<string | undefined> {
  const file = join(session.dirs.homedir, '.vault-token');
  let text: string | undefined;
  try {
    text = (await readRegularFile(file, { what: 'vault:', maxBytes: 64 * 1024, signal: session.signal, hint: 'remove it, or set VAULT_TOKEN' })).bytes.toString('utf8');
  } catch (error) {
    // A FIFO or device as ~/.vault-token is refused (CONFIG) before any read.
    if (isCredentialError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      throw new CredentialError('CONFIG', `vault: cannot read ${file} (${code ?? 'error'})`, { cause: error, hint: 'fix its permissions, or set VAULT_TOKEN' });
    }
  }
  const token = text?.trim();
  if (token) session.log(`vault: using the token from ${file}`);
  return token || undefined;
}

/**
 * The token the vault CLI would use (command/base.go `Client`): `--token-file`
 * (a flag wins over the environment), else `VAULT_TOKEN`, else the token
 * helper — the external one named by `token_helper` in `~/.vault`
 * (`VAULT_CONFIG_PATH`), or the internal one, `~/.vault-token`. With none and
 * a Vault Agent/Proxy address, no token: the agent adds its auto-auth token.
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
  // The CLI configuration is read only when no token was given (most runs have VAULT_TOKEN).
  const { configuredTokenHelper } = await import('./cli-config.js');
  const helper = await configuredTokenHelper(session);
  let token: string | undefined;
  let source: string;
  if (helper) {
    const { runTokenHelper } = await import('./token-helper.js');
    token = (await runTokenHelper(session, helper.helper, helper.file, session.signal)) || undefined;
    source = `the token helper ${helper.helper}`;
    if (token) session.log(`vault: using the token from the token helper named in ${helper.file}`);
  } else {
    token = await readTokenFile(session);
    source = '~/.vault-token';
  }
  if (token) {
    session.secrets.add(token);
    return { token, source, loggedIn: false };
  }
  if (session.agent) {
    session.log('vault: no token here; sending none, for Vault Agent / Vault Proxy auto-auth to add its own');
    return { token: undefined, source: 'Vault Agent/Proxy auto-auth (VAULT_AGENT_ADDR)', loggedIn: false };
  }
  const where = helper ? `the token helper in ${helper.file} gave none` : '~/.vault-token is missing or empty';
  throw new CredentialError('AUTH', `vault: no Vault token (VAULT_TOKEN is not set and ${where})`, {
    hint: 'run `vault login`, set VAULT_TOKEN, log in with --auth approle|kubernetes|jwt, or set VAULT_AGENT_ADDR to a Vault Agent/Proxy with auto-auth',
  });
}
