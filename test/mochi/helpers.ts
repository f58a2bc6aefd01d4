// Shared helpers for the Mochi front-end tests.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type * as A from "../../core/src/mochi/ast.js";
import type { Diagnostic } from "../../core/src/mochi/diagnostics.js";
import { parse } from "../../core/src/mochi/parser.js";
import { repoRoot } from "../vectors.js";

export const fixturesDir = join(repoRoot, "fixtures/mochi");

/** Every corpus program, relative to fixtures/mochi/corpus (lib/ included). */
export function corpusFiles(): string[] {
  const dir = join(fixturesDir, "corpus");
  const top = readdirSync(dir).filter((f) => f.endsWith(".mochi"));
  const lib = readdirSync(join(dir, "lib")).filter((f) => f.endsWith(".mochi")).map((f) => `lib/${f}`);
  return [...top, ...lib].sort();
}

export function readFixture(rel: string): string {
  return readFileSync(join(fixturesDir, rel), "utf8");
}

/** The tree without positions, for comparing parses of different texts. */
export function stripSpans(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(stripSpans);
  if (x === null || typeof x !== "object") return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) if (k !== "span") out[k] = stripSpans(v);
  return out;
}

export function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => d.code);
}

/** Parses `src`, expecting no diagnostics at all. */
export function parseOk(src: string): A.Program {
  const r = parse(src);
  expect(r.diagnostics.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.col} ${d.message}`), src).toEqual([]);
  return r.program;
}

/** The statements of a program that must parse cleanly. */
export function stmts(src: string): readonly A.Statement[] {
  return parseOk(src).statements;
}

/** The expression of `let _v = <src>`. */
export function expr(src: string): A.Expr {
  const s = stmts(`let v = ${src}`)[0]!;
  if (s.kind !== "LetStmt" || s.value === undefined) throw new Error(`not a let with a value: ${src}`);
  return s.value;
}

/** The type of `let _v: <src>`. */
export function typeRef(src: string): A.TypeRef {
  const s = stmts(`let v: ${src}`)[0]!;
  if (s.kind !== "LetStmt" || s.type === undefined) throw new Error(`not a typed let: ${src}`);
  return s.type;
}

/** A compact S-expression of an expression or type, to assert grouping and shape. */
export function sx(n: A.Expr | A.TypeRef | A.Subscript): string {
  const l = (xs: readonly (A.Expr | A.TypeRef)[]): string => xs.map(sx).join(" ");
  const opt = (x: A.Expr | A.TypeRef | undefined): string => (x === undefined ? "_" : sx(x));
  switch (n.kind) {
    case "Binary": return `(${n.op}${n.all ? " all" : ""} ${sx(n.left)} ${sx(n.right)})`;
    case "Unary": return `(${n.op} ${sx(n.operand)})`;
    case "Call": return `(call ${sx(n.callee)}${n.args.length ? " " + l(n.args) : ""})`;
    case "CallExpr": return `(${n.callee.name}${n.args.length ? " " + l(n.args) : ""})`;
    case "Index": return `(index ${sx(n.target)} ${sx(n.subscript)})`;
    case "Subscript": return `[${opt(n.start)}${n.colons >= 1 ? ` : ${opt(n.end)}` : ""}${n.colons === 2 ? ` : ${opt(n.step)}` : ""}]`;
    case "FieldAccess": return `(. ${sx(n.target)} ${n.name.name})`;
    case "SafeField": return `(?. ${sx(n.target)} ${n.name.name})`;
    case "SafeIndex": return `(?[ ${sx(n.target)} ${sx(n.index)})`;
    case "Cast": return `(as ${sx(n.expr)} ${sx(n.type)})`;
    case "Selector": return [n.root, ...n.tail].map((x) => x.name).join(".");
    case "StructLit": return `(struct ${n.name.name}${n.fields.map((f) => ` ${f.name.name}=${sx(f.value)}`).join("")})`;
    case "ListLit": return `[${l(n.elements)}]`;
    case "MapLit": return `{${n.entries.map((e) => `${sx(e.key)}:${sx(e.value)}`).join(" ")}}`;
    case "Paren": return `(paren ${sx(n.expr)})`;
    case "IntLit": return n.text;
    case "FloatLit": return n.text;
    case "BoolLit": return String(n.value);
    case "StringLit": return n.raw;
    case "NoneLit": return "none";
    case "IfExpr": return `(if ${sx(n.cond)} ${n.thenForm} ${sx(n.then)}${n.else ? ` ${n.elseForm} ${sx(n.else)}` : ""})`;
    case "FunExpr": return `(fun${n.typeParams.length ? `<${n.typeParams.map((t) => t.name).join(",")}>` : ""} (${n.params.map((p) => p.name.name + (p.type ? `:${sx(p.type)}` : "")).join(" ")})${n.returnType ? `:${sx(n.returnType)}` : ""}${n.effects.length ? ` !${n.effects.map((e) => e.name).join(",")}` : ""}${n.block ? ` {${n.block.statements.length}}` : ""}${n.arrow ? ` => ${sx(n.arrow)}` : ""})`;
    case "MatchExpr": return `(match ${sx(n.subject)}${n.arms.map((a) => ` [${sx(a.pattern)} =>${a.result ? " " + sx(a.result) : ""}${a.block ? ` {${a.block.statements.length}}` : ""}]`).join("")})`;
    case "SimpleType": return n.name.name;
    case "GenericType": return `${n.name.name}<${l(n.args)}>`;
    case "FunType": return `fun(${l(n.params)})${n.returnType ? `:${sx(n.returnType)}` : ""}`;
    case "InlineStructType": return `{${n.fields.map((f) => `${f.name.name}:${sx(f.type)}`).join(" ")}}`;
    case "OptionType": return `${sx(n.inner)}?`;
    default: return `<${n.kind}>`;
  }
}

/** A small, fast, seeded PRNG (mulberry32), so fuzz failures replay. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
