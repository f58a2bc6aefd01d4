// A position index over TOML source text. smol-toml reports line and column
// for syntax errors only; the values it returns carry no positions. For a
// semantic error (a wrong type, an unknown key, a bad version) we still want
// to say `mochi.toml:12:5`, and the manifest editor needs the exact spans of
// keys, values, lines and table headers. This tokenizer walks the source
// once and maps every key path to those spans.
//
// It runs only on text that smol-toml has already accepted, so it does not
// re-validate TOML: it is lenient and never loops on input it does not
// expect.

import type { TomlPath } from "./toml-text.js";

/** A key/value pair, an array element, or a value inside an inline table. */
export interface TomlEntry {
  /** Full path from the document root; array-of-tables and array elements are numbers. */
  readonly path: TomlPath;
  /** The path of the table header in effect ([] for the root table). */
  readonly table: TomlPath;
  /** The key as written (for an array element, the element itself). */
  readonly keyStart: number;
  /** Where each segment of a dotted key starts; the key covers the last path.length - keyStarts.length.. segments. */
  readonly keyStarts: readonly number[];
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Start of the line holding the key, and the offset after the line holding the value's end (past its comment and newline). */
  readonly lineStart: number;
  readonly lineEnd: number;
  /** "pair" for `key = value` at table level, "inline" inside an inline table, "element" in an array. */
  readonly kind: "pair" | "inline" | "element";
}

/** A `[table]` or `[[array.of.tables]]` header. */
export interface TomlHeader {
  readonly path: TomlPath;
  readonly array: boolean;
  readonly start: number;
  /** Offset after the header's line (past its comment and newline). */
  readonly lineEnd: number;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

const BARE = /[A-Za-z0-9_-]/;

export class TomlIndex {
  readonly entries: TomlEntry[] = [];
  readonly headers: TomlHeader[] = [];
  readonly #byPath = new Map<string, TomlEntry>();
  readonly #headerByPath = new Map<string, TomlHeader>();
  readonly #lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#lineStarts.push(i + 1);
    new Tokenizer(text, this).run();
  }

  /** @internal */
  addEntry(e: TomlEntry): void {
    this.entries.push(e);
    this.#byPath.set(pathKey(e.path), e);
  }

  /** @internal */
  addHeader(h: TomlHeader): void {
    this.headers.push(h);
    this.#headerByPath.set(pathKey(h.path), h);
  }

  entry(path: TomlPath): TomlEntry | undefined {
    return this.#byPath.get(pathKey(path));
  }

  header(path: TomlPath): TomlHeader | undefined {
    return this.#headerByPath.get(pathKey(path));
  }

  /** 1-based line and column (in characters) of an offset. */
  position(offset: number): Position {
    let lo = 0;
    let hi = this.#lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.#lineStarts[lo]!;
    return { line: lo + 1, column: [...this.text.slice(start, offset)].length + 1 };
  }

  /**
   * Where `path` is written: its key (or, with at = "value", its value); a
   * table defined by a header points at the header. A path that is not
   * written (a missing key) falls back to its nearest written ancestor.
   */
  locate(path: TomlPath, at: "key" | "value" = "key"): Position {
    for (let n = path.length; n > 0; n--) {
      const p = path.slice(0, n);
      const e = this.entry(p);
      if (e !== undefined) return this.position(at === "value" && n === path.length ? e.valueStart : e.keyStart);
      const h = this.header(p);
      if (h !== undefined) return this.position(h.start);
    }
    return { line: 1, column: 1 };
  }
}

export function pathKey(path: TomlPath): string {
  return path.map((p) => (typeof p === "number" ? `#${p}` : `.${p}`)).join("\u0000");
}

class Tokenizer {
  #i = 0;
  /** Array-of-tables paths (resolved) and how many elements each has so far. */
  readonly #arrays = new Map<string, number>();

  constructor(
    readonly s: string,
    readonly index: TomlIndex,
  ) {}

  run(): void {
    const s = this.s;
    let table: TomlPath = [];
    while (this.#i < s.length) {
      this.#skipBlank();
      if (this.#i >= s.length) break;
      const start = this.#i;
      if (s[start] === "[") {
        const array = s[start + 1] === "[";
        this.#i += array ? 2 : 1;
        const key = this.#key();
        this.#skipSpaces();
        this.#i += array ? 2 : 1;
        const path = this.#headerPath(key.segments, array);
        this.index.addHeader({ path, array, start, lineEnd: this.#restOfLine() });
        table = path;
        continue;
      }
      const lineStart = s.lastIndexOf("\n", start - 1) + 1;
      const key = this.#key();
      this.#skipSpaces();
      if (s[this.#i] === "=") this.#i++;
      this.#skipSpaces();
      const path = [...table, ...key.segments];
      const valueStart = this.#i;
      this.#value(path, table);
      const valueEnd = this.#i;
      this.index.addEntry({ path, table, keyStart: key.start, keyStarts: key.starts, keyEnd: key.end, valueStart, valueEnd, lineStart, lineEnd: this.#restOfLine(), kind: "pair" });
    }
  }

  /** Resolves a header's segments: every prefix that is an array of tables refers to its last element. */
  #headerPath(segments: readonly string[], array: boolean): TomlPath {
    const out: (string | number)[] = [];
    segments.forEach((seg, n) => {
      out.push(seg);
      const k = pathKey(out);
      if (array && n === segments.length - 1) {
        const count = this.#arrays.get(k) ?? 0;
        this.#arrays.set(k, count + 1);
        out.push(count);
      } else {
        const count = this.#arrays.get(k);
        if (count !== undefined) out.push(count - 1);
      }
    });
    return out;
  }

  /** Skips spaces, tabs, newlines and comments. */
  #skipBlank(): void {
    const s = this.s;
    while (this.#i < s.length) {
      const c = s[this.#i];
      if (c === " " || c === "\t" || c === "\r" || c === "\n") this.#i++;
      else if (c === "#") this.#toLineEnd();
      else break;
    }
  }

  #skipSpaces(): void {
    while (this.s[this.#i] === " " || this.s[this.#i] === "\t") this.#i++;
  }

  #toLineEnd(): void {
    const nl = this.s.indexOf("\n", this.#i);
    this.#i = nl < 0 ? this.s.length : nl;
  }

  /** After a value or header: spaces, an optional comment, the newline. Returns the offset after it. */
  #restOfLine(): number {
    this.#skipSpaces();
    if (this.s[this.#i] === "#" || this.s[this.#i] === "\r") this.#toLineEnd();
    if (this.s[this.#i] === "\n") this.#i++;
    return this.#i;
  }

  #key(): { segments: string[]; starts: number[]; start: number; end: number } {
    const segments: string[] = [];
    const starts: number[] = [];
    this.#skipSpaces();
    const start = this.#i;
    let end = start;
    for (;;) {
      this.#skipSpaces();
      starts.push(this.#i);
      segments.push(this.#simpleKey());
      end = this.#i;
      this.#skipSpaces();
      if (this.s[this.#i] !== ".") break;
      this.#i++;
    }
    this.#i = end;
    return { segments, starts, start, end };
  }

  #simpleKey(): string {
    const s = this.s;
    const c = s[this.#i];
    if (c === '"') return this.#basicString();
    if (c === "'") {
      const close = s.indexOf("'", this.#i + 1);
      const end = close < 0 ? s.length : close;
      const key = s.slice(this.#i + 1, end);
      this.#i = end + 1;
      return key;
    }
    const start = this.#i;
    while (this.#i < s.length && BARE.test(s[this.#i]!)) this.#i++;
    if (this.#i === start) this.#i++; // never stall on text smol-toml would have refused
    return s.slice(start, this.#i);
  }

  /** A single-line basic string at #i, decoded (keys only need decoding). */
  #basicString(): string {
    const s = this.s;
    let out = "";
    this.#i++;
    while (this.#i < s.length && s[this.#i] !== '"') {
      const c = s[this.#i]!;
      if (c !== "\\") {
        out += c;
        this.#i++;
        continue;
      }
      const e = s[this.#i + 1];
      const simple: Record<string, string> = { b: "\b", t: "\t", n: "\n", f: "\f", r: "\r", e: "\u001b", '"': '"', "\\": "\\" };
      if (e !== undefined && e in simple) {
        out += simple[e];
        this.#i += 2;
      } else {
        const len = e === "x" ? 2 : e === "u" ? 4 : 8;
        out += String.fromCodePoint(parseInt(s.slice(this.#i + 2, this.#i + 2 + len), 16));
        this.#i += 2 + len;
      }
    }
    this.#i++;
    return out;
  }

  /** Skips one value at #i, indexing the elements of arrays and the pairs of inline tables under `path`. */
  #value(path: TomlPath, table: TomlPath): void {
    const s = this.s;
    const c = s[this.#i];
    if (c === '"' || c === "'") {
      const triple = s.startsWith(c.repeat(3), this.#i);
      if (!triple && c === "'") {
        const close = s.indexOf("'", this.#i + 1);
        this.#i = close < 0 ? s.length : close + 1;
        return;
      }
      this.#i += triple ? 3 : 1;
      while (this.#i < s.length) {
        const d = s[this.#i];
        if (d === "\\" && c === '"') this.#i += 2;
        else if (d === c && (!triple || s.startsWith(c.repeat(3), this.#i))) {
          this.#i += triple ? 3 : 1;
          // Up to two quotes may sit right before a closing triple quote.
          if (triple) for (let k = 0; k < 2 && s[this.#i] === c; k++) this.#i++;
          return;
        } else this.#i++;
      }
      return;
    }
    if (c === "[") {
      this.#i++;
      for (let n = 0; ; n++) {
        this.#skipBlank();
        if (this.#i >= s.length || s[this.#i] === "]") break;
        const start = this.#i;
        const lineStart = s.lastIndexOf("\n", start - 1) + 1;
        const elementPath = [...path, n];
        this.#value(elementPath, table);
        const end = this.#i;
        this.index.addEntry({ path: elementPath, table, keyStart: start, keyStarts: [], keyEnd: end, valueStart: start, valueEnd: end, lineStart, lineEnd: end, kind: "element" });
        this.#skipBlank();
        if (s[this.#i] === ",") this.#i++;
        else if (s[this.#i] !== "]" && this.#i === start) this.#i++;
      }
      this.#i++;
      return;
    }
    if (c === "{") {
      this.#i++;
      for (;;) {
        this.#skipBlank();
        if (this.#i >= s.length || s[this.#i] === "}") break;
        const before = this.#i;
        const lineStart = s.lastIndexOf("\n", before - 1) + 1;
        const key = this.#key();
        this.#skipSpaces();
        if (s[this.#i] === "=") this.#i++;
        this.#skipSpaces();
        const inner = [...path, ...key.segments];
        const valueStart = this.#i;
        this.#value(inner, table);
        this.index.addEntry({ path: inner, table, keyStart: key.start, keyStarts: key.starts, keyEnd: key.end, valueStart, valueEnd: this.#i, lineStart, lineEnd: this.#i, kind: "inline" });
        this.#skipBlank();
        if (s[this.#i] === ",") this.#i++;
        else if (this.#i === before) this.#i++;
      }
      this.#i++;
      return;
    }
    // A number, boolean or date-time: up to a delimiter (date-times may hold a space).
    const start = this.#i;
    while (this.#i < s.length && !",]}\n#\r".includes(s[this.#i]!)) this.#i++;
    while (this.#i > start && (s[this.#i - 1] === " " || s[this.#i - 1] === "\t")) this.#i--;
    if (this.#i === start) this.#i++;
  }
}
