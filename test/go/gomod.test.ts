import { describe, expect, it } from "vitest";
import { MochiError } from "../../core/src/errors.js";
import { isDirectoryPath, isRetracted, parseGoMod } from "../../core/src/go/gomod.js";
import { loadVector } from "../vectors.js";
import { thrown } from "../support/errors.js";

/** The MochiError a call throws (fails the test if it returns). */

const strict = (text: string) => parseGoMod(text);
const lax = (text: string) => parseGoMod(text, "go.mod", { lax: true });

describe("real-world go.mod files", () => {
  it("github.com/google/uuid: module line only", () => {
    const f = strict("module github.com/google/uuid\n");
    expect(f.module).toEqual({ path: "github.com/google/uuid", pos: { line: 1, col: 1 } });
    expect(f.go).toBeUndefined();
    expect(f.require).toEqual([]);
  });

  it("github.com/spf13/cobra: a require block", () => {
    const f = strict(`module github.com/spf13/cobra

go 1.15

require (
	github.com/cpuguy83/go-md2man/v2 v2.0.3
	github.com/inconshreveable/mousetrap v1.1.0
	github.com/spf13/pflag v1.0.5
	gopkg.in/yaml.v3 v3.0.1
)
`);
    expect(f.go).toBe("1.15");
    expect(f.require.map((r) => [r.path, r.version, r.indirect])).toEqual([
      ["github.com/cpuguy83/go-md2man/v2", "v2.0.3", false],
      ["github.com/inconshreveable/mousetrap", "v1.1.0", false],
      ["github.com/spf13/pflag", "v1.0.5", false],
      ["gopkg.in/yaml.v3", "v3.0.1", false],
    ]);
    expect(f.require[0]!.pos).toEqual({ line: 6, col: 2 });
    expect(f.require[3]!.pos).toEqual({ line: 9, col: 2 });
  });

  it("github.com/stretchr/testify: comments above the go line are not a deprecation", () => {
    const f = strict(`module github.com/stretchr/testify

// This should match the minimum supported version that is tested in
// .github/workflows/main.yml
go 1.17

require (
	github.com/davecgh/go-spew v1.1.1
	github.com/pmezard/go-difflib v1.0.0
	github.com/stretchr/objx v0.5.2
	gopkg.in/yaml.v3 v3.0.1
)
`);
    expect(f.module.deprecated).toBeUndefined();
    expect(f.go).toBe("1.17");
    expect(f.require.map((r) => r.path)).toEqual([
      "github.com/davecgh/go-spew",
      "github.com/pmezard/go-difflib",
      "github.com/stretchr/objx",
      "gopkg.in/yaml.v3",
    ]);
  });

  it("golang.org/x/mod: direct and indirect blocks, a non-indirect comment", () => {
    const f = strict(`module golang.org/x/mod

go 1.23.0

require golang.org/x/tools v0.30.0 // tagx:ignore

require golang.org/x/sync v0.11.0 // indirect
`);
    expect(f.go).toBe("1.23.0");
    expect(f.require).toEqual([
      { path: "golang.org/x/tools", version: "v0.30.0", indirect: false, pos: { line: 5, col: 1 } },
      { path: "golang.org/x/sync", version: "v0.11.0", indirect: true, pos: { line: 7, col: 1 } },
    ]);
  });

  it("a Go 1.21+ main module: toolchain and godebug", () => {
    const f = strict(`module example.com/app

go 1.21.0

toolchain go1.22.1

godebug (
	default=go1.21
	panicnil=1
)

godebug httpmuxgo121=0
`);
    expect(f.go).toBe("1.21.0");
    expect(f.toolchain).toBe("go1.22.1");
    expect(f.godebug).toEqual([
      { key: "default", value: "go1.21", pos: { line: 8, col: 2 } },
      { key: "panicnil", value: "1", pos: { line: 9, col: 2 } },
      { key: "httpmuxgo121", value: "0", pos: { line: 12, col: 1 } },
    ]);
  });

  it("a Go 1.24 module with a tool and indirect requirements", () => {
    const f = strict(`module example.com/gen

go 1.24

tool golang.org/x/tools/cmd/stringer

require (
	golang.org/x/mod v0.22.0 // indirect
	golang.org/x/sync v0.10.0 // indirect
	golang.org/x/tools v0.29.0 // indirect
)
`);
    expect(f.tool).toEqual([{ path: "golang.org/x/tools/cmd/stringer", pos: { line: 5, col: 1 } }]);
    expect(f.require.every((r) => r.indirect)).toBe(true);
  });

  it("a kubernetes-style staging layout: v0.0.0 requirements replaced by directories", () => {
    const f = strict(`module k8s.io/kubernetes

go 1.22.0

require (
	github.com/Azure/azure-sdk-for-go v36.0.0+incompatible
	github.com/docker/docker v24.0.7+incompatible // indirect
	gopkg.in/check.v1 v0.0.0-20161208181325-20d25e280405 // indirect
	k8s.io/api v0.0.0
	k8s.io/apimachinery v0.0.0
)

replace (
	k8s.io/api => ./staging/src/k8s.io/api
	k8s.io/apimachinery => ./staging/src/k8s.io/apimachinery
)
`);
    expect(f.require.map((r) => r.version)).toEqual([
      "v36.0.0+incompatible",
      "v24.0.7+incompatible",
      "v0.0.0-20161208181325-20d25e280405",
      "v0.0.0",
      "v0.0.0",
    ]);
    expect(f.replace).toEqual([
      { old: { path: "k8s.io/api" }, new: { path: "./staging/src/k8s.io/api" }, pos: { line: 14, col: 2 } },
      { old: { path: "k8s.io/apimachinery" }, new: { path: "./staging/src/k8s.io/apimachinery" }, pos: { line: 15, col: 2 } },
    ]);
  });

  it("a GOPATH-era main module path without a dot, replaced locally", () => {
    const f = strict(`module myapp

go 1.20

require example/local v0.0.0

replace example/local => ../local
`);
    expect(f.module.path).toBe("myapp");
    expect(f.require[0]!.path).toBe("example/local");
    expect(f.replace[0]!.new).toEqual({ path: "../local" });
  });
});

describe("published go.mod files (dirhash.json go_mod_hashes)", () => {
  const dirhash = loadVector("dirhash.json");
  it.each(dirhash.go_mod_hashes.cases.map((c: { module: string; version: string }) => [`${c.module}@${c.version}`, c]))("%s", (_name, c) => {
    for (const f of [strict(c.go_mod), lax(c.go_mod)]) {
      expect(f.module.path).toBe(c.module);
      for (const r of f.require) expect(r.version).toMatch(/^v/);
    }
  });

  it("rsc.io/quote v1.5.2: quoted module and requirement paths", () => {
    const c = dirhash.go_mod_hashes.cases.find((x: { module: string }) => x.module === "rsc.io/quote");
    expect(strict(c.go_mod).require).toEqual([{ path: "rsc.io/sampler", version: "v1.3.0", indirect: false, pos: { line: 3, col: 1 } }]);
  });
});

describe("directive forms", () => {
  it("module: quoted path, block form, CRLF line ends", () => {
    expect(strict('module "example.com/quoted"\n').module.path).toBe("example.com/quoted");
    expect(strict("module (\n\texample.com/block\n)\n").module).toEqual({ path: "example.com/block", pos: { line: 2, col: 2 } });
    const f = strict("module example.com/crlf\r\n\r\ngo 1.21\r\nrequire example.com/a v1.0.0 // indirect\r\n");
    expect(f.module.path).toBe("example.com/crlf");
    expect(f.go).toBe("1.21");
    expect(f.require[0]!.indirect).toBe(true);
  });

  it("module: // Deprecated: above, after, in paragraphs", () => {
    expect(strict("// Deprecated: use example.com/mod/v2 instead.\nmodule example.com/mod\n").module.deprecated).toBe(
      "use example.com/mod/v2 instead.",
    );
    expect(strict("module example.com/mod // Deprecated: gone\n").module.deprecated).toBe("gone");
    const para = "// This module is old.\n//\n// Deprecated: use example.com/new.\n// It has moved.\n//\n// Other text.\nmodule example.com/mod\n";
    expect(strict(para).module.deprecated).toBe("use example.com/new.\nIt has moved.");
    // Not at a paragraph start, or detached by a blank line: not a deprecation.
    expect(strict("// Foo Deprecated: no\nmodule example.com/mod\n").module.deprecated).toBeUndefined();
    expect(strict("// Deprecated: detached\n\nmodule example.com/mod\n").module.deprecated).toBeUndefined();
    expect(strict("// Deprecated:\nmodule example.com/mod\n").module.deprecated).toBeUndefined();
    // In a block the block's comment counts when the line has none.
    expect(strict("// Deprecated: block\nmodule (\n\texample.com/mod\n)\n").module.deprecated).toBe("block");
    // Dependencies' deprecations are read in lax mode too.
    expect(lax("// Deprecated: lax\nmodule example.com/mod\n").module.deprecated).toBe("lax");
  });

  it("go: every accepted version form", () => {
    for (const v of ["1.21", "1.21.0", "1.21rc1", "1.21.0rc1", "1.0", "10.100.1000"]) {
      expect(strict(`module example.com/m\ngo ${v}\n`).go, v).toBe(v);
    }
  });

  it("go: lax mode salvages what an older or newer Go wrote", () => {
    expect(lax("module example.com/m\ngo 1.19_3\n").go).toBe("1.19");
    expect(lax("module example.com/m\ngo v1.21.x\n").go).toBe("1.21");
    expect(thrown(() => lax("module example.com/m\ngo 1\n")).code).toBe("M074_GOMOD_E014");
  });

  it("toolchain: go1.N.P, go1.21rc1, default", () => {
    for (const t of ["go1.21.0", "go1.21rc1", "go1", "default", "go1.22.1-custom"]) {
      expect(strict(`module example.com/m\ntoolchain ${t}\n`).toolchain, t).toBe(t);
    }
  });

  it("require: canonicalises versions, quoted arguments, indirect comment variants", () => {
    const f = strict(`module example.com/m
require (
	example.com/a v1.2
	"example.com/b" "v1.0.0+meta"
	example.com/c v1.0.0 //indirect
	example.com/d v1.0.0 // indirect; needed by e
	example.com/e v1.0.0 // indirect stuff
	example.com/f v1.0.0 // not indirect
	example.com/g v1.0.0-pre+incompatible
)
`);
    expect(f.require.map((r) => [r.path, r.version, r.indirect])).toEqual([
      ["example.com/a", "v1.2.0", false],
      ["example.com/b", "v1.0.0", false],
      ["example.com/c", "v1.0.0", true],
      ["example.com/d", "v1.0.0", true],
      ["example.com/e", "v1.0.0", false],
      ["example.com/f", "v1.0.0", false],
      ["example.com/g", "v1.0.0-pre+incompatible", false],
    ]);
  });

  it("require: gopkg.in .vN paths, .v1 with a v0.0.0 pseudo-version, /vN with +incompatible rules", () => {
    const f = strict(`module example.com/m
require gopkg.in/yaml.v2 v2.4.0
require gopkg.in/check.v1 v0.0.0-20161208181325-20d25e280405
require gopkg.in/errgo.v0 v0.1.0
require github.com/docker/docker v24.0.7+incompatible
require example.com/x/v3 v3.1.0
`);
    expect(f.require.map((r) => r.version)).toEqual(["v2.4.0", "v0.0.0-20161208181325-20d25e280405", "v0.1.0", "v24.0.7+incompatible", "v3.1.0"]);
  });

  it("require: duplicates are kept as written (MVS takes the highest)", () => {
    const f = strict("module example.com/m\nrequire example.com/a v1.0.0\nrequire example.com/a v1.1.0\n");
    expect(f.require.map((r) => r.version)).toEqual(["v1.0.0", "v1.1.0"]);
  });

  it("exclude: line and block", () => {
    const f = strict("module example.com/m\nexclude golang.org/x/net v1.2.3\nexclude (\n\tgolang.org/x/crypto v1.4.5\n\tgolang.org/x/text v1.6.7\n)\n");
    expect(f.exclude).toEqual([
      { path: "golang.org/x/net", version: "v1.2.3", pos: { line: 2, col: 1 } },
      { path: "golang.org/x/crypto", version: "v1.4.5", pos: { line: 4, col: 2 } },
      { path: "golang.org/x/text", version: "v1.6.7", pos: { line: 5, col: 2 } },
    ]);
  });

  it("replace: every old/new combination, Windows and rooted directories", () => {
    const f = strict(`module example.com/m
replace golang.org/x/net v1.2.3 => example.com/fork/net v1.4.5
replace (
	golang.org/x/crypto => example.com/fork/crypto v1.4.5
	golang.org/x/text v1.2.3 => ./fork/text
	golang.org/x/sys => ../sys
	golang.org/x/term => /abs/term
	golang.org/x/time => C:\\src\\time
	golang.org/x/sync => .\\sync
	golang.org/x/exp => .
)
`);
    expect(f.replace.map((r) => [r.old, r.new])).toEqual([
      [{ path: "golang.org/x/net", version: "v1.2.3" }, { path: "example.com/fork/net", version: "v1.4.5" }],
      [{ path: "golang.org/x/crypto" }, { path: "example.com/fork/crypto", version: "v1.4.5" }],
      [{ path: "golang.org/x/text", version: "v1.2.3" }, { path: "./fork/text" }],
      [{ path: "golang.org/x/sys" }, { path: "../sys" }],
      [{ path: "golang.org/x/term" }, { path: "/abs/term" }],
      [{ path: "golang.org/x/time" }, { path: "C:\\src\\time" }],
      [{ path: "golang.org/x/sync" }, { path: ".\\sync" }],
      [{ path: "golang.org/x/exp" }, { path: "." }],
    ]);
  });

  it("replace: the same replacement twice is fine; different versions of one module are separate", () => {
    const f = strict(`module example.com/m
replace example.com/a => ../a
replace example.com/a => ../a
replace example.com/b v1.0.0 => ../b1
replace example.com/b v1.1.0 => ../b2
replace example.com/b => ../b
`);
    expect(f.replace).toHaveLength(5);
  });

  it("isDirectoryPath: Unix and Windows spellings", () => {
    for (const p of [".", "..", "./x", "../x", ".\\x", "..\\x", "/x", "\\x", "C:\\x", "c:/x"]) expect(isDirectoryPath(p), p).toBe(true);
    for (const p of ["x", "example.com/x", ".x", "..x", "1:x", ""]) expect(isDirectoryPath(p), p).toBe(false);
  });

  it("retract: single versions, intervals, rationales", () => {
    const f = strict(`module example.com/m

go 1.16

// Remote-triggered crash in package foo. See CVE-2021-01234.
retract v1.0.5

retract [v1.0.0, v1.0.3] // Published accidentally.

retract (
	v1.0.1 // Contains retractions only.

	// Broken build.
	// Do not use.

	v1.1.0
	v1.2
	[v1.3.0, v1.3.9]
)
`);
    expect(f.retract.map((r) => [r.low, r.high, r.rationale])).toEqual([
      ["v1.0.5", "v1.0.5", "Remote-triggered crash in package foo. See CVE-2021-01234."],
      ["v1.0.0", "v1.0.3", "Published accidentally."],
      ["v1.0.1", "v1.0.1", "Contains retractions only."],
      ["v1.1.0", "v1.1.0", "Broken build.\nDo not use."],
      ["v1.2.0", "v1.2.0", ""],
      ["v1.3.0", "v1.3.9", ""],
    ]);
    expect(f.retract[0]!.pos).toEqual({ line: 6, col: 1 });
  });

  it("retract: lines without comments take the block's comment (above or after ')')", () => {
    const above = strict("module example.com/m\n// Block reason.\nretract (\n\tv1.0.0\n\tv1.1.0 // own\n)\n");
    expect(above.retract.map((r) => r.rationale)).toEqual(["Block reason.", "own"]);
    const after = strict("module example.com/m\nretract (\n\tv1.0.0\n) // after\n");
    expect(after.retract[0]!.rationale).toBe("after");
    const lparen = strict("module example.com/m\nretract ( // on the paren\n\tv1.0.0\n)\n");
    expect(lparen.retract[0]!.rationale).toBe("");
  });

  it("isRetracted: closed intervals", () => {
    const f = strict("module example.com/m\nretract v1.0.5\nretract [v1.1.0, v1.2.0]\n");
    expect(isRetracted(f, "v1.0.5")).toBe(true);
    expect(isRetracted(f, "v1.0.4")).toBe(false);
    expect(isRetracted(f, "v1.1.0")).toBe(true);
    expect(isRetracted(f, "v1.1.5-pre")).toBe(true);
    expect(isRetracted(f, "v1.2.0")).toBe(true);
    expect(isRetracted(f, "v1.2.1")).toBe(false);
    expect(isRetracted(f, "v1.0.99")).toBe(false);
  });

  it("ignore: line and block", () => {
    const f = strict("module example.com/m\nignore ./node_modules\nignore (\n\tstatic\n\t\"./with space\"\n)\n");
    expect(f.ignore.map((i) => i.path)).toEqual(["./node_modules", "static", "./with space"]);
  });

  it("empty blocks and '( )' inside a line", () => {
    const f = strict("module example.com/m\nrequire ()\nreplace (\n)\n");
    expect(f.require).toEqual([]);
    expect(f.replace).toEqual([]);
    expect(thrown(() => strict("module example.com/m\nrequire example.com/a ( ) v1.0.0\n")).code).toBe("M074_GOMOD_E009");
  });

  it("the module line may come anywhere; comments and blank lines everywhere", () => {
    const f = strict("// header\n\nrequire example.com/a v1.0.0 // c\n\n\n// lead\nmodule example.com/m // trailing\n// end\n");
    expect(f.module.path).toBe("example.com/m");
    expect(f.module.pos).toEqual({ line: 7, col: 1 });
    expect(f.require).toHaveLength(1);
  });

  it("identifiers may run into comments; ',' is a token; non-ASCII letters are identifier characters", () => {
    expect(strict("module example.com//m\n").module.path).toBe("example.com");
    expect(thrown(() => strict("module example.com/m\ngodebug a=1,b=2\n")).code).toBe("M074_GOMOD_E009");
    const f = strict("module example.com/m//comment\nignore ./données\n");
    expect(f.module.path).toBe("example.com/m");
    expect(f.ignore[0]!.path).toBe("./données");
  });

  it("quoted strings: escapes decode", () => {
    expect(strict('module example.com/m\nignore "./a\\tb"\n').ignore[0]!.path).toBe("./a\tb");
    expect(strict('module example.com/m\nignore "./\\u00e9\\x41\\101\\"\\\\"\n').ignore[0]!.path).toBe('./éAA"\\');
    expect(strict('module example.com/m\nignore "./\\U0001F600"\n').ignore[0]!.path).toBe("./😀");
  });

  it("lax mode: only module, go, require, retract and ignore count", () => {
    const f = lax(`module example.com/dep
go 1.22
toolchain something-else
godebug not valid
frobnicate all the things
future (
	anything
)
replace whatever => nonsense
exclude example.com/x bad
tool ok
require example.com/a v1.0.0
retract (v1.0.0, v2.0.0)
retract v0.9.0 extra tokens
ignore ./x
`);
    expect(f.module.path).toBe("example.com/dep");
    expect(f.toolchain).toBeUndefined();
    expect(f.godebug).toEqual([]);
    expect(f.replace).toEqual([]);
    expect(f.exclude).toEqual([]);
    expect(f.tool).toEqual([]);
    expect(f.require.map((r) => r.path)).toEqual(["example.com/a"]);
    expect(f.retract.map((r) => r.low)).toEqual(["v0.9.0"]);
    expect(f.ignore.map((i) => i.path)).toEqual(["./x"]);
    // Requirements are still checked in dependencies.
    expect(thrown(() => lax("module example.com/dep\nrequire example.com/a v2.0.0\n")).code).toBe("M074_GOMOD_E019");
  });

  it("the filename names the place of every error", () => {
    const e = thrown(() => parseGoMod("module example.com/m\n\n  frob x\n", "dep/go.mod"));
    expect(e.code).toBe("M074_GOMOD_E006");
    expect(e.where).toBe("dep/go.mod:3:3");
  });
});

describe("every error code", () => {
  const cases: [string, string, string, string?][] = [
    ["M074_GOMOD_E001", "control character", "module example.com/m\n\x01\n", "go.mod:2:1"],
    ["M074_GOMOD_E001", "byte-order mark", "\ufeffmodule example.com/m\n", "go.mod:1:1"],
    ["M074_GOMOD_E001", "zero-width space inside a token", "module example.com/m\u200b\n", "go.mod:1:21"],
    ["M074_GOMOD_E001", "vertical tab", "module example.com/m\v\n"],
    ["M074_GOMOD_E002", "block comment", "module example.com/m\n/* no */\n", "go.mod:2:1"],
    ["M074_GOMOD_E002", "block comment inside a token", "module example.com/m/*x*/\n", "go.mod:1:21"],
    ["M074_GOMOD_E003", "string to EOF", 'module "example.com/m', "go.mod:1:8"],
    ["M074_GOMOD_E003", "newline in string", 'module "example.com/m\n"\n', "go.mod:1:22"],
    ["M074_GOMOD_E003", "raw string to EOF", "module `example.com/m"],
    ["M074_GOMOD_E004", "unterminated block", "module example.com/m\nrequire (\n\texample.com/a v1.0.0\n", "go.mod:2:1"],
    ["M074_GOMOD_E005", "text after ')'", "module example.com/m\nrequire (\n\texample.com/a v1.0.0\n) x\n", "go.mod:4:3"],
    ["M074_GOMOD_E006", "unknown directive", "module example.com/m\nfrobnicate x\n", "go.mod:2:1"],
    ["M074_GOMOD_E006", "unknown directive in first position", "modules example.com/m\n"],
    ["M074_GOMOD_E006", "stray ')' at top level", "module example.com/m\n)\n"],
    ["M074_GOMOD_E007", "block with two tokens", "module example.com/m\nrequire example.com/a (\n)\n", "go.mod:2:1"],
    ["M074_GOMOD_E007", "go block", "module example.com/m\ngo (\n\t1.21\n)\n"],
    ["M074_GOMOD_E008", "raw string", "module `example.com/m`\n"],
    ["M074_GOMOD_E008", "single quotes", "module 'example.com/m'\n"],
    ["M074_GOMOD_E008", "quote inside a word", 'module example.com/"m"\n'],
    ["M074_GOMOD_E008", "unknown escape", 'module "example.com/\\q"\n'],
    ["M074_GOMOD_E008", "\\' in a double-quoted string", "module \"example.com/\\'\"\n"],
    ["M074_GOMOD_E008", "escaped newline", 'module "example.com/\\\nm"\n'],
    ["M074_GOMOD_E008", "bad octal", 'module "\\400"\n'],
    ["M074_GOMOD_E008", "surrogate \\u", 'module "\\ud800"\n'],
    ["M074_GOMOD_E008", "invalid UTF-8 from \\x", 'module "\\xff"\n'],
    ["M074_GOMOD_E008", "quoted version", "module example.com/m\nrequire example.com/a `v1.0.0`\n"],
    ["M074_GOMOD_E009", "module without path", "module\n", "go.mod:1:1"],
    ["M074_GOMOD_E009", "module with two paths", "module example.com/a example.com/b\n"],
    ["M074_GOMOD_E009", "go without version", "module example.com/m\ngo\n"],
    ["M074_GOMOD_E009", "toolchain with two names", "module example.com/m\ntoolchain go1.21.0 go1.22.0\n"],
    ["M074_GOMOD_E009", "godebug with two settings", "module example.com/m\ngodebug a=1 b=2\n"],
    ["M074_GOMOD_E009", "require without version", "module example.com/m\nrequire example.com/a\n"],
    ["M074_GOMOD_E009", "exclude with three words", "module example.com/m\nexclude example.com/a v1.0.0 x\n"],
    ["M074_GOMOD_E009", "replace without arrow", "module example.com/m\nreplace example.com/a v1.0.0 example.com/b v1.0.0\n"],
    ["M074_GOMOD_E009", "replace with nothing after arrow", "module example.com/m\nreplace example.com/a =>\n"],
    ["M074_GOMOD_E009", "replace with arrow glued", "module example.com/m\nreplace example.com/a=>../a\n"],
    ["M074_GOMOD_E009", "tool without path", "module example.com/m\ntool\n"],
    ["M074_GOMOD_E009", "ignore with two paths", "module example.com/m\nignore ./a ./b\n"],
    ["M074_GOMOD_E010", "no module line", "go 1.21\nrequire example.com/a v1.0.0\n", "go.mod"],
    ["M074_GOMOD_E010", "empty file", ""],
    ["M074_GOMOD_E011", "two module lines", "module example.com/a\nmodule example.com/b\n", "go.mod:2:1"],
    ["M074_GOMOD_E012", "module path with // (quoted: unquoted, // starts a comment)", 'module "example.com//m"\n'],
    ["M074_GOMOD_E012", "module path with a trailing slash", "module example.com/m/\n"],
    ["M074_GOMOD_E012", "module path with a space (quoted)", 'module "example.com/m n"\n'],
    ["M074_GOMOD_E012", "require path with /v1", "module example.com/m\nrequire example.com/a/v1 v1.0.0\n"],
    ["M074_GOMOD_E012", "require path with leading dash", "module example.com/m\nrequire -x v1.0.0\n"],
    ["M074_GOMOD_E012", "gopkg.in without .vN", "module example.com/m\nrequire gopkg.in/yaml v1.0.0\n"],
    ["M074_GOMOD_E012", "replace old path invalid", "module example.com/m\nreplace example.com/a/v0 => ../a\n"],
    ["M074_GOMOD_E012", "replacement module path invalid", "module example.com/m\nreplace example.com/a => \"example.com//b\" v1.0.0\n"],
    ["M074_GOMOD_E012", "tool path invalid", "module example.com/m\ntool example.com/a/\n"],
    ["M074_GOMOD_E013", "two go lines", "module example.com/m\ngo 1.20\ngo 1.21\n", "go.mod:3:1"],
    ["M074_GOMOD_E014", "leading zero", "module example.com/m\ngo 1.021\n"],
    ["M074_GOMOD_E014", "v prefix", "module example.com/m\ngo v1.21\n"],
    ["M074_GOMOD_E014", "go prefix", "module example.com/m\ngo go1.21\n"],
    ["M074_GOMOD_E014", "major only", "module example.com/m\ngo 1\n"],
    ["M074_GOMOD_E014", "four parts", "module example.com/m\ngo 1.21.0.0\n"],
    ["M074_GOMOD_E014", "dash prerelease", "module example.com/m\ngo 1.21-rc1\n"],
    ["M074_GOMOD_E014", "quoted", 'module example.com/m\ngo "1.21"\n'],
    ["M074_GOMOD_E015", "two toolchain lines", "module example.com/m\ntoolchain go1.21.0\ntoolchain go1.22.0\n"],
    ["M074_GOMOD_E016", "toolchain without go", "module example.com/m\ntoolchain 1.21.0\n"],
    ["M074_GOMOD_E016", "toolchain local", "module example.com/m\ntoolchain local\n"],
    ["M074_GOMOD_E016", "toolchain go2", "module example.com/m\ntoolchain go2.0\n"],
    ["M074_GOMOD_E017", "godebug without =", "module example.com/m\ngodebug panicnil\n"],
    ["M074_GOMOD_E017", "godebug with quotes", 'module example.com/m\ngodebug a="1"\n'],
    ["M074_GOMOD_E018", "version without v", "module example.com/m\nrequire example.com/a 1.0.0\n"],
    ["M074_GOMOD_E018", "branch name", "module example.com/m\nrequire example.com/a master\n"],
    ["M074_GOMOD_E018", "exclude bad version", "module example.com/m\nexclude example.com/a v1.0.0.0\n"],
    ["M074_GOMOD_E018", "replace old bad version", "module example.com/m\nreplace example.com/a latest => ../a\n"],
    ["M074_GOMOD_E018", "replace new bad version", "module example.com/m\nreplace example.com/a => example.com/b v1\n".replace("v1", "1.0")],
    ["M074_GOMOD_E018", "retract bad version", "module example.com/m\nretract v1.0.0.0\n"],
    ["M074_GOMOD_E019", "v2 without /v2", "module example.com/m\nrequire example.com/a v2.0.0\n"],
    ["M074_GOMOD_E019", "/v2 with v1", "module example.com/m\nrequire example.com/a/v2 v1.0.0\n"],
    ["M074_GOMOD_E019", "gopkg.in major mismatch", "module example.com/m\nrequire gopkg.in/yaml.v2 v3.0.0\n"],
    ["M074_GOMOD_E019", "replace old version major mismatch", "module example.com/m\nreplace example.com/a v2.0.0 => ../a\n"],
    ["M074_GOMOD_E020", "replacement module without version", "module example.com/m\nreplace example.com/a => example.com/b\n"],
    ["M074_GOMOD_E021", "replacement path@version", "module example.com/m\nreplace example.com/a => example.com/b@v1.0.0\n"],
    ["M074_GOMOD_E022", "directory with a version", "module example.com/m\nreplace example.com/a => ../a v1.0.0\n"],
    ["M074_GOMOD_E023", "retract without version", "module example.com/m\nretract\n"],
    ["M074_GOMOD_E023", "open interval", "module example.com/m\nretract (v1.0.0, v1.1.0)\n"],
    ["M074_GOMOD_E023", "missing comma", "module example.com/m\nretract [v1.0.0 v1.1.0]\n"],
    ["M074_GOMOD_E023", "nothing after [", "module example.com/m\nretract [\n"],
    ["M074_GOMOD_E023", "nothing after ,", "module example.com/m\nretract [v1.0.0,\n"],
    ["M074_GOMOD_E023", "no ]", "module example.com/m\nretract [v1.0.0, v1.1.0\n"],
    ["M074_GOMOD_E024", "text after the version", "module example.com/m\nretract v1.0.0 because\n"],
    ["M074_GOMOD_E024", "text after the interval", "module example.com/m\nretract [v1.0.0, v1.1.0] x\n"],
    ["M074_GOMOD_E025", "conflicting replacements", "module example.com/m\nreplace example.com/a => ../a\nreplace example.com/a => ../b\n", "go.mod:3:1"],
    ["M074_GOMOD_E025", "conflicting versioned replacements", "module example.com/m\nreplace example.com/a v1.0.0 => example.com/b v1.0.0\nreplace example.com/a v1.0.0 => example.com/b v1.1.0\n"],
  ];
  it.each(cases)("%s: %s", (code, _name, text, where) => {
    const e = thrown(() => strict(text));
    expect(e.code).toBe(code);
    if (where !== undefined) expect(e.where).toBe(where);
  });

  it("every M074_GOMOD code is reachable", () => {
    const codes = new Set(cases.map((c) => c[0]));
    expect([...codes].sort()).toEqual(Array.from({ length: 25 }, (_, i) => `M074_GOMOD_E${String(i + 1).padStart(3, "0")}`));
  });

  it("messages quote what was wrong", () => {
    expect(thrown(() => strict("module example.com/m\nrequire example.com/a master\n")).detail).toContain('"master"');
    expect(thrown(() => strict("module example.com/m\ngo 1.021\n")).detail).toContain('"1.021"');
    expect(thrown(() => strict("module example.com/m\nfrob\n")).detail).toContain('"frob"');
  });
});
