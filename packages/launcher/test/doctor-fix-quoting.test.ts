/**
 * A hand-written line with an unquoted path that contains spaces: doctor's
 * suggested `configure` command must quote the path as configure does, so
 * that pasting it fixes the profile (issue 17, item 5).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { splitPosix } from '@cred-launch/aws-profiles';
import { rejoinSplitPaths } from '../src/profiles/line-checks.js';
import { BIN, runLauncher } from './helpers/spawn.js';
import { profileSandbox } from './profiles-helpers.js';

describe("doctor's fix for an unquoted path with spaces", () => {
  test('rejoinSplitPaths joins the words of a path that exists only joined', () => {
    const exists = (path: string): boolean => path === '/home/u/My Secrets/creds file.enc';
    expect(rejoinSplitPaths(['file', '/home/u/My', 'Secrets/creds', 'file.enc', '--key-file', '/k'], exists)).toEqual([
      'file',
      '/home/u/My Secrets/creds file.enc',
      '--key-file',
      '/k',
    ]);
    expect(rejoinSplitPaths(['file', '/nope', 'x'], exists)).toEqual(['file', '/nope', 'x']);
  });

  test('the printed configure command quotes the path, and running it repairs the profile', async () => {
    const box = profileSandbox();
    const secretsDir = join(box.dir, 'My Secrets');
    mkdirSync(secretsDir, { recursive: true });
    const plugin = join(secretsDir, 'good plugin.mjs');
    // Self-contained (no imports), since it lives outside the workspace.
    writeFileSync(
      plugin,
      `export default { contractVersion: 1, name: 'spaced', description: 'fixture', usage: 'spaced <key>', parseArgs: ({ argv }) => ({ key: argv[0] }), async getCredentials({ args }) { return { accessKeyId: args.key, secretAccessKey: 'spacedFixtureSecret000000000000000000001' }; } };`,
    );
    // What a user writes by hand: the path with spaces left unquoted.
    writeFileSync(box.configFile, `[profile broken]\ncredential_process = ${process.execPath} ${BIN} ${plugin} AKIADOCTORFIXQUOTE01\n`);
    const doctor = await runLauncher(['doctor', '--profile', 'broken', '--json'], { env: box.env, cwd: box.dir });
    const report = JSON.parse(doctor.stdout) as { profiles: Array<{ diagnoses: Array<{ fix?: string }> }> };
    const fixes = report.profiles.flatMap((profile) => profile.diagnoses.map((diagnosis) => diagnosis.fix ?? '')).filter((fix) => fix.startsWith('cred-launch configure'));
    expect(fixes.length).toBeGreaterThan(0);
    const fix = fixes[0] as string;
    expect(fix).toContain(`"${plugin}"`);
    const argv = splitPosix(fix);
    const repaired = await runLauncher(argv.slice(1), { env: box.env, cwd: box.dir });
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(readFileSync(box.configFile, 'utf8')).toContain(`"${plugin}" AKIADOCTORFIXQUOTE01`);
    const after = await runLauncher(['doctor', '--profile', 'broken', '--json'], { env: box.env, cwd: box.dir });
    expect(after.code, after.stdout).toBe(0);
  }, 60_000);
});
