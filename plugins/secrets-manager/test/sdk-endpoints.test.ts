/**
 * What the installed @aws-sdk/client-secrets-manager itself does with the
 * endpoint settings the plugin mirrors (src/client-settings.ts): a bare SDK
 * client in a child process, configured only through its environment, must
 * reach the local test server. If an SDK upgrade changes this, the plugin's
 * resolution order needs a look.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALICE, STORED, startBackend, type Backend } from './helpers.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const script = `
const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
const client = new SecretsManagerClient({ maxAttempts: 1 });
try {
  const out = await client.send(new GetSecretValueCommand({ SecretId: 'ci/pascal' }));
  console.log(JSON.parse(out.SecretString).AccessKeyId);
} catch (error) { console.log('failed: ' + error.name); }
client.destroy();`;

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.close();
});

async function bareClient(env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: packageDir,
    timeout: 20_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: backend.dir,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: ALICE.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey,
      AWS_CONFIG_FILE: join(backend.dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(backend.dir, 'none'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
  });
  return stdout.trim();
}

describe('endpoint settings the installed SDK honours', () => {
  test('AWS_ENDPOINT_URL_SECRETS_MANAGER', async () => {
    expect(await bareClient({ AWS_ENDPOINT_URL_SECRETS_MANAGER: backend.server.url })).toBe(STORED.accessKeyId);
  }, 30_000);

  test('AWS_ENDPOINT_URL', async () => {
    expect(await bareClient({ AWS_ENDPOINT_URL: backend.server.url })).toBe(STORED.accessKeyId);
  }, 30_000);

  test('a [services] section of the profile', async () => {
    const configFile = join(backend.dir, 'config-services');
    writeFileSync(configFile, `[default]\nservices = local\n[services local]\nsecrets_manager =\n  endpoint_url = ${backend.server.url}\n`);
    expect(await bareClient({ AWS_CONFIG_FILE: configFile })).toBe(STORED.accessKeyId);
  }, 30_000);
});
