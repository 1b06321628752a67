/**
 * The vault CLI's token helper (issue 15, item 8): `token_helper = "…"` in
 * ~/.vault (or the file VAULT_CONFIG_PATH names) is run with `get`, as the
 * CLI does (command/token/helper_external.go), with its stdio captured.
 */
import { startVaultTestServer, type VaultTestServer } from '@cred-launch/vault-test-server';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emptyHome, runVaultFailure, runVaultSuccess, visibleText } from './helpers.js';

let server: VaultTestServer;
let dir: string;
const env = (): Record<string, string> => ({ VAULT_ADDR: server.url, SHELL: '/bin/sh' });

/** Writes an executable shell script and returns its path. */
function script(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A home directory whose ~/.vault names `helper`. */
function homeWithHelper(helper: string): string {
  const home = emptyHome();
  writeFileSync(join(home, '.vault'), `# vault CLI configuration\ntoken_helper = "${helper}"\n`);
  return home;
}

beforeAll(async () => {
  server = await startVaultTestServer();
  server.state.addToken('hvs.fromTheHelper00000000', { paths: ['secret/data/aws/*', 'sys/internal/ui/mounts/*'] });
  server.state.putSecret('secret/aws/dev', { access_key: 'AKIAHELPERHELPERHE01', secret_key: 'helper-secret' });
  dir = mkdtempSync(join(tmpdir(), 'vault-token-helper-'));
});
afterAll(() => server.close());

describe('token helper', () => {
  test('~/.vault token_helper is run with "get"; its stdout (trimmed) is the token', async () => {
    const marker = join(dir, 'args-seen');
    const helper = script('helper-ok', `echo "$@" > ${marker}\necho "hello on stderr" >&2\nprintf 'hvs.fromTheHelper00000000\\n'`);
    const credentials = await runVaultSuccess(['secret/aws/dev'], env(), { homedir: homeWithHelper(helper) });
    expect(credentials.accessKeyId).toBe('AKIAHELPERHELPERHE01');
    expect(server.state.requests.at(-1)?.token).toBe('hvs.fromTheHelper00000000');
    expect((await import('node:fs')).readFileSync(marker, 'utf8').trim()).toBe('get');
    expect(credentials.outcome.redactor.redact('hvs.fromTheHelper00000000')).not.toContain('hvs.fromTheHelper');
  });

  test('VAULT_CONFIG_PATH names the file; the JSON form works; ~/.vault-token is then not read', async () => {
    const helper = script('helper-json', `printf 'hvs.fromTheHelper00000000'`);
    const home = emptyHome();
    writeFileSync(join(home, '.vault-token'), 'not-this-token');
    const config = join(dir, 'vault-config.json');
    writeFileSync(config, JSON.stringify({ token_helper: helper }));
    await runVaultSuccess(['secret/aws/dev'], { ...env(), VAULT_CONFIG_PATH: config }, { homedir: home });
    expect(server.state.requests.at(-1)?.token).toBe('hvs.fromTheHelper00000000');
  });

  test('a relative token_helper is taken from the working directory, as the CLI does (filepath.Abs)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'vault-helper-cwd-'));
    mkdirSync(join(cwd, 'bin'));
    writeFileSync(join(cwd, 'bin', 'helper'), "#!/bin/sh\nprintf 'hvs.fromTheHelper00000000'\n");
    chmodSync(join(cwd, 'bin', 'helper'), 0o755);
    await runVaultSuccess(['secret/aws/dev'], env(), { homedir: homeWithHelper('bin/helper'), cwd });
    expect(server.state.requests.at(-1)?.token).toBe('hvs.fromTheHelper00000000');
  });

  test('VAULT_TOKEN wins: the helper is not run', async () => {
    const marker = join(dir, 'ran');
    const helper = script('helper-marker', `touch ${marker}\nprintf 'hvs.fromTheHelper00000000'`);
    await runVaultSuccess(['secret/aws/dev'], { ...env(), VAULT_TOKEN: 'root' }, { homedir: homeWithHelper(helper) });
    expect(existsSync(marker)).toBe(false);
  });

  test('a failing helper: AUTH with its first stderr line; an empty answer: no token', async () => {
    const failing = script('helper-fail', `echo "not logged in: run vault login" >&2\nexit 3`);
    const error = await runVaultFailure(['secret/aws/dev'], env(), { homedir: homeWithHelper(failing) });
    expect(error).toMatchObject({ code: 'AUTH', message: expect.stringContaining('failed (exit 3): not logged in: run vault login') });
    const empty = script('helper-empty', 'exit 0');
    const none = await runVaultFailure(['secret/aws/dev'], env(), { homedir: homeWithHelper(empty) });
    expect(none).toMatchObject({ code: 'AUTH', message: expect.stringContaining('the token helper in') });
  });

  test('a helper that does not exist, or a configuration the CLI would refuse: CONFIG', async () => {
    const missing = await runVaultFailure(['secret/aws/dev'], env(), { homedir: homeWithHelper(join(dir, 'nope')) });
    expect(missing).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('does not exist') });
    const home = emptyHome();
    writeFileSync(join(home, '.vault'), 'token_helper = "/bin/true"\nunknown_key = 1\n');
    expect(await runVaultFailure(['secret/aws/dev'], env(), { homedir: home })).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('cannot parse') });
  });

  test('a helper that never answers is killed by the time limit (TIMEOUT), grandchildren holding the pipe included', async () => {
    const hanging = script('helper-hang', 'sleep 8 & sleep 8');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 700);
    const started = Date.now();
    const error = await runVaultFailure(['secret/aws/dev'], env(), { homedir: homeWithHelper(hanging), signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.code).toBe('TIMEOUT');
    expect(visibleText(error)).toContain('token helper');
  });

  test('through Vault Agent: a helper with no token leaves the request tokenless', async () => {
    const empty = script('helper-empty-agent', 'exit 0');
    // No agent listener is needed to see the decision: the request is made without a token and refused by Vault itself.
    const error = await runVaultFailure(['secret/aws/dev'], { ...env(), VAULT_AGENT_ADDR: server.url }, { homedir: homeWithHelper(empty) });
    expect(error.code).toBe('AUTH');
    expect(server.state.requests.at(-1)?.token).toBeUndefined();
  });
});
