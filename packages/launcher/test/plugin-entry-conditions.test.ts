/**
 * Which of a plugin package's builds the launcher loads, on the whole
 * process. Where Node loads ES modules with require() (20.19+, 22.12+) the
 * launcher resolves the "." export with require()'s conditions, so a package
 * shipping a CommonJS build under "require" (every first-party plugin) is
 * loaded as CommonJS and a cold call stays out of Node's asynchronous ESM
 * loader; a package exporting only "import" still loads.
 *
 * The first-party plugins are checked on a copy of each built package with
 * every ES module build (dist/*.js) deleted: the call can only work through
 * dist/*.cjs, the lazy parts and the packages they require included. Calls
 * that need a backend are pointed at a closed port and must fail the way
 * the plugin's own client reports it, which it can only do once its lazy
 * CommonJS part has loaded.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, runLauncher, tempDir } from './helpers/spawn.js';

const REQUIRE_LOADS_ESM = (process.features as { require_module?: boolean }).require_module === true;
const PLUGINS = join(FIXTURES, '..', '..', '..', '..', '..', 'plugins');

describe('a package with both builds', () => {
  test('the "require" build is loaded where require() loads ES modules, else the ES module build', async () => {
    const result = await runLauncher(['--no-cache', join(FIXTURES, 'dual-entry')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ AccessKeyId: REQUIRE_LOADS_ESM ? 'ASIADUALCOMMONJS' : 'ASIADUALESMODULE' });
  });

  test.skipIf(!REQUIRE_LOADS_ESM)('with require(esm) turned off (as on an older Node), the ES module build is loaded', async () => {
    const result = await runLauncher(['--no-cache', join(FIXTURES, 'dual-entry')], { env: { NODE_OPTIONS: '--no-experimental-require-module' } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ AccessKeyId: 'ASIADUALESMODULE' });
  });

  test('a package exporting only "import" is loaded', async () => {
    const result = await runLauncher(['--no-cache', join(FIXTURES, 'import-only')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ AccessKeyId: 'ASIAIMPORTONLY' });
  });
});

/** Removes every ES module build under `dir` (dist/**\/*.js), keeping the .cjs, .d.ts and the rest. */
function deleteEsModuleBuilds(dir: string): number {
  let deleted = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) deleted += deleteEsModuleBuilds(path);
    else if (name.endsWith('.js')) {
      rmSync(path);
      deleted += 1;
    }
  }
  return deleted;
}

/** A copy of plugins/<name> (package.json, dist) with only its CommonJS builds; its dependencies are the real ones. */
function commonJsOnlyCopy(name: string): string {
  const copy = join(tempDir('cred-launch-cjs-plugin-'), name);
  cpSync(join(PLUGINS, name, 'package.json'), join(copy, 'package.json'));
  cpSync(join(PLUGINS, name, 'dist'), join(copy, 'dist'), { recursive: true });
  symlinkSync(join(PLUGINS, name, 'node_modules'), join(copy, 'node_modules'));
  expect(deleteEsModuleBuilds(join(copy, 'dist'))).toBeGreaterThan(0);
  return copy;
}

describe.skipIf(!REQUIRE_LOADS_ESM)('every first-party plugin works from its CommonJS build alone', () => {
  const CLOSED_PORT = 'http://127.0.0.1:1';

  test('file: encrypt (age, through age-encryption) and decrypt age and OpenSSL files', async () => {
    const plugin = commonJsOnlyCopy('file');
    const dir = tempDir();
    const plaintext = join(dir, 'credentials');
    writeFileSync(plaintext, '[default]\naws_access_key_id = AKIACOMMONJSFILE0001\naws_secret_access_key = commonJsFileSecret000000000000000000000\n', { mode: 0o600 });
    for (const format of ['age', 'openssl']) {
      const out = join(dir, `creds.${format}`);
      const key = join(dir, `${format}.key`);
      const encrypted = await runLauncher([plugin, 'encrypt', plaintext, '--format', format, '--out', out, '--key-file', key, '--generate-key']);
      expect(encrypted.code, encrypted.stderr).toBe(0);
      const decrypted = await runLauncher(['--no-cache', plugin, out, '--key-file', key]);
      expect(decrypted.stderr).toBe('');
      expect(decrypted.code).toBe(0);
      expect(JSON.parse(decrypted.stdout)).toMatchObject({ AccessKeyId: 'AKIACOMMONJSFILE0001' });
    }
  });

  test("file: the CommonJS build's require() of age-encryption (an ES module only) falls back to import() without require(esm)", () => {
    const plugin = commonJsOnlyCopy('file');
    const script = `require(${JSON.stringify(join(plugin, 'dist', 'age.cjs'))}).generateAgeIdentityFile(new Date()).then((r) => process.stdout.write(r.recipient.slice(0, 4)))`;
    for (const nodeOptions of ['', '--no-experimental-require-module']) {
      const output = execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: nodeOptions }, encoding: 'utf8' });
      expect(output, nodeOptions).toBe('age1');
    }
  });

  test('process: runs the helper and validates what it prints', async () => {
    const plugin = commonJsOnlyCopy('process');
    const helper = join(tempDir(), 'helper.cjs');
    writeFileSync(
      helper,
      'process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: "AKIACOMMONJSPROCESS1", SecretAccessKey: "commonJsProcessSecret0000000000000000000" }));\n',
    );
    const result = await runLauncher(['--no-cache', plugin, '--', process.execPath, helper]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ AccessKeyId: 'AKIACOMMONJSPROCESS1' });
  });

  test('vault: the HTTP client (a lazy part) reports the closed port', async () => {
    const plugin = commonJsOnlyCopy('vault');
    const result = await runLauncher(['--no-cache', plugin, 'secret/aws/dev'], { env: { VAULT_ADDR: CLOSED_PORT, VAULT_TOKEN: 'not-a-real-token' } });
    expect(result.stdout).toBe('');
    expect(result.code).toBe(69);
    expect(result.stderr).toMatch(/^cred-launch: vault: .*127\.0\.0\.1:1/mu);
    expect(result.stderr).not.toContain('not-a-real-token');
  });

  test('secrets-manager: the AWS SDK is required and reports the closed port', async () => {
    const plugin = commonJsOnlyCopy('secrets-manager');
    const dir = tempDir();
    const result = await runLauncher(['--no-cache', plugin, 'some/secret', '--region', 'eu-west-1'], {
      env: {
        AWS_ENDPOINT_URL_SECRETS_MANAGER: CLOSED_PORT,
        AWS_ACCESS_KEY_ID: 'AKIACOMMONJSSOURCE01',
        AWS_SECRET_ACCESS_KEY: 'commonJsSourceSecret0000000000000000000',
        AWS_CONFIG_FILE: join(dir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
        AWS_MAX_ATTEMPTS: '1',
      },
    });
    expect(result.stdout).toBe('');
    expect(result.code).toBe(69);
    expect(result.stderr).toMatch(/^cred-launch: secrets-manager: /mu);
    expect(result.stderr).not.toContain('commonJsSourceSecret');
  });

  test('roles-anywhere: signs with the key and reports the closed port', async () => {
    const plugin = commonJsOnlyCopy('roles-anywhere');
    const dir = tempDir();
    const key = join(dir, 'leaf.key');
    const certificate = join(dir, 'leaf.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', certificate, '-subj', '/CN=commonjs', '-days', '1'],
      {
        stdio: 'ignore',
      },
    );
    const result = await runLauncher([
      '--no-cache',
      plugin,
      '--certificate',
      certificate,
      '--private-key',
      key,
      '--trust-anchor-arn',
      'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/commonjs',
      '--profile-arn',
      'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/commonjs',
      '--role-arn',
      'arn:aws:iam::123456789012:role/commonjs',
      '--endpoint',
      CLOSED_PORT,
    ]);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(69);
    expect(result.stderr).toMatch(/^cred-launch: roles-anywhere: /mu);
  });

  test('1password: the SDK (CommonJS, with its WASM core) is required and refuses a fake token, as from the ES module build', async () => {
    const plugin = commonJsOnlyCopy('1password');
    const result = await runLauncher(['--no-cache', plugin, 'op://vault/item'], { env: { OP_SERVICE_ACCOUNT_TOKEN: 'ops_not-a-real-token' }, timeoutMs: 60_000 });
    expect(result.stdout).toBe('');
    expect(result.code).toBe(77);
    expect(result.stderr).toMatch(/^cred-launch: 1password: the service account token is not valid$/mu);
    expect(result.stderr).not.toContain('not-a-real-token');
  });

  test('keychain: its usage is what the CommonJS build prints', async () => {
    const plugin = commonJsOnlyCopy('keychain');
    const result = await runLauncher([plugin, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/cred-launch keychain/u);
  });
});
