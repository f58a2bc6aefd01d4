// The Go ingest helper end to end, offline: it is built into a cache
// (host-node/src/go-ingest.ts) and run on every fixture module version,
// which the real go command downloads from the embedded fixture registry
// and verifies against its checksum database. Checks known items, method
// sets, generics and channels, determinism and the hashed projection, and
// that each M074_INGEST_* code is reachable. Needs Go on PATH and the
// helper's dependencies in the module cache (`npm run setup`).
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMochiError } from "../../core/src/errors.js";
import { createModuleZip } from "../../core/src/go/zip.js";
import type { ApiPackage, ApiSurface, ApiType } from "../../core/src/bridge/apisurface.js";
import { apiSurfaceSha256, readApiSurface } from "../../core/src/bridge/surface.js";
import { startFixtureRegistry, type FixtureServer } from "../../host-node/src/fixture-registry.js";
import { buildGoIngest, ingestModule, type IngestOptions, type IngestResult } from "../../host-node/src/go-ingest.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { cleanup, isolatedGoEnv, requireGo, type GoWhere } from "../support/go.js";
import { roundTripFailures } from "./type-strings.js";

requireGo();

let server: FixtureServer;
let where: GoWhere;
let cacheRoot = "";
const temps: string[] = [];
const surfaces = new Map<string, IngestResult>();

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

beforeAll(async () => {
  server = await startFixtureRegistry({ hashing: await nodeHashing() });
  // An isolated go environment on the fixture registry, but the machine's build
  // cache, so the standard library's export data is not compiled again.
  where = isolatedGoEnv(server.goproxy, server.gosumdb, { GOCACHE: execFileSync("go", ["env", "GOCACHE"], { encoding: "utf8" }).trim() });
  cacheRoot = temp("mochi-ingest-cache-");
});

afterAll(async () => {
  await server?.close();
  if (where !== undefined) cleanup(where);
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const ingest = (module: string, version: string, extra: Partial<IngestOptions> = {}) =>
  ingestModule({ module, version, env: where.env, cacheRoot, ...extra });

async function surfaceOf(module: string, version: string): Promise<ApiSurface> {
  const key = `${module}@${version}`;
  if (!surfaces.has(key)) surfaces.set(key, await ingest(module, version));
  return surfaces.get(key)!.surface;
}

function pkg(s: ApiSurface, path = s.module): ApiPackage {
  const p = s.packages.find((x) => x.import_path === path);
  expect(p, path).toBeDefined();
  return p!;
}

function type(p: ApiPackage, name: string): ApiType {
  const t = p.types?.find((x) => x.name === name);
  expect(t, name).toBeDefined();
  return t!;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isMochiError(e)) return e.code;
    throw e;
  }
  return "no error";
}

describe("buildGoIngest", () => {
  it("builds the helper once into <cache>/bin/go-ingest-<key>, concurrent callers sharing it", async () => {
    const [a, b] = await Promise.all([buildGoIngest(cacheRoot), buildGoIngest(cacheRoot)]);
    expect(a).toBe(b);
    expect(a).toMatch(/[\\/]bin[\\/]go-ingest-[0-9a-f]{16}(\.exe)?$/);
    expect(existsSync(a)).toBe(true);
    // No temporary file is left behind.
    expect(readdirSync(join(cacheRoot, "bin"))).toEqual([a.split(/[\\/]/).pop()]);
  }, 300_000);

  it("names the helper by its sources and toolchain: another cache root gets the same file name", async () => {
    const helper = await buildGoIngest(cacheRoot);
    const other = temp("mochi-ingest-cache-");
    // A fresh cache root builds its own copy at the same file name.
    const built = await buildGoIngest(other);
    expect(built.split(/[\\/]/).pop()).toBe(helper.split(/[\\/]/).pop());
  }, 300_000);
});

describe("every fixture module version", () => {
  it("ingests, reads with no skips, and every type string round-trips", async () => {
    for (const m of server.modules) {
      const s = await surfaceOf(m.path, m.version);
      expect([s.module, s.version], `${m.path}@${m.version}`).toEqual([m.path, m.version]);
      expect(s.schema_version).toBe(1);
      expect(s.generated_by).toBe("mochi-pkg go-ingest");
      expect(s.go_version).toMatch(/^go1\.\d+/);
      const view = readApiSurface(surfaces.get(`${m.path}@${m.version}`)!.json);
      expect(view.skips, `${m.path}@${m.version}`).toEqual([]);
      expect(roundTripFailures(s), `${m.path}@${m.version}`).toEqual([]);
      expect(s.packages.map((p) => p.import_path)).toEqual([m.path]);
      expect(pkg(s).errors).toBeUndefined();
    }
  }, 300_000);

  it("writes 2-space indented JSON with a trailing newline and unescaped <-", async () => {
    await surfaceOf("example.com/mathx", "v0.2.0");
    const { json } = surfaces.get("example.com/mathx@v0.2.0")!;
    expect(json.endsWith("}\n")).toBe(true);
    expect(json.startsWith('{\n  "schema_version": 1,\n  "module": "example.com/mathx",\n')).toBe(true);
    expect(json).toContain('"type": "<-chan int"');
  });
});

describe("known items", () => {
  it("example.com/greet v1.2.0: Hello, Goodbye, Parse, Greeter{Prefix, Count} with pointer method Greet, ErrEmpty", async () => {
    const p = pkg(await surfaceOf("example.com/greet", "v1.2.0"));
    expect(p.name).toBe("greet");
    expect(p.doc).toBe("Package greet says hello and goodbye.");
    expect(p.files).toEqual([{ name: "greet.go" }]);
    expect(p.funcs!.map((f) => f.name)).toEqual(["Goodbye", "Hello", "Parse"]);
    expect(p.funcs![2]).toEqual({
      name: "Parse",
      doc: 'Parse makes a Greeter from a prefix such as "Hi".',
      position: "greet.go:35:6",
      params: [{ name: "prefix", type: "string" }],
      results: [{ type: "*Greeter" }, { type: "error" }],
    });
    const g = type(p, "Greeter");
    expect(g.kind).toBe("struct");
    expect(g.underlying).toBe("struct{Prefix string; Count int}");
    expect(g.fields).toEqual([
      { name: "Prefix", type: "string", exported: true },
      { name: "Count", type: "int", exported: true },
    ]);
    expect(g.methods).toEqual([
      {
        name: "Greet",
        doc: "Greet greets name with the greeter's prefix and counts the greetings.",
        position: "greet.go:26:19",
        receiver: "Greeter",
        receiver_pointer: true,
        params: [{ name: "name", type: "string" }],
        results: [{ type: "string" }],
      },
    ]);
    expect(g.pointer_method_set).toEqual(["Greet"]);
    expect(g.value_method_set).toBeUndefined();
    expect(p.vars).toEqual([{ name: "ErrEmpty", type: "error", doc: "ErrEmpty is returned by Parse for an empty prefix.", position: "greet.go:32:5" }]);
    expect(p.imports).toBeUndefined();
  });

  it("example.com/greet v1.0.0 has Hello only; greet/v2 is its own module", async () => {
    expect(pkg(await surfaceOf("example.com/greet", "v1.0.0")).funcs!.map((f) => f.name)).toEqual(["Hello"]);
    expect(pkg(await surfaceOf("example.com/greet/v2", "v2.0.0")).funcs![0]!.params).toEqual([
      { name: "name", type: "string" },
      { name: "excited", type: "bool" },
    ]);
  });

  it("example.com/mathx v0.2.0: generic Sum over Number (~int | ~int64 | ~float64), Count returning <-chan int, Stats with an unexported field", async () => {
    const p = pkg(await surfaceOf("example.com/mathx", "v0.2.0"));
    const sum = p.funcs!.find((f) => f.name === "Sum")!;
    expect(sum.type_params).toEqual([{ name: "T", constraint: "Number" }]);
    expect(sum.params).toEqual([{ name: "xs", type: "[]T" }]);
    expect(sum.results).toEqual([{ type: "T" }]);
    const number = type(p, "Number");
    expect(number.kind).toBe("interface");
    expect(number.embedded_types).toEqual(["~int | ~int64 | ~float64"]);
    expect(number.underlying).toBe("interface{~int | ~int64 | ~float64}");
    expect(p.funcs!.find((f) => f.name === "Count")!.results).toEqual([{ type: "<-chan int" }]);
    const stats = type(p, "Stats");
    expect(stats.fields).toEqual([
      { name: "Count", type: "int", exported: true },
      { name: "Mean", type: "float64", exported: true },
      { name: "tags", type: "[]string", exported: false },
    ]);
    expect(stats.underlying).toBe("struct{Count int; Mean float64; tags []string}");
    expect(p.vars!.map((v) => v.name)).toEqual(["ErrDivideByZero"]);

    const view = readApiSurface(surfaces.get("example.com/mathx@v0.2.0")!.json);
    const sumView = view.packages.get("example.com/mathx")!.funcs.get("Sum")!;
    expect(sumView.signature.params[0]!.type).toEqual({ kind: "slice", elem: { kind: "typeparam", name: "T" } });
    expect(view.packages.get("example.com/mathx")!.types.get("Number")!.embeddedTypes).toEqual([
      {
        kind: "union",
        terms: ["int", "int64", "float64"].map((name) => ({ tilde: true, type: { kind: "basic", name } })),
      },
    ]);
  });

  it("example.com/legacy: +incompatible versions and constants", async () => {
    const p = pkg(await surfaceOf("example.com/legacy", "v2.1.0+incompatible"));
    expect(p.consts).toEqual([{ name: "Name", type: "string", doc: "Name is the name the package was published under.", position: "legacy.go:8:7", const: '"legacy"' }]);
    expect(p.funcs!.map((f) => f.name)).toEqual(["Version"]);
  });

  it("example.com/hello v1.1.0 describes only its own module, not greet or greet/v2", async () => {
    const s = await surfaceOf("example.com/hello", "v1.1.0");
    expect(s.packages.map((p) => p.import_path)).toEqual(["example.com/hello"]);
    expect(pkg(s).funcs!.map((f) => f.name)).toEqual(["Loud", "World"]);
  });
});

describe("determinism and the hashed projection", () => {
  it("gives identical bytes on a second ingest", async () => {
    await surfaceOf("example.com/greet", "v1.2.0");
    const again = await ingest("example.com/greet", "v1.2.0");
    expect(again.json).toBe(surfaces.get("example.com/greet@v1.2.0")!.json);
  });

  it("hashes the same whatever go_version, and differently for another version of the module", async () => {
    const hashing = await nodeHashing();
    const s = await surfaceOf("example.com/greet", "v1.2.0");
    const h = apiSurfaceSha256(s, hashing);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(apiSurfaceSha256({ ...s, go_version: "go1.21.0" }, hashing)).toBe(h);
    expect(apiSurfaceSha256(await surfaceOf("example.com/greet", "v1.1.0"), hashing)).not.toBe(h);
  });

  it("records the build context: target, tags and cgo", async () => {
    const r = await ingest("example.com/greet", "v1.2.0", { goos: "windows", goarch: "arm64", tags: ["b", "a"] });
    expect(r.surface.build).toEqual({ goos: "windows", goarch: "arm64", tags: ["a", "b"] });
    // Another context, another hash; the API itself is the same here.
    const hashing = await nodeHashing();
    expect(apiSurfaceSha256(r.surface, hashing)).not.toBe(apiSurfaceSha256(await surfaceOf("example.com/greet", "v1.2.0"), hashing));
    expect(r.surface.packages).toEqual((await surfaceOf("example.com/greet", "v1.2.0")).packages);
  });
});

/**
 * A module with one of everything the ingest reports, served from a
 * file:// GOPROXY (no checksum database): promoted methods through values
 * and pointers, method sets, deprecated items, generic methods, aliases, a
 * sealed interface, build-excluded and cgo files (cgo off), a `// +build`
 * file, a `//go:build ignore` generator, an internal package, a package that
 * does not type-check and one that does not parse.
 */
const RICH: Record<string, string> = {
  "go.mod": "module example.com/rich\n\ngo 1.22\n",
  "rich.go": `// Package rich exercises what the ingest reports.
package rich

import (
	"bytes"
	"io"
)

// Base has methods of both receiver kinds.
type Base struct{ n int }

// Value is on the value receiver.
func (Base) Value() int { return 0 }

// Ptr is on the pointer receiver.
//
// Deprecated: use Value.
func (b *Base) Ptr() {}

// Outer embeds Base by value and a *bytes.Buffer.
type Outer struct {
	Base
	*bytes.Buffer
	// Name names it.
	Name string \`json:"name,omitempty" x:"{}"\`
}

// Deep embeds Outer.
type Deep struct{ Outer }

// List is generic.
type List[T any] struct{ items []T }

// Push appends.
func (l *List[E]) Push(v E) { l.items = append(l.items, v) }

// Pair aliases a map.
type Pair = map[string]int

// Sealed has an unexported method.
type Sealed interface {
	io.Reader
	seal()
}

// Handler takes named parameters.
type Handler func(path string, err error) error

// Old is old.
//
// Deprecated: do not use.
func Old() {}

// Nums is a constraint.
type Nums interface{ ~int | ~float64 }

// Max is generic.
func Max[T Nums](a, b T) T {
	if a > b {
		return a
	}
	return b
}

// Version is the version.
const Version = "1.0"

// Levels.
const (
	Pi   = 3.25
	Rune = 'x'
)

var Out io.Writer
`,
  "windows.go": "//go:build windows\n\npackage rich\n\n// OnlyOnWindows is excluded elsewhere.\nfunc OnlyOnWindows() {}\n\nfunc (b *Base) WinOnly() {}\n",
  "legacy.go": "// +build !windows\n\npackage rich\n\n// Legacy has an old-style constraint.\nfunc Legacy() {}\n",
  "cgo.go": "package rich\n\n// #include <stdlib.h>\nimport \"C\"\n\n// CgoFunc needs cgo.\nfunc CgoFunc() int { return int(C.int(1)) }\n",
  "gen.go": "//go:build ignore\n\npackage main\n\nfunc Generated() {}\n",
  "rich_test.go": "package rich\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n",
  "internal/secret/secret.go": "package secret\n\n// Key is secret.\nconst Key = 42\n",
  "broken/broken.go": "// Package broken does not type-check.\npackage broken\n\n// Bad returns an undefined type.\nfunc Bad() Undefined { return nil }\n\n// Good is fine.\nfunc Good() int { return 1 }\n",
  "syntax/syntax.go": "package syntax\n\nfunc Oops( {\n",
};

describe("a module with one of everything (file:// proxy)", () => {
  let rich: IngestResult;
  beforeAll(async () => {
    const proxy = temp("rich-proxy-");
    const dir = join(proxy, "example.com", "rich", "@v");
    mkdirSync(dir, { recursive: true });
    const files = Object.entries(RICH).map(([path, text]) => ({ path, data: new TextEncoder().encode(text) }));
    writeFileSync(join(dir, "list"), "v1.0.0\n");
    writeFileSync(join(dir, "v1.0.0.info"), '{"Version":"v1.0.0","Time":"2026-01-01T00:00:00Z"}');
    writeFileSync(join(dir, "v1.0.0.mod"), RICH["go.mod"]!);
    writeFileSync(join(dir, "v1.0.0.zip"), createModuleZip("example.com/rich", "v1.0.0", files));
    const env = isolatedGoEnv(`file://${proxy}`, "off", { CGO_ENABLED: "0", GOCACHE: where.env.GOCACHE });
    temps.push(env.root);
    rich = await ingestModule({ module: "example.com/rich", version: "v1.0.0", env: env.env, cacheRoot });
  }, 300_000);

  const richPkg = (path = "example.com/rich") => pkg(rich.surface, path);
  const method = (t: ApiType, name: string) => t.methods!.find((m) => m.name === name);

  it("describes every package, the broken ones with their errors", () => {
    expect(rich.surface.build).toEqual({ goos: expect.any(String), goarch: expect.any(String) });
    expect(rich.surface.packages.map((p) => [p.import_path, p.name, p.internal ?? false])).toEqual([
      ["example.com/rich", "rich", false],
      ["example.com/rich/broken", "broken", false],
      ["example.com/rich/internal/secret", "secret", true],
      ["example.com/rich/syntax", "syntax", false],
    ]);
    expect(richPkg().errors).toBeUndefined();
    expect(richPkg("example.com/rich/broken").errors).toEqual(["broken/broken.go:5:12: undefined: Undefined"]);
    expect(richPkg("example.com/rich/syntax").errors).toEqual([
      "syntax/syntax.go:3:12: expected ')', found '{'",
      "syntax/syntax.go:3:14: expected ')', found 'EOF'",
      "syntax/syntax.go:3:14: expected ';', found 'EOF'",
      "syntax/syntax.go:3:14: missing ',' in parameter list",
    ]);
    // go/parser recovers, so what it did parse is still described.
    expect(richPkg("example.com/rich/syntax").funcs).toEqual([{ name: "Oops", position: "syntax.go:3:6" }]);
    expect(richPkg("example.com/rich/internal/secret").consts).toEqual([{ name: "Key", type: "int", doc: "Key is secret.", position: "secret.go:4:7", const: "42" }]);
  });

  it("reads the broken package around its error: the bad func is skipped, the good one kept", () => {
    const view = readApiSurface(rich.json);
    expect(view.skips.map((s) => [s.item, s.code, s.where])).toEqual([
      ["example.com/rich/broken.Bad", "M074_TYPEEXPR_E007", "$.packages[1].funcs[0].results[0].type"],
    ]);
    expect([...view.packages.get("example.com/rich/broken")!.funcs.keys()]).toEqual(["Good"]);
    expect(roundTripFailures(rich.surface)).toEqual(["$.packages[1].funcs[0].results[0]: invalid type => error M074_TYPEEXPR_E007: " +
      'the type is `invalid type`: go/types could not type-check it in type string "invalid type" at offset 0\n' +
      "  hint: the package has type errors (see its `errors` in the ApiSurface); the item is skipped"]);
  });

  it("lists files with build constraints, cgo and exclusion, but no tests; reports build-excluded items", () => {
    expect(richPkg().files).toEqual([
      { name: "cgo.go", requires_cgo: true, ignored: true },
      { name: "gen.go", build_constraint: "ignore", ignored: true },
      { name: "legacy.go", build_constraint: "!windows" },
      { name: "rich.go" },
      { name: "windows.go", build_constraint: "windows", ignored: true },
    ]);
    const excluded = richPkg().skipped!.filter((n) => n.reason === "BuildTagExcluded");
    expect(excluded).toEqual([
      { kind: "func", name: "Base.WinOnly", position: "windows.go:8:16", reason: "BuildTagExcluded" },
      { kind: "func", name: "CgoFunc", position: "cgo.go:7:6", reason: "BuildTagExcluded" },
      { kind: "func", name: "OnlyOnWindows", position: "windows.go:6:6", reason: "BuildTagExcluded" },
    ]);
    expect(richPkg().funcs!.map((f) => f.name)).toEqual(["Legacy", "Max", "Old"]);
    expect(richPkg().imports).toEqual(["bytes", "io"]);
  });

  it("reports promoted methods with their path, and the value and pointer method sets", () => {
    const outer = type(richPkg(), "Outer");
    expect(outer.underlying).toBe('struct{Base; *bytes.Buffer; Name string "json:\\"name,omitempty\\" x:\\"{}\\""}');
    expect(outer.fields).toEqual([
      { name: "Base", type: "Base", exported: true, embedded: true },
      { name: "Buffer", type: "*bytes.Buffer", exported: true, embedded: true },
      { name: "Name", type: "string", tag: 'json:"name,omitempty" x:"{}"', doc: "Name names it.", exported: true },
    ]);
    expect(method(outer, "Ptr")).toEqual({
      name: "Ptr",
      doc: "Ptr is on the pointer receiver.\n\nDeprecated: use Value.",
      position: "rich.go:18:16",
      receiver: "Outer",
      receiver_pointer: true,
      deprecated: "use Value.",
      promoted_from: "Base",
      promoted_via: ["Base"],
    });
    expect(method(outer, "Value")).toEqual({
      name: "Value",
      doc: "Value is on the value receiver.",
      position: "rich.go:13:13",
      receiver: "Outer",
      results: [{ type: "int" }],
      promoted_from: "Base",
      promoted_via: ["Base"],
    });
    // Through the embedded *bytes.Buffer even pointer-receiver methods are in the value set.
    expect(method(outer, "WriteString")).toEqual({
      name: "WriteString",
      receiver: "Outer",
      params: [{ name: "s", type: "string" }],
      results: [{ name: "n", type: "int" }, { name: "err", type: "error" }],
      promoted_from: "Buffer",
      promoted_via: ["*bytes.Buffer"],
    });
    expect(outer.value_method_set).toContain("WriteString");
    expect(outer.value_method_set).toContain("Value");
    expect(outer.value_method_set).not.toContain("Ptr");
    expect(outer.pointer_method_set).toEqual(outer.methods!.map((m) => m.name));
    expect(outer.pointer_method_set!.length - outer.value_method_set!.length).toBe(1);

    const deep = type(richPkg(), "Deep");
    expect(method(deep, "Ptr")).toMatchObject({ receiver: "Deep", receiver_pointer: true, promoted_from: "Outer.Base", promoted_via: ["Outer", "Base"] });
    const base = type(richPkg(), "Base");
    expect(base.value_method_set).toEqual(["Value"]);
    expect(base.pointer_method_set).toEqual(["Ptr", "Value"]);
    expect(method(base, "Ptr")!.promoted_from).toBeUndefined();
  });

  it("describes generics, aliases, func types, sealed interfaces, deprecation and constants", () => {
    const p = richPkg();
    const list = type(p, "List");
    expect(list.type_params).toEqual([{ name: "T", constraint: "any" }]);
    expect(list.methods).toEqual([
      { name: "Push", doc: "Push appends.", position: "rich.go:35:19", type_params: [{ name: "E", constraint: "any" }], receiver: "List", receiver_pointer: true, params: [{ name: "v", type: "E" }] },
    ]);
    expect(type(p, "Pair")).toMatchObject({ kind: "alias", alias_of: "map[string]int", underlying: "map[string]int" });
    expect(type(p, "Handler")).toMatchObject({ kind: "func", underlying: "func(path string, err error) error" });
    expect(type(p, "Sealed")).toMatchObject({
      kind: "interface",
      underlying: "interface{seal(); io.Reader}",
      interface_methods: [{ name: "seal", position: "rich.go:43:2" }],
      embedded_types: ["io.Reader"],
      value_method_set: ["Read"],
    });
    expect(type(p, "Nums").embedded_types).toEqual(["~int | ~float64"]);
    expect(p.funcs!.find((f) => f.name === "Max")).toMatchObject({ type_params: [{ name: "T", constraint: "Nums" }], params: [{ name: "a", type: "T" }, { name: "b", type: "T" }], results: [{ type: "T" }] });
    expect(p.funcs!.find((f) => f.name === "Old")!.deprecated).toBe("do not use.");
    expect(p.consts).toEqual([
      { name: "Pi", type: "float64", doc: "Levels.", position: "rich.go:70:2", const: "13/4" },
      { name: "Rune", type: "rune", doc: "Levels.", position: "rich.go:71:2", const: "120" },
      { name: "Version", type: "string", doc: "Version is the version.", position: "rich.go:66:7", const: '"1.0"' },
    ]);
    expect(p.vars).toEqual([{ name: "Out", type: "io.Writer", position: "rich.go:74:5" }]);
    expect(p.skipped!.filter((n) => n.reason === "Unexported")).toEqual([]);
    const view = readApiSurface(rich.json);
    expect(view.packages.get("example.com/rich")!.types.get("List")!.methods.get("Push")!.signature.params[0]!.type).toEqual({ kind: "typeparam", name: "E" });
  });
});

describe("errors", () => {
  it("M074_INGEST_E003: a version the proxy does not have", async () => {
    expect(await codeOf(ingest("example.com/greet", "v1.9.9"))).toBe("M074_INGEST_E003");
  });

  it("M074_INGEST_E006: a version that is not canonical; module path errors come from modpath", async () => {
    expect(await codeOf(ingest("example.com/greet", "v1.2"))).toBe("M074_INGEST_E006");
    expect(await codeOf(ingest("example.com/greet", "v1.2.0+build"))).toBe("M074_INGEST_E006");
    expect(await codeOf(ingest("Example..com/x", "v1.0.0"))).toMatch(/^M074_MODPATH_E\d{3}$/);
  });

  it("M074_INGEST_E004: the helper cannot load the packages (an unknown target)", async () => {
    expect(await codeOf(ingest("example.com/greet", "v1.2.0", { goos: "plan10" }))).toBe("M074_INGEST_E004");
  });

  it("M074_INGEST_E001: no go command", async () => {
    expect(await codeOf(buildGoIngest(temp("mochi-ingest-nogo-"), { env: { PATH: temp("empty-path-") } }))).toBe("M074_INGEST_E001");
  });

  it("M074_INGEST_E002: the helper does not build (its dependencies cannot be fetched)", async () => {
    const env = { GOMODCACHE: temp("empty-modcache-"), GOPROXY: "off", GOFLAGS: "-modcacherw" };
    expect(await codeOf(buildGoIngest(temp("mochi-ingest-nobuild-"), { env }))).toBe("M074_INGEST_E002");
  });

  /** A stand-in helper: a shell script printing `out` and exiting with `code`. */
  function fakeHelper(out: string, code = 0): string {
    const path = join(temp("fake-helper-"), "go-ingest");
    writeFileSync(path, `#!/bin/sh\ncat <<'EOF'\n${out}\nEOF\necho "go-ingest: fake" >&2\nexit ${code}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  it.skipIf(process.platform === "win32")("M074_INGEST_E005: a surface of another version, or exit status 5", async () => {
    const other = JSON.stringify({ schema_version: 1, module: "example.com/greet", version: "v1.1.0", packages: [] });
    expect(await codeOf(ingest("example.com/greet", "v1.2.0", { helper: fakeHelper(other) }))).toBe("M074_INGEST_E005");
    expect(await codeOf(ingest("example.com/greet", "v1.2.0", { helper: fakeHelper("", 5) }))).toBe("M074_INGEST_E005");
  });

  it.skipIf(process.platform === "win32")("M074_INGEST_E004: output that is not an ApiSurface", async () => {
    expect(await codeOf(ingest("example.com/greet", "v1.2.0", { helper: fakeHelper("not json") }))).toBe("M074_INGEST_E004");
    expect(await codeOf(ingest("example.com/greet", "v1.2.0", { helper: fakeHelper('{"schema_version": 2}') }))).toBe("M074_INGEST_E004");
    expect(await codeOf(ingest("example.com/greet", "v1.2.0", { helper: fakeHelper("null") }))).toBe("M074_INGEST_E004");
  });
});
