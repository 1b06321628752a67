/**
 * Against the real IAM Roles Anywhere. Runs only when
 * CRED_LAUNCH_LIVE_ROLES_ANYWHERE=1 and these point at a working setup:
 * - CRED_LAUNCH_LIVE_RA_CERTIFICATE, CRED_LAUNCH_LIVE_RA_PRIVATE_KEY: files;
 * - CRED_LAUNCH_LIVE_RA_TRUST_ANCHOR_ARN, CRED_LAUNCH_LIVE_RA_PROFILE_ARN,
 *   CRED_LAUNCH_LIVE_RA_ROLE_ARN.
 * Optional: CRED_LAUNCH_LIVE_RA_INTERMEDIATES (bundle file).
 */
import { homedir } from 'node:os';
import { runCredentialSource, SecretRedactor } from '@cred-launch/core';
import { describe, expect, test } from 'vitest';
import source from '../src/index.js';

const env = { ...process.env };
const names = ['CERTIFICATE', 'PRIVATE_KEY', 'TRUST_ANCHOR_ARN', 'PROFILE_ARN', 'ROLE_ARN'] as const;
const value = (name: string): string => env[`CRED_LAUNCH_LIVE_RA_${name}`] ?? '';
const enabled = env.CRED_LAUNCH_LIVE_ROLES_ANYWHERE === '1' && names.every((name) => value(name) !== '');

const argv = (): string[] => [
  '--certificate',
  value('CERTIFICATE'),
  '--private-key',
  value('PRIVATE_KEY'),
  '--trust-anchor-arn',
  value('TRUST_ANCHOR_ARN'),
  '--profile-arn',
  value('PROFILE_ARN'),
  '--role-arn',
  value('ROLE_ARN'),
  ...(value('INTERMEDIATES') === '' ? [] : ['--intermediates', value('INTERMEDIATES')]),
];
const runLive = (args: string[]) =>
  runCredentialSource(source, args, { env, redactor: new SecretRedactor(), cwd: process.cwd(), homedir: homedir(), signal: AbortSignal.timeout(20_000) });

describe.skipIf(!enabled)('live: real IAM Roles Anywhere', () => {
  test('CreateSession gives temporary credentials with an Expiration', async () => {
    const credentials = await runLive([...argv(), '--session-duration', '900']);
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{12,}$/u);
    expect(credentials.sessionToken?.length).toBeGreaterThan(0);
    expect(credentials.expiration!.getTime() - Date.now()).toBeGreaterThan(0);
    expect(credentials.expiration!.getTime() - Date.now()).toBeLessThanOrEqual(900_000 + 60_000);
  }, 30_000);

  test('a profile that does not exist is NOT_FOUND', async () => {
    const missing = value('PROFILE_ARN').replace(/profile\/.*$/u, 'profile/00000000-0000-0000-0000-000000000000');
    await expect(runLive(argv().map((item) => (item === value('PROFILE_ARN') ? missing : item)))).rejects.toMatchObject({ code: expect.stringMatching(/^(NOT_FOUND|AUTH)$/u) });
  }, 30_000);
});
