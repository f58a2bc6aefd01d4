// The corpus (fixtures/mochi/corpus): every verified example of GRAMMAR.md
// §5.2 verbatim, plus programs that together use every construct of the
// grammar. Every file must parse and check without errors, and the
// verified failures of §5.3 must be diagnosed where they are syntax-level.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { walk, type Node, type Program } from "../../core/src/mochi/ast.js";
import { checkSource } from "../../core/src/mochi/check.js";
import { IMPORT_LANGUAGES_68AB7E4E } from "../../core/src/mochi/go-import.js";
import { parse } from "../../core/src/mochi/parser.js";
import { sharedDir } from "../vectors.js";
import { corpusFiles, readFixture } from "./helpers.js";

const files = corpusFiles();
const programs = new Map<string, Program>(files.map((f) => [f, parse(readFixture(`corpus/${f}`)).program]));

/** The warnings a corpus file is expected to produce (everything else must be silent). */
const EXPECTED_WARNINGS: Record<string, string[]> = {
  "externs.mochi": ["T108@21:25"],
};

describe("corpus", () => {
  it("has the files", () => {
    expect(files.length).toBe(32);
  });

  it.each(files)("%s parses with no diagnostics", (f) => {
    const r = parse(readFixture(`corpus/${f}`));
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.col} ${d.message}`)).toEqual([]);
    expect(r.program.statements.some((s) => s.kind === "ErrorStmt")).toBe(false);
  });

  it.each(files)("%s passes the import and declaration checks", (f) => {
    const r = checkSource(readFixture(`corpus/${f}`));
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.col}`)).toEqual(EXPECTED_WARNINGS[f] ?? []);
  });
});

describe("GRAMMAR.md §5.2 verified examples", () => {
  const grammar = readFileSync(join(sharedDir, "mochi/GRAMMAR.md"), "utf8");
  const section = grammar.slice(grammar.indexOf("### 5.2 Verified examples"), grammar.indexOf("### 5.3"));
  const blocks = [...section.matchAll(/```mochi\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const corpus = files.map((f) => readFixture(`corpus/${f}`));

  it("finds all 21 examples (X1-X20 and X15b)", () => {
    expect(blocks.length).toBe(21);
  });

  it.each(blocks.map((b) => [b.split("\n")[0]!, b]))("%s is in the corpus verbatim", (_title, block) => {
    expect(corpus).toContain(block);
  });
});

/** Which kinds, operators and written forms a program uses. */
function features(p: Program): Set<string> {
  const out = new Set<string>();
  walk(p, (n: Node) => {
    out.add(n.kind);
    switch (n.kind) {
      case "Binary": out.add(`Binary ${n.op}${n.all ? " all" : ""}`); break;
      case "Unary": out.add(`Unary ${n.op}`); break;
      case "IfExpr": out.add(`IfExpr ${n.thenForm}`); if (n.elseForm) out.add(`IfExpr else ${n.elseForm}`); break;
      case "IfStmt": if (n.else) out.add(`IfStmt else ${n.else.kind}`); break;
      case "RecordBody": out.add(`RecordBody ${n.eq ? "=" : "plain"}`); if (n.members.some((m) => m.kind === "FunDecl")) out.add("RecordBody method"); break;
      case "SumBody": out.add(`SumBody ${n.variants.length === 1 ? "single" : "many"}`); break;
      case "Variant": out.add(`Variant ${n.fields === undefined ? "nullary" : n.braces ? "braces" : "parens"}`); break;
      case "Subscript": out.add(`Subscript ${n.colons}`); break;
      case "JoinClause": out.add(`JoinClause ${n.side ?? "inner"}${n.from ? " from" : ""}`); break;
      case "QueryExpr":
        if (n.sort) out.add(`QueryExpr ${n.sort.keyword}`);
        if (n.distinct) out.add("QueryExpr distinct");
        if (n.froms.length > 1) out.add("QueryExpr froms");
        for (const k of ["where", "group", "skip", "take"] as const) if (n[k] !== undefined) out.add(`QueryExpr ${k}`);
        if (n.group?.having) out.add("QueryExpr having");
        break;
      case "ExternVarDecl": out.add(`ExternVarDecl ${n.keyword}${n.path.length > 1 ? " dotted" : ""}`); break;
      case "ExternFunDecl": if (n.path.length > 2) out.add("ExternFunDecl three-level"); break;
      case "FunExpr": out.add(`FunExpr${n.block ? " block" : ""}${n.arrow ? " arrow" : ""}`); if (n.typeParams.length) out.add("FunExpr generic"); if (n.effects.length) out.add("FunExpr effects"); break;
      case "FunDecl": if (n.export) out.add("FunDecl export"); if (n.typeParams.length) out.add("FunDecl generic"); if (n.effects.length) out.add("FunDecl effects"); if (n.doc) out.add("FunDecl doc"); break;
      case "ImportStmt": out.add(`ImportStmt ${n.lang?.name ?? "mochi"}${n.alias ? "" : " default-alias"}${n.auto ? " auto" : ""}`); break;
      case "LetStmt": case "VarStmt": out.add(`${n.kind}${n.type ? " typed" : ""}${n.value ? " valued" : ""}`); if (n.doc) out.add(`${n.kind} doc`); break;
      case "Field": if (n.doc) out.add("Field doc"); break;
      case "TypeDecl": if (n.doc) out.add("TypeDecl doc"); break;
      case "AssignStmt": if (n.subscripts.length) out.add("AssignStmt subscripts"); if (n.fields.length) out.add("AssignStmt fields"); break;
      case "ForStmt": out.add(n.rangeEnd ? "ForStmt range" : "ForStmt in"); break;
      case "ReturnStmt": out.add(n.value ? "ReturnStmt value" : "ReturnStmt bare"); break;
      case "MatchArm": if (n.block) out.add("MatchArm block"); if (n.result) out.add("MatchArm result"); break;
      case "LoadExpr": out.add(`LoadExpr${n.path ? " path" : ""}${n.with ? " with" : ""}`); break;
      case "SaveExpr": out.add(`SaveExpr${n.path ? " to" : ""}${n.with ? " with" : ""}`); break;
      case "FetchExpr": out.add(`FetchExpr${n.with ? " with" : ""}`); break;
      case "FetchStmt": out.add(`FetchStmt${n.with ? " with" : ""}`); break;
      case "UpdateStmt": out.add(`UpdateStmt${n.where ? " where" : ""}`); break;
      case "Param": if (!n.type) out.add("Param untyped"); break;
      case "IntLit": out.add(`IntLit ${/^0[xX]/.test(n.text) ? "hex" : /^0[bB]/.test(n.text) ? "bin" : /^0[oO]/.test(n.text) ? "oct" : "dec"}`); break;
      case "FloatLit": out.add(`FloatLit${/[eE]/.test(n.text) ? " exp" : ""}`); break;
      case "StringLit": if (n.raw.includes("\\")) out.add("StringLit escapes"); if (n.value.includes("\n") && !n.raw.includes("\\n")) out.add("StringLit multiline"); break;
      case "Program": if (n.package) out.add("Program package"); break;
    }
  });
  return out;
}

describe("corpus coverage", () => {
  const all = new Set<string>();
  for (const p of programs.values()) for (const f of features(p)) all.add(f);

  const required = [
    // every node kind
    "Program", "Block", "ErrorStmt", "TestBlock", "BenchBlock", "ExpectStmt", "ImportStmt", "TypeDecl", "RecordBody", "SumBody",
    "AliasBody", "Variant", "Field", "ExternTypeDecl", "ExternVarDecl", "ExternFunDecl", "ExternObjectDecl", "FactStmt", "RuleStmt",
    "LogicPredicate", "LogicNeq", "OnHandler", "EmitStmt", "AgentDecl", "IntentDecl", "StreamDecl", "ModelDecl", "LetStmt",
    "VarStmt", "AssignStmt", "FunDecl", "Param", "ReturnStmt", "IfStmt", "WhileStmt", "ForStmt", "BreakStmt", "ContinueStmt",
    "FetchStmt", "UpdateStmt", "ExprStmt", "SimpleType", "GenericType", "FunType", "InlineStructType", "OptionType", "Binary",
    "Unary", "Call", "Subscript", "Index", "FieldAccess", "SafeField", "SafeIndex", "Cast", "NamedValue", "StructLit", "CallExpr",
    "Selector", "ListLit", "MapEntry", "MapLit", "FunExpr", "IfExpr", "MatchArm", "MatchExpr", "QuerySource", "JoinClause",
    "GroupClause", "QueryExpr", "LogicQuery", "GenerateExpr", "FetchExpr", "LoadExpr", "SaveExpr", "Paren", "IntLit", "FloatLit",
    "BoolLit", "StringLit", "NoneLit", "Name",
    // every operator and written form
    ...["*", "/", "%", "+", "-", "<", "<=", ">", ">=", "==", "!=", "in", "&&", "||", "??", "union", "union all", "except", "intersect"].map((o) => `Binary ${o}`),
    "Unary -", "Unary !", "IfExpr then", "IfExpr brace", "IfExpr else if", "IfExpr else brace", "IfExpr else expr",
    "IfStmt else IfStmt", "IfStmt else Block", "RecordBody =", "RecordBody plain", "RecordBody method", "SumBody single", "SumBody many",
    "Variant nullary", "Variant braces", "Variant parens", "Subscript 0", "Subscript 1", "Subscript 2",
    "JoinClause inner", "JoinClause left", "JoinClause right from", "JoinClause outer", "QueryExpr sort", "QueryExpr order",
    "QueryExpr distinct", "QueryExpr froms", "QueryExpr where", "QueryExpr group", "QueryExpr having", "QueryExpr skip", "QueryExpr take",
    "ExternVarDecl var", "ExternVarDecl var dotted", "ExternVarDecl let", "ExternVarDecl let dotted", "ExternFunDecl three-level",
    "FunExpr arrow", "FunExpr block", "FunExpr block arrow", "FunExpr generic", "FunExpr effects",
    "FunDecl export", "FunDecl generic", "FunDecl effects", "FunDecl doc",
    "ImportStmt go", "ImportStmt go default-alias", "ImportStmt go default-alias auto", "ImportStmt go auto", "ImportStmt python",
    "ImportStmt typescript", "ImportStmt zig", "ImportStmt lua", "ImportStmt clj", "ImportStmt clojure", "ImportStmt rust",
    "ImportStmt kotlin", "ImportStmt erlang", "ImportStmt java", "ImportStmt mochi", "ImportStmt mochi default-alias",
    "LetStmt", "LetStmt valued", "LetStmt typed valued", "VarStmt typed", "VarStmt valued", "VarStmt typed valued",
    "LetStmt doc", "Field doc", "TypeDecl doc", "AssignStmt subscripts", "AssignStmt fields", "ForStmt range", "ForStmt in",
    "ReturnStmt value", "ReturnStmt bare", "MatchArm block", "MatchArm result", "LoadExpr path with", "LoadExpr",
    "SaveExpr to with", "SaveExpr", "FetchExpr with", "FetchExpr", "FetchStmt with", "FetchStmt", "UpdateStmt where", "UpdateStmt",
    "Param untyped", "IntLit dec", "IntLit hex", "IntLit bin", "IntLit oct", "FloatLit", "FloatLit exp", "StringLit escapes",
    "StringLit multiline", "Program package",
  ];

  it.each(required.filter((r) => r !== "ErrorStmt"))("uses %s", (feature) => {
    expect(all.has(feature)).toBe(true);
  });
});

describe("GRAMMAR.md §5.3 verified failures", () => {
  const diagnose = (src: string, languages?: readonly string[]): string[] => {
    const opts = languages === undefined ? {} : { languages };
    return checkSource(src, opts).diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
  };

  const PARSE_ERRORS: [string, string][] = [
    ["extern fun f<T>(..)", "extern fun f<T>(x: T): T"],
    ["extern type a.B", "extern type a.B"],
    ["x: pkg.T", "let x: pkg.T = 1"],
    ["type Box<T> {..}", "type Box<T> { value: T }"],
    ["type E {}", "type E {}"],
    ["type T = | A | B", "type T = | A | B"],
    ["V(x: 1)", "type T = V(x: int) | W\nlet v = V(x: 1)"],
    ["f(a, b,)", "f(a, b,)"],
    ["fun f(a: int,)", "fun f(a: int,) {}"],
    ["export type", "export type T = int"],
    ["export let", "export let x = 1"],
    ["p.xs[0] = 1", "p.xs[0] = 1"],
    ["xs[1:-1]", "let ys = xs[1:-1]"],
    ["re.match(..)", 're.match("a", "b")'],
    ["P.all(..)", "P.all(xs)"],
    ["json.load(..)", 'json.load("f")'],
    ["if x {}", "if x {}"],
    ["for v in xs {}", "for v in xs {}"],
    ["if a == b {}", "if a == b {}"],
    ["commas between match arms", "let v = match x {\n  1 => 2,\n  3 => 4\n}"],
  ];
  it.each(PARSE_ERRORS)("parse error: %s", (_name, src) => {
    expect(diagnose(src)).toContain("P001");
  });

  const CODED: [string, string, string][] = [
    ["P041", '"it\\\'s"', 'print("it\\\'s")'],
    ["P041", '"\\0"', 'print("\\0")'],
    ["P043", "1_000", "print(1_000)"],
    ["P063", "a -1 => pattern", "let v = match x {\n  -1 => 0\n  _ => 1\n}"],
    ["P065", "x + 1 as a statement", "let x = 1\nx + 1"],
    ["P065", "a braced variant with commas", "type T = Leaf | Node { a: int, b: int }"],
    ["P064", 'import Go ".."', 'import Go "fmt" as fmt'],
  ];
  it.each(CODED)("%s: %s", (code, _name, src) => {
    expect(diagnose(src)).toEqual([code]);
  });

  it('P064: import rust ".." with the languages of commit 68ab7e4e', () => {
    expect(diagnose('import rust "serde@1.0" as serde', IMPORT_LANGUAGES_68AB7E4E)).toEqual(["P064"]);
    expect(diagnose('import rust "serde@1.0" as serde')).toEqual([]);
  });

  // Checker-level failures about declarations, which the light check also finds.
  const CHECKED: [string, string, string][] = [
    ["T002", "a dotted extern whose root is unbound (extern object does not bind it)", "extern object m\nextern fun m.f(): int"],
    // (A single upper-case letter is any to the checker, so the handle needs a longer name.)
    ["T025", "extern type H used as a type", "extern type Handle\nextern fun mk(): Handle"],
    ["T025", "type T = Only", "type T = Only"],
    ["T025", "fun id<Elem>", "fun id<Elem>(x: Elem): Elem {\n  return x\n}"],
  ];
  it.each(CHECKED)("%s: %s", (code, _name, src) => {
    expect(diagnose(src)).toEqual([code]);
  });
});
