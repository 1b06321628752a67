import { maskAccessKeyId, validateCredentials, type SourceCommandContext } from '@cred-launch/core';
import { BACKEND_LABELS } from './backend-kind.js';
import { openBackend } from './backend.js';
import { keychainError } from './errors.js';
import { backendFlag } from './get-credentials.js';
import type { AddCommandOptions } from './options.js';
import { readAddInput } from './read-input.js';
import { serializeStored } from './stored-document.js';

/**
 * `cred-launch keychain add <name>`: read the keys (terminal, stdin or a
 * credentials file), check them as the launcher would before printing them,
 * refuse to replace an entry without --force, store, and read back. Loaded
 * only when the command runs.
 */
export async function runAdd(context: SourceCommandContext<AddCommandOptions>): Promise<string> {
  const { args } = context;
  const input = await readAddInput(context);
  for (const secret of [input.secretAccessKey, input.sessionToken, input.mfaTotpSeed]) {
    if (secret !== undefined && secret !== '') context.secrets.add(secret);
  }
  if (args.mfaSerial !== undefined) input.mfaSerial = args.mfaSerial;
  const credentials = validateCredentials(input, { now: context.now, source: 'the input' });
  const backend = await openBackend(args.backend, { env: context.env, signal: context.signal });
  const label = BACKEND_LABELS[args.backend];
  if (!args.force && (await backend.read(args.name)) !== undefined) {
    throw keychainError(
      'USAGE',
      `"${args.name}" is already stored in ${label}`,
      `replace it with --force, or remove it first: cred-launch keychain remove ${args.name}${backendFlag(args.backend)}`,
    );
  }
  const text = serializeStored(credentials);
  await backend.write(args.name, text);
  // A keychain program can report success and keep nothing (a locked
  // collection on some providers): the entry is only "stored" once it reads back.
  if ((await backend.read(args.name)) !== text) {
    throw keychainError('BACKEND', `${label} did not keep "${args.name}"`, 'check the keychain is unlocked and writable, then add again');
  }
  const kind = credentials.sessionToken === undefined ? 'long-term keys' : 'temporary credentials';
  const mfa = credentials.mfaSerial === undefined ? '' : ', with an MFA device for --session/--assume-role';
  return [
    `stored ${kind} ${maskAccessKeyId(credentials.accessKeyId)} as "${args.name}" in ${label}${mfa}`,
    `use it in ~/.aws/config:  credential_process = cred-launch keychain ${args.name}${backendFlag(args.backend)}`,
  ].join('\n');
}
