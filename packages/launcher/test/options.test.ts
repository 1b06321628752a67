import { describe, expect, test } from 'vitest';
import { DEFAULT_REFRESH_WINDOW_SECONDS, DEFAULT_TIMEOUT_SECONDS, parseCommandLine } from '../src/options.js';

describe('parseCommandLine', () => {
  test('everything after the plugin name belongs to the plugin, even launcher-looking flags', () => {
    const { options, command } = parseCommandLine(['--timeout', '5s', 'vault', '--timeout', '99', '--verbose', '--help'], {});
    expect(options.timeoutSeconds).toBe(5);
    expect(options.verbose).toBe(false);
    expect(command).toEqual({ kind: 'plugin', name: 'vault', args: ['--timeout', '99', '--verbose', '--help'] });
  });

  test('defaults and environment settings', () => {
    expect(parseCommandLine(['file'], {}).options).toMatchObject({
      timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
      refreshWindowSeconds: DEFAULT_REFRESH_WINDOW_SECONDS,
      noCache: false,
      verbose: false,
    });
    const { options } = parseCommandLine(['file'], { CRED_LAUNCH_TIMEOUT: '2m', CRED_LAUNCH_VERBOSE: '1', CRED_LAUNCH_NO_CACHE: 'true', CRED_LAUNCH_REFRESH_WINDOW: '5m' });
    expect(options).toMatchObject({ timeoutSeconds: 120, verbose: true, noCache: true, refreshWindowSeconds: 300 });
  });

  test('--flag=value and --flag value, and STS options', () => {
    const { options } = parseCommandLine(['--cache-ttl=1h', '--assume-role', 'arn:aws:iam::123456789012:role/x', '--session', '--duration=15m', 'file'], {});
    expect(options.cacheTtlSeconds).toBe(3600);
    expect(options.sts).toEqual({ assumeRole: 'arn:aws:iam::123456789012:role/x', session: true, durationSeconds: 900 });
  });

  test('built-in commands and help/version words', () => {
    expect(parseCommandLine([], {}).command).toEqual({ kind: 'help', requested: false });
    expect(parseCommandLine(['help'], {}).command).toEqual({ kind: 'help', requested: true });
    expect(parseCommandLine(['-V'], {}).command).toEqual({ kind: 'version' });
    expect(parseCommandLine(['cache', 'clear'], {}).command).toEqual({ kind: 'builtin', name: 'cache', args: ['clear'] });
    expect(parseCommandLine(['doctor', '--json'], {}).command).toEqual({ kind: 'builtin', name: 'doctor', args: ['--json'] });
    expect(parseCommandLine(['--', './my-plugin.mjs', 'x'], {}).command).toEqual({ kind: 'plugin', name: './my-plugin.mjs', args: ['x'] });
  });

  test('usage errors', () => {
    expect(() => parseCommandLine(['--nope', 'file'], {})).toThrow(/unknown launcher option --nope/u);
    expect(() => parseCommandLine(['--timeout'], {})).toThrow(/needs a value/u);
    expect(() => parseCommandLine(['--timeout', '0', 'file'], {})).toThrow(/greater than zero/u);
    expect(() => parseCommandLine(['--timeout', 'soon', 'file'], {})).toThrow(/duration/u);
    expect(() => parseCommandLine(['--verbose=yes', 'file'], {})).toThrow(/takes no value/u);
  });
});
