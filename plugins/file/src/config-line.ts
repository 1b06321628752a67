/**
 * Quotes one argument of a credential_process line. botocore splits the line
 * with shlex (POSIX rules) and the JS SDK hands it to a shell, so quoting
 * that both read the same way is needed: plain words stay bare, words with
 * spaces get double quotes, anything with shell-special characters single
 * quotes.
 */
export function quoteArgument(argument: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/u.test(argument)) return argument;
  if (!/["$`\\!]/u.test(argument) && !argument.includes("'")) return `"${argument}"`;
  return `'${argument.replace(/'/gu, `'\\''`)}'`;
}

/** The `credential_process = …` line for a profile, with each argument quoted as needed. */
export function credentialProcessLine(launcher: string, args: readonly string[]): string {
  return `credential_process = ${[launcher, ...args].map(quoteArgument).join(' ')}`;
}
