// The bridge plan of a hand-written surface that has every kind of item (test/bridge/golden/kit.surface.json).
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Hashing } from "../../core/src/hashing.js";
import { isMochiError } from "../../core/src/errors.js";
import { readApiSurface, type SurfaceView } from "../../core/src/bridge/surface.js";
import { planModule, type ModulePlan, type PlanOptions, type PlannedItem, type PlannedKind } from "../../core/src/bridge/plan.js";
import { emitExterns } from "../../core/src/bridge/externs.js";
import { exportSymbol, modulePrefix } from "../../core/src/bridge/symbols.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { shuffled } from "./shuffle.js";
import { codeOf } from "../support/errors.js";

const KIT = "example.com/kit";
const SURFACE = readFileSync("test/bridge/golden/kit.surface.json", "utf8");
let hashing: Hashing;
let view: SurfaceView;
let plan: ModulePlan;

beforeAll(async () => {
  hashing = await nodeHashing();
  view = readApiSurface(SURFACE);
  plan = planModule(view, { alias: "kit", hashing });
});

function item(kind: PlannedKind, id: string): PlannedItem {
  const found = plan.items.filter((i) => i.kind === kind && i.id === id);
  if (found.length !== 1) throw new Error(`${found.length} items ${kind} ${id}`);
  return found[0]!;
}

describe("planModule on the kit surface", () => {
  it("counts the exported funcs and methods of importable packages", () => {
    expect(plan.stats.funcs).toEqual({ total: 45, bridged: 31 });
    expect(plan.stats.methods).toEqual({ total: 13, bridged: 10 });
    expect(plan.stats.total).toBe(58);
    expect(plan.stats.bridged).toBe(41);
    expect(plan.stats.skippedByReason).toEqual({
      SkipBuildTagExcluded: 1,
      SkipCgoHandle: 1,
      SkipComplexNumeric: 2,
      SkipConstantItem: 1,
      SkipConstraintInterface: 1,
      SkipDeprecated: 4,
      SkipFuncReturningFunc: 1,
      SkipGenericWithoutMonomorphise: 5,
      SkipInternalPath: 2,
      SkipMainPackage: 1,
      SkipMapKeyNotBasic: 1,
      SkipPointerToPointer: 1,
      SkipReflectValue: 1,
      SkipRequiresCgoCapability: 1,
      SkipUnclassifiedObject: 1,
      SkipUnexportedInPosition: 2,
      SkipUnparsableType: 1,
      SkipUnsafePointer: 1,
    });
  });

  it("names symbols with symbols.ts", () => {
    const prefix = modulePrefix(KIT, "v1.0.0", hashing);
    expect(plan.prefix).toBe(prefix);
    expect(item("func", `${KIT}.Hello`).symbol).toBe(exportSymbol(prefix, KIT, KIT, "Hello"));
    expect(item("func", `${KIT}/sub.Hello`).symbol).toBe(exportSymbol(prefix, KIT, `${KIT}/sub`, "Hello"));
    expect(item("method", `${KIT}.Greeter.Greet`).symbol).toBe(exportSymbol(prefix, KIT, KIT, "Greeter", "Greet"));
    expect(item("field-get", `${KIT}.Stats.Mean`).symbol).toBe(exportSymbol(prefix, KIT, KIT, "Stats", "_get", "Mean"));
    expect(item("field-set", `${KIT}.Stats.Mean`).symbol).toBe(exportSymbol(prefix, KIT, KIT, "Stats", "_set", "Mean"));
    expect(item("new", `${KIT}.Stats`).symbol).toBe(exportSymbol(prefix, KIT, KIT, "Stats", "_new"));
    expect(item("var-set", `${KIT}.Verbose`).symbol).toBe(exportSymbol(prefix, KIT, KIT, "Verbose", "_set"));
    expect(item("release", `${KIT}#release`).symbol).toBe(exportSymbol(prefix, KIT, KIT, "_release"));
    expect(item("ref-load", `${KIT}#ref:int.read`).symbol).toBe(exportSymbol(prefix, KIT, KIT, "_ref", "int", "read"));
    expect(item("chan-recv", `${KIT}#chan:<-chan int.recv`).symbol).toBe(exportSymbol(prefix, KIT, KIT, "_chan", "<-chan int", "recv"));
    const symbols = plan.items.map((i) => i.symbol);
    expect(new Set(symbols).size).toBe(symbols.length);
    expect([...symbols].sort()).toEqual(symbols);
  });

  it("gives every item a dotted Go name and a snake_case name, all distinct", () => {
    const names = (i: PlannedItem) => [i.extern, i.shim];
    expect(names(item("func", `${KIT}.Hello`))).toEqual(["kit.Hello", "kit.hello"]);
    expect(names(item("func", `${KIT}/sub.Hello`))).toEqual(["kit.sub.Hello", "kit.sub.hello"]);
    expect(names(item("func", `${KIT}/text-util.Upper`))).toEqual(["kit.text_util.Upper", "kit.text_util.upper_"]);
    expect(names(item("func", `${KIT}.Join`))).toEqual(["kit.Join", "kit.join_"]);
    expect(names(item("func", `${KIT}.DivMod`))).toEqual(["kit.DivMod", "kit.div_mod"]);
    expect(names(item("func", `${KIT}.NewBox`))).toEqual(["kit.NewBox", "kit.new_box"]);
    expect(names(item("new", `${KIT}.Box`))).toEqual(["kit.Box.new", "kit.box_new"]);
    expect(names(item("method", `${KIT}.Greeter.Greet`))).toEqual(["kit.Greeter.Greet", "kit.greeter_greet"]);
    expect(names(item("field-get", `${KIT}.Stats.Count`))).toEqual(["kit.Stats.get_Count", "kit.stats_count"]);
    expect(names(item("field-set", `${KIT}.Stats.Count`))).toEqual(["kit.Stats.set_Count", "kit.stats_set_count"]);
    expect(names(item("value-get", `${KIT}.Verbose`))).toEqual(["kit.Verbose", "kit.verbose"]);
    expect(names(item("var-set", `${KIT}.Verbose`))).toEqual(["kit.set_Verbose", "kit.set_verbose"]);
    expect(names(item("ref-new", `${KIT}#ref:int.new`))).toEqual(["kit._IntRef.new", "kit.int_ref_new"]);
    expect(names(item("error-message", `${KIT}#error.message`))).toEqual(["kit._error_message", "kit.error_message"]);
    const externs = plan.items.map((i) => i.extern);
    const shims = plan.items.map((i) => i.shim);
    expect(new Set(externs).size).toBe(externs.length);
    expect(new Set(shims).size).toBe(shims.length);
    expect(plan.namespaces).toEqual([
      "kit.Box",
      "kit.Greeter",
      "kit.IntGetter",
      "kit.Level",
      "kit.Shape",
      "kit.Solid",
      "kit.Stats",
      "kit.Tree",
      "kit._Float64Chan",
      "kit._GreeterRef",
      "kit._IntRecvChan",
      "kit._IntRef",
      "kit._LevelRef",
      "kit._NodeRef",
      "kit._StringSendChan",
      "kit._StructRecvChan",
      "kit.broken",
      "kit.sub",
      "kit.text_util",
    ]);
  });

  it("takes receivers by value or through a pointer as Go's method sets say", () => {
    const greet = item("method", `${KIT}.Greeter.Greet`);
    expect(greet.receiver).toMatchObject({ name: "greeter", pointer: true });
    expect(greet.receiver!.type.lower.class).toBe("ref");
    const str = item("method", `${KIT}.Greeter.String`);
    expect(str.receiver).toMatchObject({ pointer: false });
    expect(str.receiver!.type.lower.class).toBe("record");
    expect(item("method", `${KIT}.Level.Set`).receiver!.type.go).toBe("*example.com/kit.Level");
    expect(item("method", `${KIT}.Level.String`).receiver!.type.go).toBe("example.com/kit.Level");
    expect(item("method", `${KIT}.Box.Get`).receiver!.type.lower).toEqual({ class: "handle", of: "struct", pointer: true });
    expect(item("method", `${KIT}.Stats.Describe`).receiver!.type.lower).toEqual({ class: "handle", of: "struct", pointer: false });
    expect(item("method", `${KIT}.Shape.Area`).receiver!.type.lower).toEqual({ class: "handle", of: "interface", pointer: false });
  });

  it("calls an interface's own methods and those of embedded interfaces, not unexported ones", () => {
    const solid = plan.items.filter((i) => i.kind === "method" && i.typeName === "Solid").map((i) => i.goName);
    expect(solid).toEqual(["Area", "Name", "Volume"]);
    expect(plan.items.some((i) => i.goName === "sealed")).toBe(false);
  });

  it("splits a trailing error and records several results", () => {
    const div = item("func", `${KIT}.Div`);
    expect([div.result.error, div.result.values.map((v) => v.go)]).toEqual([true, ["int64"]]);
    const divmod = item("func", `${KIT}.DivMod`);
    expect([divmod.result.error, divmod.result.names]).toEqual([false, ["q", "r"]]);
    const validate = item("func", `${KIT}.Validate`);
    expect([validate.result.error, validate.result.values]).toEqual([true, []]);
    expect(item("func", `${KIT}.Join`).variadic).toBe(true);
    expect(item("func", `${KIT}.Join`).params.map((p) => p.type.go)).toEqual(["string", "[]string"]);
  });

  it("plans accessors for the exported fields of a struct handle, skipping those that cannot cross", () => {
    const stats = plan.items.filter((i) => i.typeName === "Stats" && i.kind.startsWith("field")).map((i) => `${i.kind} ${i.goName}`);
    expect(stats).toEqual(["field-get Count", "field-get Hook", "field-get Mean", "field-set Count", "field-set Hook", "field-set Mean"]);
    expect(plan.skipped.find((s) => s.item === `${KIT}.Stats.Cplx`)).toMatchObject({ kind: "field", reason: "SkipComplexNumeric" });
    expect(plan.items.some((i) => i.typeName === "Greeter" && i.kind.startsWith("field"))).toBe(false);
  });

  it("reads consts and vars and writes vars", () => {
    expect(item("value-get", `${KIT}.Version`)).toMatchObject({ constValue: '"1.0.0"', goSignature: 'const Version string = "1.0.0"' });
    expect(item("value-get", `${KIT}.Debug`).result.values[0]!.go).toBe("example.com/kit.Level");
    expect(item("value-get", `${KIT}.ErrEmpty`).result.values[0]!.lower.class).toBe("error");
    expect(item("var-set", `${KIT}.ErrEmpty`).params.map((p) => p.type.lower.class)).toEqual(["error"]);
    expect(plan.items.some((i) => i.kind === "var-set" && i.id === `${KIT}.Version`)).toBe(false);
  });

  it("adds the operations of every ref and channel type it reaches, as the direction allows", () => {
    const ops = (decl: string) => plan.items.filter((i) => i.decl === decl).map((i) => i.kind);
    expect(ops("ref:int")).toEqual(["ref-new", "ref-load", "ref-store"]);
    expect(ops("chan:<-chan int")).toEqual(["chan-recv"]);
    expect(ops("chan:chan<- string")).toEqual(["chan-close", "chan-send"]);
    expect(ops("chan:chan float64")).toEqual(["chan-close", "chan-make", "chan-recv", "chan-send"]);
    const recv = item("chan-recv", `${KIT}#chan:<-chan int.recv`);
    expect(recv.result.mochi).toEqual({ kind: "option", elem: { kind: "prim", name: "int" } });
  });

  it("lists every func type that crosses, with its call symbol", () => {
    expect(plan.funcSigs.map((f) => f.go)).toEqual([
      "example.com/kit.Handler",
      "example.com/kit.Middleware",
      "func(s string) string",
      "func(x int)",
    ]);
    expect(plan.funcSigs[3]!.callSymbol).toBe(exportSymbol(plan.prefix, KIT, KIT, "_func", "func(x int)", "call"));
  });

  it("declares each Mochi type after the types it mentions", () => {
    const order = plan.decls.map((d) => d.name);
    const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}`).toBeLessThan(order.indexOf(b));
    before("KitGoError", "KitStatus");
    before("KitStatus", "KitHandler");
    before("KitHandler", "KitMiddleware");
    before("KitSubItem", "KitResultSubItem");
    before("KitNodeRef", "KitNode");
    expect(plan.decls.find((d) => d.name === "KitStatus")).toMatchObject({ ok: "KitOk", err: "KitErr" });
    expect(plan.decls.find((d) => d.name === "KitResultInt")).toMatchObject({ ok: "KitOkInt", err: "KitErrInt" });
  });

  it("reports every skipped func, method and package once, sorted", () => {
    const items = plan.skipped.map((s) => `${s.item} ${s.reason}`);
    expect(items).toContain(`${KIT}/cmd/kit SkipMainPackage`);
    expect(items).toContain(`${KIT}/internal/impl SkipInternalPath`);
    expect(items).toContain(`${KIT}/native SkipRequiresCgoCapability`);
    expect(items).toContain(`${KIT}/broken.Bad SkipUnparsableType`);
    expect(items).toContain(`${KIT}.OnlyOnWindows SkipBuildTagExcluded`);
    expect(items).toContain(`${KIT}.Weird SkipUnclassifiedObject`);
    expect(items).toContain(`${KIT}.Secret SkipUnexportedInPosition`);
    expect(items.some((s) => s.includes("helper"))).toBe(false);
    expect(new Set(items).size).toBe(items.length);
    expect(plan.skipped.find((s) => s.item === `${KIT}.OnlyOnWindows`)?.kind).toBe("func");
    expect(plan.skipped.find((s) => s.item === `${KIT}.Weird`)?.kind).toBe("unknown");
  });

  it("bridges or reports every exported func and method", () => {
    const reported = new Set(plan.skipped.map((s) => s.item));
    const covered = (id: string) => [...reported].some((r) => id === r || id.startsWith(`${r}.`));
    const bridged = new Set(plan.items.filter((i) => i.kind === "func" || i.kind === "method").map((i) => i.id.replace(/\[.*\]$/, "")));
    for (const p of view.surface.packages) {
      for (const f of p.funcs ?? []) {
        const id = `${p.import_path}.${f.name}`;
        expect(bridged.has(id) || covered(id), id).toBe(true);
      }
      for (const t of p.types ?? []) {
        for (const m of [...(t.methods ?? []), ...(t.interface_methods ?? [])].filter((m) => /^[A-Z]/.test(m.name))) {
          const id = `${p.import_path}.${t.name}.${m.name}`;
          expect(bridged.has(id) || covered(id), id).toBe(true);
        }
      }
    }
  });
});

describe("plan options", () => {
  const opts = (o: Partial<PlanOptions>): PlanOptions => ({ alias: "kit", hashing, ...o });

  it("allows deprecated items, all or by id", () => {
    const all = planModule(view, opts({ allowDeprecated: true }));
    expect(all.items.some((i) => i.id === `${KIT}.Old`)).toBe(true);
    expect(all.items.some((i) => i.id === `${KIT}.Legacy.M`)).toBe(true);
    expect(all.stats.skippedByReason["SkipDeprecated"]).toBeUndefined();
    const one = planModule(view, opts({ allowDeprecated: [`${KIT}.Old`] }));
    expect(one.items.some((i) => i.id === `${KIT}.Old`)).toBe(true);
    expect(one.skipped.find((s) => s.item === `${KIT}.Legacy.M`)?.reason).toBe("SkipDeprecated");
  });

  it("bridges packages with import \"C\" when the cgo capability is granted", () => {
    const withCgo = planModule(view, opts({ cgo: true }));
    expect(withCgo.items.some((i) => i.id === `${KIT}/native.Fast`)).toBe(true);
    expect(withCgo.skipped.some((s) => s.reason === "SkipRequiresCgoCapability")).toBe(false);
  });

  it("takes the version from the options before the surface", () => {
    const v2 = planModule(view, opts({ version: "v2.0.0" }));
    expect(v2.version).toBe("v2.0.0");
    expect(v2.prefix).toBe(modulePrefix(KIT, "v2.0.0", hashing));
    expect(v2.prefix).not.toBe(plan.prefix);
  });

  it("monomorphises generic funcs listed in [go] monomorphise", () => {
    const p = planModule(view, opts({ monomorphise: [{ item: `${KIT}.Sum`, typeArgs: ["int64"] }, { item: `${KIT}.Sum`, typeArgs: ["float64"] }] }));
    const sums = p.items.filter((i) => i.goName === "Sum");
    expect(sums.map((i) => [i.id, i.extern, i.shim, i.typeArgs])).toEqual([
      [`${KIT}.Sum[float64]`, "kit.Sum_float64", "kit.sum_float64", ["float64"]],
      [`${KIT}.Sum[int64]`, "kit.Sum_int64", "kit.sum_int64", ["int64"]],
    ]);
    expect(sums[1]!.symbol).toBe(exportSymbol(p.prefix, KIT, KIT, "Sum", "int64"));
    expect(sums[1]!.params[0]!.type.go).toBe("[]int64");
    expect(p.stats.funcs.bridged).toBe(plan.stats.funcs.bridged + 1);
    expect(p.skipped.some((s) => s.item === `${KIT}.Sum`)).toBe(false);
  });

  it("monomorphises generic types: the instance's methods, new and fields, with the arguments in", () => {
    const p = planModule(view, opts({ monomorphise: [{ item: `${KIT}.List`, typeArgs: ["string"] }, { item: `${KIT}.List.Len`, typeArgs: ["int64"] }] }));
    const lists = p.items.filter((i) => i.typeName === "List");
    const byKindAndId = (a: readonly unknown[], b: readonly unknown[]) => (`${a[1]} ${a[0]}` < `${b[1]} ${b[0]}` ? -1 : 1);
    expect(lists.map((i) => [i.kind, i.id, i.extern, i.shim, i.typeArgs, i.goSignature]).sort(byKindAndId)).toEqual(
      [
        ["method", `${KIT}.List[int64].Len`, "kit.List_int64.Len", "kit.list_int64_len", ["int64"], "func (*List[int64]) Len() int"],
        ["new", `${KIT}.List[int64]`, "kit.List_int64.new", "kit.list_int64_new", ["int64"], "new(List[int64])"],
        ["field-get", `${KIT}.List[int64].Items`, "kit.List_int64.get_Items", "kit.list_int64_items", ["int64"], "(*List[int64]).Items []int64"],
        ["field-set", `${KIT}.List[int64].Items`, "kit.List_int64.set_Items", "kit.list_int64_set_items", ["int64"], "(*List[int64]).Items = []int64"],
        ["method", `${KIT}.List[string].Len`, "kit.List_string.Len", "kit.list_string_len", ["string"], "func (*List[string]) Len() int"],
        ["new", `${KIT}.List[string]`, "kit.List_string.new", "kit.list_string_new", ["string"], "new(List[string])"],
        ["field-get", `${KIT}.List[string].Items`, "kit.List_string.get_Items", "kit.list_string_items", ["string"], "(*List[string]).Items []string"],
        ["field-set", `${KIT}.List[string].Items`, "kit.List_string.set_Items", "kit.list_string_set_items", ["string"], "(*List[string]).Items = []string"],
      ].sort(byKindAndId),
    );
    const len = lists.find((i) => i.id === `${KIT}.List[string].Len`)!;
    expect(len.symbol).toBe(exportSymbol(p.prefix, KIT, KIT, "List", "string", "Len"));
    expect(len.receiver!.type.go).toBe(`*${KIT}.List[string]`);
    expect(lists.find((i) => i.id === `${KIT}.List[string].Items` && i.kind === "field-get")!.result.values[0]!.go).toBe("[]string");
    expect(p.instances.map((i) => [i.kind, i.item, i.typeArgs, i.symbol])).toEqual([
      ["type", `${KIT}.List`, ["int64"], exportSymbol(p.prefix, KIT, KIT, "List", "int64")],
      ["type", `${KIT}.List`, ["string"], exportSymbol(p.prefix, KIT, KIT, "List", "string")],
    ]);
    expect(p.stats.methods.bridged).toBe(plan.stats.methods.bridged + 1);
    expect(p.skipped.some((s) => s.item.startsWith(`${KIT}.List`))).toBe(false);
    // Without an entry, the type and its method are skipped, each with the entry to add.
    const skips = plan.skipped.filter((s) => s.item.startsWith(`${KIT}.List`)).map((s) => [s.item, s.kind, s.reason, s.detail]);
    expect(skips).toEqual([
      [`${KIT}.List`, "type", "SkipGenericWithoutMonomorphise", "generic type List[T any]"],
      [`${KIT}.List.Len`, "method", "SkipGenericWithoutMonomorphise", "method of the generic type List[T any]"],
    ]);
  });

  it("lends an embedded generic interface instance's methods with its type arguments in", () => {
    const get = plan.items.find((i) => i.id === `${KIT}.IntGetter.Get`)!;
    expect(get.extern).toBe("kit.IntGetter.Get");
    expect(get.result.values.map((v) => v.go)).toEqual(["int"]);
    // The generic interface itself waits for an entry; an instance gets Get with T in.
    expect(plan.skipped.filter((s) => s.item.startsWith(`${KIT}.Getter`)).map((s) => s.item)).toEqual([`${KIT}.Getter`, `${KIT}.Getter.Get`]);
    const p = planModule(view, opts({ monomorphise: [{ item: `${KIT}.Getter`, typeArgs: ["[]string"] }] }));
    const inst = p.items.find((i) => i.id === `${KIT}.Getter[[]string].Get`)!;
    expect([inst.extern, inst.receiver!.type.go, inst.result.values[0]!.go]).toEqual(["kit.Getter_list_string.Get", `${KIT}.Getter[[]string]`, "[]string"]);
    expect(p.items.some((i) => i.id === `${KIT}.Getter[[]string]` && i.kind === "new")).toBe(false);
  });

  it("merges method entries of one instance and skips the methods no entry lists", () => {
    const p = planModule(view, opts({ monomorphise: [{ item: `${KIT}.List.Len`, typeArgs: ["int"] }, { item: `${KIT}.List.Len`, typeArgs: ["int"] }] }));
    expect(p.items.filter((i) => i.kind === "method" && i.typeName === "List").map((i) => i.id)).toEqual([`${KIT}.List[int].Len`]);
    expect(p.instances).toHaveLength(1);
  });

  it("checks monomorphise entries (M074_BRIDGE_E005..E008)", () => {
    const mono = (item: string, ...typeArgs: string[]) => () => planModule(view, opts({ monomorphise: [{ item, typeArgs }] }));
    expect(codeOf(mono(`${KIT}.Hello`, "int"))).toBe("M074_BRIDGE_E005");
    expect(codeOf(mono("example.com/nope.Sum", "int"))).toBe("M074_BRIDGE_E005");
    expect(codeOf(mono("Sum", "int"))).toBe("M074_BRIDGE_E005");
    expect(codeOf(mono(`${KIT}.Sum`, "int", "int"))).toBe("M074_BRIDGE_E006");
    expect(codeOf(mono(`${KIT}.Sum`, "string"))).toBe("M074_BRIDGE_E007");
    expect(codeOf(mono(`${KIT}.Sum`, "uint8"))).toBe("M074_BRIDGE_E007");
    expect(codeOf(mono(`${KIT}.Sum`, "[]"))).toBe("M074_BRIDGE_E008");
    expect(codeOf(mono(`${KIT}.Sum`, "complex128"))).toBe("M074_BRIDGE_E008");
    expect(codeOf(() => planModule(view, opts({ monomorphise: [{ item: `${KIT}.Sum`, typeArgs: ["Level"] }] })))).toBe("M074_BRIDGE_E007");
    // Generic types and their methods.
    expect(codeOf(mono(`${KIT}.List.Nope`, "int"))).toBe("M074_BRIDGE_E005");
    expect(codeOf(mono(`${KIT}.Level`, "int"))).toBe("M074_BRIDGE_E005");
    expect(codeOf(mono(`${KIT}.List`, "int", "string"))).toBe("M074_BRIDGE_E006");
    expect(codeOf(mono(`${KIT}.List.Len`))).toBe("M074_BRIDGE_E006");
    expect(codeOf(mono(`${KIT}.List`, "unsafe.Pointer"))).toBe("M074_BRIDGE_E008");
  });

  it("refuses an alias that is not a Mochi identifier (M074_BRIDGE_E001)", () => {
    for (const alias of ["fun", "1x", "a-b", "len", "match", "", "true"]) expect(codeOf(() => planModule(view, opts({ alias }))), alias).toBe("M074_BRIDGE_E001");
  });

  it("needs a version (M074_BRIDGE_E009)", () => {
    const doc = JSON.parse(SURFACE);
    delete doc.version;
    expect(codeOf(() => planModule(readApiSurface(JSON.stringify(doc)), opts({})))).toBe("M074_BRIDGE_E009");
  });
});

describe("determinism", () => {
  it("gives the same plan and the same bytes for the surface's arrays in any order", () => {
    const files = emitExterns(plan);
    for (const seed of [1, 7, 42, 1234, 99991]) {
      const again = planModule(readApiSurface(shuffled(SURFACE, seed)), { alias: "kit", hashing });
      expect(emitExterns(again), `seed ${seed}`).toEqual(files);
      expect(again, `seed ${seed}`).toEqual(plan);
    }
  });
});
