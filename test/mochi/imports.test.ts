// Import statements: the compiler's rules (P064, P067, P068, the default
// alias) and mochi-pkg's (P072-P085), scanImports and version specs.
import { describe, expect, it } from "vitest";
import { defaultAlias, goImportRef, hasGoSemverPin, isGoModulePath } from "../../core/src/mochi/go-import.js";
import { checkImports, scanImports, type GoImport } from "../../core/src/mochi/imports.js";
import { parse } from "../../core/src/mochi/parser.js";
import { isVersionSpecError, parseVersionSpec, rangeAllows, type VersionSpec } from "../../core/src/mochi/version-spec.js";

const deps: Record<string, string> = {
  "github.com/spf13/cobra": "^v1.8.0",
  "github.com/google/uuid": "v1.6.0",
  "gopkg.in/yaml.v3": "v3.0.1",
  "example.com/bad": "v1.2.3.4",
  "example.com/query": "master",
  "example.com/v2only/v2": "v1.0.0",
};
const lookup = (m: string): string | undefined => deps[m];

/** Code, 1-based line:col-col and message of each import diagnostic. */
function scan(src: string, withLookup = true): { imports: readonly GoImport[]; diags: string[] } {
  const r = scanImports(src, "main.mochi", withLookup ? { lookup } : {});
  return { imports: r.imports, diags: r.diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.col}-${d.span.end.col} ${d.message}`) };
}

describe("the compiler's go import rules (go_import.go)", () => {
  it("HasGoSemverPin: the path contains @", () => {
    expect(["fmt", "net/http", "github.com/spf13/cobra", "github.com/spf13/cobra@v1.8.0", "x@"].map(hasGoSemverPin)).toEqual(
      [false, false, false, true, true]);
  });

  it("GoImportRef: splits at the first @; both sides non-empty; a conservative module path; no whitespace", () => {
    const cases: [string, { module: string; version: string } | undefined][] = [
      ["github.com/spf13/cobra@v1.8.0", { module: "github.com/spf13/cobra", version: "v1.8.0" }],
      ["gopkg.in/yaml.v3@v3.0.1", { module: "gopkg.in/yaml.v3", version: "v3.0.1" }],
      ["golang.org/x/tools@latest", { module: "golang.org/x/tools", version: "latest" }],
      ["example.com/m@git+ssh://git@example.com/m.git#v1", { module: "example.com/m", version: "git+ssh://git@example.com/m.git#v1" }],
      ["example.com/m@^v1.8", { module: "example.com/m", version: "^v1.8" }],
      ["example.com/m@garbage", { module: "example.com/m", version: "garbage" }],
      ["foo/bar@v1.0.0", undefined],
      ["github.com/spf13/cobra@", undefined],
      ["@v1.0.0", undefined],
      ["github.com/spf13/cobra", undefined],
      ["github.com//cobra@v1", undefined],
      ["github.com/-x/cobra@v1", undefined],
      ["github.com/x/../y@v1", undefined],
      ["github.com/x y@v1", undefined],
      ["github.com/spf13/cobra@v1 .0", undefined],
      ["github.com/spf13/cobra@v1\t", undefined],
      ["github.com/spf!3/cobra@v1", undefined],
    ];
    for (const [path, want] of cases) expect(goImportRef(path), path).toEqual(want);
  });

  it("IsGoModulePath: the first segment needs a dot", () => {
    expect(["github.com/a/b", "a.b", "gopkg.in/yaml.v3", "x~y.io/z_z", "foo/bar", "fmt", "a.b/", "A.b/C"].map(isGoModulePath)).toEqual(
      [true, true, true, true, false, false, false, true]);
  });

  it("the default alias is the last /-segment minus its final .ext", () => {
    expect(["github.com/google/uuid", "gopkg.in/yaml.v3", "os.path", "./lib/helpers.mochi", "fmt", "a/b.c.d", "x/.hidden"].map(defaultAlias)).toEqual(
      ["uuid", "yaml", "os", "helpers", "fmt", "b.c", ".hidden"]);
  });

  it("P067 with the reference's message verbatim, on the path string", () => {
    const d = parse('import go "foo/bar@v1.0.0" as bar').diagnostics;
    expect(d.map((x) => [x.code, x.message, x.span.start.col, x.span.end.col])).toEqual([
      ["P067", 'go import path "foo/bar@v1.0.0" with `@` pin is not in `<module>@<semver>` form', 11, 27],
    ]);
    expect(d[0]!.help).toContain('import go "github.com/spf13/cobra@v1.8.0" as cobra');
    expect(parse('import go "github.com/spf13/cobra@" as c').diagnostics.map((x) => x.code)).toEqual(["P067"]);
  });

  it("P068 with the reference's message verbatim", () => {
    const d = parse('import go "github.com/spf13/cobra@v1.8.0"').diagnostics;
    expect(d.map((x) => [x.code, x.message])).toEqual([["P068", 'go import "github.com/spf13/cobra@v1.8.0" with `@` pin requires `as <alias>`']]);
  });

  it("unpinned paths are never P067/P068, with or without a dot", () => {
    expect(parse('import go "fmt"\nimport go "net/http"\nimport go "github.com/spf13/cobra"').diagnostics).toEqual([]);
  });

  it("P064 for an unknown or miscased language; no language is a Mochi import", () => {
    expect(parse('import Go "fmt"\nimport javascript "x" as x\nimport "./lib" as lib').diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["P064", 'unknown import language "Go"'], ["P064", 'unknown import language "javascript"'],
    ]);
  });
});

describe("scanImports", () => {
  it("returns the go imports with module, version, spec, alias and spans", () => {
    const src = [
      'import go "github.com/spf13/cobra@v1.8.0" as cobra',
      'import go "github.com/google/uuid" as uuid auto',
      'import go "gopkg.in/yaml.v3/internal" as yamlint',
      'import go "net/http"',
      'import python "math" as math',
      "fun f(): int {",
      '  import go "golang.org/x/text@v0.0.0-20240102150405-abcdef123456" as text',
      "  return 1",
      "}",
    ].join("\n");
    const r = scanImports(src, "src/main.mochi", { lookup });
    expect(r.file).toBe("src/main.mochi");
    expect(r.diagnostics).toEqual([]);
    expect(r.imports.map((i) => [i.path, i.module, i.version, i.source, i.alias, i.aliasExplicit, i.auto, i.spec?.kind])).toEqual([
      ["github.com/spf13/cobra", "github.com/spf13/cobra", "v1.8.0", "pin", "cobra", true, false, "exact"],
      ["github.com/google/uuid", "github.com/google/uuid", "v1.6.0", "manifest", "uuid", true, true, "exact"],
      ["gopkg.in/yaml.v3/internal", "gopkg.in/yaml.v3", "v3.0.1", "manifest", "yamlint", true, false, "exact"],
      ["net/http", "std", undefined, "std", "http", false, false, undefined],
      ["golang.org/x/text", "golang.org/x/text", "v0.0.0-20240102150405-abcdef123456", "pin", "text", true, false, "exact"],
    ]);
    expect(r.imports[4]!.spec).toEqual({ kind: "exact", version: "v0.0.0-20240102150405-abcdef123456", pseudo: true });
    expect(r.imports[0]!.span).toEqual({ start: { offset: 0, line: 1, col: 1 }, end: { offset: 50, line: 1, col: 51 } });
    expect(r.imports[0]!.pathSpan).toEqual({ start: { offset: 10, line: 1, col: 11 }, end: { offset: 41, line: 1, col: 42 } });
  });

  it("works on a file that does not parse as a whole", () => {
    const src = 'let broken = (\nimport go "github.com/spf13/cobra@v1.8.0" as cobra\nfun ( {\nimport go "github.com/google/uuid" as uuid';
    const r = scanImports(src, "x.mochi", { lookup });
    expect(r.imports.map((i) => i.alias)).toEqual(["cobra", "uuid"]);
    expect(r.diagnostics).toEqual([]);
  });

  it("reports syntax errors inside import statements, and only those", () => {
    expect(scan('import go\nlet x = (\nimport go "fmt\\q" as f').diags).toEqual([
      'P001@2:1-4 unexpected keyword "let", expected a string',
      'P073@3:11-18 go import "fmt\\\\q": invalid import path: character "\\\\" is not allowed in import path element "fmt\\\\q"',
      "P041@3:15-17 invalid escape sequence \\q in string literal",
    ]);
  });

  it("without a lookup, bare module paths stay unresolved and silent", () => {
    const r = scan('import go "github.com/spf13/cobra" as cobra', false);
    expect(r.diags).toEqual([]);
    expect(r.imports.map((i) => [i.module, i.source, i.version])).toEqual([["github.com/spf13/cobra", "unresolved", undefined]]);
  });

  it("manifest versions are queries and ranges too", () => {
    const r = scan('import go "github.com/spf13/cobra/doc" as doc');
    expect(r.imports[0]!.spec).toEqual({ kind: "range", constraints: [{ op: ">=", version: "v1.8.0" }, { op: "<", version: "v2.0.0-0" }] });
  });
});

describe("mochi-pkg import diagnostics", () => {
  it("P072: a module path checkPath refuses, with its reason, underlining the module", () => {
    expect(scan('import go "github.com/x/aux@v1.0.0" as a\nimport go "Example.com/m@v1.0.0" as b\nimport go "example.com/m/v1@v1.0.0" as c').diags).toEqual([
      'P072@1:12-28 go import "github.com/x/aux@v1.0.0": invalid module path: path element "aux": "aux" is a reserved device name on Windows',
      'P072@2:12-25 go import "Example.com/m@v1.0.0": invalid module path: character "E" is not allowed in first path element "Example.com"',
      'P072@3:12-28 go import "example.com/m/v1@v1.0.0": invalid module path: major-version suffix "/v1" is not allowed (v0 and v1 use the bare path)',
    ]);
  });

  it("P073: an unpinned import path checkImportPath refuses", () => {
    expect(scan('import go "github.com/a//b" as b').diags).toEqual([
      'P073@1:11-28 go import "github.com/a//b": invalid import path: double slash \'//\'',
    ]);
  });

  it("P074: an invalid version, with semver's reason, underlining the version", () => {
    expect(scan('import go "example.com/m@v1.2.3.4" as m\nimport go "example.com/n@v01.2.3" as n\nimport go "example.com/o@v1.2.3+meta" as o').diags).toEqual([
      'P074@1:26-34 go import "example.com/m@v1.2.3.4": invalid version "v1.2.3.4": unexpected ".4" after "v1.2.3"',
      'P074@2:26-33 go import "example.com/n@v01.2.3": invalid version "v01.2.3": major number "01" has a leading zero',
      'P074@3:26-37 go import "example.com/o@v1.2.3+meta": invalid version "v1.2.3+meta": "v1.2.3+meta" is not a canonical version; did you mean v1.2.3?',
    ]);
  });

  it("P075: an invalid query (parseQuery's reason)", () => {
    expect(scan('import go "example.com/m@master" as m\nimport go "example.com/n@>=1.0.0" as n\nimport go "example.com/o@upgrade" as o').diags.map((d) => d.split(" ").slice(0, 1)[0])).toEqual(
      ["P075@1:26-32", "P075@2:26-33", "P075@3:26-33"]);
  });

  it("P076: an invalid range", () => {
    expect(scan('import go "example.com/m@^1.2" as m\nimport go "example.com/n@>=v1.0.0,v2" as n').diags).toEqual([
      'P076@1:26-30 go import "example.com/m@^1.2": invalid version range "^1.2": "1.2" after ^ is not a version: a version must start with \'v\'',
      'P076@2:26-37 go import "example.com/n@>=v1.0.0,v2": invalid version range ">=v1.0.0,v2": "v2" is not a comparison such as >=v1.2.0 or <v2',
    ]);
  });

  it("P077: an invalid git+ or path+ source", () => {
    expect(scan('import go "example.com/m@git+nope" as m\nimport go "example.com/n@path+/abs" as n').diags.map((d) => d.slice(0, 12))).toEqual(
      ["P077@1:26-34", "P077@2:26-35"]);
  });

  it("P078: a version that does not fit the major-version suffix", () => {
    expect(scan('import go "github.com/go-chi/chi/v5@v4.0.0" as chi\nimport go "github.com/x/y@v2.0.0" as y').diags).toEqual([
      'P078@1:37-43 go import "github.com/go-chi/chi/v5@v4.0.0": version "v4.0.0" should be v5, not v4, for path major "/v5"',
      'P078@2:27-33 go import "github.com/x/y@v2.0.0": version "v2.0.0" should be v0 or v1 (or carry +incompatible), not v2, for path major ""',
    ]);
    expect(scan('import go "github.com/x/y@v2.0.0+incompatible" as y').diags).toEqual([]);
  });

  it("bad [go-dependencies] versions are reported at the import, with a note", () => {
    const r = scanImports('import go "example.com/bad" as bad\nimport go "example.com/query" as q\nimport go "example.com/v2only/v2" as v', "m.mochi", { lookup });
    expect(r.diagnostics.map((d) => [d.code, d.notes[0]?.message])).toEqual([
      ["P074", '[go-dependencies] gives example.com/bad the version "v1.2.3.4"'],
      ["P075", '[go-dependencies] gives example.com/query the version "master"'],
      ["P078", '[go-dependencies] gives example.com/v2only/v2 the version "v1.0.0"'],
    ]);
  });

  it("P079: a bare module that [go-dependencies] does not list", () => {
    const r = scanImports('import go "github.com/nobody/nothing" as n', "m.mochi", { lookup });
    expect(r.diagnostics.map((d) => [d.code, d.message, d.help])).toEqual([[
      "P079", 'go import "github.com/nobody/nothing" has no version and [go-dependencies] does not list its module',
      'pin it in the import (`import go "github.com/nobody/nothing@v1.2.3" as alias`) or add it to [go-dependencies] with `mochi-pkg add go github.com/nobody/nothing`',
    ]]);
  });

  it("P080: the same import twice; P081: an alias bound to two imports", () => {
    const src = 'import go "fmt"\nimport go "fmt"\nimport go "strings" as s\nimport python "string" as s\nimport "./lib" as lib\nfun f() { import go "os" as lib }';
    const r = scanImports(src, "m.mochi", { lookup });
    expect(r.diagnostics.map((d) => [d.code, d.message, d.span.start.line, d.notes[0]?.span?.start.line])).toEqual([
      ["P080", 'duplicate import of "fmt" as fmt', 2, 1],
      ["P081", "import alias s is already bound to another import", 4, 3],
      ["P081", "import alias lib is already bound to another import", 6, 5],
    ]);
  });

  it("P082: one module pinned at two versions (not also P080)", () => {
    const r = scan('import go "github.com/a/b@v1.0.0" as b\nimport go "github.com/a/b@v1.1.0" as b\nimport go "github.com/a/b/sub@v1.0.0" as sub');
    expect(r.diags).toEqual([
      'P082@2:11-34 go module "github.com/a/b" is imported at "v1.1.0" here but at "v1.0.0" elsewhere in this file',
    ]);
  });

  it("P083: an alias that shadows a builtin function (warning)", () => {
    const r = scanImports('import go "strconv" as str\nimport go "sort" as len', "m.mochi");
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ["P083", "warning", "import alias str shadows the builtin function str"],
      ["P083", "warning", "import alias len shadows the builtin function len"],
    ]);
  });

  it("P084: a default alias that is not an identifier; P085: a default alias that is /vN", () => {
    const r = scanImports('import go "github.com/mattn/go-sqlite3"\nimport go "github.com/go-chi/chi/v5"\nimport go "example.com/x/type"', "m.mochi");
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message, d.help])).toEqual([
      ["P084", "warning", 'import "github.com/mattn/go-sqlite3" without `as` binds "go-sqlite3", which is not a Mochi identifier',
        "the default alias is the last path element minus its extension; name the binding with `as <alias>`"],
      ["P085", "warning", 'import "github.com/go-chi/chi/v5" without `as` binds v5, the major-version suffix', "name the binding with `as <alias>`, e.g. `as chi`"],
      ["P084", "warning", 'import "example.com/x/type" without `as` binds "type", which is not a Mochi identifier',
        "the default alias is the last path element minus its extension; name the binding with `as <alias>`"],
    ]);
  });

  it("a module path with escapes is reported on the whole literal", () => {
    const r = scan('import go "github.com/x/\\u0041ux@v1.0.0" as a');
    expect(r.diags[0]!.slice(0, 13)).toBe("P072@1:11-41 ");
  });

  it("checkImports works on an already parsed program", () => {
    const { program } = parse('import go "github.com/spf13/cobra@v1.8.0" as cobra');
    expect(checkImports(program).imports.map((i) => i.module)).toEqual(["github.com/spf13/cobra"]);
  });
});

describe("version specs", () => {
  const ok = (text: string): VersionSpec => {
    const s = parseVersionSpec(text);
    if (isVersionSpecError(s)) throw new Error(`${text}: ${s.why}`);
    return s;
  };
  const bounds = (text: string): string => {
    const s = ok(text);
    return s.kind === "range" ? s.constraints.map((c) => `${c.op}${c.version}`).join(" ") : s.kind;
  };

  it("exact versions and pseudo-versions", () => {
    expect(ok("v1.8.0")).toEqual({ kind: "exact", version: "v1.8.0", pseudo: false });
    expect(ok("v2.0.0+incompatible")).toEqual({ kind: "exact", version: "v2.0.0+incompatible", pseudo: false });
    expect(ok("v1.2.4-0.20240102150405-abcdef123456")).toEqual({ kind: "exact", version: "v1.2.4-0.20240102150405-abcdef123456", pseudo: true });
  });

  it("go queries", () => {
    expect(["latest", "v1", "v1.2", ">=v1.2.0", "<v2"].map((t) => ok(t))).toEqual([
      { kind: "query", query: { kind: "latest" } },
      { kind: "query", query: { kind: "prefix", prefix: "v1" } },
      { kind: "query", query: { kind: "prefix", prefix: "v1.2" } },
      { kind: "query", query: { kind: "compare", op: ">=", version: "v1.2.0" } },
      { kind: "query", query: { kind: "compare", op: "<", version: "v2" } },
    ]);
  });

  it("caret and tilde ranges keep the leftmost non-zero part / the minor", () => {
    expect(["^v1.8.0", "^v1.8", "^v1", "^v0.3.1", "^v0.3", "^v0.0.3", "^v0.0", "^v0", "^v1.2.3-rc.1"].map(bounds)).toEqual([
      ">=v1.8.0 <v2.0.0-0", ">=v1.8.0 <v2.0.0-0", ">=v1.0.0 <v2.0.0-0", ">=v0.3.1 <v0.4.0-0", ">=v0.3.0 <v0.4.0-0",
      ">=v0.0.3 <v0.0.4-0", ">=v0.0.0 <v0.1.0-0", ">=v0.0.0 <v1.0.0-0", ">=v1.2.3-rc.1 <v2.0.0-0",
    ]);
    expect(["~v1.2.3", "~v1.2", "~v1", "~v0.0.1"].map(bounds)).toEqual([
      ">=v1.2.3 <v1.3.0-0", ">=v1.2.0 <v1.3.0-0", ">=v1.0.0 <v2.0.0-0", ">=v0.0.1 <v0.1.0-0",
    ]);
    expect(bounds("^v99999999999999999999.0.0")).toBe(">=v99999999999999999999.0.0 <v100000000000000000000.0.0-0");
  });

  it("comparison sets joined by commas", () => {
    expect(bounds(">=v1.2.0,<v2.0.0")).toBe(">=v1.2.0 <v2.0.0");
    expect(bounds(">= v1.2, <= v1.5.0")).toBe(">=v1.2.0 <=v1.5.0");
  });

  it("rangeAllows applies every constraint, excluding prereleases of the upper bound", () => {
    const r = ok("^v1.8.0");
    if (r.kind !== "range") throw new Error("not a range");
    expect(["v1.8.0", "v1.9.9", "v1.8.0-rc.1", "v2.0.0-rc.1", "v2.0.0", "v1.7.9", "junk"].map((v) => rangeAllows(r.constraints, v))).toEqual(
      [true, true, false, false, false, false, false]);
  });

  it("git+ and path+ sources", () => {
    expect(ok("git+https://example.com/r.git#v1.2.3")).toEqual({ kind: "git", url: "https://example.com/r.git", rev: "v1.2.3" });
    expect(ok("git+git@github.com:o/r.git")).toEqual({ kind: "git", url: "git@github.com:o/r.git" });
    expect(ok("path+../local")).toEqual({ kind: "path", path: "../local" });
  });

  it("says why, and which form it read", () => {
    const cases: [string, string, string][] = [
      ["", "version", "empty version"],
      ["v1.2.3.4", "version", 'unexpected ".4" after "v1.2.3"'],
      ["master", "query", '"master" is not a version or version query'],
      ["patch", "query", 'the query "patch" is relative to a version already in use'],
      ["^v1.2.3+meta", "range", '"v1.2.3+meta" after ^ carries build metadata, which a range cannot match'],
      ["~x", "range", '"x" after ~ is not a version: a version must start with \'v\''],
      [">=v1,junk", "range", '"junk" is not a comparison such as >=v1.2.0 or <v2'],
      [">=v1,<vx", "range", '"vx" in "<vx" is not a version: expected a decimal major number at offset 1, found "x"'],
      ["git+https://x.com/r#bad rev", "source", 'revision "bad rev" after # must be a tag, branch or commit name'],
      ["path+", "source", "empty path after path+"],
      ["path+C:/x", "source", '"C:/x" must be a relative path with forward slashes'],
    ];
    for (const [text, form, why] of cases) expect(parseVersionSpec(text), text).toEqual({ form, why });
  });
});
