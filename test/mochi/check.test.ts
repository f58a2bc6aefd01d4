// The light declaration check (GRAMMAR.md §3) and the bridge-shaped files.
import { describe, expect, it } from "vitest";
import { checkDeclarations, checkSource } from "../../core/src/mochi/check.js";
import { parse } from "../../core/src/mochi/parser.js";
import { readFixture } from "./helpers.js";

/** code@line:col message, for the declaration check alone. */
const check = (src: string): string[] => {
  const { program, diagnostics } = parse(src);
  expect(diagnostics.filter((d) => d.severity === "error"), src).toEqual([]);
  return checkDeclarations(program).map((d) => `${d.code}@${d.span.start.line}:${d.span.start.col} ${d.message}`);
};

describe("type names (§3.1)", () => {
  it("resolves builtins, type parameters, declared types, variants, earlier bindings and single letters", () => {
    expect(check([
      "type Rec { a: int, b: int64, c: float, d: bigint, e: bigrat, f: string, g: bool, h: unit, i: any }",
      "type Sum = One(x: Rec) | Two",
      "type Ali = Two",
      "import go \"strings\" as strings",
      "extern fun strings.Fields(s: string): list<strings>",
      "fun id<T, K>(x: T, k: K, v: V, u: One): map<K, T> {\n  return {}\n}",
      "extern fun later(x: Later): Sum",
      "type Later = int",
    ].join("\n"))).toEqual([]);
  });

  it("T025 for an unknown name, with a hint", () => {
    const { program } = parse("extern fun f(b: bytes): error");
    const ds = checkDeclarations(program);
    expect(ds.map((d) => [d.code, d.message, d.span.start.col])).toEqual([["T025", "unknown type bytes", 17], ["T025", "unknown type error", 25]]);
    expect(ds[0]!.help).toContain("declare it with `type`");
  });

  it("T025 for a name only an extern type declares (X5), with the alias as the fix", () => {
    const { program } = parse("extern type Handle\nextern fun open(): Handle");
    const [d] = checkDeclarations(program);
    expect(d!.code).toBe("T025");
    expect(d!.help).toContain("`extern type Handle` declares nothing the checker can use; add `type Handle = any` (or a one-field record for nominal typing)");
    expect(check("extern type Handle\ntype Handle = any\nextern fun open(): Handle")).toEqual([]);
  });

  it("T025 for a type parameter that is not a single upper-case letter", () => {
    expect(check("fun id<Elem>(x: Elem): Elem {\n  return x\n}")).toEqual(["T025@1:8 unknown type Elem"]);
  });

  it("bindings name types only after their position", () => {
    expect(check("let later: Value = 1\nlet Value = 2")).toEqual(["T025@1:12 unknown type Value"]);
  });

  it("T100 for generics other than list and map; T101 for their arity", () => {
    expect(check("extern fun f(): Result<unit, string>\nextern fun g(x: option<int>): list<int, int>\nextern fun h(): map<string>")).toEqual([
      "T100@1:17 generic type Result<...> is not list or map: the checker treats it as any",
      "T100@2:17 generic type option<...> is not list or map: the checker treats it as any",
      "T101@2:31 list takes one type argument, got 2: the checker treats it as any",
      "T101@3:17 map takes two type arguments, got 1: the checker treats it as any",
    ]);
  });

  it("checks nested types: options, functions, inline records", () => {
    expect(check("extern fun f(cb: fun(Foo): Bar?, r: {a: Baz, a: int}): list<map<string, Qux>>")).toEqual([
      "T025@1:22 unknown type Foo", "T025@1:28 unknown type Bar", "T025@1:41 unknown type Baz",
      "T105@1:46 duplicate member a in an inline record type", "T025@1:73 unknown type Qux",
    ]);
  });
});

describe("externs (§3.2, §3.3)", () => {
  it("T002 when a dotted extern's root is unbound before it; extern object binds nothing", () => {
    expect(check("extern object m\nextern fun m.f(): int\nextern fun q.g(): int\nimport go \"x.io/q\" as q")).toEqual([
      "T002@2:12 the root m of m.f is not bound", "T002@3:12 the root q of q.g is not bound",
    ]);
  });

  it("any binding binds a root: import alias, extern var, let, fun, type", () => {
    expect(check([
      'import python "math" as math', "extern let math.pi: float",
      "extern var util: any", "extern fun util.each(xs: list<int>): unit",
      "let cfg = 1", "extern fun cfg.read(): unit",
      "extern fun helper.run(): unit", "fun helper(): int {\n  return 1\n}",
      "type DataFrame = any", "extern fun DataFrame.filter(df: DataFrame): DataFrame",
    ].join("\n"))).toEqual([]);
  });

  it("T102 when an intermediate prefix is not declared (R10)", () => {
    expect(check("import python \"os\" as os\nextern fun os.path.join(a: string, b: string): string")).toEqual([
      "T102@2:15 extern os.path.join is unreachable: its prefix os.path is not bound",
    ]);
    expect(check("import python \"os\" as os\nextern fun os.path.join(a: string, b: string): string\nextern var os.path: any")).toEqual([]);
  });

  it("T103 for an undotted extern named like a builtin (R12)", () => {
    expect(check("extern fun count(a: int, b: int): int\nextern var len: int")).toEqual([
      "T103@1:12 extern count has the name of a builtin function", "T103@2:12 extern len has the name of a builtin function",
    ]);
  });

  it("T107 for an extern fun without a return type, T108 for an untyped parameter (R11)", () => {
    expect(check("extern fun log(msg: string)\nextern fun f(int): unit")).toEqual([
      "T107@1:1 extern fun log has no return type, so its calls are typed any (not unit)",
      "T108@2:14 parameter int of extern fun f has no type, so it is any",
    ]);
  });
});

describe("duplicates", () => {
  it("T104 for a top-level name declared twice, noting the first", () => {
    const { program } = parse("type A = int\nlet A = 1\nfun f(): int {\n  return 1\n}\nextern fun f(): int\nextern var x.y: int\nextern let x.y: int\ntype M = M(v: float)");
    expect(checkDeclarations(program).filter((d) => d.code === "T104").map((d) => [d.message, d.span.start.line, d.notes[0]!.message, d.notes[0]!.span!.start.line])).toEqual([
      ["let A is declared more than once", 2, "A is first declared here as type", 1],
      ["extern fun f is declared more than once", 6, "f is first declared here as function", 3],
      ["extern let x.y is declared more than once", 8, "x.y is first declared here as extern var", 7],
      ["variant M is declared more than once", 9, "M is first declared here as type", 9],
    ]);
  });

  it("extern type then type alias is not a duplicate (X5); two imports are left to P080/P081", () => {
    expect(check('extern type H\ntype H = any\nimport go "a.io/x" as x\nimport go "b.io/x" as x')).toEqual([]);
  });

  it("T105 for a member declared twice in a record, sum type or variant", () => {
    expect(check("type R { a: int, a: string }\ntype S = A(x: int, x: int) | B | B\ntype T {\n  m: int\n  fun m(): int {\n    return 1\n  }\n}")).toEqual([
      "T105@1:18 duplicate member a in type R", "T105@2:20 duplicate member x in variant A", "T105@2:34 duplicate member B in type S",
      "T105@5:7 duplicate member m in type T",
    ]);
  });

  it("T106 for a parameter declared twice", () => {
    expect(check("fun f(a: int, a: int): int {\n  return a\n}\nextern fun g(x: int, x: int): int\nfun h<T, T>(): unit {}")).toEqual([
      "T106@1:15 duplicate parameter a in fun f", "T106@4:22 duplicate parameter x in extern fun g",
      "T105@5:10 duplicate member T in the type parameters of h",
    ]);
  });
});

describe("bridge-shaped files (fixtures/mochi/bridge)", () => {
  it("the extern file and the alias shim check clean", () => {
    for (const f of ["bridge/uuid_extern.mochi", "bridge/uuid.mochi"]) expect(checkSource(readFixture(f)).diagnostics, f).toEqual([]);
  });

  it("the consumer checks clean when [go-dependencies] lists cobra, and reports P079 when it does not", () => {
    const src = readFixture("bridge/consumer.mochi");
    expect(checkSource(src, { lookup: (m) => (m === "github.com/spf13/cobra" ? "v1.8.0" : undefined) }).diagnostics).toEqual([]);
    expect(checkSource(src, { lookup: () => undefined }).diagnostics.map((d) => d.code)).toEqual(["P079"]);
  });

  it("the reference emitter's output parses, and the check says what is wrong with it", () => {
    const r = checkSource(readFixture("bridge/reference-sentinel.mochi"));
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.col}`)).toEqual([
      "T002@4:12", "T002@6:12", "T100@6:43", "T002@8:12", "T025@8:34", "T025@8:43", "T107@10:1", "T002@10:12",
    ]);
  });
});
