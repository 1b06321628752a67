/**
 * core's parseArgv against node:util's parseArgs (strict, positionals
 * allowed), side by side on every sequence of up to three arguments drawn
 * from a pool that covers each branch of node's algorithm: long and short
 * options, `=` values, short groups, values that look like options, `--`,
 * a lone `-`, unknown names and option-like oddities.
 */
import { parseArgs } from 'node:util';
import { describe, expect, test } from 'vitest';
import { parseArgv, type ArgvOptions } from '../src/parse-argv.js';

type Outcome = { values: Record<string, unknown>; positionals: string[] } | { error: string };

function nodeOutcome(args: string[], options: ArgvOptions): Outcome {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: { ...values }, positionals };
  } catch (error) {
    // The first line, without the advice about positionals (parseArguments drops both).
    return { error: ((error as Error).message.split('\n')[0] ?? '').replace(/\. To specify a positional.*$/u, '') };
  }
}

function ourOutcome(args: string[], options: ArgvOptions): Outcome {
  try {
    const { values, positionals } = parseArgv(args, options);
    return { values: { ...values }, positionals };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const CONFIGS: Record<string, ArgvOptions> = {
  'the file plugin': {
    'key-file': { type: 'string' },
    'key-env': { type: 'string' },
    iter: { type: 'string' },
    profile: { type: 'string' },
  },
  'shorts, multiple, defaults': {
    out: { type: 'string', short: 'o' },
    armor: { type: 'boolean', short: 'a' },
    recipient: { type: 'string', short: 'r', multiple: true },
    verbose: { type: 'boolean', short: 'v', multiple: true },
    profile: { type: 'string', short: 'p', default: 'default' },
    force: { type: 'boolean', default: false },
    tag: { type: 'string', multiple: true, default: ['x'] },
    z: { type: 'boolean' },
  },
  'no options': {},
};

const POOL = [
  'pos',
  '-',
  '--',
  '---',
  '--key-file',
  '--key-file=k',
  '--key-file=',
  '--key-file=-x',
  '--iter=1=2',
  '--profile',
  '--out',
  '--out=o',
  '--armor',
  '--armor=yes',
  '--recipient',
  '--recipient=B',
  '-rA',
  '--tag=t',
  '--verbose',
  '--force',
  '--tag',
  '--unknown',
  '--unknown=1',
  '--=x',
  '--=',
  '-o',
  '-ofile',
  '-a',
  '-av',
  '-avo',
  '-avofile',
  '-ao-x',
  '-a-v',
  '-r',
  '-v',
  '-vv',
  '-z',
  '-x',
  '-xy',
  '-p',
  '-pci',
  '-1',
  '-o=x',
  'value',
  '-n',
  '--__proto__',
  '--constructor',
];

function* sequences(length: number): Generator<string[]> {
  if (length === 0) {
    yield [];
    return;
  }
  for (const rest of sequences(length - 1)) for (const arg of POOL) yield [...rest, arg];
}

describe.each(Object.entries(CONFIGS))('parseArgv matches node:util parseArgs: %s', (_name, options) => {
  test.each([0, 1, 2, 3])('every sequence of %d arguments from the pool', (length) => {
    let compared = 0;
    let errors = 0;
    const differences: string[] = [];
    for (const args of sequences(length)) {
      const expected = JSON.stringify(nodeOutcome(args, options));
      const actual = JSON.stringify(ourOutcome(args, options));
      if (actual !== expected) differences.push(`${JSON.stringify(args)}: node ${expected}, ours ${actual}`);
      compared += 1;
      if (expected.startsWith('{"error"')) errors += 1;
    }
    expect(differences.slice(0, 10)).toEqual([]);
    expect(compared).toBe(POOL.length ** length);
    // Both outcomes really occur (for three arguments, under every configuration).
    if (length === 3) {
      expect(errors).toBeGreaterThan(0);
      expect(errors).toBeLessThan(compared);
    }
  });

  test('values carry no prototype, as node returns them', () => {
    expect(Object.getPrototypeOf(parseArgv([], options).values)).toBe(null);
  });

  test('the argv given is not modified', () => {
    const args = Object.freeze(['pos', '--', '-av']);
    expect(parseArgv(args, options).positionals).toEqual(['pos', '-av']);
    expect(args).toEqual(['pos', '--', '-av']);
  });
});
