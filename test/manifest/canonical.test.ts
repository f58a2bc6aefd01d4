// The canonical manifest form and manifest_hash: layout, comments, key order,
// spelling (string vs table, dotted vs inline) and set order do not change
// the hash; every semantic change does. The canonical text is itself a
// manifest that parses back to the same canonical text.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hashing } from "../../core/src/hashing.js";
import { canonicalManifest, manifestHash, parseManifest } from "../../core/src/manifest/index.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import { repoRoot } from "../vectors.js";

const fixture = (name: string): string => readFileSync(join(repoRoot, "fixtures/locks/stale-check", name), "utf8");

let hashing: Hashing;
let kernels: Hashing;
beforeAll(async () => {
  hashing = await nodeHashing();
  kernels = await kernelsHashing();
});

const BASE = `[package]
name = "@my/app"
version = "0.1.0"
authors = ["Ada", "Lin"]
capabilities = ["fs.read"]

[dependencies]
"@mochi/json" = "^1.9"
"@forks/yaml" = { git = "https://github.com/example/yaml.git", tag = "v3.0.0", optional = true }

[features]
yaml = ["dep:@forks/yaml"]

[go-dependencies]
"github.com/spf13/cobra" = "^v1.8.0"
"github.com/sirupsen/logrus" = { version = "^v1.9", build-tags = ["json_logging", "netgo"] }

[go]
go-version = "1.23"
monomorphise = [{ item = "github.com/x/pair.Map", type-args = ["string", "int64"] }]
`;

const hashOf = (text: string): string => manifestHash(parseManifest(text), hashing);

describe("canonical form", () => {
  it("is this exact text for the stale-check manifest", () => {
    expect(canonicalManifest(parseManifest(fixture("mochi.toml")))).toBe(`[dependencies."@forks/yaml"]
git = "https://github.com/example/yaml.git"
optional = true
tag = "v3.0.0"

[dependencies."@mochi/json"]
version = "^1.9"

[dependencies."@my/parser"]
path = "packages/parser"

[features]
default = ["yaml"]
yaml = ["dep:@forks/yaml"]

[go]
build-tags = ["json_logging", "netgo"]
go-version = "1.23"

[go.capabilities]
fs = true
net = false

[go.goroutine-bridge]
default-buffer = 1
max-handles = 4096

[[go.monomorphise]]
item = "encoding/json.Unmarshal"
type-args = ["MyStruct"]

[[go.monomorphise]]
item = "slices.Sort"
type-args = ["int64"]

[go.private]
modules = ["example.com/private/*"]

[go-dependencies."example.com/private/lib"]
version = "v0.3.0"

[go-dependencies."github.com/sirupsen/logrus"]
build-tags = ["json_logging"]
version = "^v1.9"

[go-dependencies."github.com/spf13/cobra"]
version = "^v1.8.0"

[package]
authors = ["Ada <ada@example.com>", "Lin <lin@example.com>"]
capabilities = ["fs.read", "net.dial"]
edition = "2026"
license = "Apache-2.0 OR MIT"
name = "@my/app"
targets = ["c", "typescript"]
version = "0.1.0"

[targets.c]
ffi = ["m", "pthread"]
`);
  });

  it("manifest reordered keys: the reordered fixture has the same canonical text and hash", () => {
    const a = parseManifest(fixture("mochi.toml"));
    const b = parseManifest(fixture("mochi.reordered.toml"));
    expect(canonicalManifest(b)).toBe(canonicalManifest(a));
    expect(manifestHash(b, hashing)).toBe(manifestHash(a, hashing));
    expect(manifestHash(a, hashing)).toMatch(/^blake3-256:[0-9a-f]{64}$/);
  });

  it("the changed fixture has another hash", () => {
    expect(hashOf(fixture("mochi.changed.toml"))).not.toBe(hashOf(fixture("mochi.toml")));
  });

  it("is a fixed point: the canonical text parses back to itself", () => {
    for (const text of [BASE, fixture("mochi.toml"), '[workspace]\nmembers = ["b", "a"]\n[workspace.package]\nversion = "1.0.0"\n']) {
      const canonical = canonicalManifest(parseManifest(text));
      expect(canonicalManifest(parseManifest(canonical))).toBe(canonical);
    }
  });

  it("keeps inherited markers and empty feature lists", () => {
    const text = '[package]\nname = "m"\nversion = { workspace = true }\n[dependencies]\n"@a/b" = { workspace = true, optional = true }\n[features]\ndefault = []\nb = ["dep:@a/b"]\n';
    expect(canonicalManifest(parseManifest(text))).toBe(
      '[dependencies."@a/b"]\noptional = true\nworkspace = true\n\n[features]\nb = ["dep:@a/b"]\ndefault = []\n\n[package]\nname = "m"\n\n[package.version]\nworkspace = true\n',
    );
  });

  it("both hashings give the same manifest hash", () => {
    const m = parseManifest(BASE);
    expect(manifestHash(m, kernels)).toBe(manifestHash(m, hashing));
  });
});

describe("what changes the hash", () => {
  const same: [string, string][] = [
    ["comments and blank lines", `# header\n\n${BASE.replace('"^1.9"', '"^1.9"   # json')}\n\n# end\n`],
    ["CRLF line endings", BASE.replace(/\n/g, "\r\n")],
    ["key order inside a table", BASE.replace('name = "@my/app"\nversion = "0.1.0"', 'version = "0.1.0"\nname = "@my/app"')],
    ["table order", BASE.replace(/\[features\]\nyaml = \["dep:@forks\/yaml"\]\n\n/, "") + '\n[features]\nyaml = ["dep:@forks/yaml"]\n'],
    ["string form vs table form", BASE.replace('"github.com/spf13/cobra" = "^v1.8.0"', '"github.com/spf13/cobra" = { version = "^v1.8.0" }')],
    ["inline vs dotted vs sub-table", BASE.replace('"@forks/yaml" = { git = "https://github.com/example/yaml.git", tag = "v3.0.0", optional = true }', '"@forks/yaml".git = "https://github.com/example/yaml.git"\n"@forks/yaml".tag = "v3.0.0"\n"@forks/yaml".optional = true')],
    ["set order and duplicates (build tags)", BASE.replace('["json_logging", "netgo"]', '["netgo", "json_logging", "netgo"]')],
    ["literal vs basic strings", BASE.replace('go-version = "1.23"', "go-version = '1.23'")],
    ["an empty table is the same as none", `${BASE}\n[go.capabilities]\n`],
  ];
  const different: [string, string][] = [
    ["the package version", BASE.replace('version = "0.1.0"', 'version = "0.1.1"')],
    ["a dependency requirement", BASE.replace('"^1.9"', '"^1.10"')],
    ["a go dependency version", BASE.replace('"^v1.8.0"', '"^v1.8.1"')],
    ["a build tag", BASE.replace('"netgo"]', '"osusergo"]')],
    ["a git tag", BASE.replace('tag = "v3.0.0"', 'tag = "v3.0.1"')],
    ["a capability", BASE.replace('["fs.read"]', '["fs.read", "fs.write"]')],
    ["author order (an ordered list)", BASE.replace('["Ada", "Lin"]', '["Lin", "Ada"]')],
    ["type-args order", BASE.replace('["string", "int64"]', '["int64", "string"]')],
    ["an explicit value equal to a default", BASE.replace('go-version = "1.23"', 'go-version = "1.23"\nprofile = "standard"')],
    ["a new feature", BASE.replace('yaml = ["dep:@forks/yaml"]', 'yaml = ["dep:@forks/yaml"]\nfull = ["yaml"]')],
  ];

  it.each(same)("not: %s", (_name, text) => {
    expect(text).not.toBe(BASE);
    expect(hashOf(text)).toBe(hashOf(BASE));
  });

  it("non-NFC: a decomposed author equals the composed one", () => {
    expect(hashOf(BASE.replace('"Ada"', '"Ade\u0301le"'))).toBe(hashOf(BASE.replace('"Ada"', '"Ad\u00e9le"')));
  });

  it.each(different)("yes: %s", (_name, text) => {
    expect(hashOf(text)).not.toBe(hashOf(BASE));
  });
});

describe("workspace manifest hash", () => {
  const member = (v: string) => ({ path: "packages/a", manifest: parseManifest(`[package]\nname = "a"\nversion = "${v}"\n`) });
  const other = { path: "packages/b", manifest: parseManifest('[package]\nname = "b"\nversion = "1.0.0"\n') };
  const root = () => parseManifest('[workspace]\nmembers = ["packages/*"]\n');

  it("covers the members, in any order, and changes with any member", () => {
    const h = manifestHash(root(), hashing, [member("1.0.0"), other]);
    expect(manifestHash(root(), hashing, [other, member("1.0.0")])).toBe(h);
    expect(manifestHash(root(), hashing, [member("1.0.1"), other])).not.toBe(h);
    expect(manifestHash(root(), hashing, [member("1.0.0")])).not.toBe(h);
    expect(manifestHash(root(), hashing, [])).toBe(manifestHash(root(), hashing));
    expect(manifestHash(root(), hashing, [{ ...other, path: "packages/c" }, member("1.0.0")])).not.toBe(h);
  });
});
