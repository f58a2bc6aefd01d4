// GRAMMAR.md §1: the lexer's rules, in order, and its diagnostics.
import { describe, expect, it } from "vitest";
import { HARD_KEYWORDS, isIdentifier, lex, type Token } from "../../core/src/mochi/lexer.js";

const toks = (src: string): string[] =>
  lex(src).tokens.filter((t) => t.kind !== "EOF").map((t) => `${t.kind}:${t.text}`);
const diag = (src: string): string[] => lex(src).diagnostics.map((d) => `${d.code}@${d.span.start.col}-${d.span.end.col}`);
const value = (src: string): unknown => {
  const t = lex(src).tokens[0]! as Token & { value?: unknown };
  return t.value;
};

describe("lexer rule Comment", () => {
  it("drops // and # line comments and /* */ block comments", () => {
    expect(toks("a // x\nb # y\nc /* z\n w */ d")).toEqual(["Ident:a", "Ident:b", "Ident:c", "Ident:d"]);
  });
  it("keeps line comments aside for doc strings", () => {
    expect(lex("/// doc\nlet x = 1 # end").comments.map((c) => c.text)).toEqual(["/// doc", "# end"]);
  });
  it("does not nest block comments", () => {
    expect(toks("/* a /* b */ c */")).toEqual(["Ident:c", "Punct:*", "Punct:/"]);
  });
  it("P042 for an unterminated block comment, underlining its opening", () => {
    expect(diag("x /* never closed")).toEqual(["P042@3-5"]);
    expect(toks("x /* never closed")).toEqual(["Ident:x"]);
  });
  it("a # inside a string is not a comment", () => {
    expect(toks('"a # b"')).toEqual(['String:"a # b"']);
  });
});

describe("lexer rule Bool", () => {
  it("true and false, at an ASCII word boundary", () => {
    expect(toks("true false true_v falsey")).toEqual(["Bool:true", "Bool:false", "Ident:true_v", "Ident:falsey"]);
    expect(toks("trueé")).toEqual(["Bool:true", "Ident:é"]);
  });
});

describe("lexer rule Keyword", () => {
  it("has exactly the 33 hard keywords", () => {
    expect(HARD_KEYWORDS.size).toBe(33);
    for (const k of HARD_KEYWORDS) expect(toks(k), k).toEqual([`Keyword:${k}`]);
  });
  it("matches at an ASCII word boundary only", () => {
    expect(toks("typeé")).toEqual(["Keyword:type", "Ident:é"]);
    expect(toks("index fun2 true_v intent in")).toEqual(["Ident:index", "Ident:fun2", "Ident:true_v", "Keyword:intent", "Keyword:in"]);
  });
  it("leaves soft keywords and builtin type names as identifiers", () => {
    const soft = "null as object auto bench model query update set from where select group by into having sort order skip take distinct join left right outer union except intersect to with";
    for (const w of [...soft.split(" "), "int", "string", "list", "map", "any"]) expect(toks(w), w).toEqual([`Ident:${w}`]);
  });
});

describe("lexer rule Ident", () => {
  it("takes letters, other symbols, digits and _ (not first)", () => {
    expect(toks("π 🍣 _x1 x٣ café")).toEqual(["Ident:π", "Ident:🍣", "Ident:_x1", "Ident:x٣", "Ident:café"]);
  });
  it("rejects $, ' and other characters with P001, and goes on", () => {
    expect(toks("a$b")).toEqual(["Ident:a", "Ident:b"]);
    expect(lex("a$b").diagnostics.map((d) => d.message)).toEqual(['unexpected character "$", expected a token']);
    expect(diag("x @ y ' z \\")).toEqual(["P001@3-4", "P001@7-8", "P001@11-12"]);
  });
  it("isIdentifier: one identifier token, not a keyword", () => {
    expect(["x", "π", "_x1", "true_v", "fmt", "select"].map(isIdentifier)).toEqual([true, true, true, true, true, true]);
    expect(["type", "true", "go-sqlite3", "", "1x", "a.b", "x y"].map(isIdentifier)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe("lexer rule Float", () => {
  it("needs digits on both sides of the dot, or an exponent", () => {
    expect(toks("1.5 2.5e3 6.02E-23 1e9 3E+2")).toEqual(["Float:1.5", "Float:2.5e3", "Float:6.02E-23", "Float:1e9", "Float:3E+2"]);
    expect(value("2.5e3")).toBe(2500);
  });
  it("1. and .5 are not floats", () => {
    expect(toks("1.")).toEqual(["Int:1", "Punct:."]);
    expect(toks(".5")).toEqual(["Punct:.", "Int:5"]);
    expect(toks("1..5")).toEqual(["Int:1", "Punct:..", "Int:5"]);
  });
});

describe("lexer rule Int", () => {
  it("decimal, hex, binary and octal, with exact values", () => {
    expect(toks("007 0x1F 0b101 0o17")).toEqual(["Int:007", "Int:0x1F", "Int:0b101", "Int:0o17"]);
    expect([value("007"), value("0x1F"), value("0b101"), value("0o17")]).toEqual([7n, 31n, 5n, 15n]);
    expect(value("9223372036854775807")).toBe(9223372036854775807n);
  });
  it("P043 for a number glued to an identifier character (one token)", () => {
    expect(diag("1_000")).toEqual(["P043@1-6"]);
    expect(diag("1e")).toEqual(["P043@1-3"]);
    expect(diag("0x1G")).toEqual(["P043@1-5"]);
    expect(diag("1.5x")).toEqual(["P043@1-5"]);
    expect(toks("1_000 + 1")).toEqual(["Int:1_000", "Punct:+", "Int:1"]);
  });
  it("P045 beyond int64 (there is no sign)", () => {
    expect(diag("9223372036854775808")).toEqual(["P045@1-20"]);
    expect(diag("0xFFFFFFFFFFFFFFFF")).toEqual(["P045@1-19"]);
    expect(diag("9223372036854775807")).toEqual([]);
  });
  it("P046 for a base prefix without digits", () => {
    expect(diag("0x")).toEqual(["P046@1-3"]);
    expect(diag("0b2")).toEqual(["P046@1-4"]);
    expect(diag("0o")).toEqual(["P046@1-3"]);
    expect(lex("0x").diagnostics[0]!.message).toBe('base prefix "0x" has no digits');
  });
});

describe("lexer rule String", () => {
  it("decodes every Go escape", () => {
    expect(value('"\\a\\b\\f\\n\\r\\t\\v\\\\\\""')).toBe("\x07\b\f\n\r\t\v\\\"");
    expect(value('"\\x41\\101\\u00e9\\U0001F363"')).toBe("AAé🍣");
    expect(value('"\\xc3\\xa9"')).toBe("é");
    expect(value('"\\377"')).toBe("\ufffd");
  });
  it("accepts a raw line break inside a string", () => {
    expect(value('"a\nb"')).toBe("a\nb");
    expect(lex('"a\nb" x').tokens[1]!.start).toEqual({ offset: 6, line: 2, col: 4 });
  });
  it("P041 for each bad escape, keeping it in the value", () => {
    expect(diag('"it\\\'s"')).toEqual(["P041@4-6"]);
    expect(diag('"\\0"')).toEqual(["P041@2-4"]);
    expect(diag('"\\e \\/ \\$ \\u{41} \\400 \\ud800 \\xZ"').length).toBe(7);
    expect(lex('"\\q"').diagnostics[0]!.message).toBe("invalid escape sequence \\q in string literal");
    expect(value('"a\\qb"')).toBe("a\\qb");
    expect(lex('"\\\n"').diagnostics[0]!.message).toBe("invalid escape sequence \\<newline> in string literal");
  });
  it("P040 for an unterminated string, underlining the quote", () => {
    expect(diag('x = "open')).toEqual(["P040@5-6"]);
    expect(diag('"ends in backslash\\"')).toEqual(["P040@1-2"]);
  });
  it("has no other string forms", () => {
    expect(toks("'a'")).toEqual(["Ident:a"]);
    expect(diag("'a'")).toEqual(["P001@1-2", "P001@3-4"]);
  });
});

describe("lexer rule Punct", () => {
  it("matches multi-character tokens first", () => {
    expect(toks("== != <= >= && || => :- .. ??")).toEqual(
      ["==", "!=", "<=", ">=", "&&", "||", "=>", ":-", "..", "??"].map((p) => `Punct:${p}`));
    expect(toks("- + * / % = < > ! | { } [ ] ( ) , . : ?").length).toBe(20);
  });
  it(":- is one token, so xs[1:-1] cannot parse; >> is two", () => {
    expect(toks("xs[1:-1]")).toEqual(["Ident:xs", "Punct:[", "Int:1", "Punct::-", "Int:1", "Punct:]"]);
    expect(toks("a>>b")).toEqual(["Ident:a", "Punct:>", "Punct:>", "Ident:b"]);
    expect(toks("a?.b")).toEqual(["Ident:a", "Punct:?", "Punct:.", "Ident:b"]);
  });
  it("has no -> & ^ ~ @", () => {
    expect(codesOf("a -> b & c ^ d ~ e @ f")).toEqual(["P001", "P001", "P001", "P001"]);
  });
});

function codesOf(src: string): string[] {
  return lex(src).diagnostics.map((d) => d.code);
}

describe("lexer rule Whitespace", () => {
  it("spaces, tabs, line breaks and ; are all whitespace", () => {
    expect(toks("a;b\t c\r\nd;;e")).toEqual(["Ident:a", "Ident:b", "Ident:c", "Ident:d", "Ident:e"]);
  });
  it("skips one leading BOM without counting it as a column", () => {
    const t = lex("\ufeffx").tokens[0]!;
    expect(t.text).toBe("x");
    expect(t.start).toEqual({ offset: 1, line: 1, col: 1 });
  });
});

describe("lexer positions", () => {
  it("counts 1-based lines and columns in Unicode scalar values", () => {
    const ts = lex("🍣 = 1\n  éa").tokens;
    expect(ts.map((t) => [t.start.line, t.start.col, t.start.offset])).toEqual([[1, 1, 0], [1, 3, 3], [1, 5, 5], [2, 3, 9], [2, 5, 11]]);
    expect(ts[0]!.end).toEqual({ offset: 2, line: 1, col: 2 });
  });
  it("always ends with an EOF token at the end of input", () => {
    expect(lex("").tokens).toEqual([{ kind: "EOF", text: "", start: { offset: 0, line: 1, col: 1 }, end: { offset: 0, line: 1, col: 1 } }]);
  });
});
