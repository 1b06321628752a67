import { describe, expect, test } from 'vitest';
import { SecretRedactor } from '@cred-launch/core';
import { exchangeCredentials } from '../src/index.js';

// Real AWS STS, only when asked for: CRED_LAUNCH_LIVE_STS=1 plus long-term IAM
// user keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Optional:
// CRED_LAUNCH_LIVE_ROLE_ARN (+ CRED_LAUNCH_LIVE_EXTERNAL_ID) for AssumeRole,
// CRED_LAUNCH_LIVE_MFA_SERIAL + CRED_LAUNCH_LIVE_MFA_SEED for MFA, AWS_REGION.
const env = process.env;
const enabled = env.CRED_LAUNCH_LIVE_STS === '1' && Boolean(env.AWS_ACCESS_KEY_ID) && Boolean(env.AWS_SECRET_ACCESS_KEY);

function liveContext() {
  return {
    env: { AWS_REGION: env.AWS_REGION ?? 'us-east-1', USER: env.USER ?? 'live-test' },
    signal: AbortSignal.timeout(30_000),
    log: () => undefined,
    secrets: new SecretRedactor(),
    now: () => new Date(),
  };
}

function sourceKeys() {
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID!,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
    ...(env.CRED_LAUNCH_LIVE_MFA_SEED ? { mfaTotpSeed: env.CRED_LAUNCH_LIVE_MFA_SEED } : {}),
  };
}

async function callerArn(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<string> {
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient({ region: env.AWS_REGION ?? 'us-east-1', credentials });
  try {
    return (await client.send(new GetCallerIdentityCommand({}))).Arn ?? '';
  } finally {
    client.destroy();
  }
}

describe.skipIf(!enabled)('live AWS STS', () => {
  test('GetSessionToken: a working session for the same user', async () => {
    const mfa = env.CRED_LAUNCH_LIVE_MFA_SERIAL ? { mfaSerial: env.CRED_LAUNCH_LIVE_MFA_SERIAL } : {};
    const session = await exchangeCredentials(sourceKeys(), { session: true, durationSeconds: 900, ...mfa }, liveContext());
    expect(session.expiration.getTime()).toBeGreaterThan(Date.now());
    expect(await callerArn(session)).toBe(await callerArn(sourceKeys()));
  });

  test.skipIf(!env.CRED_LAUNCH_LIVE_ROLE_ARN)('AssumeRole: credentials of the role', async () => {
    const role = env.CRED_LAUNCH_LIVE_ROLE_ARN!;
    const credentials = await exchangeCredentials(
      sourceKeys(),
      {
        assumeRole: role,
        durationSeconds: 900,
        ...(env.CRED_LAUNCH_LIVE_EXTERNAL_ID ? { externalId: env.CRED_LAUNCH_LIVE_EXTERNAL_ID } : {}),
        ...(env.CRED_LAUNCH_LIVE_MFA_SERIAL ? { mfaSerial: env.CRED_LAUNCH_LIVE_MFA_SERIAL } : {}),
      },
      liveContext(),
    );
    expect(await callerArn(credentials)).toContain(`:assumed-role/${role.split(':role/')[1]?.split('/').pop()}/`);
  });
});
