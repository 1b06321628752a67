import { pathAllowed } from './acl.js';
import { awsCredentials } from './handlers/aws.js';
import { lookupSelf, login } from './handlers/auth.js';
import type { HandlerContext } from './handlers/context.js';
import { interruption } from './handlers/interruptions.js';
import { readKv } from './handlers/kv.js';
import { health, internalUiMount, internalUiMounts, sealStatus } from './handlers/sys.js';
import { resolveNamespacedPath } from './namespaces.js';
import { errorReply, PERMISSION_DENIED, type RouteResult } from './responses.js';
import type { TokenRecord, VaultTestState } from './state.js';

/** A request after HTTP parsing. */
export interface IncomingRequest {
  method: string;
  path: string;
  rawQuery: string;
  namespace: string;
  token: string | undefined;
  params: Record<string, unknown>;
  now: Date;
}

// Defined beside Reply (handlers return it too), kept exported here.
export type { RouteResult };

function tokenWorksIn(token: TokenRecord, namespace: string): boolean {
  return token.namespace === '' || namespace === token.namespace || namespace.startsWith(`${token.namespace}/`);
}

/** Routes one request through Vault's order of checks: seal, standby, login, token, ACL, mount. */
export function route(state: VaultTestState, request: IncomingRequest): RouteResult {
  const failure = state.takeFailure();
  if (failure) return interruption(failure, request.path, request.rawQuery);
  if (state.hang) return { hang: true };

  // A child namespace may be written at the start of the path (below the header's).
  const { namespace, path } = resolveNamespacedPath(state, request.namespace, request.path);
  if (path === 'sys/health') return health(state, request.now);
  if (path === 'sys/seal-status') return sealStatus(state);
  if (state.sealed) return errorReply(503, 'Vault is sealed');
  if (state.standby) {
    const active = state.standby.activeAddress;
    if (!active) return errorReply(503, 'no active Vault instance found');
    const location = `${active.replace(/\/+$/u, '')}/v1/${request.path}${request.rawQuery}`;
    return { status: 307, headers: { location } };
  }

  const found = state.lookupToken(request.token);
  const context: HandlerContext = {
    state,
    method: request.method,
    path,
    namespace,
    token: found && tokenWorksIn(found, namespace) ? found : undefined,
    params: request.params,
    now: request.now,
  };

  const loginMatch = /^auth\/(.+\/)(login)$/u.exec(path);
  if (loginMatch) {
    const mount = state.namespace(namespace).authMounts.get(loginMatch[1] as string);
    if (mount && mount.type !== 'token') return login(context, mount, 'login');
  }
  if (path === 'auth/token/lookup-self') return lookupSelf(context);
  if (path === 'sys/internal/ui/mounts') return internalUiMounts(context);
  if (path.startsWith('sys/internal/ui/mounts/')) return internalUiMount(context, path.slice('sys/internal/ui/mounts/'.length));

  // Policies are matched against the path as the request wrote it (see README).
  if (!context.token || !pathAllowed(context.token.paths, request.path)) return PERMISSION_DENIED;
  const mount = state.findMount(namespace, path);
  if (!mount) return errorReply(404, `no handler for route "${path}". route entry not found.`);
  const rest = path.slice(mount.path.length);
  if (mount.type === 'aws') return awsCredentials(context, mount, rest);
  return readKv(context, mount, rest);
}
