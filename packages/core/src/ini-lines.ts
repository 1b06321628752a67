/** A line ending as found in the file ('' for a last line without one). */
export type IniLineEnding = '' | '\n' | '\r\n';

/** A `key = value` line cut one SDK's way. */
export interface IniEntry {
  /** The key: lower-cased in botocore's view (ConfigParser), as written in the JS SDK's. */
  key: string;
  /** The value, trimmed. */
  value: string;
}

/**
 * One physical line of an AWS shared config or credentials file, cut the way
 * both SDK families cut it. This is the one INI parser of cred-launch: core's
 * {@link parseIni}, the launcher's lossless editor and the JS-SDK view in
 * `@cred-launch/aws-profiles` all fold these lines; only their rules for
 * indented lines and sections differ, and those rules are the SDKs' own.
 */
export interface IniLine {
  /** The line without its ending, byte for byte (a byte-order mark included). */
  text: string;
  eol: IniLineEnding;
  /** Leading white space, in characters. */
  indent: number;
  /** Blank, or a comment line (`#` or `;` first). */
  blank: boolean;
  /**
   * The `[section]` name (trimmed, inner white space collapsed) as botocore
   * and the launcher read a header; undefined on other lines.
   */
  header: string | undefined;
  /** botocore's `key = value`: the whole rest of the line is the value (no inline comments). */
  entry: IniEntry | undefined;
  /**
   * The line as @smithy/shared-ini-file-loader sees it: cut at white space
   * (or the line start) followed by `#` or `;`, then trimmed.
   */
  jsText: string;
  /** The JS SDK's `[section]` name (`jsText` without the brackets, trimmed). */
  jsHeader: string | undefined;
  /** The JS SDK's `key = value`, from `jsText`. */
  jsEntry: IniEntry | undefined;
}

const HEADER = /^\[(.+)\]$/u;

/** The JS SDK's comment rule: `line.split(/(^|\s)[;#]/)[0].trim()`. */
export function cutIniComment(text: string): string {
  return (text.split(/(?:^|\s)[;#]/u)[0] ?? '').trim();
}

function entryOf(text: string, lowerCase: boolean): IniEntry | undefined {
  const equals = text.indexOf('=');
  if (equals <= 0) return undefined;
  const key = text.slice(0, equals).trim();
  return { key: lowerCase ? key.toLowerCase() : key, value: text.slice(equals + 1).trim() };
}

/** Cuts INI text into lines; `''` gives one empty line. Joining `text + eol` of every line gives the input back. */
export function scanIniLines(input: string): IniLine[] {
  const parts = input.split(/(\r?\n)/u);
  const lines: IniLine[] = [];
  for (let index = 0; index < parts.length; index += 2) {
    const text = parts[index] ?? '';
    const visible = index === 0 ? text.replace(/^\uFEFF/u, '') : text;
    const trimmed = visible.trim();
    const blank = trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';');
    const jsText = cutIniComment(visible);
    const headerMatch = HEADER.exec(jsText);
    const jsIsHeader = jsText.startsWith('[') && jsText.endsWith(']');
    lines.push({
      text,
      eol: (parts[index + 1] ?? '') as IniLineEnding,
      indent: visible.length - visible.trimStart().length,
      blank,
      header: headerMatch ? (headerMatch[1] ?? '').trim().replace(/\s+/gu, ' ') : undefined,
      entry: blank || headerMatch ? undefined : entryOf(trimmed, true),
      jsText,
      jsHeader: jsIsHeader ? jsText.slice(1, -1).trim() : undefined,
      jsEntry: jsIsHeader ? undefined : entryOf(jsText, false),
    });
  }
  return lines;
}
