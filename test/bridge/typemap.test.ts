// The type table: every Go type kind maps to a Mochi type and a lowering class, or fails with a Skip token.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { readApiSurface } from "../../core/src/bridge/surface.js";
import { parseType, printType } from "../../core/src/bridge/typeexpr.js";
import {
  funcDepth,
  isExported,
  isInternalPath,
  KNOWN_FOREIGN_BASIC,
  qualify,
  substitute,
  TypeTable,
  type Lowering,
  type Mapped,
  type MochiType,
} from "../../core/src/bridge/typemap.js";

const KIT = "example.com/kit";
let table: TypeTable;

beforeAll(() => {
  table = new TypeTable(readApiSurface(readFileSync("test/bridge/golden/kit.surface.json", "utf8")));
});

function map(s: string, typeParams: string[] = []): Mapped {
  const r = table.map(parseType(s, { typeParams }), KIT);
  if (!r.ok) throw new Error(`${s} did not map: ${r.reason}: ${r.detail}`);
  return r.mapped;
}

function skip(s: string, typeParams: string[] = []): string {
  const r = table.map(parseType(s, { typeParams }), KIT);
  if (r.ok) throw new Error(`${s} mapped to ${table.mochiKey(r.mapped.mochi)}`);
  return r.reason;
}

function aliasTarget(key: string): MochiType {
  const d = table.decl(key);
  if (d.kind !== "alias") throw new Error(`${key} is a ${d.kind}`);
  return d.target;
}

/** The lowering without nested Mapped objects: classes of the elements instead. */
function shape(l: Lowering): unknown {
  switch (l.class) {
    case "list":
      return { ...l, elem: l.elem.lower.class };
    case "ref":
    case "chan":
      return { ...l, elem: l.elem.go };
    case "map":
      return { ...l, key: l.key.lower.class, value: l.value.lower.class };
    case "record":
      return { ...l, fields: l.fields.map((f) => `${f.name}:${f.type.lower.class}`) };
    case "func":
      return { ...l, params: l.params.map((p) => p.go), results: l.results.map((r) => r.go) };
    default:
      return l;
  }
}

describe("basic kinds", () => {
  const int = (bits: number, signed: boolean, platform: boolean, checkToGo: boolean, checkToMochi: boolean) => ({
    class: "int",
    bits,
    signed,
    platform,
    checkToGo,
    checkToMochi,
  });
  it.each([
    ["bool", "bool", { class: "bool" }],
    ["string", "string", { class: "string" }],
    ["int", "int", int(64, true, true, true, false)],
    ["int8", "int", int(8, true, false, true, false)],
    ["int16", "int", int(16, true, false, true, false)],
    ["int32", "int", int(32, true, false, true, false)],
    ["rune", "int", int(32, true, false, true, false)],
    ["int64", "int", int(64, true, false, false, false)],
    // 64-bit unsigned crosses as its bit pattern: no checks but the 32-bit-target one for platform types.
    ["uint", "int", int(64, false, true, true, false)],
    ["uint8", "int", int(8, false, false, true, false)],
    ["byte", "int", int(8, false, false, true, false)],
    ["uint16", "int", int(16, false, false, true, false)],
    ["uint32", "int", int(32, false, false, true, false)],
    ["uint64", "int", int(64, false, false, false, false)],
    ["uintptr", "int", int(64, false, true, true, false)],
    ["float32", "float", { class: "float", bits: 32, checkToGo: true }],
    ["float64", "float", { class: "float", bits: 64, checkToGo: false }],
    ["error", "[handle:error]", { class: "error" }],
    ["any", "any", { class: "dynamic" }],
    ["interface{}", "any", { class: "dynamic" }],
  ])("%s -> %s", (go, mochi, lower) => {
    const m = map(go);
    expect(table.mochiKey(m.mochi)).toBe(mochi);
    expect(m.lower).toEqual(lower);
    expect(m.go).toBe(go);
  });

  it.each([
    ["complex64", "SkipComplexNumeric"],
    ["complex128", "SkipComplexNumeric"],
    ["comparable", "SkipConstraintInterface"],
  ])("%s is %s", (go, reason) => {
    expect(skip(go)).toBe(reason);
  });

  it("declares the error handle once", () => {
    expect(table.decl("handle:error")).toEqual({ kind: "handle", key: "handle:error", tag: "GoError", go: "error", of: "error" });
  });
});

describe("composite kinds", () => {
  it.each([
    ["[]byte", "list<int>", { class: "bytes" }],
    ["[]uint8", "list<int>", { class: "bytes" }],
    ["[16]byte", "list<int>", { class: "bytes", length: 16 }],
    ["[]string", "list<string>", { class: "list", elem: "string" }],
    ["[3]int", "list<int>", { class: "list", elem: "int", length: 3 }],
    ["[][]string", "list<list<string>>", { class: "list", elem: "list" }],
    ["[]any", "list<any>", { class: "list", elem: "dynamic" }],
    ["map[string]int", "map<string,int>", { class: "map", key: "string", value: "int" }],
    ["map[int]bool", "map<int,bool>", { class: "map", key: "int", value: "bool" }],
    ["map[float64]string", "map<float,string>", { class: "map", key: "float", value: "string" }],
    ["map[Level][]string", "map<[alias:example.com/kit.Level],list<string>>", { class: "map", key: "int", value: "list" }],
    ["map[string]any", "map<string,any>", { class: "map", key: "string", value: "dynamic" }],
    ["struct{}", "unit", { class: "record", fields: [], named: false }],
    ["struct{A int; B string}", "{A:int,B:string}", { class: "record", fields: ["A:int", "B:string"], named: false }],
    ["interface{String() string}", "any", { class: "handle", of: "interface", pointer: false }],
  ])("%s -> %s", (go, mochi, lower) => {
    const m = map(go);
    expect(table.mochiKey(m.mochi)).toBe(mochi);
    expect(shape(m.lower)).toEqual(lower);
  });

  it.each([
    ["map[Point]int", "SkipMapKeyNotBasic"],
    ["map[*Greeter]int", "SkipMapKeyNotBasic"],
    ["map[any]int", "SkipMapKeyNotBasic"],
    ["map[string]complex64", "SkipComplexNumeric"],
    ["[]complex64", "SkipComplexNumeric"],
    ["struct{A int; b string}", "SkipUnexportedInPosition"],
    ["struct{C complex64}", "SkipComplexNumeric"],
    ["~int | ~string", "SkipConstraintInterface"],
    ["interface{~int}", "SkipConstraintInterface"],
    ["interface{int | string}", "SkipConstraintInterface"],
  ])("%s is %s", (go, reason) => {
    expect(skip(go)).toBe(reason);
  });
});

describe("pointers", () => {
  it.each([
    ["*int", "[ref:int]", { class: "ref", elem: "int" }, { kind: "ref", tag: "IntRef" }],
    ["*Greeter", "[ref:example.com/kit.Greeter]", { class: "ref", elem: "example.com/kit.Greeter" }, { kind: "ref", tag: "GreeterRef" }],
    ["*Level", "[ref:example.com/kit.Level]", { class: "ref", elem: "example.com/kit.Level" }, { kind: "ref", tag: "LevelRef" }],
    ["*[]string", "[ref:[]string]", { class: "ref", elem: "[]string" }, { kind: "ref", tag: "StringListRef" }],
    ["*any", "[ref:any]", { class: "ref", elem: "any" }, { kind: "ref", tag: "AnyRef" }],
    ["*Stats", "[handle:example.com/kit.Stats]", { class: "handle", of: "struct", pointer: true }, { kind: "handle", tag: "Stats" }],
    ["*io.Reader", "[handle:io.Reader]", { class: "handle", of: "opaque", pointer: true }, { kind: "handle", tag: "IoReader" }],
    ["*net/http.Request", "[handle:net/http.Request]", { class: "handle", of: "opaque", pointer: true }, { kind: "handle", tag: "HttpRequest" }],
  ])("%s -> %s", (go, mochi, lower, decl) => {
    const m = map(go);
    expect(table.mochiKey(m.mochi)).toBe(mochi);
    expect(shape(m.lower)).toEqual(lower);
    expect(m.mochi.kind === "decl" ? table.decl(m.mochi.key) : undefined).toMatchObject(decl);
  });

  it("refuses pointers to pointers", () => {
    expect(skip("**int")).toBe("SkipPointerToPointer");
    expect(skip("**Stats")).toBe("SkipPointerToPointer");
  });
});

describe("named types of the module", () => {
  it("maps a struct with exported, mappable fields to a record", () => {
    const m = map("Greeter");
    expect(table.mochiKey(m.mochi)).toBe("[record:example.com/kit.Greeter]");
    expect(shape(m.lower)).toEqual({ class: "record", fields: ["Prefix:string", "Count:int"], named: true });
    expect(table.decl("record:example.com/kit.Greeter")).toMatchObject({ kind: "record", tag: "Greeter", go: "example.com/kit.Greeter" });
    expect(table.mochiKey(map("sub.Item".replace("sub.", "example.com/kit/sub.")).mochi)).toBe("[record:example.com/kit/sub.Item]");
    expect(table.decl("record:example.com/kit/sub.Item").tag).toBe("SubItem");
  });

  it("keeps a record whose field points to itself (through a ref)", () => {
    const m = map("Node");
    expect(shape(m.lower)).toEqual({ class: "record", fields: ["Value:int", "Next:ref"], named: true });
    const next = m.lower.class === "record" ? m.lower.fields[1]!.type : undefined;
    expect(next?.lower.class === "ref" ? next.lower.elem : undefined).toBe(m);
  });

  it("makes a struct a handle when a field is unexported or does not cross, or it contains itself by value", () => {
    for (const [go, of] of [["Stats", "struct"], ["Box", "struct"], ["Tree", "struct"], ["Shape", "interface"]] as const) {
      const m = map(go);
      expect(table.mochiKey(m.mochi), go).toBe(`[handle:example.com/kit.${go}]`);
      expect(m.lower, go).toEqual({ class: "handle", of, pointer: false });
    }
    expect(table.mochiKey(map("[]Tree").mochi)).toBe("list<[handle:example.com/kit.Tree]>");
  });

  it("maps a named basic type to a Mochi alias of its underlying type", () => {
    const m = map("Level");
    expect(m.go).toBe("example.com/kit.Level");
    expect(table.mochiKey(m.mochi)).toBe("[alias:example.com/kit.Level]");
    expect(m.lower).toMatchObject({ class: "int", bits: 32, signed: false });
    expect(table.decl("alias:example.com/kit.Level")).toEqual({
      kind: "alias",
      key: "alias:example.com/kit.Level",
      tag: "Level",
      go: "example.com/kit.Level",
      target: { kind: "prim", name: "int" },
    });
  });

  it("maps named func types to Mochi fun aliases (callbacks two deep)", () => {
    const h = map("Handler");
    expect(shape(h.lower)).toEqual({ class: "func", params: ["*example.com/kit.Greeter"], results: [], error: true, variadic: false });
    expect(table.mochiKey(aliasTarget("alias:example.com/kit.Handler"))).toBe(
      "fun([ref:example.com/kit.Greeter]):[result:]",
    );
    const mw = map("Middleware");
    expect(funcDepth(mw)).toBe(2);
    expect(table.mochiKey(aliasTarget("alias:example.com/kit.Middleware"))).toBe(
      "fun([alias:example.com/kit.Handler]):[alias:example.com/kit.Handler]",
    );
  });

  it("makes a named type whose underlying type cannot cross an opaque handle", () => {
    expect(map("Option").lower).toEqual({ class: "handle", of: "opaque", pointer: false });
  });

  it("refuses constraint interfaces, unexported and internal types", () => {
    expect(skip("Number")).toBe("SkipConstraintInterface");
    expect(skip("hidden")).toBe("SkipUnexportedInPosition");
    expect(skip("example.com/kit/internal/impl.Thing")).toBe("SkipInternalPath");
  });

  it("maps generic instances to handles and checks their type arguments", () => {
    const m = map("List[int]");
    expect(table.mochiKey(m.mochi)).toBe("[handle:example.com/kit.List[int]]");
    expect(table.decl("handle:example.com/kit.List[int]").tag).toBe("ListInt");
    expect(skip("List[complex64]")).toBe("SkipComplexNumeric");
    expect(skip("T", ["T"])).toBe("SkipGenericWithoutMonomorphise");
    expect(skip("[]T", ["T"])).toBe("SkipGenericWithoutMonomorphise");
  });
});

describe("foreign named types", () => {
  it("are opaque handles named after their last path element", () => {
    expect(map("io.Reader").lower).toEqual({ class: "handle", of: "opaque", pointer: false });
    expect(table.decl("handle:io.Reader")).toMatchObject({ tag: "IoReader", of: "opaque" });
    map("github.com/x/yaml/v2.Node");
    expect(table.decl("handle:github.com/x/yaml/v2.Node").tag).toBe("YamlNode");
    map("gopkg.in/yaml.v3.Node");
    expect(table.decl("handle:gopkg.in/yaml.v3.Node").tag).toBe("YamlV3Node");
  });

  it("cross by value when the table knows their basic underlying type", () => {
    for (const [go, basic] of Object.entries(KNOWN_FOREIGN_BASIC)) {
      const m = map(go);
      expect(table.mochiKey(m.mochi), go).toBe(`[alias:${go}]`);
      expect(m.lower.class, go).toBe(basic === "any" ? "dynamic" : "int");
    }
    expect(map("time.Duration").lower).toMatchObject({ class: "int", bits: 64, signed: true, platform: false });
  });

  it.each([
    ["unsafe.Pointer", "SkipUnsafePointer"],
    ["[]unsafe.Pointer", "SkipUnsafePointer"],
    ["reflect.Value", "SkipReflectValue"],
    ["reflect.Type", "SkipReflectValue"],
    ["*reflect.StructField", "SkipReflectValue"],
    ["runtime/cgo.Handle", "SkipCgoHandle"],
    ["github.com/x/y/internal/z.T", "SkipInternalPath"],
    ["github.com/x/y.t", "SkipUnexportedInPosition"],
  ])("%s is %s", (go, reason) => {
    expect(skip(go)).toBe(reason);
  });
});

describe("channels", () => {
  it.each([
    ["chan int", "both", "IntChan"],
    ["<-chan int", "recv", "IntRecvChan"],
    ["chan<- string", "send", "StringSendChan"],
    ["<-chan struct{}", "recv", "StructRecvChan"],
  ])("%s keeps its direction", (go, dir, tag) => {
    const m = map(go);
    expect(table.mochiKey(m.mochi)).toBe(`[chan:${go}]`);
    expect(m.lower).toMatchObject({ class: "chan", dir });
    expect(table.decl(`chan:${go}`)).toMatchObject({ kind: "chan", dir, tag });
  });

  it("reports an unexported element as SkipChanOfUnexportedStruct", () => {
    expect(skip("chan hidden")).toBe("SkipChanOfUnexportedStruct");
    expect(skip("<-chan complex64")).toBe("SkipComplexNumeric");
  });
});

describe("funcs", () => {
  it.each([
    ["func()", "fun():unit"],
    ["func(x int) string", "fun(int):string"],
    ["func(a string, b ...int)", "fun(string,list<int>):unit"],
    ["func() (int, error)", "fun():[result:int]"],
    ["func() error", "fun():[result:]"],
    ["func() (n int, ok bool)", "fun():[results:func() (n int, ok bool)]"],
    ["func(f func(int))", "fun(fun(int):unit):unit"],
    ["func() func() int", "fun():fun():int"],
  ])("%s -> %s", (go, mochi) => {
    const m = map(go);
    expect(table.mochiKey(m.mochi)).toBe(mochi);
    expect(m.lower.class).toBe("func");
  });

  it("refuses funcs nested more than two deep", () => {
    expect(skip("func(f func(g func()))")).toBe("SkipCallbackTakesFunc");
    expect(skip("func() func() func()")).toBe("SkipFuncReturningFunc");
    expect(skip("func(x complex64)")).toBe("SkipComplexNumeric");
  });
});

describe("results", () => {
  const owner = { key: "example.com/kit.F", tag: "F" };
  const results = (...types: [string | undefined, string][]) =>
    table.results(types.map(([name, t]) => (name === undefined ? { type: parseType(t) } : { name, type: parseType(t) })), KIT, owner);

  it("none is unit, one is itself", () => {
    const none = results();
    expect(none.ok && table.mochiKey(none.shape.mochi)).toBe("unit");
    const one = results([undefined, "string"]);
    expect(one.ok && [table.mochiKey(one.shape.mochi), one.shape.error]).toEqual(["string", false]);
  });

  it("a trailing error makes a result sum, an error alone the status sum", () => {
    const r = results([undefined, "int64"], [undefined, "error"]);
    expect(r.ok && [table.mochiKey(r.shape.mochi), r.shape.error, r.shape.values.length]).toEqual(["[result:int]", true, 1]);
    expect(table.decl("result:int")).toEqual({ kind: "result", key: "result:int", tag: "ResultInt", value: { kind: "prim", name: "int" } });
    const s = results([undefined, "error"]);
    expect(s.ok && table.mochiKey(s.shape.mochi)).toBe("[result:]");
    expect(table.decl("result:")).toEqual({ kind: "result", key: "result:", tag: "Status" });
  });

  it("several values are a record, with Go names when all are usable", () => {
    const named = results(["q", "int"], ["r", "int"]);
    expect(named.ok && named.shape.names).toEqual(["q", "r"]);
    expect(table.decl("results:example.com/kit.F")).toMatchObject({ tag: "FResults", fields: [{ name: "q" }, { name: "r" }] });
    const unnamed = results([undefined, "int"], ["_", "bool"], [undefined, "error"]);
    expect(unnamed.ok && [unnamed.shape.names, table.mochiKey(unnamed.shape.mochi)]).toEqual([["r0", "r1"], "[result:[results:example.com/kit.F]]"]);
    const reserved = results(["from", "int"], ["to", "int"]);
    expect(reserved.ok && reserved.shape.names).toEqual(["from_", "to_"]);
  });

  it("fails on the first result that does not cross", () => {
    const r = results([undefined, "int"], [undefined, "complex64"]);
    expect(r.ok ? undefined : [r.reason, r.detail]).toEqual(["SkipComplexNumeric", "result 1: complex64 has no Mochi counterpart"]);
  });
});

describe("helpers", () => {
  it("qualify fills the package path into own names only", () => {
    const t = qualify(parseType("map[Key][]*io.Reader"), "example.com/p");
    expect(printType(t)).toBe("map[example.com/p.Key][]*io.Reader");
    expect(printType(qualify(parseType("func(x T) struct{A B}"), "p.q"))).toBe("func(x p.q.T) struct{A p.q.B}");
  });

  it("substitute replaces type parameters", () => {
    const t = substitute(parseType("func(xs []T, m map[K]T) T", { typeParams: ["T", "K"] }), new Map([["T", parseType("float64")], ["K", parseType("string")]]));
    expect(printType(t)).toBe("func(xs []float64, m map[string]float64) float64");
  });

  it("isExported and isInternalPath", () => {
    expect(isExported("Foo")).toBe(true);
    expect(isExported("Äb")).toBe(true);
    expect(isExported("foo")).toBe(false);
    expect(isExported("_Foo")).toBe(false);
    expect(isInternalPath("a.b/internal")).toBe(true);
    expect(isInternalPath("a.b/internal/x")).toBe(true);
    expect(isInternalPath("a.b/internals")).toBe(false);
  });

  it("memoises by the qualified Go type", () => {
    expect(map("[]example.com/kit.Greeter")).toBe(map("[]Greeter"));
  });
});
