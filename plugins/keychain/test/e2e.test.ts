/**
 * End to end through the built `cred-launch` bin against a REAL
 * gnome-keyring-daemon (test/keyring.ts): add → read → list → remove, the
 * exit codes of the failures, the terminal prompt on a real pseudo-terminal
 * (util-linux `script`) with echo off for the secret, and botocore (the AWS
 * CLI's credential chain) reading the entry through credential_process. Skipped, with the reason, where the
 * keyring or the build is missing.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CANARY } from './helpers.js';
import { keyringUnavailableReason, secretTool, startKeyring, type TestKeyring } from './keyring.js';

const BIN = fileURLToPath(new URL('../../../packages/launcher/bin/cred-launch.js', import.meta.url));
const BUILT =
  existsSync(fileURLToPath(new URL('../../../packages/launcher/dist/main.js', import.meta.url))) && existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
const unavailable = !BUILT ? 'the launcher or the plugin is not built (pnpm build)' : keyringUnavailableReason();
if (unavailable !== undefined) test.skip(`keychain end to end: ${unavailable}`, () => undefined);
const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const hasBotocore = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;

describe.skipIf(unavailable !== undefined)('cred-launch keychain, end to end (built bin, real gnome-keyring-daemon)', () => {
  let keyring: TestKeyring;
  let env: Record<string, string>;
  beforeAll(() => {
    keyring = startKeyring();
    env = { ...keyring.env, CRED_LAUNCH_CACHE_DIR: join(keyring.dir, 'cache') };
  });
  afterAll(() => keyring.stop());

  function launch(args: string[], input?: string, extraEnv: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string; ms: number } {
    const started = Date.now();
    const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, input: input ?? '', encoding: 'utf8', timeout: 30_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
  }

  test('add --from-file with a FIFO (issue 14): CONFIG (78) within 5 s at --timeout 20, nothing stored', () => {
    // A plain readFile used to block open() until the launcher's exit fallback killed the process.
    const fifo = join(keyring.dir, 'credentials.fifo');
    execFileSync('mkfifo', [fifo]);
    const result = launch(['--timeout', '20', 'keychain', 'add', 'fifo', '--from-file', fifo]);
    expect(result.ms).toBeLessThan(5_000);
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`keychain: --from-file ${fifo} is a FIFO (named pipe), not a regular file`);
    expect(launch(['keychain', 'fifo']).code).toBe(66);
  });

  test('add --from-stdin → read → list → remove → read is 66', () => {
    const added = launch(['keychain', 'add', 'dev', '--from-stdin'], JSON.stringify({ AccessKeyId: 'AKIAKEYCHAINE2E00001', SecretAccessKey: CANARY }));
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe(
      'stored long-term keys ****************0001 as "dev" in the Secret Service (secret-tool)\nuse it in ~/.aws/config:  credential_process = cred-launch keychain dev\n',
    );
    const read = launch(['keychain', 'dev']);
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout)).toEqual({ Version: 1, AccessKeyId: 'AKIAKEYCHAINE2E00001', SecretAccessKey: CANARY });
    expect(read.stderr).toBe('');
    const listed = launch(['keychain', 'list']);
    expect(listed).toMatchObject({ code: 0, stdout: 'dev\n', stderr: '' });
    expect(launch(['keychain', 'remove', 'dev'])).toMatchObject({ code: 0, stdout: 'removed "dev" from the Secret Service (secret-tool)\n' });
    const gone = launch(['keychain', 'dev']);
    expect(gone).toMatchObject({ code: 66, stdout: '' });
    expect(gone.stderr).toContain('nothing is stored under "dev"');
    expect(launch(['keychain', 'remove', 'dev']).code).toBe(66);
    // An empty keychain lists nothing at all: names only, never a blank line.
    expect(launch(['keychain', 'list'])).toMatchObject({ code: 0, stdout: '' });
  });

  test('corrupt stored JSON → 65, no bus → 78 (CONFIG) with a hint, usage → 64; never a secret on stderr', () => {
    secretTool(keyring.env, ['store', '--label=planted', 'service', 'cred-launch', 'account', 'corrupt'], `{"secretAccessKey":"${CANARY}"`);
    const corrupt = launch(['keychain', 'corrupt']);
    expect(corrupt).toMatchObject({ code: 65, stdout: '' });
    expect(corrupt.stderr).not.toContain(CANARY);
    const noBus = launch(['keychain', 'corrupt'], '', { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(keyring.dir, 'no-bus-here')}` });
    expect(noBus).toMatchObject({ code: 78, stdout: '' });
    expect(noBus.stderr).toMatch(/no Secret Service is reachable[\s\S]*hint: start a Secret Service provider/u);
    expect(launch(['keychain', 'add', 'list', '--from-stdin']).code).toBe(64);
    expect(launch(['keychain']).code).toBe(64);
  });

  test.skipIf(!hasBotocore)('botocore (the AWS CLI v1 chain) reads an entry through credential_process', () => {
    expect(launch(['keychain', 'add', 'cli', '--from-stdin'], `aws_access_key_id=AKIAKEYCHAINCLI00001\naws_secret_access_key=${CANARY}`).code).toBe(0);
    const config = join(keyring.dir, 'aws-config');
    writeFileSync(config, `[profile kc]\ncredential_process = ${process.execPath} ${BIN} keychain cli\n`);
    const script =
      'import botocore.session, json; c = botocore.session.Session(profile="kc").get_credentials().get_frozen_credentials(); print(json.dumps([c.access_key, c.secret_key]))';
    const result = spawnSync('python3', ['-c', script], {
      env: { ...env, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(keyring.dir, 'none') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(['AKIAKEYCHAINCLI00001', CANARY]);
  });

  test('configure writes the profile after one verified read; doctor finds it healthy', () => {
    expect(launch(['keychain', 'add', 'configured', '--from-stdin'], `aws_access_key_id=AKIAKEYCHAINCONF0001\naws_secret_access_key=${CANARY}`).code).toBe(0);
    const files = { AWS_CONFIG_FILE: join(keyring.dir, 'configure-config'), AWS_SHARED_CREDENTIALS_FILE: join(keyring.dir, 'configure-credentials') };
    const configured = launch(['configure', '--profile', 'kc', 'keychain', 'configured'], '', files);
    expect(configured.code).toBe(0);
    expect(configured.stdout).toContain('plugin keychain (@cred-launch/plugin-keychain');
    expect(configured.stdout).toContain('****************0001 (long-term)');
    expect(configured.stdout).not.toContain(CANARY);
    const doctor = launch(['doctor', '--profile', 'kc'], '', files);
    expect(doctor.stdout).toMatch(/plugin\s+keychain: @cred-launch\/plugin-keychain/u);
    expect(doctor.stdout).toContain('=> healthy');
    expect(doctor.code).toBe(0);
  });

  /** Runs `cred-launch keychain add <name>` on a pseudo-terminal, answering each question once it is on the screen. */
  function onTerminal(name: string, steps: Array<[string, string]>): Promise<{ output: string; code: number | null }> {
    return new Promise((resolve, reject) => {
      // `script -e` exits with the command's status.
      const command = `'${process.execPath}' '${BIN}' keychain add ${name}`;
      const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let seen = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`pty session stalled; output so far: ${JSON.stringify(seen)}`));
      }, 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        // Answer only once the question is shown: the terminal echoes what
        // arrives before echo is turned off.
        const next = steps[0];
        if (next !== undefined && seen.includes(next[0])) {
          steps.shift();
          child.stdin.write(next[1]);
        }
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        child.stdin.destroy();
        resolve({ output: seen, code });
      });
    });
  }

  test.skipIf(!hasScript)('add on a real terminal (pty): the access key echoes, the secret does not, and it is stored', async () => {
    const { output, code } = await onTerminal('tty', [
      ['AWS access key ID: ', 'AKIAKEYCHAINTTY00001\r'],
      ['AWS secret access key (not shown): ', `${CANARY}\r`],
      ['MFA device ARN (optional, Enter to skip): ', '\r'],
    ]);
    expect(code).toBe(0);
    expect(output).toContain('AKIAKEYCHAINTTY00001');
    expect(output).not.toContain(CANARY);
    expect(output).toContain('stored long-term keys ****************0001 as "tty"');
    expect(JSON.parse(launch(['keychain', 'tty']).stdout)).toMatchObject({ AccessKeyId: 'AKIAKEYCHAINTTY00001', SecretAccessKey: CANARY });
  });

  test.skipIf(!hasScript)('Ctrl-C at the hidden prompt cancels: exit 64, nothing stored', async () => {
    const { output, code } = await onTerminal('cancelled', [
      ['AWS access key ID: ', 'AKIAKEYCHAINCANCEL01\r'],
      ['AWS secret access key (not shown): ', 'half-typed\x03'],
    ]);
    expect(code).toBe(64);
    expect(output).toContain('cancelled at the terminal prompt');
    expect(output).not.toContain('half-typed');
    expect(launch(['keychain', 'cancelled']).code).toBe(66);
  });
});
