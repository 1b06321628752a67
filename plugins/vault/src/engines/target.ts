import { CredentialError } from '@cred-launch/core';
import { asRecord, errorStrings } from '../client/envelope.js';
import { httpFailure } from '../client/errors.js';
import { permissionDenied } from '../auth/diagnose.js';
import type { SecretOptions } from '../options.js';
import type { Authenticated, Session } from '../session.js';

/** Where and how the secret is read, once the engine is known. */
export type Target =
  | { engine: 'kv2'; mount: string; key: string }
  | { engine: 'kv1'; path: string }
  /** Any other engine: a plain read whose data goes through the field mapping. */
  | { engine: 'generic'; path: string; type: string }
  | { engine: 'aws'; mount: string; kind: AwsKind; role: string };

/** The AWS engine's credential paths: dynamic IAM user, STS, and static roles. */
export type AwsKind = 'creds' | 'sts' | 'static-creds';

/** Where the mount ends in a path as the user wrote it. */
export interface MountInPath {
  /** The mount as it appears at the start of the path, with a trailing `/`. */
  readonly mount: string;
  /** The rest of the path below the mount ('' for the mount itself). */
  readonly key: string;
}

/**
 * Finds the mount Vault reported at the start of `path`. When the mount
 * lives in a namespace below the request's, Vault answers it with that
 * namespace's full path in front (`admin/team1/secret/` for `team1/secret/…`
 * under namespace `admin`: OpenBao's pathInternalUIMountRead), so leading
 * segments are dropped until the rest starts the path — the vault CLI's
 * addPrefixToKVPath, at segment boundaries. Undefined when no tail matches.
 */
export function mountInPath(path: string, mount: string): MountInPath | undefined {
  let candidate = mount.endsWith('/') ? mount : `${mount}/`;
  for (;;) {
    if (path === candidate.slice(0, -1)) return { mount: candidate, key: '' };
    if (path.startsWith(candidate)) return { mount: candidate, key: path.slice(candidate.length) };
    const slash = candidate.indexOf('/');
    if (slash === candidate.length - 1) return undefined;
    candidate = candidate.slice(slash + 1);
  }
}

/** The path below the mount (the whole path when the mount is not found in it). */
export function pathBelowMount(path: string, mount: string): string {
  return mountInPath(path, mount)?.key ?? path;
}

function awsTarget(path: string, mount: string): Target {
  const rest = pathBelowMount(path, mount);
  const kind = /^(creds|sts|static-creds)\/([^/]+)$/u.exec(rest);
  if (!kind) {
    throw new CredentialError('CONFIG', `vault: ${mount} is an AWS secrets engine; "${path}" does not name a role`, {
      hint: `write ${mount}creds/<role> (IAM user), ${mount}sts/<role> (assumed role, federation or session token) or ${mount}static-creds/<role> (static role)`,
    });
  }
  return { engine: 'aws', mount, kind: kind[1] as AwsKind, role: kind[2] as string };
}

function fromMount(path: string, reported: string, type: string, version: string | undefined): Target {
  // "generic" is KV v1's name before Vault 0.8.
  if ((type === 'kv' && version !== '2') || type === 'generic') return { engine: 'kv1', path };
  if (type !== 'kv' && type !== 'aws') return { engine: 'generic', path, type };
  // KV v2 and AWS requests are built from the mount as it is written in the path.
  const at = mountInPath(path, reported);
  if (!at) {
    throw new CredentialError('BACKEND', `vault: the mount lookup for ${path} answered the mount "${reported}", which is not at the start of the path`, {
      hint: 'check VAULT_NAMESPACE (or --namespace) is the namespace the path is written under, or name the engine with --engine and --mount',
    });
  }
  return type === 'aws' ? awsTarget(path, at.mount) : { engine: 'kv2', mount: at.mount, key: at.key };
}

/**
 * Decides the engine: from `--engine`, or by asking
 * `sys/internal/ui/mounts/<path>` exactly as `vault kv get` does (404 there
 * means a Vault too old to have it: KV v1).
 */
export async function resolveTarget(session: Session, auth: Authenticated, secret: SecretOptions): Promise<Target> {
  if (secret.engine === 'kv1') return { engine: 'kv1', path: secret.path };
  if (secret.engine === 'kv2') return { engine: 'kv2', mount: secret.mount as string, key: pathBelowMount(secret.path, secret.mount as string) };
  if (secret.engine === 'aws') return awsTarget(secret.path, secret.mount as string);

  const preflight = `sys/internal/ui/mounts/${secret.path}`;
  const response = await session.client.request({ method: 'GET', path: preflight, token: auth.token });
  if (response.status === 404) {
    session.log('vault: sys/internal/ui/mounts is not available (Vault before 0.10); reading as KV v1');
    return { engine: 'kv1', path: secret.path };
  }
  if (response.status === 403 && errorStrings(response.body).some((text) => text.includes('preflight capability check'))) {
    const top = secret.path.split('/')[0] ?? secret.path;
    throw new CredentialError('AUTH', `vault: no secrets engine this token may use is mounted at the start of "${secret.path}"`, {
      hint: `check that "${top}/" is a mount (\`vault secrets list\`) and that the token's policies allow a path under it`,
    });
  }
  if (response.status === 403) throw await permissionDenied(session, auth, response, `looking up the mount of ${secret.path}`, preflight);
  if (response.status !== 200)
    throw httpFailure(response, { what: `looking up the mount of ${secret.path}`, address: session.client.address }, (text) => session.secrets.redact(text));
  const data = asRecord(response.body?.data);
  const mountPath = typeof data?.path === 'string' && data.path !== '' ? (data.path.endsWith('/') ? data.path : `${data.path}/`) : undefined;
  const type = typeof data?.type === 'string' ? data.type : undefined;
  if (!mountPath || !type) {
    throw new CredentialError('BACKEND', `vault: the mount lookup for ${secret.path} answered without a path and type`, { hint: 'is VAULT_ADDR a Vault server?' });
  }
  const version = asRecord(data?.options)?.version;
  const target = fromMount(secret.path, mountPath, type, typeof version === 'string' ? version : undefined);
  const trimmed = 'mount' in target && target.mount !== mountPath ? ` (answered as ${mountPath}: a child namespace, trimmed as the vault CLI does)` : '';
  session.log(
    `vault: ${secret.path} is under ${'mount' in target ? target.mount : mountPath}${trimmed} (${type}${typeof version === 'string' ? ` v${version}` : ''}): reading it as ${target.engine}`,
  );
  return target;
}
