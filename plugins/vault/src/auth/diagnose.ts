import { CredentialError, isCredentialError } from '@cred-launch/core';
import { asRecord, type VaultResponse } from '../client/envelope.js';
import { describeVaultErrors } from '../client/errors.js';
import type { Authenticated, Session } from '../session.js';

/**
 * Turns a 403 into an AUTH error that says *why*: for a token from the
 * environment, `auth/token/lookup-self` tells an expired or revoked token
 * (lookup fails) from a policy that does not cover the path (lookup works,
 * and names the policies). A just-issued login token can only be the policy.
 */
export async function permissionDenied(session: Session, auth: Authenticated, response: VaultResponse, what: string, apiPath: string): Promise<CredentialError> {
  const detail = describeVaultErrors(response, (text) => session.secrets.redact(text));
  const message = `vault: permission denied ${what} (HTTP ${response.status}${detail ? `: ${detail}` : ''})`;
  const policyHint = (policies: readonly string[] | undefined): string =>
    `the token from ${auth.source} is valid${policies && policies.length > 0 ? ` (policies: ${policies.join(', ')})` : ''} but no policy allows ${apiPath}: ask for one that does`;
  if (auth.loggedIn) return new CredentialError('AUTH', message, { hint: policyHint(auth.policies) });
  let lookup: VaultResponse;
  try {
    lookup = await session.client.request({ method: 'GET', path: 'auth/token/lookup-self', token: auth.token });
  } catch (error) {
    if (isCredentialError(error, 'TIMEOUT')) throw error;
    return new CredentialError('AUTH', message, { hint: 'the token may have expired or been revoked (run `vault login`), or its policies do not allow this path' });
  }
  if (lookup.status === 200) {
    const data = asRecord(lookup.body?.data);
    // lookup-self answers the token itself as `id`: never shown, registered anyway.
    if (typeof data?.id === 'string') session.secrets.add(data.id);
    const policies = Array.isArray(data?.policies) ? data.policies.filter((item): item is string => typeof item === 'string') : undefined;
    return new CredentialError('AUTH', message, { hint: policyHint(policies) });
  }
  if (lookup.status === 403 || lookup.status === 401) {
    return new CredentialError('AUTH', message, {
      hint: `the token from ${auth.source} is not valid (expired or revoked): run \`vault login\` again${auth.source === 'VAULT_TOKEN' ? ' and update VAULT_TOKEN' : ''}`,
    });
  }
  return new CredentialError('AUTH', message, { hint: 'the token may have expired or been revoked, or its policies do not allow this path' });
}
