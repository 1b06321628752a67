import { CredentialError, type CredentialErrorCode } from '@cred-launch/core';

/** The prefix every message of this plugin carries, so a user knows who is talking. */
export const PLUGIN_NAME = 'keychain';

/**
 * A CredentialError whose message starts with `keychain: `. Messages name the
 * entry and the backend, never a stored value. `cause` is shown (redacted)
 * only with --verbose; pass none when it could quote stored text.
 */
export function keychainError(code: CredentialErrorCode, message: string, hint?: string, cause?: unknown): CredentialError {
  return new CredentialError(code, `${PLUGIN_NAME}: ${message}`, {
    ...(hint === undefined ? {} : { hint }),
    ...(cause === undefined ? {} : { cause }),
  });
}

/** A USAGE error pointing at the right help text. */
export function usageError(message: string, command?: string): CredentialError {
  return keychainError('USAGE', message, `see 'cred-launch ${PLUGIN_NAME}${command === undefined ? '' : ` ${command}`} --help'`);
}
