import { CredentialError, type SourceContext } from '@cred-launch/core';
import { authenticate } from '../auth/index.js';
import { lookupRefusedHint } from '../auth/diagnose.js';
import { asRecord } from '../client/envelope.js';
import { httpFailure } from '../client/errors.js';
import type { VaultWhoamiArgs } from '../options.js';
import { withSession } from '../run-session.js';

/**
 * `cred-launch vault whoami`: which Vault, namespace and token identity the
 * plugin would use (auth/token/lookup-self) — names, policies and TTL, never
 * the token.
 */
export function whoami(context: SourceContext<VaultWhoamiArgs>): Promise<string> {
  return withSession(context, async (session) => {
    const auth = await authenticate(session, context.args.auth);
    const response = await session.client.request({ method: 'GET', path: 'auth/token/lookup-self', token: auth.token });
    if (response.status === 403) {
      throw new CredentialError('AUTH', `vault: Vault refused auth/token/lookup-self for the token from ${auth.source}`, {
        hint: lookupRefusedHint(auth.source, 'auth/token/lookup-self'),
      });
    }
    if (response.status !== 200) throw httpFailure(response, { what: 'looking up the token', address: session.client.address }, (text) => session.secrets.redact(text));
    const data = asRecord(response.body?.data) ?? {};
    const policies = Array.isArray(data.policies) ? data.policies.join(', ') : '';
    const ttl = typeof data.ttl === 'number' && data.ttl > 0 ? `${data.ttl} s` : 'never expires';
    const lines = [
      `address:      ${context.args.connection.address}`,
      `namespace:    ${context.args.connection.namespace ?? '(root)'}`,
      `token from:   ${auth.source}`,
      `display name: ${typeof data.display_name === 'string' ? data.display_name : ''}`,
      `policies:     ${policies}`,
      `ttl:          ${ttl}`,
    ];
    return `${lines.join('\n')}\n`;
  });
}
