import { CredentialError, type FieldOverrides, type SourceCredentials } from '@cred-launch/core';
import { errorStrings } from '../client/envelope.js';
import { describeVaultErrors, httpFailure } from '../client/errors.js';
import { permissionDenied } from '../auth/diagnose.js';
import type { AwsEngineOptions } from '../options.js';
import type { Authenticated, Session } from '../session.js';
import { credentialsFrom } from './mapping.js';
import { replyData } from './reply.js';
import type { Target } from './target.js';

type AwsTarget = Extract<Target, { engine: 'aws' }>;

/** Parameters for `creds/` (query string) or `sts/` (JSON body). */
function requestParams(options: AwsEngineOptions): Record<string, string> {
  const params: Record<string, string> = {};
  if (options.ttlSeconds !== undefined) params.ttl = `${options.ttlSeconds}s`;
  if (options.roleArn !== undefined) params.role_arn = options.roleArn;
  if (options.roleSessionName !== undefined) params.role_session_name = options.roleSessionName;
  // path_user.go: mfa_code goes to sts:GetSessionToken for session_token roles.
  if (options.mfaCode !== undefined) params.mfa_code = options.mfaCode;
  return params;
}

function refuseParamsForStaticRole(target: AwsTarget, options: AwsEngineOptions): void {
  const given = Object.keys(requestParams(options));
  if (given.length === 0) return;
  throw new CredentialError('CONFIG', `vault: ${target.mount}static-creds/${target.role} is a static role, which takes no parameters (${given.join(', ')} given)`, {
    hint: "leave out --ttl, --role-arn, --role-session-name and --mfa-code: Vault rotates static keys on the role's rotation_period",
  });
}

/**
 * The lease end (`lease_duration`, or `data.ttl` for no_lease roles) counted
 * from just before the request, so it is never later than Vault's own.
 */
function leaseEnd(data: Record<string, unknown>, leaseSeconds: number, issuedAt: Date): { at: Date | undefined; from: string } {
  const ttl = typeof data.ttl === 'number' ? data.ttl : 0;
  const seconds = leaseSeconds > 0 ? leaseSeconds : ttl;
  if (seconds <= 0) return { at: undefined, from: 'no expiry' };
  return { at: new Date(issuedAt.getTime() + seconds * 1000), from: leaseSeconds > 0 ? `lease ${leaseSeconds} s` : `ttl ${ttl} s, no lease` };
}

/**
 * Gets credentials from the AWS secrets engine: `GET <mount>/creds/<role>`
 * (IAM user), `POST <mount>/sts/<role>` (assumed role, federation token,
 * session token with `mfa_code`) or `GET <mount>/static-creds/<role>` (a
 * static role's current keys).
 */
export async function readAwsCredentials(session: Session, auth: Authenticated, target: AwsTarget, options: AwsEngineOptions, fields: FieldOverrides): Promise<SourceCredentials> {
  const apiPath = `${target.mount}${target.kind}/${target.role}`;
  if (target.kind === 'static-creds') refuseParamsForStaticRole(target, options);
  const params = requestParams(options);
  const issuedAt = session.now();
  const response =
    target.kind === 'sts'
      ? await session.client.request({ method: 'POST', path: apiPath, token: auth.token, body: params })
      : await session.client.request({ method: 'GET', path: apiPath, token: auth.token, query: params });
  const what = `requesting AWS credentials from ${apiPath}`;
  if (response.status === 400) {
    const detail = describeVaultErrors(response, (text) => session.secrets.redact(text));
    if (errorStrings(response.body).some((text) => /role .* not found/iu.test(text))) {
      throw new CredentialError('NOT_FOUND', `vault: no role "${target.role}" in the AWS secrets engine at ${target.mount}`, {
        hint: `list the roles with \`vault list ${target.mount}roles\``,
      });
    }
    if (errorStrings(response.body).some((text) => /MultiFactorAuthentication/u.test(text))) {
      throw new CredentialError('AUTH', `vault: AWS refused the MFA code for ${apiPath}${detail ? ` (${detail})` : ''}`, {
        hint:
          options.mfaCode === undefined
            ? 'this role needs an MFA code: pass --mfa-code with the current six-digit code'
            : 'pass the current code with --mfa-code (each code works once, for about 30 seconds)',
      });
    }
    throw new CredentialError('CONFIG', `vault: Vault rejected ${what} (HTTP 400${detail ? `: ${detail}` : ''})`, {
      hint: `check --ttl, --role-arn, --role-session-name and --mfa-code against the role (\`vault read ${target.mount}roles/${target.role}\`)`,
    });
  }
  if (response.status === 404 && target.kind === 'static-creds') {
    throw new CredentialError('NOT_FOUND', `vault: no static role "${target.role}" in the AWS secrets engine at ${target.mount}`, {
      hint: `list the static roles with \`vault list ${target.mount}static-roles\``,
    });
  }
  if (response.status === 403) throw await permissionDenied(session, auth, response, what, apiPath);
  if (response.status !== 200) throw httpFailure(response, { what, address: session.client.address }, (text) => session.secrets.redact(text));

  const data = replyData(response, what);
  session.secrets.addValues(data);
  // Vault names the STS token security_token; core's spellings map it (and
  // session_token) to SessionToken, and a static role's `expiration` (its next
  // rotation, path_static_creds.go; null when unknown) to Expiration.
  const credentials = credentialsFrom(data, apiPath, fields);
  let from = 'expiration';
  if (credentials.expiration === undefined) {
    const lease = typeof response.body?.lease_duration === 'number' ? response.body.lease_duration : 0;
    const end = leaseEnd(data, lease, issuedAt);
    if (end.at !== undefined) credentials.expiration = end.at;
    from = end.from;
  }
  session.log(`vault: AWS credentials from ${apiPath} (${from})`);
  return credentials;
}
