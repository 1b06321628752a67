/**
 * Against the real AWS Secrets Manager. Runs only when both are set:
 * - CRED_LAUNCH_LIVE_SECRET_ID: a secret (name or ARN) holding an IAM key pair
 *   in a format this plugin reads;
 * - real AWS credentials for the SDK default chain (AWS_PROFILE, or
 *   AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a web identity / container role).
 * Optional: CRED_LAUNCH_LIVE_REGION (else the ARN's, AWS_REGION…),
 * CRED_LAUNCH_LIVE_ARGS (extra plugin flags, space-separated, e.g. "--json-key aws").
 */
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { runCredentialSource, SecretRedactor } from '@cred-launch/core';
import { describe, expect, test } from 'vitest';
import source from '../src/index.js';

const env = { ...process.env };
const secretId = env.CRED_LAUNCH_LIVE_SECRET_ID;
const hasCredentials = Boolean(
  env.AWS_PROFILE ||
  (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) ||
  env.AWS_WEB_IDENTITY_TOKEN_FILE ||
  env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
  env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI,
);
const extra = [...(env.CRED_LAUNCH_LIVE_REGION ? ['--region', env.CRED_LAUNCH_LIVE_REGION] : []), ...(env.CRED_LAUNCH_LIVE_ARGS ?? '').split(' ').filter(Boolean)];

const runLive = (argv: string[]) =>
  runCredentialSource(source, argv, { env, redactor: new SecretRedactor(), cwd: process.cwd(), homedir: homedir(), signal: AbortSignal.timeout(20_000) });

describe.skipIf(!secretId || !hasCredentials)('live: real AWS Secrets Manager', () => {
  test('reads the secret into a valid key pair', async () => {
    const credentials = await runLive([secretId!, ...extra]);
    expect(credentials.accessKeyId).toMatch(/^[A-Z0-9]{16,128}$/u);
    expect(credentials.secretAccessKey.length).toBeGreaterThan(0);
  }, 30_000);

  test('a secret that does not exist is NOT_FOUND', async () => {
    const missing = `cred-launch-live-missing-${randomUUID()}`;
    const region = env.CRED_LAUNCH_LIVE_REGION ?? /^arn:[^:]+:secretsmanager:([^:]+):/u.exec(secretId!)?.[1];
    await expect(runLive([missing, ...(region ? ['--region', region] : [])])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 30_000);
});
