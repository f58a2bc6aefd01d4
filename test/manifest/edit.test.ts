// addGoDependency / removeGoDependency on messy, real-looking manifests: the
// user's comments, spacing, quoting, order and line endings survive; only
// the dependency's own text changes. Outputs are compared byte for byte.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isValidPath } from "../../core/src/go/modpath.js";
import { addGoDependency, formatGoDependency, parseManifest, removeGoDependency } from "../../core/src/manifest/index.js";
import { caught } from "./helpers.js";

const APP = `# My app. Keep this comment.
[package]
name    = "@my/app"     # aligned, on purpose
version = "0.1.0"

[go-dependencies]
# CLI
"github.com/spf13/cobra" = "^v1.8.0"
# logging
"go.uber.org/zap" = "v1.27.0"   # structured

[go]
go-version = "1.23"
`;

describe("addGoDependency", () => {
  it("inserts at the sorted place, above the comment that belongs to the next entry", () => {
    expect(addGoDependency(APP, "github.com/google/uuid", "v1.6.0")).toBe(
      APP.replace("# CLI\n", '"github.com/google/uuid" = "v1.6.0"\n# CLI\n'),
    );
  });

  it("appends after the last entry when the new module sorts last (UTF-8 order: go.uber.org < golang.org)", () => {
    expect(addGoDependency(APP, "golang.org/x/sync", { version: "v0.7.0", buildTags: ["b", "a"] })).toBe(
      APP.replace('# structured\n', '# structured\n"golang.org/x/sync" = { version = "v0.7.0", build-tags = ["b", "a"] }\n'),
    );
  });

  it("keeps an unsorted table's order and appends at its end", () => {
    const text = '[package]\nname = "a"\nversion = "1.0.0"\n\n[go-dependencies]\n"go.uber.org/zap" = "v1.27.0"\n"github.com/spf13/cobra" = "v1.8.0"\n\n[go]\ngo-version = "1.22"\n';
    expect(addGoDependency(text, "github.com/aaa/first", "v1.0.0")).toBe(text.replace('"v1.8.0"\n', '"v1.8.0"\n"github.com/aaa/first" = "v1.0.0"\n'));
  });

  it("replaces an existing entry's value in place, keeping its trailing comment", () => {
    expect(addGoDependency(APP, "go.uber.org/zap", { version: "^v1.27.0", replace: "../zap-fork" })).toBe(
      APP.replace('"go.uber.org/zap" = "v1.27.0"   # structured', '"go.uber.org/zap" = { version = "^v1.27.0", replace = "../zap-fork" }   # structured'),
    );
  });

  it("copies the neighbour's spacing and indentation", () => {
    const text = '[package]\nname="a"\nversion="1.0.0"\n[go-dependencies]\n  "github.com/a/a"="v1.0.0"\n  "github.com/c/c"   =   "v1.0.0"\n';
    expect(addGoDependency(text, "github.com/b/b", "v2.0.0")).toBe(text.replace('  "github.com/c/c"', '  "github.com/b/b"   =   "v2.0.0"\n  "github.com/c/c"'));
    expect(addGoDependency(text, "github.com/d/d", "v2.0.0")).toBe(`${text}  "github.com/d/d"   =   "v2.0.0"\n`);
  });

  it("creates the table at the end of a CRLF file without a final newline, in CRLF", () => {
    const text = '[package]\r\nname = "a"\r\nversion = "1.0.0"\r\n\r\n[go]\r\n\tgo-version = "1.23"';
    expect(addGoDependency(text, "github.com/google/uuid", "v1.6.0")).toBe(`${text}\r\n\r\n[go-dependencies]\r\n"github.com/google/uuid" = "v1.6.0"\r\n`);
  });

  it("creates the table after a blank line that is already there", () => {
    const text = '[package]\nname = "a"\nversion = "1.0.0"\n\n';
    expect(addGoDependency(text, "github.com/google/uuid", "v1.6.0")).toBe(`${text}[go-dependencies]\n"github.com/google/uuid" = "v1.6.0"\n`);
  });

  it("fills an empty [go-dependencies] table right under its header", () => {
    const text = '[package]\nname = "a"\nversion = "1.0.0"\n\n[go-dependencies]   # none yet\n\n[go]\ngo-version = "1.23"\n';
    expect(addGoDependency(text, "github.com/google/uuid", "v1.6.0")).toBe(text.replace("# none yet\n", '# none yet\n"github.com/google/uuid" = "v1.6.0"\n'));
  });

  it("extends dotted keys in their own form", () => {
    const text = 'go-dependencies."github.com/a/a" = "v1.0.0"\ngo-dependencies . "github.com/c/c" = "v1.0.0"\n\n[package]\nname = "a"\nversion = "1.0.0"\n';
    expect(addGoDependency(text, "github.com/b/b", "v2.0.0")).toBe(text.replace("go-dependencies . ", 'go-dependencies . "github.com/b/b" = "v2.0.0"\ngo-dependencies . '));
  });

  it("extends an inline table", () => {
    const text = 'go-dependencies = { "github.com/a/a" = "v1.0.0", "github.com/c/c" = "v1.0.0" }\n[package]\nname = "a"\nversion = "1.0.0"\n';
    expect(addGoDependency(text, "github.com/b/b", "v2.0.0")).toBe(text.replace('"github.com/c/c"', '"github.com/b/b" = "v2.0.0", "github.com/c/c"'));
    expect(addGoDependency(text, "github.com/d/d", "v2.0.0")).toBe(text.replace('"v1.0.0" }', '"v1.0.0", "github.com/d/d" = "v2.0.0" }'));
    const empty = 'go-dependencies = {}\n[package]\nname = "a"\nversion = "1.0.0"\n';
    expect(addGoDependency(empty, "github.com/d/d", "v2.0.0")).toBe(empty.replace("{}", '{ "github.com/d/d" = "v2.0.0" }'));
  });

  it("rewrites a module written as a sub-table, and adds next to sub-tables with a new [go-dependencies] table", () => {
    const text = '[package]\nname = "a"\nversion = "1.0.0"\n\n[go-dependencies."github.com/a/a"]\nversion = "v1.0.0"\nbuild-tags = ["x"]\n\n[go]\ngo-version = "1.23"\n';
    expect(addGoDependency(text, "github.com/b/b", "v2.0.0")).toBe(`${text}\n[go-dependencies]\n"github.com/b/b" = "v2.0.0"\n`);
    expect(addGoDependency(text, "github.com/a/a", "v1.1.0")).toBe('[package]\nname = "a"\nversion = "1.0.0"\n\n[go]\ngo-version = "1.23"\n\n[go-dependencies]\n"github.com/a/a" = "v1.1.0"\n');
  });

  it("never touches [workspace.go-dependencies]", () => {
    const text = '[package]\nname = "a"\nversion = "1.0.0"\n\n[workspace.go-dependencies]\n"github.com/a/a" = "v1.0.0"\n';
    const out = addGoDependency(text, "github.com/a/a", "v2.0.0");
    expect(out).toBe(`${text}\n[go-dependencies]\n"github.com/a/a" = "v2.0.0"\n`);
    expect(parseManifest(out).workspace!.goDependencies!.get("github.com/a/a")).toEqual({ version: "v1.0.0" });
  });

  it("writes every spec field, in a fixed key order, as valid TOML", () => {
    expect(formatGoDependency({ indirect: true, git: "https://x.io/a", rev: "abcdef1", buildTags: ["a"] })).toBe('{ git = "https://x.io/a", rev = "abcdef1", build-tags = ["a"], indirect = true }');
    expect(formatGoDependency({ version: "v1.0.0" })).toBe('"v1.0.0"');
    expect(formatGoDependency({ workspace: true })).toBe("{ workspace = true }");
    const out = addGoDependency(APP, "example.com/local", { path: "../local" });
    expect(parseManifest(out).goDependencies.get("example.com/local")).toEqual({ path: "../local" });
  });

  it("refuses a bad module (E017), a bad spec (E018, E019) and a broken manifest (its own code)", () => {
    expect(caught(() => addGoDependency(APP, "uuid", "v1.6.0"))).toMatchObject({ code: "M057_MANIFEST_E017", where: "add go uuid" });
    expect(caught(() => addGoDependency(APP, "github.com/google/uuid", "1.6.0"))).toMatchObject({ code: "M057_MANIFEST_E018", where: "add go github.com/google/uuid" });
    expect(caught(() => addGoDependency(APP, "github.com/google/uuid", { version: "v1.6.0", path: "../u" })).code).toBe("M057_MANIFEST_E019");
    expect(caught(() => addGoDependency(`${APP}[go\n`, "github.com/google/uuid", "v1.6.0"))).toMatchObject({ code: "M057_MANIFEST_E001", where: "mochi.toml:14:4" });
    expect(caught(() => addGoDependency('go-dependencies = 3\n[package]\nname = "a"\nversion = "1.0.0"\n', "github.com/google/uuid", "v1.6.0"))).toMatchObject({
      code: "M057_MANIFEST_E013",
      where: "mochi.toml:1:19",
    });
  });
});

describe("add then remove (property)", () => {
  // Manifests that already hold entries, in every form the editor extends.
  const TEMPLATES = [
    APP,
    APP.replace(/\n/g, "\r\n"),
    '[package]\nname = "a"\nversion = "1.0.0"\n[go-dependencies]\n"go.uber.org/zap" = "v1.27.0"\n"github.com/a/a" = "v1.0.0" # unsorted\n',
    'go-dependencies."github.com/m/m" = "v1.0.0"\n\n[package]\nname = "a"\nversion = "1.0.0"\n',
    'go-dependencies = { "github.com/m/m" = "v1.0.0" }\n[package]\nname = "a"\nversion = "1.0.0"',
  ];
  const modules = fc
    .tuple(fc.constantFrom("github.com", "go.uber.org", "example.com", "gopkg.in", "a.io"), fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,6}[a-z0-9]$/), { minLength: 1, maxLength: 3 }))
    .map(([host, rest]) => [host, ...rest].join("/"))
    .filter(isValidPath);
  const specs = fc.oneof(
    fc.constantFrom("v1.2.3", "^v0.4", "latest", "=v2.0.0"),
    fc.record({ version: fc.constantFrom("v1.0.0", "~v1.2"), buildTags: fc.array(fc.constantFrom("netgo", "json_logging", "go1.21"), { minLength: 1, maxLength: 2 }) }),
  );

  it("adding a new module then removing it gives the original text back, and nothing else changes (500 cases)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), modules, specs, (text, module, spec) => {
        const before = parseManifest(text);
        fc.pre(!before.goDependencies.has(module));
        const added = addGoDependency(text, module, spec);
        const after = parseManifest(added);
        expect(after.goDependencies.get(module)).toEqual(typeof spec === "string" ? { version: spec } : spec);
        expect([...after.goDependencies].filter(([m]) => m !== module)).toEqual([...before.goDependencies]);
        expect(removeGoDependency(added, module)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe("removeGoDependency", () => {
  it("removes the entry's line and keeps comments around it", () => {
    expect(removeGoDependency(APP, "github.com/spf13/cobra")).toBe(APP.replace('"github.com/spf13/cobra" = "^v1.8.0"\n', ""));
    expect(removeGoDependency(APP, "go.uber.org/zap")).toBe(APP.replace('"go.uber.org/zap" = "v1.27.0"   # structured\n', ""));
  });

  it("keeps an emptied [go-dependencies] header", () => {
    const once = removeGoDependency(APP, "github.com/spf13/cobra");
    expect(removeGoDependency(once, "go.uber.org/zap")).toBe(APP.replace('"github.com/spf13/cobra" = "^v1.8.0"\n', "").replace('"go.uber.org/zap" = "v1.27.0"   # structured\n', ""));
  });

  it("returns the text unchanged when the module is absent", () => {
    expect(removeGoDependency(APP, "github.com/absent/x")).toBe(APP);
  });

  it("removes a member of an inline table with its comma", () => {
    const text = 'go-dependencies = { "github.com/a/a" = "v1.0.0", "github.com/b/b" = "v1.0.0", "github.com/c/c" = "v1.0.0" }\n[package]\nname = "a"\nversion = "1.0.0"\n';
    expect(removeGoDependency(text, "github.com/a/a")).toBe(text.replace('"github.com/a/a" = "v1.0.0", ', ""));
    expect(removeGoDependency(text, "github.com/b/b")).toBe(text.replace('"github.com/b/b" = "v1.0.0", ', ""));
    expect(removeGoDependency(text, "github.com/c/c")).toBe(text.replace(', "github.com/c/c" = "v1.0.0"', ""));
  });

  it("removes a sub-table with its body, not the next table's comment", () => {
    const text =
      '[package]\nname = "a"\nversion = "1.0.0"\n\n[go-dependencies."github.com/a/a"]\nversion = "v1.0.0"\n# tags for json\nbuild-tags = ["x"]\n\n# the Go settings\n[go]\ngo-version = "1.23"\n';
    expect(removeGoDependency(text, "github.com/a/a")).toBe('[package]\nname = "a"\nversion = "1.0.0"\n\n# the Go settings\n[go]\ngo-version = "1.23"\n');
  });

  it("removes dotted keys in CRLF text", () => {
    const text = 'go-dependencies."github.com/a/a" = "v1.0.0"\r\ngo-dependencies."github.com/b/b".version = "v1.0.0"\r\ngo-dependencies."github.com/b/b".indirect = true\r\n[package]\r\nname = "a"\r\nversion = "1.0.0"\r\n';
    expect(removeGoDependency(text, "github.com/b/b")).toBe('go-dependencies."github.com/a/a" = "v1.0.0"\r\n[package]\r\nname = "a"\r\nversion = "1.0.0"\r\n');
  });
});
