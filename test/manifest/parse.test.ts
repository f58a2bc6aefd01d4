// mochi.toml parsing and validation: a realistic manifest parses to the exact
// typed structure, and every M057_MANIFEST_* code is raised by a manifest
// that breaks its rule, at the exact file:line:column of the offending key or value.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GO_CAPABILITIES, GO_CAPABILITY_GRANTS, MOCHI_CAPABILITIES, parseManifest, splitGoItem, type Manifest } from "../../core/src/manifest/index.js";
import { repoRoot } from "../vectors.js";
import { at, caught } from "./helpers.js";

const BASE = `[package]
name = "@my/app"
version = "0.1.0"
targets = ["typescript", "c"]

[dependencies]
"@mochi/json" = "^1.9"
"@forks/yaml" = { git = "https://github.com/example/yaml.git", tag = "v3.0.0", optional = true }

[features]
yaml = ["dep:@forks/yaml"]

[go-dependencies]
"github.com/spf13/cobra" = "^v1.8.0"
"github.com/sirupsen/logrus" = { version = "^v1.9", build-tags = ["json_logging"] }

[go]
go-version = "1.23"

[go.publish]
canonical-import-path = "github.com/example/my-mochi-lib"

[targets.c]
ffi = ["m"]
`;

function edit(from: string, to: string, text = BASE): string {
  if (!text.includes(from)) throw new Error(`test setup: ${JSON.stringify(from)} not in text`);
  return text.replace(from, to);
}

describe("a valid manifest", () => {
  it("parses the stale-check fixture to the exact typed structure", () => {
    const text = readFileSync(join(repoRoot, "fixtures/locks/stale-check/mochi.toml"), "utf8");
    const expected: Manifest = {
      package: {
        version: "0.1.0",
        edition: "2026",
        license: "Apache-2.0 OR MIT",
        authors: ["Ada <ada@example.com>", "Lin <lin@example.com>"],
        name: "@my/app",
        capabilities: ["fs.read", "net.dial"],
        targets: ["typescript", "c"],
      },
      dependencies: new Map([
        ["@mochi/json", { version: "^1.9" }],
        ["@my/parser", { path: "packages/parser" }],
        ["@forks/yaml", { git: "https://github.com/example/yaml.git", tag: "v3.0.0", optional: true }],
      ]),
      features: new Map([
        ["default", ["yaml"]],
        ["yaml", ["dep:@forks/yaml"]],
      ]),
      goDependencies: new Map([
        ["github.com/spf13/cobra", { version: "^v1.8.0" }],
        ["github.com/sirupsen/logrus", { version: "^v1.9", buildTags: ["json_logging"] }],
        ["example.com/private/lib", { version: "v0.3.0" }],
      ]),
      go: {
        goVersion: "1.23",
        buildTags: ["netgo", "json_logging"],
        goroutineBridge: { defaultBuffer: 1, maxHandles: 4096 },
        monomorphise: [
          { item: "encoding/json.Unmarshal", typeArgs: ["MyStruct"] },
          { item: "slices.Sort", typeArgs: ["int64"] },
        ],
        capabilities: { fs: true, net: false },
        private: { modules: ["example.com/private/*"] },
      },
      targets: new Map([["c", { ffi: ["m", "pthread"] }]]),
    };
    expect(parseManifest(text)).toStrictEqual(expected);
  });

  it("parses every table of docs/manifest.md", () => {
    const text = `[package]
name = "tool"
version = "2.0.0-rc.1+build.5"
description = "A tool"
repository = "https://github.com/example/tool"
homepage = "https://tool.example.com"
keywords = ["cli"]
readme = "docs/README.md"

[go-dependencies]
"example.com/a" = { path = "../a" }
"example.com/b" = { git = "git@github.com:example/b.git", rev = "abc123def4", build-tags = ["x"], replace = "../b-fork", indirect = true }
"example.com/c" = { git = "https://example.com/c", branch = "main", replace = "example.com/c-fork@v1.2.3" }
"example.com/d" = "latest"
"example.com/e" = "=v1.2.3"
"example.com/f" = ">=v1.2.0"

[go]
profile = "embedded"
build-tags = ["tinygo"]

[[go.monomorphise]]
item = "github.com/example/pair.Pair.Swap"
type-args = ["string", "int64"]

[go.capabilities]
cgo = true
unsafe = false

[go.private]
modules = ["*.corp.example.com", "github.com/acme/*"]
sumdb-skip = ["github.com/acme/[a-m]*"]

[go.publish]
canonical-import-path = "go.example.com/tool/v2"
go-version-floor = "1.21"
license = "GPL-2.0-or-later WITH Classpath-exception-2.0"
cgo-export = true

[go.publish.vanity]
repo = "https://github.com/example/tool"
vcs = "git"
root = "go.example.com/tool"
subdir = "go"

[targets.python]
overrides = { "src/x.mochi" = "src/x_python.mochi" }
`;
    const m = parseManifest(text);
    expect(m.goDependencies.get("example.com/b")).toStrictEqual({ git: "git@github.com:example/b.git", rev: "abc123def4", buildTags: ["x"], replace: "../b-fork", indirect: true });
    expect(m.goDependencies.get("example.com/c")).toStrictEqual({ git: "https://example.com/c", branch: "main", replace: "example.com/c-fork@v1.2.3" });
    expect(m.go).toStrictEqual({
      profile: "embedded",
      buildTags: ["tinygo"],
      monomorphise: [{ item: "github.com/example/pair.Pair.Swap", typeArgs: ["string", "int64"] }],
      capabilities: { cgo: true, unsafe: false },
      private: { modules: ["*.corp.example.com", "github.com/acme/*"], sumdbSkip: ["github.com/acme/[a-m]*"] },
      publish: {
        canonicalImportPath: "go.example.com/tool/v2",
        goVersionFloor: "1.21",
        license: "GPL-2.0-or-later WITH Classpath-exception-2.0",
        cgoExport: true,
        vanity: { repo: "https://github.com/example/tool", vcs: "git", root: "go.example.com/tool", subdir: "go" },
      },
    });
    expect(m.targets.get("python")).toStrictEqual({ overrides: new Map([["src/x.mochi", "src/x_python.mochi"]]) });
  });

  it("a workspace root may have no [package]", () => {
    const m = parseManifest('[workspace]\nmembers = ["packages/*"]\nexclude = ["packages/old"]\n[workspace.package]\nversion = "1.0.0"\nlicense = "MIT"\n[workspace.go-dependencies]\n"github.com/google/uuid" = "v1.6.0"\n');
    expect(m.package).toBeUndefined();
    expect(m.workspace).toStrictEqual({
      members: ["packages/*"],
      exclude: ["packages/old"],
      package: { version: "1.0.0", license: "MIT" },
      goDependencies: new Map([["github.com/google/uuid", { version: "v1.6.0" }]]),
    });
  });

  it("maps each Go capability onto MEP-57's vocabulary", () => {
    expect(Object.keys(GO_CAPABILITY_GRANTS).sort()).toEqual([...GO_CAPABILITIES]);
    for (const grants of Object.values(GO_CAPABILITY_GRANTS)) for (const c of grants) expect(MOCHI_CAPABILITIES).toContain(c);
    expect(GO_CAPABILITY_GRANTS).toEqual({ cgo: ["ffi"], fs: ["fs.read", "fs.write"], net: ["net.dial", "net.listen"], proc: ["proc.spawn"], unsafe: ["ffi"] });
  });

  it("splits monomorphise items at the first exported name of the last path element", () => {
    expect(splitGoItem("encoding/json.Unmarshal")).toEqual({ importPath: "encoding/json", names: ["Unmarshal"] });
    expect(splitGoItem("gopkg.in/yaml.v3.Marshal")).toEqual({ importPath: "gopkg.in/yaml.v3", names: ["Marshal"] });
    expect(splitGoItem("github.com/x/pair.Pair.Swap")).toEqual({ importPath: "github.com/x/pair", names: ["Pair", "Swap"] });
    expect(splitGoItem("sort.Slice")).toEqual({ importPath: "sort", names: ["Slice"] });
    expect(splitGoItem("encoding/json.unmarshal")).toBeUndefined();
    expect(splitGoItem("a.B.C.D")).toBeUndefined();
  });
});

/** [case, code, manifest text, where needle, offset]; `where` is the needle's position. */
const CASES: [string, string, string, string, number][] = [
  ["E001 syntax", "M057_MANIFEST_E001", edit('version = "0.1.0"', 'version = "0.1.0'), 'version = "0.1.0', 16],
  ["E002 unknown top-level key", "M057_MANIFEST_E002", edit("[go]\n", "[pakage]\nx = 1\n\n[go]\n"), "[pakage]", 0],
  ["E003 missing name", "M057_MANIFEST_E003", edit('name = "@my/app"\n', ""), "[package]", 0],
  ["E003 missing version", "M057_MANIFEST_E003", edit('version = "0.1.0"\n', ""), "[package]", 0],
  ["E003 no [package]", "M057_MANIFEST_E003", '[go]\ngo-version = "1.23"\n', "[go]", 0],
  ["E003 workspace root with dependencies", "M057_MANIFEST_E003", '[workspace]\nmembers = ["a"]\n\n[go-dependencies]\n"github.com/x/y" = "v1.0.0"\n', "[go-dependencies]", 0],
  ["E004 bad version requirement", "M057_MANIFEST_E004", edit('"^1.9"', '"^1.9.x.y"'), '"^1.9.x.y"', 0],
  ["E004 bad requirement in a table", "M057_MANIFEST_E004", edit('"@mochi/json" = "^1.9"', '"@mochi/json" = { version = ">= one" }'), '">= one"', 0],
  ["E005 bad SPDX", "M057_MANIFEST_E005", edit('version = "0.1.0"', 'version = "0.1.0"\nlicense = "MIT or Apache-2.0"'), '"MIT or', 0],
  ["E005 bad SPDX in go.publish", "M057_MANIFEST_E005", edit('canonical-import-path = "github.com/example/my-mochi-lib"', 'canonical-import-path = "github.com/example/my-mochi-lib"\nlicense = "(MIT"'), '"(MIT"', 0],
  ["E006 feature named like a dependency", "M057_MANIFEST_E006", edit('yaml = ["dep:@forks/yaml"]', 'json = []\nyaml = ["dep:@forks/yaml"]', edit('"@mochi/json" = "^1.9"', '"@mochi/json" = "^1.9"\njson = { path = "../json" }')), "json = []", 0],
  ["E007 bad edition", "M057_MANIFEST_E007", edit('version = "0.1.0"', 'version = "0.1.0"\nedition = "2024"'), '"2024"', 0],
  ["E009 workspace table inherits from itself", "M057_MANIFEST_E009", '[workspace]\nmembers = ["a"]\n[workspace.dependencies]\n"@mochi/json" = { workspace = true }\n', "workspace = true", 0],
  ["E009 workspace.package inherits from itself", "M057_MANIFEST_E009", '[workspace]\n[workspace.package]\nversion = { workspace = true }\n', "workspace = true", 0],
  ["E010 capability not in the closed set", "M057_MANIFEST_E010", edit('targets = ["typescript", "c"]', 'targets = ["typescript", "c"]\ncapabilities = ["fs.read", "gpu"]'), '"gpu"', 0],
  ["E010 unknown go capability", "M057_MANIFEST_E010", edit('go-version = "1.23"', 'go-version = "1.23"\ncapabilities = { net = true, gpu = true }'), "gpu = true", 0],
  ["E011 unknown target in [package]", "M057_MANIFEST_E011", edit('["typescript", "c"]', '["typescript", "cobol"]'), '"cobol"', 0],
  ["E011 unknown target table", "M057_MANIFEST_E011", edit("[targets.c]", "[targets.cobol]"), "[targets.cobol]", 0],
  ["E012 target the package does not build", "M057_MANIFEST_E012", edit("[targets.c]", "[targets.python]"), "[targets.python]", 0],
  ["E013 wrong type", "M057_MANIFEST_E013", edit('version = "0.1.0"', "version = 1"), "1\ntargets", 0],
  ["E013 float is not an integer", "M057_MANIFEST_E013", edit('go-version = "1.23"', 'go-version = "1.23"\ngoroutine-bridge = { max-handles = 4096.0 }'), "4096.0", 0],
  ["E014 unknown key in a table", "M057_MANIFEST_E014", edit('go-version = "1.23"', 'go-version = "1.23"\ngo-verison = "1.22"'), "go-verison", 0],
  ["E014 unknown key in a go dependency", "M057_MANIFEST_E014", edit('build-tags = ["json_logging"]', 'tags = ["json_logging"]'), "tags = [", 0],
  ["E015 bad package name", "M057_MANIFEST_E015", edit('name = "@my/app"', 'name = "My App"'), "name = ", 0],
  ["E015 bad dependency name", "M057_MANIFEST_E015", edit('"@mochi/json" = "^1.9"', '"@Mochi/JSON" = "^1.9"'), '"@Mochi', 0],
  ["E016 bad package version", "M057_MANIFEST_E016", edit('version = "0.1.0"', 'version = "1.0"'), '"1.0"', 0],
  ["E017 bad module path", "M057_MANIFEST_E017", edit('"github.com/spf13/cobra" = "^v1.8.0"', '"cobra" = "^v1.8.0"'), '"cobra"', 0],
  ["E017 bad canonical-import-path", "M057_MANIFEST_E017", edit('"github.com/example/my-mochi-lib"', '"github.com/Example/lib/"'), '"github.com/Example', 0],
  ["E018 bad Go requirement", "M057_MANIFEST_E018", edit('"^v1.8.0"', '"^1.8.0"'), '"^1.8.0"', 0],
  ["E018 non-canonical Go version", "M057_MANIFEST_E018", edit('"^v1.8.0"', '"v1.08.0"'), '"v1.08.0"', 0],
  ["E019 two sources", "M057_MANIFEST_E019", edit('"^v1.8.0"', '{ version = "v1.8.0", path = "../cobra" }'), '"github.com/spf13/cobra"', 0],
  ["E019 no source", "M057_MANIFEST_E019", edit('"^v1.8.0"', '{ indirect = true }'), '"github.com/spf13/cobra"', 0],
  ["E019 tag without git", "M057_MANIFEST_E019", edit('"^v1.8.0"', '{ version = "v1.8.0", tag = "v1.8.0" }'), 'tag = "v1.8.0"', 0],
  ["E019 two git refs", "M057_MANIFEST_E019", edit('tag = "v3.0.0"', 'tag = "v3.0.0", branch = "main"'), "branch", 0],
  ["E020 bad build tag", "M057_MANIFEST_E020", edit('["json_logging"]', '["json-logging"]'), '"json-logging"', 0],
  ["E021 bad go-version", "M057_MANIFEST_E021", edit('"1.23"', '"1.x"'), '"1.x"', 0],
  ["E022 integer out of range", "M057_MANIFEST_E022", edit('go-version = "1.23"', 'go-version = "1.23"\ngoroutine-bridge = { max-handles = 0 }'), "0 }", 0],
  ["E023 item not exported", "M057_MANIFEST_E023", edit('go-version = "1.23"', 'go-version = "1.23"\nmonomorphise = [{ item = "encoding/json.unmarshal", type-args = ["T"] }]'), '"encoding/json.unmarshal"', 0],
  ["E023 empty type-args", "M057_MANIFEST_E023", edit('go-version = "1.23"', 'go-version = "1.23"\nmonomorphise = [{ item = "slices.Sort", type-args = [] }]'), "[] }", 0],
  ["E023 listed twice", "M057_MANIFEST_E023", edit('go-version = "1.23"', 'go-version = "1.23"\nmonomorphise = [{ item = "slices.Sort", type-args = ["int"] }, { item = "slices.Sort", type-args = ["int"] }]'), '{ item = "slices.Sort", type-args = ["int"] }]', 0],
  ["E024 publish without canonical-import-path", "M057_MANIFEST_E024", edit('canonical-import-path = "github.com/example/my-mochi-lib"', 'cgo-export = true'), "[go.publish]", 0],
  ["E024 monomorphise without item", "M057_MANIFEST_E024", edit('go-version = "1.23"', 'go-version = "1.23"\nmonomorphise = [{ type-args = ["int"] }]'), '{ type-args', 0],
  ["E025 bad private glob", "M057_MANIFEST_E025", edit('go-version = "1.23"', 'go-version = "1.23"\nprivate = { modules = ["github.com/[acme"] }'), '"github.com/[acme"', 0],
  ["E026 workspace member outside", "M057_MANIFEST_E026", `${BASE}\n[workspace]\nmembers = ["packages/*", "../outside"]\n`, '"../outside"', 0],
  ["E027 unknown profile", "M057_MANIFEST_E027", edit('go-version = "1.23"', 'go-version = "1.23"\nprofile = "tiny"'), '"tiny"', 0],
  ["E027 workspace = false", "M057_MANIFEST_E027", edit('"@mochi/json" = "^1.9"', '"@mochi/json" = { workspace = false }'), "false", 0],
  ["E028 vanity root mismatch", "M057_MANIFEST_E028", `${BASE}\n[go.publish.vanity]\nrepo = "https://github.com/example/lib"\nroot = "go.example.com/lib"\n`, '"go.example.com/lib"', 0],
  ["E029 bad git URL", "M057_MANIFEST_E029", edit('git = "https://github.com/example/yaml.git"', 'git = "github.com/example/yaml"'), '"github.com/example/yaml"', 0],
  ["E029 vanity repo not https", "M057_MANIFEST_E029", `${BASE}\n[go.publish.vanity]\nrepo = "http://github.com/example/lib"\n`, '"http://github.com/example/lib"', 0],
  ["E030 bad replace", "M057_MANIFEST_E030", edit('build-tags = ["json_logging"]', 'replace = "github.com/x/logrus"'), '"github.com/x/logrus"', 0],
  ["E031 feature enables a non-optional dependency", "M057_MANIFEST_E031", edit('yaml = ["dep:@forks/yaml"]', 'yaml = ["dep:@forks/yaml", "dep:@mochi/json"]'), '"dep:@mochi/json"', 0],
  ["E031 feature enables an unknown feature", "M057_MANIFEST_E031", edit('yaml = ["dep:@forks/yaml"]', 'yaml = ["dep:@forks/yaml", "toml"]'), '"toml"', 0],
  ["E032 bad dependency path", "M057_MANIFEST_E032", edit('"@mochi/json" = "^1.9"', '"@mochi/json" = { path = "C:\\\\json" }'), '"C:', 0],
  ["E032 readme outside the package", "M057_MANIFEST_E032", edit('version = "0.1.0"', 'version = "0.1.0"\nreadme = "../README.md"'), '"../README.md"', 0],
  ["E033 bad git tag", "M057_MANIFEST_E033", edit('tag = "v3.0.0"', 'tag = "-v3 0"'), '"-v3 0"', 0],
  ["E033 bad git rev", "M057_MANIFEST_E033", edit('tag = "v3.0.0"', 'rev = "abc"'), '"abc"', 0],
  ["E034 bad feature name", "M057_MANIFEST_E034", edit('yaml = ["dep:@forks/yaml"]', 'Yaml = ["dep:@forks/yaml"]'), "Yaml", 0],
];

describe("every manifest rule has its code and position", () => {
  it.each(CASES)("%s", (_name, code, text, needle, offset) => {
    const e = caught(() => parseManifest(text));
    expect(e.code, e.message).toBe(code);
    expect(e.where).toBe(at(text, needle, offset));
  });

  it("all 34 codes except E008 (workspace.test.ts) are reached here", () => {
    const codes = new Set(CASES.map((c) => c[1]));
    const expected = Array.from({ length: 34 }, (_, i) => `M057_MANIFEST_E${String(i + 1).padStart(3, "0")}`).filter((c) => c !== "M057_MANIFEST_E008");
    expect([...codes].sort()).toEqual(expected);
  });

  it("the file name appears in positions, and bytes must be UTF-8 (E001)", () => {
    expect(caught(() => parseManifest(edit('"1.23"', '"1.x"'), { file: "apps/x/mochi.toml" })).where).toBe(at(edit('"1.23"', '"1.x"'), '"1.x"', 0, "apps/x/mochi.toml"));
    expect(caught(() => parseManifest(new Uint8Array([0x5b, 0xff, 0x5d])))).toMatchObject({ code: "M057_MANIFEST_E001", where: "mochi.toml" });
    expect(parseManifest(new TextEncoder().encode(BASE))).toStrictEqual(parseManifest(BASE));
  });

  it("messages quote the offending value and say what is expected", () => {
    expect(caught(() => parseManifest(edit('"^v1.8.0"', '"^1.8.0"'))).detail).toBe('"^1.8.0" is not a Go version requirement: after ^ write vMAJOR[.MINOR[.PATCH]], e.g. ^v1.8.0');
    expect(caught(() => parseManifest(edit('version = "0.1.0"', "version = 1"))).detail).toBe("package.version must be a string, not an integer");
    expect(caught(() => parseManifest(edit('go-version = "1.23"', 'go-version = "1.23"\ngo-verison = "1.22"'))).detail).toBe(
      'unknown key "go-verison" in go; allowed: build-tags, capabilities, go-version, goroutine-bridge, monomorphise, private, profile, publish',
    );
  });
});
