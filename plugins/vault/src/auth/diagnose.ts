import { CredentialError, isCredentialError } from '@cred-launch/core';
import { asRecord, type VaultResponse } from '../client/envelope.js';
import { describeVaultErrors } from '../client/errors.js';
import type { Authenticated, Session } from '../session.js';

/**
 * What a 403 from `auth/token/lookup-self` tells: the token is expired or
 * revoked, or it lacks the `default` policy that allows lookup-self — Vault
 * does not say which. `refused` is what the token was refused for.
 */
export function lookupRefusedHint(source: string, refused: string): string {
  const login = `run \`vault login\` again${source === 'VAULT_TOKEN' ? ' and update VAULT_TOKEN' : ''}`;
  return `the token from ${source} is either expired or revoked (${login}), or valid but without the \`default\` policy, which is what allows auth/token/lookup-self (then ask for a policy that allows ${refused}); Vault answers both with 403, and \`vault token lookup\` run by an operator tells which`;
}

/**
 * Turns a 403 into an AUTH error that says what is known: for a token from
 * the environment, `auth/token/lookup-self` answering proves the token valid
 * (the policies are named: none covers the path); lookup-self refused too
 * leaves two causes, both named (see {@link lookupRefusedHint}). A
 * just-issued login token can only be the policy.
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
    // Vault answers an expired or revoked token and a valid token without the
    // `default` policy (which is what grants lookup-self) with the same 403:
    // only both possibilities can be stated.
    return new CredentialError('AUTH', message, { hint: lookupRefusedHint(auth.source, apiPath) });
  }
  return new CredentialError('AUTH', message, { hint: 'the token may have expired or been revoked, or its policies do not allow this path' });
}
