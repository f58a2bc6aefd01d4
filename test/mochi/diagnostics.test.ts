// The diagnostic table (core/src/mochi/codes.ts) and the compiler-style renderer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../core/src/mochi/check.js";
import { DIAGNOSTIC_TABLE, type DiagnosticCode } from "../../core/src/mochi/codes.js";
import { diagnostic, formatTemplate, goQuote, hasErrors, renderDiagnostic, renderDiagnostics, sortDiagnostics } from "../../core/src/mochi/diagnostics.js";
import { parse } from "../../core/src/mochi/parser.js";
import { repoRoot } from "../vectors.js";

describe("the diagnostic table", () => {
  it("has unique codes, each with a severity, a message and a help text", () => {
    const codes = DIAGNOSTIC_TABLE.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of DIAGNOSTIC_TABLE) {
      expect(d.code, d.code).toMatch(/^[PT][0-9]{3}$/);
      expect(["error", "warning"], d.code).toContain(d.severity);
      expect(d.message.length, d.code).toBeGreaterThan(5);
      expect(d.help.length, d.code).toBeGreaterThan(10);
    }
    expect(codes).toEqual([...codes].sort());
  });

  it("is documented, code by code, in core/src/mochi/README.md", () => {
    const readme = readFileSync(join(repoRoot, "core/src/mochi/README.md"), "utf8");
    const documented = [...readme.matchAll(/^\| ([PT][0-9]{3}) \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]);
    expect(documented).toEqual(DIAGNOSTIC_TABLE.map((d) => [d.code, d.severity]));
  });

  it("keeps the reference's P067 and P068 messages verbatim", () => {
    const byCode = new Map(DIAGNOSTIC_TABLE.map((d) => [d.code, d]));
    expect(byCode.get("P067")!.message).toBe("go import path %q with `@` pin is not in `<module>@<semver>` form");
    expect(byCode.get("P068")!.message).toBe("go import %q with `@` pin requires `as <alias>`");
  });

  // One source per code that produces it (through checkSource: parse,
  // validation, import and declaration checks).
  const deep = `let v = ${"(".repeat(300)}1${")".repeat(300)}`;
  const REACH: Record<DiagnosticCode, string> = {
    P001: "let x = )",
    P040: 'let s = "open',
    P041: 'print("\\q")',
    P042: "print(1) /* open",
    P043: "print(1_000)",
    P045: "print(9223372036854775808)",
    P046: "print(0x)",
    P060: "print(xs[])",
    P063: "print(match x { -1 => 0 })",
    P064: 'import Go "fmt" as fmt',
    P065: "1 + 1",
    P067: 'import go "foo/bar@v1.0.0" as bar',
    P068: 'import go "github.com/a/b@v1.0.0"',
    P072: 'import go "github.com/a/com1@v1.0.0" as c',
    P073: 'import go "fmt/" as f',
    P074: 'import go "github.com/a/b@v1.0" as b\nimport go "github.com/a/c@v1.2.3-" as c',
    P075: 'import go "github.com/a/b@main" as b',
    P076: 'import go "github.com/a/b@^v" as b',
    P077: 'import go "github.com/a/b@path+" as b',
    P078: 'import go "github.com/a/b/v3@v2.0.0" as b',
    P079: 'import go "github.com/a/unknown" as u',
    P080: 'import go "fmt"\nimport go "fmt"',
    P081: 'import go "fmt" as x\nimport go "os" as x',
    P082: 'import go "github.com/a/b@v1.0.0" as b1\nimport go "github.com/a/b@v1.0.1" as b2',
    P083: 'import go "strconv" as str',
    P084: 'import go "github.com/mattn/go-sqlite3"',
    P085: 'import go "github.com/go-chi/chi/v5"',
    P086: deep,
    T002: "extern fun nowhere.f(): int",
    T025: "extern fun f(): bytes",
    T100: "extern fun f(): Result<int, string>",
    T101: "extern fun f(): list<int, int>",
    T102: 'import python "os" as os\nextern fun os.path.join(a: string): string',
    T103: "extern fun len(x: any): int",
    T104: "let a = 1\nlet a = 2",
    T105: "type R { a: int, a: int }",
    T106: "extern fun f(a: int, a: int): int",
    T107: "extern fun f(a: int)",
    T108: "extern fun f(a): int",
  };

  it("covers every code with a reaching source", () => {
    expect(Object.keys(REACH).sort()).toEqual(DIAGNOSTIC_TABLE.map((d) => d.code));
  });

  it.each(Object.entries(REACH))("%s is reachable", (code, src) => {
    const lookup = (m: string): string | undefined => (m === "github.com/a/known" ? "v1.0.0" : undefined);
    expect(checkSource(src, { lookup }).diagnostics.map((d) => d.code)).toContain(code);
  });
});

describe("goQuote (strconv.Quote)", () => {
  it("quotes as Go does", () => {
    const cases: [string, string][] = [
      ["abc", '"abc"'],
      ['a"b\\c', '"a\\"b\\\\c"'],
      ["\x07\b\f\n\r\t\v", '"\\a\\b\\f\\n\\r\\t\\v"'],
      ["\x00\x1f\x7f", '"\\x00\\x1f\\x7f"'],
      ["é🍣 π", '"é🍣 π"'],
      ["\u00a0\u200b\u2028", '"\\u00a0\\u200b\\u2028"'],
      ["\u{e0001}", '"\\U000e0001"'],
      ["\ud800", '"\\ufffd"'],
    ];
    for (const [s, q] of cases) expect(goQuote(s), JSON.stringify(s)).toBe(q);
  });

  it("formatTemplate fills %q and %s in order", () => {
    expect(formatTemplate("a %q b %s c %q", ["x\n", "y", 3])).toBe('a "x\\n" b y c "3"');
  });
});

describe("renderDiagnostic", () => {
  it("prints file:line:col, the source line, an underline, the code and a hint", () => {
    const src = 'let x = 1\nimport go "foo/bar@v1.0.0" as bar\n';
    const d = parse(src).diagnostics[0]!;
    expect(renderDiagnostic(d, src, "main.mochi")).toBe([
      "main.mochi:2:11: error[P067]: go import path \"foo/bar@v1.0.0\" with `@` pin is not in `<module>@<semver>` form",
      "  |",
      '2 | import go "foo/bar@v1.0.0" as bar',
      "  |           ^^^^^^^^^^^^^^^^",
      "  = help: pin a Go module as <module>@<version>, e.g. `import go \"github.com/spf13/cobra@v1.8.0\" as cobra`; " +
        "the first element of a module path is a domain name and must contain a dot (github.com, golang.org, gopkg.in)",
    ].join("\n"));
  });

  it("keeps tabs in the padding, counts columns in scalar values and widens the gutter", () => {
    const src = `${"\n".repeat(9)}\t🍣 = ")`;
    const d = parse(src).diagnostics.find((x) => x.code === "P040")!;
    expect(renderDiagnostic(d, src, "f.mochi").split("\n").slice(0, 4)).toEqual([
      "f.mochi:10:6: error[P040]: unterminated string literal",
      "   |",
      '10 | \t🍣 = ")',
      "   | \t    ^",
    ]);
  });

  it("underlines to the end of the line when the span goes on, and at least one column at the end of input", () => {
    const src = 'print("a\\q\nb")';
    const multi = diagnostic("P041", { start: { offset: 6, line: 1, col: 7 }, end: { offset: 14, line: 2, col: 3 } }, ["x"]);
    expect(renderDiagnostic(multi, src, "m").split("\n")[3]).toBe("  |       ^^^^");
    const eof = parse("fun f() {").diagnostics[0]!;
    expect(renderDiagnostic(eof, "fun f() {", "m").split("\n").slice(0, 4)).toEqual([
      'm:1:10: error[P001]: unexpected end of file, expected "}" or a statement', "  |", "1 | fun f() {", "  |          ^",
    ]);
  });

  it("prints notes with their location, and a BOM is not part of line 1", () => {
    const src = '\ufeffimport go "fmt" as x\nimport go "os" as x';
    const r = checkSource(src);
    expect(renderDiagnostic(r.diagnostics[0]!, src, "m.mochi")).toBe([
      "m.mochi:2:19: error[P081]: import alias x is already bound to another import",
      "  |",
      '2 | import go "os" as x',
      "  |                   ^",
      "  = help: pick a different alias with `as <alias>`; a later import silently replaces the earlier binding",
      "  = note: x is first bound here (m.mochi:1:1)",
    ].join("\n"));
  });

  it("renderDiagnostics sorts, separates and counts", () => {
    const src = "1 + 1\nimport go \"strconv\" as str";
    const r = checkSource(src);
    const out = renderDiagnostics([...r.diagnostics].reverse(), src, "m.mochi");
    expect(out.split("\n\n").map((b) => b.split("\n")[0])).toEqual([
      "m.mochi:1:1: error[P065]: expression statement has no effect: it contains no call, fetch, load, save or generate",
      "m.mochi:2:24: warning[P083]: import alias str shadows the builtin function str",
      "1 error, 1 warning",
    ]);
    expect(out.endsWith("1 error, 1 warning\n")).toBe(true);
  });

  it("hasErrors ignores warnings", () => {
    expect(hasErrors(checkSource('import go "strconv" as str').diagnostics)).toBe(false);
    expect(hasErrors(checkSource("1 + 1").diagnostics)).toBe(true);
  });

  it("sortDiagnostics orders by position, then code", () => {
    const at = (o: number) => ({ start: { offset: o, line: 1, col: o + 1 }, end: { offset: o + 1, line: 1, col: o + 2 } });
    const ds = [diagnostic("P065", at(5)), diagnostic("P060", at(5)), diagnostic("P001", at(1), ["x", "y"])];
    expect(sortDiagnostics(ds).map((d) => d.code)).toEqual(["P001", "P060", "P065"]);
  });
});
