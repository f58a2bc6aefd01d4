// Mochi names for Go items: snake_case, PascalCase, path segments, reserved words, collisions.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  assignNames,
  escapeReserved,
  isMochiIdent,
  pascalCase,
  pathSegment,
  RESERVED_WORDS,
  snakeCase,
} from "../../core/src/bridge/names.js";
import { HARD_KEYWORDS } from "../../core/src/mochi/lexer.js";

describe("snakeCase", () => {
  it.each([
    ["NewString", "new_string"],
    ["ParseHTTPRequest", "parse_http_request"],
    ["HTTPServer", "http_server"],
    ["UUID", "uuid"],
    ["Sum64", "sum64"],
    ["Base64Encode", "base64_encode"],
    ["MD5Sum", "md5_sum"],
    ["ToUpper", "to_upper"],
    ["IPv4", "i_pv4"],
    ["Foo_Bar", "foo_bar"],
    ["Foo__Bar_", "foo_bar"],
    ["already_snake", "already_snake"],
    ["X", "x"],
    ["ÄpfelBirnen", "äpfel_birnen"],
  ])("%s -> %s", (go, snake) => {
    expect(snakeCase(go)).toBe(snake);
  });

  it("never yields __ or a leading or trailing _", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/), (s) => {
        const out = snakeCase(s);
        expect(out).not.toContain("__");
        expect(out.startsWith("_") || out.endsWith("_")).toBe(false);
        expect(out).toBe(out.toLowerCase());
      }),
    );
  });
});

describe("pascalCase", () => {
  it.each([
    ["go_spew", "GoSpew"],
    ["yaml.v3", "YamlV3"],
    ["text-util/sub", "TextUtilSub"],
    ["uuid", "Uuid"],
    ["", ""],
  ])("%s -> %s", (s, p) => {
    expect(pascalCase(s)).toBe(p);
  });
});

describe("pathSegment", () => {
  it.each([
    ["sub", "sub"],
    ["yaml.v3", "yaml_v3"],
    ["text-util", "text_util"],
    ["v2", "v2"],
    ["2d", "p2d"],
    ["Foo", "foo"],
    ["type", "type_"],
    ["match", "match_"],
    ["a~b", "a_b"],
  ])("%s -> %s", (elem, seg) => {
    expect(pathSegment(elem)).toBe(seg);
    expect(isMochiIdent(seg)).toBe(true);
  });
});

describe("reserved words", () => {
  it("cover the hard keywords, literals, soft keywords and builtins", () => {
    for (const k of HARD_KEYWORDS) expect(RESERVED_WORDS.has(k), k).toBe(true);
    for (const w of ["true", "false", "from", "set", "select", "int", "list", "map", "any", "len", "print", "count"]) {
      expect(RESERVED_WORDS.has(w), w).toBe(true);
    }
    expect(escapeReserved("type")).toBe("type_");
    expect(escapeReserved("group")).toBe("group_");
    expect(escapeReserved("hello")).toBe("hello");
  });

  it("isMochiIdent follows the lexer's identifier rule and refuses keywords", () => {
    expect(isMochiIdent("π")).toBe(true);
    expect(isMochiIdent("_x1")).toBe(true);
    expect(isMochiIdent("1x")).toBe(false);
    expect(isMochiIdent("a-b")).toBe(false);
    expect(isMochiIdent("fun")).toBe(false);
    expect(isMochiIdent("true")).toBe(false);
    expect(isMochiIdent("")).toBe(false);
  });
});

describe("assignNames", () => {
  const claims = [
    { key: "func:Release", preferred: "release", rank: 0 },
    { key: "support:release", preferred: "release", rank: 6 },
    { key: "func:Other", preferred: "release", rank: 0 },
    { key: "func:Release2", preferred: "release_2", rank: 0 },
    { key: "func:Sub", preferred: "sub", rank: 0 },
  ];

  it("keeps the best claim's name and numbers the rest, skipping taken names", () => {
    const names = assignNames(claims, new Set(["sub"]));
    expect(Object.fromEntries(names)).toEqual({
      "func:Other": "release",
      "func:Release": "release_2",
      "support:release": "release_3",
      "func:Release2": "release_2_2",
      "func:Sub": "sub_2",
    });
  });

  it("depends on the set of claims, not their order", () => {
    const expected = Object.fromEntries(assignNames(claims));
    fc.assert(
      fc.property(fc.shuffledSubarray(claims, { minLength: claims.length }), (shuffled) => {
        expect(Object.fromEntries(assignNames(shuffled))).toEqual(expected);
      }),
    );
  });
});
