/**
 * Live suite for the keychains this machine cannot provide in CI: the real
 * macOS Keychain (`security`) and Windows Credential Manager (PowerShell).
 * Runs only with CRED_LAUNCH_LIVE_KEYCHAIN=1 on macOS or Windows; it adds,
 * reads, lists and removes one entry with a unique name in the user's own
 * keychain. (On Linux the real-keyring tests — conformance, secret-service,
 * e2e — are the live suite: they run a real gnome-keyring-daemon.)
 */
import { runCredentialSource, SecretRedactor } from '@cred-launch/core';
import { describe, expect, test } from 'vitest';
import { defaultBackend } from '../src/backend-kind.js';
import source from '../src/index.js';
import { runCommand } from './helpers.js';

const LIVE = process.env.CRED_LAUNCH_LIVE_KEYCHAIN === '1' && (process.platform === 'darwin' || process.platform === 'win32');
if (!LIVE) test.skip('live keychain suite: set CRED_LAUNCH_LIVE_KEYCHAIN=1 on macOS or Windows', () => undefined);

describe.skipIf(!LIVE)(`live ${defaultBackend()} keychain`, () => {
  const name = `cred-launch-live-${process.pid}-${Date.now()}`;
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const secret = `liveSecret${Date.now()}0000000000000000000000000`.slice(0, 40);

  test('add → read → list → remove → read is NOT_FOUND', async () => {
    try {
      const added = await runCommand('add', [name, '--from-stdin'], { env, stdin: `aws_access_key_id=AKIALIVEKEYCHAIN0001\naws_secret_access_key=${secret}` });
      expect(added.error).toBeUndefined();
      const credentials = await runCredentialSource(source, [name], { env, redactor: new SecretRedactor(), cwd: process.cwd(), homedir: '/' });
      expect(credentials).toMatchObject({ accessKeyId: 'AKIALIVEKEYCHAIN0001', secretAccessKey: secret });
      expect((await runCommand('list', [], { env })).text?.split('\n')).toContain(name);
    } finally {
      await runCommand('remove', [name], { env });
    }
    await expect(runCredentialSource(source, [name], { env, redactor: new SecretRedactor(), cwd: process.cwd(), homedir: '/' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);
});
