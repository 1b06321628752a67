import { newAccessKeyId, newLeaseSuffix, newSecretAccessKey, newSessionToken, parseVaultDuration } from '../ids.js';
import { errorReply, secretReply, type Reply } from '../responses.js';
import type { AwsRoleOptions, SecretMount } from '../state.js';
import type { HandlerContext } from './context.js';

const DEFAULT_IAM_LEASE = 2_764_800;
// STS's own limits on DurationSeconds, which Vault passes through.
const STS_LIMITS = { assumed_role: [900, 43_200], federation_token: [900, 129_600], session_token: [900, 129_600] } as const;

/**
 * `<mount>/creds/<role>` and `<mount>/sts/<role>` (GET, POST or PUT; both
 * paths serve every credential type, as for roles not created with legacy
 * parameters). Every call mints a new key pair and counts it.
 */
export function awsCredentials(context: HandlerContext, mount: SecretMount, rest: string): Reply {
  const staticRole = /^static-creds\/([^/]+)$/u.exec(rest);
  if (staticRole) return staticCredentials(context, mount, staticRole[1] as string);
  const match = /^(creds|sts)\/([^/]+)$/u.exec(rest);
  if (!match) return errorReply(404, 'unsupported path');
  if (!['GET', 'POST', 'PUT'].includes(context.method)) return errorReply(405, 'unsupported operation');
  const kind = match[1] as 'creds' | 'sts';
  const name = match[2] as string;
  const role = mount.awsRoles.get(name);
  if (!role) return errorReply(400, `Role "${name}" not found`);

  const ttlParam = context.params.ttl;
  let ttl = role.defaultStsTtl ?? 3600;
  if (ttlParam !== undefined && ttlParam !== '') {
    const parsed = parseVaultDuration(ttlParam);
    if (parsed === undefined) return errorReply(400, `error converting input ${JSON.stringify(String(ttlParam))} for field "ttl"`);
    ttl = parsed;
  }
  ttl = Math.min(ttl, role.maxStsTtl ?? 2_764_800);

  const issue = (): void => {
    mount.awsIssued.set(name, (mount.awsIssued.get(name) ?? 0) + 1);
  };
  const leaseId = `${mount.path}${kind}/${name}/${newLeaseSuffix()}`;

  if (role.credentialType === 'iam_user') {
    issue();
    return secretReply(
      { access_key: newAccessKeyId('iam'), secret_key: newSecretAccessKey(), security_token: null },
      { leaseId, leaseDuration: role.leaseSeconds ?? DEFAULT_IAM_LEASE, renewable: true, mountType: 'aws' },
    );
  }

  const [min, max] = STS_LIMITS[role.credentialType];
  if (ttl < min || ttl > max) {
    const action = role.credentialType === 'assumed_role' ? 'Error assuming role' : 'Error generating STS keys';
    return errorReply(
      400,
      `${action}: ValidationError: 1 validation error detected: Value '${ttl}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${ttl < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`,
    );
  }
  if (role.credentialType === 'session_token' && role.mfaSerialNumber !== undefined && context.params.mfa_code !== role.mfaCode) {
    // What Vault relays from sts:GetSessionToken when the code is missing or wrong.
    return errorReply(400, 'Error generating STS keys: AccessDenied: MultiFactorAuthentication failed with invalid MFA one time pass code.');
  }
  const data: Record<string, unknown> = { access_key: newAccessKeyId('sts'), secret_key: newSecretAccessKey(), security_token: newSessionToken() };
  if (role.credentialType === 'assumed_role') {
    const arn = resolveRoleArn(role, name, context.params.role_arn);
    if (typeof arn !== 'string') return arn;
    const sessionName = sessionNameFor(context.params.role_session_name, name);
    const roleName = arn.split('/').pop() ?? 'role';
    const account = /arn:aws:iam::(\d{12}):/u.exec(arn)?.[1] ?? '123456789012';
    data.arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
  }
  issue();
  if (role.noLease) return secretReply({ ...data, ttl }, { mountType: 'aws' });
  // STS credentials cannot be renewed; their lease is their lifetime.
  return secretReply(data, { leaseId, leaseDuration: ttl, renewable: false, mountType: 'aws' });
}

function resolveRoleArn(role: AwsRoleOptions, name: string, requested: unknown): string | Reply {
  const allowed = role.roleArns ?? [];
  if (requested === undefined || requested === '') {
    if (allowed.length !== 1) return errorReply(400, 'did not supply a role_arn parameter and unable to determine one');
    return allowed[0] as string;
  }
  if (typeof requested !== 'string' || !allowed.includes(requested)) {
    return errorReply(400, `role_arn ${JSON.stringify(String(requested))} not in allowed role arns for Vault role ${JSON.stringify(name)}`);
  }
  return requested;
}

function sessionNameFor(requested: unknown, roleName: string): string {
  if (typeof requested === 'string' && requested !== '') return requested.replace(/[^a-zA-Z0-9+=,.@_-]/gu, '_').slice(0, 64);
  return `vault-token-${roleName}-${Math.floor(Date.now() / 1000)}-${newLeaseSuffix().slice(0, 8)}`.slice(0, 64);
}

/**
 * GET `<mount>/static-creds/<name>` (path_static_creds.go): the static role's
 * current keys and `expiration` (next rotation), no lease; an unknown role
 * answers 404 with no errors, as a nil response does in Vault.
 */
function staticCredentials(context: HandlerContext, mount: SecretMount, name: string): Reply {
  if (context.method !== 'GET') return errorReply(405, 'unsupported operation');
  const role = mount.awsStaticRoles.get(name);
  if (!role) return errorReply(404);
  return secretReply({ access_key: role.accessKey, expiration: role.expiration === null ? null : role.expiration.toISOString(), secret_key: role.secretKey });
}
