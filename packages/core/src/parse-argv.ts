import type { ParseArgsConfig } from 'node:util';

/** Option definitions, as `node:util` parseArgs takes them. */
export type ArgvOptions = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseArgv} returns: `values` has no prototype, as node's. */
export interface ParsedArgv {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

/**
 * `node:util` parseArgs with `strict: true, allowPositionals: true`, written
 * out: loading node's (its module, its utils and validators) cost every cold
 * call 3.5M instructions, more than a plugin's whole argument handling
 * (packages/core/README.md). It follows node 20's algorithm step by step
 * (lib/internal/util/parse_args) and throws an Error with the first line of
 * node's message for the same mistake; test/parse-argv.test.ts holds the two
 * side by side on every shape of argument. Not supported, as no caller uses
 * them: `tokens`, `allowNegative`, `strict: false`, refusing positionals.
 */
export function parseArgv(args: readonly string[], options: ArgvOptions): ParsedArgv {
  const values: ParsedArgv['values'] = Object.create(null) as ParsedArgv['values'];
  const positionals: string[] = [];
  const remaining = [...args];
  while (remaining.length > 0) {
    const arg = remaining.shift() as string;
    const next = remaining[0];
    if (arg === '--') {
      // Everything after a bare `--` is a positional.
      positionals.push(...remaining);
      break;
    }
    if (isLoneShortOption(arg)) {
      // -f, or -f VALUE for a string option (greedy: the value may start with a dash)
      const name = longOptionFor(arg.charAt(1), options);
      const value = typeOf(options, name) === 'string' && next !== undefined ? (remaining.shift() as string) : undefined;
      store(options, values, { name, rawName: arg, value, inlineValue: value === undefined ? undefined : false });
      continue;
    }
    if (isShortOptionGroup(arg, options)) {
      // -abc is -a -b -c; -abfFILE is -a -b -fFILE (a string option takes the rest)
      const expanded: string[] = [];
      for (let index = 1; index < arg.length; index++) {
        const short = arg.charAt(index);
        if (typeOf(options, longOptionFor(short, options)) !== 'string' || index === arg.length - 1) {
          expanded.push(`-${short}`);
        } else {
          expanded.push(`-${arg.slice(index)}`);
          break;
        }
      }
      remaining.unshift(...expanded);
      continue;
    }
    if (isShortOptionAndValue(arg, options)) {
      // -fFILE
      const short = arg.charAt(1);
      store(options, values, { name: longOptionFor(short, options), rawName: `-${short}`, value: arg.slice(2), inlineValue: true });
      continue;
    }
    if (isLoneLongOption(arg)) {
      // --foo, or --foo VALUE for a string option
      const name = arg.slice(2);
      const value = typeOf(options, name) === 'string' && next !== undefined ? (remaining.shift() as string) : undefined;
      store(options, values, { name, rawName: arg, value, inlineValue: value === undefined ? undefined : false });
      continue;
    }
    if (isLongOptionAndValue(arg)) {
      // --foo=bar
      const equals = arg.indexOf('=');
      const name = arg.slice(2, equals);
      store(options, values, { name, rawName: `--${name}`, value: arg.slice(equals + 1), inlineValue: true });
      continue;
    }
    positionals.push(arg);
  }
  for (const [name, config] of Object.entries(options)) {
    const fallback = ownValue(config, 'default');
    if (fallback !== undefined && values[name] === undefined && name !== '__proto__') values[name] = fallback as ParsedArgv['values'][string];
  }
  return { values, positionals };
}

interface OptionToken {
  name: string;
  rawName: string;
  value: string | undefined;
  inlineValue: boolean | undefined;
}

// Strict mode's checks, in node's order, then the value stored.
function store(options: ArgvOptions, values: ParsedArgv['values'], token: OptionToken): void {
  const { name, rawName, value } = token;
  if (!Object.hasOwn(options, name)) throw new Error(`Unknown option '${rawName}'`);
  const short = ownValue(options[name], 'short');
  const shortAndLong = `${typeof short === 'string' && short !== '' ? `-${short}, ` : ''}--${name}`;
  const type = typeOf(options, name);
  if (type === 'string' && typeof value !== 'string') throw new Error(`Option '${shortAndLong} <value>' argument missing`);
  if (type === 'boolean' && value !== undefined) throw new Error(`Option '${shortAndLong}' does not take an argument`);
  if (token.inlineValue !== true && value !== undefined && value.length > 1 && value.charAt(0) === '-') {
    throw new Error(`Option '${rawName}' argument is ambiguous.`);
  }
  if (name === '__proto__') return;
  const stored = value ?? true;
  if (ownValue(options[name], 'multiple') === true) {
    const list = values[name];
    if (Array.isArray(list)) list.push(stored);
    else values[name] = [stored];
  } else {
    values[name] = stored;
  }
}

function ownValue(config: object | undefined, key: string): unknown {
  return config !== undefined && Object.hasOwn(config, key) ? (config as Record<string, unknown>)[key] : undefined;
}

function typeOf(options: ArgvOptions, name: string): unknown {
  return Object.hasOwn(options, name) ? ownValue(options[name], 'type') : undefined;
}

// The long name of `-x`, else `x` itself (then refused as unknown, as `-x`).
function longOptionFor(short: string, options: ArgvOptions): string {
  for (const [name, config] of Object.entries(options)) if (ownValue(config, 'short') === short) return name;
  return short;
}

function isLoneShortOption(arg: string): boolean {
  return arg.length === 2 && arg.charAt(0) === '-' && arg.charAt(1) !== '-';
}

function isLoneLongOption(arg: string): boolean {
  return arg.length > 2 && arg.startsWith('--') && !arg.includes('=', 3);
}

function isLongOptionAndValue(arg: string): boolean {
  return arg.length > 2 && arg.startsWith('--') && arg.includes('=', 3);
}

function isShortOptionGroup(arg: string, options: ArgvOptions): boolean {
  if (arg.length <= 2 || arg.charAt(0) !== '-' || arg.charAt(1) === '-') return false;
  return typeOf(options, longOptionFor(arg.charAt(1), options)) !== 'string';
}

function isShortOptionAndValue(arg: string, options: ArgvOptions): boolean {
  if (arg.length <= 2 || arg.charAt(0) !== '-' || arg.charAt(1) === '-') return false;
  return typeOf(options, longOptionFor(arg.charAt(1), options)) === 'string';
}
