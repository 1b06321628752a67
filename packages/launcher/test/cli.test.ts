import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, runLauncher, tempDir } from './helpers/spawn.js';

const CANARY = 'CANARY-never-print-me-7f3a9c';
const fixture = (name: string): string => join(FIXTURES, name);

function expectOneDocument(stdout: string): Record<string, unknown> {
  expect(stdout.endsWith('\n')).toBe(true);
  expect(stdout.trimEnd().includes('\n')).toBe(false);
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('the credential channel', () => {
  test('prints exactly one credential_process document and nothing on stderr', async () => {
    const result = await runLauncher([fixture('good.mjs'), 'AKIAGOOD', '--expires-in', '3600'], { env: { FIXTURE_SESSION_TOKEN: 'token-123456' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const document = expectOneDocument(result.stdout);
    expect(Object.keys(document)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    expect(document.Version).toBe(1);
    expect(document.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/u);
  });

  test('--verbose adds debug lines on stderr only, redacted', async () => {
    const result = await runLauncher(['--verbose', fixture('leaky-error.mjs')], { env: { FIXTURE_CANARY: CANARY } });
    expect(result.code).toBe(77);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('cred-launch: debug:');
    expect(result.stderr).toContain('[REDACTED]');
    expect(result.stderr).not.toContain(CANARY);
  });

  test('launcher options go before the plugin name; the plugin gets everything after it', async () => {
    const result = await runLauncher(['--timeout', '5', fixture('good.mjs'), 'AKIAARGS', '--expires-in', '3600']);
    expect(result.code).toBe(0);
    expect(expectOneDocument(result.stdout).AccessKeyId).toBe('AKIAARGS');
    const unknown = await runLauncher(['--bogus', fixture('good.mjs'), 'AKIA']);
    expect(unknown.code).toBe(64);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('--bogus');
  });
});

describe('every error path keeps secrets off both channels', () => {
  const cases: Array<{ name: string; args: string[]; code: number; says: RegExp }> = [
    { name: 'a plugin throwing a plain error', args: [fixture('throws.mjs')], code: 70, says: /failed unexpectedly \(TypeError\)/u },
    { name: 'a CredentialError quoting a registered secret', args: [fixture('leaky-error.mjs')], code: 77, says: /was refused/u },
    { name: 'expired credentials', args: [fixture('invalid-output.mjs'), 'expired'], code: 65, says: /expired at/u },
    { name: 'an empty access key id', args: [fixture('invalid-output.mjs'), 'empty'], code: 65, says: /accessKeyId/u },
    { name: 'a stray field', args: [fixture('invalid-output.mjs'), 'stray'], code: 65, says: /unexpected field "password"/u },
    { name: 'white space in a key', args: [fixture('invalid-output.mjs'), 'spaces'], code: 65, says: /white space/u },
    { name: 'a plugin without getCredentials', args: [fixture('bad-shape.mjs')], code: 80, says: /not a cred-launch plugin/u },
    { name: 'a usage error from the plugin', args: [fixture('good.mjs')], code: 64, says: /missing access key id/u },
  ];
  for (const { name, args, code, says } of cases) {
    test(name, async () => {
      for (const verbose of [[], ['--verbose']]) {
        const result = await runLauncher([...verbose, ...args], { env: { FIXTURE_CANARY: CANARY } });
        expect(result.code).toBe(code);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(says);
        expect(result.stderr).not.toContain(CANARY);
        expect(result.stderr).not.toMatch(/\n\s+at /u); // no stack traces
      }
    });
  }
});

describe('a plugin author sees their own bug with --debug', () => {
  test('class, message and stack frames, with registered secrets redacted; --verbose still withholds the message', async () => {
    const debug = await runLauncher(['--debug', '--no-cache', fixture('throws-registered.mjs')], { env: { FIXTURE_CANARY: CANARY } });
    expect(debug.code).toBe(70);
    expect(debug.stdout).toBe('');
    expect(debug.stderr).toContain('cause: RangeError: index out of range while parsing [REDACTED]');
    expect(debug.stderr).toMatch(/\n\s+at .*throws-registered\.mjs/u);
    expect(debug.stderr).not.toContain(CANARY);
    const verbose = await runLauncher(['--verbose', '--no-cache', fixture('throws-registered.mjs')], { env: { FIXTURE_CANARY: CANARY } });
    expect(verbose.stderr).toContain('RangeError (message withheld: it may quote secret values; --debug shows it)');
    expect(verbose.stderr).not.toMatch(/\n\s+at /u);
  });
});

describe('time limit', () => {
  test('a plugin that hangs and ignores the signal ends with TIMEOUT well inside the limit', async () => {
    const started = Date.now();
    const result = await runLauncher(['--timeout', '1', fixture('hang.mjs')], { timeoutMs: 10_000 });
    expect(result.code).toBe(75);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--timeout');
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  test("the plugin's own TIMEOUT error and hint win over the generic one", async () => {
    const started = Date.now();
    const result = await runLauncher(['--timeout', '1', '--no-cache', fixture('own-timeout.mjs')], { timeoutMs: 10_000 });
    const elapsed = Date.now() - started;
    expect(result.code).toBe(75);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'cred-launch: own-timeout: the vault app did not answer in time\n  hint: approve the prompt in the vault app sooner, or raise the limit with --timeout\n',
    );
    expect(result.stderr).not.toMatch(/gave up after|did not finish within/u);
    expect(elapsed).toBeLessThan(8_000);
  });
});

describe('plugin resolution from the command line', () => {
  test('a plugin planted in the current directory is never loaded', async () => {
    const repo = tempDir();
    const marker = join(repo, 'pwned');
    const planted = join(repo, 'node_modules', 'cred-launch-plugin-planted');
    mkdirSync(planted, { recursive: true });
    writeFileSync(join(planted, 'package.json'), JSON.stringify({ name: 'cred-launch-plugin-planted', type: 'module', main: 'index.js' }));
    writeFileSync(join(planted, 'index.js'), `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};`);
    const result = await runLauncher(['planted'], { cwd: repo, env: { NODE_PATH: join(repo, 'node_modules') } });
    expect(result.code).toBe(79);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('npm install --global @cred-launch/plugin-planted');
    expect(existsSync(marker)).toBe(false);
  });

  test('names that could smuggle a path are refused', async () => {
    for (const name of ['..', 'a/b', 'UPPER', '@scope/../x', 'file:evil', 'configure-me!']) {
      const result = await runLauncher([name]);
      expect(result.code, name).toBe(64);
      expect(result.stdout).toBe('');
    }
  });

  test('a plugin built for another contract is refused before it is imported', async () => {
    const marker = join(tempDir(), 'imported');
    const result = await runLauncher([fixture('future-contract')], { env: { FIXTURE_MARKER: marker } });
    expect(result.code).toBe(80);
    expect(result.stderr).toContain('contract v99');
    expect(result.stderr).toContain('speaks v1');
    expect(existsSync(marker)).toBe(false);
  });

  test('a missing explicit path is PLUGIN_NOT_FOUND', async () => {
    const result = await runLauncher(['./nowhere.mjs']);
    expect(result.code).toBe(79);
  });
});

describe('help, version and listing', () => {
  test('--help goes to stdout and exits 0', async () => {
    const result = await runLauncher(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cred-launch [launcher options] <plugin> [plugin args…]');
    expect(result.stdout).toContain('Reserved words');
  });

  test('--version prints the package version', async () => {
    const result = await runLauncher(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/u);
  });

  test('<plugin> --help prints the plugin usage', async () => {
    const result = await runLauncher([fixture('good.mjs'), '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cred-launch good.mjs <access-key-id>');
  });

  test('plugins lists the plugins installed next to the launcher with versions', async () => {
    const result = await runLauncher(['plugins']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^file\s+\d+\.\d+\.\d+\s+@cred-launch\/plugin-file/mu);
  });
});

describe('plugin commands', () => {
  test('an argument named like an Object.prototype member is not a command', async () => {
    const result = await runLauncher([fixture('good.mjs'), 'constructor', '--expires-in', '3600']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).AccessKeyId).toBe('constructor');
  });
});
