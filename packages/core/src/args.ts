import type { parseArgs } from 'node:util';
import { CredentialError } from './errors.js';
import { parseArgv, type ArgvOptions } from './parse-argv.js';
import { closestMatch } from './suggest.js';

/** Option definitions, as `node:util` parseArgs takes them. */
export type ArgumentOptions = ArgvOptions;

/** Options for {@link parseArguments}. */
export interface ParseArgumentsOptions<O extends ArgumentOptions> {
  /** The plugin or command name, for the error's hint. */
  name: string;
  options: O;
  /** Allowed positional arguments, inclusive. @default { min: 0, max: 0 } */
  positionals?: { min: number; max: number };
}

/** The parsed values and positionals. */
export interface ParsedArguments<O extends ArgumentOptions> {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
}

/**
 * `node:util` parseArgs with strict checking (./parse-argv.ts, the same
 * algorithm without loading node's), turning its errors into USAGE
 * CredentialErrors that tell the user where to look. No dependencies: a
 * plugin's argument parsing costs nothing at start-up.
 */
export function parseArguments<O extends ArgumentOptions>(argv: readonly string[], config: ParseArgumentsOptions<O>): ParsedArguments<O> {
  const hint = `see 'cred-launch ${config.name} --help'`;
  let parsed;
  try {
    parsed = parseArgv(argv, config.options);
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? 'invalid arguments') : 'invalid arguments';
    throw new CredentialError('USAGE', `${config.name}: ${message.replace(/\. To specify a positional.*$/u, '')}`, { hint: suggestionFor(message, config.options) ?? hint });
  }
  const { min, max } = config.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min) {
    throw new CredentialError('USAGE', `${config.name}: missing argument (expected ${min === max ? min : `at least ${min}`})`, { hint });
  }
  if (parsed.positionals.length > max) {
    throw new CredentialError('USAGE', `${config.name}: unexpected argument "${parsed.positionals[max] ?? ''}"`, { hint });
  }
  return { values: parsed.values as ParsedArguments<O>['values'], positionals: parsed.positionals };
}

// node:util's message for an unknown flag: "Unknown option '--keyfile'".
function suggestionFor(message: string, options: ArgumentOptions): string | undefined {
  const unknown = /^Unknown option '(--[^']+)'/u.exec(message)?.[1];
  if (unknown === undefined) return undefined;
  const match = closestMatch(
    unknown,
    Object.keys(options).map((name) => `--${name}`),
  );
  return match === undefined ? undefined : `did you mean ${match}?`;
}

/** Parses a duration like `900`, `90s`, `15m`, `12h`, `1d` into seconds; throws USAGE otherwise. */
export function parseDurationSeconds(text: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/u.exec(text.trim());
  if (!match) {
    throw new CredentialError('USAGE', `${what} must be a duration like 30s, 15m, 12h or 1d (got "${text}")`);
  }
  const factor = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * factor;
}
