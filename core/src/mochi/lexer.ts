// The Mochi lexer (GRAMMAR.md §1). At each position the rules are tried in
// the compiler's order and the first match wins: Comment, Bool, Keyword,
// Ident, Float, Int, String, Punct, Whitespace. Comments and whitespace
// (which includes `;`) are dropped; line comments are kept aside for doc
// strings. One leading BOM is skipped.
//
// The compiler's pre-scan diagnostics are reported here too, and the lexer
// always goes on to the end: a bad number becomes one token that swallows
// the identifier characters glued to it, an unknown character is skipped.

import { utf8DecodeStrict, utf8Encode } from "../bytes.js";
import { diagnostic, type Diagnostic, type Pos, type Span } from "./diagnostics.js";

/** The 33 hard keywords: never identifiers, fields, parameters, aliases or dotted segments. */
export const HARD_KEYWORDS: ReadonlySet<string> = new Set([
  "agent", "all", "break", "continue", "else", "emit", "expect", "export", "extern", "fact", "fetch", "for", "fun",
  "generate", "if", "import", "in", "intent", "let", "load", "match", "none", "on", "package", "return", "rule", "save",
  "stream", "test", "then", "type", "var", "while",
]);

interface TokenBase extends Span {
  /** The source text of the token. */
  readonly text: string;
}

export type Token =
  | (TokenBase & { readonly kind: "Ident" | "Keyword" | "Bool" | "Punct" | "EOF" })
  | (TokenBase & { readonly kind: "Int"; readonly value: bigint })
  | (TokenBase & { readonly kind: "Float"; readonly value: number })
  | (TokenBase & { readonly kind: "String"; readonly value: string });

export type TokenKind = Token["kind"];

/** A `//` or `#` line comment (block comments are not kept). */
export interface LineComment extends Span {
  readonly text: string;
}

export interface LexResult {
  /** Always ends with one EOF token. */
  readonly tokens: readonly Token[];
  readonly comments: readonly LineComment[];
  readonly diagnostics: readonly Diagnostic[];
}

// Sticky regexes, one per rule. Keywords and booleans end at an ASCII word
// boundary (`typeé` is `type` then `é`); the compiler matches on the rest of
// the input, so there is no boundary check before the word.
const LINE_COMMENT = /(?:\/\/|#)[^\n]*/y;
const BOOL = /(?:true|false)\b/y;
const KEYWORD = new RegExp(`(?:${[...HARD_KEYWORDS].join("|")})\\b`, "y");
const IDENT = /[\p{L}\p{So}_][\p{L}\p{So}\p{N}_]*/uy;
const FLOAT = /\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+/y;
const INT = /0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|\d+/y;
const PUNCT = /==|!=|<=|>=|&&|\|\||=>|:-|\.\.|\?\?|[-+*/%=<>!|{}[\](),.:?]/y;
const WHITESPACE = /[ \t\n\r;]+/y;
const IDENT_CHAR = /[\p{L}\p{So}\p{N}_]/uy;
const GLUED = /[\p{L}\p{So}\p{N}_]+/uy;
const BASE_DIGITS: Readonly<Record<string, RegExp>> = { x: /[0-9a-fA-F]/, b: /[01]/, o: /[0-7]/ };

const INT64_MAX = (1n << 63n) - 1n;
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, '"': 34 };

function match(re: RegExp, src: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(src)?.[0];
}

/** UTF-8 bytes to a string; bytes that do not decode (from \x or octal escapes) become U+FFFD. */
function decodeLossy(bytes: readonly number[]): string {
  const whole = utf8DecodeStrict(Uint8Array.from(bytes));
  if (whole !== undefined) return whole;
  let s = "";
  for (let i = 0; i < bytes.length; ) {
    let n = 1;
    let ch: string | undefined;
    for (; n <= 4 && ch === undefined; n++) ch = utf8DecodeStrict(Uint8Array.from(bytes.slice(i, i + n)));
    if (ch === undefined || ch === "") {
      s += "\ufffd";
      i++;
    } else {
      s += ch;
      i += n - 1;
    }
  }
  return s;
}

class Lexer {
  private i = 0;
  private line = 1;
  private col = 1;
  readonly tokens: Token[] = [];
  readonly comments: LineComment[] = [];
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly src: string) {
    if (src.startsWith("\ufeff")) this.i = 1;
  }

  private pos(): Pos {
    return { offset: this.i, line: this.line, col: this.col };
  }

  /** The position `n` code units ahead, on the current line (no line breaks in between). */
  private ahead(n: number): Pos {
    return { offset: this.i + n, line: this.line, col: this.col + [...this.src.slice(this.i, this.i + n)].length };
  }

  private advance(n: number): void {
    const end = this.i + n;
    for (let k = this.i; k < end; k++) {
      const c = this.src.charCodeAt(k);
      if (c === 10) {
        this.line++;
        this.col = 1;
      } else if (!(c >= 0xdc00 && c <= 0xdfff && k > 0 && isHigh(this.src.charCodeAt(k - 1)))) {
        // A low surrogate after a high one is part of the same scalar value.
        this.col++;
      }
    }
    this.i = end;
  }

  private span(start: Pos): Span {
    return { start, end: this.pos() };
  }

  run(): LexResult {
    const src = this.src;
    while (this.i < src.length) {
      const at = this.i;
      const start = this.pos();
      let m: string | undefined;
      if (src.startsWith("/*", at)) {
        this.blockComment(start);
      } else if ((m = match(LINE_COMMENT, src, at)) !== undefined) {
        this.advance(m.length);
        this.comments.push({ text: m, ...this.span(start) });
      } else if ((m = match(BOOL, src, at)) !== undefined) {
        this.simple("Bool", m, start);
      } else if ((m = match(KEYWORD, src, at)) !== undefined) {
        this.simple("Keyword", m, start);
      } else if ((m = match(IDENT, src, at)) !== undefined) {
        this.simple("Ident", m, start);
      } else if ((m = match(FLOAT, src, at)) !== undefined) {
        this.number("Float", m, start);
      } else if ((m = match(INT, src, at)) !== undefined) {
        this.number("Int", m, start);
      } else if (src[at] === '"') {
        this.string(start);
      } else if ((m = match(PUNCT, src, at)) !== undefined) {
        this.simple("Punct", m, start);
      } else if ((m = match(WHITESPACE, src, at)) !== undefined) {
        this.advance(m.length);
      } else {
        const ch = String.fromCodePoint(src.codePointAt(at)!);
        this.advance(ch.length);
        this.diagnostics.push(diagnostic("P001", this.span(start), [`character ${JSON.stringify(ch)}`, "a token"]));
      }
    }
    const end = this.pos();
    this.tokens.push({ kind: "EOF", text: "", start: end, end });
    return { tokens: this.tokens, comments: this.comments, diagnostics: this.diagnostics };
  }

  private simple(kind: "Ident" | "Keyword" | "Bool" | "Punct", text: string, start: Pos): void {
    this.advance(text.length);
    this.tokens.push({ kind, text, ...this.span(start) });
  }

  private blockComment(start: Pos): void {
    const close = this.src.indexOf("*/", this.i + 2);
    if (close < 0) {
      this.diagnostics.push(diagnostic("P042", { start, end: this.ahead(2) }));
      this.advance(this.src.length - this.i);
      return;
    }
    this.advance(close + 2 - this.i);
  }

  /**
   * A Float or Int match. The compiler's pre-scan rejects a number glued to
   * an identifier character (P043), a base prefix without digits (P046) and
   * an int beyond int64 (P045); the glued characters join the token so that
   * one mistake gives one diagnostic.
   */
  private number(kind: "Int" | "Float", text: string, start: Pos): void {
    const src = this.src;
    const after = this.i + text.length;
    const glued = match(IDENT_CHAR, src, after) !== undefined ? match(GLUED, src, after)! : "";
    const full = text + glued;
    this.advance(full.length);
    const span = this.span(start);
    const prefix = glued[0]?.toLowerCase() ?? "";
    if (glued !== "") {
      const bare = text === "0" && prefix in BASE_DIGITS && !BASE_DIGITS[prefix]!.test(glued[1] ?? "");
      this.diagnostics.push(bare ? diagnostic("P046", span, [`0${glued[0]}`]) : diagnostic("P043", span, [full]));
      this.tokens.push(kind === "Int" ? { kind, text: full, value: 0n, ...span } : { kind, text: full, value: 0, ...span });
    } else if (kind === "Float") {
      this.tokens.push({ kind, text, value: Number(text), ...span });
    } else {
      const value = BigInt(text);
      if (value > INT64_MAX) this.diagnostics.push(diagnostic("P045", span, [text]));
      this.tokens.push({ kind, text, value, ...span });
    }
  }

  /**
   * A "..." literal, which may span lines. Escapes follow Go's
   * strconv.UnquoteChar; each bad one is a P041 and stays in the value as
   * written. \x and octal escapes make bytes, decoded as UTF-8 at the end.
   */
  private string(start: Pos): void {
    const src = this.src;
    let k = this.i + 1;
    let plain = true;
    for (; k < src.length && src[k] !== '"'; k++) {
      if (src[k] === "\\") {
        plain = false;
        k++;
      }
    }
    if (k >= src.length) {
      this.diagnostics.push(diagnostic("P040", { start, end: this.ahead(1) }));
      this.advance(src.length - this.i);
      return;
    }
    const text = src.slice(this.i, k + 1);
    if (plain) {
      this.advance(text.length);
      this.tokens.push({ kind: "String", text, value: text.slice(1, -1), ...this.span(start) });
      return;
    }
    const bytes: number[] = [];
    this.advance(1);
    while (this.i < k) {
      if (src[this.i] !== "\\") {
        const ch = String.fromCodePoint(src.codePointAt(this.i)!);
        bytes.push(...utf8Encode(ch));
        this.advance(ch.length);
        continue;
      }
      const escStart = this.pos();
      const esc = this.escape(src.slice(this.i, k));
      if (typeof esc === "string") {
        this.advance(esc.length);
        this.diagnostics.push(diagnostic("P041", this.span(escStart), [esc.replace("\n", "<newline>").replace("\r", "<CR>")]));
        bytes.push(...utf8Encode(esc));
      } else {
        this.advance(esc.length);
        bytes.push(...esc.bytes);
      }
    }
    this.advance(1);
    this.tokens.push({ kind: "String", text, value: decodeLossy(bytes), ...this.span(start) });
  }

  /** One escape at the start of `rest`: its bytes and length, or the bad text. */
  private escape(rest: string): { bytes: readonly number[]; length: number } | string {
    const e = rest[1] ?? "";
    if (e in SIMPLE_ESCAPES) return { bytes: [SIMPLE_ESCAPES[e]!], length: 2 };
    const digits = (re: RegExp, n: number): string | undefined => {
      const d = rest.slice(2, 2 + n);
      return d.length === n && [...d].every((c) => re.test(c)) ? d : undefined;
    };
    if (e >= "0" && e <= "7") {
      const oct = /^[0-7]{1,3}/.exec(rest.slice(1))![0];
      if (oct.length === 3 && parseInt(oct, 8) <= 255) return { bytes: [parseInt(oct, 8)], length: 4 };
      return `\\${oct}`;
    }
    if (e === "x") {
      const h = digits(/[0-9a-fA-F]/, 2);
      return h === undefined ? rest.slice(0, 2) : { bytes: [parseInt(h, 16)], length: 4 };
    }
    if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      const h = digits(/[0-9a-fA-F]/, n);
      const r = h === undefined ? -1 : parseInt(h, 16);
      if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return rest.slice(0, h === undefined ? 2 : 2 + n);
      return { bytes: [...utf8Encode(String.fromCodePoint(r))], length: 2 + n };
    }
    // Anything else, including \' \0 \e \/ \$ and a backslash before a line
    // break: the backslash and the next character.
    return rest.slice(0, 1 + (e === "" ? 0 : String.fromCodePoint(rest.codePointAt(1)!).length));
  }
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

export function lex(source: string): LexResult {
  return new Lexer(source).run();
}

/** Whether `name` lexes as exactly one identifier (so it can be an alias, a field or a dotted segment). */
export function isIdentifier(name: string): boolean {
  const { tokens, diagnostics } = lex(name);
  return diagnostics.length === 0 && tokens.length === 2 && tokens[0]!.kind === "Ident" && tokens[0]!.text === name;
}
