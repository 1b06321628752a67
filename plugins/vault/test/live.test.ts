/**
 * Against a real Vault — runs only when VAULT_ADDR and VAULT_TOKEN are set
 * (skipped otherwise). Everything else comes from the usual VAULT_*
 * variables (VAULT_NAMESPACE, VAULT_CACERT…).
 *
 *   CRED_LAUNCH_LIVE_VAULT_PATH  a secret holding AWS keys (KV path such as
 *                                secret/aws/dev, or aws/creds/<role>); without
 *                                it only the token and error paths are checked
 *   CRED_LAUNCH_LIVE_VAULT_ARGS  extra plugin arguments, space separated
 *                                (e.g. "--access-key-field id")
 *
 * Note: an AWS engine path mints real credentials on every run of this suite.
 */
import { CredentialError, isCredentialError, runCredentialSource, SecretRedactor, type SourceEnv } from '@cred-launch/core';
import { homedir } from 'node:os';
import { describe, expect, test } from 'vitest';
import source from '../src/index.js';

const LIVE = Boolean(process.env.VAULT_ADDR && process.env.VAULT_TOKEN);
const PATH = process.env.CRED_LAUNCH_LIVE_VAULT_PATH;
const EXTRA = (process.env.CRED_LAUNCH_LIVE_VAULT_ARGS ?? '').split(' ').filter((arg) => arg !== '');

function vaultEnv(overrides: Record<string, string> = {}): SourceEnv {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (name.startsWith('VAULT_') && value !== undefined) env[name] = value;
  return { ...env, ...overrides };
}

async function run(argv: string[], env: SourceEnv): Promise<{ error?: CredentialError; redactor: SecretRedactor; ok: boolean }> {
  const redactor = new SecretRedactor();
  try {
    await runCredentialSource(source, argv, { env, cwd: process.cwd(), homedir: homedir(), redactor });
    return { redactor, ok: true };
  } catch (error) {
    if (!isCredentialError(error)) throw error;
    return { error, redactor, ok: false };
  }
}

describe.skipIf(!LIVE)('live Vault (VAULT_ADDR, VAULT_TOKEN)', () => {
  test('whoami: the token is valid and never printed', async () => {
    const command = source.commands?.whoami;
    if (!command) throw new Error('whoami missing');
    const env = vaultEnv();
    const text = await command.run({
      args: command.parseArgs({ argv: [], env }),
      env,
      signal: AbortSignal.timeout(20_000),
      log: () => undefined,
      secrets: new SecretRedactor(),
      now: () => new Date(),
      cwd: process.cwd(),
      homedir: homedir(),
    });
    expect(text).toContain('policies:');
    expect(text).not.toContain(process.env.VAULT_TOKEN as string);
  }, 30_000);

  test('a made-up token is AUTH', async () => {
    const outcome = await run([PATH ?? 'secret/cred-launch-live-check'], vaultEnv({ VAULT_TOKEN: 'hvs.cred-launch-not-a-real-token' }));
    expect(outcome.error?.code).toBe('AUTH');
  }, 30_000);

  test.skipIf(!PATH)(
    'reads CRED_LAUNCH_LIVE_VAULT_PATH into valid credentials',
    async () => {
      const redactor = new SecretRedactor();
      const credentials = await runCredentialSource(source, [PATH as string, ...EXTRA], { env: vaultEnv(), cwd: process.cwd(), homedir: homedir(), redactor });
      expect(credentials.accessKeyId).toMatch(/^(AKIA|ASIA)[A-Z0-9]{12,}$/u);
      expect(redactor.redact(credentials.secretAccessKey)).toBe('[REDACTED]');
    },
    30_000,
  );

  test.skipIf(!PATH || PATH.includes('/creds/') || PATH.includes('/sts/'))(
    'a path next to it that does not exist is NOT_FOUND',
    async () => {
      const outcome = await run([`${PATH as string}-cred-launch-missing-${Date.now()}`, ...EXTRA], vaultEnv());
      expect(outcome.error?.code).toBe('NOT_FOUND');
    },
    30_000,
  );
});
