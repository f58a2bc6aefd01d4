// Places in a JSON text, for showing an error where it is: the offset of the
// first syntax error (JSON.parse says what, not reliably where), and the
// offset of the value a JSON path such as `$.packages[0].funcs[3].name`
// names (the core's shape errors give that path as `where`). Both only run
// after something failed, so a plain scanner is fast enough.

export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

export interface LineCol {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units (what a textarea's selection counts). */
  readonly col: number;
}

export function lineCol(text: string, offset: number): LineCol {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

class Syntax {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** A JSON path segment: an object key or an array index. */
type Segment = string | number;

/** `$`, then `.key` and `[index]` parts; undefined for anything else. */
export function parseJsonPath(path: string): Segment[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const out: Segment[] = [];
  const part = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/y;
  part.lastIndex = 1;
  while (part.lastIndex < path.length) {
    const m = part.exec(path);
    if (m === null) return undefined;
    out.push(m[1] ?? Number(m[2]));
  }
  return out;
}

const WS = new Set([" ", "\t", "\n", "\r"]);

/** A scanner over RFC 8259 JSON, the grammar JSON.parse accepts. */
class Scanner {
  pos = 0;

  constructor(readonly text: string) {}

  fail(message: string, at = this.pos): never {
    throw new Syntax(at, message);
  }

  ws(): void {
    while (this.pos < this.text.length && WS.has(this.text[this.pos]!)) this.pos++;
  }

  describe(): string {
    return this.pos >= this.text.length ? "the end of the input" : JSON.stringify(this.text[this.pos]);
  }

  expect(ch: string, what: string): void {
    this.ws();
    if (this.text[this.pos] !== ch) this.fail(`expected ${what}, found ${this.describe()}`);
    this.pos++;
  }

  /** Skips one value; returns its start offset. */
  value(): number {
    this.ws();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === "{") this.object(() => this.value());
    else if (c === "[") this.array(() => this.value());
    else if (c === '"') this.string();
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) this.number();
    else if (this.text.startsWith("true", start)) this.pos += 4;
    else if (this.text.startsWith("false", start)) this.pos += 5;
    else if (this.text.startsWith("null", start)) this.pos += 4;
    else this.fail(`expected a value, found ${this.describe()}`);
    return start;
  }

  /** Scans an object, calling `member(key)` with the position at each member's value. */
  object(member: (key: string) => void): void {
    this.pos++;
    this.ws();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '"') this.fail(`expected a property name in double quotes, found ${this.describe()}`);
      const keyStart = this.pos;
      this.string();
      const key = JSON.parse(this.text.slice(keyStart, this.pos)) as string;
      this.expect(":", "':' after a property name");
      member(key);
      this.ws();
      const c = this.text[this.pos];
      if (c === "}") {
        this.pos++;
        return;
      }
      if (c !== ",") this.fail(`expected ',' or '}' after a property value, found ${this.describe()}`);
      this.pos++;
    }
  }

  array(element: (index: number) => void): void {
    this.pos++;
    this.ws();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return;
    }
    for (let i = 0; ; i++) {
      element(i);
      this.ws();
      const c = this.text[this.pos];
      if (c === "]") {
        this.pos++;
        return;
      }
      if (c !== ",") this.fail(`expected ',' or ']' after an array element, found ${this.describe()}`);
      this.pos++;
    }
  }

  string(): void {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail("unterminated string", start);
      if (c === 0x22) {
        this.pos++;
        return;
      }
      if (c < 0x20) this.fail("a control character inside a string (write it as an escape)");
      if (c === 0x5c) {
        const e = this.text[this.pos + 1];
        if (e === "u") {
          if (!/^[0-9A-Fa-f]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail("a \\u escape needs four hex digits");
          this.pos += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          this.pos += 2;
        } else {
          this.fail(`bad escape \\${e ?? ""}`);
        }
      } else {
        this.pos++;
      }
    }
  }

  number(): void {
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = this.pos;
    if (m.exec(this.text) === null) this.fail("a malformed number");
    this.pos = m.lastIndex;
  }

  document(): void {
    this.value();
    this.ws();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describe()} after the JSON document`);
  }
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (e) {
    if (e instanceof Syntax) return { offset: e.offset, message: e.message };
    throw e;
  }
}

/**
 * The offset of the value at `path` in the JSON `text`; when the path leads
 * somewhere that does not exist (a missing key), the offset of the deepest
 * value on the way. Undefined for a path it cannot read or invalid JSON.
 */
export function locateJsonPath(text: string, path: string): number | undefined {
  const segments = parseJsonPath(path);
  if (segments === undefined) return undefined;
  const s = new Scanner(text);
  try {
    let at = s.value();
    for (const seg of segments) {
      s.pos = at;
      const c = text[at];
      let found: number | undefined;
      if (typeof seg === "string" && c === "{") {
        // The last occurrence wins, as in JSON.parse.
        s.object((key) => {
          const v = s.value();
          if (key === seg) found = v;
        });
      } else if (typeof seg === "number" && c === "[") {
        s.array((i) => {
          const v = s.value();
          if (i === seg) found = v;
        });
      }
      if (found === undefined) return at;
      at = found;
    }
    return at;
  } catch (e) {
    if (e instanceof Syntax) return undefined;
    throw e;
  }
}
