// The playground's own logic, in Node: where errors in pasted JSON are
// placed (jsonloc.ts, checked against JSON.parse on random documents), the
// share-link state (share.ts), the lock entry (lockentry.ts, read back by the
// core's lock reader), the alias suggestion, and the extra corpus versions.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiSurfaceSha256, readApiSurface } from "../../core/src/bridge/surface.js";
import { planModule } from "../../core/src/bridge/plan.js";
import { parseLock } from "../../core/src/lockfile/read.js";
import { wrapperSha256 } from "../../core/src/lockfile/hashes.js";
import { wrapModule } from "../../core/src/bridge/wrapper.js";
import { utf8Encode } from "../../core/src/bytes.js";
import { jsonSyntaxError, lineCol, locateJsonPath, parseJsonPath } from "../../host-browser/playground/jsonloc.js";
import { goPackageEntry } from "../../host-browser/playground/lockentry.js";
import { describeError, extras, plan, suggestAlias } from "../../host-browser/playground/pipeline.js";
import { decodeState, encodeState, type PageState } from "../../host-browser/playground/share.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { repoRoot } from "../vectors.js";

/** The value at a parsed JSON path. */
function at(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, seg) => (v as Record<string | number, unknown>)[seg], value);
}

/** Every path into a JSON value (identifier keys only, as the core's `where` has). */
function paths(value: unknown, prefix = "$"): string[] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, `${prefix}[${i}]`)));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) out.push(...paths(v, `${prefix}.${k}`));
  }
  return out;
}

describe("jsonloc", () => {
  it("finds a syntax error exactly when JSON.parse fails", () => {
    const nearJson = fc.oneof(
      fc.json().map((s) => s),
      fc.tuple(fc.json(), fc.nat(), fc.constantFrom("", ",", "}", "]", '"', "\\", ":", "x", "\n", "1e", "-", "\u0001")).map(([s, i, c]) => {
        const k = s.length === 0 ? 0 : i % (s.length + 1);
        return s.slice(0, k) + c + s.slice(k);
      }),
      fc.string(),
    );
    fc.assert(
      fc.property(nearJson, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const err = jsonSyntaxError(text);
        expect(err === undefined, `${JSON.stringify(text)}: ${err?.message}`).toBe(valid);
        if (err !== undefined) expect(err.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it("locates every path of a document at the start of its value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const compact = JSON.stringify(value);
        const pretty = JSON.stringify(value, null, 2);
        for (const p of paths(value)) {
          const want = at(value, parseJsonPath(p)!);
          expect(compact.startsWith(JSON.stringify(want), locateJsonPath(compact, p)!), `${p} in ${compact}`).toBe(true);
          // Indented, a container's first line is its bracket; a scalar is all of it.
          expect(pretty.startsWith(JSON.stringify(want, null, 2).split("\n")[0]!, locateJsonPath(pretty, p)!), `${p} in ${pretty}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("points a missing key at the deepest value that exists, and reads only $-paths", () => {
    const text = '{\n  "a": {\n    "b": [1, {"c": 2}]\n  }\n}';
    expect(lineCol(text, locateJsonPath(text, "$.a.b[1].c")!)).toEqual({ line: 3, col: 20 });
    expect(lineCol(text, locateJsonPath(text, "$.a.b[1].missing")!)).toEqual({ line: 3, col: 14 });
    expect(lineCol(text, locateJsonPath(text, "$.a.b[7]")!)).toEqual({ line: 3, col: 10 });
    expect(locateJsonPath(text, "import alias")).toBeUndefined();
    expect(parseJsonPath("$.a[x]")).toBeUndefined();
  });

  it("says what is wrong", () => {
    expect(jsonSyntaxError('{"a": 1,}')).toEqual({ offset: 8, message: "expected a property name in double quotes, found \"}\"" });
    expect(jsonSyntaxError('"abc')).toEqual({ offset: 0, message: "unterminated string" });
    expect(jsonSyntaxError("[1] 2")).toEqual({ offset: 4, message: 'unexpected "2" after the JSON document' });
    expect(jsonSyntaxError("")).toEqual({ offset: 0, message: "expected a value, found the end of the input" });
  });
});

describe("share links", () => {
  const states: PageState[] = [
    { source: { kind: "corpus", module: "github.com/spf13/cobra", version: "v1.10.2" }, tab: "extern" },
    { source: { kind: "corpus", module: "gopkg.in/yaml.v3", version: "v3.0.1" }, alias: "yaml", tab: "diff", diff: "v3.0.0" },
    { source: { kind: "corpus", module: "example.com/x", version: "v2.0.0+incompatible" }, alias: "a&b=c", tab: "lock" },
    { source: { kind: "paste", text: '{"schema_version": 1, "module": "example.com/ü", "packages": []}\n' }, tab: "skipped" },
  ];

  it.each(states.map((s) => [JSON.stringify(s), s] as const))("%s round-trips", async (_, s) => {
    expect(await decodeState(await encodeState(s))).toEqual(s);
  });

  it("keeps module paths readable and drops defaults", async () => {
    expect(await encodeState(states[0]!)).toBe("#m=github.com/spf13/cobra@v1.10.2");
    expect(await encodeState(states[2]!)).toBe("#m=example.com/x@v2.0.0%2Bincompatible&as=a%26b%3Dc&tab=lock");
    expect(await decodeState("#tab=lock")).toBeUndefined();
    expect(await decodeState("#m=nothing")).toBeUndefined();
  });
});

describe("fixtures/surfaces/more-versions.json (the second versions the API diff uses)", () => {
  const listed = (JSON.parse(readFileSync(join(repoRoot, "fixtures/surfaces/more-versions.json"), "utf8")) as {
    surfaces: { module: string; version: string; file: string; bytes: number; api_surface_sha256: string }[];
  }).surfaces;

  it.each(listed.map((e) => [`${e.module}@${e.version}`, e] as const))("%s is as listed and reads without skips", async (_, e) => {
    const json = readFileSync(join(repoRoot, "fixtures/surfaces", e.file), "utf8");
    expect(Buffer.byteLength(json)).toBe(e.bytes);
    const view = readApiSurface(json);
    expect([view.surface.module, view.surface.version, view.skips]).toEqual([e.module, e.version, []]);
    expect(apiSurfaceSha256(view.surface, await nodeHashing())).toBe(e.api_surface_sha256);
  });
});

describe("pipeline", () => {
  it("suggests the alias a user would write", () => {
    expect(["github.com/cespare/xxhash/v2", "gopkg.in/yaml.v3", "github.com/json-iterator/go", "google.golang.org/protobuf"].map(suggestAlias)).toEqual([
      "xxhash",
      "yaml_v3",
      "go",
      "protobuf",
    ]);
  });

  it("writes a [[go-package]] entry the core's lock reader accepts, with both hashes", async () => {
    const hashing = await nodeHashing();
    const json = readFileSync(join(repoRoot, "fixtures/surfaces/github.com/google/uuid@v1.6.0.json"), "utf8");
    const planned = plan(readApiSurface(json), "uuid", hashing);
    const { lockEntry } = extras(planned, hashing);
    const header = '# This file is generated by mochi pkg lock. Do not edit by hand.\nversion = 1\nmochi = "0.0.0"\nmanifest = "mochi.toml"\nmanifest_hash = "blake3-256:' + "0".repeat(64) + '"\n\n';
    // Read back as the entry of a path source, which has no zip and no checksum database record.
    const text = header + lockEntry.replace(/^source = .*$/m, 'source = { kind = "path", path = "../uuid" }\nsumdb-verified = false') + '\n[provenance]\nsolver_seed = ""\nregistry_etag = ""\nsigstore_verified_count = 0\nsigstore_unverified = []\n';
    const lock = parseLock(text);
    const index = JSON.parse(readFileSync(join(repoRoot, "fixtures/surfaces/index.json"), "utf8")) as { surfaces: { module: string; api_surface_sha256: string }[] };
    const files = Object.entries(wrapModule(planned.plan).files).map(([path, data]) => ({ path, data: utf8Encode(data) }));
    expect(lock.goPackages.map((g) => [g.module, g.version, g.apiSurfaceSha256, g.wrapperSha256])).toEqual([
      ["github.com/google/uuid", "v1.6.0", index.surfaces.find((e) => e.module === "github.com/google/uuid")!.api_surface_sha256, wrapperSha256(files, hashing)],
    ]);
    expect(goPackageEntry({ surface: planned.view.surface, apiSurfaceSha256: "a".repeat(64), wrapperSha256: "b".repeat(64) })).toBe(
      [
        "[[go-package]]",
        'module = "github.com/google/uuid"',
        'version = "v1.6.0"',
        'source = { kind = "module-proxy", proxy = "https://proxy.golang.org" }',
        "# zip-blake3, zip-h1, sumdb-verified, sumdb-tree-size, sumdb-record-hash:",
        "#   written by `mochi-pkg add go`, which downloads the module zip and checks the checksum database",
        `api-surface-sha256 = "${"a".repeat(64)}"`,
        `wrapper-sha256 = "${"b".repeat(64)}"`,
        "# capabilities-declared, dependencies:",
        "#   written by `mochi-pkg lock` from the module's imports and the build list",
        "",
      ].join("\n"),
    );
  });

  it("places a shape error of a pasted document at its line and column, and an alias error at the alias", async () => {
    const hashing = await nodeHashing();
    const text = '{\n  "schema_version": 1,\n  "module": "example.com/m",\n  "packages": [{ "import_path": 3, "name": "m" }]\n}';
    let error: unknown;
    try {
      readApiSurface(text);
    } catch (e) {
      error = e;
    }
    expect(describeError(error, text)).toMatchObject({ code: "M074_SURFACE_E003", input: "json", where: "$.packages[0].import_path", at: { line: 4, col: 33 } });
    try {
      planModule(readApiSurface('{"schema_version": 1, "module": "example.com/m", "version": "v1.0.0", "packages": []}'), { alias: "fun", hashing });
    } catch (e) {
      error = e;
    }
    expect(describeError(error, text)).toMatchObject({ code: "M074_BRIDGE_E001", input: "alias" });
    expect(describeError(new Error("boom"), undefined)).toMatchObject({ code: "internal", input: "other", detail: "boom" });
  });
});
