import { describe, expect, test } from 'vitest';
import { closestMatch, editDistance, parseArguments, isCredentialError } from '../src/index.js';

describe('closestMatch', () => {
  test.each([
    ['--keyfile', ['--key-file', '--key-env', '--profile'], '--key-file'],
    ['--profle', ['--key-file', '--profile'], '--profile'],
    ['valt', ['vault', 'file', '1password'], 'vault'],
    ['fiel', ['vault', 'file'], 'file'],
    ['list', ['plugins', 'cache', 'configure'], undefined],
    ['--zzz', ['--profile'], undefined],
  ])('%s among %j → %s', (word, candidates, expected) => {
    expect(closestMatch(word, candidates)).toBe(expected);
  });

  test('transpositions count as one edit', () => {
    expect(editDistance('profle', 'profile')).toBe(1);
    expect(editDistance('vualt', 'vault')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('parseArguments suggests the nearest option', () => {
  test('an unknown flag close to a known one gets "did you mean"', () => {
    try {
      parseArguments(['--keyfile', 'k'], { name: 'file', options: { 'key-file': { type: 'string' }, profile: { type: 'string' } }, positionals: { min: 0, max: 1 } });
      expect.unreachable();
    } catch (error) {
      expect(isCredentialError(error, 'USAGE')).toBe(true);
      expect((error as { hint?: string }).hint).toBe('did you mean --key-file?');
    }
  });
  test('a flag like none keeps the help hint', () => {
    try {
      parseArguments(['--zzzzzz'], { name: 'file', options: { 'key-file': { type: 'string' } } });
      expect.unreachable();
    } catch (error) {
      expect((error as { hint?: string }).hint).toBe("see 'cred-launch file --help'");
    }
  });
});
