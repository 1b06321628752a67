import { CredentialError } from '@cred-launch/core';

/**
 * How the consumers run a credential_process line: on POSIX botocore splits
 * it with `shlex.split` and runs it without a shell, while the JS SDK v3
 * (`child_process.exec`) and the Go SDK v2 hand it to `sh -c`; on Windows
 * botocore splits it like the C runtime and the others hand it to `cmd.exe /C`.
 */
export type LinePlatform = 'posix' | 'win32';

/** The line platform for a Node platform. */
export function linePlatform(platform: NodeJS.Platform = process.platform): LinePlatform {
  return platform === 'win32' ? 'win32' : 'posix';
}

// Characters every consumer takes literally outside quotes. Anything else
// printable is wrapped in double quotes, inside which shlex, sh and cmd.exe
// all take it literally too (spaces, ', #, ;, |, &, <, >, (, ), *, ?, [, ], {, }, !, ~).
const BARE_POSIX = /^[\p{L}\p{N}_\-.,/:=@+%]+$/u;
const BARE_WIN32 = /^[\p{L}\p{N}_\-.,/:=@+%\\]+$/u;

/** The JS SDK's INI parser cuts a line at white space followed by `#` or `;`, quotes or not. */
const JS_SDK_COMMENT = /\s[#;]/u;

function refuse(element: string, why: string, hint: string): CredentialError {
  return new CredentialError('USAGE', `cannot write ${JSON.stringify(element)} into credential_process: ${why}`, { hint });
}

/**
 * Checks that `element` means the same to botocore and to the shells the
 * other SDKs use, and throws USAGE naming the reason when it cannot:
 * - `"` cannot be escaped in a way shlex, sh and cmd.exe all read back;
 * - `$` and backquotes are expanded by sh but not by botocore, and `%NAME%`
 *   by cmd.exe (AWS: "do not include any environment variables");
 * - `\` is an escape for shlex and sh on POSIX;
 * - a leading `~` is expanded by sh only (AWS: "do not specify the home folder as ~");
 * - white space followed by `#` or `;` is cut off as a comment by the JS SDK's
 *   INI parser, even inside quotes;
 * - control characters (tab, newline) cannot live on one INI line.
 */
export function checkElement(element: string, platform: LinePlatform): void {
  const hint = 'write the value literally (absolute paths, no variables), or move it into a file the plugin reads';
  if (/[\u0000-\u001f\u007f]/u.test(element)) throw refuse(element, 'it contains a control character (tab or newline)', hint);
  if (element.includes('"')) throw refuse(element, "it contains a double quote, which AWS's quoting rules cannot express", hint);
  if (/[$`]/u.test(element)) throw refuse(element, 'it contains $ or `, which sh expands and botocore does not (no environment variables)', hint);
  if (/%[A-Za-z_][A-Za-z0-9_()]*%/u.test(element)) throw refuse(element, 'it looks like a %VARIABLE%, which cmd.exe expands (no environment variables)', hint);
  if (platform === 'posix' && element.includes('\\')) throw refuse(element, 'it contains a backslash, which botocore (shlex) and sh treat as an escape', hint);
  if (element.startsWith('~')) throw refuse(element, 'the SDKs do not expand ~ (write the absolute path)', hint);
  if (JS_SDK_COMMENT.test(element)) throw refuse(element, 'white space followed by # or ; is read as a comment by the JS SDK', hint);
  if (platform === 'win32' && needsQuotes(element, platform) && element.endsWith('\\')) {
    throw refuse(element, 'a quoted value ending in \\ would escape its closing quote on Windows', hint);
  }
}

/** True when `element` must be wrapped in double quotes. */
export function needsQuotes(element: string, platform: LinePlatform): boolean {
  return !(platform === 'win32' ? BARE_WIN32 : BARE_POSIX).test(element);
}

/** One element of the line: checked, and double-quoted when it needs it (never otherwise). */
export function quoteElement(element: string, platform: LinePlatform): string {
  checkElement(element, platform);
  return needsQuotes(element, platform) ? `"${element}"` : element;
}

/**
 * The credential_process value for an argv, following AWS's rules: the
 * executable path and each argument quoted on its own, only when needed.
 */
export function formatCredentialProcess(argv: readonly string[], platform: LinePlatform = linePlatform()): string {
  if (argv.length === 0) throw new CredentialError('INTERNAL', 'empty credential_process command');
  // The Go SDK v2's INI parser (before internal/ini 1.7) cuts a value that
  // starts with a double quote at the closing quote, so a line may not begin
  // with one. On POSIX a quoted executable is run through /usr/bin/env, which
  // botocore (shlex, no shell), the JS SDK and the Go SDK (sh -c) all accept.
  const needsEnv = platform === 'posix' && needsQuotes(argv[0] as string, platform);
  const line = argv.map((element) => quoteElement(element, platform)).join(' ');
  return needsEnv ? `/usr/bin/env ${line}` : line;
}

/**
 * Quotes any argument for a credential_process line read on POSIX only, for
 * tests (the testkit's `quoteArgument`): single quotes, with `'\\''` for a
 * quote inside, mean the same to botocore's shlex and to the JS and Go SDKs'
 * `sh -c`. Why not {@link quoteElement}: AWS's documented rule (double quotes)
 * cannot carry `"`, `$`, backquotes or `\\`, and a conformance suite must pass
 * exactly those to show a plugin receives its arguments intact. cmd.exe does
 * not read single quotes, so `configure` never writes this form.
 * Throws on what no INI line can carry (line breaks, NUL, a JS-SDK comment).
 */
export function quotePosixArgument(argument: string): string {
  if (/[\r\n\0]/u.test(argument)) throw new Error('credential_process arguments cannot contain line breaks or NUL');
  if (JS_SDK_COMMENT.test(argument))
    throw new Error(`credential_process argument ${JSON.stringify(argument)} would be cut by the JS SDK's comment parsing (white space before # or ;)`);
  if (argument !== '' && !needsQuotes(argument, 'posix')) return argument;
  return `'${argument.replace(/'/gu, `'\\''`)}'`;
}
