import { describe, expect, it } from "vitest";
import { MochiError } from "../../core/src/errors.js";
import { proxyUrls } from "../../core/src/go/goproxy.js";
import {
  checkGoImport,
  confirmGoImport,
  goGetUrls,
  matchGoImport,
  parseMetaGoImports,
  staticRepoRoot,
  validateRepoRoot,
  vcsSecureSchemes,
  type MetaImport,
  type ModuleMode,
} from "../../core/src/go/vanity.js";
import { loadVector } from "../vectors.js";
import { thrown } from "../support/errors.js";

const v = loadVector("vanity.json");

interface VectorImport {
  prefix: string;
  vcs: string;
  repo_root: string;
  subdir: string;
}

const fromVector = (m: VectorImport): MetaImport => ({ prefix: m.prefix, vcs: m.vcs, repoRoot: m.repo_root, subdir: m.subdir });

it("vanity.json: every top-level key is consumed here", () => {
  expect(Object.keys(v).sort()).toEqual(
    ["algorithm", "description", "match_go_import", "parse_meta_go_imports", "real_world", "source", "validate_repo_root", "vcs_secure_schemes"].sort(),
  );
  expect(v.algorithm).toHaveLength(8);
});

describe("parse_meta_go_imports", () => {
  it.each(v.parse_meta_go_imports.cases.map((c: { html: string; mode: string }, i: number) => [i, c.mode, c]))("case %i (%s)", (_i, _mode, c) => {
    expect(parseMetaGoImports(c.html, c.mode as ModuleMode)).toEqual(c.want.map(fromVector));
  });
});

describe("match_go_import", () => {
  it.each(v.match_go_import.cases.map((c: { path: string }) => [c.path, c]))("%s", (_path, c) => {
    const imports = c.imports.map(fromVector);
    if (c.error !== undefined) {
      const e = thrown(() => matchGoImport(imports, c.path));
      expect(e.code).toBe(c.error.startsWith("multiple") ? "M074_VANITY_E005" : "M074_VANITY_E004");
      if (c.error.startsWith("multiple")) expect(e.detail).toContain("multiple meta tags match import path");
      return;
    }
    expect(matchGoImport(imports, c.path)).toEqual(fromVector(c.want));
  });
});

describe("validate_repo_root", () => {
  it.each(v.validate_repo_root.cases.map((c: { root: string; ok: boolean }) => [JSON.stringify(c.root), c.ok, c]))("%s ok=%s", (_r, ok, c) => {
    if (ok) expect(() => validateRepoRoot(c.root)).not.toThrow();
    else expect(thrown(() => validateRepoRoot(c.root)).code).toMatch(/^M074_VANITY_E00[678]$/);
  });

  it("each failure has its own code", () => {
    expect(thrown(() => validateRepoRoot("-config://")).code).toBe("M074_VANITY_E006");
    expect(thrown(() => validateRepoRoot("")).code).toBe("M074_VANITY_E007");
    expect(thrown(() => validateRepoRoot("http#://")).code).toBe("M074_VANITY_E007");
    expect(thrown(() => validateRepoRoot("file:///srv/x")).code).toBe("M074_VANITY_E008");
    expect(thrown(() => validateRepoRoot("FILE:///srv/x")).code).toBe("M074_VANITY_E008");
  });
});

describe("real_world", () => {
  it.each(v.real_world.map((c: { path: string }) => [c.path, c]))("%s", (path, c) => {
    expect(goGetUrls(path, false)).toEqual([c.request]);
    const imports = parseMetaGoImports(`<html><head>${c.meta}</head><body>x</body></html>`, "PreferMod");
    const im = matchGoImport(imports, path);
    checkGoImport(im, path);
    expect(im.prefix).toBe(path);
    if (c.then !== undefined) {
      expect(im.vcs).toBe("mod");
      const urls = proxyUrls(im.repoRoot, path, "v1.0.0");
      expect([urls.info, urls.mod, urls.zip]).toEqual(c.then);
    }
  });
});

describe("vcs_secure_schemes", () => {
  it("the table", () => {
    const { govcs_default: _d, ...table } = v.vcs_secure_schemes;
    expect(vcsSecureSchemes).toEqual(table);
  });
});

describe("algorithm", () => {
  it(`1: ${v.algorithm[0].slice(0, 60)}...`, () => {
    expect(staticRepoRoot("github.com/google/uuid")).toEqual({ root: "github.com/google/uuid", vcs: "git", repo: "https://github.com/google/uuid" });
    expect(staticRepoRoot("github.com/spf13/cobra/doc")).toEqual({ root: "github.com/spf13/cobra", vcs: "git", repo: "https://github.com/spf13/cobra" });
    expect(staticRepoRoot("bitbucket.org/o/r/pkg")?.root).toBe("bitbucket.org/o/r");
    expect(staticRepoRoot("hub.jazz.net/git/user/proj/sub")?.root).toBe("hub.jazz.net/git/user/proj");
    expect(staticRepoRoot("git.apache.org/thrift.git/lib/go")?.root).toBe("git.apache.org/thrift.git");
    expect(staticRepoRoot("git.openstack.org/o/r/x")?.root).toBe("git.openstack.org/o/r");
    expect(staticRepoRoot("chiselapp.com/user/kyle/repository/fossilgg")).toEqual({
      root: "chiselapp.com/user/kyle/repository/fossilgg",
      vcs: "fossil",
      repo: "https://chiselapp.com/user/kyle/repository/fossilgg",
    });
    // A VCS qualifier at the end of an element marks the root; the secure schemes are tried for it.
    expect(staticRepoRoot("example.com/repo.git/pkg")).toEqual({ root: "example.com/repo.git", vcs: "git", repo: undefined });
    expect(staticRepoRoot("hg.example.com:8080/~user/r.hg")).toEqual({ root: "hg.example.com:8080/~user/r.hg", vcs: "hg", repo: undefined });
    // Go's leftmost-first matching lets a greedy element swallow an earlier qualifier.
    expect(staticRepoRoot("example.com/a.svn/b.git")).toEqual({ root: "example.com/a.svn/b.git", vcs: "git", repo: undefined });
    expect(staticRepoRoot("example.com/a.svn/b/c")).toEqual({ root: "example.com/a.svn", vcs: "svn", repo: undefined });
    // Everything else needs discovery.
    expect(staticRepoRoot("golang.org/x/mod")).toBeUndefined();
    expect(staticRepoRoot("example.com/repo.gitx")).toBeUndefined();
    expect(staticRepoRoot("githubXcom/o/r")).toBeUndefined();
  });

  it(`2: ${v.algorithm[1].slice(0, 60)}...`, () => {
    expect(goGetUrls("golang.org", false)).toEqual(["https://golang.org/?go-get=1"]);
    expect(goGetUrls("example.com/a/b", false)).toEqual(["https://example.com/a/b?go-get=1"]);
    expect(goGetUrls("git.lan/a", true)).toEqual(["https://git.lan/a?go-get=1", "http://git.lan/a?go-get=1"]);
  });

  it(`3: ${v.algorithm[2].slice(0, 60)}...`, () => {
    const tag = '<meta name="go-import" content="example.com/a git https://git.example.com/a">';
    const want = [{ prefix: "example.com/a", vcs: "git", repoRoot: "https://git.example.com/a", subdir: "" }];
    // Case-insensitive element and attribute names; the name value itself is case-sensitive.
    expect(parseMetaGoImports('<META NAME="go-import" CONTENT="example.com/a git https://git.example.com/a">', "IgnoreMod")).toEqual(want);
    expect(parseMetaGoImports('<meta name="Go-Import" content="example.com/a git https://git.example.com/a">', "IgnoreMod")).toEqual([]);
    // Stops at <body> and </head>; tags after are not read.
    expect(parseMetaGoImports(`<head></head>${tag}`, "IgnoreMod")).toEqual([]);
    expect(parseMetaGoImports(`<BODY>${tag}`, "IgnoreMod")).toEqual([]);
    expect(parseMetaGoImports(`<head/>${tag}`, "IgnoreMod")).toEqual([]);
    // Exactly 3 or 4 fields; extra white space of any kind is fine.
    expect(parseMetaGoImports('<meta name="go-import" content="a git">', "IgnoreMod")).toEqual([]);
    expect(parseMetaGoImports('<meta name="go-import" content="a git b c d">', "IgnoreMod")).toEqual([]);
    expect(parseMetaGoImports("<meta name='go-import' content='\n  example.com/a\tgit   https://git.example.com/a  '>", "IgnoreMod")).toEqual(want);
    // Entities, self-closing tags, prefixed names, comments, CDATA, doctype with internal subset, processing instructions.
    expect(
      parseMetaGoImports(
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html [ <!ENTITY x "<y>"> <!-- c --> ]><!-- <meta name="go-import" content="no no no"> --><![CDATA[ <meta> ]]>' +
          '<x:meta name="go-import" content="example.com/a&#x20;git https://git.example.com/a?x=1&amp;y=2"/><meta name=go-import content="&quot;q&quot; &unknown; &#65;" >',
        "IgnoreMod",
      ),
    ).toEqual([
      { prefix: "example.com/a", vcs: "git", repoRoot: "https://git.example.com/a?x=1&y=2", subdir: "" },
      { prefix: '"q"', vcs: "&unknown;", repoRoot: "A", subdir: "" },
    ]);
    // Charset: UTF-8 and ASCII only.
    expect(parseMetaGoImports(`<?xml version="1.0" encoding="ascii"?>${tag}`, "IgnoreMod")).toEqual(want);
    expect(thrown(() => parseMetaGoImports(`<?xml version="1.0" encoding="ISO-8859-1"?>${tag}`, "IgnoreMod")).code).toBe("M074_VANITY_E003");
    // Junk after a tag is harmless; junk before any tag is an error.
    expect(parseMetaGoImports(`${tag}<p>a < b`, "IgnoreMod")).toEqual(want);
    expect(thrown(() => parseMetaGoImports(`<p>a < b</p>${tag}`, "IgnoreMod")).code).toBe("M074_VANITY_E001");
  });

  it(`4: ${v.algorithm[3].slice(0, 60)}...`, () => {
    const html =
      '<meta name="go-import" content="a.com/x git https://g/x"><meta name="go-import" content="a.com/x mod https://p">' +
      '<meta name="go-import" content="a.com/y hg https://h/y"><meta name="go-import" content="a.com/z mod https://p">';
    expect(parseMetaGoImports(html, "PreferMod").map((m) => `${m.prefix} ${m.vcs}`)).toEqual(["a.com/x mod", "a.com/z mod", "a.com/y hg"]);
    expect(parseMetaGoImports(html, "IgnoreMod").map((m) => `${m.prefix} ${m.vcs}`)).toEqual(["a.com/x git", "a.com/y hg"]);
  });

  it(`5: ${v.algorithm[4].slice(0, 60)}...`, () => {
    const mod: MetaImport = { prefix: "a.com/x", vcs: "mod", repoRoot: "https://p", subdir: "" };
    const mod2: MetaImport = { prefix: "a.com", vcs: "mod", repoRoot: "https://q", subdir: "" };
    const git: MetaImport = { prefix: "a.com", vcs: "git", repoRoot: "https://g", subdir: "" };
    expect(matchGoImport([mod, git], "a.com/x/y")).toBe(mod);
    expect(thrown(() => matchGoImport([mod, mod2], "a.com/x/y")).code).toBe("M074_VANITY_E005");
    expect(thrown(() => matchGoImport([git, mod], "a.com/x/y")).code).toBe("M074_VANITY_E005");
    expect(matchGoImport([{ ...git, prefix: "a.com/" }], "a.com/x")).toEqual({ ...git, prefix: "a.com/" });
    expect(thrown(() => matchGoImport([], "a.com/x")).code).toBe("M074_VANITY_E004");
  });

  it(`6: ${v.algorithm[5].slice(0, 60)}...`, () => {
    const chosen: MetaImport = { prefix: "example.com/a", vcs: "git", repoRoot: "https://g/a", subdir: "" };
    expect(() => confirmGoImport(chosen, "example.com/a/b", [chosen])).not.toThrow();
    expect(thrown(() => confirmGoImport(chosen, "example.com/a/b", [{ ...chosen, repoRoot: "https://evil/a" }])).code).toBe("M074_VANITY_E010");
    expect(thrown(() => confirmGoImport(chosen, "example.com/a/b", [])).code).toBe("M074_VANITY_E010");
    expect(thrown(() => confirmGoImport(chosen, "example.com/a/b", [chosen, { ...chosen, prefix: "example.com" }])).code).toBe("M074_VANITY_E010");
  });

  it(`7: ${v.algorithm[6].slice(0, 60)}...`, () => {
    const im: MetaImport = { prefix: "example.com/a", vcs: "git", repoRoot: "file:///etc", subdir: "" };
    expect(thrown(() => checkGoImport(im, "example.com/a")).code).toBe("M074_VANITY_E008");
    expect(() => checkGoImport({ ...im, repoRoot: "ssh://git@example.com/a" }, "example.com/a")).not.toThrow();
  });

  it(`8: ${v.algorithm[7].slice(0, 60)}...`, () => {
    const im = matchGoImport(parseMetaGoImports('<meta name="go-import" content="example.com/gopher mod https://modproxy.example.com/">', "PreferMod"), "example.com/gopher/sub");
    checkGoImport(im, "example.com/gopher/sub");
    expect(proxyUrls(im.repoRoot, im.prefix, "v1.2.3").mod).toBe("https://modproxy.example.com/example.com/gopher/@v/v1.2.3.mod");
  });
});

describe("every M074_VANITY code", () => {
  const cases: [string, string, () => unknown][] = [
    ["M074_VANITY_E001", "unescaped < in text", () => parseMetaGoImports("<p>1 < 2</p>", "IgnoreMod")],
    ["M074_VANITY_E001", "EOF inside a tag", () => parseMetaGoImports('<meta name="go-import"', "IgnoreMod")],
    ["M074_VANITY_E001", "< inside a quoted value", () => parseMetaGoImports('<a href="<">', "IgnoreMod")],
    ["M074_VANITY_E001", "invalid element name", () => parseMetaGoImports("<1a>", "IgnoreMod")],
    ["M074_VANITY_E001", "-- inside a comment", () => parseMetaGoImports("<!-- a -- b -->", "IgnoreMod")],
    ["M074_VANITY_E001", "bad <![ sequence", () => parseMetaGoImports("<![CDAT[x]]>", "IgnoreMod")],
    ["M074_VANITY_E001", "]]> in text", () => parseMetaGoImports("a ]]> b", "IgnoreMod")],
    ["M074_VANITY_E001", "NUL character reference", () => parseMetaGoImports('<meta name="&#0;">', "IgnoreMod")],
    ["M074_VANITY_E001", "control character in text", () => parseMetaGoImports("a\x01b", "IgnoreMod")],
    ["M074_VANITY_E001", "bad end tag", () => parseMetaGoImports("</a b>", "IgnoreMod")],
    ["M074_VANITY_E001", "self-closing slash without >", () => parseMetaGoImports("<a/b>", "IgnoreMod")],
    ["M074_VANITY_E002", "XML 1.1", () => parseMetaGoImports('<?xml version="1.1"?>', "IgnoreMod")],
    ["M074_VANITY_E003", "Latin-1", () => parseMetaGoImports("<?xml encoding='latin1'?>", "IgnoreMod")],
    ["M074_VANITY_E004", "no match", () => matchGoImport([{ prefix: "a.com/x", vcs: "git", repoRoot: "https://g", subdir: "" }], "a.com/xy")],
    ["M074_VANITY_E005", "two matches", () => matchGoImport([{ prefix: "a.com", vcs: "git", repoRoot: "https://g", subdir: "" }, { prefix: "a.com/x", vcs: "git", repoRoot: "https://g", subdir: "" }], "a.com/x")],
    ["M074_VANITY_E006", "unparseable repo root", () => validateRepoRoot("https://a b/")],
    ["M074_VANITY_E007", "no scheme", () => validateRepoRoot("github.com/o/r")],
    ["M074_VANITY_E008", "file scheme", () => validateRepoRoot("file:///x")],
    ["M074_VANITY_E009", "unknown vcs", () => checkGoImport({ prefix: "a.com", vcs: "cvs", repoRoot: "https://g", subdir: "" }, "a.com")],
    ["M074_VANITY_E010", "disagreement", () => confirmGoImport({ prefix: "a.com", vcs: "git", repoRoot: "https://g", subdir: "" }, "a.com/x", [{ prefix: "a.com", vcs: "git", repoRoot: "https://g", subdir: "sub" }])],
    ["M074_VANITY_E011", "no host", () => goGetUrls("localhost/x", false)],
    ["M074_VANITY_E012", "github.com path too short", () => staticRepoRoot("github.com/owner")],
    ["M074_VANITY_E012", "github.com path with a bad character", () => staticRepoRoot("github.com/o/r/~x")],
    ["M074_VANITY_E013", "github.com repo with .git", () => staticRepoRoot("github.com/o/r.git")],
  ];
  it.each(cases)("%s: %s", (code, _name, f) => {
    expect(thrown(f).code).toBe(code);
  });

  it("every M074_VANITY code is reachable", () => {
    expect([...new Set(cases.map((c) => c[0]))].sort()).toEqual(Array.from({ length: 13 }, (_, i) => `M074_VANITY_E${String(i + 1).padStart(3, "0")}`));
  });
});
