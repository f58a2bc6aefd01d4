// The sparse index format (core/src/registry/index.ts), config.json, the URL
// layout, the index entry a manifest publishes, the snapshot id and the
// deterministic package archive (archive.ts), with every code they raise.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MochiError, hexEncode, utf8Encode } from "../../core/src/index.js";
import { parseManifest } from "../../core/src/manifest/parse.js";
import {
  archivePath,
  archivePrefix,
  formatIndexFile,
  formatIndexLine,
  formatRegistryConfig,
  indexEntryFromManifest,
  indexPath,
  indexSnapshot,
  manifestTargets,
  packArchive,
  packageBaseName,
  parseIndexFile,
  parseIndexLine,
  parseRegistryConfig,
  type IndexEntry,
} from "../../core/src/registry/index.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import { codeOf } from "../support/errors.js";

const B3 = `blake3-256:${"ab".repeat(32)}`;
const line = (fields: Record<string, unknown>): string => JSON.stringify({ name: "@fx/json", version: "1.0.0", blake3: B3, ...fields });

describe("layout", () => {
  it.each([
    ["a", "index/1/a"],
    ["ab", "index/2/ab"],
    ["abc", "index/3/a/abc"],
    ["abcd", "index/ab/cd/abcd"],
    ["serde_json", "index/se/rd/serde_json"],
    ["@mochi/json", "index/@mochi/js/on/json"],
    ["@x/y", "index/@x/1/y"],
    ["@fx/sys-c", "index/@fx/sy/s-/sys-c"],
  ])("puts the index file of %s at %s", (name, path) => {
    expect(indexPath(name)).toBe(path);
  });

  it("puts archives under packages/<name>/<base>-<version>.tar", () => {
    expect(archivePath("@mochi/json", "1.2.0")).toBe("packages/@mochi/json/json-1.2.0.tar");
    expect(archivePath("tool", "0.1.0-rc.1+b5")).toBe("packages/tool/tool-0.1.0-rc.1+b5.tar");
    expect(packageBaseName("@a/b")).toBe("b");
    expect(archivePrefix("@a/b", "1.0.0")).toBe("b-1.0.0/");
  });
});

describe("index lines", () => {
  const full: IndexEntry = {
    name: "@fx/http",
    version: "2.0.0",
    dependencies: new Map([
      ["@fx/yaml", { req: "^1.0", optional: true }],
      ["@fx/json", { req: "^1.10", optional: false }],
    ]),
    features: new Map([
      ["yaml", ["dep:@fx/yaml"]],
      ["default", ["yaml"]],
    ]),
    capabilities: ["net.listen", "net.dial"],
    targets: ["typescript", "c"],
    blake3: B3,
    yanked: false,
  };
  const canonical =
    `{"name":"@fx/http","version":"2.0.0","dependencies":{"@fx/json":"^1.10","@fx/yaml":{"version":"^1.0","optional":true}},` +
    `"features":{"default":["yaml"],"yaml":["dep:@fx/yaml"]},"capabilities":["net.dial","net.listen"],"targets":["c","typescript"],"blake3":"${B3}","yanked":false}`;

  it("formats canonically: fixed key order, sorted maps and sets, optional dependencies as objects", () => {
    expect(formatIndexLine(full)).toBe(canonical);
  });

  it("parses the canonical line back to the sorted entry, and formats it to the same bytes", () => {
    const e = parseIndexLine(canonical);
    expect([...e.dependencies]).toEqual([
      ["@fx/json", { req: "^1.10", optional: false }],
      ["@fx/yaml", { req: "^1.0", optional: true }],
    ]);
    expect([...e.features]).toEqual([
      ["default", ["yaml"]],
      ["yaml", ["dep:@fx/yaml"]],
    ]);
    expect(e.capabilities).toEqual(["net.dial", "net.listen"]);
    expect(e.targets).toEqual(["c", "typescript"]);
    expect(formatIndexLine(e)).toBe(canonical);
  });

  it("fills defaults: no dependencies, features, capabilities or targets, not yanked, format 1", () => {
    const e = parseIndexLine(`{"v":1,"blake3":"${B3}","version":"0.1.0","name":"tool"}`);
    expect(e).toEqual({ name: "tool", version: "0.1.0", dependencies: new Map(), features: new Map(), capabilities: [], blake3: B3, yanked: false });
    expect(formatIndexLine(e)).toBe(`{"name":"tool","version":"0.1.0","dependencies":{},"capabilities":[],"blake3":"${B3}","yanked":false}`);
  });

  it("sorts and deduplicates capabilities and targets", () => {
    const e = parseIndexLine(line({ capabilities: ["fs.read", "env", "fs.read"], targets: ["c", "c"] }));
    expect(e.capabilities).toEqual(["env", "fs.read"]);
    expect(e.targets).toEqual(["c"]);
  });

  it.each([
    ["not JSON", "{", "M057_INDEX_E002"],
    ["a JSON array", "[1]", "M057_INDEX_E002"],
    ["a newer format", line({ v: 2 }), "M057_INDEX_E003"],
    ["a format version that is not a positive integer", line({ v: 0 }), "M057_REGISTRY_E002"],
    ["a string format version", line({ v: "1" }), "M057_REGISTRY_E002"],
    ["no name", JSON.stringify({ version: "1.0.0", blake3: B3 }), "M057_REGISTRY_E001"],
    ["no version", JSON.stringify({ name: "a", blake3: B3 }), "M057_REGISTRY_E001"],
    ["no blake3", JSON.stringify({ name: "a", version: "1.0.0" }), "M057_REGISTRY_E001"],
    ["a dependency object without version", line({ dependencies: { b: { optional: true } } }), "M057_REGISTRY_E001"],
    ["a numeric name", line({ name: 5 }), "M057_REGISTRY_E002"],
    ["dependencies as an array", line({ dependencies: [] }), "M057_REGISTRY_E002"],
    ["a numeric requirement", line({ dependencies: { b: 1 } }), "M057_REGISTRY_E002"],
    ["a string optional", line({ dependencies: { b: { version: "1", optional: "yes" } } }), "M057_REGISTRY_E002"],
    ["capabilities as a string", line({ capabilities: "fs.read" }), "M057_REGISTRY_E002"],
    ["a feature as a string", line({ features: { x: "y" } }), "M057_REGISTRY_E002"],
    ["yanked as a string", line({ yanked: "false" }), "M057_REGISTRY_E002"],
    ["targets with a number", line({ targets: [1] }), "M057_REGISTRY_E002"],
    ["an unknown key", line({ checksum: "x" }), "M057_REGISTRY_E003"],
    ["an unknown dependency key", line({ dependencies: { b: { version: "1", features: [] } } }), "M057_REGISTRY_E003"],
    ["an upper-case name", line({ name: "JSON" }), "M057_REGISTRY_E004"],
    ["a dotted dependency name", line({ dependencies: { "github.com/x": "1" } }), "M057_REGISTRY_E004"],
    ["a v-prefixed version", line({ version: "v1.0.0" }), "M057_REGISTRY_E006"],
    ["a partial version", line({ version: "1.0" }), "M057_REGISTRY_E006"],
    ["a malformed requirement", line({ dependencies: { b: "^^1" } }), "M057_REGISTRY_E008"],
    ["a Go capability", line({ capabilities: ["net"] }), "M057_REGISTRY_E009"],
    ["upper-case hex", line({ blake3: B3.toUpperCase() }), "M057_REGISTRY_E010"],
    ["a SHA-256 prefix", line({ blake3: `sha256:${"ab".repeat(32)}` }), "M057_REGISTRY_E010"],
    ["a short hash", line({ blake3: "blake3-256:abcd" }), "M057_REGISTRY_E010"],
    ["an unknown target", line({ targets: ["go"] }), "M057_REGISTRY_E011"],
    ["empty targets", line({ targets: [] }), "M057_REGISTRY_E011"],
    ["a malformed feature name", line({ features: { "Big Feature": [] } }), "M057_REGISTRY_E012"],
    ["a feature enabling an unknown feature", line({ features: { a: ["b"] } }), "M057_REGISTRY_E013"],
    ["a feature enabling a dependency that is not optional", line({ dependencies: { b: "1" }, features: { a: ["dep:b"] } }), "M057_REGISTRY_E013"],
    ["a feature enabling an unknown dependency", line({ features: { a: ["dep:b"] } }), "M057_REGISTRY_E013"],
    ["a dependency on itself", line({ dependencies: { "@fx/json": "1" } }), "M057_REGISTRY_E014"],
  ])("refuses %s", (_, text, code) => {
    expect(codeOf(() => parseIndexLine(text, "x:1"))).toBe(code);
  });

  it("names the line in the error and quotes the value", () => {
    try {
      parseIndexLine(line({ capabilities: ["teleport"] }), "index/@fx/js/on/json:3");
      expect.unreachable();
    } catch (e) {
      expect((e as MochiError).message).toBe(
        'M057_REGISTRY_E009: capability "teleport" of @fx/json@1.0.0 is not one of clock, env, ffi, fs.read, fs.write, net.dial, net.listen, proc.spawn, random (at index/@fx/js/on/json:3)\n' +
          "  hint: capabilities are clock, env, ffi, fs.read, fs.write, net.dial, net.listen, proc.spawn, random",
      );
    }
  });
});

describe("index files", () => {
  const v = (version: string, extra: Record<string, unknown> = {}): string => line({ version, ...extra });

  it("parses lines in any order into ascending precedence, skipping empty lines", () => {
    const text = `${v("1.10.0")}\n\n${v("1.2.0")}\n${v("1.10.0-rc.1")}\n${v("0.9.0")}\n`;
    expect(parseIndexFile("@fx/json", text).map((e) => e.version)).toEqual(["0.9.0", "1.2.0", "1.10.0-rc.1", "1.10.0"]);
    expect(parseIndexFile("@fx/json", utf8Encode(text)).length).toBe(4);
    expect(parseIndexFile("@fx/json", "")).toEqual([]);
  });

  it("formats entries one per line in precedence order, each ending in LF", () => {
    const entries = parseIndexFile("@fx/json", `${v("1.10.0")}\n${v("1.9.0", { yanked: true })}`);
    expect(formatIndexFile([...entries].reverse())).toBe(
      `{"name":"@fx/json","version":"1.9.0","dependencies":{},"capabilities":[],"blake3":"${B3}","yanked":true}\n` +
        `{"name":"@fx/json","version":"1.10.0","dependencies":{},"capabilities":[],"blake3":"${B3}","yanked":false}\n`,
    );
  });

  it("refuses bytes that are not UTF-8 (M057_INDEX_E002)", () => {
    expect(codeOf(() => parseIndexFile("@fx/json", new Uint8Array([0x7b, 0xff, 0x7d])))).toBe("M057_INDEX_E002");
  });

  it("refuses a line for another package (M057_REGISTRY_E005), naming the line number", () => {
    const err = (() => {
      try {
        parseIndexFile("@fx/json", `${v("1.0.0")}\n${line({ name: "@fx/yaml" })}\n`, "idx");
      } catch (e) {
        return e as MochiError;
      }
    })();
    expect(err?.code).toBe("M057_REGISTRY_E005");
    expect(err?.where).toBe("idx:2");
  });

  it("refuses a version listed twice, build metadata ignored (M057_REGISTRY_E007)", () => {
    expect(codeOf(() => parseIndexFile("@fx/json", `${v("1.0.0")}\n${v("1.0.0")}\n`))).toBe("M057_REGISTRY_E007");
    expect(codeOf(() => parseIndexFile("@fx/json", `${v("1.0.0+a")}\n${v("1.0.0+b")}\n`))).toBe("M057_REGISTRY_E007");
  });
});

describe("config.json", () => {
  it("parses and formats {v, name}", () => {
    expect(parseRegistryConfig('{"name":"registry.mochi-lang.dev"}')).toEqual({ name: "registry.mochi-lang.dev" });
    expect(parseRegistryConfig(utf8Encode('{"v":1,"name":"127.0.0.1:8080"}'))).toEqual({ name: "127.0.0.1:8080" });
    expect(formatRegistryConfig({ name: "fixtures.mochi.test" })).toBe('{"v":1,"name":"fixtures.mochi.test"}\n');
  });

  it.each([
    ["not JSON", "{"],
    ["not UTF-8", new Uint8Array([0xff])],
    ["an array", "[]"],
    ["no name", "{}"],
    ["a name with a path", '{"name":"example.com/registry"}'],
    ["an unknown key", '{"name":"a.b","dl":"x"}'],
    ["a bad format version", '{"v":"1","name":"a.b"}'],
  ])("refuses %s (M057_REGISTRY_E015)", (_, text) => {
    expect(codeOf(() => parseRegistryConfig(text))).toBe("M057_REGISTRY_E015");
  });

  it("refuses a newer format (M057_INDEX_E003)", () => {
    expect(codeOf(() => parseRegistryConfig('{"v":2,"name":"a.b"}'))).toBe("M057_INDEX_E003");
  });
});

describe("publishing a manifest as an index entry", () => {
  const manifest = parseManifest(`
[package]
name = "@fx/http"
version = "2.0.0"
capabilities = ["net.listen", "net.dial"]

[dependencies]
"@fx/yaml" = { version = "^1.0", optional = true }
"@fx/json" = "^1.10"

[features]
default = ["yaml"]
yaml = ["dep:@fx/yaml"]

[targets.c]
ffi = ["m"]

[targets.typescript]
`);

  it("takes name, version, dependencies, features, capabilities and targets ([package] and [targets.*])", () => {
    const e = indexEntryFromManifest(manifest, { blake3: B3 });
    expect(formatIndexLine(e)).toBe(
      `{"name":"@fx/http","version":"2.0.0","dependencies":{"@fx/json":"^1.10","@fx/yaml":{"version":"^1.0","optional":true}},` +
        `"features":{"default":["yaml"],"yaml":["dep:@fx/yaml"]},"capabilities":["net.dial","net.listen"],"targets":["c","typescript"],"blake3":"${B3}","yanked":false}`,
    );
    expect(indexEntryFromManifest(manifest, { blake3: B3, yanked: true }).yanked).toBe(true);
    expect(manifestTargets(manifest)).toEqual(["c", "typescript"]);
    expect(manifestTargets(parseManifest('[package]\nname = "a"\nversion = "1.0.0"\ntargets = ["rust", "c"]\n\n[targets.c]\n'))).toEqual(["c", "rust"]);
    expect(manifestTargets(parseManifest('[package]\nname = "a"\nversion = "1.0.0"\n'))).toBeUndefined();
  });

  it("refuses a virtual workspace root and an uninherited version (M057_REGISTRY_E016)", () => {
    expect(codeOf(() => indexEntryFromManifest(parseManifest('[workspace]\nmembers = ["a"]\n'), { blake3: B3 }))).toBe("M057_REGISTRY_E016");
    const inherits = parseManifest('[package]\nname = "a"\nversion = { workspace = true }\n\n[workspace.package]\nversion = "1.0.0"\n');
    expect(codeOf(() => indexEntryFromManifest(inherits, { blake3: B3 }))).toBe("M057_REGISTRY_E016");
  });

  it.each([
    ['{ path = "../b" }'],
    ['{ git = "https://example.com/b.git" }'],
  ])("refuses a dependency %s (M057_REGISTRY_E017)", (dep) => {
    const m = parseManifest(`[package]\nname = "a"\nversion = "1.0.0"\n\n[dependencies]\nb = ${dep}\n`);
    expect(codeOf(() => indexEntryFromManifest(m, { blake3: B3 }))).toBe("M057_REGISTRY_E017");
  });

  it("checks the archive hash like a parsed line (M057_REGISTRY_E010)", () => {
    expect(codeOf(() => indexEntryFromManifest(manifest, { blake3: "nope" }))).toBe("M057_REGISTRY_E010");
  });
});

describe("index snapshot", () => {
  it("hashes the consulted files framed by name, independent of map order, with both hashings", async () => {
    const [node, kernels] = [await nodeHashing(), await kernelsHashing()];
    const a = new Map<string, Uint8Array | null>([
      ["b", utf8Encode("x\n")],
      ["a", null],
    ]);
    const b = new Map([...a].reverse());
    const snap = indexSnapshot(a, node);
    expect(snap).toMatch(/^blake3-256:[0-9a-f]{64}$/);
    expect(indexSnapshot(b, kernels)).toBe(snap);
    // The framing: u64be(len name) name, 0x00 for a missing package, or 0x01 u64be(len) bytes.
    const u64 = (n: number): number[] => [0, 0, 0, 0, 0, 0, 0, n];
    const framed = new Uint8Array([...u64(1), 0x61, 0x00, ...u64(1), 0x62, 0x01, ...u64(2), 0x78, 0x0a]);
    expect(snap).toBe(`blake3-256:${hexEncode(node.digest("blake3", framed))}`);
    expect(indexSnapshot(new Map([["a", new Uint8Array()]]), node)).not.toBe(indexSnapshot(new Map([["a", null]]), node));
  });
});

describe("package archives", () => {
  const files = [
    { path: "src/lib.mochi", data: utf8Encode("package lib\n") },
    { path: "mochi.toml", data: utf8Encode('[package]\nname = "@fx/lib"\nversion = "1.0.0"\n') },
    { path: `src/${"deep/".repeat(20)}x.mochi`, data: new Uint8Array(600).fill(0x61) },
    { path: "empty", data: new Uint8Array() },
  ];

  it("is the same bytes for any input order, 512-byte blocks ending in two zero blocks", () => {
    const a = packArchive("@fx/lib", "1.0.0", files);
    const b = packArchive("@fx/lib", "1.0.0", [...files].reverse());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(a.length % 512).toBe(0);
    expect(a.length).toBe(512 * (1 + 1 + 1 + 1 + 1 + 1 + 2 + 2));
    expect([...a.subarray(a.length - 1024)].every((x) => x === 0)).toBe(true);
  });

  it("is a ustar file that tar lists and extracts as written, with fixed owner, mode and time", () => {
    const archive = packArchive("@fx/lib", "1.0.0", files);
    const dir = mkdtempSync(join(tmpdir(), "mochi-archive-"));
    try {
      writeFileSync(join(dir, "a.tar"), archive);
      const listing = execFileSync("tar", ["-tf", join(dir, "a.tar")], { encoding: "utf8" }).trim().split("\n");
      expect(listing).toEqual(["lib-1.0.0/empty", "lib-1.0.0/mochi.toml", `lib-1.0.0/src/${"deep/".repeat(20)}x.mochi`, "lib-1.0.0/src/lib.mochi"]);
      // The first header, field by field: name, mode, uid, gid, size, mtime, typeflag, magic and version.
      const field = (at: number, len: number): string => Buffer.from(archive.subarray(at, at + len)).toString("latin1");
      expect(field(0, 16)).toBe("lib-1.0.0/empty\0");
      expect([field(100, 8), field(108, 8), field(116, 8), field(124, 12), field(136, 12)]).toEqual(["0000644\0", "0000000\0", "0000000\0", "00000000000\0", "00000000000\0"]);
      expect([field(156, 1), field(257, 6), field(263, 2), field(265, 32)]).toEqual(["0", "ustar\0", "00", "\0".repeat(32)]);
      execFileSync("tar", ["-xf", join(dir, "a.tar"), "-C", dir]);
      for (const f of files) expect(Buffer.from(readFileSync(join(dir, "lib-1.0.0", f.path))).equals(Buffer.from(f.data))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([["../x"], ["./x"], ["a/./b"], ["/abs"], ["a//b"], ["a\\b"], [`${"x".repeat(101)}`], [`${"d".repeat(160)}/x`]])("refuses the path %j (M057_REGISTRY_E018)", (path) => {
    expect(codeOf(() => packArchive("a", "1.0.0", [{ path, data: new Uint8Array() }]))).toBe("M057_REGISTRY_E018");
  });

  it("refuses a path listed twice (M057_REGISTRY_E019)", () => {
    expect(codeOf(() => packArchive("a", "1.0.0", [files[0]!, files[0]!]))).toBe("M057_REGISTRY_E019");
  });
});
