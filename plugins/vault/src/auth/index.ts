import type { AuthOptions } from '../options.js';
import type { Authenticated, Session } from '../session.js';
import { login } from './login.js';
import { tokenFromEnvironment } from './token.js';

/**
 * A token for this run. Logins happen on every run: the launcher has no
 * place yet to keep a login token between runs (see the README).
 */
export function authenticate(session: Session, auth: AuthOptions): Promise<Authenticated> {
  return auth.method === 'token' ? tokenFromEnvironment(session, auth.tokenFile) : login(session, auth);
}
