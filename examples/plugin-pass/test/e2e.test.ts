// The plugin as a user runs it: built, loaded by the real cred-launch bin by
// explicit path (it is not installed next to the launcher), and read by the
// AWS SDK through a credential_process profile.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromProcess } from '@aws-sdk/credential-providers';
import { credLaunchCommand, runCredLaunch, withAwsProfile } from '@cred-launch/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEY_ID, createStore, FAKE_PASS, SECRET_KEY, storeEnv } from './fixtures/store.js';

const pluginDir = fileURLToPath(new URL('..', import.meta.url));
const env = storeEnv(createStore());
const from = import.meta.url;

beforeAll(() => {
  if (!existsSync(new URL('../dist/index.js', import.meta.url))) throw new Error('build the plugin first: pnpm --filter cred-launch-plugin-pass build');
});

describe('cred-launch <path to this package> …', () => {
  it('prints credential_process JSON and nothing else', async () => {
    const result = await runCredLaunch([pluginDir, '--pass-bin', FAKE_PASS, 'aws/session'], { env, from });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1, AccessKeyId: ACCESS_KEY_ID, SecretAccessKey: SECRET_KEY });
  });

  it('exits 66 for a missing entry, with a short message and no secret', async () => {
    const result = await runCredLaunch([pluginDir, '--pass-bin', FAKE_PASS, 'aws/missing'], { env, from });
    expect(result.code).toBe(66);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/no entry "aws\/missing"/);
    expect(result.stderr).not.toContain(SECRET_KEY);
  });

  it('exits 64 for bad arguments and 75 when pass hangs past --timeout', async () => {
    expect((await runCredLaunch([pluginDir, '../x'], { env, from })).code).toBe(64);
    const hang = await runCredLaunch(['--timeout', '1s', pluginDir, '--pass-bin', FAKE_PASS, 'aws/hang'], { env, from });
    expect(hang.code).toBe(75);
    expect(hang.stdout).toBe('');
  });

  it('shows its usage and runs its fields command', async () => {
    const help = await runCredLaunch([pluginDir, '--help'], { env, from });
    expect(help.code).toBe(0);
    expect(help.stdout + help.stderr).toMatch(/cred-launch pass \[options\] <entry>/);
    const fields = await runCredLaunch([pluginDir, 'fields', '--pass-bin', FAKE_PASS, 'aws/dev'], { env, from });
    expect(fields.code).toBe(0);
    expect(fields.stdout).toBe('aws/dev: pass convention (first line, then key: value lines)\nfields: password, aws_access_key_id, url\n');
  });

  it('resolves a credential_process profile through the AWS SDK for JavaScript', async () => {
    const command = credLaunchCommand(['--no-cache', pluginDir, '--pass-bin', FAKE_PASS, 'aws/dev'], { from });
    const saved = process.env.PASSWORD_STORE_DIR;
    process.env.PASSWORD_STORE_DIR = env.PASSWORD_STORE_DIR;
    try {
      const credentials = await withAwsProfile({ command }, (config) =>
        fromProcess({ profile: config.profile, filepath: config.credentialsFile, configFilepath: config.configFile })(),
      );
      expect(credentials).toMatchObject({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY });
    } finally {
      if (saved === undefined) delete process.env.PASSWORD_STORE_DIR;
      else process.env.PASSWORD_STORE_DIR = saved;
    }
  });
});
