import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromProcess } from '@aws-sdk/credential-providers';
import { describe, expect, it } from 'vitest';
import { credLaunchCommand, resolveLauncherBin, runCredLaunch, withAwsProfile } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const launcherBin = join(repoRoot, 'packages/launcher/bin/cred-launch.js');
// The launcher is built in parallel with the testkit; turbo builds it first
// (it is a devDependency), but a bare `vitest run` may come before it.
const launcherBuilt = existsSync(join(repoRoot, 'packages/launcher/dist/main.js'));
const e2eTitle = launcherBuilt
  ? 'end to end through the real launcher'
  : 'end to end through the real launcher (SKIPPED: packages/launcher/dist is not built; run pnpm --filter cred-launch build)';
const echoPlugin = fileURLToPath(new URL('./fixtures/echo-plugin', import.meta.url));
const secret = 'echoSecretKey000000000000000000000000001';

describe('resolveLauncherBin', () => {
  it('returns an explicit launcherBin as an absolute path', () => {
    expect(resolveLauncherBin({ launcherBin: '/x/bin/cred-launch.js' })).toBe('/x/bin/cred-launch.js');
  });

  it('finds the cred-launch package bin from a directory or file URL', () => {
    expect(resolveLauncherBin({ from: repoRoot })).toBe(launcherBin);
    expect(resolveLauncherBin({ from: new URL(import.meta.url) })).toBe(launcherBin);
  });

  it('says what to do when cred-launch is not installed', () => {
    const empty = mkdtempSync(join(tmpdir(), 'testkit-empty-'));
    expect(() => resolveLauncherBin({ from: empty })).toThrow(/cannot find the "cred-launch" package .* add it as a devDependency or pass launcherBin/);
  });

  it('builds the command as node + bin + args', () => {
    expect(credLaunchCommand(['vault', 'x'], { launcherBin: '/b.js' })).toEqual([process.execPath, '/b.js', 'vault', 'x']);
  });
});

describe('runCredLaunch', () => {
  it('collects exit code and output of any bin, and kills it after timeoutMs', async () => {
    const result = await runCredLaunch(['a b', 'c'], { launcherBin: fileURLToPath(new URL('./fixtures/exit-three.mjs', import.meta.url)), env: { TESTKIT_X: 'x' } });
    expect(result).toMatchObject({ code: 3, stdout: 'out:["a b","c"]', stderr: 'err:x', timedOut: false });
    const slow = await runCredLaunch([], { launcherBin: fileURLToPath(new URL('./fixtures/sleep.mjs', import.meta.url)), timeoutMs: 300 });
    expect(slow).toMatchObject({ code: null, timedOut: true, signal: 'SIGKILL' });
  });

  it('gives every run a fresh empty cache directory unless one is set', async () => {
    const first = await runCredLaunch([], { launcherBin: '/dev/null' });
    const second = await runCredLaunch([], { launcherBin: '/dev/null' });
    expect(first.cacheDir).not.toBe(second.cacheDir);
    expect(readdirSync(first.cacheDir)).toEqual([]);
    const shared = await runCredLaunch([], { launcherBin: '/dev/null', env: { CRED_LAUNCH_CACHE_DIR: '/tmp/shared-cache' } });
    expect(shared.cacheDir).toBe('/tmp/shared-cache');
  });
});

describe.skipIf(!launcherBuilt)(e2eTitle, () => {
  it('runs a plugin given by explicit path and prints credential_process JSON', async () => {
    const result = await runCredLaunch([echoPlugin, 'AKIAECHO000000000001'], { from: import.meta.url, env: { ECHO_SECRET_KEY: secret } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(document).toMatchObject({ Version: 1, AccessKeyId: 'AKIAECHO000000000001', SecretAccessKey: secret, SessionToken: 'echo-session-token' });
    expect(document.Expiration).toMatch(/Z$/u);
  });

  it('maps a NOT_FOUND plugin error to exit 66 with nothing on stdout', async () => {
    const result = await runCredLaunch([echoPlugin, 'missing'], { from: import.meta.url, env: { ECHO_SECRET_KEY: secret } });
    expect(result.code).toBe(66);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/no such key/);
    expect(result.stderr).not.toContain(secret);
  });

  it('refuses a plugin built for another contract version, naming both (docs/writing-a-plugin.md)', async () => {
    const byPackage = await runCredLaunch([fileURLToPath(new URL('./fixtures/future-plugin', import.meta.url))], { from: import.meta.url });
    expect(byPackage.code).toBe(80);
    expect(byPackage.stdout).toBe('');
    expect(byPackage.stderr).toMatch(/contract v2.*speaks v1/u);
    const byModule = await runCredLaunch([fileURLToPath(new URL('./fixtures/future-plugin/module-v2.js', import.meta.url))], { from: import.meta.url });
    expect(byModule.code).toBe(80);
    expect(byModule.stderr).toMatch(/contract v2.*speaks v1/u);
  });

  it('resolves a profile through the AWS SDK with withAwsProfile + credLaunchCommand', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'testkit-e2e-cache-'));
    process.env.ECHO_SECRET_KEY = secret;
    process.env.CRED_LAUNCH_CACHE_DIR = cacheDir;
    try {
      const command = credLaunchCommand([echoPlugin, 'AKIAECHO000000000002'], { from: import.meta.url });
      const credentials = await withAwsProfile({ command }, (config) =>
        fromProcess({ profile: config.profile, filepath: config.credentialsFile, configFilepath: config.configFile })(),
      );
      expect(credentials).toMatchObject({ accessKeyId: 'AKIAECHO000000000002', secretAccessKey: secret, sessionToken: 'echo-session-token' });
      expect(credentials.expiration?.getTime()).toBeGreaterThan(Date.now());
    } finally {
      delete process.env.ECHO_SECRET_KEY;
      delete process.env.CRED_LAUNCH_CACHE_DIR;
    }
  });
});
