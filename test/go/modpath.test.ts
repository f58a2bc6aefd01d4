// Module/import/file paths, major-version suffixes, "!" escaping and the
// GOPRIVATE glob matcher against shared/vectors/go/modpath.json (every
// section; canonical_version is consumed by semver.test.ts, next to its code).
import { describe, expect, it } from "vitest";
import { ERROR_REGISTRY, MochiError } from "../../core/src/errors.js";
import {
  checkFilePath, checkImportPath, checkPath, checkPathMajor, checkPathVersion, escapePath, escapeVersion, isValidFilePath,
  isValidImportPath, isValidPath, matchPathMajor, matchPrefixPatterns, pathMatch, splitPathVersion, unescapePath,
  unescapeVersion,
} from "../../core/src/go/modpath.js";
import { loadVector } from "../vectors.js";
import { codeOf } from "../support/errors.js";

type Str = string | { hex: string };
const vec = loadVector<{
  source: string;
  description: string;
  check_path_version: { doc: string; cases: { path: string; version: string; ok: boolean }[] };
  check_path: { doc: string; cases: { path: Str; module_ok: boolean; import_ok: boolean; file_ok: boolean }[] };
  split_path_version: { doc: string; cases: { input: string; prefix: string; path_major: string; ok: boolean }[] };
  escape_path: { doc: string; cases: { path: string; escaped: string }[] };
  bad_unescape: { doc: string; cases: string[] };
  escape_version: { doc: string; provenance: string; cases: { version: string; escaped?: string; error?: boolean }[] };
  match_path_major: { doc: string; cases: { version: string; path_major: string; want: boolean }[] };
  match_prefix_patterns: { doc: string; cases: { globs: string; target: string; want: boolean }[] };
  gonosumdb_client: { doc: string; globs: string; ok: string[]; skip: string[] };
  canonical_version: unknown;
}>("modpath.json");

/**
 * A vector string as a JS string. Bytes that are not valid UTF-8 become lone
 * surrogates U+DC80..U+DCFF (Python's "surrogateescape"), which is how a
 * caller that decoded bytes leniently would hand them over: not well-formed.
 */
function str(s: Str): string {
  if (typeof s === "string") return s;
  const bytes = Buffer.from(s.hex, "hex");
  const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let out = "";
  next: for (let i = 0; i < bytes.length; ) {
    for (let len = 1; len <= 4 && i + len <= bytes.length; len++) {
      try {
        out += fatal.decode(bytes.subarray(i, i + len));
        i += len;
        continue next;
      } catch {
        // not a complete character yet
      }
    }
    out += String.fromCharCode(0xdc00 + bytes[i]!);
    i++;
  }
  return out;
}

const name = (s: Str): string => JSON.stringify(s);

describe("modpath vectors", () => {
  it("has exactly the sections these tests consume", () => {
    expect(Object.keys(vec).sort()).toEqual([
      "bad_unescape", "canonical_version", "check_path", "check_path_version", "description", "escape_path", "escape_version",
      "gonosumdb_client", "match_path_major", "match_prefix_patterns", "source", "split_path_version",
    ]);
  });

  it("decodes the hex case into a string that is not well-formed", () => {
    expect(str({ hex: "782e792fff7a" })).toBe("x.y/\udcffz");
  });

  it.each(vec.check_path.cases.map((c) => [name(c.path), c] as const))("check_path %s", (_, c) => {
    const p = str(c.path);
    expect(isValidPath(p), "module").toBe(c.module_ok);
    expect(isValidImportPath(p), "import").toBe(c.import_ok);
    expect(isValidFilePath(p), "file").toBe(c.file_ok);
    for (const [check, ok] of [[checkPath, c.module_ok], [checkImportPath, c.import_ok], [checkFilePath, c.file_ok]] as const) {
      const code = codeOf(() => check(p));
      if (ok) expect(code).toBeUndefined();
      else expect(code).toMatch(/^M074_MODPATH_E0(0[1-9]|1[0-8])$/);
    }
    // split_path_version's doc: prefix + pathMajor gives the input back for every path.
    const { prefix, pathMajor } = splitPathVersion(p);
    expect(prefix + pathMajor).toBe(p);
    // escape_path's doc: escaping must fail exactly for invalid module paths.
    if (c.module_ok) expect(unescapePath(escapePath(p))).toBe(p);
    else expect(codeOf(() => escapePath(p))).toMatch(/^M074_MODPATH_E0/);
  });

  it.each(vec.check_path_version.cases)("check_path_version $path@$version", ({ path, version, ok }) => {
    const code = codeOf(() => checkPathVersion(path, version));
    if (ok) expect(code).toBeUndefined();
    else expect(code).toMatch(/^M074_MODPATH_E0(1[0-9]|20)$/);
  });

  it.each(vec.split_path_version.cases)("split_path_version $input", ({ input, prefix, path_major, ok }) => {
    expect(splitPathVersion(input)).toEqual({ prefix, pathMajor: path_major, ok });
  });

  it.each(vec.escape_path.cases)("escape_path $path", ({ path, escaped }) => {
    expect(escapePath(path)).toBe(escaped);
    expect(unescapePath(escaped)).toBe(path);
  });

  it.each(vec.bad_unescape.cases)("bad_unescape %j", (escaped) => {
    expect(codeOf(() => unescapePath(escaped))).toMatch(/^M074_MODPATH_E0(02|2[3-6])$/);
  });

  it.each(vec.escape_version.cases)("escape_version $version", ({ version, escaped, error }) => {
    if (error === true) {
      expect(codeOf(() => escapeVersion(version))).toMatch(/^M074_MODPATH_E0/);
      return;
    }
    expect(escapeVersion(version)).toBe(escaped);
    expect(unescapeVersion(escaped!)).toBe(version);
  });

  it.each(vec.match_path_major.cases)("match_path_major $version $path_major", ({ version, path_major, want }) => {
    expect(matchPathMajor(version, path_major)).toBe(want);
    expect(codeOf(() => checkPathMajor(version, path_major))).toBe(want ? undefined : "M074_MODPATH_E020");
  });

  it.each(vec.match_prefix_patterns.cases)("match_prefix_patterns $globs ~ $target", ({ globs, target, want }) => {
    expect(matchPrefixPatterns(globs, target)).toBe(want);
  });

  it("gonosumdb_client: skip paths match the GONOSUMDB globs, ok paths do not", () => {
    const g = vec.gonosumdb_client;
    for (const p of g.skip) expect(matchPrefixPatterns(g.globs, p), p).toBe(true);
    for (const p of g.ok) expect(matchPrefixPatterns(g.globs, p), p).toBe(false);
  });
});

describe("modpath API beyond the vectors", () => {
  // One input per M074_MODPATH code.
  const reach: [string, () => unknown][] = [
    ["M074_MODPATH_E001", () => checkFilePath("a/\ud800b")],
    ["M074_MODPATH_E002", () => checkFilePath("")],
    ["M074_MODPATH_E003", () => checkImportPath("-x/z")],
    ["M074_MODPATH_E004", () => checkFilePath("a//b")],
    ["M074_MODPATH_E005", () => checkFilePath("a/b/")],
    ["M074_MODPATH_E006", () => checkFilePath("/a/b")],
    ["M074_MODPATH_E007", () => checkFilePath("a/../b")],
    ["M074_MODPATH_E008", () => checkPath(".x.y/z")],
    ["M074_MODPATH_E009", () => checkFilePath("a/b.")],
    ["M074_MODPATH_E010", () => checkFilePath("a/b*c")],
    ["M074_MODPATH_E011", () => checkFilePath("a/Com1.txt")],
    ["M074_MODPATH_E012", () => checkImportPath("a/PROGRA~1.dir/x")],
    ["M074_MODPATH_E013", () => checkPath("localhost/x")],
    ["M074_MODPATH_E014", () => checkPath("Example.com/x")],
    ["M074_MODPATH_E015", () => checkPath("example.com/x/v1")],
    ["M074_MODPATH_E016", () => checkPath("example.com/x/v02")],
    ["M074_MODPATH_E017", () => checkPath("gopkg.in/yaml")],
    ["M074_MODPATH_E018", () => checkPath("gopkg.in/yaml.v01")],
    ["M074_MODPATH_E019", () => checkPathVersion("rsc.io/quote", "v1.2.3.4")],
    ["M074_MODPATH_E020", () => checkPathVersion("rsc.io/quote/v2", "v3.0.0")],
    ["M074_MODPATH_E021", () => escapeVersion("v1.0.0-a!b")],
    ["M074_MODPATH_E022", () => escapeVersion("v1.0.0-ä")],
    ["M074_MODPATH_E023", () => unescapeVersion("v1.0.0-RC1")],
    ["M074_MODPATH_E024", () => unescapeVersion("v1.0.0-!1")],
    ["M074_MODPATH_E025", () => unescapePath("example.com/x!")],
    ["M074_MODPATH_E026", () => unescapePath("example.com/é")],
    ["M074_MODPATH_E027", () => pathMatch("a[", "ab")],
  ];
  it.each(reach)("%s is reachable", (code, f) => {
    expect(codeOf(f)).toBe(code);
  });

  it("every M074_MODPATH code is registered and tested", () => {
    const registered = ERROR_REGISTRY.map((e) => e.code as string).filter((c) => c.startsWith("M074_MODPATH_"));
    expect(registered.sort()).toEqual(reach.map(([c]) => c).sort());
  });

  it("names the path, the offending part and the place", () => {
    try {
      checkFilePath("dir/na*me.go", "example.com/m@v1.0.0/dir/na*me.go");
      expect.unreachable();
    } catch (e) {
      const err = e as MochiError;
      expect(err.code).toBe("M074_MODPATH_E010");
      expect(err.detail).toBe('file path "dir/na*me.go": character "*" is not allowed in file path element "na*me.go"');
      expect(err.where).toBe("example.com/m@v1.0.0/dir/na*me.go");
    }
  });

  it("applies the file rules: Unicode letters, space, leading dash; no short-name rule", () => {
    for (const ok of ["-x/z", "dir/a b.go", "日本語/ファイル.go", "a/z~1", ".gitignore", "x/#frag!(1)"]) {
      expect(codeOf(() => checkFilePath(ok)), ok).toBeUndefined();
    }
    for (const bad of ["a☺", "a/b:c", "a\\b", "a/aux", "a/NUL.x.y", "a\u0000b", "a\tb"]) {
      expect(codeOf(() => checkFilePath(bad)), bad).toBeDefined();
    }
  });

  it("splits and checks gopkg.in -unstable suffixes", () => {
    expect(splitPathVersion("gopkg.in/yaml.v0-unstable")).toEqual({ prefix: "gopkg.in/yaml.v0-unstable", pathMajor: "", ok: false });
    expect(splitPathVersion("gopkg.in/yaml.v3-unstable")).toEqual({ prefix: "gopkg.in/yaml", pathMajor: ".v3-unstable", ok: true });
    expect(codeOf(() => checkPathVersion("gopkg.in/yaml.v3-unstable", "v3.1.0"))).toBeUndefined();
    expect(codeOf(() => checkPathVersion("gopkg.in/yaml.v3-unstable", "v2.1.0"))).toBe("M074_MODPATH_E020");
    expect(codeOf(() => checkPathVersion("example.com/m/v2", "v2.0.0+incompatible"))).toBeUndefined();
  });

  it("implements path.Match", () => {
    const cases: [string, string, boolean][] = [
      ["abc", "abc", true],
      ["*", "abc", true],
      ["*c", "abc", true],
      ["a*", "a", true],
      ["a*", "ab/c", false],
      ["a*/b", "abc/b", true],
      ["a*/b", "a/c/b", false],
      ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
      ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
      ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
      ["a*b?c*x", "abxbbxdbxebxczzx", true],
      ["a*b?c*x", "abxbbxdbxebxczzy", false],
      ["ab[c]", "abc", true],
      ["ab[b-d]", "abc", true],
      ["ab[e-g]", "abc", false],
      ["ab[^c]", "abc", false],
      ["ab[^b-d]", "abc", false],
      ["ab[^e-g]", "abc", true],
      ["a\\*b", "a*b", true],
      ["a\\*b", "ab", false],
      ["a?b", "a☺b", true],
      ["a[^a]b", "a☺b", true],
      ["a???b", "a☺b", false],
      ["a[^a][^a][^a]b", "a☺b", false],
      ["[a-ζ]*", "α", true],
      ["*[a-ζ]", "A", false],
      ["a?b", "a/b", false],
      ["a*b", "a/b", false],
      ["[\\]a]", "]", true],
      ["[\\-]", "-", true],
      ["[x\\-]", "x", true],
      ["[x\\-]", "-", true],
      ["[x\\-]", "z", false],
      ["*x", "xxx", true],
      ["[𝔸-𝔹]", "𝔸", true],
      ["[𝔸-𝔹]", "A", false],
    ];
    for (const [pattern, s, want] of cases) expect(pathMatch(pattern, s), `${pattern} ~ ${s}`).toBe(want);
    for (const [pattern, s] of [["[]a]", "]"], ["[-]", "-"], ["[x-]", "x"], ["[-x]", "x"], ["\\", "a"], ["[a-b-c]", "a"], ["[", "a"], ["[^", "a"], ["[^bc", "a"], ["a[", "a"], ["a[", "ab"], ["*x[", "xxx"]]) {
      expect(codeOf(() => pathMatch(pattern!, s!)), `${pattern} ~ ${s}`).toBe("M074_MODPATH_E027");
    }
  });

  it("skips a malformed glob in a GOPRIVATE-style list instead of failing", () => {
    expect(matchPrefixPatterns("[,rsc.io", "rsc.io/quote")).toBe(true);
    expect(matchPrefixPatterns("[", "rsc.io/quote")).toBe(false);
    expect(matchPrefixPatterns("*.corp.example.com,rsc.io/private", "git.corp.example.com/team/x")).toBe(true);
    expect(matchPrefixPatterns("*.corp.example.com,rsc.io/private", "rsc.io/privateer")).toBe(false);
  });
});
