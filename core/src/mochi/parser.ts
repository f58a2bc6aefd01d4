// The Mochi parser (GRAMMAR.md §2). The compiler's parser is participle
// with deep lookahead, which behaves like a PEG: alternatives are tried in
// the grammar's order, the first success wins, and a choice that succeeded
// is never re-opened. This parser is a packrat PEG over the same grammar, so
// it accepts exactly what the compiler accepts, including its surprises
// (`if flag {}` reads `flag {}` as a struct literal and fails; newlines mean
// nothing, so a line starting with `(` continues the previous expression).
//
// Error recovery. A statement that fails is parsed a second time in
// recovery mode, where a block whose inner statement fails reports it,
// skips to the next statement boundary and goes on. If that does not help
// either, the statement is reported at the farthest token any alternative
// reached and skipped. The first pass never recovers, so a valid program is
// parsed exactly as the PEG parses it; recovery only changes what an
// invalid program reports.
//
// Grammar points GRAMMAR.md leaves open, settled here:
// - the statements it lists without EBNF follow the compiler's rules:
//   `fetch E into x [with E]`, `update x set {..} [where E]`,
//   `stream S { f: T .. }` (fields without commas), `model m { k: E .. }`,
//   `on S as x {..}`, `emit S { f: E, .. }`, `agent A { let|var|assign|on|intent .. }`,
//   `intent f(params) [: T] {..}`, `fact p(t, ..)`, `rule p(..) :- c, ..` where a
//   condition is a predicate or `a != b`, and logic terms are identifiers,
//   strings or ints;
// - the compiler's 999-token lookahead limit is not modelled (no valid
//   program needs to backtrack that far).

import { diagnostic, sortDiagnostics, type Diagnostic, type Span } from "./diagnostics.js";
import { lex, type LineComment, type Token } from "./lexer.js";
import type * as A from "./ast.js";
import { validateProgram, type ValidateOptions } from "./validate.js";

/** Nesting deeper than this (blocks, expressions, types) is P086 instead of a stack overflow. */
export const MAX_NESTING = 200;

const BINARY_PRECEDENCE: Readonly<Record<A.BinaryOp, number>> = {
  "*": 7, "/": 7, "%": 7,
  "+": 6, "-": 6,
  "<": 5, "<=": 5, ">": 5, ">=": 5,
  "==": 4, "!=": 4, in: 4,
  "&&": 3,
  "||": 2,
  "??": 1,
  union: 0, except: 0, intersect: 0,
};
const PUNCT_BINARY = new Set(["==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "&&", "||", "??"]);
const SOFT_BINARY = new Set(["union", "except", "intersect"]);

/** Tokens that continue the previous line's expression, so recovery does not stop at them. */
const CONTINUATION = new Set([
  "(", "[", "-", ".", "?", "..", "??", "==", "!=", "<", "<=", ">", ">=", "+", "*", "/", "%", "&&", "||", "=", "=>", ":", ",",
  ")", "]", ":-",
]);

class TooDeep extends Error {}

type QueryExprSort = NonNullable<A.QueryExpr["sort"]>;

interface Memo<T> {
  readonly node: T | undefined;
  readonly end: number;
  readonly farthest: number;
  readonly expected: ReadonlySet<string>;
  readonly diags: readonly Diagnostic[];
}

interface MemoTables {
  readonly statement: Map<number, Memo<A.Statement>>;
  readonly expr: Map<number, Memo<A.Expr>>;
  readonly unary: Map<number, Memo<A.Expr>>;
  readonly type: Map<number, Memo<A.TypeRef>>;
}

const newTables = (): MemoTables => ({ statement: new Map(), expr: new Map(), unary: new Map(), type: new Map() });

function describe(t: Token): string {
  switch (t.kind) {
    case "EOF": return "end of file";
    case "Keyword": return `keyword "${t.text}"`;
    case "Ident": return `identifier ${JSON.stringify(t.text)}`;
    case "String": return `string ${t.text.length > 24 ? `${t.text.slice(0, 20)}..."` : t.text}`;
    case "Int": case "Float": return `number ${t.text}`;
    case "Bool": return t.text;
    case "Punct": return `token "${t.text}"`;
  }
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "a statement";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** Whether the rightmost operand of `e` is a struct literal: the capture that makes `if x {}` fail. */
function endsInStructLit(e: A.Expr): boolean {
  for (let x = e; ; ) {
    if (x.kind === "StructLit") return true;
    if (x.kind === "Binary") x = x.right;
    else if (x.kind === "Unary") x = x.operand;
    else return false;
  }
}

class Parser {
  private pos = 0;
  private recover = false;
  private depth = 0;
  private diags: Diagnostic[] = [];
  private farthest = -1;
  private expected = new Set<string>();
  /** Token indices where a block was expected right after a head ending in a struct literal. */
  private readonly captures = new Set<number>();
  private readonly strictTables = newTables();
  private readonly recoverTables = newTables();
  private tables = this.strictTables;
  private readonly docs: ReadonlyMap<number, string>;
  /** Where the previous top-level statement's alternatives got to: past its end when the PEG took a shorter parse. */
  private previous = { farthest: -1, expected: new Set<string>() };

  constructor(private readonly tokens: readonly Token[], comments: readonly LineComment[], source: string) {
    const docs = new Map<number, string>();
    for (const c of comments) {
      if (!c.text.startsWith("///")) continue;
      const lineStart = source.lastIndexOf("\n", c.start.offset - 1) + 1;
      // (trim also drops a BOM before a comment on line 1)
      if (source.slice(lineStart, c.start.offset).trim() !== "") continue;
      docs.set(c.start.line, c.text.slice(3).replace(/^ /, "").replace(/\r$/, ""));
    }
    this.docs = docs;
  }

  // -------------------------------------------------------------------------
  // Tokens

  private peek(k = 0): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)]!;
  }

  private expect(what: string): undefined {
    if (this.pos > this.farthest) {
      this.farthest = this.pos;
      this.expected = new Set([what]);
    } else if (this.pos === this.farthest) {
      this.expected.add(what);
    }
    return undefined;
  }

  private isPunct(p: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === "Punct" && t.text === p;
  }

  private isKw(k: string): boolean {
    const t = this.peek();
    return t.kind === "Keyword" && t.text === k;
  }

  private isSoft(w: string): boolean {
    const t = this.peek();
    return t.kind === "Ident" && t.text === w;
  }

  private punct(p: string): Token | undefined {
    if (!this.isPunct(p)) return this.expect(`"${p}"`);
    return this.tokens[this.pos++];
  }

  private kw(k: string): Token | undefined {
    if (!this.isKw(k)) return this.expect(`"${k}"`);
    return this.tokens[this.pos++];
  }

  private soft(w: string): Token | undefined {
    if (!this.isSoft(w)) return this.expect(`"${w}"`);
    return this.tokens[this.pos++];
  }

  /** An optional token: consumed when present, never reported as expected. */
  private eat(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos++;
    return true;
  }

  private ident(): A.Name | undefined {
    const t = this.peek();
    if (t.kind !== "Ident") return this.expect("an identifier");
    this.pos++;
    return { kind: "Name", name: t.text, span: { start: t.start, end: t.end } };
  }

  private stringLit(): A.StringLit | undefined {
    const t = this.peek();
    if (t.kind !== "String") return this.expect("a string");
    this.pos++;
    return { kind: "StringLit", value: t.value, raw: t.text, span: { start: t.start, end: t.end } };
  }

  private spanFrom(start: number): Span {
    const first = this.tokens[start]!;
    if (this.pos <= start) return { start: first.start, end: first.start };
    return { start: first.start, end: this.tokens[this.pos - 1]!.end };
  }

  private docAt(start: number): string | undefined {
    let line = this.tokens[start]!.start.line - 1;
    const lines: string[] = [];
    for (let d = this.docs.get(line); d !== undefined; d = this.docs.get(--line)) lines.unshift(d);
    return lines.length === 0 ? undefined : lines.join("\n");
  }

  // -------------------------------------------------------------------------
  // PEG machinery

  /** Runs `fn`; on failure restores the position and drops diagnostics it added. */
  private attempt<T>(fn: () => T | undefined): T | undefined {
    const pos = this.pos;
    const nd = this.diags.length;
    const r = fn();
    if (r === undefined) {
      this.pos = pos;
      this.diags.length = nd;
    }
    return r;
  }

  private alt<T>(...fns: (() => T | undefined)[]): T | undefined {
    for (const fn of fns) {
      const r = this.attempt(fn);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  /** `{ fn }`: stops at the first failure (restored) or when nothing was consumed. */
  private many<T>(fn: () => T | undefined): T[] {
    const out: T[] = [];
    for (;;) {
      const pos = this.pos;
      const r = this.attempt(fn);
      if (r === undefined || this.pos === pos) return out;
      out.push(r);
    }
  }

  /** `item { sep item }`; a trailing separator is left unconsumed for the caller's `[sep]`. */
  private list<T>(item: () => T | undefined, sep: string): T[] | undefined {
    const first = this.attempt(item);
    if (first === undefined) return undefined;
    return [first, ...this.many(() => (this.punct(sep) ? item() : undefined))];
  }

  private mergeFarthest(f: number, e: ReadonlySet<string>): void {
    if (f > this.farthest) {
      this.farthest = f;
      this.expected = new Set(e);
    } else if (f === this.farthest) {
      for (const x of e) this.expected.add(x);
    }
  }

  /** Packrat memoisation: each rule runs once per position (per mode), so backtracking stays linear. */
  private memo<T>(table: Map<number, Memo<T>>, fn: () => T | undefined): T | undefined {
    const start = this.pos;
    const hit = table.get(start);
    if (hit !== undefined) {
      this.mergeFarthest(hit.farthest, hit.expected);
      if (hit.node !== undefined) {
        this.pos = hit.end;
        this.diags.push(...hit.diags);
      }
      return hit.node;
    }
    const outerF = this.farthest;
    const outerE = this.expected;
    this.farthest = -1;
    this.expected = new Set();
    const nd = this.diags.length;
    const node = this.attempt(fn);
    table.set(start, { node, end: this.pos, farthest: this.farthest, expected: this.expected, diags: this.diags.slice(nd) });
    const innerF = this.farthest;
    const innerE = this.expected;
    this.farthest = outerF;
    this.expected = outerE;
    this.mergeFarthest(innerF, innerE);
    return node;
  }

  /** When `fn` fails without getting past its first token, report `label` instead of every token it tried. */
  private labelled<T>(label: string, fn: () => T | undefined): T | undefined {
    const start = this.pos;
    // What was expected here before `fn` stays; what `fn` adds here is set apart.
    const before = this.farthest === start ? this.expected : undefined;
    if (before !== undefined) this.expected = new Set();
    const r = fn();
    if (r === undefined && this.farthest <= start) {
      this.farthest = start;
      this.expected = new Set(before);
      this.expected.add(label);
    } else if (before !== undefined && this.farthest === start) {
      for (const x of before) this.expected.add(x);
    }
    return r;
  }

  private nested<T>(fn: () => T | undefined): T | undefined {
    if (++this.depth > MAX_NESTING) throw new TooDeep();
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  // -------------------------------------------------------------------------
  // Program and recovery

  program(): A.Program {
    const start = this.pos;
    let pkg: A.Name | undefined;
    if (this.kw("package")) {
      pkg = this.ident();
      if (pkg === undefined) this.pos = start;
    }
    const statements: A.Statement[] = [];
    while (this.peek().kind !== "EOF") statements.push(this.topStatement());
    const span = { start: this.tokens[0]!.start, end: this.peek().end };
    return { kind: "Program", ...(pkg === undefined ? {} : { package: pkg }), statements, span };
  }

  /** One top-level statement; never fails (an unparsable one becomes an ErrorStmt). */
  private topStatement(): A.Statement {
    const start = this.pos;
    const nd = this.diags.length;
    try {
      this.farthest = -1;
      this.expected = new Set();
      const s = this.statement();
      if (s !== undefined) {
        this.previous = { farthest: this.farthest, expected: this.expected };
        return s;
      }
      // `f(a, b,)` parses `f` as a statement and fails on `(`; the real
      // mistake is where the longer alternative stopped.
      this.mergeFarthest(this.previous.farthest, this.previous.expected);
      const strict = { farthest: this.farthest, expected: this.expected };
      this.recover = true;
      this.tables = this.recoverTables;
      this.farthest = -1;
      this.expected = new Set();
      const recovered = this.statement();
      if (recovered !== undefined && this.diags.length > nd) {
        this.previous = { farthest: -1, expected: new Set() };
        return recovered;
      }
      this.pos = start;
      this.farthest = strict.farthest;
      this.expected = strict.expected;
      this.syntaxError();
      this.previous = { farthest: -1, expected: new Set() };
      return this.skipStatement(start, false);
    } catch (e) {
      // RangeError: a stack overflow that the nesting limit did not prevent.
      if (!(e instanceof TooDeep || e instanceof RangeError)) throw e;
      this.diags.length = nd;
      this.diags.push(diagnostic("P086", { start: this.tokens[start]!.start, end: this.tokens[start]!.end }, [MAX_NESTING]));
      return this.skipStatement(start, false);
    } finally {
      this.recover = false;
      this.tables = this.strictTables;
    }
  }

  /** P001 at the farthest token any alternative reached, naming what would have been accepted there. */
  private syntaxError(): void {
    const at = Math.max(this.farthest, this.pos);
    const tok = this.tokens[Math.min(at, this.tokens.length - 1)]!;
    const expected = [...(at === this.farthest ? this.expected : new Set(["a statement"]))].sort();
    this.diags.push(diagnostic("P001", { start: tok.start, end: tok.end }, [describe(tok), listOf(expected)], [], this.notesAt(at)));
  }

  /** Explanations for the failures GRAMMAR.md §5.3 lists, where the bare token list would puzzle. */
  private notesAt(at: number): { message: string }[] {
    const tok = this.tokens[at]!;
    const prev = this.tokens[at - 1];
    const next = this.tokens[at + 1];
    const notes: { message: string }[] = [];
    if (this.captures.has(at)) {
      notes.push({ message: "the identifier before `{` was read as a struct literal (`x {}`), so the block is missing; " +
        "parenthesise the condition, e.g. `if (flag) {}`, or put a statement in the block" });
    }
    const keywordMember = tok.kind === "Punct" && tok.text === "." && next?.kind === "Keyword" ? next.text
      : tok.kind === "Keyword" && prev?.kind === "Punct" && prev.text === "." ? tok.text : undefined;
    if (keywordMember !== undefined) {
      notes.push({ message: `\`${keywordMember}\` is a hard keyword, so it cannot be a member name after \`.\`; ` +
        "a host member named like a keyword can be neither declared nor called" });
    }
    if (tok.kind === "Punct" && tok.text === "=" && prev?.kind === "Punct" && prev.text === "]") {
      notes.push({ message: "an assignment target puts subscripts before fields: `x[i].f = v` works, `x.f[i] = v` does not; " +
        "bind `x.f` with let and assign through it" });
    }
    return notes;
  }

  /**
   * Skips from `start` to the next statement boundary: a token that begins a
   * line and cannot continue an expression, outside any brackets opened on
   * the way; inside a block, also the `}` that closes it. When the brackets
   * do not balance, a keyword or identifier that begins a line no further
   * right than the failed statement ends the skip too, so one unclosed `(`
   * does not swallow the rest of the file. At least one token is skipped.
   * (Newlines mean nothing to the grammar, but one statement per line is how
   * Mochi is written.)
   */
  private skipStatement(start: number, inBlock: boolean): A.ErrorStmt {
    const column = this.tokens[start]!.start.col;
    let i = start;
    let depth = 0;
    do {
      const t = this.tokens[i]!;
      if (t.kind === "Punct" && (t.text === "(" || t.text === "[" || t.text === "{")) depth++;
      else if (t.kind === "Punct" && (t.text === ")" || t.text === "]" || t.text === "}") && depth > 0) depth--;
      i++;
      const next = this.tokens[i]!;
      if (next.kind === "EOF") break;
      const startsLine = next.start.line > this.tokens[i - 1]!.end.line;
      const continues = (next.kind === "Punct" && CONTINUATION.has(next.text)) ||
        (next.kind === "Keyword" && (next.text === "in" || next.text === "else" || next.text === "then")) ||
        (next.kind === "Ident" && (next.text === "as" || SOFT_BINARY.has(next.text)));
      if (depth > 0) {
        if (startsLine && !continues && next.start.col <= column && (next.kind === "Keyword" || next.kind === "Ident")) break;
        continue;
      }
      if (inBlock && next.kind === "Punct" && next.text === "}") break;
      if (startsLine && !continues) break;
    } while (i < this.tokens.length - 1);
    this.pos = i;
    return { kind: "ErrorStmt", span: this.spanFrom(start) };
  }

  // -------------------------------------------------------------------------
  // Statements

  /**
   * Statement: the alternatives in the grammar's order. Only those whose
   * first token can match are tried; the others would fail on that token
   * without effect (the label replaces what they would have reported).
   */
  private statement(): A.Statement | undefined {
    return this.memo(this.tables.statement, () => this.labelled("a statement", () => this.nested(() => {
      const t = this.peek();
      const exprStmt = (): A.Statement | undefined => this.exprStmt();
      if (t.kind === "Keyword") {
        switch (t.text) {
          case "test": return this.testBlock();
          case "expect": return this.expectStmt();
          case "agent": return this.agentDecl();
          case "stream": return this.streamDecl();
          case "import": return this.importStmt();
          case "type": return this.typeDecl();
          case "extern":
            return this.alt<A.Statement>(() => this.externTypeDecl(), () => this.externVarDecl(), () => this.externFunDecl(), () => this.externObjectDecl());
          case "fact": return this.factStmt();
          case "rule": return this.ruleStmt();
          case "on": return this.onHandler();
          case "emit": return this.emitStmt();
          case "let": case "var": return this.letOrVar(t.text);
          case "export": return this.funDecl();
          case "fun": return this.alt<A.Statement>(() => this.funDecl(), exprStmt);
          case "return": return this.returnStmt();
          case "if": return this.alt<A.Statement>(() => this.ifStmt(), exprStmt);
          case "while": return this.whileStmt();
          case "for": return this.forStmt();
          case "break": return this.simpleStmt("break", "BreakStmt");
          case "continue": return this.simpleStmt("continue", "ContinueStmt");
          case "fetch": return this.alt<A.Statement>(() => this.fetchStmt(), exprStmt);
          default: return this.exprStmt();
        }
      }
      if (t.kind === "Ident") {
        const first = t.text === "bench" ? () => this.benchBlock() : t.text === "model" ? () => this.modelDecl() : undefined;
        const update = t.text === "update" ? () => this.updateStmt() : undefined;
        return this.alt<A.Statement>(...[first, () => this.assignStmt(), update, exprStmt].filter((f) => f !== undefined));
      }
      return this.exprStmt();
    })));
  }

  /** `{ statements }`. In recovery mode a failed inner statement is reported and skipped, and a missing `}` at the end of input is reported. */
  private block(): A.Block | undefined {
    const start = this.pos;
    if (!this.punct("{")) return undefined;
    const statements: A.Statement[] = [];
    // In recovery mode each statement tracks its own farthest failure, and
    // the one before a failed statement may have got further (see topStatement).
    let previous = { farthest: -1, expected: new Set<string>() };
    for (;;) {
      if (this.eat("}")) return { kind: "Block", statements, span: this.spanFrom(start) };
      const at = this.pos;
      const outer = { farthest: this.farthest, expected: this.expected };
      if (this.recover) {
        this.farthest = -1;
        this.expected = new Set();
      }
      const s = this.attempt(() => this.statement());
      if (s !== undefined) {
        statements.push(s);
        if (this.recover) {
          previous = { farthest: this.farthest, expected: this.expected };
          this.mergeFarthest(outer.farthest, outer.expected);
        }
        continue;
      }
      this.punct("}");
      if (!this.recover) return undefined;
      this.mergeFarthest(previous.farthest, previous.expected);
      previous = { farthest: -1, expected: new Set() };
      this.syntaxError();
      if (this.peek().kind !== "EOF") statements.push(this.skipStatement(at, true));
      this.mergeFarthest(outer.farthest, outer.expected);
      if (this.peek().kind === "EOF") return { kind: "Block", statements, span: this.spanFrom(start) };
    }
  }

  private testBlock(): A.TestBlock | undefined {
    const start = this.pos;
    if (!this.kw("test")) return undefined;
    const name = this.stringLit();
    const body = name && this.block();
    return body && { kind: "TestBlock", name: name!, body, span: this.spanFrom(start) };
  }

  private benchBlock(): A.BenchBlock | undefined {
    const start = this.pos;
    if (!this.soft("bench")) return undefined;
    const name = this.stringLit();
    const body = name && this.block();
    return body && { kind: "BenchBlock", name: name!, body, span: this.spanFrom(start) };
  }

  private expectStmt(): A.ExpectStmt | undefined {
    const start = this.pos;
    if (!this.kw("expect")) return undefined;
    const value = this.expr();
    return value && { kind: "ExpectStmt", value, span: this.spanFrom(start) };
  }

  private agentDecl(): A.AgentDecl | undefined {
    const start = this.pos;
    if (!this.kw("agent")) return undefined;
    const name = this.ident();
    if (!name || !this.punct("{")) return undefined;
    const body = this.many(() => this.alt<A.AgentDecl["body"][number]>(
      () => this.letOrVar("let"),
      () => this.letOrVar("var"),
      () => this.assignStmt(),
      () => this.onHandler(),
      () => this.intentDecl(),
    ));
    if (!this.punct("}")) return undefined;
    return { kind: "AgentDecl", name, body, span: this.spanFrom(start) };
  }

  private intentDecl(): A.IntentDecl | undefined {
    const start = this.pos;
    if (!this.kw("intent")) return undefined;
    const name = this.ident();
    const params = name && this.paramList();
    if (!params) return undefined;
    const returnType = this.returnType();
    const body = this.block();
    return body && { kind: "IntentDecl", name: name!, params, ...(returnType && { returnType }), body, span: this.spanFrom(start) };
  }

  private streamDecl(): A.StreamDecl | undefined {
    const start = this.pos;
    if (!this.kw("stream")) return undefined;
    const name = this.ident();
    if (!name || !this.punct("{")) return undefined;
    const fields = this.many(() => this.field());
    if (!this.punct("}")) return undefined;
    return { kind: "StreamDecl", name, fields, span: this.spanFrom(start) };
  }

  private modelDecl(): A.ModelDecl | undefined {
    const start = this.pos;
    if (!this.soft("model")) return undefined;
    const name = this.ident();
    if (!name || !this.punct("{")) return undefined;
    const fields = this.many(() => this.namedValue());
    if (!this.punct("}")) return undefined;
    return { kind: "ModelDecl", name, fields, span: this.spanFrom(start) };
  }

  private importStmt(): A.ImportStmt | undefined {
    const start = this.pos;
    if (!this.kw("import")) return undefined;
    const lang = this.attempt(() => this.ident());
    const path = this.stringLit();
    if (!path) return undefined;
    const alias = this.attempt(() => (this.soft("as") ? this.ident() : undefined));
    const auto = this.soft("auto") !== undefined;
    return {
      kind: "ImportStmt", ...(lang && { lang }), path, ...(alias && { alias }), auto, span: this.spanFrom(start),
    };
  }

  private typeDecl(): A.TypeDecl | undefined {
    const start = this.pos;
    if (!this.kw("type")) return undefined;
    const name = this.ident();
    const body = name && this.alt<A.TypeBody>(() => this.recordBody(), () => this.sumBody(), () => this.singleVariantBody(), () => this.aliasBody());
    if (!body) return undefined;
    const doc = this.docAt(start);
    return { kind: "TypeDecl", name: name!, body, ...(doc !== undefined && { doc }), span: this.spanFrom(start) };
  }

  /** TypeBody 1: `[=] { Member {[,] Member} [,] }`, at least one member. */
  private recordBody(): A.RecordBody | undefined {
    const start = this.pos;
    const eq = this.eat("=");
    if (!this.punct("{")) return undefined;
    const member = (): A.Field | A.FunDecl | undefined => this.alt<A.Field | A.FunDecl>(() => this.field(), () => this.funDecl());
    const first = this.attempt(member);
    if (!first) return undefined;
    const members = [first, ...this.many(() => {
      this.eat(",");
      return member();
    })];
    this.eat(",");
    if (!this.punct("}")) return undefined;
    return { kind: "RecordBody", eq, members, span: this.spanFrom(start) };
  }

  /** TypeBody 2: `= V | V {| V}`. */
  private sumBody(): A.SumBody | undefined {
    const start = this.pos;
    if (!this.punct("=")) return undefined;
    const first = this.variant();
    if (!first || !this.punct("|")) return undefined;
    const second = this.variant();
    if (!second) return undefined;
    const rest = this.many(() => (this.punct("|") ? this.variant() : undefined));
    return { kind: "SumBody", variants: [first, second, ...rest], span: this.spanFrom(start) };
  }

  /** TypeBody 3: `= Name VariantFields`, one variant that has fields. */
  private singleVariantBody(): A.SumBody | undefined {
    const start = this.pos;
    if (!this.punct("=")) return undefined;
    const vstart = this.pos;
    const name = this.ident();
    const fields = name && this.variantFields();
    if (!fields) return undefined;
    const variant: A.Variant = { kind: "Variant", name: name!, fields: fields.fields, braces: fields.braces, span: this.spanFrom(vstart) };
    return { kind: "SumBody", variants: [variant], span: this.spanFrom(start) };
  }

  /** TypeBody 4: `= Type`. */
  private aliasBody(): A.AliasBody | undefined {
    const start = this.pos;
    if (!this.punct("=")) return undefined;
    const type = this.type();
    return type && { kind: "AliasBody", type, span: this.spanFrom(start) };
  }

  private variant(): A.Variant | undefined {
    const start = this.pos;
    const name = this.ident();
    if (!name) return undefined;
    const fields = this.attempt(() => this.variantFields());
    return {
      kind: "Variant", name, ...(fields && { fields: fields.fields }), braces: fields?.braces ?? false, span: this.spanFrom(start),
    };
  }

  /** `( Field {, Field} [,] )` or `{ {Field} }` (braces take no commas). */
  private variantFields(): { fields: A.Field[]; braces: boolean } | undefined {
    return this.alt<{ fields: A.Field[]; braces: boolean }>(
      () => {
        if (!this.punct("(")) return undefined;
        const fields = this.list(() => this.field(), ",");
        if (!fields) return undefined;
        this.eat(",");
        return this.punct(")") && { fields, braces: false };
      },
      () => {
        if (!this.punct("{")) return undefined;
        const fields = this.many(() => this.field());
        return this.punct("}") && { fields, braces: true };
      },
    );
  }

  private field(): A.Field | undefined {
    const start = this.pos;
    const name = this.ident();
    if (!name || !this.punct(":")) return undefined;
    const type = this.type();
    if (!type) return undefined;
    const doc = this.docAt(start);
    return { kind: "Field", name, type, ...(doc !== undefined && { doc }), span: this.spanFrom(start) };
  }

  private externTypeDecl(): A.ExternTypeDecl | undefined {
    const start = this.pos;
    if (!this.kw("extern") || !this.kw("type")) return undefined;
    const name = this.ident();
    return name && { kind: "ExternTypeDecl", name, span: this.spanFrom(start) };
  }

  private dottedName(): A.Name[] | undefined {
    return this.list(() => this.ident(), ".");
  }

  private externVarDecl(): A.ExternVarDecl | undefined {
    const start = this.pos;
    if (!this.kw("extern")) return undefined;
    const keyword = this.isKw("var") ? "var" : this.isKw("let") ? "let" : undefined;
    if (keyword === undefined) {
      this.expect('"var"');
      return this.expect('"let"');
    }
    this.pos++;
    const path = this.dottedName();
    if (!path || !this.punct(":")) return undefined;
    const type = this.type();
    return type && { kind: "ExternVarDecl", keyword, path, type, span: this.spanFrom(start) };
  }

  private externFunDecl(): A.ExternFunDecl | undefined {
    const start = this.pos;
    if (!this.kw("extern") || !this.kw("fun")) return undefined;
    const path = this.dottedName();
    const params = path && this.paramList();
    if (!params) return undefined;
    const returnType = this.returnType();
    return { kind: "ExternFunDecl", path: path!, params, ...(returnType && { returnType }), span: this.spanFrom(start) };
  }

  private externObjectDecl(): A.ExternObjectDecl | undefined {
    const start = this.pos;
    if (!this.kw("extern") || !this.soft("object")) return undefined;
    const name = this.ident();
    return name && { kind: "ExternObjectDecl", name, span: this.spanFrom(start) };
  }

  private factStmt(): A.FactStmt | undefined {
    const start = this.pos;
    if (!this.kw("fact")) return undefined;
    const pred = this.logicPredicate();
    return pred && { kind: "FactStmt", pred, span: this.spanFrom(start) };
  }

  private ruleStmt(): A.RuleStmt | undefined {
    const start = this.pos;
    if (!this.kw("rule")) return undefined;
    const head = this.logicPredicate();
    if (!head || !this.punct(":-")) return undefined;
    const body = this.list(() => this.alt<A.LogicCond>(() => this.logicPredicate(), () => this.logicNeq()), ",");
    return body && { kind: "RuleStmt", head, body, span: this.spanFrom(start) };
  }

  private logicPredicate(): A.LogicPredicate | undefined {
    const start = this.pos;
    const name = this.ident();
    if (!name || !this.punct("(")) return undefined;
    const args = this.attempt(() => this.list(() => this.logicTerm(), ",")) ?? [];
    if (!this.punct(")")) return undefined;
    return { kind: "LogicPredicate", name, args, span: this.spanFrom(start) };
  }

  private logicTerm(): A.LogicTerm | undefined {
    const t = this.peek();
    if (t.kind === "Int") {
      this.pos++;
      return { kind: "IntLit", text: t.text, value: t.value, span: { start: t.start, end: t.end } };
    }
    if (t.kind === "String") return this.stringLit();
    if (t.kind === "Ident") return this.ident();
    this.expect("an identifier");
    this.expect("a string");
    return this.expect("an integer");
  }

  private logicNeq(): A.LogicNeq | undefined {
    const start = this.pos;
    const left = this.ident();
    if (!left || !this.punct("!=")) return undefined;
    const right = this.ident();
    return right && { kind: "LogicNeq", left, right, span: this.spanFrom(start) };
  }

  private onHandler(): A.OnHandler | undefined {
    const start = this.pos;
    if (!this.kw("on")) return undefined;
    const stream = this.ident();
    if (!stream || !this.soft("as")) return undefined;
    const alias = this.ident();
    const body = alias && this.block();
    return body && { kind: "OnHandler", stream, alias: alias!, body, span: this.spanFrom(start) };
  }

  private emitStmt(): A.EmitStmt | undefined {
    const start = this.pos;
    if (!this.kw("emit")) return undefined;
    const stream = this.ident();
    const fields = stream && this.namedValueBraces();
    return fields && { kind: "EmitStmt", stream: stream!, fields, span: this.spanFrom(start) };
  }

  private letOrVar(keyword: "let" | "var"): A.LetStmt | A.VarStmt | undefined {
    const start = this.pos;
    if (!this.kw(keyword)) return undefined;
    const name = this.ident();
    if (!name) return undefined;
    const type = this.attempt(() => (this.punct(":") ? this.type() : undefined));
    const value = this.attempt(() => (this.punct("=") ? this.expr() : undefined));
    const doc = this.docAt(start);
    const kind = keyword === "let" ? "LetStmt" : "VarStmt";
    return { kind, name, ...(type && { type }), ...(value && { value }), ...(doc !== undefined && { doc }), span: this.spanFrom(start) };
  }

  private assignStmt(): A.AssignStmt | undefined {
    const start = this.pos;
    const target = this.ident();
    if (!target) return undefined;
    const subscripts = this.many(() => this.subscript());
    const fields = this.many(() => (this.punct(".") ? this.ident() : undefined));
    if (!this.punct("=")) return undefined;
    const value = this.expr();
    return value && { kind: "AssignStmt", target, subscripts, fields, value, span: this.spanFrom(start) };
  }

  private funDecl(): A.FunDecl | undefined {
    const start = this.pos;
    const exported = this.isKw("export");
    if (exported) this.pos++;
    if (!this.kw("fun")) return undefined;
    const name = this.ident();
    if (!name) return undefined;
    const typeParams = this.attempt(() => this.typeParams()) ?? [];
    const params = this.paramList();
    if (!params) return undefined;
    const returnType = this.returnType();
    const effects = this.attempt(() => this.effects()) ?? [];
    const body = this.block();
    if (!body) return undefined;
    const doc = this.docAt(start);
    return {
      kind: "FunDecl", export: exported, name, typeParams, params, ...(returnType && { returnType }), effects, body,
      ...(doc !== undefined && { doc }), span: this.spanFrom(start),
    };
  }

  private typeParams(): A.Name[] | undefined {
    if (!this.punct("<")) return undefined;
    const names = this.list(() => this.ident(), ",");
    return names && this.punct(">") ? names : undefined;
  }

  /** `( [Param {, Param}] )`: no trailing comma, no defaults. */
  private paramList(): A.Param[] | undefined {
    if (!this.punct("(")) return undefined;
    const params = this.attempt(() => this.list(() => this.param(), ",")) ?? [];
    return this.punct(")") ? params : undefined;
  }

  private param(): A.Param | undefined {
    const start = this.pos;
    const name = this.ident();
    if (!name) return undefined;
    const type = this.attempt(() => (this.punct(":") ? this.type() : undefined));
    return { kind: "Param", name, ...(type && { type }), span: this.spanFrom(start) };
  }

  private returnType(): A.TypeRef | undefined {
    return this.attempt(() => (this.punct(":") ? this.type() : undefined));
  }

  /** `! label {, label}` */
  private effects(): A.Name[] | undefined {
    if (!this.punct("!")) return undefined;
    return this.list(() => this.ident(), ",");
  }

  private returnStmt(): A.ReturnStmt | undefined {
    const start = this.pos;
    if (!this.kw("return")) return undefined;
    const value = this.attempt(() => this.expr());
    return { kind: "ReturnStmt", ...(value && { value }), span: this.spanFrom(start) };
  }

  /** A block right after a head expression; remembers where a struct-literal capture made it fail. */
  private headBlock(head: A.Expr): A.Block | undefined {
    const at = this.pos;
    const body = this.block();
    if (!body && endsInStructLit(head)) this.captures.add(at);
    return body;
  }

  private ifStmt(): A.IfStmt | undefined {
    const start = this.pos;
    if (!this.kw("if")) return undefined;
    const cond = this.expr();
    const then = cond && this.headBlock(cond);
    if (!then) return undefined;
    const els = this.attempt(() => (this.kw("else") ? this.alt<A.IfStmt | A.Block>(() => this.ifStmt(), () => this.block()) : undefined));
    return { kind: "IfStmt", cond: cond!, then, ...(els && { else: els }), span: this.spanFrom(start) };
  }

  private whileStmt(): A.WhileStmt | undefined {
    const start = this.pos;
    if (!this.kw("while")) return undefined;
    const cond = this.expr();
    const body = cond && this.headBlock(cond);
    return body && { kind: "WhileStmt", cond: cond!, body, span: this.spanFrom(start) };
  }

  private forStmt(): A.ForStmt | undefined {
    const start = this.pos;
    if (!this.kw("for")) return undefined;
    const name = this.ident();
    if (!name || !this.kw("in")) return undefined;
    const source = this.expr();
    if (!source) return undefined;
    const rangeEnd = this.attempt(() => (this.punct("..") ? this.expr() : undefined));
    const body = this.headBlock(rangeEnd ?? source);
    return body && { kind: "ForStmt", name, source, ...(rangeEnd && { rangeEnd }), body, span: this.spanFrom(start) };
  }

  private simpleStmt<K extends "BreakStmt" | "ContinueStmt">(keyword: string, kind: K): { kind: K; span: Span } | undefined {
    const start = this.pos;
    return this.kw(keyword) && { kind, span: this.spanFrom(start) };
  }

  private fetchStmt(): A.FetchStmt | undefined {
    const start = this.pos;
    if (!this.kw("fetch")) return undefined;
    const url = this.expr();
    if (!url || !this.soft("into")) return undefined;
    const target = this.ident();
    if (!target) return undefined;
    const w = this.withClause();
    return { kind: "FetchStmt", url, target, ...(w && { with: w }), span: this.spanFrom(start) };
  }

  private withClause(): A.Expr | undefined {
    return this.attempt(() => (this.soft("with") ? this.expr() : undefined));
  }

  private updateStmt(): A.UpdateStmt | undefined {
    const start = this.pos;
    if (!this.soft("update")) return undefined;
    const target = this.ident();
    if (!target || !this.soft("set")) return undefined;
    const set = this.mapLit();
    if (!set) return undefined;
    const where = this.attempt(() => (this.soft("where") ? this.expr() : undefined));
    return { kind: "UpdateStmt", target, set, ...(where && { where }), span: this.spanFrom(start) };
  }

  private exprStmt(): A.ExprStmt | undefined {
    const start = this.pos;
    const expr = this.expr();
    return expr && { kind: "ExprStmt", expr, span: this.spanFrom(start) };
  }

  // -------------------------------------------------------------------------
  // Types

  type(): A.TypeRef | undefined {
    return this.memo(this.tables.type, () => this.labelled("a type", () => this.nested(() => {
      const start = this.pos;
      const base = this.alt<Exclude<A.TypeRef, A.OptionType>>(
        () => this.funType(),
        () => this.genericType(),
        () => this.inlineStructType(),
        () => {
          const name = this.ident();
          return name && { kind: "SimpleType", name, span: name.span };
        },
      );
      if (!base || !this.eat("?")) return base;
      return { kind: "OptionType", inner: base, span: this.spanFrom(start) };
    })));
  }

  private funType(): A.FunType | undefined {
    const start = this.pos;
    if (!this.kw("fun") || !this.punct("(")) return undefined;
    const params = this.attempt(() => this.list(() => this.type(), ",")) ?? [];
    if (!this.punct(")")) return undefined;
    const returnType = this.returnType();
    return { kind: "FunType", params, ...(returnType && { returnType }), span: this.spanFrom(start) };
  }

  private genericType(): A.GenericType | undefined {
    const start = this.pos;
    const name = this.ident();
    if (!name || !this.punct("<")) return undefined;
    const args = this.list(() => this.type(), ",");
    if (!args || !this.punct(">")) return undefined;
    return { kind: "GenericType", name, args, span: this.spanFrom(start) };
  }

  private inlineStructType(): A.InlineStructType | undefined {
    const start = this.pos;
    if (!this.punct("{")) return undefined;
    const fields = this.attempt(() => this.list(() => this.field(), ",")) ?? [];
    this.eat(",");
    if (!this.punct("}")) return undefined;
    return { kind: "InlineStructType", fields, span: this.spanFrom(start) };
  }

  // -------------------------------------------------------------------------
  // Expressions

  /** `Unary { BinOp ["all"] Unary }`, grouped by the checker's precedence ladder. */
  expr(): A.Expr | undefined {
    return this.memo(this.tables.expr, () => this.labelled("an expression", () => this.nested(() => {
      const first = this.unary();
      if (!first) return undefined;
      const operands: A.Expr[] = [first];
      const ops: { op: A.BinaryOp; all: boolean }[] = [];
      for (;;) {
        const save = this.pos;
        const op = this.binaryOp();
        if (op === undefined) break;
        const all = this.isKw("all");
        if (all) this.pos++;
        const right = this.unary();
        if (!right) {
          this.pos = save;
          break;
        }
        operands.push(right);
        ops.push({ op, all });
      }
      return this.groupBinary(operands, ops);
    })));
  }

  private binaryOp(): A.BinaryOp | undefined {
    const t = this.peek();
    const ok = (t.kind === "Punct" && PUNCT_BINARY.has(t.text)) || (t.kind === "Keyword" && t.text === "in") ||
      (t.kind === "Ident" && SOFT_BINARY.has(t.text));
    if (!ok) return undefined;
    this.pos++;
    return t.text as A.BinaryOp;
  }

  /** Operator precedence over the flat operand list, without recursion (left-associative). */
  private groupBinary(operands: A.Expr[], ops: { op: A.BinaryOp; all: boolean }[]): A.Expr {
    const values: A.Expr[] = [operands[0]!];
    const pending: { op: A.BinaryOp; all: boolean }[] = [];
    const reduce = (): void => {
      const right = values.pop()!;
      const left = values.pop()!;
      const { op, all } = pending.pop()!;
      values.push({ kind: "Binary", op, all, left, right, span: { start: left.span.start, end: right.span.end } });
    };
    ops.forEach((o, i) => {
      while (pending.length > 0 && BINARY_PRECEDENCE[pending[pending.length - 1]!.op] >= BINARY_PRECEDENCE[o.op]) reduce();
      pending.push(o);
      values.push(operands[i + 1]!);
    });
    while (pending.length > 0) reduce();
    return values[0]!;
  }

  /** `{ "-" | "!" } Postfix` */
  private unary(): A.Expr | undefined {
    return this.memo(this.tables.unary, () => this.labelled("an expression", () => {
      const prefix: Token[] = [];
      while (this.isPunct("-") || this.isPunct("!")) prefix.push(this.tokens[this.pos++]!);
      let e = this.postfix();
      if (!e) return undefined;
      for (let i = prefix.length - 1; i >= 0; i--) {
        const t = prefix[i]!;
        e = { kind: "Unary", op: t.text as "-" | "!", operand: e, span: { start: t.start, end: e.span.end } };
      }
      return e;
    }));
  }

  private postfix(): A.Expr | undefined {
    const first = this.primary();
    if (!first) return undefined;
    let e: A.Expr = first;
    for (;;) {
      const target = e;
      const next: A.Expr | undefined = this.alt<A.Expr>(
        () => {
          const args = this.callArgs();
          return args && { kind: "Call", callee: target, args, span: this.spanTo(target) };
        },
        () => {
          if (!this.eat("?") || !this.eat(".")) return undefined;
          const name = this.ident();
          return name && { kind: "SafeField", target, name, span: this.spanTo(target) };
        },
        () => {
          if (!this.eat("?") || !this.eat("[")) return undefined;
          const index = this.expr();
          return index && this.punct("]") && { kind: "SafeIndex", target, index, span: this.spanTo(target) };
        },
        () => {
          const subscript = this.subscript();
          return subscript && { kind: "Index", target, subscript, span: this.spanTo(target) };
        },
        () => {
          if (!this.eat(".")) return undefined;
          const name = this.ident();
          return name && { kind: "FieldAccess", target, name, span: this.spanTo(target) };
        },
        () => {
          if (!this.isSoft("as")) return undefined;
          this.pos++;
          const type = this.type();
          return type && { kind: "Cast", expr: target, type, span: this.spanTo(target) };
        },
      );
      if (!next) return e;
      e = next;
    }
  }

  /** From the start of `node` to the last consumed token. */
  private spanTo(node: { span: Span }): Span {
    return { start: node.span.start, end: this.tokens[this.pos - 1]!.end };
  }

  /** `( [Expr {, Expr}] )`: no trailing comma. */
  private callArgs(): A.Expr[] | undefined {
    if (!this.eat("(")) return undefined;
    const args = this.attempt(() => this.list(() => this.expr(), ",")) ?? [];
    return this.punct(")") ? args : undefined;
  }

  /** `[ [Expr] [: [Expr]] [: [Expr]] ]` */
  private subscript(): A.Subscript | undefined {
    const start = this.pos;
    if (!this.eat("[")) return undefined;
    const first = this.attempt(() => this.expr());
    let colons: 0 | 1 | 2 = 0;
    let end: A.Expr | undefined;
    let step: A.Expr | undefined;
    if (this.eat(":")) {
      colons = 1;
      end = this.attempt(() => this.expr());
      if (this.eat(":")) {
        colons = 2;
        step = this.attempt(() => this.expr());
      }
    }
    if (!this.punct("]")) return undefined;
    return {
      kind: "Subscript", ...(first && { start: first }), ...(end && { end }), ...(step && { step }), colons,
      span: this.spanFrom(start),
    };
  }

  /** Primary: the alternatives in the grammar's order, only those that can start with the next token. */
  private primary(): A.Expr | undefined {
    const t = this.peek();
    switch (t.kind) {
      case "Ident":
        return this.alt<A.Expr>(
          () => this.structLit(),
          () => this.callExpr(),
          ...(t.text === "from" ? [() => this.queryExpr()] : []),
          ...(t.text === "query" ? [() => this.logicQuery()] : []),
          () => this.selector(),
        );
      case "Keyword":
        switch (t.text) {
          case "if": return this.ifExpr();
          case "fun": return this.funExpr();
          case "match": return this.matchExpr();
          case "generate": return this.generateExpr();
          case "fetch": return this.fetchExpr();
          case "load": return this.loadExpr();
          case "save": return this.saveExpr();
          case "none": return this.literal();
          default: return undefined;
        }
      case "Punct":
        return t.text === "[" ? this.listLit() : t.text === "{" ? this.mapLit() : t.text === "(" ? this.paren() : undefined;
      case "EOF":
        return undefined;
      default:
        return this.literal();
    }
  }

  private namedValue(): A.NamedValue | undefined {
    const start = this.pos;
    const name = this.ident();
    if (!name || !this.punct(":")) return undefined;
    const value = this.expr();
    return value && { kind: "NamedValue", name, value, span: this.spanFrom(start) };
  }

  /** `{ [Name: Expr {, Name: Expr}] [,] }` */
  private namedValueBraces(): A.NamedValue[] | undefined {
    if (!this.punct("{")) return undefined;
    const fields = this.attempt(() => this.list(() => this.namedValue(), ",")) ?? [];
    this.eat(",");
    return this.punct("}") ? fields : undefined;
  }

  private structLit(): A.StructLit | undefined {
    const start = this.pos;
    const name = this.ident();
    const fields = name && this.namedValueBraces();
    return fields && { kind: "StructLit", name: name!, fields, span: this.spanFrom(start) };
  }

  private callExpr(): A.CallExpr | undefined {
    const start = this.pos;
    const callee = this.ident();
    const args = callee && this.callArgs();
    return args && { kind: "CallExpr", callee: callee!, args, span: this.spanFrom(start) };
  }

  private querySource(keyword: boolean): A.QuerySource | undefined {
    const start = this.pos;
    if (keyword && !this.soft("from")) return undefined;
    const name = this.ident();
    if (!name || !this.kw("in")) return undefined;
    const source = this.expr();
    return source && { kind: "QuerySource", name, source, span: this.spanFrom(start) };
  }

  private queryExpr(): A.QueryExpr | undefined {
    const start = this.pos;
    const first = this.querySource(true);
    if (!first) return undefined;
    const froms = [first, ...this.many(() => this.querySource(true))];
    const joins = this.many(() => this.joinClause());
    const where = this.attempt(() => (this.soft("where") ? this.expr() : undefined));
    const group = this.attempt(() => this.groupClause());
    const sort = this.attempt((): QueryExprSort | undefined => {
      const keyword = this.isSoft("sort") ? "sort" : this.isSoft("order") ? "order" : undefined;
      if (keyword === undefined) return undefined;
      this.pos++;
      const key = this.soft("by") && this.expr();
      return key ? { keyword, key } : undefined;
    });
    const skip = this.attempt(() => (this.soft("skip") ? this.expr() : undefined));
    const take = this.attempt(() => (this.soft("take") ? this.expr() : undefined));
    if (!this.soft("select")) return undefined;
    const distinct = this.isSoft("distinct");
    if (distinct) this.pos++;
    const select = this.expr();
    if (!select) return undefined;
    return {
      kind: "QueryExpr", froms, joins, ...(where && { where }), ...(group && { group }), ...(sort && { sort }),
      ...(skip && { skip }), ...(take && { take }), distinct, select, span: this.spanFrom(start),
    };
  }

  private joinClause(): A.JoinClause | undefined {
    const start = this.pos;
    const t = this.peek();
    const side = t.kind === "Ident" && (t.text === "left" || t.text === "right" || t.text === "outer") ? t.text : undefined;
    if (side !== undefined) this.pos++;
    if (!this.soft("join")) return undefined;
    const from = this.isSoft("from");
    if (from) this.pos++;
    const src = this.querySource(false);
    if (!src || !this.kw("on")) return undefined;
    const on = this.expr();
    return on && {
      kind: "JoinClause", ...(side !== undefined && { side }), from, name: src.name, source: src.source, on, span: this.spanFrom(start),
    };
  }

  private groupClause(): A.GroupClause | undefined {
    const start = this.pos;
    if (!this.soft("group") || !this.soft("by")) return undefined;
    const keys = this.list(() => this.expr(), ",");
    if (!keys || !this.soft("into")) return undefined;
    const into = this.ident();
    if (!into) return undefined;
    const having = this.attempt(() => (this.soft("having") ? this.expr() : undefined));
    return { kind: "GroupClause", keys, into, ...(having && { having }), span: this.spanFrom(start) };
  }

  private logicQuery(): A.LogicQuery | undefined {
    const start = this.pos;
    if (!this.soft("query")) return undefined;
    const pred = this.logicPredicate();
    return pred && { kind: "LogicQuery", pred, span: this.spanFrom(start) };
  }

  /** `if E ({ E } | then E) [else (IfExpr | { E } | E)]` */
  private ifExpr(): A.IfExpr | undefined {
    const start = this.pos;
    if (!this.kw("if")) return undefined;
    const cond = this.expr();
    if (!cond) return undefined;
    const then = this.alt<{ e: A.Expr; form: "brace" | "then" }>(
      () => {
        const e = this.punct("{") && this.expr();
        return e && this.punct("}") ? { e, form: "brace" } : undefined;
      },
      () => {
        const e = this.kw("then") && this.expr();
        return e ? { e, form: "then" } : undefined;
      },
    );
    if (!then) return undefined;
    const els = this.attempt(() => {
      if (!this.kw("else")) return undefined;
      return this.alt<{ e: A.Expr; form: "if" | "brace" | "expr" }>(
        () => {
          const e = this.ifExpr();
          return e && { e, form: "if" };
        },
        () => {
          const e = this.punct("{") && this.expr();
          return e && this.punct("}") ? { e, form: "brace" } : undefined;
        },
        () => {
          const e = this.expr();
          return e && { e, form: "expr" };
        },
      );
    });
    return {
      kind: "IfExpr", cond, then: then.e, thenForm: then.form, ...(els && { else: els.e, elseForm: els.form }),
      span: this.spanFrom(start),
    };
  }

  private selector(): A.Selector | undefined {
    const start = this.pos;
    const path = this.dottedName();
    return path && { kind: "Selector", root: path[0]!, tail: path.slice(1), span: this.spanFrom(start) };
  }

  private listLit(): A.ListLit | undefined {
    const start = this.pos;
    if (!this.punct("[")) return undefined;
    const elements = this.attempt(() => this.list(() => this.expr(), ",")) ?? [];
    this.eat(",");
    return this.punct("]") ? { kind: "ListLit", elements, span: this.spanFrom(start) } : undefined;
  }

  private mapLit(): A.MapLit | undefined {
    const start = this.pos;
    if (!this.punct("{")) return undefined;
    const entry = (): A.MapEntry | undefined => {
      const s = this.pos;
      const key = this.expr();
      if (!key || !this.punct(":")) return undefined;
      const value = this.expr();
      return value && { kind: "MapEntry", key, value, span: this.spanFrom(s) };
    };
    const entries = this.attempt(() => this.list(entry, ",")) ?? [];
    this.eat(",");
    return this.punct("}") ? { kind: "MapLit", entries, span: this.spanFrom(start) } : undefined;
  }

  private funExpr(): A.FunExpr | undefined {
    const start = this.pos;
    if (!this.kw("fun")) return undefined;
    const typeParams = this.attempt(() => this.typeParams()) ?? [];
    const params = this.paramList();
    if (!params) return undefined;
    const returnType = this.returnType();
    const effects = this.attempt(() => this.effects()) ?? [];
    const block = this.attempt(() => this.block());
    const arrow = this.attempt(() => (this.punct("=>") ? this.expr() : undefined));
    return {
      kind: "FunExpr", typeParams, params, ...(returnType && { returnType }), effects, ...(block && { block }),
      ...(arrow && { arrow }), span: this.spanFrom(start),
    };
  }

  private matchExpr(): A.MatchExpr | undefined {
    const start = this.pos;
    if (!this.kw("match")) return undefined;
    const subject = this.expr();
    if (!subject) return undefined;
    const open = this.pos;
    if (!this.punct("{")) {
      if (endsInStructLit(subject)) this.captures.add(open);
      return undefined;
    }
    const arms = this.many(() => {
      const s = this.pos;
      const pattern = this.expr();
      if (!pattern || !this.punct("=>")) return undefined;
      const result = this.attempt(() => this.expr());
      const block = this.attempt(() => this.block());
      return { kind: "MatchArm", pattern, ...(result && { result }), ...(block && { block }), span: this.spanFrom(s) } as A.MatchArm;
    });
    if (!this.punct("}")) return undefined;
    return { kind: "MatchExpr", subject, arms, span: this.spanFrom(start) };
  }

  private generateExpr(): A.GenerateExpr | undefined {
    const start = this.pos;
    if (!this.kw("generate")) return undefined;
    const target = this.ident();
    const fields = target && this.namedValueBraces();
    return fields && { kind: "GenerateExpr", target: target!, fields, span: this.spanFrom(start) };
  }

  private fetchExpr(): A.FetchExpr | undefined {
    const start = this.pos;
    if (!this.kw("fetch")) return undefined;
    const url = this.expr();
    if (!url) return undefined;
    const w = this.withClause();
    return { kind: "FetchExpr", url, ...(w && { with: w }), span: this.spanFrom(start) };
  }

  private loadExpr(): A.LoadExpr | undefined {
    const start = this.pos;
    if (!this.kw("load")) return undefined;
    const path = this.attempt(() => this.stringLit());
    if (!this.soft("as")) return undefined;
    const type = this.type();
    if (!type) return undefined;
    const w = this.withClause();
    return { kind: "LoadExpr", ...(path && { path }), type, ...(w && { with: w }), span: this.spanFrom(start) };
  }

  private saveExpr(): A.SaveExpr | undefined {
    const start = this.pos;
    if (!this.kw("save")) return undefined;
    const src = this.expr();
    if (!src) return undefined;
    const path = this.attempt(() => (this.soft("to") ? this.stringLit() : undefined));
    const w = this.withClause();
    return { kind: "SaveExpr", src, ...(path && { path }), ...(w && { with: w }), span: this.spanFrom(start) };
  }

  private literal(): A.Expr | undefined {
    const t = this.peek();
    const span = { start: t.start, end: t.end };
    switch (t.kind) {
      case "Int":
        this.pos++;
        return { kind: "IntLit", text: t.text, value: t.value, span };
      case "Float":
        this.pos++;
        return { kind: "FloatLit", text: t.text, value: t.value, span };
      case "Bool":
        this.pos++;
        return { kind: "BoolLit", value: t.text === "true", span };
      case "String":
        return this.stringLit();
      case "Keyword":
        if (t.text === "none") {
          this.pos++;
          return { kind: "NoneLit", span };
        }
    }
    return this.expect("a literal");
  }

  private paren(): A.Paren | undefined {
    const start = this.pos;
    if (!this.punct("(")) return undefined;
    const expr = this.expr();
    if (!expr || !this.punct(")")) return undefined;
    return { kind: "Paren", expr, span: this.spanFrom(start) };
  }

  diagnostics(): Diagnostic[] {
    return this.diags;
  }
}

export interface SyntaxResult {
  readonly program: A.Program;
  /** Lexer and parser diagnostics (P001, P040-P046, P086), in source order. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Lexes and parses; always returns a Program (failed statements become ErrorStmt). No validation. */
export function parseSyntax(source: string): SyntaxResult {
  const lexed = lex(source);
  const parser = new Parser(lexed.tokens, lexed.comments, source);
  const program = parser.program();
  // An unterminated string or comment swallows the rest of the input; the
  // statement it cut short is not reported a second time at the end.
  const swallowed = lexed.diagnostics.some((d) => d.code === "P040" || d.code === "P042");
  const parsed = parser.diagnostics().filter((d) => !(swallowed && d.code === "P001" && d.span.start.offset === source.length));
  return { program, diagnostics: [...lexed.diagnostics, ...parsed] };
}

export type ParseOptions = ValidateOptions;

export interface ParseResult {
  readonly program: A.Program;
  /** Syntax (P001, P040-P046, P086) and validation (P060, P063-P068) diagnostics, in source order. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses a Mochi source file as the compiler does, with error recovery:
 * always returns a Program, plus every diagnostic the parser and its
 * validation pass produce.
 */
export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const { program, diagnostics } = parseSyntax(source);
  return { program, diagnostics: sortDiagnostics([...diagnostics, ...validateProgram(program, options)]) };
}
