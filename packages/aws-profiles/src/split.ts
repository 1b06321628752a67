import type { LinePlatform } from './quoting.js';

/** A credential_process line that cannot be split (an unclosed quote, a trailing backslash). */
export class SplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SplitError';
  }
}

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/**
 * botocore on POSIX: Python's `shlex.split(line)` (POSIX mode, no comments), which is exactly
 * what botocore runs on a credential_process line on Linux and macOS before
 * it starts the process without a shell.
 */
export function splitPosix(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] as string;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') {
        quote = undefined;
      } else if (char === '\\' && (line[index + 1] === '"' || line[index + 1] === '\\')) {
        word += line[index + 1];
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
    } else if (char === '\\') {
      if (index + 1 >= line.length) throw new SplitError('No escaped character');
      word += line[index + 1];
      index += 1;
    } else {
      word += char;
    }
  }
  if (quote !== undefined) throw new SplitError('No closing quotation');
  if (inWord) words.push(word);
  return words;
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
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] as string;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && index + 1 < line.length && '"\\$`'.includes(line[index + 1] as string)) word += line[++index];
      else word += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && index + 1 < line.length) {
      word += line[++index];
      inWord = true;
    } else if (/\s/u.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
