/**
 * End to end through the built `cred-launch` bin: the launcher resolves this
 * plugin from the workspace's node_modules, and real consumers resolve a
 * temporary AWS config profile whose credential_process runs it — the AWS SDK
 * for JavaScript (fromIni) and, when installed, python botocore. Every run
 * uses its own CRED_LAUNCH_CACHE_DIR. The paths contain a space, to prove the
 * quoting the encrypt command prints.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromIni } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatCredentialProcess } from '@cred-launch/aws-profiles';
import { encryptOpenssl } from '../src/openssl.js';
import { CANARY, CANARY_PASS, CREDENTIALS_INI, hasBotocore, hasCommand, tempDir, writeSecret } from './helpers.js';

const BIN = fileURLToPath(new URL('../../../packages/launcher/bin/cred-launch.js', import.meta.url));
const LAUNCHER_BUILT = existsSync(BIN) && existsSync(fileURLToPath(new URL('../../../packages/launcher/dist', import.meta.url)));
const PLUGIN_BUILT = existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
const READY = LAUNCHER_BUILT && PLUGIN_BUILT;

const { dir: root, cleanup } = tempDir();
const dir = join(root, 'dir with space');
const cacheDir = join(root, 'cache');
const path = (name: string): string => join(dir, name);

/** Runs `node <bin> <args>` with a private cache dir; never through a shell. */
function launch(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, CRED_LAUNCH_CACHE_DIR: cacheDir, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!READY)('cred-launch file, end to end (built launcher + plugin)', () => {
  let key: string;
  let enc: string;
  let configFile: string;
  const emptyCredentials = join(root, 'empty-credentials');

  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    key = writeSecret(path('aws-creds.key'), `${CANARY_PASS}\n`);
    enc = writeSecret(path('static_credentials.enc'), encryptOpenssl(Buffer.from(CREDENTIALS_INI), Buffer.from(CANARY_PASS), { iterations: 10000, digest: 'sha256' }));
    writeFileSync(emptyCredentials, '');
    configFile = join(root, 'config');
    const line = (profile: string): string =>
      `credential_process = ${formatCredentialProcess([process.execPath, BIN, 'file', enc, '--key-file', key, '--profile', profile], 'posix')}`;
    writeFileSync(configFile, `[profile dev]\n${line('dev')}\n\n[profile plain]\n${line('default')}\n`);
  });
  afterAll(cleanup);

  test('prints exactly one credential_process document on stdout', () => {
    const result = launch(['file', enc, '--key-file', key, '--profile', 'dev']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ Version: 1, AccessKeyId: 'AKIADEVEXAMPLE000001', SecretAccessKey: CANARY, SessionToken: 'devSessionTokenExample' });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  test('the AWS SDK for JavaScript resolves the profile through credential_process (fromIni)', async () => {
    const previous = process.env.CRED_LAUNCH_CACHE_DIR;
    process.env.CRED_LAUNCH_CACHE_DIR = cacheDir;
    try {
      const credentials = await fromIni({ profile: 'dev', configFilepath: configFile, filepath: emptyCredentials, ignoreCache: true })();
      expect(credentials).toMatchObject({ accessKeyId: 'AKIADEVEXAMPLE000001', secretAccessKey: CANARY, sessionToken: 'devSessionTokenExample' });
      const plain = await fromIni({ profile: 'plain', configFilepath: configFile, filepath: emptyCredentials, ignoreCache: true })();
      expect(plain.accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
    } finally {
      if (previous === undefined) delete process.env.CRED_LAUNCH_CACHE_DIR;
      else process.env.CRED_LAUNCH_CACHE_DIR = previous;
    }
  }, 30_000);

  test.skipIf(!hasBotocore())(
    'python botocore resolves the same profile',
    () => {
      const script = [
        'import json, botocore.session',
        'c = botocore.session.Session(profile="dev").get_credentials().get_frozen_credentials()',
        'print(json.dumps({"access_key": c.access_key, "secret_key": c.secret_key, "token": c.token}))',
      ].join('\n');
      const result = spawnSync('python3', ['-c', script], {
        env: { ...process.env, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: emptyCredentials, CRED_LAUNCH_CACHE_DIR: cacheDir, AWS_PROFILE: '' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ access_key: 'AKIADEVEXAMPLE000001', secret_key: CANARY, token: 'devSessionTokenExample' });
    },
    30_000,
  );

  test('the encrypt command through the launcher writes a file the plugin (and openssl) reads back', () => {
    const plaintext = writeSecret(path('credentials'), CREDENTIALS_INI);
    const newKey = path('new.key');
    const out = path('migrated.enc');
    const result = launch(['file', 'encrypt', plaintext, '--out', out, '--key-file', newKey, '--generate-key', '-a']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`"${out}"`);
    expect(result.stdout).not.toContain(CANARY);
    const read = launch(['file', out, '--key-file', newKey, '--profile', 'dev']);
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout).SecretAccessKey).toBe(CANARY);
    if (hasCommand('openssl', ['version'])) {
      const decrypted = spawnSync('openssl', ['enc', '-d', '-aes-256-cbc', '-pbkdf2', '-a', '-in', out, '-pass', `file:${newKey}`], { encoding: 'utf8' });
      expect(decrypted.stdout).toBe(CREDENTIALS_INI);
    }
  });

  test('an age file through the launcher (lazily loaded age path)', async () => {
    const { encryptAge, generateAgeIdentityFile } = await import('../src/age.js');
    const identity = await generateAgeIdentityFile(new Date());
    const idFile = writeSecret(path('id.agekey'), identity.text);
    const ageFile = writeSecret(path('creds.age'), await encryptAge(Buffer.from(CREDENTIALS_INI), { kind: 'recipients', recipients: [identity.recipient] }, true));
    const result = launch(['file', ageFile, '--key-file', idFile, '--profile', 'dev']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1, AccessKeyId: 'AKIADEVEXAMPLE000001', SecretAccessKey: CANARY });
  });

  describe('every error path: exit code, nothing on stdout, no canary on stderr (with --verbose)', () => {
    const cases: Array<[string, number, () => string[], Record<string, string>?]> = [
      ['usage: no key', 64, () => ['file', enc]],
      ['wrong key', 77, () => ['file', enc, '--key-file', writeSecret(path('wrong.key'), 'wrong-passphrase\n')]],
      ['wrong key from --key-env', 77, () => ['file', enc, '--key-env', 'CL_TEST_KEY'], { CL_TEST_KEY: 'nope-nope' }],
      ['truncated file', 65, () => ['file', writeSecret(path('cut.enc'), readFileSync(enc).subarray(0, 40)), '--key-file', key]],
      ['plaintext file', 78, () => ['file', writeSecret(path('plain-creds'), CREDENTIALS_INI), '--key-file', key]],
      ['missing profile', 66, () => ['file', enc, '--key-file', key, '--profile', 'prod']],
      ['missing file', 66, () => ['file', path('absent.enc'), '--key-file', key]],
      ['missing key file', 66, () => ['file', enc, '--key-file', path('absent.key')]],
      ['key file too open', 78, () => ['file', enc, '--key-file', writeSecret(path('open.key'), `${CANARY_PASS}\n`, 0o644)]],
      ['unset --key-env', 78, () => ['file', enc, '--key-env', 'CL_TEST_UNSET']],
      [
        'content without keys',
        65,
        () => [
          'file',
          writeSecret(
            path('nokeys.enc'),
            encryptOpenssl(Buffer.from(`[default]\naws_secret_access_key = ${CANARY}\n`), Buffer.from(CANARY_PASS), { iterations: 10000, digest: 'sha256' }),
          ),
          '--key-file',
          key,
        ],
      ],
    ];
    test.each(cases)('%s → exit %i', (_name, exitCode, args, env) => {
      // --verbose adds the debug lines and causes: the most there is to leak.
      const result = launch(['--verbose', ...args()], env);
      expect(result.code).toBe(exitCode);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/file: /u);
      expect(result.stderr).not.toContain(CANARY);
      expect(result.stderr).not.toContain(CANARY_PASS);
    });
  });
});
