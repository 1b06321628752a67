/**
 * What a new user meets first, through the built bin: usage without a
 * command, suggestions for mistyped words and flags, a launcher option
 * written after the plugin name, and help for every command.
 */
import { describe, expect, test } from 'vitest';
import { runLauncher } from './helpers/spawn.js';

describe('the first ten minutes', () => {
  test('no arguments: the usage on stderr and exit 64, nothing on stdout (the credential channel)', async () => {
    const result = await runLauncher([]);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^cred-launch .* — AWS credential_process, pluggable/u);
  });

  test.each([
    ['valt', /did you mean "vault"\?/u],
    ['list', /did you mean "plugins"\?/u],
    ['fiel', /did you mean "file"\?/u],
  ])('an unknown word (%s) suggests the nearest command or plugin and lists what is installed', async (word, suggestion) => {
    const result = await runLauncher([word, 'x']);
    expect(result.code).toBe(79);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(suggestion);
    expect(result.stderr).toMatch(/Installed: .*file/u);
  });

  test('a launcher option after the plugin name says where it goes (64)', async () => {
    const result = await runLauncher(['file', '/nonexistent.enc', '--key-file', '/k', '--no-cache']);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('--no-cache is a launcher option: write it before the plugin name');
  });

  test.each([
    [['file', '/x.enc', '--keyfile', '/k'], 'did you mean --key-file?'],
    [['file', '/x.enc', '--key-file', '/k', '--profle', 'dev'], 'did you mean --profile?'],
    [['--timout', '5s', 'file'], 'did you mean --timeout?'],
    [['configure', '--profle', 'dev', 'file', '/x.enc'], 'did you mean --profile?'],
    [['doctor', '--jsn'], 'did you mean --json?'],
  ])('an unknown flag suggests the nearest one: %j', async (args, suggestion) => {
    const result = await runLauncher(args);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(suggestion);
  });

  test.each([
    [['help', 'file'], /^file .* — /u],
    [['help', 'exec'], /^Usage: cred-launch \[launcher options\] exec/u],
    [['cache', '--help'], /^Usage: cred-launch cache clear/u],
    [['plugins', '--help'], /^Usage: cred-launch plugins/u],
    [['export', '--help'], /^Usage: cred-launch \[launcher options\] export/u],
    [['serve', '--help'], /^Usage: cred-launch \[launcher options\] serve/u],
  ])('%j prints its own help on stdout, exit 0', async (args, start) => {
    const result = await runLauncher(args);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(start);
  });

  test("a plugin's help lists its commands once; vault's KV version flag no longer reads like the launcher's --version", async () => {
    const result = await runLauncher(['vault', '--help']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.match(/^Commands:$/gmu)).toHaveLength(1);
    expect(result.stdout).toContain('--kv-version <n>');
  });

  test('configure --help and doctor --help show examples', async () => {
    for (const command of ['configure', 'doctor']) {
      const result = await runLauncher([command, '--help']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Examples?:/mu);
    }
  });

  test('the top-level help names every command, including cache path', async () => {
    const result = await runLauncher(['--help']);
    for (const word of ['cache clear', 'cache path', 'configure', 'doctor', 'exec', 'export', 'serve', 'plugins', 'help <command or plugin>']) {
      expect(result.stdout).toContain(`cred-launch ${word}`);
    }
  });
});
