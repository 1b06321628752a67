import { EOL } from 'node:os';

/** A line ending as found in the file ('' for a last line without one). */
export type LineEnding = '' | '\n' | '\r\n';

/** One physical line: its text without the ending, and the ending itself. */
interface Line {
  text: string;
  eol: LineEnding;
}

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

const HEADER = /^\[(.+)\]$/u;

function stripBom(text: string): string {
  return text.replace(/^\uFEFF/u, '');
}

function isBlankOrComment(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';');
}

/** The JS SDK's view of a line: `line.split(/(^|\s)[;#]/)[0].trim()`. */
function jsView(text: string): string {
  return (text.split(/(?:^|\s)[;#]/u)[0] ?? '').trim();
}

function keyOf(text: string): string | undefined {
  if (/^\s/u.test(text) || isBlankOrComment(text)) return undefined;
  const equals = text.indexOf('=');
  if (equals <= 0) return undefined;
  return text.slice(0, equals).trim().toLowerCase();
}

/**
 * An AWS shared config or credentials file, edited line by line so that
 * everything not touched stays byte for byte as it was: comments, blank
 * lines, order, indentation, other sections, each line's own ending (CRLF or
 * LF) and a byte-order mark. New lines use the file's first line ending.
 */
export class AwsConfigFile {
  readonly #lines: Line[];
  readonly #eol: '\n' | '\r\n';

  private constructor(lines: Line[], eol: '\n' | '\r\n') {
    this.#lines = lines;
    this.#eol = eol;
  }

  /** Parses file text ('' for a file that does not exist yet). */
  static parse(text: string): AwsConfigFile {
    const parts = text.split(/(\r?\n)/u);
    const lines: Line[] = [];
    for (let index = 0; index < parts.length; index += 2) {
      lines.push({ text: parts[index] ?? '', eol: (parts[index + 1] ?? '') as LineEnding });
    }
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
    const line = this.#lines[index];
    if (line === undefined) return undefined;
    const match = HEADER.exec(jsView(index === 0 ? stripBom(line.text) : line.text));
    return match ? (match[1] ?? '').trim().replace(/\s+/gu, ' ') : undefined;
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
        const text = (this.#lines[index] as Line).text;
        const key = keyOf(text);
        if (key === undefined) continue;
        const equals = text.indexOf('=');
        result.push({ section: section.name, key, value: text.slice(equals + 1).trim(), jsValue: jsView(text.slice(equals + 1)), line: index + 1 });
      }
    }
    return result;
  }

  #keyLines(section: SectionRange, key: string): number[] {
    const found: number[] = [];
    for (let index = section.header + 1; index < section.end; index += 1) {
      if (keyOf((this.#lines[index] as Line).text) === key) found.push(index);
    }
    return found;
  }

  /** Index of the line after the section's last key line (and its indented continuation). */
  #insertionPoint(section: SectionRange): number {
    let point = section.header + 1;
    for (let index = section.header + 1; index < section.end; index += 1) {
      const text = (this.#lines[index] as Line).text;
      if (keyOf(text) !== undefined || (/^\s/u.test(text) && text.trim() !== '' && !isBlankOrComment(text))) point = index + 1;
    }
    return point;
  }

  #newLine(text: string): Line {
    return { text, eol: this.#eol };
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
    const line = this.#lines[first] as Line;
    const previous = line.text.slice(line.text.indexOf('=') + 1).trim();
    line.text = wanted;
    for (const duplicate of existing.slice(1).reverse()) this.#removeKeyLine(duplicate);
    return { previous };
  }

  /** Removes `keys` from the first section named one of `names`; returns the keys removed (never values). */
  removeKeys(names: readonly string[], keys: readonly string[]): string[] {
    const section = this.findSection(names);
    if (!section) return [];
    const removed: string[] = [];
    for (let index = section.end - 1; index > section.header; index -= 1) {
      const key = keyOf((this.#lines[index] as Line).text);
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
      const text = (this.#lines[index + count] as Line).text;
      if (!/^\s/u.test(text) || text.trim() === '') break;
      count += 1;
    }
    const removed = this.#lines.splice(index, count);
    // When the removed line was the file's last and had no line ending, the
    // new last line loses its ending too: the file keeps its "no final newline".
    if (index === this.#lines.length && index > 0 && (removed.at(-1) as Line).eol === '') {
      (this.#lines[index - 1] as Line).eol = '';
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
    this.#lines.push({ text: '', eol: '' });
  }
}
