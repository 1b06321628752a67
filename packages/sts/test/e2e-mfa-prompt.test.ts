/**
 * `--mfa-prompt` through the built launcher: desktop dialog drivers are STUB
 * executables on PATH (zenity, kdialog, osascript — labelled as stubs: no
 * desktop here) that record their argv and answer like the real programs
 * (the code on stdout, exit 0; exit 1 for Cancel). The code itself is a real
 * TOTP code the local STS test server verifies.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { totpAt } from '@cred-launch/aws-test-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DIALOG_DEVICES, startSts, USER, type StsFixture } from './helpers.js';

const BIN = createRequire(import.meta.url)
  .resolve('cred-launch/package.json')
  .replace(/package\.json$/u, 'bin/cred-launch.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

let fx: StsFixture;
let work: string;
let keyFile: string;
let credentialsFile: string;

beforeAll(async () => {
  fx = await startSts();
  work = mkdtempSync(join(tmpdir(), 'cred-launch-mfa-prompt-'));
  keyFile = join(work, 'key');
  writeFileSync(keyFile, 'correct horse battery staple\n', { mode: 0o600 });
  const plain = join(work, 'plain.ini');
  writeFileSync(plain, `[default]\naws_access_key_id = ${USER.accessKeyId}\naws_secret_access_key = ${USER.secretAccessKey}\n`, { mode: 0o600 });
  credentialsFile = join(work, 'creds.enc');
  execFileSync('openssl', ['enc', '-aes-256-cbc', '-pbkdf2', '-salt', '-in', plain, '-out', credentialsFile, '-pass', `file:${keyFile}`]);
});
afterAll(async () => {
  await fx?.server.close();
});

/** A stub dialog program: records each argv as a JSON line, then prints `answer` (or exits 1 to cancel). */
function stubDir(program: string, answer: string | undefined): { dir: string; calls: () => string[][] } {
  const dir = mkdtempSync(join(work, `stub-${program}-`));
  const log = join(dir, 'calls.jsonl');
  const script = join(dir, program);
  writeFileSync(
    script,
    `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n${answer === undefined ? 'process.exit(1);' : `setTimeout(() => process.stdout.write(${JSON.stringify(`${answer}\n`)}), 300);`}\n`,
  );
  chmodSync(script, 0o755);
  return {
    dir,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as string[])
        : [],
  };
}

function run(args: string[], extraEnv: Record<string, string>, cacheDir = mkdtempSync(join(work, 'cache-'))): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // setsid-like: no controlling terminal, as under an IDE (stdin is not a tty either).
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: `${extraEnv.STUB_PATH ?? ''}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: work,
        CRED_LAUNCH_CACHE_DIR: cacheDir,
        AWS_ENDPOINT_URL_STS: fx.server.url,
        AWS_REGION: 'eu-west-1',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

const call = (serial: string, mode?: string): string[] => [
  '--session',
  '--mfa-serial',
  serial,
  ...(mode ? ['--mfa-prompt', mode] : []),
  'file',
  credentialsFile,
  '--key-file',
  keyFile,
];

describe('--mfa-prompt: asking for the MFA code without a terminal (dialog programs are stubs)', () => {
  test('zenity: the code from the dialog gets a session; the dialog names the device', async () => {
    const device = DIALOG_DEVICES[0]!;
    const stub = stubDir('zenity', totpAt(device.seed, new Date()));
    const result = await run(call(device.serial, 'zenity'), { STUB_PATH: stub.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1, SessionToken: expect.any(String) });
    expect(stub.calls()).toEqual([['--entry', '--title=cred-launch', `--text=MFA code for ${device.serial}`]]);
  });

  test('auto with no terminal and a desktop (DISPLAY): the terminal is skipped and the dialog asks; parallel identical calls ask once', async () => {
    const device = DIALOG_DEVICES[1]!;
    const stub = stubDir('zenity', totpAt(device.seed, new Date()));
    const cacheDir = mkdtempSync(join(work, 'shared-cache-'));
    const results = await Promise.all(Array.from({ length: 4 }, () => run(call(device.serial), { STUB_PATH: stub.dir, DISPLAY: ':0' }, cacheDir)));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(new Set(results.map((result) => result.stdout)).size).toBe(1);
    expect(stub.calls()).toHaveLength(1);
  }, 60_000);

  test('kdialog and osascript are asked with their own command lines', async () => {
    const kdialog = stubDir('kdialog', undefined);
    const k = await run(call(DIALOG_DEVICES[2]!.serial, 'kdialog'), { STUB_PATH: kdialog.dir });
    expect(kdialog.calls()).toEqual([['--title', 'cred-launch', '--inputbox', `MFA code for ${DIALOG_DEVICES[2]!.serial}`]]);
    expect(k.code).toBe(77);
    expect(k.stderr).toMatch(/MFA dialog .* was cancelled/u);
    const osascript = stubDir('osascript', undefined);
    await run(call(DIALOG_DEVICES[2]!.serial, 'osascript'), { STUB_PATH: osascript.dir });
    const [argv] = osascript.calls();
    expect(argv?.[0]).toBe('-e');
    expect(argv?.[1]).toBe(`text returned of (display dialog "MFA code for ${DIALOG_DEVICES[2]!.serial}" default answer "" with title "cred-launch")`);
  });

  test('none: fails at once (77) with how to warm the cache, and asks nobody', async () => {
    const stub = stubDir('zenity', '000000');
    const result = await run(call(DIALOG_DEVICES[3]!.serial, 'none'), { STUB_PATH: stub.dir, DISPLAY: ':0' });
    expect(result.code).toBe(77);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--mfa-prompt none forbids asking/u);
    expect(result.stderr).toMatch(/warm the cache from a terminal/u);
    expect(result.ms).toBeLessThan(10_000);
    expect(stub.calls()).toEqual([]);
  });

  test('auto with neither a terminal nor a desktop: the usual "no terminal" usage error (64)', async () => {
    const stub = stubDir('zenity', '000000');
    const result = await run(call(DIALOG_DEVICES[3]!.serial), { STUB_PATH: stub.dir });
    expect(result.code).toBe(64);
    expect(stub.calls()).toEqual([]);
  });

  test('a bad mode is a usage error', async () => {
    const result = await run(call(DIALOG_DEVICES[3]!.serial, 'popup'), {});
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/--mfa-prompt must be one of auto, tty, zenity, kdialog, osascript, none/u);
  });
});
