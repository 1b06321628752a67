/**
 * Recognises a `credential_process` line that runs cred-launch, so the
 * recursion guard can follow it without running it.
 */

/** A cred-launch invocation found in a command line. */
export interface CredLaunchInvocation {
  /** The plugin name as written, e.g. `secrets-manager`. */
  plugin: string;
  /** Everything after the plugin name. */
  pluginArgv: string[];
  /** Variables set in front of the command (`env AWS_PROFILE=x cred-launch …`). */
  env: Record<string, string>;
}

/**
 * Splits a command line into words the way `sh -c` would for the simple
 * lines people write in credential_process: white space separates, single
 * quotes are literal, double quotes and backslashes escape. No expansions.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && index + 1 < line.length && '"\\$`'.includes(line[index + 1]!)) word += line[++index];
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

function basename(path: string): string {
  return path.split(/[\\/]/u).pop() ?? path;
}

const CRED_LAUNCH_BIN = /^cred-launch(\.[cm]?js)?$/u;
const NODE_BIN = /^node(js)?(\.exe)?$/u;
// Launcher options that take a value as the next word.
const LAUNCHER_OPTIONS_WITH_VALUE = new Set(['--timeout']);

/** The cred-launch invocation in a credential_process line, or undefined when it runs something else. */
export function parseCredLaunchInvocation(line: string): CredLaunchInvocation | undefined {
  const words = splitCommandLine(line);
  const env: Record<string, string> = {};
  let index = 0;
  if (words[index] === 'exec') index += 1;
  if (words[index] !== undefined && basename(words[index]!) === 'env') index += 1;
  for (; index < words.length; index += 1) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/su.exec(words[index]!);
    if (!assignment) break;
    env[assignment[1]!] = assignment[2]!;
  }
  const program = words[index];
  if (program === undefined) return undefined;
  if (NODE_BIN.test(basename(program)) || basename(program) === 'npx') {
    index += 1;
    while (words[index]?.startsWith('-')) index += 1;
  }
  if (words[index] === undefined || !CRED_LAUNCH_BIN.test(basename(words[index]!))) return undefined;
  index += 1;
  while (words[index]?.startsWith('-')) {
    if (words[index] === '--') {
      index += 1;
      break;
    }
    index += LAUNCHER_OPTIONS_WITH_VALUE.has(words[index]!) ? 2 : 1;
  }
  const plugin = words[index];
  if (plugin === undefined) return undefined;
  return { plugin, pluginArgv: words.slice(index + 1), env };
}
