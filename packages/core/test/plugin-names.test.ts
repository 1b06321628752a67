import { describe, expect, test } from 'vitest';
import { isCredentialError, isPluginPath, PLUGIN_NAME_PATTERN, pluginNameFromPackage, pluginNameProblem, pluginPackageCandidates, RESERVED_COMMAND_WORDS } from '../src/index.js';

describe('plugin naming rules (the one copy the launcher and the testkit use)', () => {
  test('a name maps to its package candidates, first party first', () => {
    expect(pluginPackageCandidates('vault')).toEqual(['@cred-launch/plugin-vault', 'cred-launch-plugin-vault']);
    expect(pluginPackageCandidates('1password')).toEqual(['@cred-launch/plugin-1password', 'cred-launch-plugin-1password']);
    expect(pluginPackageCandidates('@acme/foo')).toEqual(['@acme/cred-launch-plugin-foo']);
  });

  test('reserved command words and malformed names are USAGE errors', () => {
    for (const word of RESERVED_COMMAND_WORDS) {
      const error = (() => {
        try {
          return pluginPackageCandidates(word);
        } catch (caught) {
          return caught;
        }
      })();
      expect(isCredentialError(error, 'USAGE'), word).toBe(true);
      expect((error as Error).message).toMatch(/command, not a plugin/u);
    }
    for (const name of ['', '..', '.hidden', 'a/b', 'A', 'a b', '@a', '@a/', '@/b', 'x\\y', 'a..b', '@acme/a..b', 'https://x']) {
      expect(() => pluginPackageCandidates(name), name).toThrow(/not a valid plugin name/u);
      expect(pluginNameProblem(name), name).toBeDefined();
    }
  });

  test('the pattern and the problem check agree on valid names', () => {
    for (const name of ['vault', 'file', '1password', 'secrets-manager', '@acme/foo', 'a.b_c-d']) {
      expect(PLUGIN_NAME_PATTERN.test(name), name).toBe(true);
      expect(pluginNameProblem(name), name).toBeUndefined();
    }
    expect(RESERVED_COMMAND_WORDS).toEqual(['cache', 'completion', 'configure', 'doctor', 'exec', 'export', 'help', 'plugins', 'serve', 'version']);
  });

  test('an installed package maps back to the name to type, and only plugin-named packages do', () => {
    expect(pluginNameFromPackage('@cred-launch/plugin-vault')).toBe('vault');
    expect(pluginNameFromPackage('cred-launch-plugin-pass')).toBe('pass');
    expect(pluginNameFromPackage('@acme/cred-launch-plugin-foo')).toBe('@acme/foo');
    expect(pluginNameFromPackage('@cred-launch/core')).toBeUndefined();
    expect(pluginNameFromPackage('left-pad')).toBeUndefined();
    expect(pluginNameFromPackage('cred-launch-plugin-cache')).toBeUndefined();
    for (const name of ['vault', '@acme/foo']) {
      for (const candidate of pluginPackageCandidates(name)) expect(pluginNameFromPackage(candidate)).toBe(name);
    }
  });

  test('paths are told apart from names', () => {
    for (const path of ['./x.mjs', '../x', '/abs/x.js']) expect(isPluginPath(path)).toBe(true);
    for (const name of ['vault', '@acme/foo', '.hidden']) expect(isPluginPath(name)).toBe(false);
  });
});
