// GRAMMAR.md §2: one describe block per grammar rule, named after it.
import { describe, expect, it } from "vitest";
import type * as A from "../../core/src/mochi/ast.js";
import { parse } from "../../core/src/mochi/parser.js";
import { expr, parseOk, stmts, sx, typeRef } from "./helpers.js";

/** Diagnostic codes and positions of a source that must not parse cleanly. */
const errs = (src: string): string[] => parse(src).diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.col}`);
const kinds = (src: string): string[] => stmts(src).map((s) => s.kind);
const one = <K extends A.Statement["kind"]>(src: string, kind: K): Extract<A.Statement, { kind: K }> => {
  const ss = stmts(src);
  expect(ss.map((s) => s.kind)).toEqual([kind]);
  return ss[0] as Extract<A.Statement, { kind: K }>;
};

describe("rule Program", () => {
  it("an optional package clause, then statements", () => {
    const p = parseOk("package textutil\nlet a = 1\nprint(a)");
    expect(p.package?.name).toBe("textutil");
    expect(p.statements.map((s) => s.kind)).toEqual(["LetStmt", "ExprStmt"]);
    expect(parseOk("// comment first\npackage p").package?.name).toBe("p");
    expect(parseOk("").statements).toEqual([]);
  });
  it("package only comes first", () => {
    expect(errs("let a = 1\npackage p")).toEqual(["P001@2:1"]);
  });
  it("statements need no separator: newlines mean nothing", () => {
    expect(kinds("let a = 1 let b = 2 print(a)")).toEqual(["LetStmt", "LetStmt", "ExprStmt"]);
    const [, assign] = stmts("var x = 1\nx = x\n-1");
    expect(assign!.kind === "AssignStmt" && sx(assign.value)).toBe("(- x 1)");
    const [, g] = stmts("fun f(n: int): int { return n }\nlet g = f\n(3)");
    expect(g!.kind === "LetStmt" && sx(g.value!)).toBe("(f 3)");
  });
});

describe("rule Statement", () => {
  it("tries the alternatives in the grammar's order", () => {
    // AssignStmt before ExprStmt; FetchStmt before FetchExpr; BenchBlock (soft) before a call.
    expect(kinds('x = 1\nfetch "u" into r\nbench("b")\nbench "b" {}\nmodel("m")\nmodel m {}')).toEqual(
      ["AssignStmt", "FetchStmt", "ExprStmt", "BenchBlock", "ExprStmt", "ModelDecl"]);
  });
  it("recovers: a bad statement becomes an ErrorStmt and parsing goes on", () => {
    // `let a` is complete (the value is optional), so `= )` is the bad statement;
    // the error is reported where the longer alternative stopped.
    const r = parse("let a = )\nprint(a)\nfun f( {\nprint(2)");
    expect(r.program.statements.map((s) => s.kind)).toEqual(["LetStmt", "ErrorStmt", "ExprStmt", "ErrorStmt", "ExprStmt"]);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.span.start.line, d.span.start.col])).toEqual([
      ["P001", 'unexpected token ")", expected an expression', 1, 9],
      ["P001", 'unexpected token "{", expected ")" or an identifier', 3, 8],
    ]);
  });
});

describe("rule Statement: lexer errors", () => {
  it("an unterminated string or comment is reported once, not again at the end of input", () => {
    expect(errs('let s = "open\nprint(s)')).toEqual(["P040@1:9"]);
    expect(errs("let s = /* open")).toEqual(["P042@1:9"]);
    expect(errs("let s = 1_000 +")).toEqual(["P043@1:9", "P001@1:16"]);
  });
});

describe("rule Block", () => {
  it("braces around statements, possibly none", () => {
    const f = one("fun f() {}", "FunDecl");
    expect(f.body.statements).toEqual([]);
    expect(one("fun f() { let a = 1 print(a) }", "FunDecl").body.statements.map((s) => s.kind)).toEqual(["LetStmt", "ExprStmt"]);
  });
  it("recovers inside a block and goes on after it", () => {
    const r = parse("fun f() {\n  let a = )\n  print(1)\n}\nprint(2)");
    expect(r.program.statements.map((s) => s.kind)).toEqual(["FunDecl", "ExprStmt"]);
    const body = (r.program.statements[0] as A.FunDecl).body.statements.map((s) => s.kind);
    expect(body).toEqual(["LetStmt", "ErrorStmt", "ExprStmt"]);
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.col} ${d.message}`)).toEqual(
      ['P001@2:11 unexpected token ")", expected an expression']);
  });
  it("a block left open at the end of input is reported once", () => {
    expect(errs("fun f() {\n  print(1)\n")).toEqual(["P001@3:1"]);
  });
});

describe("rule ImportStmt", () => {
  it("import [lang] path [as alias] [auto]", () => {
    const i = one('import go "github.com/spf13/cobra@v1.8.0" as cobra auto', "ImportStmt");
    expect([i.lang?.name, i.path.value, i.alias?.name, i.auto]).toEqual(["go", "github.com/spf13/cobra@v1.8.0", "cobra", true]);
    const bare = one('import "./lib/x"', "ImportStmt");
    expect([bare.lang, bare.alias, bare.auto]).toEqual([undefined, undefined, false]);
  });
  it("parts may be separated by any whitespace, including ; and newlines", () => {
    expect(one('import\n go ;\n "os"\n as\n osx', "ImportStmt").alias?.name).toBe("osx");
  });
  it("the order is fixed: `auto as y` leaves `as y`, a P065 statement", () => {
    expect(parse('import go "x" auto as y').diagnostics.map((d) => d.code)).toEqual(["P065", "P065"]);
  });
  it("an alias cannot be a keyword", () => {
    expect(errs('import go "x" as type')).toEqual(["P065@1:15", "P001@1:22"]);
  });
  it("the path is required", () => {
    expect(errs("import go")).toEqual(["P001@1:10"]);
  });
});

describe("rule LetStmt and VarStmt", () => {
  it("let/var name [: Type] [= Expr]", () => {
    const l = one("let a: int = 1", "LetStmt");
    expect([l.name.name, l.type && sx(l.type), l.value && sx(l.value)]).toEqual(["a", "int", "1"]);
    expect(one("let t: int", "LetStmt").value).toBeUndefined();
    const v = one("var b", "VarStmt");
    expect([v.type, v.value]).toEqual([undefined, undefined]);
    expect(one("var c: string?", "VarStmt").type && sx(one("var c: string?", "VarStmt").type!)).toBe("string?");
  });
  it("takes a /// doc string from the lines just above", () => {
    expect(one("/// one\n/// two\nlet a = 1", "LetStmt").doc).toBe("one\ntwo");
    expect(one("/// far\n\nlet a = 1", "LetStmt").doc).toBeUndefined();
    expect(one("// plain\nlet a = 1", "LetStmt").doc).toBeUndefined();
  });
  it("export let is a parse error", () => {
    expect(errs("export let x = 1")).toEqual(["P001@1:8"]);
  });
});

describe("rule AssignStmt", () => {
  it("Ident {Subscript} {. Ident} = Expr: subscripts before fields", () => {
    const a = one("a[0][1].f.g = v", "AssignStmt");
    expect([a.target.name, a.subscripts.map(sx), a.fields.map((f) => f.name), sx(a.value)]).toEqual(["a", ["[0]", "[1]"], ["f", "g"], "v"]);
    expect(one('m["k"][0] = v', "AssignStmt").subscripts.length).toBe(2);
  });
  it("a.f[0] = v is not an assignment", () => {
    const r = parse("p.xs[0] = 1");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["P065", "P001"]);
    expect(r.diagnostics[1]!.notes[0]!.message).toContain("subscripts before fields");
  });
});

describe("rule FunDecl", () => {
  it("[export] fun name [TypeParams] (Params) [: Type] [! effects] Block", () => {
    const f = one("/// doc\nexport fun f<T, U>(a: T, b): U ! io, net { return b }", "FunDecl");
    expect([f.export, f.name.name, f.typeParams.map((t) => t.name), f.params.map((p) => [p.name.name, p.type && sx(p.type)]),
      f.returnType && sx(f.returnType), f.effects.map((e) => e.name), f.body.statements.length, f.doc]).toEqual(
      [true, "f", ["T", "U"], [["a", "T"], ["b", undefined]], "U", ["io", "net"], 1, "doc"]);
  });
  it("rule TypeParams: < Ident {, Ident} >", () => {
    expect(one("fun f<K>() {}", "FunDecl").typeParams.map((t) => t.name)).toEqual(["K"]);
    expect(errs("fun f<>() {}")).toEqual(["P001@1:7"]);
  });
  it("rule Params: no trailing comma and no defaults", () => {
    expect(errs("fun f(a: int,) {}")).toEqual(["P001@1:14"]);
    expect(errs("fun f(a: int = 1) {}")).toEqual(["P001@1:14"]);
  });
  it("needs a body", () => {
    expect(errs("fun f(): int")).toEqual(["P001@1:13"]);
  });
});

describe("rule ReturnStmt", () => {
  it("return [Expr]", () => {
    const f = one("fun f() { return }", "FunDecl");
    expect(f.body.statements[0]).toMatchObject({ kind: "ReturnStmt" });
    expect((f.body.statements[0] as A.ReturnStmt).value).toBeUndefined();
    const r = one("return 1 + 2", "ReturnStmt");
    expect(r.value && sx(r.value)).toBe("(+ 1 2)");
  });
});

describe("rule IfStmt", () => {
  it("if Expr Block [else (IfStmt | Block)]", () => {
    const i = one("if a { print(1) } else if b { print(2) } else { print(3) }", "IfStmt");
    expect(sx(i.cond)).toBe("a");
    expect(i.else?.kind).toBe("IfStmt");
    expect((i.else as A.IfStmt).else?.kind).toBe("Block");
  });
  it("struct-literal capture: `if x {}` is P001 with an explanation; `if (x) {}` works", () => {
    for (const src of ["if x {}", "if a == b {}", "while x {}"]) {
      const r = parse(src);
      expect(r.diagnostics.map((d) => d.code), src).toEqual(["P001"]);
      expect(r.diagnostics[0]!.notes[0]!.message, src).toContain("struct literal");
    }
    expect(kinds("if (x) {}")).toEqual(["IfStmt"]);
    expect(kinds("if x { print(1) }")).toEqual(["IfStmt"]);
  });
});

describe("rule WhileStmt", () => {
  it("while Expr Block", () => {
    const w = one("while i < 3 { i = i + 1 }", "WhileStmt");
    expect([sx(w.cond), w.body.statements[0]!.kind]).toEqual(["(< i 3)", "AssignStmt"]);
  });
});

describe("rule ForStmt", () => {
  it("for Ident in Expr [.. Expr] Block", () => {
    const f = one("for i in 0..n + 1 { print(i) }", "ForStmt");
    expect([f.name.name, sx(f.source), f.rangeEnd && sx(f.rangeEnd)]).toEqual(["i", "0", "(+ n 1)"]);
    expect(one("for x in xs { print(x) }", "ForStmt").rangeEnd).toBeUndefined();
  });
  it("`for v in xs {}` is P001 (capture)", () => {
    expect(errs("for v in xs {}")).toEqual(["P001@1:15"]);
  });
});

describe("rule BreakStmt and ContinueStmt", () => {
  it("bare keywords", () => {
    expect(one("for x in xs { break continue }", "ForStmt").body.statements.map((s) => s.kind)).toEqual(["BreakStmt", "ContinueStmt"]);
  });
});

describe("rule ExprStmt", () => {
  it("an expression with a call, fetch, load, save or generate", () => {
    expect(kinds('[f()]\nprint(1)\na.b(2)\nfetch "u"\nload as T\nsave x\ngenerate text { prompt: "p" }')).toEqual(Array(7).fill("ExprStmt"));
  });
  it("P065 without one, including when the only call is in a lambda body", () => {
    for (const src of ["x + 1", "x", "[1, 2]", "fun() => f()", "T {}"]) expect(parse(src).diagnostics.map((d) => d.code), src).toEqual(["P065"]);
  });
});

describe("rule TestBlock, BenchBlock and ExpectStmt", () => {
  it('test "name" Block, bench "name" Block, expect Expr', () => {
    const t = one('test "adds" { expect 1 + 1 == 2 }', "TestBlock");
    expect([t.name.value, t.body.statements[0]!.kind]).toEqual(["adds", "ExpectStmt"]);
    expect(one('bench "b" {}', "BenchBlock").name.value).toBe("b");
    expect(errs("test name {}")).toEqual(["P001@1:6"]);
  });
});

describe("rule Subscript", () => {
  it("[ [Expr] [: [Expr]] [: [Expr]] ]", () => {
    expect(["xs[1]", "xs[1:2]", "xs[1:]", "xs[:2]", "xs[::2]", "xs[1:2:3]", "xs[:]"].map((s) => sx(expr(s)))).toEqual([
      "(index xs [1])", "(index xs [1 : 2])", "(index xs [1 : _])", "(index xs [_ : 2])", "(index xs [_ : _ : 2])",
      "(index xs [1 : 2 : 3])", "(index xs [_ : _])"]);
  });
  it("P060 for an empty subscript", () => {
    expect(parse("let v = xs[]").diagnostics.map((d) => `${d.code}@${d.span.start.col}-${d.span.end.col}`)).toEqual(["P060@11-13"]);
  });
  it("`:-` is one token: xs[1:-1] fails, xs[1: -1] works", () => {
    expect(errs("let v = xs[1:-1]")).toEqual(["P001@1:13"]);
    expect(sx(expr("xs[1: -1]"))).toBe("(index xs [1 : (- 1)])");
  });
});

describe("rule TypeDecl", () => {
  const body = (src: string): A.TypeBody => one(src, "TypeDecl").body;
  it("TypeBody 1: a record, with or without =, commas optional, methods allowed", () => {
    const r = body("type P { x: int, y: int, fun norm(): int { return x } }") as A.RecordBody;
    expect([r.kind, r.eq, r.members.map((m) => m.kind)]).toEqual(["RecordBody", false, ["Field", "Field", "FunDecl"]]);
    expect((body("type P = {\n x: float\n y: float\n}") as A.RecordBody).eq).toBe(true);
    expect(body("type Pair = {left: int, right: int}").kind).toBe("RecordBody");
  });
  it("TypeBody 2: a sum type of two or more variants, line breaks allowed", () => {
    const s = body("type T =\n  A(x: int, y: string,)\n  | B { a: int b: int }\n  | C") as A.SumBody;
    expect(s.variants.map((v) => [v.name.name, v.fields?.map((f) => f.name.name), v.braces])).toEqual(
      [["A", ["x", "y"], false], ["B", ["a", "b"], true], ["C", undefined, false]]);
  });
  it("TypeBody 3: one variant with fields", () => {
    const s = body("type M = MetersOf(value: float)") as A.SumBody;
    expect([s.kind, s.variants.length, s.variants[0]!.fields!.length]).toEqual(["SumBody", 1, 1]);
  });
  it("TypeBody 4: an alias (including `= Only` and `= {}`)", () => {
    expect(["type U = int", "type T = Only", "type E = {}", "type F = fun(string): bool", "type R = map<string, any>"].map((s) => {
      const b = body(s);
      return b.kind === "AliasBody" ? sx(b.type) : b.kind;
    })).toEqual(["int", "Only", "{}", "fun(string):bool", "map<string any>"]);
  });
  it("rule Member, Field, Variant, VariantFields: doc strings on fields", () => {
    const r = body("type U {\n  /// the id\n  id: int\n}") as A.RecordBody;
    expect((r.members[0] as A.Field).doc).toBe("the id");
  });
  it("parse errors: generics, an empty record, a leading bar, export type", () => {
    expect(errs("type Box<T> { v: T }")).toEqual(["P001@1:9"]);
    expect(errs("type E {}")).toEqual(["P001@1:9"]);
    expect(errs("type T = | A | B")).toEqual(["P001@1:10"]);
    expect(errs("export type T = int")).toEqual(["P001@1:8"]);
  });
  it("a braced variant written with commas leaves a map-literal statement (P065)", () => {
    const r = parse("type T = Leaf | Node { a: int, b: int }");
    expect(r.program.statements.map((s) => s.kind)).toEqual(["TypeDecl", "ExprStmt"]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["P065"]);
  });
});

describe("rule ExternTypeDecl", () => {
  it("extern type Ident, with no dots, generics or body", () => {
    expect(one("extern type Handle", "ExternTypeDecl").name.name).toBe("Handle");
    expect(errs("extern type a.B")).toEqual(["P001@1:14"]);
  });
});

describe("rule ExternVarDecl", () => {
  it("extern (var | let) dotted : Type, the type mandatory", () => {
    const v = one("extern let math.pi: float", "ExternVarDecl");
    expect([v.keyword, v.path.map((n) => n.name), sx(v.type)]).toEqual(["let", ["math", "pi"], "float"]);
    expect(one("extern var os.path: any", "ExternVarDecl").keyword).toBe("var");
    expect(errs("extern var x")).toEqual(["P001@1:13"]);
  });
});

describe("rule ExternFunDecl", () => {
  it("extern fun dotted (Params) [: Type]", () => {
    const f = one("extern fun os.path.join(a: string, b: string): string", "ExternFunDecl");
    expect([f.path.map((n) => n.name), f.params.map((p) => p.name.name), f.returnType && sx(f.returnType)]).toEqual(
      [["os", "path", "join"], ["a", "b"], "string"]);
    expect(one("extern fun log(msg: string)", "ExternFunDecl").returnType).toBeUndefined();
  });
  it("in `extern fun f(int)`, int is a parameter name", () => {
    const p = one("extern fun f(int)", "ExternFunDecl").params[0]!;
    expect([p.name.name, p.type]).toEqual(["int", undefined]);
  });
  it("no type parameters, no body, no keyword members", () => {
    expect(errs("extern fun f<T>(x: T): T")).toEqual(["P001@1:13"]);
    expect(errs("extern fun re.match(s: string): bool")[0]).toBe("P001@1:15");
  });
});

describe("rule ExternObjectDecl", () => {
  it("extern object Ident", () => {
    expect(one("extern object console", "ExternObjectDecl").name.name).toBe("console");
  });
});

describe("rule Type", () => {
  it("FunType | GenericType | InlineStruct | Ident, then an optional ?", () => {
    expect(["int", "int?", "list<int>", "map<string, list<int>>", "{a: int, b: string?,}", "{}", "fun(int, string): bool",
      "fun()", "fun(int): int?", "fun(int)?", "list<int>?"].map((t) => sx(typeRef(t)))).toEqual([
      "int", "int?", "list<int>", "map<string list<int>>", "{a:int b:string?}", "{}", "fun(int string):bool",
      "fun()", "fun(int):int?", "fun(int)?", "list<int>?"]);
  });
  it("rule GenericType: `>>` is two tokens; `>=` is one", () => {
    expect(sx(typeRef("map<string, map<string, int>>"))).toBe("map<string map<string int>>");
    expect(errs("let x: list<int>= []")).toEqual(["P001@1:16"]);
  });
  it("no qualified names and no parentheses", () => {
    expect(errs("let x: pkg.T = 1")).toEqual(["P065", "P001"].map((c, i) => (i === 0 ? "P001@1:11" : "")).filter(Boolean));
    expect(errs("let x: (int) = 1")[0]).toBe("P001@1:8");
  });
  it("rule FunType and rule InlineStruct: named fun parameters are not types", () => {
    expect(errs("let f: fun(x: int): int = g")[0]).toBe("P001@1:13");
  });
});

describe("rule Expr and BinOp", () => {
  it("applies the checker's precedence ladder, left-associative at every level", () => {
    expect([
      "1 + 2 * 3", "1 * 2 + 3", "1 - 2 - 3", "a < b == c", "a == b && c", "a && b || c", "a || b ?? c", "a ?? b union c",
      "a % b / c", "x in xs == true", "a union all b except c intersect d", "!a == b", "-a * b",
    ].map((s) => sx(expr(s)))).toEqual([
      "(+ 1 (* 2 3))", "(+ (* 1 2) 3)", "(- (- 1 2) 3)", "(== (< a b) c)", "(&& (== a b) c)", "(|| (&& a b) c)",
      "(?? (|| a b) c)", "(union (?? a b) c)", "(/ (% a b) c)", "(== (in x xs) true)",
      "(intersect (except (union all a b) c) d)", "(== (! a) b)", "(* (- a) b)",
    ]);
  });
  it("`all` may follow any operator", () => {
    expect(sx(expr("1 + all 2"))).toBe("(+ all 1 2)");
  });
  it("rule Unary: prefix - and ! repeat", () => {
    expect(sx(expr("- -!x"))).toBe("(- (- (! x)))");
  });
});

describe("rule Postfix and PostfixOp", () => {
  it("calls, ?. and ?[ ], subscripts, fields and casts, in any order", () => {
    expect(["a.b(1)", "f(1)(2)", "o?.name", "m?[k]", "xs[0].name", "x as int", "m[\"k\"]?.name ?? \"\"", "f(x).y as string?"]
      .map((s) => sx(expr(s)))).toEqual([
      "(call a.b 1)", "(call (f 1) 2)", "(?. o name)", "(?[ m k)", "(. (index xs [0]) name)", "(as x int)",
      '(?? (?. (index m ["k"]) name) "")', "(as (. (f x) y) string?)",
    ]);
  });
  it("f(a, b,) is a parse error at the trailing comma's )", () => {
    expect(errs("f(a, b,)")).toEqual(["P065@1:1", "P001@1:8"]);
  });
  it("a member named like a keyword cannot follow a dot", () => {
    for (const src of ["re.match(x)", "P.all(x)", "json.load(x)", "np.save(x)", "x.in"]) {
      const r = parse(src);
      expect(r.diagnostics.some((d) => d.code === "P001" && d.notes.some((n) => n.message.includes("hard keyword"))), src).toBe(true);
    }
    expect(sx(expr("t.select"))).toBe("t.select");
  });
});

describe("rule Primary", () => {
  it("rule StructLit: Ident { [Ident: Expr, ..] [,] } is tried first", () => {
    expect(sx(expr("User { id: 1, name: \"a\", }"))).toBe('(struct User id=1 name="a")');
    expect(sx(expr("E {}"))).toBe("(struct E)");
  });
  it("rule CallExpr: Ident ( args ) is a plain call, unlike a.b()", () => {
    expect(expr("f(1, 2)").kind).toBe("CallExpr");
    expect(expr("a.f(1)").kind).toBe("Call");
  });
  it("rule Selector: Ident {. Ident}", () => {
    const s = expr("a.b.c") as A.Selector;
    expect([s.kind, s.root.name, s.tail.map((t) => t.name)]).toEqual(["Selector", "a", ["b", "c"]]);
  });
  it("rule ListLit and rule MapLit: trailing commas, bare-identifier keys, computed keys", () => {
    expect(sx(expr("[1, [2], ]"))).toBe("[1 [2]]");
    expect(sx(expr('{a: 1, "b": 2, (k): 3,}'))).toBe('{a:1 "b":2 (paren k):3}');
    expect(sx(expr("{}"))).toBe("{}");
    expect(errs("let m = {a:-1}")).toEqual(["P001@1:11"]);
  });
  it("rule FunExpr: type params, params, return, effects, block and/or arrow", () => {
    expect(["fun(x: int): int => x * 2", "fun(x) { print(x) }", "fun<T>(x: T): T ! io { print(x) } => x", "fun() {}"]
      .map((s) => sx(expr(s)))).toEqual([
      "(fun (x:int):int => (* x 2))", "(fun (x) {1})", "(fun<T> (x:T):T !io {1} => x)", "(fun () {0})",
    ]);
  });
  it("rule IfExpr: { E } or then E, else IfExpr | { E } | E", () => {
    expect(["if c then a else b", "if c { a } else { b }", "if c then a else if d then b else e", "if (c) { a }", "if c then a else {\"k\": 1}"]
      .map((s) => sx(expr(s)))).toEqual([
      "(if c then a expr b)", "(if c brace a brace b)", "(if c then a if (if d then b expr e))", "(if (paren c) brace a)",
      '(if c then a expr {"k":1})',
    ]);
  });
  it("rule MatchExpr: arms without separators; an arm may have a block", () => {
    expect(sx(expr("match t {\n Num(v) => v\n Eof => 0\n _ => { print(1) }\n}"))).toBe(
      "(match t [(Num v) => v] [Eof => 0] [_ => {1}])");
    expect(sx(expr("match x { 1 => {} }"))).toBe("(match x [1 => {}])");
    expect(errs("let v = match x { 1 => 2, 3 => 4 }")).toEqual(["P001@1:25"]);
  });
  it("match patterns: P063 for anything but literals, _, names, Variant(p..) and (p)", () => {
    expect(parse('let v = match x { (z) => 0\n 1 => 1\n "s" => 2\n none => 3\n _ => 4\n y => 5\n V(a, (2)) => 6 }').diagnostics).toEqual([]);
    for (const [p, what] of [["-1", "a prefix -"], ["a.b", "a dotted name"], ["[1]", "a list literal"], ["V(-1)", "a prefix -"], ["a + 1", "an operator"]]) {
      const d = parse(`let v = match x { ${p} => 1 }`).diagnostics;
      expect(d.map((x) => x.code), p).toEqual(["P063"]);
      expect(d[0]!.message, p).toContain(what);
    }
  });
  it("rule Literal: int, float, true, false, string, none; null is a name", () => {
    expect(["1", "1.5", "true", "false", '"s"', "none", "null"].map((s) => expr(s).kind)).toEqual(
      ["IntLit", "FloatLit", "BoolLit", "BoolLit", "StringLit", "NoneLit", "Selector"]);
  });
  it("parenthesised expressions stay as Paren nodes", () => {
    expect(sx(expr("(1 + 2) * 3"))).toBe("(* (paren (+ 1 2)) 3)");
  });
  it("V(x: 1) is a parse error", () => {
    expect(errs("V(x: 1)")).toEqual(["P065@1:1", "P001@1:4"]);
  });
});

describe("rule QueryExpr", () => {
  it("from .. in .. {from} {join} [where] [group by .. into .. [having]] [sort|order by] [skip] [take] select [distinct]", () => {
    const q = expr("from p in ps from o in os left join from c in cs on c.id == p.id join d in ds on true where p.age > 1 " +
      "group by p.city, p.age into g having len(g) > 1 order by g.key skip 1 take 2 select distinct g") as A.QueryExpr;
    expect([q.froms.map((f) => f.name.name), q.joins.map((j) => [j.side, j.from, j.name.name]), q.where && sx(q.where),
      q.group?.keys.map(sx), q.group?.into.name, q.group?.having && sx(q.group.having), q.sort?.keyword, q.skip && sx(q.skip),
      q.take && sx(q.take), q.distinct, sx(q.select)]).toEqual([
      ["p", "o"], [["left", true, "c"], [undefined, false, "d"]], "(> p.age 1)", ["p.city", "p.age"], "g", "(> (len g) 1)",
      "order", "1", "2", true, "g"]);
    expect((expr("from x in xs select x") as A.QueryExpr).distinct).toBe(false);
  });
});

describe("rule LogicQuery, FactStmt and RuleStmt", () => {
  it("fact p(terms), rule p(..) :- cond, .., query p(..)", () => {
    const f = one('fact parent("a", x, 3)', "FactStmt");
    expect(f.pred.args.map((a) => a.kind)).toEqual(["StringLit", "Name", "IntLit"]);
    const r = one("rule sib(a, b) :- parent(p, a), parent(p, b), a != b", "RuleStmt");
    expect(r.body.map((c) => c.kind)).toEqual(["LogicPredicate", "LogicPredicate", "LogicNeq"]);
    expect(expr("query sib(x, y)").kind).toBe("LogicQuery");
    expect(expr("query(1)").kind).toBe("CallExpr");
  });
});

describe("rule GenerateExpr, FetchExpr, LoadExpr, SaveExpr", () => {
  it("generate Ident { fields }, fetch E [with E], load [String] as Type [with E], save E [to String] [with E]", () => {
    expect(sx(expr('generate text { prompt: "p", }')).length).toBeGreaterThan(0);
    const g = expr('generate text { prompt: "p", }') as A.GenerateExpr;
    expect([g.target.name, g.fields.map((f) => f.name.name)]).toEqual(["text", ["prompt"]]);
    const f = expr('fetch "u" with {"m": 1}') as A.FetchExpr;
    expect([f.kind, f.with?.kind]).toEqual(["FetchExpr", "MapLit"]);
    const l = expr('load "p.json" as T with opts') as A.LoadExpr;
    expect([l.path?.value, sx(l.type), l.with && sx(l.with)]).toEqual(["p.json", "T", "opts"]);
    expect((expr("load as T") as A.LoadExpr).path).toBeUndefined();
    const s = one('save xs to "o.json" with opts', "ExprStmt").expr as A.SaveExpr;
    expect([s.kind, s.path?.value, s.with && sx(s.with)]).toEqual(["SaveExpr", "o.json", "opts"]);
    expect(errs('let v = load "p"')).toEqual(["P001@1:17"]);
  });
});

describe("rule FetchStmt and UpdateStmt", () => {
  it("fetch E into x [with E]; update x set MapLit [where E]", () => {
    const f = one('fetch "u" into r with o', "FetchStmt");
    expect([f.target.name, f.with && sx(f.with)]).toEqual(["r", "o"]);
    const u = one('update rows set {"a": 1} where id == 2', "UpdateStmt");
    expect([u.target.name, sx(u.set), u.where && sx(u.where)]).toEqual(["rows", '{"a":1}', "(== id 2)"]);
  });
});

describe("rule StreamDecl, OnHandler and EmitStmt", () => {
  it("stream S { fields }, on S as x Block, emit S { name: E, .. }", () => {
    expect(one("stream S {\n id: string\n t: float\n}", "StreamDecl").fields.map((f) => f.name.name)).toEqual(["id", "t"]);
    expect(one("on S as s { print(s) }", "OnHandler").alias.name).toBe("s");
    expect(one('emit S { id: "a", t: 1.0, }', "EmitStmt").fields.length).toBe(2);
  });
});

describe("rule AgentDecl and IntentDecl", () => {
  it("agent A { let | var | assign | on | intent }", () => {
    const a = one("agent A {\n let x = 1\n var y: int = 0\n y = 2\n on S as s { y = 3 }\n intent go2(p: string): string { return p }\n}", "AgentDecl");
    expect(a.body.map((b) => b.kind)).toEqual(["LetStmt", "VarStmt", "AssignStmt", "OnHandler", "IntentDecl"]);
    expect(errs("agent A { print(1) }")).toEqual(["P001@1:16"]);
  });
});

describe("rule ModelDecl", () => {
  it("model m { name: Expr .. }", () => {
    expect(one('model m {\n provider: "x"\n name: "y"\n}', "ModelDecl").fields.map((f) => f.name.name)).toEqual(["provider", "name"]);
  });
});
