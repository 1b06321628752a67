import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-providers';
import { splitPosix } from '@cred-launch/aws-profiles';
import { beforeAll, describe, expect, test } from 'vitest';
import { runLauncher } from './helpers/spawn.js';
import { CANARY_SECRET, profileSandbox, type ProfileSandbox } from './profiles-helpers.js';

// Everything here runs the built bin with the real file plugin (installed in
// the workspace next to the launcher) on a file made by `cred-launch file encrypt`.
const PLAINTEXT = `[default]\naws_access_key_id = AKIAPARALLEL0EXAMPLE\naws_secret_access_key = ${CANARY_SECRET}\n`;
const PARALLEL = 16;

interface Encrypted {
  box: ProfileSandbox;
  enc: string;
  key: string;
  /** What `file encrypt` printed on stdout. */
  printed: string;
}

async function encryptedSandbox(): Promise<Encrypted> {
  const box = profileSandbox();
  const plain = join(box.dir, 'plain credentials');
  writeFileSync(plain, PLAINTEXT, { mode: 0o600 });
  const key = join(box.dir, 'keys', 'aws.key');
  const result = await runLauncher(['file', 'encrypt', plain, '--key-file', key, '--generate-key'], { env: box.env, timeoutMs: 60_000 });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return { box, enc: `${plain}.enc`, key, printed: result.stdout };
}

function backupsOf(file: string): string[] {
  const name = file.split('/').pop() as string;
  return readdirSync(dirname(file))
    .filter((entry) => entry.startsWith(`${name}.`) && entry.endsWith('.bak'))
    .map((entry) => join(dirname(file), entry));
}

describe('configure edits the AWS files under a lock', () => {
  let setup: Encrypted;
  beforeAll(async () => {
    setup = await encryptedSandbox();
  }, 120_000);

  test('file encrypt prints the exact configure command, and running it succeeds', async () => {
    const { box, enc, key, printed } = setup;
    const commands = printed.split('\n').filter((line) => line.startsWith('  cred-launch configure '));
    expect(commands).toHaveLength(1);
    // Absolute paths (the sandbox path has spaces), quoted as configure quotes them.
    expect(commands[0]).toBe(`  cred-launch configure --profile default file "${enc}" --key-file "${key}"`);
    expect(printed).not.toContain(CANARY_SECRET);
    const argv = splitPosix(commands[0] as string);
    expect(argv.slice(0, 2)).toEqual(['cred-launch', 'configure']);
    const result = await runLauncher(argv.slice(1), { env: box.env, timeoutMs: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(box.configFile, 'utf8')).toMatch(/^\[default\]\ncredential_process = .*cred-launch\.js file ".*" --key-file ".*"\n$/u);
    // The AWS SDK for JavaScript resolves the profile through the written line.
    const previous = process.env.CRED_LAUNCH_CACHE_DIR;
    process.env.CRED_LAUNCH_CACHE_DIR = box.cacheDir;
    try {
      const credentials = await fromIni({ profile: 'default', configFilepath: box.configFile, filepath: box.credentialsFile, ignoreCache: true })();
      expect(credentials).toMatchObject({ accessKeyId: 'AKIAPARALLEL0EXAMPLE', secretAccessKey: CANARY_SECRET });
    } finally {
      if (previous === undefined) delete process.env.CRED_LAUNCH_CACHE_DIR;
      else process.env.CRED_LAUNCH_CACHE_DIR = previous;
    }
  }, 120_000);

  test(`${PARALLEL} parallel configure runs keep all ${PARALLEL} profiles; every backup is 0600 though the file is 0644`, async () => {
    const { box, enc, key } = setup;
    writeFileSync(box.configFile, '# shared by hand\n[default]\nregion = eu-west-1\n');
    chmodSync(box.configFile, 0o644);
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) => runLauncher(['configure', '--profile', `par${index}`, 'file', enc, '--key-file', key], { env: box.env, timeoutMs: 150_000 })),
    );
    const elapsed = Date.now() - started;
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    // Generous: 16 cold Node processes on a loaded 2-core machine; a lost
    // lock or a wait on a stale one would show as minutes or a failure.
    expect(elapsed).toBeLessThan(150_000);
    const text = readFileSync(box.configFile, 'utf8');
    const sections = text.split('\n').filter((line) => /^\[profile par\d+\]$/u.test(line));
    expect(sections.sort()).toEqual(Array.from({ length: PARALLEL }, (_, index) => `[profile par${index}]`).sort());
    expect(text.match(/^credential_process = /gmu)).toHaveLength(PARALLEL);
    expect(text.startsWith('# shared by hand\n[default]\nregion = eu-west-1\n')).toBe(true);
    expect(statSync(box.configFile).mode & 0o777).toBe(0o644);
    const backups = backupsOf(box.configFile);
    expect(backups).toHaveLength(PARALLEL);
    for (const backup of backups) expect(statSync(backup).mode & 0o777, backup).toBe(0o600);
    // No lock or temp file is left behind.
    expect(readdirSync(dirname(box.configFile)).filter((entry) => entry.endsWith('.lock') || entry.endsWith('.tmp'))).toEqual([]);
  }, 200_000);
});

describe('doctor points out plaintext backups configure left', () => {
  test('after --remove-static-keys: the backup is 0600, and doctor names it with a fix, never the secret', async () => {
    const { box, enc, key } = await encryptedSandbox();
    writeFileSync(box.credentialsFile, `[leaky]\naws_access_key_id = AKIALEAKY0EXAMPLE\naws_secret_access_key = ${CANARY_SECRET}\n`);
    chmodSync(box.credentialsFile, 0o644);
    const configured = await runLauncher(['configure', '--profile', 'leaky', '--remove-static-keys', 'file', enc, '--key-file', key], { env: box.env, timeoutMs: 60_000 });
    expect(configured.code).toBe(0);
    expect(readFileSync(box.credentialsFile, 'utf8')).not.toContain(CANARY_SECRET);
    const [backup, ...others] = backupsOf(box.credentialsFile);
    expect(others).toEqual([]);
    expect(statSync(backup as string).mode & 0o777).toBe(0o600);
    expect(readFileSync(backup as string, 'utf8')).toContain(CANARY_SECRET);

    const report = await runLauncher(['doctor', '--json', '--profile', 'leaky'], { env: box.env, timeoutMs: 60_000 });
    expect(report.code).toBe(0);
    expect(report.stdout + report.stderr).not.toContain(CANARY_SECRET);
    const problems = (JSON.parse(report.stdout) as { problems: Array<{ code: string; severity: string; message: string; fix?: string }> }).problems;
    const flagged = problems.filter((problem) => problem.code === 'PLAINTEXT_BACKUP');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ severity: 'warning' });
    expect(flagged[0]?.message).toContain(`${backup} is a backup configure made of credentials; it still holds aws_secret_access_key in plain text`);
    expect(flagged[0]?.fix).toContain(`rm -- '${backup}'`);

    // A backup an older cred-launch left at the file's own mode: doctor says others can read it.
    chmodSync(backup as string, 0o644);
    const text = await runLauncher(['doctor', '--profile', 'leaky'], { env: box.env, timeoutMs: 60_000 });
    expect(text.stdout).toContain('and others can read it (mode 0644) [PLAINTEXT_BACKUP]');
    expect(text.stdout).toContain(`fix: rm -- '${backup}'`);
    expect(text.stdout + text.stderr).not.toContain(CANARY_SECRET);
  }, 180_000);
});
