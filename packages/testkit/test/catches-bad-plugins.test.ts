// The suite is only worth running if it fails for broken plugins. Each case
// breaks the fixture in one way and asserts exactly which conformance tests fail.
import { describe, expect, it } from 'vitest';
import type { UnpackagedSourceOptions } from '../src/index.js';
import { createMemorySource, TOKEN, type Breakage } from './fixtures/memory-source.js';
import { failures, keyOf, recordSuite } from './fixtures/record.js';

const env = { FIXTURE_TOKEN: TOKEN };
const fixture = (name: string): URL => new URL(`./fixtures/${name}`, import.meta.url);
// The in-memory fixture is not a package: the package-level tests are added per case.
const options: UnpackagedSourceOptions = {
  packaged: false,
  valid: { argv: ['dev'], env, expect: { sessionToken: true, expiration: true } },
  usageErrors: [{ argv: [] }, { argv: ['--bogus', 'dev'] }],
  notFound: { argv: ['missing'], env },
  auth: { argv: ['dev'], env: { FIXTURE_TOKEN: 'wrong-token-value' } },
  hang: { argv: ['hang'], env },
  unreadableReply: { argv: ['garbled'], env },
  invalidSecret: { argv: ['keyless'], env },
  canary: TOKEN,
  // Short grace: the broken variant that ignores the signal should not slow the run.
  abortAfterMs: 50,
  abortGraceMs: 400,
};

const packaged = {
  packageJson: { name: '@cred-launch/plugin-fixture', type: 'module', 'cred-launch': { contract: 1, name: 'fixture', cacheEnv: [] } },
  entry: fixture('echo-plugin/index.js'),
  allowImports: ['cred-launch-plugin-echo'],
};

async function failedKeys(breakage: Breakage, overrides: Partial<UnpackagedSourceOptions> = {}): Promise<Record<string, string>> {
  return failures(recordSuite(createMemorySource(breakage), { ...options, ...overrides }));
}

describe('sourceTestSuite', () => {
  it('registers every check with the given timeout and passes a good plugin', async () => {
    const tests = recordSuite(createMemorySource(), { ...options, ...packaged }, { timeout: 1234, prefix: 'conf' });
    // 11 checks, plus the two exit-code checks (unreadable reply, keyless secret).
    expect(tests.length).toBe(13);
    expect(tests.every((test) => test.timeout === 1234 && test.name.startsWith('conf: '))).toBe(true);
    expect(await failures(tests)).toEqual({});
  });

  const cases: Array<[string, Breakage, string[], RegExp]> = [
    ['leaks the canary in an error message', { leakCanaryInError: true }, ['notFound', 'canary'], /canary/],
    ['logs a secret it never registered', { logUnregisteredToken: true }, ['valid', 'notFound', 'hang', 'canary', 'unreadable', 'invalidSecret'], /debug line/],
    ['does I/O in parseArgs', { ioInParseArgs: true }, ['usage', 'pure'], /fs\.readFileSync/],
    ['writes to stdout', { writeStdout: true }, ['valid', 'expiry', 'notFound', 'auth', 'hang', 'canary', 'unreadable', 'invalidSecret'], /process\.stdout\.write/],
    ['writes to stderr', { writeStderr: true }, ['valid', 'expiry', 'notFound', 'auth', 'hang', 'canary', 'unreadable', 'invalidSecret'], /process\.stderr\.write/],
    ['logs with console', { consoleLog: true }, ['valid', 'expiry', 'notFound', 'auth', 'hang', 'canary', 'unreadable', 'invalidSecret'], /console\.log/],
    ['calls process.exit', { exitProcess: true }, ['valid', 'expiry', 'notFound', 'auth', 'hang', 'canary', 'unreadable', 'invalidSecret'], /process\.exit/],
    [
      'reads process.env instead of context.env',
      { readProcessEnv: true },
      ['valid', 'expiry', 'notFound', 'auth', 'hang', 'canary', 'unreadable', 'invalidSecret'],
      /process\.env\.FIXTURE_TOKEN/,
    ],
    ['ignores the AbortSignal', { ignoreSignal: true }, ['hang'], /still running/],
    ['throws BACKEND for a missing secret', { notFoundCode: 'BACKEND' }, ['notFound'], /expected code NOT_FOUND/],
    ['throws a plain Error for a missing secret', { notFoundCode: 'plain' }, ['notFound'], /INTERNAL/],
    ['gives an AUTH error without a hint', { noHint: true }, ['auth'], /hint/],
    ['returns expired credentials', { expired: true }, ['valid', 'expiry'], /INVALID_SECRET|expired/],
    ['throws BACKEND for bad arguments', { usageAsBackend: true }, ['usage'], /expected code USAGE/],
    ['accepts any arguments', { acceptAnything: true }, ['usage'], /accepted these arguments/],
    ['declares another contract version', { contractVersion: 2 }, ['shape'], /contractVersion is 2/],
    ['takes a reserved name', { name: 'doctor' }, ['shape'], /reserved/],
    [
      'has a parseArgs that returns a promise',
      { asyncParseArgs: true },
      ['usage', 'pure', 'valid', 'expiry', 'notFound', 'auth', 'hang', 'canary', 'unreadable', 'invalidSecret'],
      /returned a promise/,
    ],
    ['calls an unreadable backend reply NOT_FOUND', { garbledAsNotFound: true }, ['unreadable'], /expected code BACKEND, got NOT_FOUND/],
    ['calls a secret without key fields NOT_FOUND', { keylessAsNotFound: true }, ['invalidSecret'], /expected code INVALID_SECRET, got NOT_FOUND/],
  ];

  it.each(cases)('fails a plugin that %s', async (_label, breakage, expected, message) => {
    const failed = await failedKeys(breakage);
    expect(Object.keys(failed).sort()).toEqual([...expected].sort());
    for (const key of expected) expect(failed[key]).toMatch(message);
  });

  it('checks package.json metadata when given', async () => {
    const good = { name: '@cred-launch/plugin-fixture', type: 'module', 'cred-launch': { contract: 1, name: 'fixture', cacheEnv: [] } };
    expect(await failedKeys({}, { packageJson: good })).toEqual({});
    const wrongName = { ...good, name: 'fixture-plugin' };
    expect(await failedKeys({}, { packageJson: wrongName })).toEqual({ metadata: expect.stringMatching(/cred-launch-plugin-fixture/) });
    const noMeta = { name: 'cred-launch-plugin-fixture', type: 'module' };
    expect(await failedKeys({}, { packageJson: noMeta })).toEqual({ metadata: expect.stringMatching(/no "cred-launch" object/) });
    const badEnv = { ...good, 'cred-launch': { contract: 1, name: 'fixture', cacheEnv: ['NOT VALID'] } };
    expect(await failedKeys({}, { packageJson: badEnv })).toEqual({ metadata: expect.stringMatching(/not an environment variable name/) });
  });

  it('checks what importing the built module loads and prints, when given the entry', async () => {
    expect(await failedKeys({}, { entry: fixture('echo-plugin/index.js'), allowImports: ['cred-launch-plugin-echo'] })).toEqual({});
    expect(await failedKeys({}, { entry: fixture('echo-plugin/index.js') })).toEqual({
      imports: expect.stringMatching(/loaded cred-launch-plugin-echo; import SDKs with await import\(\)/),
    });
    expect(await failedKeys({}, { entry: fixture('import-heavy/index.js') })).toEqual({ imports: expect.stringMatching(/loaded @aws-sdk\/credential-providers;/) });
    expect(await failedKeys({}, { entry: fixture('import-noisy/index.js') })).toEqual({ imports: expect.stringMatching(/printed something/) });
    expect(await failedKeys({}, { entry: fixture('no-such-module.js') })).toEqual({ imports: expect.stringMatching(/failed/) });
  });

  it('fails when a scenario expected to hang answers at once', async () => {
    const failed = await failedKeys({}, { hang: { argv: ['dev'], env } });
    expect(failed).toEqual({ hang: expect.stringMatching(/before the signal aborted/) });
  });

  it('fails when the valid scenario does not match its expectations', async () => {
    const failed = await failedKeys({}, { valid: { argv: ['dev'], env, expect: { accessKeyId: 'AKIAOTHER', sessionToken: false } } });
    expect(failed).toEqual({ valid: expect.stringMatching(/AccessKeyId differs/) });
  });

  it('requires at least one usage error scenario', async () => {
    const failed = await failedKeys({}, { usageErrors: [] });
    expect(failed).toEqual({ usage: expect.stringMatching(/at least one/) });
  });

  it('registers no test for a scenario left out, and none for packageJson or entry left out of an unpackaged source', () => {
    const all = recordSuite(createMemorySource(), { ...options, ...packaged }).map((test) => keyOf(test.name));
    expect(all.sort()).toEqual(['auth', 'canary', 'expiry', 'hang', 'imports', 'invalidSecret', 'metadata', 'notFound', 'pure', 'shape', 'unreadable', 'usage', 'valid']);
    const { notFound: _notFound, auth: _auth, hang: _hang, unreadableReply: _unreadable, invalidSecret: _invalid, ...withoutScenarios } = options;
    const registered = recordSuite(createMemorySource(), withoutScenarios).map((test) => keyOf(test.name));
    expect(registered.sort()).toEqual(['canary', 'expiry', 'pure', 'shape', 'usage', 'valid']);
  });

  it('calls scenario functions inside the tests, not when registering', async () => {
    let serverStarted = false;
    const lazy = (): { argv: string[]; env: typeof env } => {
      if (!serverStarted) throw new Error('called before beforeAll');
      return { argv: ['missing'], env };
    };
    const tests = recordSuite(createMemorySource(), { ...options, notFound: lazy });
    expect(tests.map((test) => keyOf(test.name))).toContain('notFound');
    serverStarted = true;
    expect(await failures(tests)).toEqual({});
  });

  it('refuses, when registering, a packaged plugin without packageJson or entry, and options given as a function', () => {
    const { packaged: _packaged, ...scenarios } = options;
    expect(() => recordSuite(createMemorySource(), scenarios as never)).toThrow(/give packageJson and entry/);
    expect(() => recordSuite(createMemorySource(), { ...scenarios, packageJson: packaged.packageJson } as never)).toThrow(/packaged: false/);
    expect(() => recordSuite(createMemorySource(), (() => options) as never)).toThrow(/not a function/);
  });
});
