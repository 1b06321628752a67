import { CredentialError } from '@cred-launch/core';
import { asRecord, type VaultResponse } from '../client/envelope.js';
import { httpFailure } from '../client/errors.js';
import { permissionDenied } from '../auth/diagnose.js';
import { replyData } from './reply.js';
import type { Authenticated, Session } from '../session.js';
import type { Target } from './target.js';

/** A secret's key/value data and the path to name it by. */
export interface KvRecord {
  record: Record<string, unknown>;
  /** The path as `vault kv get` would print it (no data/). */
  display: string;
}

type KvTarget = Extract<Target, { engine: 'kv1' | 'kv2' | 'generic' }>;

function notFound(display: string, version: number | undefined, key: string | undefined): CredentialError {
  const hint =
    key !== undefined && key.startsWith('data/')
      ? 'paths are written as `vault kv get` takes them, without data/: drop "data/" from the path'
      : `check the path (\`vault kv get ${display}\`)`;
  return new CredentialError('NOT_FOUND', `vault: no secret at ${display}${version !== undefined ? ` (version ${version})` : ''}`, { hint });
}

/** Reads KV v2 `<mount>/data/<key>[?version=N]`, KV v1 `<path>`, or any other engine's `<path>`. */
export async function readKv(session: Session, auth: Authenticated, target: KvTarget, version: number | undefined): Promise<KvRecord> {
  const apiPath = target.engine === 'kv2' ? `${target.mount}data/${target.key}` : target.path;
  const display = target.engine === 'kv2' ? `${target.mount}${target.key}` : target.path;
  if (target.engine === 'kv2' && target.key === '') {
    throw new CredentialError('USAGE', `vault: ${target.mount} is a KV v2 mount; name a secret under it`, { hint: `e.g. ${target.mount}aws/dev` });
  }
  const query = version !== undefined ? { version: String(version) } : undefined;
  const response = await session.client.request({ method: 'GET', path: apiPath, token: auth.token, ...(query ? { query } : {}) });
  const what = `reading ${display}`;
  if (response.status === 200) {
    const data = replyData(response, what);
    if (target.engine !== 'kv2') return { record: data, display };
    // KV v2 nests the secret in data.data; anything else is not a KV v2 answer.
    const record = asRecord(data.data);
    if (!record)
      throw new CredentialError('BACKEND', `vault: the answer to ${what} has no data.data object (not a KV v2 answer)`, {
        hint: 'is this path on a KV v2 mount? try --engine kv1',
      });
    session.log(`vault: read ${display} version ${String(asRecord(data.metadata)?.version ?? '?')}`);
    return { record, display };
  }
  if (response.status === 404) throw deletedOrMissing(response, target, display, version);
  if (response.status === 403) throw await permissionDenied(session, auth, response, what, apiPath);
  throw httpFailure(response, { what, address: session.client.address }, (text) => session.secrets.redact(text));
}

function deletedOrMissing(response: VaultResponse, target: KvTarget, display: string, version: number | undefined): CredentialError {
  // KV v2 answers a deleted or destroyed version with 404 *and* its metadata.
  const metadata = asRecord(asRecord(response.body?.data)?.metadata);
  if (target.engine === 'kv2' && metadata) {
    const number = typeof metadata.version === 'number' ? metadata.version : version;
    const label = `version ${String(number ?? '?')} of ${display}`;
    if (metadata.destroyed === true) {
      return new CredentialError('NOT_FOUND', `vault: ${label} was destroyed`, { hint: 'read another version with --version, or write the secret again' });
    }
    const when = typeof metadata.deletion_time === 'string' && metadata.deletion_time !== '' ? ` at ${metadata.deletion_time}` : '';
    return new CredentialError('NOT_FOUND', `vault: ${label} was deleted${when}`, {
      hint: `restore it with \`vault kv undelete -versions=${String(number ?? '')} ${display}\`, or read another version with --version`,
    });
  }
  const warnings = Array.isArray(response.body?.warnings) ? response.body.warnings.join(' ') : '';
  if (/versioned K\/V/u.test(warnings)) {
    return new CredentialError('NOT_FOUND', `vault: ${display} is on a KV v2 mount and was read as KV v1`, {
      hint: 'leave --engine out (Vault then says which version it is), or use --engine kv2 --mount <mount>',
    });
  }
  return notFound(display, version, target.engine === 'kv2' ? target.key : undefined);
}
