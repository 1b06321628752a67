/**
 * End to end through the built `cred-launch` bin with the REAL
 * @1password/sdk, on the paths the SDK decides without the network (a
 * malformed token, a malformed reference), and through the AWS SDK for
 * JavaScript reading a temporary AWS config. Skipped until the launcher and
 * this plugin are built (`pnpm build`).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromIni } from '@aws-sdk/credential-providers';
import { credLaunchCommand, runCredLaunch, writeAwsConfig } from '@cred-launch/testkit';
import { afterAll, describe, expect, test } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const built = existsSync(join(here, '../dist/index.js')) && existsSync(join(here, '../../../packages/launcher/dist/main.js'));
const TOKEN = 'ops_CANARYe2eMalformed!!token~9d41';
const ITEM = 'op://Private/AWS dev';

// Reports, at exit, whether any @1password module was loaded in the launcher process.
const probeDir = mkdtempSync(join(tmpdir(), 'cl-1p-probe-'));
const probe = join(probeDir, 'probe.cjs');
writeFileSync(
  probe,
  // fs.writeSync(2) rather than process.stderr.write: the launcher drops what
  // anything but itself writes through process.stderr (plugins must not print).
  "process.on('exit', () => { if (Object.keys(require.cache).some((k) => k.includes('@1password'))) require('node:fs').writeSync(2, 'PROBE: @1password loaded\\n'); });\n",
);
afterAll(() => rmSync(probeDir, { recursive: true, force: true }));

const launch = (args: string[], env: Record<string, string | undefined> = {}) =>
  runCredLaunch(args, { from: import.meta.url, cleanEnv: true, env: { NODE_OPTIONS: `--require ${probe}`, ...env }, timeoutMs: 30_000 });

describe.skipIf(!built)('cred-launch 1password, end to end (real SDK, no network)', () => {
  test('a malformed token: exit 77 (AUTH), nothing on stdout, the token nowhere on stderr', async () => {
    for (const verbose of [[], ['--verbose']]) {
      const result = await launch([...verbose, '1password', ITEM], { OP_SERVICE_ACCOUNT_TOKEN: TOKEN });
      expect(result.code, result.stderr).toBe(77);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('1password: the service account token is not valid');
      expect(result.stderr).not.toContain(TOKEN);
      expect(result.stderr).not.toContain('CANARY');
    }
  });

  test('a reference the SDK rejects: exit 64 (USAGE), nothing on stdout', async () => {
    const result = await launch(['1password', ITEM, '--mfa-serial-field', 'serial?attribute=colour'], { OP_SERVICE_ACCOUNT_TOKEN: TOKEN });
    expect(result.code, result.stderr).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('is not a valid secret reference');
    expect(result.stderr).not.toContain('CANARY');
  });

  test('--help and a usage error never load @1password/sdk; a real attempt does', async () => {
    const help = await launch(['1password', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout + help.stderr).toContain('--access-key-field');
    expect(help.stderr).not.toContain('PROBE');
    const usage = await launch(['1password', 'Private/AWS dev'], { OP_SERVICE_ACCOUNT_TOKEN: TOKEN });
    expect(usage.code).toBe(64);
    expect(usage.stderr).not.toContain('PROBE');
    // The probe itself works: a run that reaches getCredentials loads the SDK.
    const attempt = await launch(['1password', ITEM], { OP_SERVICE_ACCOUNT_TOKEN: TOKEN });
    expect(attempt.stderr).toContain('PROBE: @1password loaded');
  });

  test('the AWS SDK for JavaScript (fromIni, credential_process) gets the failure, without the token', async () => {
    const config = writeAwsConfig({ command: credLaunchCommand(['1password', ITEM], { from: import.meta.url }) });
    const saved = { ...process.env };
    const cacheDir = mkdtempSync(join(tmpdir(), 'cl-1p-cache-'));
    Object.assign(process.env, config.env, { OP_SERVICE_ACCOUNT_TOKEN: TOKEN, CRED_LAUNCH_CACHE_DIR: cacheDir });
    try {
      const error = await fromIni({ profile: config.profile, ignoreCache: true })().then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error).toBeInstanceOf(Error);
      // The SDK reports the command's stderr: proof the launcher ran and failed for the token.
      expect(String(error?.message)).toContain('service account token is not valid');
      expect(String(error?.message)).not.toContain(TOKEN);
      expect(String(error?.message)).not.toContain('CANARY');
    } finally {
      process.env = saved;
      config.cleanup();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
