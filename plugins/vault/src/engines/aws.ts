import { CredentialError, type FieldOverrides, type SourceCredentials } from '@cred-launch/core';
import { asRecord, errorStrings } from '../client/envelope.js';
import { describeVaultErrors, httpFailure } from '../client/errors.js';
import { permissionDenied } from '../auth/diagnose.js';
import type { AwsEngineOptions } from '../options.js';
import type { Authenticated, Session } from '../session.js';
import { credentialsFrom } from './mapping.js';
import type { Target } from './target.js';

type AwsTarget = Extract<Target, { engine: 'aws' }>;

/**
 * Mints credentials from the AWS secrets engine: `GET <mount>/creds/<role>`
 * (IAM user) or `POST <mount>/sts/<role>` (assumed role / federation token)
 * with `ttl`, `role_arn`, `role_session_name`. Expiration is the lease end
 * (`lease_duration`, or `data.ttl` for no_lease roles) counted from just
 * before the request, so it is never later than Vault's own.
 */
export async function readAwsCredentials(session: Session, auth: Authenticated, target: AwsTarget, options: AwsEngineOptions, fields: FieldOverrides): Promise<SourceCredentials> {
  const apiPath = `${target.mount}${target.kind}/${target.role}`;
  const params: Record<string, string> = {};
  if (options.ttlSeconds !== undefined) params.ttl = `${options.ttlSeconds}s`;
  if (options.roleArn !== undefined) params.role_arn = options.roleArn;
  if (options.roleSessionName !== undefined) params.role_session_name = options.roleSessionName;
  const issuedAt = session.now();
  const response =
    target.kind === 'creds'
      ? await session.client.request({ method: 'GET', path: apiPath, token: auth.token, query: params })
      : await session.client.request({ method: 'POST', path: apiPath, token: auth.token, body: params });
  const what = `requesting AWS credentials from ${apiPath}`;
  if (response.status === 400) {
    const detail = describeVaultErrors(response, (text) => session.secrets.redact(text));
    if (errorStrings(response.body).some((text) => /role .* not found/iu.test(text))) {
      throw new CredentialError('NOT_FOUND', `vault: no role "${target.role}" in the AWS secrets engine at ${target.mount}`, { hint: `list the roles with \`vault list ${target.mount}roles\`` });
    }
    throw new CredentialError('CONFIG', `vault: Vault rejected ${what} (HTTP 400${detail ? `: ${detail}` : ''})`, {
      hint: `check --ttl, --role-arn and --role-session-name against the role (\`vault read ${target.mount}roles/${target.role}\`)`,
    });
  }
  if (response.status === 403) throw await permissionDenied(session, auth, response, what, apiPath);
  if (response.status !== 200) throw httpFailure(response, { what, address: session.client.address }, (text) => session.secrets.redact(text));

  const data = asRecord(response.body?.data);
  if (!data) throw new CredentialError('BACKEND', `vault: ${apiPath} answered without data`, { hint: 'is this path an AWS secrets engine role?' });
  session.secrets.addValues(data);
  // Vault names the STS token security_token; core's spellings map it (and session_token) to SessionToken.
  const credentials = credentialsFrom(data, apiPath, fields);
  const lease = typeof response.body?.lease_duration === 'number' ? response.body.lease_duration : 0;
  const ttl = typeof data.ttl === 'number' ? data.ttl : 0;
  const seconds = lease > 0 ? lease : ttl;
  if (seconds > 0 && credentials.expiration === undefined) credentials.expiration = new Date(issuedAt.getTime() + seconds * 1000);
  session.log(`vault: AWS credentials from ${apiPath} (${lease > 0 ? `lease ${lease} s` : ttl > 0 ? `ttl ${ttl} s, no lease` : 'no expiry'})`);
  return credentials;
}
