import type { Authenticated, Session } from '../session.js';
import type { LoginOptions } from './login.js';

/**
 * The state key for a login: which Vault (address, namespace) and which
 * identity (method, mount, role, role_id or the files it comes from). The
 * launcher's store hashes it into a file name, so the role_id never lands
 * on disk in the clear.
 */
export function loginStateKey(session: Session, auth: LoginOptions): string {
  const identity =
    auth.method === 'approle'
      ? {
          roleId: auth.roleId ?? null,
          roleIdFile: auth.roleIdFile ?? null,
          envRoleId: auth.roleId === undefined && auth.roleIdFile === undefined ? (session.env.VAULT_ROLE_ID ?? null) : null,
        }
      : { role: auth.role ?? null, jwtFile: auth.jwtFile };
  return `vault-login:${JSON.stringify({ scope: session.scope, method: auth.method, mount: auth.mount, ...identity })}`;
}

/** A token kept from an earlier call, still inside its lease, or undefined. */
export function reusedLogin(session: Session, auth: LoginOptions, key: string): Authenticated | undefined {
  const token = session.state?.get(key);
  if (token === undefined) return undefined;
  session.secrets.add(token);
  session.log(`vault: reusing the ${auth.method} login token from an earlier call (inside its lease)`);
  return { token, source: `${auth.method} login at auth/${auth.mount} (reused)`, loggedIn: false, reusedStateKey: key };
}

/**
 * Keeps a fresh login token for later calls until shortly before its lease
 * ends (the last 10%, at least 30 s, is left out so a kept token is never
 * used at the edge of its life). Tokens without a lease are not kept.
 */
export function keepLogin(session: Session, key: string, login: Authenticated): void {
  const lease = login.leaseSeconds ?? 0;
  const keepSeconds = lease - Math.max(30, lease * 0.1);
  if (!session.state || keepSeconds <= 0 || login.token === undefined) return;
  session.state.set(key, login.token, new Date(session.now().getTime() + keepSeconds * 1000));
}
