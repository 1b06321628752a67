import { CredentialError } from '@cred-launch/core';
import { asRecord, type VaultResponse } from '../client/envelope.js';

const UNREADABLE_HINT = "is VAULT_ADDR a Vault server (not a proxy's or load balancer's page)? run with --verbose to see the requests";

/**
 * The `data` object of a successful answer. An answer that cannot be read —
 * not JSON (an HTML page, a cut or garbled body), or JSON without a `data`
 * object — is BACKEND: the backend's reply is at fault, not the secret
 * (docs/writing-a-plugin.md, "One meaning per exit code").
 */
export function replyData(response: VaultResponse, what: string): Record<string, unknown> {
  if (response.body === undefined) {
    throw new CredentialError('BACKEND', `vault: the answer to ${what} (HTTP ${response.status}) is not Vault's JSON`, { hint: UNREADABLE_HINT });
  }
  const data = asRecord(response.body.data);
  if (!data) throw new CredentialError('BACKEND', `vault: the answer to ${what} (HTTP ${response.status}) has no data object`, { hint: UNREADABLE_HINT });
  return data;
}
