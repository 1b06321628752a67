import { parseArguments, type ParseArgsInput } from '@cred-launch/core';
import type { VaultArgs, VaultWhoamiArgs } from '../options.js';
import { AUTH_FLAGS, parseAuth } from './auth.js';
import { CONNECTION_FLAGS, parseConnection } from './connection.js';
import { refuseDotSegments, refuseDotSegmentsInEnv } from './path-escape.js';
import { parseSecret, SECRET_FLAGS } from './secret.js';

/** The namespace is a path too (Vault reserves "." and ".." as namespace names). */
function checkNamespace(flag: string | undefined, env: ParseArgsInput['env']): void {
  if (flag !== undefined && flag.trim() !== '') refuseDotSegments(flag.trim(), '--namespace');
  else if (env.VAULT_NAMESPACE !== undefined && env.VAULT_NAMESPACE.trim() !== '') refuseDotSegmentsInEnv(env.VAULT_NAMESPACE.trim(), 'VAULT_NAMESPACE');
}

/** `cred-launch vault [options] <path>`: strict flags, then the VAULT_* environment. No I/O. */
export function parseVaultArgs({ argv, env }: ParseArgsInput): VaultArgs {
  const { values, positionals } = parseArguments(argv, {
    name: 'vault',
    options: { ...CONNECTION_FLAGS, ...AUTH_FLAGS, ...SECRET_FLAGS },
    positionals: { min: 1, max: 1 },
  });
  checkNamespace(values.namespace, env);
  return {
    secret: parseSecret(positionals[0] as string, values),
    connection: parseConnection(values, env),
    auth: parseAuth(values, env),
  };
}

/** `cred-launch vault whoami [options]`. */
export function parseWhoamiArgs({ argv, env }: ParseArgsInput): VaultWhoamiArgs {
  const { values } = parseArguments(argv, { name: 'vault whoami', options: { ...CONNECTION_FLAGS, ...AUTH_FLAGS } });
  checkNamespace(values.namespace, env);
  return { connection: parseConnection(values, env), auth: parseAuth(values, env) };
}
