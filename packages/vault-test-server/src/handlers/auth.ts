import { pathAllowed } from '../acl.js';
import { newId, newVaultToken } from '../ids.js';
import { errorReply, PERMISSION_DENIED, secretReply, type Reply } from '../responses.js';
import type { AuthMount, LoginRole } from '../state.js';
import type { HandlerContext } from './context.js';

/** Vault's default token TTL (768h) when a role sets none. */
const DEFAULT_LOGIN_TTL = 2_764_800;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * POST auth/<mount>/login for AppRole (`role_id`, `secret_id`), Kubernetes
 * and JWT (`role`, `jwt`). Answers an `auth` block with a new token.
 */
export function login(context: HandlerContext, mount: AuthMount, rest: string): Reply {
  if (rest !== 'login') return errorReply(404, 'unsupported path');
  if (context.method !== 'POST' && context.method !== 'PUT') return errorReply(405, 'unsupported operation');
  const params = context.params;
  let role: LoginRole | undefined;
  switch (mount.type) {
    case 'approle': {
      const roleId = text(params.role_id);
      if (roleId === '') return errorReply(400, 'missing role_id');
      role = [...mount.roles.values()].find((candidate) => candidate.roleId === roleId);
      if (!role || role.secretId !== text(params.secret_id)) return errorReply(400, 'invalid role or secret ID');
      break;
    }
    case 'kubernetes': {
      const name = text(params.role);
      if (name === '') return errorReply(400, 'missing role');
      if (text(params.jwt) === '') return errorReply(400, 'missing jwt');
      role = mount.roles.get(name);
      if (!role) return errorReply(400, `invalid role name "${name}"`);
      if (role.jwt !== text(params.jwt)) return PERMISSION_DENIED;
      break;
    }
    case 'jwt': {
      const name = text(params.role) || mount.defaultRole || '';
      if (name === '') return errorReply(400, 'missing role');
      role = mount.roles.get(name);
      if (!role) return errorReply(400, `role "${name}" could not be found`);
      if (text(params.jwt) === '') return errorReply(400, 'missing token');
      if (role.jwt !== text(params.jwt)) return errorReply(400, 'error validating token: failed to verify id token signature');
      break;
    }
    default:
      return errorReply(404, 'unsupported path');
  }
  const ttlSeconds = role.token.ttlSeconds ?? DEFAULT_LOGIN_TTL;
  const token = newVaultToken();
  const metadata: Record<string, string> = mount.type === 'approle' ? { role_name: role.name } : { role: role.name };
  const record = context.state.addToken(token, { ...role.token, ttlSeconds, namespace: context.namespace, displayName: `${mount.path.slice(0, -1)}-${role.name}` }, metadata);
  mount.logins += 1;
  return secretReply(null, {
    auth: {
      client_token: token,
      accessor: record.accessor,
      policies: record.policies,
      token_policies: record.policies,
      metadata,
      lease_duration: ttlSeconds,
      renewable: true,
      entity_id: newId(),
      token_type: 'service',
      orphan: true,
      mfa_requirement: null,
      num_uses: 0,
    },
  });
}

/** GET (or POST) auth/token/lookup-self: the caller's token, including its `id`. */
export function lookupSelf(context: HandlerContext): Reply {
  const token = context.token;
  // Vault's `default` policy is what grants lookup-self; a token created
  // with -no-default-policy is refused unless another policy allows it.
  const allowed = token && (token.policies.includes('default') || token.policies.includes('root') || pathAllowed(token.paths, 'auth/token/lookup-self'));
  if (!token || !allowed) return PERMISSION_DENIED;
  if (context.method !== 'GET' && context.method !== 'POST') return errorReply(405, 'unsupported operation');
  const remaining = token.expiresAt ? Math.max(0, Math.floor((token.expiresAt.getTime() - context.now.getTime()) / 1000)) : 0;
  return secretReply({
    accessor: token.accessor,
    creation_time: Math.floor(token.issuedAt.getTime() / 1000),
    creation_ttl: token.ttlSeconds,
    display_name: token.displayName,
    entity_id: '',
    expire_time: token.expiresAt ? token.expiresAt.toISOString() : null,
    explicit_max_ttl: 0,
    id: token.token,
    issue_time: token.issuedAt.toISOString(),
    meta: token.meta,
    num_uses: 0,
    orphan: true,
    path: 'auth/token/create',
    policies: token.policies,
    renewable: token.ttlSeconds > 0,
    ttl: remaining,
    type: 'service',
    namespace_path: token.namespace === '' ? '' : `${token.namespace}/`,
  });
}
