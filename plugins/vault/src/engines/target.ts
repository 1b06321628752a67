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
  | { engine: 'aws'; mount: string; kind: 'creds' | 'sts'; role: string };

/**
 * The path below the mount, as the vault CLI's addPrefixToKVPath computes it
 * (a mount path answered with a namespace prefix is trimmed segment by segment).
 */
export function pathBelowMount(path: string, mount: string): string {
  let candidate = mount;
  for (;;) {
    const bare = candidate.replace(/\/+$/u, '');
    if (path === bare) return '';
    if (path.startsWith(`${bare}/`)) return path.slice(bare.length + 1);
    const slash = candidate.indexOf('/');
    if (slash < 0 || slash === candidate.length - 1) return path;
    candidate = candidate.slice(slash + 1);
  }
}

function awsTarget(path: string, mount: string): Target {
  const rest = pathBelowMount(path, mount);
  const kind = /^(creds|sts)\/([^/]+)$/u.exec(rest);
  if (!kind) {
    throw new CredentialError('CONFIG', `vault: ${mount} is an AWS secrets engine; "${path}" does not name a role`, {
      hint: `write ${mount}creds/<role> (IAM user) or ${mount}sts/<role> (assumed role / federation token)`,
    });
  }
  return { engine: 'aws', mount, kind: kind[1] as 'creds' | 'sts', role: kind[2] as string };
}

function fromMount(path: string, mount: string, type: string, version: string | undefined): Target {
  if (type === 'aws') return awsTarget(path, mount);
  if (type === 'kv' && version === '2') return { engine: 'kv2', mount, key: pathBelowMount(path, mount) };
  // "generic" is KV v1's name before Vault 0.8.
  if (type === 'kv' || type === 'generic') return { engine: 'kv1', path };
  return { engine: 'generic', path, type };
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
  if (response.status !== 200) throw httpFailure(response, { what: `looking up the mount of ${secret.path}`, address: session.client.address }, (text) => session.secrets.redact(text));
  const data = asRecord(response.body?.data);
  const mountPath = typeof data?.path === 'string' && data.path !== '' ? (data.path.endsWith('/') ? data.path : `${data.path}/`) : undefined;
  const type = typeof data?.type === 'string' ? data.type : undefined;
  if (!mountPath || !type) {
    throw new CredentialError('BACKEND', `vault: the mount lookup for ${secret.path} answered without a path and type`, { hint: 'is VAULT_ADDR a Vault server?' });
  }
  const version = asRecord(data?.options)?.version;
  const target = fromMount(secret.path, mountPath, type, typeof version === 'string' ? version : undefined);
  session.log(`vault: ${secret.path} is under ${mountPath} (${type}${typeof version === 'string' ? ` v${version}` : ''}): reading it as ${target.engine}`);
  return target;
}
