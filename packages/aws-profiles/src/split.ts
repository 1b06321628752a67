import type { LinePlatform } from './quoting.js';

/** A credential_process line that cannot be split (an unclosed quote, a trailing backslash). */
export class SplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SplitError';
  }
}

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/** Where POSIX shell-style splitters differ; everything else (quotes, white space) they share. */
interface PosixSplitRules {
  /** The characters a backslash escapes inside double quotes (before any other, the backslash is kept). */
  escapedInDoubleQuotes: string;
  /** Throw {@link SplitError} on an unclosed quote or a trailing backslash (shlex); otherwise read on. */
  strict: boolean;
}

/** Python's shlex in POSIX mode: inside double quotes only `"` and `\\` are escaped. */
const SHLEX_RULES: PosixSplitRules = { escapedInDoubleQuotes: '"\\', strict: true };
/** sh: inside double quotes `"`, `\\`, `$` and a backquote are escaped. */
const SH_RULES: PosixSplitRules = { escapedInDoubleQuotes: '"\\$`', strict: false };

function splitPosixWords(line: string, rules: PosixSplitRules): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] as string;
    const next = line[index + 1];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') {
        quote = undefined;
      } else if (char === '\\' && next !== undefined && rules.escapedInDoubleQuotes.includes(next)) {
        word += next;
        index += 1;
      } else {
        word += char;
      }
      continue;
    }
    if (WHITESPACE.has(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '\\' && next !== undefined) {
      word += next;
      index += 1;
    } else if (char === '\\' && rules.strict) {
      throw new SplitError('No escaped character');
    } else {
      word += char;
    }
  }
  if (quote !== undefined && rules.strict) throw new SplitError('No closing quotation');
  if (inWord) words.push(word);
  return words;
}

/**
 * botocore on POSIX: Python's `shlex.split(line)` (POSIX mode, no comments),
 * which is exactly what botocore runs on a credential_process line on Linux
 * and macOS before it starts the process without a shell.
 */
export function splitPosix(line: string): string[] {
  return splitPosixWords(line, SHLEX_RULES);
}

/**
 * botocore's `_windows_shell_split`: the C runtime's rules (only double
 * quotes; backslashes are literal unless they lead up to a quote).
 */
export function splitWindows(line: string): string[] {
  const words: string[] = [];
  let buffer: string[] = [];
  let quoted = false;
  let backslashes = 0;
  const flushBackslashes = (): void => {
    if (backslashes > 0) buffer.push('\\'.repeat(backslashes));
    backslashes = 0;
  };
  for (const char of line) {
    if (char === '\\') {
      backslashes += 1;
    } else if (char === '"') {
      if (backslashes > 0) {
        buffer.push('\\'.repeat(Math.floor(backslashes / 2)));
        const escaped = backslashes % 2 === 1;
        backslashes = 0;
        if (escaped) {
          buffer.push('"');
          continue;
        }
      }
      quoted = !quoted;
      buffer.push('');
    } else if ((char === ' ' || char === '\t') && !quoted) {
      flushBackslashes();
      if (buffer.length > 0) words.push(buffer.join(''));
      buffer = [];
    } else {
      flushBackslashes();
      buffer.push(char);
    }
  }
  if (quoted) throw new SplitError('No closing quotation');
  flushBackslashes();
  if (buffer.length > 0) words.push(buffer.join(''));
  return words;
}

/**
 * botocore's rule: splits a credential_process line the way the AWS CLI and
 * boto3 do on `platform` before they start the process without a shell.
 * Throws {@link SplitError} where botocore would fail.
 */
export function splitLikeBotocore(line: string, platform: LinePlatform): string[] {
  return platform === 'win32' ? splitWindows(line) : splitPosix(line);
}

/**
 * The JS SDK's rule: `child_process.exec` hands the line to `sh -c` (the Go
 * SDK v2 does too). This splits the simple lines people write the way sh
 * would: white space separates, single quotes are literal, inside double
 * quotes a backslash escapes only `"`, `\`, `$` and a backquote, outside it
 * escapes anything. No expansions, pipes or redirections are interpreted, and
 * an unclosed quote ends the last word instead of failing: it is used to
 * recognise what a line runs, never to run it.
 */
export function splitLikeShC(line: string): string[] {
  return splitPosixWords(line, SH_RULES);
}
