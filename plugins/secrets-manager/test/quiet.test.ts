import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { STORED, startBackend, run, type Backend } from './helpers.js';

// Its own file, so the SDK is loaded fresh here (vitest isolates test files):
// the first client created in this process is the plugin's.

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.close();
});

describe('the SDK stays quiet', () => {
  test.skipIf(NODE_MAJOR >= 22)('control: a bare SDK client prints NodeVersionSupportWarning on this Node', async () => {
    const script = "const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager'); new SecretsManagerClient({ region: 'us-east-1' });";
    const { stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: packageDir, env: { PATH: process.env.PATH } });
    expect(stderr).toContain('NodeVersionSupportWarning');
  });

  test('the plugin writes nothing to stderr and emits no process warning (through the SDK)', async () => {
    const emitWarning = vi.spyOn(process, 'emitWarning');
    const stderr = vi.spyOn(process.stderr, 'write');
    const warn = vi.spyOn(console, 'warn');
    try {
      // Adaptive retries: a setting only the SDK client handles (src/direct-route.ts), so the SDK is loaded here.
      const { credentials, logs } = await run(['ci/pascal'], backend.env({ AWS_RETRY_MODE: 'adaptive' }));
      expect(credentials?.accessKeyId).toBe(STORED.accessKeyId);
      expect(logs.join('\n')).toMatch(/SDK loaded \([1-9]/u);
      expect(emitWarning).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      emitWarning.mockRestore();
      stderr.mockRestore();
      warn.mockRestore();
    }
  });

  test('the direct client (keys from the environment) writes nothing to stderr either', async () => {
    const emitWarning = vi.spyOn(process, 'emitWarning');
    const stderr = vi.spyOn(process.stderr, 'write');
    const warn = vi.spyOn(console, 'warn');
    try {
      const { credentials, logs } = await run(['ci/pascal'], backend.env());
      expect(credentials?.accessKeyId).toBe(STORED.accessKeyId);
      expect(logs.join('\n')).toMatch(/signing GetSecretValue itself/u);
      expect(emitWarning).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      emitWarning.mockRestore();
      stderr.mockRestore();
      warn.mockRestore();
    }
  });
});
