import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

// Runs the built entry in a fresh Node process and counts the AWS SDK
// modules in the CommonJS module cache (the SDK is CommonJS under Node's
// "node" export condition, so every SDK module lands there when loaded).
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

const script = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const sdkModules = () => Object.keys(require.cache).filter((path) => /[\\\\/]@(aws-sdk|smithy)[\\\\/]/.test(path)).length;
const plugin = (await import(process.argv[1])).default;
const args = plugin.parseArgs({ argv: ['prod/ci', '--region', 'eu-west-1'], env: {} });
const usage = plugin.usage.length;
const afterImport = sdkModules();
let code;
try {
  await plugin.getCredentials({
    args, env: { AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 'x', AWS_MAX_ATTEMPTS: '1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', ...JSON.parse(process.argv[2]) },
    signal: new AbortController().signal, log: () => {}, secrets: { add() {} }, now: () => new Date(), cwd: '/', homedir: '/nonexistent',
  });
} catch (error) { code = error.code; }
console.log(JSON.stringify({ usage, afterImport, afterCall: sdkModules(), code }));
`;

async function load(extraEnv: Record<string, string>): Promise<{ usage: number; afterImport: number; afterCall: number; code: string }> {
  expect(existsSync(entry), 'build the plugin first (pnpm --filter @cred-launch/plugin-secrets-manager build)').toBe(true);
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, entry, JSON.stringify(extraEnv)], { timeout: 20_000 });
  return JSON.parse(stdout) as { usage: number; afterImport: number; afterCall: number; code: string };
}

describe('lazy loading', () => {
  // Adaptive retries are one of the settings only the SDK client handles (src/direct-route.ts).
  test('importing the entry, parseArgs and usage load no AWS SDK module; getCredentials does when the call needs the SDK', async () => {
    const result = await load({ AWS_RETRY_MODE: 'adaptive' });
    expect(result.usage).toBeGreaterThan(0);
    expect(result.afterImport).toBe(0);
    expect(result.afterCall).toBeGreaterThan(5);
    expect(result.code).toBe('BACKEND');
  }, 30_000);

  test('with keys from the environment getCredentials loads no AWS SDK module either (the direct client)', async () => {
    const result = await load({});
    expect(result.afterImport).toBe(0);
    expect(result.afterCall).toBe(0);
    expect(result.code).toBe('BACKEND');
  }, 30_000);
});
