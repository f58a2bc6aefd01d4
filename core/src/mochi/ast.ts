// The typed syntax tree of a Mochi program (GRAMMAR.md §2). Every node has
// a `kind` (the discriminant) and a `span`. The tree keeps the distinctions
// the checker makes: `f(x)` is a CallExpr but `a.b(x)` is a Selector under a
// Call; `xs[0].f = v` keeps its subscripts before its fields; a map key
// written as a bare identifier stays a Selector (the checker reads it as a
// string). Binary operators are already grouped by the checker's precedence
// ladder, left-associative at every level.

import type { Span } from "./diagnostics.js";

export interface Name {
  readonly kind: "Name";
  readonly name: string;
  readonly span: Span;
}

// ---------------------------------------------------------------------------
// Program and statements

export interface Program {
  readonly kind: "Program";
  readonly package?: Name;
  readonly statements: readonly Statement[];
  readonly span: Span;
}

export interface Block {
  readonly kind: "Block";
  readonly statements: readonly Statement[];
  readonly span: Span;
}

export type Statement =
  | TestBlock | BenchBlock | ExpectStmt | AgentDecl | StreamDecl | ModelDecl
  | ImportStmt | TypeDecl | ExternTypeDecl | ExternVarDecl | ExternFunDecl | ExternObjectDecl
  | FactStmt | RuleStmt | OnHandler | EmitStmt
  | LetStmt | VarStmt | AssignStmt | FunDecl | ReturnStmt | IfStmt | WhileStmt | ForStmt
  | BreakStmt | ContinueStmt | FetchStmt | UpdateStmt | ExprStmt
  | ErrorStmt;

/** What error recovery skipped: the tokens from a failed statement to the next statement boundary. */
export interface ErrorStmt {
  readonly kind: "ErrorStmt";
  readonly span: Span;
}

export interface TestBlock {
  readonly kind: "TestBlock";
  readonly name: StringLit;
  readonly body: Block;
  readonly span: Span;
}

export interface BenchBlock {
  readonly kind: "BenchBlock";
  readonly name: StringLit;
  readonly body: Block;
  readonly span: Span;
}

export interface ExpectStmt {
  readonly kind: "ExpectStmt";
  readonly value: Expr;
  readonly span: Span;
}

/** `import [lang] "path" [as alias] [auto]` (GRAMMAR.md §4). */
export interface ImportStmt {
  readonly kind: "ImportStmt";
  readonly lang?: Name;
  readonly path: StringLit;
  readonly alias?: Name;
  readonly auto: boolean;
  readonly span: Span;
}

export interface TypeDecl {
  readonly kind: "TypeDecl";
  readonly name: Name;
  readonly body: TypeBody;
  readonly doc?: string;
  readonly span: Span;
}

export type TypeBody = RecordBody | SumBody | AliasBody;

/** `{ field: T, fun m() {..} }`, optionally written `= { .. }`. */
export interface RecordBody {
  readonly kind: "RecordBody";
  readonly eq: boolean;
  readonly members: readonly (Field | FunDecl)[];
  readonly span: Span;
}

/** `= A(x: int) | B`, or a single variant with fields, `= A(x: int)`. */
export interface SumBody {
  readonly kind: "SumBody";
  readonly variants: readonly Variant[];
  readonly span: Span;
}

export interface AliasBody {
  readonly kind: "AliasBody";
  readonly type: TypeRef;
  readonly span: Span;
}

export interface Variant {
  readonly kind: "Variant";
  readonly name: Name;
  /** Absent for a nullary variant. */
  readonly fields?: readonly Field[];
  /** `{ a: int b: int }` instead of `(a: int, b: int)`. */
  readonly braces: boolean;
  readonly span: Span;
}

export interface Field {
  readonly kind: "Field";
  readonly name: Name;
  readonly type: TypeRef;
  readonly doc?: string;
  readonly span: Span;
}

export interface ExternTypeDecl {
  readonly kind: "ExternTypeDecl";
  readonly name: Name;
  readonly span: Span;
}

export interface ExternVarDecl {
  readonly kind: "ExternVarDecl";
  readonly keyword: "var" | "let";
  /** Root first: `extern let math.pi: float` has path [math, pi]. */
  readonly path: readonly Name[];
  readonly type: TypeRef;
  readonly span: Span;
}

export interface ExternFunDecl {
  readonly kind: "ExternFunDecl";
  readonly path: readonly Name[];
  readonly params: readonly Param[];
  readonly returnType?: TypeRef;
  readonly span: Span;
}

export interface ExternObjectDecl {
  readonly kind: "ExternObjectDecl";
  readonly name: Name;
  readonly span: Span;
}

export interface FactStmt {
  readonly kind: "FactStmt";
  readonly pred: LogicPredicate;
  readonly span: Span;
}

export interface RuleStmt {
  readonly kind: "RuleStmt";
  readonly head: LogicPredicate;
  readonly body: readonly LogicCond[];
  readonly span: Span;
}

export interface LogicPredicate {
  readonly kind: "LogicPredicate";
  readonly name: Name;
  readonly args: readonly LogicTerm[];
  readonly span: Span;
}

export type LogicTerm = Name | StringLit | IntLit;

export type LogicCond = LogicPredicate | LogicNeq;

export interface LogicNeq {
  readonly kind: "LogicNeq";
  readonly left: Name;
  readonly right: Name;
  readonly span: Span;
}

export interface OnHandler {
  readonly kind: "OnHandler";
  readonly stream: Name;
  readonly alias: Name;
  readonly body: Block;
  readonly span: Span;
}

export interface EmitStmt {
  readonly kind: "EmitStmt";
  readonly stream: Name;
  readonly fields: readonly NamedValue[];
  readonly span: Span;
}

export interface AgentDecl {
  readonly kind: "AgentDecl";
  readonly name: Name;
  readonly body: readonly (LetStmt | VarStmt | AssignStmt | OnHandler | IntentDecl)[];
  readonly span: Span;
}

export interface IntentDecl {
  readonly kind: "IntentDecl";
  readonly name: Name;
  readonly params: readonly Param[];
  readonly returnType?: TypeRef;
  readonly body: Block;
  readonly span: Span;
}

export interface StreamDecl {
  readonly kind: "StreamDecl";
  readonly name: Name;
  readonly fields: readonly Field[];
  readonly span: Span;
}

export interface ModelDecl {
  readonly kind: "ModelDecl";
  readonly name: Name;
  readonly fields: readonly NamedValue[];
  readonly span: Span;
}

export interface LetStmt {
  readonly kind: "LetStmt";
  readonly name: Name;
  readonly type?: TypeRef;
  readonly value?: Expr;
  readonly doc?: string;
  readonly span: Span;
}

export interface VarStmt {
  readonly kind: "VarStmt";
  readonly name: Name;
  readonly type?: TypeRef;
  readonly value?: Expr;
  readonly doc?: string;
  readonly span: Span;
}

/** `x[i][j].f.g = v`: subscripts come before fields. */
export interface AssignStmt {
  readonly kind: "AssignStmt";
  readonly target: Name;
  readonly subscripts: readonly Subscript[];
  readonly fields: readonly Name[];
  readonly value: Expr;
  readonly span: Span;
}

export interface FunDecl {
  readonly kind: "FunDecl";
  readonly export: boolean;
  readonly name: Name;
  readonly typeParams: readonly Name[];
  readonly params: readonly Param[];
  readonly returnType?: TypeRef;
  /** Effect labels after `!`. */
  readonly effects: readonly Name[];
  readonly body: Block;
  readonly doc?: string;
  readonly span: Span;
}

export interface Param {
  readonly kind: "Param";
  readonly name: Name;
  readonly type?: TypeRef;
  readonly span: Span;
}

export interface ReturnStmt {
  readonly kind: "ReturnStmt";
  readonly value?: Expr;
  readonly span: Span;
}

export interface IfStmt {
  readonly kind: "IfStmt";
  readonly cond: Expr;
  readonly then: Block;
  readonly else?: IfStmt | Block;
  readonly span: Span;
}

export interface WhileStmt {
  readonly kind: "WhileStmt";
  readonly cond: Expr;
  readonly body: Block;
  readonly span: Span;
}

/** `for x in xs {..}` or `for i in a..b {..}` (half-open). */
export interface ForStmt {
  readonly kind: "ForStmt";
  readonly name: Name;
  readonly source: Expr;
  readonly rangeEnd?: Expr;
  readonly body: Block;
  readonly span: Span;
}

export interface BreakStmt {
  readonly kind: "BreakStmt";
  readonly span: Span;
}

export interface ContinueStmt {
  readonly kind: "ContinueStmt";
  readonly span: Span;
}

export interface FetchStmt {
  readonly kind: "FetchStmt";
  readonly url: Expr;
  readonly target: Name;
  readonly with?: Expr;
  readonly span: Span;
}

export interface UpdateStmt {
  readonly kind: "UpdateStmt";
  readonly target: Name;
  readonly set: MapLit;
  readonly where?: Expr;
  readonly span: Span;
}

export interface ExprStmt {
  readonly kind: "ExprStmt";
  readonly expr: Expr;
  readonly span: Span;
}

// ---------------------------------------------------------------------------
// Type references

export type TypeRef = FunType | GenericType | InlineStructType | SimpleType | OptionType;

export interface SimpleType {
  readonly kind: "SimpleType";
  readonly name: Name;
  readonly span: Span;
}

export interface GenericType {
  readonly kind: "GenericType";
  readonly name: Name;
  readonly args: readonly TypeRef[];
  readonly span: Span;
}

/** `fun(A, B): R`; no return type means unit. */
export interface FunType {
  readonly kind: "FunType";
  readonly params: readonly TypeRef[];
  readonly returnType?: TypeRef;
  readonly span: Span;
}

export interface InlineStructType {
  readonly kind: "InlineStructType";
  readonly fields: readonly Field[];
  readonly span: Span;
}

/** `T?`. */
export interface OptionType {
  readonly kind: "OptionType";
  readonly inner: FunType | GenericType | InlineStructType | SimpleType;
  readonly span: Span;
}

// ---------------------------------------------------------------------------
// Expressions

export type BinaryOp =
  | "*" | "/" | "%" | "+" | "-" | "<" | "<=" | ">" | ">=" | "==" | "!=" | "in" | "&&" | "||" | "??"
  | "union" | "except" | "intersect";

export type Expr =
  | Binary | Unary
  | Call | Index | FieldAccess | SafeField | SafeIndex | Cast
  | StructLit | CallExpr | QueryExpr | LogicQuery | IfExpr | Selector | ListLit | MapLit | FunExpr | MatchExpr
  | GenerateExpr | FetchExpr | LoadExpr | SaveExpr | Paren
  | IntLit | FloatLit | BoolLit | StringLit | NoneLit;

export interface Binary {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  /** `union all` (syntactically, `all` may follow any operator). */
  readonly all: boolean;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

export interface Unary {
  readonly kind: "Unary";
  readonly op: "-" | "!";
  readonly operand: Expr;
  readonly span: Span;
}

/** A call applied to an expression: `a.b(1)`, `f(1)(2)`. */
export interface Call {
  readonly kind: "Call";
  readonly callee: Expr;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** `[start : end : step]`; each part optional. */
export interface Subscript {
  readonly kind: "Subscript";
  readonly start?: Expr;
  readonly end?: Expr;
  readonly step?: Expr;
  /** How many `:` were written (0, 1 or 2). */
  readonly colons: 0 | 1 | 2;
  readonly span: Span;
}

export interface Index {
  readonly kind: "Index";
  readonly target: Expr;
  readonly subscript: Subscript;
  readonly span: Span;
}

export interface FieldAccess {
  readonly kind: "FieldAccess";
  readonly target: Expr;
  readonly name: Name;
  readonly span: Span;
}

/** `a?.f` */
export interface SafeField {
  readonly kind: "SafeField";
  readonly target: Expr;
  readonly name: Name;
  readonly span: Span;
}

/** `a?[k]` */
export interface SafeIndex {
  readonly kind: "SafeIndex";
  readonly target: Expr;
  readonly index: Expr;
  readonly span: Span;
}

export interface Cast {
  readonly kind: "Cast";
  readonly expr: Expr;
  readonly type: TypeRef;
  readonly span: Span;
}

/** `Name: value`, in struct literals, emit, generate and model. */
export interface NamedValue {
  readonly kind: "NamedValue";
  readonly name: Name;
  readonly value: Expr;
  readonly span: Span;
}

export interface StructLit {
  readonly kind: "StructLit";
  readonly name: Name;
  readonly fields: readonly NamedValue[];
  readonly span: Span;
}

/** A plain call `f(x)` (an identifier directly followed by arguments). */
export interface CallExpr {
  readonly kind: "CallExpr";
  readonly callee: Name;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** `a`, `a.b.c`: a name and the dotted segments the checker resolves as one string. */
export interface Selector {
  readonly kind: "Selector";
  readonly root: Name;
  readonly tail: readonly Name[];
  readonly span: Span;
}

export interface ListLit {
  readonly kind: "ListLit";
  readonly elements: readonly Expr[];
  readonly span: Span;
}

export interface MapEntry {
  readonly kind: "MapEntry";
  readonly key: Expr;
  readonly value: Expr;
  readonly span: Span;
}

export interface MapLit {
  readonly kind: "MapLit";
  readonly entries: readonly MapEntry[];
  readonly span: Span;
}

/** `fun <T>(x: T): R ! eff { .. }` or `fun (x: int): int => x * 2` (both bodies are optional). */
export interface FunExpr {
  readonly kind: "FunExpr";
  readonly typeParams: readonly Name[];
  readonly params: readonly Param[];
  readonly returnType?: TypeRef;
  readonly effects: readonly Name[];
  readonly block?: Block;
  readonly arrow?: Expr;
  readonly span: Span;
}

export interface IfExpr {
  readonly kind: "IfExpr";
  readonly cond: Expr;
  readonly then: Expr;
  /** `if c { a }` or `if c then a`. */
  readonly thenForm: "brace" | "then";
  readonly else?: Expr;
  /** `else if ..`, `else { e }` or `else e`. */
  readonly elseForm?: "if" | "brace" | "expr";
  readonly span: Span;
}

export interface MatchArm {
  readonly kind: "MatchArm";
  readonly pattern: Expr;
  readonly result?: Expr;
  readonly block?: Block;
  readonly span: Span;
}

export interface MatchExpr {
  readonly kind: "MatchExpr";
  readonly subject: Expr;
  readonly arms: readonly MatchArm[];
  readonly span: Span;
}

export interface QuerySource {
  readonly kind: "QuerySource";
  readonly name: Name;
  readonly source: Expr;
  readonly span: Span;
}

export interface JoinClause {
  readonly kind: "JoinClause";
  readonly side?: "left" | "right" | "outer";
  /** `join from x in ..` (the `from` is optional). */
  readonly from: boolean;
  readonly name: Name;
  readonly source: Expr;
  readonly on: Expr;
  readonly span: Span;
}

export interface GroupClause {
  readonly kind: "GroupClause";
  readonly keys: readonly Expr[];
  readonly into: Name;
  readonly having?: Expr;
  readonly span: Span;
}

export interface QueryExpr {
  readonly kind: "QueryExpr";
  /** The first `from x in xs`, then any further ones. */
  readonly froms: readonly QuerySource[];
  readonly joins: readonly JoinClause[];
  readonly where?: Expr;
  readonly group?: GroupClause;
  readonly sort?: { readonly keyword: "sort" | "order"; readonly key: Expr };
  readonly skip?: Expr;
  readonly take?: Expr;
  readonly distinct: boolean;
  readonly select: Expr;
  readonly span: Span;
}

export interface LogicQuery {
  readonly kind: "LogicQuery";
  readonly pred: LogicPredicate;
  readonly span: Span;
}

export interface GenerateExpr {
  readonly kind: "GenerateExpr";
  readonly target: Name;
  readonly fields: readonly NamedValue[];
  readonly span: Span;
}

export interface FetchExpr {
  readonly kind: "FetchExpr";
  readonly url: Expr;
  readonly with?: Expr;
  readonly span: Span;
}

export interface LoadExpr {
  readonly kind: "LoadExpr";
  readonly path?: StringLit;
  readonly type: TypeRef;
  readonly with?: Expr;
  readonly span: Span;
}

export interface SaveExpr {
  readonly kind: "SaveExpr";
  readonly src: Expr;
  readonly path?: StringLit;
  readonly with?: Expr;
  readonly span: Span;
}

export interface Paren {
  readonly kind: "Paren";
  readonly expr: Expr;
  readonly span: Span;
}

export interface IntLit {
  readonly kind: "IntLit";
  /** Decimal, hex, binary or octal as written; `value` is exact. */
  readonly text: string;
  readonly value: bigint;
  readonly span: Span;
}

export interface FloatLit {
  readonly kind: "FloatLit";
  readonly text: string;
  readonly value: number;
  readonly span: Span;
}

export interface BoolLit {
  readonly kind: "BoolLit";
  readonly value: boolean;
  readonly span: Span;
}

export interface StringLit {
  readonly kind: "StringLit";
  /** Escapes decoded. */
  readonly value: string;
  /** As written, quotes included. */
  readonly raw: string;
  readonly span: Span;
}

export interface NoneLit {
  readonly kind: "NoneLit";
  readonly span: Span;
}

export type Node =
  | Program | Block | Statement | TypeBody | Variant | Field | Param | IntentDecl | LogicPredicate | LogicNeq
  | TypeRef | Expr | Subscript | NamedValue | MapEntry | MatchArm | QuerySource | JoinClause | GroupClause | Name;

/**
 * The direct children of a node, in source order. Walks built on it are
 * iterative, so deep trees (a long `a + b + c ..` chain is a deep left
 * spine) cannot overflow the stack.
 */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  const add = (...xs: (Node | readonly Node[] | undefined)[]): void => {
    for (const x of xs) {
      if (x === undefined) continue;
      if (Array.isArray(x)) out.push(...(x as readonly Node[]));
      else out.push(x as Node);
    }
  };
  switch (node.kind) {
    case "Program": add(node.package, node.statements); break;
    case "Block": add(node.statements); break;
    case "ErrorStmt": case "BreakStmt": case "ContinueStmt": case "Name": case "NoneLit": case "IntLit":
    case "FloatLit": case "BoolLit": case "StringLit": break;
    case "TestBlock": case "BenchBlock": add(node.name, node.body); break;
    case "ExpectStmt": add(node.value); break;
    case "ImportStmt": add(node.lang, node.path, node.alias); break;
    case "TypeDecl": add(node.name, node.body); break;
    case "RecordBody": add(node.members); break;
    case "SumBody": add(node.variants); break;
    case "AliasBody": add(node.type); break;
    case "Variant": add(node.name, node.fields); break;
    case "Field": add(node.name, node.type); break;
    case "ExternTypeDecl": case "ExternObjectDecl": add(node.name); break;
    case "ExternVarDecl": add(node.path, node.type); break;
    case "ExternFunDecl": add(node.path, node.params, node.returnType); break;
    case "FactStmt": add(node.pred); break;
    case "RuleStmt": add(node.head, node.body); break;
    case "LogicPredicate": add(node.name, node.args); break;
    case "LogicNeq": add(node.left, node.right); break;
    case "OnHandler": add(node.stream, node.alias, node.body); break;
    case "EmitStmt": add(node.stream, node.fields); break;
    case "AgentDecl": add(node.name, node.body); break;
    case "IntentDecl": add(node.name, node.params, node.returnType, node.body); break;
    case "StreamDecl": add(node.name, node.fields); break;
    case "ModelDecl": add(node.name, node.fields); break;
    case "LetStmt": case "VarStmt": add(node.name, node.type, node.value); break;
    case "AssignStmt": add(node.target, node.subscripts, node.fields, node.value); break;
    case "FunDecl": add(node.name, node.typeParams, node.params, node.returnType, node.effects, node.body); break;
    case "Param": add(node.name, node.type); break;
    case "ReturnStmt": add(node.value); break;
    case "IfStmt": add(node.cond, node.then, node.else); break;
    case "WhileStmt": add(node.cond, node.body); break;
    case "ForStmt": add(node.name, node.source, node.rangeEnd, node.body); break;
    case "FetchStmt": add(node.url, node.target, node.with); break;
    case "UpdateStmt": add(node.target, node.set, node.where); break;
    case "ExprStmt": add(node.expr); break;
    case "SimpleType": add(node.name); break;
    case "GenericType": add(node.name, node.args); break;
    case "FunType": add(node.params, node.returnType); break;
    case "InlineStructType": add(node.fields); break;
    case "OptionType": add(node.inner); break;
    case "Binary": add(node.left, node.right); break;
    case "Unary": add(node.operand); break;
    case "Call": add(node.callee, node.args); break;
    case "Subscript": add(node.start, node.end, node.step); break;
    case "Index": add(node.target, node.subscript); break;
    case "FieldAccess": case "SafeField": add(node.target, node.name); break;
    case "SafeIndex": add(node.target, node.index); break;
    case "Cast": add(node.expr, node.type); break;
    case "NamedValue": add(node.name, node.value); break;
    case "StructLit": add(node.name, node.fields); break;
    case "CallExpr": add(node.callee, node.args); break;
    case "Selector": add(node.root, node.tail); break;
    case "ListLit": add(node.elements); break;
    case "MapEntry": add(node.key, node.value); break;
    case "MapLit": add(node.entries); break;
    case "FunExpr": add(node.typeParams, node.params, node.returnType, node.effects, node.block, node.arrow); break;
    case "IfExpr": add(node.cond, node.then, node.else); break;
    case "MatchArm": add(node.pattern, node.result, node.block); break;
    case "MatchExpr": add(node.subject, node.arms); break;
    case "QuerySource": add(node.name, node.source); break;
    case "JoinClause": add(node.name, node.source, node.on); break;
    case "GroupClause": add(node.keys, node.into, node.having); break;
    case "QueryExpr":
      add(node.froms, node.joins, node.where, node.group, node.sort?.key, node.skip, node.take, node.select);
      break;
    case "LogicQuery": add(node.pred); break;
    case "GenerateExpr": add(node.target, node.fields); break;
    case "FetchExpr": add(node.url, node.with); break;
    case "LoadExpr": add(node.path, node.type, node.with); break;
    case "SaveExpr": add(node.src, node.path, node.with); break;
    case "Paren": add(node.expr); break;
  }
  return out;
}

/**
 * Visits `root` and its descendants depth-first in source order, without
 * recursion. Returning false from `visit` skips a node's children.
 */
export function walk(root: Node, visit: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}
