import { CredentialError, isCredentialError, type SourceContext, type SourceCredentials } from '@cred-launch/core';
import { authenticate } from './auth/index.js';
import { readAwsCredentials } from './engines/aws.js';
import { readKv } from './engines/kv.js';
import { credentialsFrom } from './engines/mapping.js';
import { resolveTarget, type Target } from './engines/target.js';
import type { SecretOptions, VaultArgs } from './options.js';
import { withSession } from './run-session.js';
import type { Authenticated } from './session.js';

/** Flags that only make sense for one engine, checked once Vault has said which engine it is. */
function checkFlagsFit(secret: SecretOptions, target: Target): void {
  const engineName = target.engine === 'kv2' ? 'KV v2' : target.engine === 'kv1' ? 'KV v1' : target.engine === 'aws' ? 'the AWS secrets engine' : `a "${target.type}" engine`;
  if (secret.version !== undefined && target.engine !== 'kv2') {
    throw new CredentialError('CONFIG', `vault: --version reads a KV v2 version, but ${secret.path} is on ${engineName}`, { hint: 'leave --version out' });
  }
  const aws = secret.aws;
  if (target.engine !== 'aws' && (aws.ttlSeconds !== undefined || aws.roleArn !== undefined || aws.roleSessionName !== undefined || aws.mfaCode !== undefined)) {
    throw new CredentialError('CONFIG', `vault: --ttl, --role-arn, --role-session-name and --mfa-code apply to the AWS secrets engine, but ${secret.path} is on ${engineName}`, {
      hint: 'leave those flags out, or name an AWS engine path such as aws/sts/<role>',
    });
  }
}

/** The whole run behind `cred-launch vault <path>`: authenticate, find the engine, read, map. */
export function fetchVaultCredentials(context: SourceContext<VaultArgs>): Promise<SourceCredentials> {
  const { secret, auth: authOptions } = context.args;
  return withSession(context, async (session) => {
    const read = async (auth: Authenticated): Promise<SourceCredentials> => {
      const target = await resolveTarget(session, auth, secret);
      checkFlagsFit(secret, target);
      if (target.engine === 'aws') return readAwsCredentials(session, auth, target, secret.aws, secret.fields);
      const { record, display } = await readKv(session, auth, target, secret.version);
      session.secrets.addValues(record);
      return credentialsFrom(record, display, secret.fields);
    };
    const auth = await authenticate(session, authOptions);
    try {
      return await read(auth);
    } catch (error) {
      // A kept login token can be revoked before its lease ends: forget it and log in once more.
      if (auth.reusedStateKey === undefined || !isCredentialError(error, 'AUTH')) throw error;
      session.state?.delete(auth.reusedStateKey);
      session.log('vault: the reused login token was refused; logging in again');
      return read(await authenticate(session, authOptions));
    }
  });
}
