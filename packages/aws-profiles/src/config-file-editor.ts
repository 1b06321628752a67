import { EOL } from 'node:os';
import { scanIniLines, type IniLine, type IniLineEnding } from '@cred-launch/core';

/** A line ending as found in the file ('' for a last line without one). */
export type LineEnding = '' | '\n' | '\r\n';

/** A `[section]` of the file: header line index and the end (exclusive) of its body. */
export interface SectionRange {
  /** The header's content, trimmed, inner white space collapsed (e.g. `profile dev`). */
  name: string;
  header: number;
  end: number;
}

/** One `key = value` line as the SDKs read it. */
export interface KeyEntry {
  section: string;
  /** Lower-cased, as botocore's ConfigParser stores it. */
  key: string;
  /** The value botocore sees: everything after `=`, trimmed (no inline comments). */
  value: string;
  /** The value the JS SDK sees: its parser cuts at white space followed by `#` or `;`. */
  jsValue: string;
  /** 1-based line number, for messages. */
  line: number;
}

/** One line, re-cut by core's scanner (the one INI parser) whenever its text changes. */
function lineOf(text: string, eol: IniLineEnding): IniLine {
  return { ...(scanIniLines(text)[0] as IniLine), eol };
}

/** The key of a line the editor treats as a key line; an indented line continues the key above it. */
function keyOf(line: IniLine): string | undefined {
  return line.indent === 0 && !line.text.startsWith('\uFEFF') ? line.entry?.key : undefined;
}

/**
 * An AWS shared config or credentials file, edited line by line so that
 * everything not touched stays byte for byte as it was: comments, blank
 * lines, order, indentation, other sections, each line's own ending (CRLF or
 * LF) and a byte-order mark. New lines use the file's first line ending.
 */
export class AwsConfigFile {
  readonly #lines: IniLine[];
  readonly #eol: '\n' | '\r\n';

  private constructor(lines: IniLine[], eol: '\n' | '\r\n') {
    this.#lines = lines;
    this.#eol = eol;
  }

  /** Parses file text ('' for a file that does not exist yet). */
  static parse(text: string): AwsConfigFile {
    const lines = scanIniLines(text);
    const first = /\r?\n/u.exec(text)?.[0];
    const eol = first === '\r\n' || first === '\n' ? first : EOL === '\r\n' ? '\r\n' : '\n';
    return new AwsConfigFile(lines, eol);
  }

  /** The file's text. */
  toString(): string {
    return this.#lines.map((line) => line.text + line.eol).join('');
  }

  /** The line ending new lines get. */
  get lineEnding(): '\n' | '\r\n' {
    return this.#eol;
  }

  #headerName(index: number): string | undefined {
    return this.#lines[index]?.header;
  }

  /** Every section in file order (a name may appear twice: botocore refuses such a file). */
  sections(): SectionRange[] {
    const result: SectionRange[] = [];
    for (let index = 0; index < this.#lines.length; index += 1) {
      const name = this.#headerName(index);
      if (name === undefined) continue;
      const previous = result.at(-1);
      if (previous) previous.end = index;
      result.push({ name, header: index, end: this.#lines.length });
    }
    return result;
  }

  /** The first section whose name is one of `names`. */
  findSection(names: readonly string[]): SectionRange | undefined {
    return this.sections().find((section) => names.includes(section.name));
  }

  /** Every key line of every section, in file order. */
  entries(): KeyEntry[] {
    const result: KeyEntry[] = [];
    for (const section of this.sections()) {
      for (let index = section.header + 1; index < section.end; index += 1) {
        const line = this.#lines[index] as IniLine;
        const key = keyOf(line);
        if (key === undefined || line.entry === undefined) continue;
        result.push({ section: section.name, key, value: line.entry.value, jsValue: line.jsEntry?.value ?? '', line: index + 1 });
      }
    }
    return result;
  }

  #keyLines(section: SectionRange, key: string): number[] {
    const found: number[] = [];
    for (let index = section.header + 1; index < section.end; index += 1) {
      if (keyOf(this.#lines[index] as IniLine) === key) found.push(index);
    }
    return found;
  }

  /** Index of the line after the section's last key line (and its indented continuation). */
  #insertionPoint(section: SectionRange): number {
    let point = section.header + 1;
    for (let index = section.header + 1; index < section.end; index += 1) {
      const line = this.#lines[index] as IniLine;
      if (keyOf(line) !== undefined || (line.indent > 0 && !line.blank)) point = index + 1;
    }
    return point;
  }

  #newLine(text: string): IniLine {
    return lineOf(text, this.#eol);
  }

  /**
   * Sets `key = value` in the first section named one of `names`, replacing
   * the key's first line in place and dropping duplicates of it (ConfigParser
   * refuses a file with a key twice). A missing section `create` is appended
   * at the end of the file, after a blank line. Returns the old value.
   */
  setKey(names: readonly string[], create: string, key: string, value: string): { previous: string | undefined } {
    const wanted = `${key} = ${value}`;
    const section = this.findSection(names);
    if (!section) {
      this.#appendSection(create, [wanted]);
      return { previous: undefined };
    }
    const existing = this.#keyLines(section, key);
    const first = existing[0];
    if (first === undefined) {
      this.#lines.splice(this.#insertionPoint(section), 0, this.#newLine(wanted));
      return { previous: undefined };
    }
    const line = this.#lines[first] as IniLine;
    const previous = line.entry?.value;
    this.#lines[first] = lineOf(wanted, line.eol);
    for (const duplicate of existing.slice(1).reverse()) this.#removeKeyLine(duplicate);
    return { previous };
  }

  /** Removes `keys` from the first section named one of `names`; returns the keys removed (never values). */
  removeKeys(names: readonly string[], keys: readonly string[]): string[] {
    const section = this.findSection(names);
    if (!section) return [];
    const removed: string[] = [];
    for (let index = section.end - 1; index > section.header; index -= 1) {
      const key = keyOf(this.#lines[index] as IniLine);
      if (key !== undefined && keys.includes(key)) {
        this.#removeKeyLine(index);
        removed.unshift(key);
      }
    }
    return removed;
  }

  /** Removes a key line and any indented continuation lines under it. */
  #removeKeyLine(index: number): void {
    let count = 1;
    while (index + count < this.#lines.length) {
      const text = (this.#lines[index + count] as IniLine).text;
      if (!/^\s/u.test(text) || text.trim() === '') break;
      count += 1;
    }
    const removed = this.#lines.splice(index, count);
    // When the removed line was the file's last and had no line ending, the
    // new last line loses its ending too: the file keeps its "no final newline".
    if (index === this.#lines.length && index > 0 && (removed.at(-1) as IniLine).eol === '') {
      (this.#lines[index - 1] as IniLine).eol = '';
    }
  }

  #appendSection(name: string, body: string[]): void {
    const last = this.#lines.at(-1);
    if (last && last.text === '' && last.eol === '') this.#lines.pop();
    const tail = this.#lines.at(-1);
    if (tail) {
      if (tail.eol === '') tail.eol = this.#eol;
      if (tail.text.trim() !== '') this.#lines.push(this.#newLine(''));
    }
    this.#lines.push(this.#newLine(`[${name}]`), ...body.map((text) => this.#newLine(text)));
    this.#lines.push(lineOf('', ''));
  }
}
