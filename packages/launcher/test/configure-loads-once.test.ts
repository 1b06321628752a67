import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { SecretRedactor } from '@cred-launch/core';
import { parseConfigureArgs } from '../src/profiles/configure-args.js';
import { configureProfile } from '../src/profiles/configure.js';
import { FIXTURES, runLauncher, tempDir } from './helpers/spawn.js';
import { profileSandbox } from './profiles-helpers.js';

// configure verifies the plugin through the engine: resolved once, loaded
// once, run once. (Before, it resolved and loaded the plugin itself, then ran
// the whole launcher again on captured stdout.) Counted by wrapping the real
// functions, which still do the work.
const calls = vi.hoisted(() => ({ resolve: 0, load: 0 }));
vi.mock('../src/resolve-plugin.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/resolve-plugin.js')>();
  return {
    ...actual,
    resolvePlugin: (...args: Parameters<typeof actual.resolvePlugin>) => {
      calls.resolve += 1;
      return actual.resolvePlugin(...args);
    },
  };
});
vi.mock('../src/engine/load-plugin.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/engine/load-plugin.js')>();
  return {
    ...actual,
    loadPlugin: (...args: Parameters<typeof actual.loadPlugin>) => {
      calls.load += 1;
      return actual.loadPlugin(...args);
    },
  };
});

const MARKS = join(FIXTURES, 'marks-import.mjs');

describe('configure loads the plugin once', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('in-process: one resolution, one load, and the verified result comes from the engine, not from parsed text', async () => {
    const box = profileSandbox();
    const env = { ...box.env, FIXTURE_MARKER: join(tempDir(), 'marker') };
    // The fixture writes its marker at import, from the process's own environment.
    vi.stubEnv('FIXTURE_MARKER', env.FIXTURE_MARKER);
    const request = parseConfigureArgs(['--profile', 'dev', '--timeout', '10s', MARKS], env);
    expect(request).toBeDefined();
    const io = { env, cwd: box.dir, homedir: box.home, writeStdout: async () => undefined, writeStderr: () => undefined };
    calls.resolve = 0;
    calls.load = 0;
    const result = await configureProfile(request!, { io, redactor: new SecretRedactor(), log: () => undefined });
    expect(calls).toEqual({ resolve: 1, load: 1 });
    expect(result.verified).toMatchObject({ pluginName: 'marks-import', temporary: true, maskedAccessKeyId: '****************MARK' });
    expect(result.verified.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/u);
    expect(readFileSync(box.configFile, 'utf8')).toContain('marks-import.mjs');
  });

  test('through the built bin: the plugin module is evaluated once (its marker file has one line)', async () => {
    const box = profileSandbox();
    const marker = join(tempDir(), 'marker');
    const result = await runLauncher(['configure', '--profile', 'dev', MARKS], { env: { ...box.env, FIXTURE_MARKER: marker } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('imported\n');
  });
});
