import { CredentialError, type CredentialErrorCode } from '@cred-launch/core';

/** The prefix every message of this plugin carries, so a user knows who is talking. */
export const PLUGIN_NAME = 'roles-anywhere';

/**
 * A CredentialError whose message starts with `roles-anywhere: `. Messages
 * name paths, ARNs, dates and service error codes, never key material or
 * credentials. `cause` is only shown (redacted) with --verbose.
 */
export function rolesAnywhereError(code: CredentialErrorCode, message: string, hint?: string, cause?: unknown): CredentialError {
  return new CredentialError(code, `${PLUGIN_NAME}: ${message}`, {
    ...(hint === undefined ? {} : { hint }),
    ...(cause === undefined ? {} : { cause }),
  });
}
