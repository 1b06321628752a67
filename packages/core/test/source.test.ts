import { describe, expect, test } from 'vitest';
import * as core from '../src/index.js';
import { CONTRACT_VERSION, defineCredentialSource, defineSourceCommand, describeShapeProblem } from '../src/index.js';

const valid = {
  contractVersion: CONTRACT_VERSION,
  name: 'env',
  description: 'Credentials from environment variables',
  usage: 'cred-launch env <PREFIX>',
  parseArgs: () => ({}),
  getCredentials: async () => ({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-example' }),
};

describe('the plugin contract', () => {
  test('CONTRACT_VERSION is 1', () => {
    expect(CONTRACT_VERSION).toBe(1);
  });

  test('defineCredentialSource and defineSourceCommand return their argument', () => {
    expect(defineCredentialSource(valid)).toBe(valid);
    const command = { description: 'd', usage: 'u', parseArgs: () => ({}), run: async () => 'done' };
    expect(defineSourceCommand(command)).toBe(command);
  });

  test('describeShapeProblem accepts a valid source, with or without commands', () => {
    expect(describeShapeProblem(valid)).toBeUndefined();
    expect(describeShapeProblem({ ...valid, commands: {} })).toBeUndefined();
  });

  test.each([
    ['not an object', null, 'its default export is not an object'],
    ['a function', () => undefined, 'its default export is not an object'],
    ['no contract version', { ...valid, contractVersion: '1' }, 'it has no numeric contractVersion'],
    ['an empty name', { ...valid, name: '' }, 'it has no name string'],
    ['no description', { ...valid, description: undefined }, 'it has no description string'],
    ['no usage', { ...valid, usage: 42 }, 'it has no usage string'],
    ['no parseArgs', { ...valid, parseArgs: 'x' }, 'it has no parseArgs function'],
    ['no getCredentials', { ...valid, getCredentials: undefined }, 'it has no getCredentials function'],
    ['commands that are not an object', { ...valid, commands: null }, 'its commands are not an object'],
  ])('describeShapeProblem: %s', (_name, candidate, problem) => {
    expect(describeShapeProblem(candidate)).toBe(problem);
  });
});

describe('the package', () => {
  test('exports exactly the documented runtime API (a rename or removal is a breaking change)', () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        'COMMON_SPELLINGS',
        'CONTRACT_VERSION',
        'CREDENTIAL_ERROR_CODES',
        'CredentialError',
        'EXIT_CODES',
        'MemoryStateStore',
        'REDACTED',
        'REGULAR_FILE_MAX_BYTES',
        'SecretRedactor',
        'abortable',
        'closestMatch',
        'credentialsFromIni',
        'credentialsFromRecord',
        'cutIniComment',
        'defineCredentialSource',
        'defineSourceCommand',
        'describeShapeProblem',
        'dotSegmentIn',
        'editDistance',
        'exitCodeFor',
        'formatCredentialProcessOutput',
        'formatExpiration',
        'fromCredentialProcessOutput',
        'isCredentialError',
        'isPluginPath',
        'looksLikeIni',
        'maskAccessKeyId',
        'parseArguments',
        'parseDurationSeconds',
        'parseExpiration',
        'parseIni',
        'PLUGIN_NAME_PATTERN',
        'pluginNameFromPackage',
        'pluginNameProblem',
        'pluginPackageCandidates',
        'RESERVED_COMMAND_WORDS',
        'readRegularFile',
        'readRegularFileSync',
        'runCredentialSource',
        'scanIniLines',
        'sha256',
        'builtinModule',
        'sha256Hex',
        'hmacSha256',
        'toHex',
        'utf8',
        'toAwsCredentials',
        'toCredentialError',
        'toCredentialProcessOutput',
        'validateCredentials',
      ].sort(),
    );
  });

  test('has no runtime dependencies', async () => {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
  });

  test('its sources import only node: built-ins and each other', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const dir = new URL('../src/', import.meta.url);
    let seen = 0;
    for (const file of await readdir(dir)) {
      const text = await readFile(new URL(file, dir), 'utf8');
      for (const match of text.matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'([^']+)'/gmu)) {
        expect(match[1], `${file} imports ${match[1]}`).toMatch(/^(?:node:|\.\/)/u);
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(10);
  });
});
