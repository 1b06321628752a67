import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { totpAt } from '@cred-launch/aws-test-server';
import { ACCOUNT, ROLE, ROLE_EXT, EXTERNAL_ID, SEED, SEED_2, SEED_3, SERIAL, SERIAL_2, SERIAL_3, startSts, USER, type StsFixture } from './helpers.js';

// The child processes compute codes from the real clock, so the fake STS's
// clock is never moved here; each test that needs a code has its own device.
// The built launcher, exactly as the AWS CLI and SDKs run it, with the file
// plugin (OpenSSL-encrypted credentials) as the source of the long-term keys.
const BIN = createRequire(import.meta.url)
  .resolve('cred-launch/package.json')
  .replace(/package\.json$/u, 'bin/cred-launch.js');
const HAS_SCRIPT = existsSync('/usr/bin/script');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>, timeoutMs = 20_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every byte under `dir`, for "never on disk" checks. */
function allFileText(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    text += statSync(path).isDirectory() ? allFileText(path) : `${name}\n${readFileSync(path, 'latin1')}\n`;
  }
  return text;
}

let fx: StsFixture;
let work: string;
let keyFile: string;
let withSeed: string;
let withoutSeed: string;

function encrypt(name: string, plaintext: string): string {
  const plain = join(work, `${name}.ini`);
  const encrypted = join(work, `${name}.enc`);
  writeFileSync(plain, plaintext, { mode: 0o600 });
  execFileSync('openssl', ['enc', '-aes-256-cbc', '-pbkdf2', '-salt', '-in', plain, '-out', encrypted, '-pass', `file:${keyFile}`]);
  return encrypted;
}

beforeAll(async () => {
  fx = await startSts();
  work = mkdtempSync(join(tmpdir(), 'cred-launch-sts-e2e-'));
  keyFile = join(work, 'key');
  writeFileSync(keyFile, 'correct horse battery staple\n', { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  const keys = `aws_access_key_id = ${USER.accessKeyId}\naws_secret_access_key = ${USER.secretAccessKey}\n`;
  withSeed = encrypt('with-seed', `[default]\n${keys}mfa_serial = ${SERIAL}\nmfa_totp_seed = ${SEED}\n`);
  withoutSeed = encrypt('without-seed', `[default]\n${keys}`);
});
afterAll(async () => {
  await fx?.server.close();
});

function envFor(cacheDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: work,
    USER: 'alice',
    CRED_LAUNCH_CACHE_DIR: cacheDir,
    AWS_ENDPOINT_URL_STS: fx.server.url,
    AWS_REGION: 'eu-west-1',
    ...extra,
  };
}

function parseOutput(result: Run): Record<string, unknown> {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('cred-launch --session / --assume-role with the file plugin, end to end', () => {
  test('--session --mfa-serial: session credentials with Expiration; a second call comes from the cache without STS or MFA', async () => {
    const cacheDir = join(work, 'cache-session');
    const args = ['--session', '--mfa-serial', SERIAL, 'file', withSeed, '--key-file', keyFile];
    const before = fx.server.requests.length;
    const first = parseOutput(await run(args, envFor(cacheDir)));
    expect(first).toMatchObject({ Version: 1 });
    expect(first.AccessKeyId).toMatch(/^ASIA/);
    expect(typeof first.SessionToken).toBe('string');
    expect(first.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(fx.server.requests.length).toBe(before + 1);
    const request = fx.server.requests.at(-1)!;
    expect(request).toMatchObject({ operation: 'GetSessionToken', accessKeyId: USER.accessKeyId, verified: true });
    expect(new URLSearchParams(request.body).get('SerialNumber')).toBe(SERIAL);
    expect(fx.sts.issued.find((entry) => entry.accessKeyId === first.AccessKeyId)?.mfaAuthenticated).toBe(true);

    const second = parseOutput(await run(args, envFor(cacheDir)));
    expect(second).toEqual(first);
    expect(fx.server.requests.length).toBe(before + 1);

    const onDisk = allFileText(cacheDir);
    expect(onDisk).toContain(String(first.SessionToken));
    for (const secret of [USER.secretAccessKey, USER.accessKeyId, SEED]) expect(onDisk).not.toContain(secret);
  });

  test('--mfa-command is asked once per session, not once per call', async () => {
    const cacheDir = join(work, 'cache-command');
    const asked = join(work, 'asked');
    const code = totpAt(SEED_2, new Date());
    const args = ['--session', '--mfa-serial', SERIAL_2, '--mfa-command', `echo asked >> '${asked}'; echo ${code}`, 'file', withoutSeed, '--key-file', keyFile];
    const first = parseOutput(await run(args, envFor(cacheDir)));
    const second = parseOutput(await run(args, envFor(cacheDir)));
    expect(second).toEqual(first);
    expect(readFileSync(asked, 'utf8')).toBe('asked\n');
  });

  test('different --assume-role values are different cache entries; the same one is a hit', async () => {
    const cacheDir = join(work, 'cache-roles');
    const before = fx.server.requests.length;
    const deploy = parseOutput(await run(['--assume-role', ROLE, 'file', withoutSeed, '--key-file', keyFile], envFor(cacheDir)));
    const partner = parseOutput(await run(['--assume-role', ROLE_EXT, '--external-id', EXTERNAL_ID, 'file', withoutSeed, '--key-file', keyFile], envFor(cacheDir)));
    expect(partner.AccessKeyId).not.toBe(deploy.AccessKeyId);
    expect(fx.server.requests.length).toBe(before + 2);
    expect(deploy.AccountId).toBe(ACCOUNT);
    const again = parseOutput(await run(['--assume-role', ROLE, 'file', withoutSeed, '--key-file', keyFile], envFor(cacheDir)));
    expect(again).toEqual(deploy);
    expect(fx.server.requests.length).toBe(before + 2);
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.json'))).toHaveLength(2);
    expect(allFileText(cacheDir)).not.toContain(USER.secretAccessKey);
  });

  test('a role the keys may not assume: exit 77, one line naming the role, nothing on stdout, no secret', async () => {
    const denied = 'arn:aws:iam::123456789012:role/not-for-alice';
    const result = await run(['--assume-role', denied, 'file', withoutSeed, '--key-file', keyFile], envFor(join(work, 'cache-denied')));
    expect(result.code).toBe(77);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(denied);
    expect(result.stderr).not.toContain(USER.secretAccessKey);
    expect(result.stderr).not.toMatch(/NodeVersionSupportWarning/);
  });

  test('no seed, no --mfa-command and no terminal: exit 64 saying how to give the code, nothing cached', async () => {
    const cacheDir = join(work, 'cache-no-tty');
    const result = await run(['--session', '--mfa-serial', SERIAL, 'file', withoutSeed, '--key-file', keyFile], envFor(cacheDir));
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/no terminal to ask on/);
    expect(result.stderr).toMatch(/--mfa-command/);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.endsWith('.json')) : []).toEqual([]);
  });

  test.skipIf(!HAS_SCRIPT)('the MFA prompt is on the controlling terminal, not stdin (stdin is /dev/null here)', async () => {
    const cacheDir = join(work, 'cache-tty');
    const out = join(work, 'tty-out.json');
    const err = join(work, 'tty-err.txt');
    const quote = (value: string): string => `'${value.replace(/'/gu, `'\\''`)}'`;
    const command = [process.execPath, BIN, '--session', '--mfa-serial', SERIAL_3, 'file', withoutSeed, '--key-file', keyFile].map(quote).join(' ');
    const code = totpAt(SEED_3, new Date());
    const transcript = await new Promise<string>((resolve, reject) => {
      // util-linux `script` gives the child a pseudo-terminal as its controlling terminal.
      const child = spawn('script', ['-qec', `${command} </dev/null >${quote(out)} 2>${quote(err)}`, '/dev/null'], { env: envFor(cacheDir), stdio: ['pipe', 'pipe', 'pipe'] });
      let text = '';
      let answered = false;
      child.stdout.on('data', (chunk) => {
        text += chunk;
        if (!answered && text.includes('MFA code for')) {
          answered = true;
          child.stdin.write(`${code}\n`);
        }
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('error', reject);
      let errText = '';
      child.stderr.on('data', (chunk) => (errText += chunk));
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve(`${text}\n[script exit ${status}] ${errText}`);
      });
    });
    const errText = existsSync(err) ? readFileSync(err, 'utf8') : '(no stderr file)';
    expect(`${transcript}\n${errText}`).toContain(`cred-launch: MFA code for ${SERIAL_3}: `);
    const output = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(output.AccessKeyId).toMatch(/^ASIA/);
    expect(errText).toBe('');
    expect(new URLSearchParams(fx.server.requests.at(-1)!.body).get('TokenCode')).toBe(code);
  });
});
