import { usageError } from './errors.js';

/** The plugin's command words: an entry cannot be called one of them, `cred-launch keychain add` would never read it. */
export const COMMAND_WORDS: readonly string[] = ['add', 'list', 'remove'];

/**
 * Entry names: what goes after `cred-launch keychain`. Letters, digits and
 * `. _ @ + -`, so a name is safe as an argument, a keychain account and a
 * Windows target name without any quoting, and cannot look like an option.
 */
export const ENTRY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/u;

/** Checks an entry name; a USAGE error otherwise. */
export function checkEntryName(name: string | undefined, command?: string): string {
  if (name === undefined || name === '') throw usageError('no entry name given', command);
  if (!ENTRY_NAME.test(name)) {
    throw usageError(
      `"${name.length > 40 ? `${name.slice(0, 40)}…` : name}" is not a valid entry name (letters, digits and . _ @ + -, up to 128, starting with a letter or digit)`,
      command,
    );
  }
  if (COMMAND_WORDS.includes(name)) throw usageError(`"${name}" is a command of this plugin, not usable as an entry name`, command);
  return name;
}
