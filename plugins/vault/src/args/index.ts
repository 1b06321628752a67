import { parseArguments, type ParseArgsInput } from '@cred-launch/core';
import type { VaultArgs, VaultWhoamiArgs } from '../options.js';
import { AUTH_FLAGS, parseAuth } from './auth.js';
import { CONNECTION_FLAGS, parseConnection } from './connection.js';
import { parseSecret, SECRET_FLAGS } from './secret.js';

/** `cred-launch vault [options] <path>`: strict flags, then the VAULT_* environment. No I/O. */
export function parseVaultArgs({ argv, env }: ParseArgsInput): VaultArgs {
  const { values, positionals } = parseArguments(argv, {
    name: 'vault',
    options: { ...CONNECTION_FLAGS, ...AUTH_FLAGS, ...SECRET_FLAGS },
    positionals: { min: 1, max: 1 },
  });
  return {
    secret: parseSecret(positionals[0] as string, values),
    connection: parseConnection(values, env),
    auth: parseAuth(values, env),
  };
}

/** `cred-launch vault whoami [options]`. */
export function parseWhoamiArgs({ argv, env }: ParseArgsInput): VaultWhoamiArgs {
  const { values } = parseArguments(argv, { name: 'vault whoami', options: { ...CONNECTION_FLAGS, ...AUTH_FLAGS } });
  return { connection: parseConnection(values, env), auth: parseAuth(values, env) };
}
