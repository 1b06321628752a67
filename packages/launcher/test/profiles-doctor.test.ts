import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { botocoreVerdict, jsSdkVerdict } from '../src/profiles/acceptance.js';
import type { DoctorReport, ProfileReport } from '../src/profiles/doctor-types.js';
import { BIN, FIXTURES, runLauncher } from './helpers/spawn.js';
import { CANARY_SECRET, CANARY_TOKEN, GOOD, profileSandbox, writeScript } from './profiles-helpers.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const document = (fields: Record<string, unknown>): string => JSON.stringify({ Version: 1, AccessKeyId: 'AKIA', SecretAccessKey: 's', ...fields });

describe('what botocore and the JS SDK accept', () => {
  test.each([
    ['a good temporary document', document({ SessionToken: 't', Expiration: '2030-01-01T01:00:00Z' }), true, true],
    ['long-term keys', document({}), true, true],
    ['an offset instead of Z', document({ Expiration: '2030-01-01T03:00:00+02:00' }), true, true],
    ['Version as a string', JSON.stringify({ Version: '1', AccessKeyId: 'A', SecretAccessKey: 's' }), false, false],
    ['Version true (Python: True == 1)', JSON.stringify({ Version: true, AccessKeyId: 'A', SecretAccessKey: 's' }), true, false],
    ['no SecretAccessKey', JSON.stringify({ Version: 1, AccessKeyId: 'A' }), false, false],
    ['expired', document({ Expiration: '2029-12-31T23:59:00Z' }), false, false],
    ['an Expiration without a zone', document({ Expiration: '2030-01-01T05:00:00' }), false, true],
    ['an Expiration that is no date', document({ Expiration: 'soon' }), false, false],
    ['two documents', `${document({})}\n${document({})}`, false, false],
    ['an empty access key', document({ AccessKeyId: '' }), false, false],
  ])('%s', (_name, stdout, botocore, jsSdk) => {
    expect(botocoreVerdict(stdout, NOW).accepted).toBe(botocore);
    expect(jsSdkVerdict(stdout, NOW).accepted).toBe(jsSdk);
  });
});

describe('cred-launch doctor', () => {
  const box = profileSandbox();
  const node = process.execPath;
  const scriptSecret = 'CANARY-script-secret-77aa';
  let report: DoctorReport;
  let human: { code: number | null; stdout: string; stderr: string };
  let exitCode: number | null;
  const byName = (name: string): ProfileReport => {
    const found = report.profiles.find((profile) => profile.profile === name);
    if (!found) throw new Error(`no report for ${name}`);
    return found;
  };
  const codes = (name: string): string[] => byName(name).diagnoses.map((diagnosis) => diagnosis.code);

  beforeAll(async () => {
    const noZone = writeScript(
      box.dir,
      'no-zone.sh',
      `echo '{"Version":1,"AccessKeyId":"AKIANOZONE0001","SecretAccessKey":"${scriptSecret}","Expiration":"2099-01-01T00:00:00"}'\necho "debug: secret ${scriptSecret}" >&2`,
    );
    const failing = writeScript(box.dir, 'failing.sh', 'echo "vault: permission denied" >&2\nexit 3');
    // Stdout that is not a document, and a stderr that echoes the secret in it.
    const halfWritten = writeScript(
      box.dir,
      'half-written.sh',
      `printf '{"Version":1,"AccessKeyId":"AKIAHALF","SecretAccessKey":"${scriptSecret}-half'\necho "could not finish writing ${scriptSecret}-half" >&2\nexit 1`,
    );
    writeFileSync(
      box.configFile,
      [
        '[default]',
        'region = eu-west-1',
        '',
        '[profile healthy]',
        `credential_process = ${node} ${BIN} ${GOOD} ASIAHEALTHY0MPLE --expires-in 7200`,
        '[profile notonpath]',
        'credential_process = cred-launch-not-installed-anywhere vault secret/aws/dev',
        '[profile tilde]',
        'credential_process = ~/bin/cred-launch vault secret/aws/dev',
        '[profile envvar]',
        `credential_process = ${node} ${BIN} ${GOOD} $HOME/x`,
        '[profile shadowed]',
        `credential_process = ${node} ${BIN} ${GOOD} ASIASHADOWED --expires-in 7200`,
        '[profile window]',
        `credential_process = ${node} ${BIN} ${GOOD} ASIAWINDOW --expires-in 600`,
        '[profile missingplugin]',
        `credential_process = ${node} ${BIN} nosuchplugin-xyz secret/aws/dev`,
        '[profile nozone]',
        `credential_process = "${noZone}"`,
        '[profile failing]',
        `credential_process = "${failing}" --flag`,
        '[profile halfwritten]',
        `credential_process = "${halfWritten}"`,
        '[profile inline]',
        `credential_process = ${node} ${BIN} ${GOOD} ASIAINLINE --expires-in 7200 # my comment`,
        '[profile nocredentialprocess]',
        'region = x',
        '',
      ].join('\n'),
    );
    writeFileSync(box.credentialsFile, '[shadowed]\naws_access_key_id = AKIAPLAINTEXT\naws_secret_access_key = plaintext-secret\n');
    // A real call stores the healthy profile's entry: doctor must find it under the same key.
    const warm = await runLauncher([GOOD, 'ASIAHEALTHY0MPLE', '--expires-in', '7200'], { env: box.env });
    expect(warm.code).toBe(0);
    const json = await runLauncher(['doctor', '--json', '--timeout', '20s'], { env: box.env, timeoutMs: 60_000 });
    exitCode = json.code;
    expect(json.stderr).toBe('');
    report = JSON.parse(json.stdout) as DoctorReport;
    human = await runLauncher(['doctor'], { env: box.env, timeoutMs: 60_000 });
  }, 90_000);

  test('checks every profile that has credential_process, and exits 78 when one is unhealthy', () => {
    expect(exitCode).toBe(78);
    expect(human.code).toBe(78);
    expect(report.profiles.map((profile) => profile.profile)).toEqual([
      'healthy',
      'notonpath',
      'tilde',
      'envvar',
      'shadowed',
      'window',
      'missingplugin',
      'nozone',
      'failing',
      'halfwritten',
      'inline',
    ]);
    expect(report.configFile).toBe(box.configFile);
    expect(report.activeProfile).toBe('default');
  });

  test('a healthy profile: command, plugin, cache entry the real call stored, time, masked key, expiry, both SDKs', () => {
    const healthy = byName('healthy');
    expect(healthy.diagnoses).toEqual([]);
    expect(healthy.healthy).toBe(true);
    expect(healthy.argv?.slice(1)).toEqual([BIN, GOOD, 'ASIAHEALTHY0MPLE', '--expires-in', '7200']);
    expect(healthy.executable).toMatchObject({ status: 'found' });
    expect(healthy.launcher?.version).toMatch(/^\d+\.\d+\.\d+/u);
    expect(healthy.plugin).toMatchObject({ name: GOOD, installed: true });
    expect(healthy.cache?.state).toBe('fresh');
    expect(Date.parse(healthy.cache?.serveUntil ?? '')).toBeGreaterThan(Date.now());
    expect(healthy.run).toMatchObject({ exitCode: 0, timedOut: false });
    expect(healthy.run?.durationMs).toBeGreaterThan(0);
    expect(healthy.credentials).toMatchObject({ accessKeyId: '****************MPLE', sessionToken: true });
    expect(healthy.credentials?.expiresInSeconds).toBeGreaterThan(7000);
    expect(healthy.accepted).toEqual({ botocore: { accepted: true }, jsSdk: { accepted: true } });
  });

  test('not found on PATH', () => {
    expect(codes('notonpath')).toEqual(['NOT_ON_PATH']);
    expect(byName('notonpath').run).toBeNull(); // --json writes absent values as null
  });

  test('~ and $HOME in the line', () => {
    expect(codes('tilde')).toContain('HOME_TILDE');
    expect(codes('envvar')).toContain('ENV_VARIABLE');
    const fix = byName('tilde').diagnoses.find((diagnosis) => diagnosis.code === 'HOME_TILDE')?.fix;
    expect(fix).toBe('cred-launch configure --profile tilde vault secret/aws/dev');
  });

  test('plaintext keys in the credentials file shadow credential_process', () => {
    const diagnosis = byName('shadowed').diagnoses.find((candidate) => candidate.code === 'STATIC_KEYS_SHADOW');
    expect(diagnosis?.message).toContain(`${box.credentialsFile}:2`);
    expect(diagnosis?.fix).toContain('cred-launch configure --profile shadowed --remove-static-keys');
    expect(byName('shadowed').healthy).toBe(false);
  });

  test('expiry inside the 15-minute window', () => {
    expect(codes('window')).toEqual(['EXPIRES_IN_WINDOW']);
  });

  test('a missing plugin, with the exact install command', () => {
    const missing = byName('missingplugin');
    expect(missing.plugin).toMatchObject({ name: 'nosuchplugin-xyz', installed: false });
    expect(missing.diagnoses.find((diagnosis) => diagnosis.code === 'PLUGIN_MISSING')?.fix).toContain('npm install --global @cred-launch/plugin-nosuchplugin-xyz');
  });

  test('output only one SDK accepts, with the process stderr redacted', () => {
    const noZone = byName('nozone');
    expect(noZone.launcher).toBeNull();
    expect(noZone.accepted?.botocore).toEqual({ accepted: false, reason: 'Expiration has no time zone (botocore cannot compare it with the current time)' });
    expect(noZone.accepted?.jsSdk).toEqual({ accepted: true });
    expect(noZone.run?.stderr).toEqual(['debug: secret [REDACTED]']);
  });

  test('a failing process, with what it said', () => {
    const failing = byName('failing');
    expect(failing.diagnoses).toEqual([{ severity: 'error', code: 'PROCESS_FAILED', message: 'credential_process exited with 3: vault: permission denied' }]);
  });

  test('a process whose stdout is not a document: its stderr is replayed with what stdout held redacted', () => {
    const half = byName('halfwritten');
    expect(half.run?.stderr).toEqual(['could not finish writing [REDACTED]']);
    expect(JSON.stringify(half)).not.toContain(scriptSecret);
  });

  test('an inline comment the SDKs read differently', () => {
    expect(codes('inline')).toContain('INLINE_COMMENT');
  });

  test('the human report says the same, and no output ever holds a secret', () => {
    expect(human.stdout).toContain('[profile healthy]');
    expect(human.stdout).toContain('access key   ****************MPLE (temporary, with session token)');
    expect(human.stdout).toContain('botocore     accepted');
    expect(human.stdout).toMatch(/error: .* is not found on PATH \[NOT_ON_PATH\]/u);
    expect(human.stdout).toContain('11 profiles checked, 1 healthy');
    for (const secret of [CANARY_SECRET, CANARY_TOKEN, scriptSecret, 'plaintext-secret']) {
      expect(human.stdout).not.toContain(secret);
      expect(human.stderr).not.toContain(secret);
      expect(JSON.stringify(report)).not.toContain(secret);
    }
  });

  test('--profile checks that one profile; exit 0 when it is healthy', async () => {
    const result = await runLauncher(['doctor', '--profile', 'healthy'], { env: box.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 profile checked, 1 healthy');
    const none = await runLauncher(['doctor', '--profile', 'nocredentialprocess', '--json'], { env: box.env });
    expect(none.code).toBe(78);
    expect((JSON.parse(none.stdout) as DoctorReport).profiles[0]?.diagnoses.map((diagnosis) => diagnosis.code)).toEqual(['NO_CREDENTIAL_PROCESS']);
  });

  test('a bare cred-launch found via PATH (a symlink to the bin) works but is a warning; a vanished bin is an error', async () => {
    const other = profileSandbox();
    const binDir = join(other.dir, 'bin');
    mkdirSync(binDir);
    symlinkSync(BIN, join(binDir, 'cred-launch'));
    writeFileSync(
      other.configFile,
      `[profile viapath]\ncredential_process = cred-launch ${GOOD} ASIAVIAPATH --expires-in 7200\n[profile gone]\ncredential_process = ${node} /nonexistent/lib/cred-launch/bin/cred-launch.js vault x\n`,
    );
    const result = await runLauncher(['doctor', '--json'], { env: { ...other.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` }, timeoutMs: 60_000 });
    const profiles = (JSON.parse(result.stdout) as DoctorReport).profiles;
    const viaPath = profiles[0] as ProfileReport;
    expect(viaPath.executable).toEqual({ word: 'cred-launch', path: join(binDir, 'cred-launch'), status: 'on-path' });
    expect(viaPath.diagnoses.map((diagnosis) => [diagnosis.severity, diagnosis.code])).toEqual([['warning', 'RELIES_ON_PATH']]);
    expect(viaPath.launcher?.version).toMatch(/^\d+\.\d+\.\d+/u);
    expect(viaPath.healthy).toBe(true);
    const gone = profiles[1] as ProfileReport;
    expect(gone.diagnoses.map((diagnosis) => diagnosis.code)).toEqual(['LAUNCHER_MISSING']);
    expect(gone.diagnoses[0]?.fix).toBe('npm install --global cred-launch, then cred-launch configure --profile gone vault x');
    expect(result.code).toBe(78);
  });

  test('a cred-launch line runs in-process through the engine (no spawn); its failure reads as the call would report it', async () => {
    const other = profileSandbox();
    const marker = join(other.dir, 'marker');
    const plugin = join(FIXTURES, 'records-process.mjs');
    writeFileSync(
      other.configFile,
      `[profile engine]\ncredential_process = ${node} ${BIN} --no-cache ${plugin} "${marker}"\n[profile refused]\ncredential_process = ${node} ${BIN} --no-cache ${plugin} "${marker}" --fail\n`,
    );
    const result = await runLauncher(['doctor', '--json'], { env: other.env, timeoutMs: 60_000 });
    const [engine, refused] = (JSON.parse(result.stdout) as DoctorReport).profiles as [ProfileReport, ProfileReport];
    // Both calls ran inside the doctor process itself.
    expect(readFileSync(marker, 'utf8')).toBe('doctor --json\ndoctor --json\n');
    expect(engine.healthy).toBe(true);
    expect(engine.run).toMatchObject({ exitCode: 0, timedOut: false });
    expect(engine.credentials).toMatchObject({ accessKeyId: '****************MPLE', sessionToken: true });
    expect(engine.accepted).toEqual({ botocore: { accepted: true }, jsSdk: { accepted: true } });
    expect(refused.run?.exitCode).toBe(65);
    expect(refused.diagnoses).toEqual([
      {
        severity: 'error',
        code: 'PROCESS_FAILED',
        message: 'credential_process exited with 65: cred-launch: plugin "records-process" returned unusable credentials: accessKeyId contains white space or control characters',
      },
    ]);
    expect(result.stdout).not.toContain('records-secret-0001');
    expect(result.code).toBe(78);
  });

  test('no profile with credential_process at all is a CONFIG failure that says what to run', async () => {
    const empty = profileSandbox();
    writeFileSync(empty.configFile, '[default]\nregion = x\n');
    const result = await runLauncher(['doctor'], { env: empty.env });
    expect(result.code).toBe(78);
    expect(result.stdout).toContain('uses credential_process');
    expect(result.stdout).toContain('cred-launch configure --profile <name>');
    const usage = await runLauncher(['doctor', '--bogus'], { env: empty.env });
    expect(usage.code).toBe(64);
  });
});
