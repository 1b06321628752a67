import { CredentialError } from '@cred-launch/core';

const HINT = "see 'cred-launch vault --help'";

/** A bad flag or argument: USAGE, thrown before any I/O. */
export function usage(message: string, hint = HINT): CredentialError {
  return new CredentialError('USAGE', `vault: ${message}`, { hint });
}

/** A bad value in a VAULT_* environment variable: CONFIG. */
export function badEnv(name: string, problem: string, hint?: string): CredentialError {
  return new CredentialError('CONFIG', `vault: ${name} ${problem}`, { hint: hint ?? `fix or unset ${name}` });
}
