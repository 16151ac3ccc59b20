/**
 * A strict JSON scanner (RFC 8259 syntax, nothing more: no comments, no trailing commas, no
 * single quotes) that reports where a text breaks as a line and column, and the line of each
 * element of the top-level array. JSON.parse gives neither reliably (Node 20's "Unexpected token"
 * messages carry no position), and a YAML parser would accept non-JSON syntax. Iterative, so
 * deep nesting cannot overflow the stack; linear in the text.
 */
export type JsonArrayScan =
  | { readonly ok: true; readonly lines: readonly number[] }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly message: string };

const ARRAY = 0;
const OBJECT = 1;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
/** Characters that may follow a backslash in a string: " \ / b f n r t u. */
const ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74, 0x75]);

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** 1-based line and column (in UTF-16 units) of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

class Scanner {
  private i = 0;
  private line = 1;
  private readonly stack: number[] = [];
  readonly lines: number[] = [];

  constructor(private readonly text: string) {}

  run(): JsonArrayScan {
    try {
      this.ws();
      if (this.text.charCodeAt(this.i) !== LBRACKET) this.fail('"[" (a JSON command log is an array)');
      this.values();
      this.ws();
      if (this.i < this.text.length) this.fail('the end of the input after the array');
      return { ok: true, lines: this.lines };
    } catch (e) {
      if (!(e instanceof ScanError)) throw e;
      return { ok: false, ...position(this.text, e.offset), message: e.message };
    }
  }

  /** Reads values until the outermost container closes. */
  private values(): void {
    for (;;) {
      this.ws();
      if (this.stack.length === 1 && this.stack[0] === ARRAY) this.lines.push(this.line);
      const c = this.text.charCodeAt(this.i);
      if (c === LBRACKET || c === LBRACE) {
        this.i++;
        this.ws();
        if (this.text.charCodeAt(this.i) === (c === LBRACKET ? RBRACKET : RBRACE)) {
          this.i++;
        } else {
          this.stack.push(c === LBRACKET ? ARRAY : OBJECT);
          if (c === LBRACE) this.key();
          continue;
        }
      } else {
        this.scalar();
      }
      if (!this.next()) return;
    }
  }

  /** After a value: closes the containers it ends; true when a comma announces another value. */
  private next(): boolean {
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (top === undefined) return false;
      this.ws();
      const c = this.text.charCodeAt(this.i);
      if (c === COMMA) {
        this.i++;
        if (top === OBJECT) this.key();
        return true;
      }
      if (c !== (top === ARRAY ? RBRACKET : RBRACE)) this.fail(top === ARRAY ? '"," or "]"' : '"," or "}"');
      this.i++;
      this.stack.pop();
    }
  }

  /** A property name and its colon. */
  private key(): void {
    this.ws();
    if (this.text.charCodeAt(this.i) !== QUOTE) this.fail('a property name in double quotes');
    this.string();
    this.ws();
    if (this.text.charCodeAt(this.i) !== COLON) this.fail('":"');
    this.i++;
  }

  private scalar(): void {
    const c = this.text.charCodeAt(this.i);
    if (c === QUOTE) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = this.i;
      if (!NUMBER.test(this.text)) this.fail('a number');
      this.i = NUMBER.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    this.fail('a value');
  }

  private string(): void {
    const t = this.text;
    this.i++;
    for (;;) {
      const c = t.charCodeAt(this.i);
      if (c === QUOTE) break;
      if (Number.isNaN(c)) this.fail('a closing double quote');
      if (c < 0x20) this.fail('a closing double quote (control characters in strings must be escaped)');
      if (c === BACKSLASH) {
        this.i++;
        if (!ESCAPES.has(t.charCodeAt(this.i))) this.fail('an escape: one of " \\ / b f n r t u');
        if (t.charCodeAt(this.i) === 0x75) {
          HEX4.lastIndex = this.i + 1;
          if (!HEX4.test(t)) this.fail('four hex digits after \\u');
          this.i += 4;
        }
      }
      this.i++;
    }
    this.i++;
  }

  private ws(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.i);
      if (c === 0x0a) {
        this.line++;
      } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
        return;
      }
      this.i++;
    }
  }

  private fail(expected: string): never {
    const t = this.text;
    // At the end, point just after the last character written rather than at trailing blank lines.
    if (this.i >= t.length) throw new ScanError(`unexpected end of input, expected ${expected}`, t.trimEnd().length);
    const cp = t.codePointAt(this.i) ?? 0;
    const found = cp > 0x20 && cp < 0x7f ? JSON.stringify(String.fromCodePoint(cp)) : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    let before = this.i - 1;
    while (before >= 0 && /\s/.test(t.charAt(before))) before--;
    const closer = cp === RBRACKET || cp === RBRACE;
    const hint = closer && t.charCodeAt(before) === COMMA ? ' (a trailing comma is not JSON)' : '';
    throw new ScanError(`unexpected ${found}, expected ${expected}${hint}`, this.i);
  }
}

/** Scans a JSON text whose top level must be an array: its syntax error, or each element's line. */
export function scanJsonArray(text: string): JsonArrayScan {
  return new Scanner(text).run();
}
