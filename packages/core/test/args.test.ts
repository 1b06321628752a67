import { describe, expect, test } from 'vitest';
import { isCredentialError, parseArguments, parseDurationSeconds, type CredentialError } from '../src/index.js';

function failure(run: () => unknown): CredentialError {
  try {
    run();
  } catch (error) {
    if (isCredentialError(error)) return error;
    throw error;
  }
  throw new Error('expected a CredentialError');
}

const OPTIONS = {
  region: { type: 'string' },
  profile: { type: 'string', short: 'p', default: 'default' },
  verbose: { type: 'boolean' },
  tag: { type: 'string', multiple: true },
} as const;

describe('parseArguments', () => {
  test('parses options and positionals', () => {
    const parsed = parseArguments(['secret/aws/dev', '--region', 'eu-west-1', '-p', 'ci', '--verbose', '--tag', 'a', '--tag=b'], {
      name: 'vault',
      options: OPTIONS,
      positionals: { min: 1, max: 1 },
    });
    expect(parsed.positionals).toEqual(['secret/aws/dev']);
    expect(parsed.values).toEqual({ region: 'eu-west-1', profile: 'ci', verbose: true, tag: ['a', 'b'] });
  });

  test('applies defaults', () => {
    expect(parseArguments([], { name: 'x', options: OPTIONS }).values.profile).toBe('default');
  });

  test('accepts a positional that starts with "-" after "--"', () => {
    expect(parseArguments(['--', '-odd-name'], { name: 'x', options: OPTIONS, positionals: { min: 1, max: 1 } }).positionals).toEqual(['-odd-name']);
  });

  test('does not modify the argv it was given', () => {
    const argv = Object.freeze(['a', '--verbose']);
    parseArguments(argv, { name: 'x', options: OPTIONS, positionals: { min: 0, max: 1 } });
    expect(argv).toEqual(['a', '--verbose']);
  });

  const usage: Array<[string, string[], { min: number; max: number } | undefined, RegExp]> = [
    ['an unknown option', ['--bogus'], undefined, /^vault: Unknown option '--bogus'$/u],
    ['an unknown short option', ['-z'], undefined, /^vault: Unknown option '-z'$/u],
    ['a string option without its value', ['--region'], undefined, /^vault: Option '--region <value>' argument missing$/u],
    ['a value given to a boolean option', ['--verbose=yes'], undefined, /^vault: Option '--verbose' does not take an argument$/u],
    ['a missing positional', [], { min: 1, max: 1 }, /^vault: missing argument \(expected 1\)$/u],
    ['too few positionals for a range', ['a'], { min: 2, max: 3 }, /^vault: missing argument \(expected at least 2\)$/u],
    ['an extra positional', ['a', 'b'], { min: 1, max: 1 }, /^vault: unexpected argument "b"$/u],
    ['any positional when none is allowed', ['stray'], undefined, /^vault: unexpected argument "stray"$/u],
  ];

  test.each(usage)('%s is a one-line USAGE error with a --help hint', (_name, argv, positionals, message) => {
    const error = failure(() => parseArguments(argv, { name: 'vault', options: OPTIONS, ...(positionals ? { positionals } : {}) }));
    expect(error.code).toBe('USAGE');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(error.hint).toBe("see 'cred-launch vault --help'");
  });

  test("node's advice about positionals starting with '-' is left out of the message", () => {
    const error = failure(() => parseArguments(['--bogus'], { name: 'vault', options: OPTIONS }));
    expect(error.message).not.toMatch(/To specify a positional/u);
  });
});

describe('parseDurationSeconds', () => {
  test.each([
    ['900', 900],
    ['0', 0],
    ['90s', 90],
    ['15m', 900],
    ['12h', 43_200],
    ['1d', 86_400],
    ['1.5h', 5_400],
    ['500ms', 0.5],
    [' 15m ', 900],
  ])('%j is %d seconds', (text, seconds) => {
    expect(parseDurationSeconds(text, '--ttl')).toBe(seconds);
  });

  test.each(['', 'abc', '-5', '15x', '1h30m', '15 m', 'm', '1e3', '.5s', '15M'])('%j is a USAGE error naming the option', (text) => {
    const error = failure(() => parseDurationSeconds(text, '--ttl'));
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe(`--ttl must be a duration like 30s, 15m, 12h or 1d (got "${text}")`);
  });
});
