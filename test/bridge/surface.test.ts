// Reading ApiSurface documents (core/src/bridge/surface.ts): shape checks with
// coded errors at JSON paths, unparsable items as SkipUnparsableType entries
// (never a failed module), type-parameter scoping, lookups, and the hashed
// projection. The committed corpus surfaces (fixtures/surfaces) are read
// offline too: every type string round-trips and nothing is skipped.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isMochiError } from "../../core/src/errors.js";
import type { Hashing } from "../../core/src/hashing.js";
import type { ApiSurface } from "../../core/src/bridge/apisurface.js";
import {
  SKIP_UNPARSABLE_TYPE,
  apiSurfaceProjection,
  apiSurfaceSha256,
  canonicalJson,
  lookupFunc,
  lookupMethod,
  lookupType,
  readApiSurface,
} from "../../core/src/bridge/surface.js";
import { printType } from "../../core/src/bridge/typeexpr.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import { repoRoot } from "../vectors.js";
import { roundTripFailures } from "./type-strings.js";

let node: Hashing;
let kernels: Hashing;
beforeAll(async () => {
  node = await nodeHashing();
  kernels = await kernelsHashing();
});

/** A small surface with one of everything. */
function sample(): Record<string, unknown> {
  return {
    schema_version: 1,
    module: "example.com/m",
    version: "v1.0.0",
    go_version: "go1.26.8",
    generated_by: "mochi-pkg go-ingest",
    build: { goos: "linux", goarch: "amd64", cgo: true },
    packages: [
      {
        import_path: "example.com/m",
        name: "m",
        imports: ["io"],
        files: [{ name: "m.go" }, { name: "m_windows.go", build_constraint: "windows", ignored: true }],
        funcs: [
          { name: "Hello", params: [{ name: "name", type: "string" }], results: [{ type: "string" }] },
          {
            name: "Sum",
            type_params: [{ name: "T", constraint: "~int | ~float64" }],
            params: [{ name: "xs", type: "[]T" }],
            results: [{ type: "T" }],
          },
          { name: "Printf", params: [{ name: "format", type: "string" }, { name: "args", type: "[]any" }], variadic: true },
          { name: "Broken", params: [{ name: "x", type: "func(a int b)" }] },
        ],
        types: [
          {
            name: "List",
            kind: "struct",
            type_params: [{ name: "T", constraint: "any" }],
            underlying: "struct{head *node[T]; Len int}",
            fields: [
              { name: "head", type: "*node[T]", exported: false },
              { name: "Len", type: "int", exported: true },
            ],
            methods: [
              { name: "Push", receiver: "List", receiver_pointer: true, type_params: [{ name: "E", constraint: "any" }], params: [{ name: "v", type: "E" }] },
              { name: "Each", receiver: "List", params: [{ name: "f", type: "func(T) bool" }] },
              { name: "Bad", receiver: "List", results: [{ type: "invalid type" }] },
            ],
            value_method_set: ["Each"],
            pointer_method_set: ["Each", "Push"],
          },
          {
            name: "Reader",
            kind: "interface",
            underlying: "interface{Read(p []byte) (n int, err error); io.Closer}",
            interface_methods: [{ name: "Read", params: [{ name: "p", type: "[]byte" }], results: [{ name: "n", type: "int" }, { name: "err", type: "error" }] }],
            embedded_types: ["io.Closer"],
            value_method_set: ["Close", "Read"],
          },
          {
            name: "Tagged",
            kind: "struct",
            underlying: 'struct{A int "json:\\"{a}\\""}',
            fields: [{ name: "A", type: "int", tag: 'json:"{a}"', exported: true }],
          },
          { name: "Weird", kind: "struct", underlying: "struct{A @}", fields: [{ name: "A", type: "@", exported: true }] },
          { name: "ID", kind: "alias", underlying: "string", alias_of: "string" },
        ],
        consts: [
          { name: "Name", type: "string", const: '"m"' },
          { name: "Oops", type: "invalid type" },
        ],
        vars: [{ name: "Out", type: "io.Writer" }],
        skipped: [{ kind: "func", name: "helper", position: "m.go:9:6", reason: "Unexported" }],
      },
      { import_path: "example.com/m/internal/x", name: "x", internal: true, errors: ["x.go:1:1: expected 'package', found 'EOF'"] },
    ],
  };
}

const read = (doc: unknown) => readApiSurface(JSON.stringify(doc));

describe("readApiSurface", () => {
  it("indexes packages, funcs, types, methods, consts and vars with parsed types", () => {
    const view = read(sample());
    expect([...view.packages.keys()]).toEqual(["example.com/m", "example.com/m/internal/x"]);
    const p = view.packages.get("example.com/m")!;
    expect([...p.funcs.keys()]).toEqual(["Hello", "Sum", "Printf"]);
    expect([...p.types.keys()]).toEqual(["List", "Reader", "Tagged", "ID"]);
    expect([...p.consts.keys()]).toEqual(["Name"]);
    expect([...p.vars.keys()]).toEqual(["Out"]);

    expect(printType(lookupFunc(view, "example.com/m", "Hello")!.signature)).toBe("func(name string) string");
    expect(printType(lookupFunc(view, "example.com/m", "Printf")!.signature)).toBe("func(format string, args ...any)");
    const sum = lookupFunc(view, "example.com/m", "Sum")!;
    expect(sum.typeParams).toEqual([
      { name: "T", constraint: { kind: "union", terms: [{ tilde: true, type: { kind: "basic", name: "int" } }, { tilde: true, type: { kind: "basic", name: "float64" } }] } },
    ]);
    expect(sum.signature.params[0]!.type).toEqual({ kind: "slice", elem: { kind: "typeparam", name: "T" } });

    const list = lookupType(view, "example.com/m", "List")!;
    expect(list.fields.map((f) => printType(f.type))).toEqual(["*node[T]", "int"]);
    expect(list.fields[0]!.type).toEqual({ kind: "pointer", elem: { kind: "named", pkg: "", name: "node", args: [{ kind: "typeparam", name: "T" }] } });
    expect([...list.methods.keys()]).toEqual(["Push", "Each"]);
    // A method's own type_params (the receiver's names) win over the type's.
    expect(lookupMethod(view, "example.com/m", "List", "Push")!.signature.params[0]!.type).toEqual({ kind: "typeparam", name: "E" });
    expect(lookupMethod(view, "example.com/m", "List", "Each")!.signature.params[0]!.type).toEqual({
      kind: "func",
      params: [{ type: { kind: "typeparam", name: "T" } }],
      results: [{ type: { kind: "basic", name: "bool" } }],
      variadic: false,
    });
    expect(lookupMethod(view, "example.com/m", "Reader", "Read")!.decl.name).toBe("Read");
    expect(lookupMethod(view, "example.com/m", "Reader", "Close")).toBeUndefined();
    expect(lookupType(view, "example.com/m", "Reader")!.embeddedTypes).toEqual([{ kind: "named", pkg: "io", name: "Closer", args: [] }]);
    const tagged = lookupType(view, "example.com/m", "Tagged")!.underlying!;
    expect(tagged).toEqual({
      kind: "struct",
      fields: [{ name: "A", embedded: false, type: { kind: "basic", name: "int" }, tag: { literal: '"json:\\"{a}\\""', value: 'json:"{a}"' } }],
    });
    expect(lookupType(view, "example.com/m", "ID")!.aliasOf).toEqual({ kind: "basic", name: "string" });
    expect(lookupFunc(view, "example.com/m", "Nope")).toBeUndefined();
    expect(lookupType(view, "example.com/nope", "List")).toBeUndefined();
  });

  it("skips each item with an unparsable type string as SkipUnparsableType and reads the rest", () => {
    const view = read(sample());
    expect(view.skips).toEqual([
      {
        item: "example.com/m.Broken",
        kind: "func",
        reason: SKIP_UNPARSABLE_TYPE,
        code: "M074_TYPEEXPR_E002",
        detail: 'expected "," or ")", found "b" in type string "func(a int b)" at offset 11',
        where: "$.packages[0].funcs[3].params[0].type",
        typeString: "func(a int b)",
      },
      {
        item: "example.com/m.List.Bad",
        kind: "method",
        reason: SKIP_UNPARSABLE_TYPE,
        code: "M074_TYPEEXPR_E007",
        detail: 'the type is `invalid type`: go/types could not type-check it in type string "invalid type" at offset 0',
        where: "$.packages[0].types[0].methods[2].results[0].type",
        typeString: "invalid type",
      },
      {
        item: "example.com/m.Oops",
        kind: "const",
        reason: SKIP_UNPARSABLE_TYPE,
        code: "M074_TYPEEXPR_E007",
        detail: 'the type is `invalid type`: go/types could not type-check it in type string "invalid type" at offset 0',
        where: "$.packages[0].consts[1].type",
        typeString: "invalid type",
      },
      {
        item: "example.com/m.Weird",
        kind: "type",
        reason: SKIP_UNPARSABLE_TYPE,
        code: "M074_TYPEEXPR_E002",
        detail: 'unexpected character "@" in type string "struct{A @}" at offset 9',
        where: "$.packages[0].types[3].underlying",
        typeString: "struct{A @}",
      },
    ]);
    expect(view.packages.get("example.com/m")!.skips).toEqual(view.skips);
    expect(view.packages.get("example.com/m/internal/x")!.skips).toEqual([]);
  });

  it("keeps a skipped item's position", () => {
    const doc = sample();
    const funcs = (doc["packages"] as { funcs: Record<string, unknown>[] }[])[0]!.funcs;
    funcs[3]!["position"] = "m.go:3:6";
    expect(read(doc).skips[0]!.position).toBe("m.go:3:6");
  });

  it("returns the document itself, unknown keys included", () => {
    const doc = { ...sample(), future_key: { x: 1 } };
    const view = read(doc);
    expect(view.surface).toEqual(doc);
  });

  it("reads a surface with no packages", () => {
    expect(read({ schema_version: 1, module: "example.com/empty", packages: [] }).packages.size).toBe(0);
  });
});

describe("readApiSurface errors", () => {
  const mutate = (f: (doc: Record<string, any>) => void): Record<string, unknown> => {
    const doc = sample() as Record<string, any>;
    f(doc);
    return doc;
  };
  const cases: readonly [string, string, string, string][] = [
    ["not JSON", "{", "M074_SURFACE_E001", "ApiSurface document"],
    ["schema_version 2", JSON.stringify(mutate((d) => (d.schema_version = 2))), "M074_SURFACE_E002", "$.schema_version"],
    ["schema_version missing", JSON.stringify(mutate((d) => delete d.schema_version)), "M074_SURFACE_E002", "$.schema_version"],
    ["schema_version as a string", JSON.stringify(mutate((d) => (d.schema_version = "1"))), "M074_SURFACE_E002", "$.schema_version"],
    ["an array document", "[]", "M074_SURFACE_E003", "$"],
    ["module missing", JSON.stringify(mutate((d) => delete d.module)), "M074_SURFACE_E003", "$.module"],
    ["packages not an array", JSON.stringify(mutate((d) => (d.packages = {}))), "M074_SURFACE_E003", "$.packages"],
    ["packages missing", JSON.stringify(mutate((d) => delete d.packages)), "M074_SURFACE_E003", "$.packages"],
    ["build.goos missing", JSON.stringify(mutate((d) => delete d.build.goos)), "M074_SURFACE_E003", "$.build.goos"],
    ["a package name missing", JSON.stringify(mutate((d) => delete d.packages[1].name)), "M074_SURFACE_E003", "$.packages[1].name"],
    ["a func name a number", JSON.stringify(mutate((d) => (d.packages[0].funcs[1].name = 7))), "M074_SURFACE_E003", "$.packages[0].funcs[1].name"],
    ["a param without type", JSON.stringify(mutate((d) => delete d.packages[0].funcs[0].params[0].type)), "M074_SURFACE_E003", "$.packages[0].funcs[0].params[0].type"],
    ["variadic not a boolean", JSON.stringify(mutate((d) => (d.packages[0].funcs[2].variadic = "yes"))), "M074_SURFACE_E003", "$.packages[0].funcs[2].variadic"],
    ["a field without exported", JSON.stringify(mutate((d) => delete d.packages[0].types[0].fields[1].exported)), "M074_SURFACE_E003", "$.packages[0].types[0].fields[1].exported"],
    ["an unknown type kind", JSON.stringify(mutate((d) => (d.packages[0].types[1].kind = "class"))), "M074_SURFACE_E003", "$.packages[0].types[1].kind"],
    ["a method set entry not a string", JSON.stringify(mutate((d) => (d.packages[0].types[0].pointer_method_set[1] = 3))), "M074_SURFACE_E003", "$.packages[0].types[0].pointer_method_set[1]"],
    ["a skip note of an unknown kind", JSON.stringify(mutate((d) => (d.packages[0].skipped[0].kind = "label"))), "M074_SURFACE_E003", "$.packages[0].skipped[0].kind"],
    ["a file entry not an object", JSON.stringify(mutate((d) => (d.packages[0].files[0] = "m.go"))), "M074_SURFACE_E003", "$.packages[0].files[0]"],
    ["errors not strings", JSON.stringify(mutate((d) => (d.packages[1].errors = [1]))), "M074_SURFACE_E003", "$.packages[1].errors[0]"],
    ["a variadic func whose last parameter is not a slice", JSON.stringify(mutate((d) => (d.packages[0].funcs[0].variadic = true))), "M074_SURFACE_E003", "$.packages[0].funcs[0].params"],
    ["a package listed twice", JSON.stringify(mutate((d) => d.packages.push(d.packages[1]))), "M074_SURFACE_E004", "$.packages[2]"],
    ["a func listed twice", JSON.stringify(mutate((d) => d.packages[0].funcs.push(d.packages[0].funcs[0]))), "M074_SURFACE_E004", "$.packages[0].funcs[4]"],
    ["a method listed twice", JSON.stringify(mutate((d) => d.packages[0].types[0].methods.push(d.packages[0].types[0].methods[1]))), "M074_SURFACE_E004", "$.packages[0].types[0].methods[3]"],
    ["a const listed twice", JSON.stringify(mutate((d) => d.packages[0].consts.push(d.packages[0].consts[0]))), "M074_SURFACE_E004", "$.packages[0].consts[2]"],
  ];
  it.each(cases)("%s", (_, json, code, where) => {
    let caught: unknown;
    try {
      readApiSurface(json);
    } catch (e) {
      caught = e;
    }
    expect(isMochiError(caught), String(caught)).toBe(true);
    expect((caught as { code: string }).code).toBe(code);
    expect((caught as { where: string }).where).toBe(where);
  });
});

describe("the hashed projection", () => {
  const tiny: ApiSurface = {
    schema_version: 1,
    module: "example.com/m",
    version: "v1.0.0",
    go_version: "go1.26.8",
    generated_by: "mochi-pkg go-ingest",
    packages: [{ import_path: "example.com/m", name: "m", funcs: [{ name: "F", results: [{ type: "<-chan int" }] }] }],
  };

  it("is the canonical JSON without go_version and generated_by", () => {
    expect(apiSurfaceProjection(tiny)).toBe(
      '{"module":"example.com/m","packages":[{"funcs":[{"name":"F","results":[{"type":"<-chan int"}]}],"import_path":"example.com/m","name":"m"}],"schema_version":1,"version":"v1.0.0"}',
    );
  });

  it("is SHA-256 of the projection, the same with node:crypto and the kernels", () => {
    const want = createHash("sha256").update(apiSurfaceProjection(tiny)).digest("hex");
    expect(apiSurfaceSha256(tiny, node)).toBe(want);
    expect(apiSurfaceSha256(tiny, kernels)).toBe(want);
  });

  it("ignores the toolchain version, the tool name and key order, but not the API", () => {
    const base = apiSurfaceSha256(tiny, node);
    expect(apiSurfaceSha256({ ...tiny, go_version: "go1.99.0", generated_by: "another tool" }, node)).toBe(base);
    const { go_version: _g, generated_by: _b, ...bare } = tiny;
    expect(apiSurfaceSha256(bare as ApiSurface, node)).toBe(base);
    const reordered = JSON.parse(`{"packages":${JSON.stringify(tiny.packages)},"version":"v1.0.0","module":"example.com/m","schema_version":1}`) as ApiSurface;
    expect(apiSurfaceSha256(reordered, node)).toBe(base);
    expect(apiSurfaceSha256({ ...tiny, version: "v1.0.1" }, node)).not.toBe(base);
    expect(apiSurfaceSha256({ ...tiny, build: { goos: "linux", goarch: "arm64" } }, node)).not.toBe(base);
  });

  it("canonical JSON: keys in UTF-8 byte order, no whitespace, JSON.stringify escapes, undefined left out", () => {
    // U+FF61 sorts before U+10000 in UTF-8, after it in UTF-16 code units.
    expect(canonicalJson({ "\u{10000}": 1, "\uff61": 2, b: [true, null, "x\n\u0001\"\\"], a: { d: undefined, c: -3 } })).toBe(
      '{"a":{"c":-3},"b":[true,null,"x\\n\\u0001\\"\\\\"],"｡":2,"𐀀":1}',
    );
    for (const bad of [Number.NaN, () => 1]) {
      let code = "";
      try {
        canonicalJson({ x: bad });
      } catch (e) {
        code = (e as { code: string }).code;
      }
      expect(code).toBe("M074_SURFACE_E003");
    }
  });
});

describe("the committed corpus surfaces (fixtures/surfaces)", () => {
  const indexPath = join(repoRoot, "fixtures", "surfaces", "index.json");
  const index = existsSync(indexPath)
    ? (JSON.parse(readFileSync(indexPath, "utf8")) as { surfaces: { module: string; version: string; file: string; bytes: number; api_surface_sha256: string }[] }).surfaces
    : [];

  it("are all there (written by test/live/ingest-corpus.live.test.ts)", () => {
    expect(index.length).toBe(24);
  });

  it.each(index.map((s) => [`${s.module}@${s.version}`, s] as const))("%s reads with no skip and every type string round-trips", (_, s) => {
    const json = readFileSync(join(repoRoot, "fixtures", "surfaces", s.file), "utf8");
    expect(Buffer.byteLength(json)).toBe(s.bytes);
    const view = readApiSurface(json);
    expect(view.surface.module).toBe(s.module);
    expect(view.surface.version).toBe(s.version);
    expect(view.skips.map((x) => `${x.item} ${x.code}`)).toEqual([]);
    expect(roundTripFailures(view.surface)).toEqual([]);
    expect(apiSurfaceSha256(view.surface, node)).toBe(s.api_surface_sha256);
  });
});
