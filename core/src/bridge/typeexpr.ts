// Go type strings, as go/types' TypeString prints them with the ingest's
// qualifier, parsed into a closed GoType union and printed back.
// docs/apisurface.md gives the grammar; print(parse(s)) === s for every
// string go/types prints.
//
// What the reference's parser got wrong and this one handles: func types
// with named parameters and results (`func(path string, err error) error`),
// union and `~` terms (`~int | ~string`, also inside `interface{...}`),
// struct tags holding braces (tags are parsed as Go string literals, not
// skipped by counting braces), interfaces and structs as real shapes, and
// `chan (<-chan T)`.
//
// Whitespace matters in two places, exactly as go/types prints: `X []int`
// (a name, then a type) versus `List[int]` (type arguments), and likewise in
// parameter lists. Identifiers may be any Unicode letters and digits.

import { utf8DecodeStrict, utf8Encode } from "../bytes.js";
import { MochiError, isMochiError, type ErrorCode } from "../errors.js";

/** The predeclared type names (plus `error`, `any` and `comparable`). */
export const BASIC_NAMES = [
  "any",
  "bool",
  "byte",
  "comparable",
  "complex128",
  "complex64",
  "error",
  "float32",
  "float64",
  "int",
  "int16",
  "int32",
  "int64",
  "int8",
  "rune",
  "string",
  "uint",
  "uint16",
  "uint32",
  "uint64",
  "uint8",
  "uintptr",
] as const;
export type BasicName = (typeof BASIC_NAMES)[number];
const BASIC: ReadonlySet<string> = new Set(BASIC_NAMES);

export type ChanDir = "both" | "send" | "recv";

export interface GoParam {
  /** Absent for an unnamed parameter or result. */
  readonly name?: string;
  /** For the last parameter of a variadic func: the slice type `[]T` (printed `...T`). */
  readonly type: GoType;
}

/** A struct tag: its Go string literal as printed, and the string it denotes. */
export interface StructTag {
  readonly literal: string;
  readonly value: string;
}

export interface GoField {
  /** The field name; for an embedded field, the name of its type. */
  readonly name: string;
  readonly embedded: boolean;
  readonly type: GoType;
  readonly tag?: StructTag;
}

export interface GoMethod {
  readonly name: string;
  readonly type: FuncType;
}

export interface UnionTerm {
  readonly tilde: boolean;
  readonly type: GoType;
}

/** `K, V any` in `[K, V any]`: type parameters sharing one constraint. */
export interface TypeParamGroup {
  readonly names: readonly string[];
  readonly constraint: GoType;
}

export interface BasicType {
  readonly kind: "basic";
  readonly name: BasicName;
}
export interface NamedType {
  readonly kind: "named";
  /** The full import path; "" for the ingested package itself (and the universe's unsafe-free names). */
  readonly pkg: string;
  readonly name: string;
  readonly args: readonly GoType[];
  /** Only for a generic type printed uninstantiated (`List[T any]`). */
  readonly typeParams?: readonly TypeParamGroup[];
}
export interface TypeParamRef {
  readonly kind: "typeparam";
  readonly name: string;
}
export interface PointerType {
  readonly kind: "pointer";
  readonly elem: GoType;
}
export interface SliceType {
  readonly kind: "slice";
  readonly elem: GoType;
}
export interface ArrayType {
  readonly kind: "array";
  readonly length: number;
  readonly elem: GoType;
}
export interface MapType {
  readonly kind: "map";
  readonly key: GoType;
  readonly value: GoType;
}
export interface ChanType {
  readonly kind: "chan";
  readonly dir: ChanDir;
  readonly elem: GoType;
}
export interface FuncType {
  readonly kind: "func";
  readonly params: readonly GoParam[];
  readonly results: readonly GoParam[];
  readonly variadic: boolean;
  /** Only for a generic func printed with its type parameters (`func[T any](x T)`). */
  readonly typeParams?: readonly TypeParamGroup[];
}
export interface InterfaceType {
  readonly kind: "interface";
  readonly methods: readonly GoMethod[];
  /** Embedded interfaces and type-set terms (a union is one element). */
  readonly embedded: readonly GoType[];
}
export interface StructType {
  readonly kind: "struct";
  readonly fields: readonly GoField[];
}
/** A type-set expression: `~int | ~string`, or a single `~T`. Only at the top of a constraint or inside an interface. */
export interface UnionType {
  readonly kind: "union";
  readonly terms: readonly UnionTerm[];
}

export type GoType =
  | BasicType
  | NamedType
  | TypeParamRef
  | PointerType
  | SliceType
  | ArrayType
  | MapType
  | ChanType
  | FuncType
  | InterfaceType
  | StructType
  | UnionType;

export interface ParseTypeOptions {
  /** Type parameter names in scope: a bare name among them is a `typeparam`, not a type of the package. */
  readonly typeParams?: Iterable<string>;
  /** Where the string came from (a JSON path), for errors. */
  readonly where?: string;
}

type Token =
  | { readonly t: "ident"; readonly text: string; readonly at: number; readonly space: boolean }
  | { readonly t: "string"; readonly text: string; readonly at: number; readonly space: boolean }
  | { readonly t: "punct"; readonly text: string; readonly at: number; readonly space: boolean }
  | { readonly t: "eof"; readonly text: ""; readonly at: number; readonly space: boolean };

const KEYWORDS: ReadonlySet<string> = new Set(["chan", "func", "interface", "map", "struct"]);
const PUNCT2 = ["<-", "..."];
const PUNCT1 = "*[](){},;|~";
const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
const RUN_START = /[\p{L}\p{Nd}_]/u;
const RUN_CHAR = /[\p{L}\p{Nd}_./\-~+]/u;

/** Splits the string into tokens, remembering whether blank space came before each. */
function tokenize(s: string, fail: Fail): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (true) {
    const start = i;
    while (i < s.length && (s[i] === " " || s[i] === "\t" || s[i] === "\n")) i++;
    const space = i > start;
    if (i >= s.length) {
      out.push({ t: "eof", text: "", at: i, space });
      return out;
    }
    const c = s[i]!;
    const two = PUNCT2.find((p) => s.startsWith(p, i));
    if (two !== undefined) {
      out.push({ t: "punct", text: two, at: i, space });
      i += two.length;
    } else if (PUNCT1.includes(c)) {
      out.push({ t: "punct", text: c, at: i, space });
      i++;
    } else if (c === '"' || c === "`") {
      const end = stringEnd(s, i, fail);
      out.push({ t: "string", text: s.slice(i, end), at: i, space });
      i = end;
    } else {
      const cp = String.fromCodePoint(s.codePointAt(i)!);
      if (!RUN_START.test(cp)) fail("M074_TYPEEXPR_E002", `unexpected character ${JSON.stringify(cp)}`, i);
      let j = i;
      while (j < s.length) {
        const ch = String.fromCodePoint(s.codePointAt(j)!);
        if (!RUN_CHAR.test(ch)) break;
        j += ch.length;
      }
      out.push({ t: "ident", text: s.slice(i, j), at: i, space });
      i = j;
    }
  }
}

/** The index just past the string literal starting at `i`. */
function stringEnd(s: string, i: number, fail: Fail): number {
  const quote = s[i]!;
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === quote) return j + 1;
    if (quote === '"' && s[j] === "\\") j++;
    else if (quote === '"' && s[j] === "\n") break;
  }
  return fail("M074_TYPEEXPR_E005", "unterminated string literal", i);
}

type Fail = (code: ErrorCode, detail: string, at: number) => never;

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, "'": 39, '"': 34 };

/** The string a Go string literal denotes (strconv.Unquote). */
function unquote(literal: string, at: number, fail: Fail): string {
  if (literal[0] === "`") {
    if (literal.includes("\r")) fail("M074_TYPEEXPR_E005", "carriage return in a raw string literal", at);
    return literal.slice(1, -1);
  }
  const bytes: number[] = [];
  const body = literal.slice(1, -1);
  const bad = (why: string, k: number): never => fail("M074_TYPEEXPR_E005", `${why} in struct tag ${literal}`, at + 1 + k);
  for (let k = 0; k < body.length; ) {
    const c = body[k]!;
    if (c !== "\\") {
      const ch = String.fromCodePoint(body.codePointAt(k)!);
      bytes.push(...utf8Encode(ch));
      k += ch.length;
      continue;
    }
    const e = body[k + 1];
    if (e === undefined) bad("backslash at end", k);
    if (e! in SIMPLE_ESCAPES) {
      if (e === "'") bad("escape \\' in a double-quoted literal", k);
      bytes.push(SIMPLE_ESCAPES[e!]!);
      k += 2;
    } else if (e! >= "0" && e! <= "7") {
      const digits = body.slice(k + 1, k + 4);
      if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) bad(`invalid octal escape \\${digits}`, k);
      bytes.push(parseInt(digits, 8));
      k += 4;
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const digits = body.slice(k + 2, k + 2 + n);
      if (!new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(digits)) bad(`invalid escape \\${e}${digits}`, k);
      const v = parseInt(digits, 16);
      if (e === "x") bytes.push(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) bad(`escape \\${e}${digits} is not a Unicode code point`, k);
        bytes.push(...utf8Encode(String.fromCodePoint(v)));
      }
      k += 2 + n;
    } else {
      bad(`unknown escape \\${e}`, k);
    }
  }
  const value = utf8DecodeStrict(Uint8Array.from(bytes));
  return value ?? fail("M074_TYPEEXPR_E005", `struct tag ${literal} is not valid UTF-8`, at);
}

/** A recursive-descent parser over the token list, with backtracking for `[` lists. */
class Parser {
  readonly #tokens: Token[];
  readonly #fail: Fail;
  #pos = 0;
  #scope: ReadonlySet<string>;

  constructor(tokens: Token[], scope: ReadonlySet<string>, fail: Fail) {
    this.#tokens = tokens;
    this.#scope = scope;
    this.#fail = fail;
  }

  peek(k = 0): Token {
    return this.#tokens[Math.min(this.#pos + k, this.#tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.t !== "eof") this.#pos++;
    return t;
  }

  is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.t === "punct" && t.text === text;
  }

  expect(text: string): Token {
    const t = this.next();
    if (t.t !== "punct" || t.text !== text) this.unexpected(t, JSON.stringify(text));
    return t;
  }

  unexpected(t: Token, wanted: string): never {
    if (t.t === "eof") return this.#fail("M074_TYPEEXPR_E001", `the type string ends where ${wanted} was expected`, t.at);
    return this.#fail("M074_TYPEEXPR_E002", `expected ${wanted}, found ${JSON.stringify(t.text)}`, t.at);
  }

  end(): void {
    const t = this.peek();
    if (t.t !== "eof") this.#fail("M074_TYPEEXPR_E003", `unexpected ${JSON.stringify(t.text)} after a complete type`, t.at);
  }

  /** A type or a type-set expression: `T`, `~T`, `A | ~B`. */
  constraint(): GoType {
    const terms: UnionTerm[] = [this.term()];
    while (this.is("|")) {
      this.next();
      terms.push(this.term());
    }
    return terms.length === 1 && !terms[0]!.tilde ? terms[0]!.type : { kind: "union", terms };
  }

  term(): UnionTerm {
    const tilde = this.is("~");
    if (tilde) this.next();
    return { tilde, type: this.type() };
  }

  type(): GoType {
    const t = this.next();
    if (t.t === "punct") {
      switch (t.text) {
        case "*":
          return { kind: "pointer", elem: this.type() };
        case "[":
          return this.sliceOrArray();
        case "<-": {
          const chan = this.next();
          if (chan.t !== "ident" || chan.text !== "chan") this.unexpected(chan, '"chan"');
          return { kind: "chan", dir: "recv", elem: this.type() };
        }
      }
      return this.unexpected(t, "a type");
    }
    if (t.t !== "ident") return this.unexpected(t, "a type");
    switch (t.text) {
      case "func":
        return this.funcRest(true);
      case "map": {
        this.expect("[");
        const key = this.type();
        this.expect("]");
        return { kind: "map", key, value: this.type() };
      }
      case "chan":
        return this.chanRest();
      case "struct":
        return this.structRest();
      case "interface":
        return this.interfaceRest();
      case "invalid":
        if (this.peek().t === "ident" && this.peek().text === "type") {
          this.#fail("M074_TYPEEXPR_E007", "the type is `invalid type`: go/types could not type-check it", t.at);
        }
    }
    return this.namedOrBasic(t);
  }

  sliceOrArray(): GoType {
    if (this.is("]")) {
      this.next();
      return { kind: "slice", elem: this.type() };
    }
    const n = this.next();
    if (n.t !== "ident" || !/^[0-9]+$/.test(n.text)) return this.unexpected(n, "an array length or \"]\"");
    const length = Number(n.text);
    if (!Number.isSafeInteger(length) || (n.text.length > 1 && n.text[0] === "0")) {
      this.#fail("M074_TYPEEXPR_E006", `array length ${n.text} is not a canonical decimal below 2^53`, n.at);
    }
    this.expect("]");
    return { kind: "array", length, elem: this.type() };
  }

  chanRest(): ChanType {
    if (this.is("<-")) {
      this.next();
      return { kind: "chan", dir: "send", elem: this.type() };
    }
    if (this.is("(")) {
      this.next();
      const elem = this.type();
      this.expect(")");
      return { kind: "chan", dir: "both", elem };
    }
    return { kind: "chan", dir: "both", elem: this.type() };
  }

  /** After `func`: optional type parameters, parameters, results. */
  funcRest(allowTypeParams: boolean): FuncType {
    let typeParams: TypeParamGroup[] | undefined;
    const saved = this.#scope;
    if (allowTypeParams && this.is("[") && !this.peek().space) {
      this.next();
      typeParams = this.typeParamGroups() ?? this.unexpected(this.peek(), "type parameters");
    }
    try {
      const sig = this.signature();
      return typeParams === undefined ? sig : { ...sig, typeParams };
    } finally {
      this.#scope = saved;
    }
  }

  signature(): FuncType {
    this.expect("(");
    const { list: params, variadic } = this.paramList(true);
    let results: GoParam[] = [];
    if (this.is("(")) {
      this.next();
      results = this.paramList(false).list;
    } else if (this.startsType(this.peek())) {
      results = [{ type: this.type() }];
    }
    return { kind: "func", params, results, variadic };
  }

  /** Whether the token can begin a type (used after a func's parameters and after a name). */
  startsType(t: Token): boolean {
    if (t.t === "ident") return true;
    return t.t === "punct" && (t.text === "*" || t.text === "[" || t.text === "<-");
  }

  /** Whether the current token is a name followed by a type (`x int`, `args ...any`, `a []int`). */
  atName(allowEllipsis: boolean): boolean {
    const t = this.peek();
    if (t.t !== "ident" || !IDENT.test(t.text) || KEYWORDS.has(t.text)) return false;
    const n = this.peek(1);
    if (n.t === "punct" && n.text === "[") return n.space;
    if (n.t === "punct" && n.text === "...") return allowEllipsis;
    return this.startsType(n);
  }

  /** The list after `(` up to and including `)`. */
  paramList(allowVariadic: boolean): { list: GoParam[]; variadic: boolean } {
    const list: GoParam[] = [];
    let variadic = false;
    if (this.is(")")) {
      this.next();
      return { list, variadic };
    }
    while (true) {
      if (variadic) this.#fail("M074_TYPEEXPR_E009", "only the last parameter can be variadic", this.peek().at);
      const name = this.atName(allowVariadic) ? this.next().text : undefined;
      let type: GoType;
      if (this.is("...")) {
        const dots = this.next();
        if (!allowVariadic) this.#fail("M074_TYPEEXPR_E009", "a result cannot be variadic", dots.at);
        variadic = true;
        type = { kind: "slice", elem: this.type() };
      } else {
        type = this.type();
      }
      list.push(name === undefined ? { type } : { name, type });
      const sep = this.next();
      if (sep.t === "punct" && sep.text === ")") return { list, variadic };
      if (sep.t !== "punct" || sep.text !== ",") this.unexpected(sep, '"," or ")"');
    }
  }

  structRest(): StructType {
    this.expect("{");
    const fields: GoField[] = [];
    if (this.is("}")) {
      this.next();
      return { kind: "struct", fields };
    }
    while (true) {
      let field: GoField;
      if (this.atName(false)) {
        const name = this.next().text;
        field = { name, embedded: false, type: this.type() };
      } else {
        const at = this.peek().at;
        const type = this.type();
        field = { name: embeddedName(type) ?? this.#fail("M074_TYPEEXPR_E008", "an embedded field must be a type name or a pointer to one", at), embedded: true, type };
      }
      const tag = this.peek();
      if (tag.t === "string") {
        this.next();
        field = { ...field, tag: { literal: tag.text, value: unquote(tag.text, tag.at, this.#fail) } };
      }
      fields.push(field);
      const sep = this.next();
      if (sep.t === "punct" && sep.text === "}") return { kind: "struct", fields };
      if (sep.t !== "punct" || sep.text !== ";") this.unexpected(sep, '";" or "}"');
    }
  }

  interfaceRest(): InterfaceType {
    this.expect("{");
    const methods: GoMethod[] = [];
    const embedded: GoType[] = [];
    if (this.is("}")) {
      this.next();
      return { kind: "interface", methods, embedded };
    }
    while (true) {
      const t = this.peek();
      if (t.t === "ident" && IDENT.test(t.text) && !KEYWORDS.has(t.text) && this.is("(", 1) && !this.peek(1).space) {
        this.next();
        methods.push({ name: t.text, type: this.signature() });
      } else {
        embedded.push(this.constraint());
      }
      const sep = this.next();
      if (sep.t === "punct" && sep.text === "}") return { kind: "interface", methods, embedded };
      if (sep.t !== "punct" || sep.text !== ";") this.unexpected(sep, '";" or "}"');
    }
  }

  namedOrBasic(t: Token): GoType {
    const { pkg, name } = splitQualified(t.text, t.at, this.#fail);
    const bracket = this.is("[") && !this.peek().space;
    if (pkg === "" && this.#scope.has(name)) {
      if (bracket) this.#fail("M074_TYPEEXPR_E010", `type parameter ${name} cannot take type arguments`, this.peek().at);
      return { kind: "typeparam", name };
    }
    if (pkg === "" && BASIC.has(name)) return { kind: "basic", name: name as BasicName };
    if (!bracket) return { kind: "named", pkg, name, args: [] };
    this.next();
    const saved = this.#scope;
    const typeParams = this.typeParamGroups();
    this.#scope = saved;
    if (typeParams !== undefined) return { kind: "named", pkg, name, args: [], typeParams };
    const args: GoType[] = [this.type()];
    while (this.is(",")) {
      this.next();
      args.push(this.type());
    }
    this.expect("]");
    return { kind: "named", pkg, name, args };
  }

  /**
   * After `[`: `K, V any, S ~[]E` up to and including `]`, with the names
   * added to the scope; or undefined, with nothing consumed, when the list
   * is not one of type parameter declarations (then it holds type arguments).
   */
  typeParamGroups(): TypeParamGroup[] | undefined {
    const start = this.#pos;
    const names: string[][] = [];
    let group: string[] = [];
    // First pass: find the names, so a constraint can mention any of them.
    // A name is followed by "," or by blank space and its constraint.
    let ok = false;
    try {
      while (true) {
        const t = this.peek();
        if (t.t !== "ident" || !IDENT.test(t.text) || KEYWORDS.has(t.text)) break;
        group.push(t.text);
        this.next();
        if (this.is(",")) {
          this.next();
          continue;
        }
        const c = this.peek();
        if (!c.space || (!this.startsType(c) && !this.is("~"))) break;
        names.push(group);
        group = [];
        this.constraint();
        if (!this.is(",")) break;
        this.next();
      }
      ok = names.length > 0 && group.length === 0 && this.is("]");
    } catch (e) {
      if (!isMochiError(e)) throw e;
    }
    this.#pos = start;
    if (!ok) return undefined;
    this.#scope = new Set([...this.#scope, ...names.flat()]);
    const groups: TypeParamGroup[] = [];
    for (const g of names) {
      for (let i = 0; i < g.length; i++) {
        this.next();
        if (i < g.length - 1) this.expect(",");
      }
      groups.push({ names: g, constraint: this.constraint() });
      if (this.is(",")) this.next();
    }
    this.expect("]");
    return groups;
  }
}

/** The name an embedded field gets from its type, or undefined if the type cannot be embedded. */
function embeddedName(t: GoType): string | undefined {
  const base = t.kind === "pointer" ? t.elem : t;
  if (base.kind === "named" || base.kind === "basic") return base.name;
  return undefined;
}

/**
 * `gopkg.in/yaml.v3.Node` -> path `gopkg.in/yaml.v3`, name `Node`: the
 * split is at the last dot after the last slash, so dots and dashes in the
 * path are kept. A name without a dot is the package's own (or predeclared).
 */
function splitQualified(run: string, at: number, fail: Fail): { pkg: string; name: string } {
  const slash = run.lastIndexOf("/");
  const dot = run.lastIndexOf(".");
  if (dot < 0 || dot < slash) {
    if (slash >= 0 || !IDENT.test(run)) fail("M074_TYPEEXPR_E004", `${JSON.stringify(run)} is neither an identifier nor a qualified name`, at);
    return { pkg: "", name: run };
  }
  const pkg = run.slice(0, dot);
  const name = run.slice(dot + 1);
  if (!IDENT.test(name) || pkg === "" || pkg.split("/").some((el) => el === "" || el.startsWith(".") || el.endsWith("."))) {
    fail("M074_TYPEEXPR_E004", `${JSON.stringify(run)} is not an import path followed by ".Name"`, at);
  }
  return { pkg, name };
}

/**
 * Parses a type string: any type go/types prints, or a type-set expression
 * (`~int | ~float64`) as constraints and interface embeddings print. Throws
 * a MochiError (M074_TYPEEXPR_*) naming the offset of the problem.
 */
export function parseType(s: string, options: ParseTypeOptions = {}): GoType {
  const fail: Fail = (code, detail, at) => {
    throw new MochiError(code, `${detail} in type string ${JSON.stringify(s)} at offset ${at}`, options.where === undefined ? {} : { where: options.where });
  };
  const parser = new Parser(tokenize(s, fail), new Set(options.typeParams ?? []), fail);
  const t = parser.constraint();
  parser.end();
  return t;
}

/** Prints a type as go/types does (the inverse of parseType). */
export function printType(t: GoType): string {
  switch (t.kind) {
    case "basic":
    case "typeparam":
      return t.name;
    case "named": {
      const name = t.pkg === "" ? t.name : `${t.pkg}.${t.name}`;
      if (t.args.length > 0) return `${name}[${t.args.map(printType).join(", ")}]`;
      return t.typeParams === undefined ? name : `${name}[${printTypeParams(t.typeParams)}]`;
    }
    case "pointer":
      return `*${printType(t.elem)}`;
    case "slice":
      return `[]${printType(t.elem)}`;
    case "array":
      return `[${t.length}]${printType(t.elem)}`;
    case "map":
      return `map[${printType(t.key)}]${printType(t.value)}`;
    case "chan":
      if (t.dir === "send") return `chan<- ${printType(t.elem)}`;
      if (t.dir === "recv") return `<-chan ${printType(t.elem)}`;
      // chan (<-chan T): without parentheses it would read as chan<- (chan T).
      return t.elem.kind === "chan" && t.elem.dir === "recv" ? `chan (${printType(t.elem)})` : `chan ${printType(t.elem)}`;
    case "func":
      return `func${t.typeParams === undefined ? "" : `[${printTypeParams(t.typeParams)}]`}${printSignature(t)}`;
    case "interface":
      return `interface{${[...t.methods.map((m) => m.name + printSignature(m.type)), ...t.embedded.map(printType)].join("; ")}}`;
    case "struct":
      return `struct{${t.fields.map(printField).join("; ")}}`;
    case "union":
      return t.terms.map((x) => (x.tilde ? "~" : "") + printType(x.type)).join(" | ");
  }
}

function printTypeParams(groups: readonly TypeParamGroup[]): string {
  return groups.map((g) => `${g.names.join(", ")} ${printType(g.constraint)}`).join(", ");
}

/** `(params) results`: one unnamed result bare, otherwise a parenthesised list. */
export function printSignature(f: FuncType): string {
  const params = f.params.map((p, i) => {
    const last = f.variadic && i === f.params.length - 1;
    const type = last && p.type.kind === "slice" ? `...${printType(p.type.elem)}` : printType(p.type);
    return p.name === undefined ? type : `${p.name} ${type}`;
  });
  const head = `(${params.join(", ")})`;
  if (f.results.length === 0) return head;
  if (f.results.length === 1 && f.results[0]!.name === undefined) return `${head} ${printType(f.results[0]!.type)}`;
  return `${head} (${f.results.map((r) => (r.name === undefined ? printType(r.type) : `${r.name} ${printType(r.type)}`)).join(", ")})`;
}

function printField(f: GoField): string {
  const head = f.embedded ? printType(f.type) : `${f.name} ${printType(f.type)}`;
  return f.tag === undefined ? head : `${head} ${f.tag.literal}`;
}
