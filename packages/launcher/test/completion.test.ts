/**
 * `cred-launch completion`: the bash script is run by a real bash, with the
 * words a user typed, and must offer what cred-launch would accept there.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { completionScript, flagsInUsage } from '../src/front-ends/completion-script.js';
import { runLauncher } from './helpers/spawn.js';

function complete(script: string, words: string[]): string[] {
  const program = `${script}\nCOMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _cred_launch; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['-c', program], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.split('\n').filter((line) => line !== '');
}

describe('cred-launch completion', () => {
  test("bash: commands and installed plugins first, then the plugin's own flags and commands", async () => {
    const result = await runLauncher(['completion', 'bash']);
    expect(result.code, result.stderr).toBe(0);
    const script = result.stdout;
    expect(complete(script, ['cred-launch', 'fi'])).toEqual(['file']);
    expect(complete(script, ['cred-launch', 'ex'])).toEqual(['exec', 'export']);
    expect(complete(script, ['cred-launch', '--no-c'])).toEqual(['--no-cache']);
    expect(complete(script, ['cred-launch', 'file', 'x.enc', '--key-'])).toEqual(['--key-env', '--key-file']);
    expect(complete(script, ['cred-launch', 'file', 'enc'])).toEqual(['encrypt']);
    // A launcher option's value is not taken for the plugin name.
    expect(complete(script, ['cred-launch', '--timeout', '5s', 'file', '--prof'])).toEqual(['--profile']);
  });

  test('zsh and fish scripts are produced, and parse where the shell is installed', async () => {
    for (const shell of ['zsh', 'fish']) {
      const result = await runLauncher(['completion', shell]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('cred-launch');
      if (spawnSync(shell, ['--version'], { stdio: 'ignore' }).status === 0) {
        const check = spawnSync(shell, ['-n'], { input: result.stdout, encoding: 'utf8' });
        expect(check.status, check.stderr).toBe(0);
      }
    }
  });

  test('an unknown shell is a usage error', async () => {
    const result = await runLauncher(['completion', 'tcsh']);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
  });

  test('flags are read from usage text; words that would need quoting are left out of scripts', () => {
    expect(flagsInUsage('cred-launch x <f> --key-file <path> [--profile NAME] (--a|--b) not--this')).toEqual(['--a', '--b', '--key-file', '--profile']);
    const script = completionScript('bash', {
      commands: ['exec'],
      launcherFlags: ['--verbose'],
      valueFlags: [],
      plugins: [{ name: 'evil', flags: ['--x$(rm -rf ~)'], commands: [] }],
    });
    expect(script).not.toContain('$(rm');
  });
});
