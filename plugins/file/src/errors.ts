import { CredentialError, type CredentialErrorCode } from '@cred-launch/core';

/** The prefix every message of this plugin carries, so a user knows who is talking. */
export const PLUGIN_NAME = 'file';

/**
 * A CredentialError whose message starts with `file: `. Messages name paths
 * and options, never key material or decrypted content. `cause` is only
 * shown (redacted) with --verbose; pass none when the cause could quote
 * decrypted text (JSON.parse messages do).
 */
export function fileError(code: CredentialErrorCode, message: string, hint?: string, cause?: unknown): CredentialError {
  return new CredentialError(code, `${PLUGIN_NAME}: ${message}`, {
    ...(hint === undefined ? {} : { hint }),
    ...(cause === undefined ? {} : { cause }),
  });
}
