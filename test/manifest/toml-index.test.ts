// The TOML position index: key paths to line and column (in characters),
// through dotted and quoted keys with escapes, arrays of tables, nested
// inline tables and arrays, multi-line strings, comments and CRLF.
import { describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { TomlIndex } from "../../core/src/manifest/index.js";

const TEXT = [
  "# comment with = and [brackets]", // 1
  'title = """', // 2
  'a "quoted" line', // 3
  '""""', // 4: a quote just before the closing triple quote
  "[ server . 'a.b' ]", // 5
  'host = "x" # trailing', // 6
  '"key \\u0041\\"q" = 1979-05-27 07:32:00Z', // 7
  "[[bin]]", // 8
  'name = "a"', // 9
  "[[bin]]", // 10
  "name = 'b'", // 11
  "[bin.meta]", // 12
  "deep = { x = [1, [2, 3], { y = 'z' }], \"é\" = 1 }", // 13
  "ports = [", // 14
  "  8080, # first", // 15
  "  8081,", // 16
  "]", // 17
  "[[bin.sub]]", // 18
  "k = 1", // 19
].join("\r\n");

describe("TomlIndex", () => {
  const index = new TomlIndex(TEXT);
  const pos = (path: (string | number)[], at: "key" | "value" = "key") => index.locate(path, at);

  it("is run on text smol-toml accepts", () => {
    expect(() => parse(TEXT)).not.toThrow();
  });

  it("locates keys and values", () => {
    expect(pos(["title"])).toEqual({ line: 2, column: 1 });
    expect(pos(["title"], "value")).toEqual({ line: 2, column: 9 });
    expect(pos(["server", "a.b", "host"])).toEqual({ line: 6, column: 1 });
    expect(pos(["server", "a.b", "host"], "value")).toEqual({ line: 6, column: 8 });
    expect(pos(["server", "a.b", 'key A"q'])).toEqual({ line: 7, column: 1 });
    expect(pos(["server", "a.b", 'key A"q'], "value")).toEqual({ line: 7, column: 19 });
  });

  it("numbers arrays of tables and resolves sub-tables to the last element", () => {
    expect(pos(["bin", 0, "name"])).toEqual({ line: 9, column: 1 });
    expect(pos(["bin", 1, "name"])).toEqual({ line: 11, column: 1 });
    expect(pos(["bin", 1, "meta", "deep", "x", 1, 0])).toEqual({ line: 13, column: 19 });
    expect(pos(["bin", 1, "meta", "deep", "x", 2, "y"])).toEqual({ line: 13, column: 28 });
    // Columns count characters: "é" is one column however many UTF-16 units or bytes it takes.
    expect(pos(["bin", 1, "meta", "deep", "é"], "value")).toEqual({ line: 13, column: 46 });
    expect(pos(["bin", 1, "meta", "ports", 1])).toEqual({ line: 16, column: 3 });
    expect(pos(["bin", 1, "sub", 0, "k"])).toEqual({ line: 19, column: 1 });
  });

  it("falls back to the nearest written ancestor (headers included)", () => {
    expect(pos(["bin", 1, "meta", "missing"])).toEqual({ line: 12, column: 1 });
    expect(pos(["bin", 0, "missing"])).toEqual({ line: 8, column: 1 });
    expect(pos(["nothing", "here"])).toEqual({ line: 1, column: 1 });
  });

  it("gives spans of whole lines, comments and line endings included", () => {
    const host = index.entry(["server", "a.b", "host"])!;
    expect(TEXT.slice(host.lineStart, host.lineEnd)).toBe('host = "x" # trailing\r\n');
    expect(TEXT.slice(host.valueStart, host.valueEnd)).toBe('"x"');
    const date = index.entry(["server", "a.b", 'key A"q'])!;
    expect(TEXT.slice(date.valueStart, date.valueEnd)).toBe("1979-05-27 07:32:00Z");
    const title = index.entry(["title"])!;
    expect(TEXT.slice(title.valueStart, title.valueEnd)).toBe('"""\r\na "quoted" line\r\n""""');
    expect(index.headers.map((h) => h.path)).toEqual([["server", "a.b"], ["bin", 0], ["bin", 1], ["bin", 1, "meta"], ["bin", 1, "sub", 0]]);
  });
});
