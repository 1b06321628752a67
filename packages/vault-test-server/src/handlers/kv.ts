import { errorReply, secretReply, type Reply } from '../responses.js';
import type { SecretMount } from '../state.js';
import type { HandlerContext } from './context.js';

/** KV v1's answer carries a 768h "refresh interval" as its lease duration (not an expiry). */
const KV_V1_LEASE_SECONDS = 2_764_800;

const VERSIONED_PATH_WARNING =
  "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv get' for this operation.";

/** Reads from a KV (v1 or v2) or generic mount. Only reads: tests write through the state. */
export function readKv(context: HandlerContext, mount: SecretMount, key: string): Reply {
  if (context.method !== 'GET') return errorReply(405, 'unsupported operation');
  if (mount.type === 'kv' && mount.options?.version === '2') return readVersioned(context, mount, key);
  const data = mount.plain.get(key);
  if (!data) return errorReply(404);
  return secretReply({ ...data }, { leaseDuration: mount.type === 'kv' ? KV_V1_LEASE_SECONDS : 0, mountType: mount.type });
}

function readVersioned(context: HandlerContext, mount: SecretMount, key: string): Reply {
  if (!key.startsWith('data/')) {
    // What Vault answers when a v1-style path reaches a v2 mount.
    return secretReply(null, { status: 404, warnings: [VERSIONED_PATH_WARNING], mountType: 'kv' });
  }
  const entry = mount.versioned.get(key.slice('data/'.length));
  if (!entry) return errorReply(404);
  const requested = context.params.version;
  let number = entry.currentVersion;
  if (requested !== undefined && requested !== '') {
    const parsed = Number(requested);
    if (!Number.isInteger(parsed)) {
      return errorReply(400, `error converting input ${JSON.stringify(String(requested))} for field "version": cannot parse '' as int`);
    }
    if (parsed > 0) number = parsed;
  }
  const version = entry.versions.get(number);
  if (!version) return errorReply(404);
  const metadata = {
    created_time: version.createdTime,
    custom_metadata: null,
    deletion_time: version.deletionTime,
    destroyed: version.destroyed,
    version: number,
  };
  const deleted = version.deletionTime !== '' && new Date(version.deletionTime).getTime() <= context.now.getTime();
  if (deleted || version.destroyed) {
    // Vault answers a deleted or destroyed version with 404 *and* its metadata.
    return secretReply({ data: null, metadata }, { status: 404, mountType: 'kv' });
  }
  return secretReply({ data: { ...version.data }, metadata }, { mountType: 'kv' });
}
