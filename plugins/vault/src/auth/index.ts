import type { AuthOptions } from '../options.js';
import type { Authenticated, Session } from '../session.js';
import { login } from './login.js';
import { keepLogin, loginStateKey, reusedLogin } from './login-reuse.js';
import { tokenFromEnvironment } from './token.js';

/**
 * A token for this run. A login token is kept in the launcher's state store
 * and reused within its lease, so each `aws` call does not log in again; a
 * reused token the backend refuses is forgotten (see fetch-credentials.ts).
 */
export async function authenticate(session: Session, auth: AuthOptions): Promise<Authenticated> {
  if (auth.method === 'token') return tokenFromEnvironment(session, auth.tokenFile);
  const key = loginStateKey(session, auth);
  const reused = reusedLogin(session, auth, key);
  if (reused) return reused;
  const fresh = await login(session, auth);
  keepLogin(session, key, fresh);
  return fresh;
}
