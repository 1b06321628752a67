import type { SourceContext, SourceCredentials } from '@cred-launch/core';
import { BACKEND_LABELS, defaultBackend, type BackendKind } from './backend-kind.js';
import { openBackend } from './backend.js';
import { keychainError } from './errors.js';
import type { KeychainSourceOptions } from './options.js';
import { parseStored } from './stored-document.js';

/** ` --backend X` when X is not the platform's own, for commands shown in hints. */
export function backendFlag(kind: BackendKind): string {
  return kind === defaultBackend() ? '' : ` --backend ${kind}`;
}

/** `cred-launch keychain <name>`: the stored document under `name`, as credentials (MFA fields included, for the STS layer). */
export async function getKeychainCredentials(context: SourceContext<KeychainSourceOptions>): Promise<SourceCredentials> {
  const { name, backend: kind } = context.args;
  context.log(`reading "${name}" from ${BACKEND_LABELS[kind]}`);
  const backend = await openBackend(kind, { env: context.env, signal: context.signal });
  const text = await backend.read(name);
  if (text === undefined) {
    throw keychainError(
      'NOT_FOUND',
      `nothing is stored under "${name}" in ${BACKEND_LABELS[kind]}`,
      `store it: cred-launch keychain add ${name}${backendFlag(kind)} (see what is stored: cred-launch keychain list${backendFlag(kind)})`,
    );
  }
  return parseStored(name, text, context.secrets);
}
