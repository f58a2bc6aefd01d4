// go.mod files, read as golang.org/x/mod/modfile reads them: a line-oriented
// lexer (// comments, "quoted" and `raw` strings, punctuation), statements
// and "verb ( ... )" blocks, then one rule per directive. Comments are kept
// where they carry meaning: "// indirect" on requirements, "// Deprecated:" on
// the module line, and the rationale comments of retractions.
//
// Strict mode is modfile.Parse (the main module: every directive checked,
// unknown ones rejected). Lax mode is modfile.ParseLax, for the go.mod files
// of dependencies: only module, go, require and retract count, everything
// else is skipped, so a dependency written by a newer Go still loads.
// Each rule that can fail has its own M074_GOMOD_E* code.

import { utf8DecodeStrict, utf8Encode } from "../bytes.js";
import { MochiError, isMochiError, type ErrorCode } from "../errors.js";
import { fields, trimSpace } from "./goenv.js";
import { checkImportPath, checkPathMajor, splitPathVersion } from "./modpath.js";
import { canonicalModuleVersion, compare } from "./semver.js";

/** 1-based line and column; the column counts Unicode code points, as Go's LineRune does. */
export interface Pos {
  readonly line: number;
  readonly col: number;
}

export interface GoModRequire {
  readonly path: string;
  /** Canonical (v1.2 is read as v1.2.0). */
  readonly version: string;
  /** The line carries a "// indirect" comment. */
  readonly indirect: boolean;
  readonly pos: Pos;
}

export interface GoModExclude {
  readonly path: string;
  readonly version: string;
  readonly pos: Pos;
}

export interface GoModReplace {
  /** Without a version the replacement applies to every version of the module. */
  readonly old: { readonly path: string; readonly version?: string };
  /** A module path with a version, or a directory path without one. */
  readonly new: { readonly path: string; readonly version?: string };
  readonly pos: Pos;
}

export interface GoModRetract {
  /** low == high for a single version. */
  readonly low: string;
  readonly high: string;
  /** The comment above or after the directive ("" if none). */
  readonly rationale: string;
  readonly pos: Pos;
}

export interface GoModFile {
  readonly filename: string;
  readonly module: { readonly path: string; readonly deprecated?: string; readonly pos: Pos };
  /** The go directive's version, e.g. "1.21.0". */
  readonly go?: string;
  /** The toolchain directive's name, e.g. "go1.22.1". */
  readonly toolchain?: string;
  readonly godebug: readonly { readonly key: string; readonly value: string; readonly pos: Pos }[];
  readonly require: readonly GoModRequire[];
  readonly exclude: readonly GoModExclude[];
  readonly replace: readonly GoModReplace[];
  readonly retract: readonly GoModRetract[];
  readonly tool: readonly { readonly path: string; readonly pos: Pos }[];
  readonly ignore: readonly { readonly path: string; readonly pos: Pos }[];
}

export interface ParseGoModOptions {
  /** Read as a dependency's go.mod (modfile.ParseLax) rather than the main module's. */
  readonly lax?: boolean;
}

const q = (s: string): string => JSON.stringify(s);

// ---------------------------------------------------------------------------
// Lexer

type Kind = "ident" | "string" | "comment" | "eolcomment" | "\n" | "(" | ")" | "[" | "]" | "{" | "}" | "," | "eof";

interface Token {
  readonly kind: Kind;
  readonly text: string;
  readonly pos: Pos;
}

const PUNCT = new Set(["\n", "(", ")", "[", "]", "{", "}", ","]);
// unicode.IsPrint minus unicode.IsSpace: letters, marks, numbers, punctuation, symbols.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const isIdentChar = (c: string): boolean => !PUNCT.has(c) && PRINTABLE.test(c);
const isEol = (k: Kind): boolean => k === "\n" || k === "eolcomment" || k === "eof";

class Lexer {
  private readonly chars: readonly string[];
  private i = 0;
  private line = 1;
  private col = 1;
  private peeked: Token | undefined;

  constructor(
    text: string,
    private readonly filename: string,
  ) {
    this.chars = [...text];
  }

  where(pos: Pos): string {
    return `${this.filename}:${pos.line}:${pos.col}`;
  }

  fail(code: ErrorCode, detail: string, pos: Pos): never {
    throw new MochiError(code, detail, { where: this.where(pos) });
  }

  peek(): Token {
    this.peeked ??= this.scan();
    return this.peeked;
  }

  next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private here(): Pos {
    return { line: this.line, col: this.col };
  }

  private read(): string {
    const c = this.chars[this.i++]!;
    if (c === "\n") {
      this.line++;
      this.col = 1;
    } else {
      this.col++;
    }
    return c;
  }

  private at(s: string): boolean {
    return this.chars[this.i] === s[0] && this.chars[this.i + 1] === s[1];
  }

  private scan(): Token {
    for (;;) {
      const c = this.chars[this.i];
      if (c === " " || c === "\t" || c === "\r") {
        this.read();
        continue;
      }
      if (this.at("//")) return this.comment();
      if (this.at("/*")) this.fail("M074_GOMOD_E002", "go.mod files must use // comments, not /* */", this.here());
      break;
    }
    const pos = this.here();
    const start = this.i;
    const c = this.chars[this.i];
    if (c === undefined) return { kind: "eof", text: "", pos };
    if (PUNCT.has(c)) return { kind: this.read() as Kind, text: c, pos };
    if (c === '"' || c === "`") {
      this.read();
      for (;;) {
        if (this.i >= this.chars.length) this.fail("M074_GOMOD_E003", "unexpected end of file in string", pos);
        if (this.chars[this.i] === "\n") this.fail("M074_GOMOD_E003", "unexpected newline in string", this.here());
        const d = this.read();
        if (d === c) break;
        if (d === "\\" && c === '"') {
          if (this.i >= this.chars.length) this.fail("M074_GOMOD_E003", "unexpected end of file in string", pos);
          this.read();
        }
      }
      return { kind: "string", text: this.chars.slice(start, this.i).join(""), pos };
    }
    if (!isIdentChar(c)) {
      const cp = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      this.fail("M074_GOMOD_E001", `unexpected input character U+${cp}`, pos);
    }
    while (this.i < this.chars.length && isIdentChar(this.chars[this.i]!)) {
      if (this.at("//")) break;
      if (this.at("/*")) this.fail("M074_GOMOD_E002", "go.mod files must use // comments, not /* */", this.here());
      this.read();
    }
    return { kind: "ident", text: this.chars.slice(start, this.i).join(""), pos };
  }

  /** A comment runs to the end of its line; it is a suffix comment when code precedes it on that line. */
  private comment(): Token {
    const pos = this.here();
    let j = this.i - 1;
    while (j >= 0 && this.chars[j] !== "\n" && trimSpace(this.chars[j]!) === "") j--;
    const suffix = j >= 0 && this.chars[j] !== "\n";
    const start = this.i;
    while (this.i < this.chars.length && this.chars[this.i] !== "\n") this.read();
    const text = this.chars.slice(start, this.i).join("");
    if (this.i < this.chars.length) this.read();
    return { kind: suffix ? "eolcomment" : "comment", text, pos };
  }
}

// ---------------------------------------------------------------------------
// Syntax: statements and blocks, with the comments attached to them

interface Line {
  readonly tokens: string[];
  readonly pos: Pos;
  /** Whole-line comments directly above. */
  before: string[];
  /** The comment at the end of the line. */
  readonly suffix: string[];
}

interface Block {
  readonly tokens: string[];
  readonly pos: Pos;
  readonly lines: Line[];
  before: string[];
  /** The comment after the closing ")". */
  readonly suffix: string[];
}

type Stmt = ({ kind: "line" } & Line) | ({ kind: "block" } & Block);

const suffixOf = (t: Token): string[] => (t.kind === "eolcomment" ? [t.text] : []);

function parseFile(lx: Lexer): Stmt[] {
  const stmts: Stmt[] = [];
  let before: string[] = [];
  for (;;) {
    const t = lx.peek();
    if (t.kind === "eof") return stmts;
    if (t.kind === "\n") {
      lx.next();
      before = []; // a blank line detaches the comments above it
    } else if (t.kind === "comment") {
      before.push(lx.next().text);
    } else {
      const s = parseStmt(lx);
      s.before = before;
      before = [];
      stmts.push(s);
    }
  }
}

function parseStmt(lx: Lexer): Stmt {
  const first = lx.next();
  const tokens = [first.text];
  for (;;) {
    const t = lx.next();
    if (isEol(t.kind)) return { kind: "line", tokens, pos: first.pos, before: [], suffix: suffixOf(t) };
    if (t.kind !== "(") {
      tokens.push(t.text);
      continue;
    }
    const n = lx.peek();
    if (isEol(n.kind)) return { kind: "block", ...parseBlock(lx, tokens, first.pos) };
    if (n.kind !== ")") {
      tokens.push("(");
      continue;
    }
    lx.next();
    if (isEol(lx.peek().kind)) {
      return { kind: "block", tokens, pos: first.pos, lines: [], before: [], suffix: suffixOf(lx.next()) };
    }
    tokens.push("(", ")"); // "( )" inside a line is just two tokens
  }
}

function parseBlock(lx: Lexer, tokens: string[], pos: Pos): Block {
  const lines: Line[] = [];
  let comments: string[] = [];
  for (;;) {
    const t = lx.peek();
    switch (t.kind) {
      case "eolcomment": // after the "(": belongs to no line
      case "\n":
        lx.next();
        break;
      case "comment":
        comments.push(lx.next().text);
        break;
      case "eof":
        lx.fail("M074_GOMOD_E004", `unterminated block: no ')' closes the block started at ${lx.where(pos)}`, pos);
      case ")": {
        lx.next();
        const after = lx.peek();
        if (!isEol(after.kind)) lx.fail("M074_GOMOD_E005", `expected a newline after ')', found ${q(after.text)}`, after.pos);
        return { tokens, pos, lines, before: [], suffix: suffixOf(lx.next()) };
      }
      default: {
        const first = lx.next();
        const words = [first.text];
        let end = lx.next();
        for (; !isEol(end.kind); end = lx.next()) words.push(end.text);
        lines.push({ tokens: words, pos: first.pos, before: comments, suffix: suffixOf(end) });
        comments = [];
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Directives

/** The text of the comments of a line, or of its block when the line has none (modfile's parseDirectiveComment). */
function directiveComment(block: Block | undefined, line: Line): string {
  let cs = [...line.before, ...line.suffix];
  if (block !== undefined && cs.length === 0) cs = [...block.before, ...block.suffix];
  return cs.map((c) => trimSpace(c.slice(2))).join("\n");
}

const DEPRECATED = /(?:^|\n\n)Deprecated: *([\s\S]*?)(?:$|\n\n)/;
// The go line: 1.21, 1.21.0, 1.21rc1, 1.21.0rc1 (modfile.GoVersionRE), and what ParseLax salvages.
const GO_VERSION = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
const LAX_GO_VERSION = /^v?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)$/;
const TOOLCHAIN = /^default$|^go1($|\.)/;

const ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, '"': 34 };

/**
 * strconv.Unquote for a double-quoted Go string. \x and octal escapes make
 * bytes; the result must be valid UTF-8 (a JavaScript string cannot hold
 * anything else). Returns a reason on failure.
 */
function unquote(text: string): string | { why: string } {
  const body = [...text.slice(1, -1)];
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\n") return { why: "newline in string" };
    if (c !== "\\") {
      out.push(...utf8Encode(c));
      continue;
    }
    const e = body[++i];
    if (e === undefined) return { why: "string ends in a backslash" };
    const hex = (n: number): number | undefined => {
      const digits = body.slice(i + 1, i + 1 + n).join("");
      if (!new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(digits)) return undefined;
      i += n;
      return parseInt(digits, 16);
    };
    if (e in ESCAPES) {
      out.push(ESCAPES[e]!);
    } else if (e >= "0" && e <= "7") {
      const digits = body.slice(i, i + 3).join("");
      if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) return { why: `invalid octal escape \\${digits}` };
      out.push(parseInt(digits, 8));
      i += 2;
    } else if (e === "x") {
      const b = hex(2);
      if (b === undefined) return { why: "invalid \\x escape" };
      out.push(b);
    } else if (e === "u" || e === "U") {
      const r = hex(e === "u" ? 4 : 8);
      if (r === undefined || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return { why: `invalid \\${e} escape` };
      out.push(...utf8Encode(String.fromCodePoint(r)));
    } else {
      return { why: `unknown escape \\${e}` };
    }
  }
  const s = utf8DecodeStrict(Uint8Array.from(out));
  return s === undefined ? { why: "escapes spell invalid UTF-8" } : s;
}

/** Everything the directive rules need about where they are. */
interface Ctx {
  readonly strict: boolean;
  readonly block: Block | undefined;
  readonly line: Line;
  readonly verb: string;
  readonly where: string;
}

function fail(ctx: Ctx, code: ErrorCode, detail: string, cause?: unknown): never {
  throw new MochiError(code, `${ctx.verb}: ${detail}`, { where: ctx.where, ...(cause === undefined ? {} : { cause }) });
}

/** parseString: an argument is either a "double-quoted" Go string or plain text with no quote characters. */
function str(ctx: Ctx, arg: string): string {
  if (arg.startsWith('"')) {
    const s = unquote(arg);
    if (typeof s !== "string") fail(ctx, "M074_GOMOD_E008", `invalid quoted string ${arg}: ${s.why}`);
    return s;
  }
  if (/["'`]/.test(arg)) fail(ctx, "M074_GOMOD_E008", `${q(arg)}: an unquoted argument cannot contain a quote (raw strings are not allowed)`);
  return arg;
}

function usage(ctx: Ctx, form: string): never {
  fail(ctx, "M074_GOMOD_E009", `wrong arguments ${q(ctx.line.tokens.join(" "))}; usage: ${form}`);
}

/** A version argument, canonicalised as modfile does (v1.2 → v1.2.0; +incompatible kept). */
function version(ctx: Ctx, path: string, arg: string): string {
  const v = str(ctx, arg);
  const c = canonicalModuleVersion(v);
  if (c === "") fail(ctx, "M074_GOMOD_E018", `${path === "" ? "" : path + ": "}invalid version ${q(v)}: must be of the form v1.2.3`);
  return c;
}

/** A module path in require/exclude/replace: a valid import path whose major suffix splits cleanly; returns pathMajor. */
function modulePath(ctx: Ctx, path: string): string {
  try {
    checkImportPath(path);
  } catch (e) {
    if (!isMochiError(e)) throw e;
    fail(ctx, "M074_GOMOD_E012", `invalid module path: ${e.detail}`, e);
  }
  const { pathMajor, ok } = splitPathVersion(path);
  if (!ok) fail(ctx, "M074_GOMOD_E012", `invalid module path ${q(path)}: malformed major-version suffix`);
  return pathMajor;
}

function fitsMajor(ctx: Ctx, path: string, v: string, pathMajor: string): void {
  try {
    checkPathMajor(v, pathMajor);
  } catch (e) {
    if (!isMochiError(e)) throw e;
    fail(ctx, "M074_GOMOD_E019", `${path}: ${e.detail}`, e);
  }
}

/** modfile.IsDirectoryPath: Unix and Windows spellings alike, since go.mod files travel between systems. */
export function isDirectoryPath(p: string): boolean {
  return (
    p === "." || p.startsWith("./") || p.startsWith(".\\") ||
    p === ".." || p.startsWith("../") || p.startsWith("..\\") ||
    p.startsWith("/") || p.startsWith("\\") ||
    /^[A-Za-z]:/.test(p)
  );
}

function parseReplace(ctx: Ctx, args: readonly string[]): GoModReplace {
  const arrow = args[1] === "=>" ? 1 : 2;
  if (args.length < arrow + 2 || args.length > arrow + 3 || args[arrow] !== "=>") {
    usage(ctx, "replace module/path [v1.2.3] => other/module v1.4 | replace module/path [v1.2.3] => ../local/directory");
  }
  const oldPath = str(ctx, args[0]!);
  const pathMajor = modulePath(ctx, oldPath);
  let oldVersion: string | undefined;
  if (arrow === 2) {
    oldVersion = version(ctx, oldPath, args[1]!);
    fitsMajor(ctx, oldPath, oldVersion, pathMajor);
  }
  const newPath = str(ctx, args[arrow + 1]!);
  const pos = ctx.line.pos;
  const old = oldVersion === undefined ? { path: oldPath } : { path: oldPath, version: oldVersion };
  if (args.length === arrow + 2) {
    if (!isDirectoryPath(newPath)) {
      if (newPath.includes("@")) fail(ctx, "M074_GOMOD_E021", `replacement ${q(newPath)} must be written 'path version', not 'path@version'`);
      fail(ctx, "M074_GOMOD_E020", `replacement ${q(newPath)} has no version, so it must be a directory path (rooted, or starting with . or ..)`);
    }
    return { old, new: { path: newPath }, pos };
  }
  const newVersion = version(ctx, newPath, args[arrow + 2]!);
  if (isDirectoryPath(newPath)) fail(ctx, "M074_GOMOD_E022", `replacement directory ${q(newPath)} cannot have a version`);
  modulePath(ctx, newPath);
  return { old, new: { path: newPath, version: newVersion }, pos };
}

/** "v1.2.3" or "[v1.0.0, v1.2.3]"; returns the interval and what is left. */
function versionInterval(ctx: Ctx, args: readonly string[]): { low: string; high: string; rest: readonly string[] } {
  const bad = (why: string): never => fail(ctx, "M074_GOMOD_E023", `${why} in ${q(args.join(" "))}`);
  if (args.length === 0 || args[0] === "(") bad("expected '[' or a version");
  if (args[0] !== "[") {
    const v = version(ctx, "", args[0]!);
    return { low: v, high: v, rest: args.slice(1) };
  }
  if (args.length < 2) bad("expected a version after '['");
  const low = version(ctx, "", args[1]!);
  if (args[2] !== ",") bad("expected ',' after the version");
  if (args.length < 4) bad("expected a version after ','");
  const high = version(ctx, "", args[3]!);
  if (args[4] !== "]") bad("expected ']' after the version");
  return { low, high, rest: args.slice(5) };
}

/** isIndirect: the line's own comment is exactly "indirect", or starts "indirect;". */
function isIndirect(line: Line): boolean {
  const f = fields(line.suffix[0]?.slice(2) ?? "");
  return (f.length === 1 && f[0] === "indirect") || (f.length > 1 && f[0] === "indirect;");
}

interface Builder {
  module?: { path: string; deprecated?: string; pos: Pos };
  go?: string;
  toolchain?: string;
  godebug: { key: string; value: string; pos: Pos }[];
  require: GoModRequire[];
  exclude: GoModExclude[];
  replace: GoModReplace[];
  retract: GoModRetract[];
  tool: { path: string; pos: Pos }[];
  ignore: { path: string; pos: Pos }[];
}

/** Directives a dependency's go.mod contributes; lax mode skips all others. */
const LAX_VERBS = new Set(["module", "go", "require", "retract", "ignore"]);
const BLOCK_VERBS = new Set(["module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"]);

function apply(f: Builder, ctx: Ctx, args: readonly string[]): void {
  const { line, strict } = ctx;
  const pos = line.pos;
  switch (ctx.verb) {
    case "module": {
      if (f.module !== undefined) fail(ctx, "M074_GOMOD_E011", `repeated module statement (the first is at line ${f.module.pos.line})`);
      if (args.length !== 1) usage(ctx, "module module/path");
      const path = str(ctx, args[0]!);
      try {
        checkImportPath(path);
      } catch (e) {
        if (!isMochiError(e)) throw e;
        fail(ctx, "M074_GOMOD_E012", `invalid module path: ${e.detail}`, e);
      }
      const deprecated = DEPRECATED.exec(directiveComment(ctx.block, line))?.[1];
      f.module = deprecated ? { path, deprecated, pos } : { path, pos };
      return;
    }
    case "go": {
      if (f.go !== undefined) fail(ctx, "M074_GOMOD_E013", "repeated go statement");
      if (args.length !== 1) usage(ctx, "go 1.23.0");
      let v = args[0]!;
      if (!GO_VERSION.test(v)) {
        const salvaged = strict ? undefined : LAX_GO_VERSION.exec(v)?.[1];
        if (salvaged === undefined) fail(ctx, "M074_GOMOD_E014", `invalid go version ${q(v)}: must match format 1.23.0`);
        v = salvaged;
      }
      f.go = v;
      return;
    }
    case "toolchain": {
      if (f.toolchain !== undefined) fail(ctx, "M074_GOMOD_E015", "repeated toolchain statement");
      if (args.length !== 1) usage(ctx, "toolchain go1.23.0");
      if (!TOOLCHAIN.test(args[0]!)) fail(ctx, "M074_GOMOD_E016", `invalid toolchain ${q(args[0]!)}: must match format go1.23.0 or default`);
      f.toolchain = args[0]!;
      return;
    }
    case "godebug": {
      if (args.length !== 1) usage(ctx, "godebug key=value");
      const kv = args[0]!;
      const eq = kv.indexOf("=");
      if (/["`',]/.test(kv) || eq < 0) fail(ctx, "M074_GOMOD_E017", `${q(kv)} is not key=value`);
      f.godebug.push({ key: kv.slice(0, eq), value: kv.slice(eq + 1), pos });
      return;
    }
    case "require":
    case "exclude": {
      if (args.length !== 2) usage(ctx, `${ctx.verb} module/path v1.2.3`);
      const path = str(ctx, args[0]!);
      const v = version(ctx, path, args[1]!);
      fitsMajor(ctx, path, v, modulePath(ctx, path));
      if (ctx.verb === "require") f.require.push({ path, version: v, indirect: isIndirect(line), pos });
      else f.exclude.push({ path, version: v, pos });
      return;
    }
    case "replace":
      f.replace.push(parseReplace(ctx, args));
      return;
    case "retract": {
      const rationale = directiveComment(ctx.block, line);
      let interval: ReturnType<typeof versionInterval>;
      try {
        interval = versionInterval(ctx, args);
      } catch (e) {
        // A dependency may use interval syntax a later Go adds: skip it there.
        if (!strict && isMochiError(e)) return;
        throw e;
      }
      if (interval.rest.length > 0 && strict) fail(ctx, "M074_GOMOD_E024", `unexpected token after version: ${q(interval.rest[0]!)}`);
      f.retract.push({ low: interval.low, high: interval.high, rationale, pos });
      return;
    }
    case "tool": {
      if (args.length !== 1) usage(ctx, "tool package/path");
      const path = str(ctx, args[0]!);
      try {
        checkImportPath(path);
      } catch (e) {
        if (!isMochiError(e)) throw e;
        fail(ctx, "M074_GOMOD_E012", `invalid tool path: ${e.detail}`, e);
      }
      f.tool.push({ path, pos });
      return;
    }
    case "ignore": {
      if (args.length !== 1) usage(ctx, "ignore ./directory");
      f.ignore.push({ path: str(ctx, args[0]!), pos });
      return;
    }
    default:
      fail(ctx, "M074_GOMOD_E006", `unknown directive ${q(ctx.verb)}`);
  }
}

/** cmd/go refuses two different replacements for the same module (and version). */
function checkReplacements(replace: readonly GoModReplace[], filename: string): void {
  const seen = new Map<string, GoModReplace>();
  for (const r of replace) {
    const key = `${r.old.path}@${r.old.version ?? ""}`;
    const prev = seen.get(key);
    if (prev !== undefined && (prev.new.path !== r.new.path || prev.new.version !== r.new.version)) {
      const show = (n: GoModReplace["new"]): string => (n.version === undefined ? n.path : `${n.path} ${n.version}`);
      throw new MochiError(
        "M074_GOMOD_E025",
        `conflicting replacements for ${key.replace(/@$/, "")}: ${show(prev.new)} (line ${prev.pos.line}) and ${show(r.new)}`,
        { where: `${filename}:${r.pos.line}:${r.pos.col}` },
      );
    }
    seen.set(key, r);
  }
}

/**
 * Parses a go.mod file. Throws a MochiError (M074_GOMOD_E*) at the first
 * problem, with "file:line:col" as its place. Versions come out canonical.
 */
export function parseGoMod(text: string, filename = "go.mod", options: ParseGoModOptions = {}): GoModFile {
  const strict = options.lax !== true;
  const lx = new Lexer(text, filename);
  const f: Builder = { godebug: [], require: [], exclude: [], replace: [], retract: [], tool: [], ignore: [] };
  const ctxOf = (block: Block | undefined, line: Line, verb: string): Ctx => ({
    strict, block, line, verb, where: lx.where(line.pos),
  });
  for (const s of parseFile(lx)) {
    if (s.kind === "line") {
      const verb = s.tokens[0]!;
      if (strict || LAX_VERBS.has(verb)) apply(f, ctxOf(undefined, s, verb), s.tokens.slice(1));
      continue;
    }
    const verb = s.tokens[0]!;
    if (s.tokens.length > 1 || !BLOCK_VERBS.has(verb)) {
      if (strict) lx.fail("M074_GOMOD_E007", `unknown block type: ${s.tokens.join(" ")}`, s.pos);
      continue;
    }
    if (!strict && !LAX_VERBS.has(verb)) continue;
    for (const l of s.lines) apply(f, ctxOf(s, l, verb), l.tokens);
  }
  if (f.module === undefined) {
    throw new MochiError("M074_GOMOD_E010", "no module declaration", { where: filename });
  }
  if (strict) checkReplacements(f.replace, filename);
  return { filename, ...f, module: f.module };
}

/** Whether the module's own go.mod retracts this version (it lies in some [low, high]). */
export function isRetracted(modFile: GoModFile, version: string): boolean {
  return modFile.retract.some((r) => compare(r.low, version) <= 0 && compare(version, r.high) <= 0);
}
