import { CredentialError } from '@cred-launch/core';
import { asRecord } from '../client/envelope.js';
import { describeVaultErrors, httpFailure } from '../client/errors.js';
import type { AuthOptions } from '../options.js';
import type { Authenticated, Session } from '../session.js';
import { readSecretFile } from './files.js';

/** The login methods (everything but a plain token). */
export type LoginOptions = Exclude<AuthOptions, { method: 'token' }>;

const LABELS = { approle: 'AppRole', kubernetes: 'Kubernetes', jwt: 'JWT' } as const;

const HINTS = {
  approle: 'check the role_id and secret_id (--role-id/--role-id-file/VAULT_ROLE_ID, --secret-id-file/VAULT_SECRET_ID); a secret_id can expire or run out of uses',
  kubernetes: "check that --role is bound to this pod's service account and namespace, and that the token file is current",
  jwt: 'check --role, and that the JWT is current and issued for this Vault (audience, issuer)',
} as const;

async function loginBody(session: Session, auth: LoginOptions): Promise<Record<string, string>> {
  if (auth.method === 'approle') {
    const roleId =
      auth.roleId ?? (auth.roleIdFile !== undefined ? await readSecretFile(auth.roleIdFile, session.dirs, 'role_id', '--role-id-file') : session.env.VAULT_ROLE_ID?.trim());
    if (!roleId) throw new CredentialError('USAGE', 'vault: AppRole login needs a role_id', { hint: 'pass --role-id or --role-id-file, or set VAULT_ROLE_ID' });
    const secretId = auth.secretIdFile !== undefined ? await readSecretFile(auth.secretIdFile, session.dirs, 'secret_id', '--secret-id-file') : session.env.VAULT_SECRET_ID?.trim();
    // A role_id identifies the role rather than proving anything, but is still kept out of output.
    session.secrets.add(roleId);
    session.secrets.add(secretId);
    // Roles created with bind_secret_id=false log in with the role_id alone.
    return secretId ? { role_id: roleId, secret_id: secretId } : { role_id: roleId };
  }
  const what = auth.method === 'kubernetes' ? 'service account token' : 'JWT';
  const jwt = await readSecretFile(auth.jwtFile, session.dirs, what, auth.method === 'kubernetes' ? '--jwt-file (default: the pod service account token)' : '--jwt-file');
  session.secrets.add(jwt);
  return auth.role !== undefined ? { role: auth.role, jwt } : { jwt };
}

/** Logs in with AppRole, Kubernetes or JWT and returns the new token (registered as a secret). */
export async function login(session: Session, auth: LoginOptions): Promise<Authenticated> {
  const body = await loginBody(session, auth);
  const path = `auth/${auth.mount}/login`;
  const label = LABELS[auth.method];
  const response = await session.client.request({ method: 'POST', path, body });
  const redact = (text: string): string => session.secrets.redact(text);
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    const detail = describeVaultErrors(response, redact);
    throw new CredentialError('AUTH', `vault: ${label} login at ${path} was refused (HTTP ${response.status}${detail ? `: ${detail}` : ''})`, {
      hint: `${HINTS[auth.method]}; and that the method is mounted at auth/${auth.mount} (--auth-mount)`,
    });
  }
  if (response.status < 200 || response.status >= 300) throw httpFailure(response, { what: `logging in at ${path}`, address: session.client.address }, redact);
  const block = asRecord(response.body?.auth);
  const token = block?.client_token;
  if (typeof token !== 'string' || token === '') {
    throw new CredentialError('BACKEND', `vault: the ${label} login at ${path} answered without a client_token`, {
      hint: 'check that the path is a login endpoint (--auth-mount)',
    });
  }
  session.secrets.add(token);
  const policies = Array.isArray(block?.policies) ? block.policies.filter((item): item is string => typeof item === 'string') : [];
  session.log(`vault: logged in with ${label} at auth/${auth.mount} (policies: ${policies.join(', ') || 'none'}; lease ${String(block?.lease_duration ?? '?')} s)`);
  const leaseSeconds = typeof block?.lease_duration === 'number' && block.lease_duration > 0 ? block.lease_duration : 0;
  return { token, source: `${label} login at auth/${auth.mount}`, loggedIn: true, policies, leaseSeconds };
}
