import { anyPathUnder } from '../acl.js';
import { resolveNamespacedPath } from '../namespaces.js';
import { errorReply, PERMISSION_DENIED, secretReply, type Reply } from '../responses.js';
import type { AuthMount, SecretMount, VaultTestState } from '../state.js';
import type { HandlerContext } from './context.js';

const VERSION = '1.17.0+vault-test-server';

/** GET sys/health: 200 active, 429 standby, 503 sealed (Vault's documented defaults). */
export function health(state: VaultTestState, now: Date): Reply {
  const body = {
    initialized: true,
    sealed: state.sealed,
    standby: state.standby !== undefined,
    performance_standby: false,
    replication_performance_mode: 'disabled',
    replication_dr_mode: 'disabled',
    server_time_utc: Math.floor(now.getTime() / 1000),
    version: VERSION,
    cluster_name: 'vault-test-server',
  };
  const status = state.sealed ? 503 : state.standby ? 429 : 200;
  return { status, body };
}

/** GET sys/seal-status (unauthenticated). */
export function sealStatus(state: VaultTestState): Reply {
  return {
    status: 200,
    body: {
      type: 'shamir',
      initialized: true,
      sealed: state.sealed,
      t: 1,
      n: 1,
      progress: 0,
      nonce: '',
      version: VERSION,
      build_date: '',
      migration: false,
      recovery_seal: false,
      storage_type: 'inmem',
    },
  };
}

function mountInfo(mount: SecretMount | AuthMount, type: string, options: Record<string, string> | null): Record<string, unknown> {
  return {
    accessor: mount.accessor,
    config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 },
    description: 'description' in mount ? mount.description : '',
    external_entropy_access: false,
    local: false,
    options,
    plugin_version: '',
    running_plugin_version: `v${VERSION}`,
    running_sha256: '',
    seal_wrap: false,
    type,
    uuid: 'uuid' in mount ? mount.uuid : mount.accessor,
  };
}

/**
 * GET sys/internal/ui/mounts/<path>: the preflight `vault kv get` runs to
 * learn the mount and its KV version. Authenticated; a path under no mount
 * (or one the token cannot use) answers 403, so it cannot list mounts.
 */
export function internalUiMount(context: HandlerContext, rest: string): Reply {
  if (!context.token) return PERMISSION_DENIED;
  if (rest === '') return errorReply(400, 'path not set');
  const written = rest.endsWith('/') ? rest : `${rest}/`;
  const denied = errorReply(403, `preflight capability check returned 403, please ensure client's policies grant access to path "${written}"`);
  // The path may start with a child namespace; its mounts are answered with
  // the mount's full namespace path in front (OpenBao pathInternalUIMountRead:
  // `me.Namespace.Path + pathWithTable` when the namespaces differ).
  const scoped = resolveNamespacedPath(context.state, context.namespace, written);
  const path = scoped.path;
  const nested = scoped.namespace !== context.namespace;
  const answered = (mountPath: string): string => (nested ? `${scoped.namespace}/${mountPath}` : mountPath);
  // Policies match the path as written, child namespace included, as in the router.
  const writtenPrefix = written.slice(0, written.length - path.length);
  if (path.startsWith('auth/')) {
    const authPath = path.slice('auth/'.length);
    for (const mount of context.state.namespace(scoped.namespace).authMounts.values()) {
      if (authPath.startsWith(mount.path) && anyPathUnder(context.token.paths, `${writtenPrefix}auth/${mount.path}`)) {
        return secretReply({ ...mountInfo(mount, mount.type, null), path: answered(`auth/${mount.path}`) });
      }
    }
    return denied;
  }
  const mount = context.state.findMount(scoped.namespace, path);
  if (!mount || !anyPathUnder(context.token.paths, `${writtenPrefix}${mount.path}`)) return denied;
  return secretReply({ ...mountInfo(mount, mount.type, mount.options), path: answered(mount.path) });
}

/** GET sys/internal/ui/mounts: the visible mounts (authenticated callers see all here). */
export function internalUiMounts(context: HandlerContext): Reply {
  const namespace = context.state.namespace(context.namespace);
  const secret: Record<string, unknown> = {};
  const auth: Record<string, unknown> = {};
  for (const mount of namespace.mounts.values()) secret[mount.path] = { type: mount.type, description: mount.description, options: mount.options };
  for (const mount of namespace.authMounts.values()) auth[mount.path] = { type: mount.type, description: '', options: null };
  return secretReply({ auth, secret });
}
