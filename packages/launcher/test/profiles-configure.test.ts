import { chmodSync, existsSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { splitPosix } from '@cred-launch/aws-profiles';
import { BIN, FIXTURES, runLauncher, type RunResult } from './helpers/spawn.js';
import { argsKey, CANARY_SECRET, CANARY_TOKEN, GOOD, profileSandbox, writeArgsPlugin } from './profiles-helpers.js';

const MASKED = '****************MPLE';

function expectNoSecrets(result: RunResult): void {
  for (const secret of [CANARY_SECRET, CANARY_TOKEN]) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

/** The credential_process value written for `section`. */
function writtenLine(text: string, section: string): string {
  const lines = text.split(/\r?\n/u);
  const start = lines.indexOf(`[${section}]`);
  const line = lines.slice(start + 1).find((candidate) => candidate.startsWith('credential_process = '));
  if (start < 0 || line === undefined) throw new Error(`no credential_process in [${section}]`);
  return line.slice('credential_process = '.length);
}

function backups(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.bak'));
}

describe('cred-launch configure', () => {
  test('round trip on an awkward CRLF file: replaces the old line, keeps every other byte, mode and a backup', async () => {
    const box = profileSandbox();
    const original = [
      '# managed by hand',
      '[default]',
      'region = eu-west-1',
      '',
      '; dev uses cred-launch',
      '[profile dev]',
      'region = us-east-1',
      `credential_process = /usr/local/bin/cred-launch vault secret/aws/old`,
      'output = json',
      '',
      '[profile other]',
      'credential_process = /opt/bin/awscreds-custom --username helen',
      '',
    ].join('\r\n');
    writeFileSync(box.configFile, original);
    chmodSync(box.configFile, 0o640);
    const result = await runLauncher(['configure', '--profile', 'dev', '--timeout', '10s', GOOD, 'ASIAEXAMPLE0MPLE', '--expires-in', '3600'], { env: box.env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(MASKED);
    expectNoSecrets(result);
    const text = readFileSync(box.configFile, 'utf8');
    const line = writtenLine(text, 'profile dev');
    expect(text).toBe(original.replace('/usr/local/bin/cred-launch vault secret/aws/old', line));
    const argv = splitPosix(line);
    expect(realpathSync(argv[0] as string)).toBe(realpathSync(process.execPath));
    expect(argv.slice(1)).toEqual([BIN, '--timeout', '10s', GOOD, 'ASIAEXAMPLE0MPLE', '--expires-in', '3600']);
    expect(statSync(box.configFile).mode & 0o777).toBe(0o640);
    const [backup] = backups(dirname(box.configFile));
    expect(readFileSync(join(dirname(box.configFile), backup as string), 'utf8')).toBe(original);
    expect(result.stdout).toContain(`credential_process = ${line}`);
  });

  test('[default] in a missing file: creates the directory 0700 and the file 0600', async () => {
    const box = profileSandbox();
    const configFile = join(box.dir, 'new', '.aws', 'config');
    const result = await runLauncher(['configure', '--profile', 'default', GOOD, 'AKIAEXAMPLE0MPLE'], { env: { ...box.env, AWS_CONFIG_FILE: configFile } });
    expect(result.code).toBe(0);
    const text = readFileSync(configFile, 'utf8');
    expect(text).toMatch(/^\[default\]\ncredential_process = \S+ \S+ \S+good\.mjs AKIAEXAMPLE0MPLE\n$/u);
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(configFile)).mode & 0o777).toBe(0o700);
    expect(backups(dirname(configFile))).toEqual([]);
  });

  test('paths and arguments with spaces are quoted one by one; ~ is expanded and said so', async () => {
    const box = profileSandbox();
    const plugin = writeArgsPlugin(box.dir);
    const result = await runLauncher(['configure', '--profile', 'spaced', plugin, 'parameter with spaces', 'plain', '~/creds file.enc', '--key=~/k'], { env: box.env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`cred-launch: note: expanded ~/creds file.enc to ${box.home}/creds file.enc`);
    expect(result.stderr).toContain(`expanded --key=~/k to --key=${box.home}/k`);
    const line = writtenLine(readFileSync(box.configFile, 'utf8'), 'profile spaced');
    expect(line.endsWith(`"${plugin}" "parameter with spaces" plain "${box.home}/creds file.enc" "--key=${box.home}/k"`)).toBe(true);
    expect(line).not.toContain('~');
    const expected = ['parameter with spaces', 'plain', `${box.home}/creds file.enc`, `--key=${box.home}/k`];
    expect(result.stdout).toContain(`****************${argsKey(expected).slice(-4)}`);
  });

  test('a relative plugin path is written absolute; --verbose is not written into the line', async () => {
    const box = profileSandbox();
    const result = await runLauncher(['configure', '--verbose', '--profile', 'rel', '--no-cache', './good.mjs', 'AKIAREL'], { env: box.env, cwd: FIXTURES });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('cred-launch: debug:');
    const argv = splitPosix(writtenLine(readFileSync(box.configFile, 'utf8'), 'profile rel'));
    expect(argv.slice(2)).toEqual(['--no-cache', GOOD, 'AKIAREL']);
  });

  test('--dry-run runs the plugin, prints the line and the file, and writes nothing', async () => {
    const box = profileSandbox();
    writeFileSync(box.configFile, '[default]\nregion = x\n');
    writeFileSync(box.credentialsFile, '[dry]\naws_access_key_id = AKIAOLD\naws_secret_access_key = old-secret\n');
    const before = [readFileSync(box.configFile, 'utf8'), readFileSync(box.credentialsFile, 'utf8'), statSync(box.configFile).mtimeMs];
    const result = await runLauncher(['configure', '--dry-run', '--remove-static-keys', '--profile', 'dry', GOOD, 'AKIAEXAMPLE0MPLE'], { env: box.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dry run: nothing written');
    expect(result.stdout).toContain(`[profile dry] in ${box.configFile}`);
    expect(result.stdout).toMatch(/credential_process = \S+ \S+cred-launch\.js \S+good\.mjs AKIAEXAMPLE0MPLE/u);
    expect(result.stdout).toContain('would remove aws_access_key_id, aws_secret_access_key');
    expect([readFileSync(box.configFile, 'utf8'), readFileSync(box.credentialsFile, 'utf8'), statSync(box.configFile).mtimeMs]).toEqual(before);
    expect(backups(dirname(box.configFile))).toEqual([]);
    expect(existsSync(box.cacheDir)).toBe(false);
  });

  test('static keys for the profile: a warning by default, removed (with a backup) on --remove-static-keys', async () => {
    const box = profileSandbox();
    const credentials =
      '# keys\n[dev]\naws_access_key_id = AKIAOLDKEY\naws_secret_access_key = old-secret-0001\nregion = x\n\n[prod]\naws_access_key_id = AKIAPROD\naws_secret_access_key = prod-secret\n';
    writeFileSync(box.credentialsFile, credentials);
    chmodSync(box.credentialsFile, 0o600);
    const warned = await runLauncher(['configure', '--profile', 'dev', GOOD, 'AKIAEXAMPLE0MPLE'], { env: box.env });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/warning: .*credentials has aws_access_key_id, aws_secret_access_key in \[dev\].*--remove-static-keys/u);
    expect(readFileSync(box.credentialsFile, 'utf8')).toBe(credentials);
    const removed = await runLauncher(['configure', '--profile', 'dev', '--remove-static-keys', GOOD, 'AKIAEXAMPLE0MPLE'], { env: box.env });
    expect(removed.code).toBe(0);
    expect(removed.stderr).not.toContain('warning');
    expect(removed.stdout).toContain(`removed aws_access_key_id, aws_secret_access_key for this profile from ${box.credentialsFile}`);
    expect(readFileSync(box.credentialsFile, 'utf8')).toBe('# keys\n[dev]\nregion = x\n\n[prod]\naws_access_key_id = AKIAPROD\naws_secret_access_key = prod-secret\n');
    expect(statSync(box.credentialsFile).mode & 0o777).toBe(0o600);
    const backup = backups(dirname(box.credentialsFile)).find((name) => name.startsWith('credentials.'));
    expect(readFileSync(join(dirname(box.credentialsFile), backup as string), 'utf8')).toBe(credentials);
    expect(removed.stdout).not.toContain('old-secret-0001');
  });

  test('warns when the credentials file has its own credential_process for the profile (it would win)', async () => {
    const box = profileSandbox();
    writeFileSync(box.credentialsFile, '[dev]\ncredential_process = /opt/bin/old-helper\n');
    const result = await runLauncher(['configure', '--profile', 'dev', GOOD, 'AKIAEXAMPLE0MPLE'], { env: box.env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: ${box.credentialsFile}:2 also sets credential_process for [dev]`);
  });

  test('running it again with the same line changes nothing and makes no backup', async () => {
    const box = profileSandbox();
    const args = ['configure', '--profile', 'dev', GOOD, 'AKIAEXAMPLE0MPLE'];
    expect((await runLauncher(args, { env: box.env })).code).toBe(0);
    const text = readFileSync(box.configFile, 'utf8');
    const again = await runLauncher(args, { env: box.env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already has this line; nothing written');
    expect(readFileSync(box.configFile, 'utf8')).toBe(text);
    expect(backups(dirname(box.configFile))).toEqual([]);
  });

  test("another tool's credential_process is replaced only with --yes", async () => {
    const box = profileSandbox();
    const original = '[profile dev]\ncredential_process = /opt/bin/awscreds-custom --username helen\n';
    writeFileSync(box.configFile, original);
    const refused = await runLauncher(['configure', '--profile', 'dev', GOOD, 'AKIAEXAMPLE0MPLE'], { env: box.env });
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain('already runs another credential_process');
    expect(refused.stderr).toContain('--yes');
    expect(readFileSync(box.configFile, 'utf8')).toBe(original);
    const replaced = await runLauncher(['configure', '--profile', 'dev', '--yes', GOOD, 'AKIAEXAMPLE0MPLE'], { env: box.env });
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('(was: credential_process = /opt/bin/awscreds-custom --username helen)');
  });

  test('refuses what the quoting rules cannot express, before running anything', async () => {
    const box = profileSandbox();
    for (const bad of ['say "hi"', '$HOME/x', 'a #b']) {
      const result = await runLauncher(['configure', '--profile', 'dev', GOOD, 'AKIAEXAMPLE0MPLE', bad], { env: box.env });
      expect(result.code).toBe(64);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/cannot write .* into credential_process/u);
    }
    expect(existsSync(box.configFile)).toBe(false);
  });

  test('usage errors: no profile, a bad profile name, no plugin, a plugin command', async () => {
    const box = profileSandbox();
    const cases: Array<[string[], RegExp]> = [
      [[GOOD, 'AKIA'], /--profile <name> is required/u],
      [['--profile', 'has space', GOOD, 'AKIA'], /not a profile name/u],
      [['--profile', 'dev'], /missing the plugin name/u],
      [['--profile', 'dev', '--bogus', GOOD], /unknown option --bogus/u],
      [['--profile', 'dev', GOOD, '--help'], /ask for help/u],
    ];
    for (const [args, message] of cases) {
      const result = await runLauncher(['configure', ...args], { env: box.env });
      expect(result.code, args.join(' ')).toBe(64);
      expect(result.stderr).toMatch(message);
    }
    expect(existsSync(box.configFile)).toBe(false);
    const help = await runLauncher(['configure', '--help'], { env: box.env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: cred-launch configure --profile <name>');
  });

  test('a failing plugin writes nothing, keeps its exit code and never leaks its secret', async () => {
    const box = profileSandbox();
    const canary = 'CANARY-plugin-token-3e8f';
    for (const verbose of [[], ['--verbose'], ['-v']]) {
      const result = await runLauncher(
        [...verbose.slice(0, 1).filter((flag) => flag === '--verbose'), 'configure', ...verbose, '--profile', 'dev', join(FIXTURES, 'leaky-error.mjs')],
        {
          env: { ...box.env, FIXTURE_CANARY: canary },
        },
      );
      expect(result.code).toBe(77);
      expect(result.stderr).toContain('[REDACTED]');
      expect(result.stderr).not.toContain(canary);
      expect(result.stdout).not.toContain(canary);
    }
    const invalid = await runLauncher(['configure', '--profile', 'dev', join(FIXTURES, 'invalid-output.mjs'), 'expired'], { env: box.env });
    expect(invalid.code).toBe(65);
    expect(existsSync(box.configFile)).toBe(false);
  });
});
