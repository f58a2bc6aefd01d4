import { describe, expect, it } from "vitest";
import { MochiError } from "../../core/src/errors.js";
import {
  checkGoVcs,
  fields,
  goEnvFromRecord,
  insecureFor,
  knownGoSumDb,
  noProxyFor,
  noSumDbFor,
  parseGoProxy,
  parseGoSumDb,
  parseUrl,
  proxiesFor,
  trimSpace,
} from "../../core/src/go/goenv.js";
import { loadVector } from "../vectors.js";
import { thrown } from "../support/errors.js";

const vanity = loadVector("vanity.json");
const note = loadVector("note.json");

describe("goEnvFromRecord", () => {
  it("defaults: proxy.golang.org then direct, sum.golang.org, nothing private", () => {
    const env = goEnvFromRecord({});
    expect(env.goproxy).toBe("https://proxy.golang.org,direct");
    expect(env.proxies).toEqual([
      { url: "https://proxy.golang.org", fallbackOnAnyError: false },
      { url: "direct", fallbackOnAnyError: false },
    ]);
    expect(env.gosumdb).toEqual({
      name: "sum.golang.org",
      verifierKey: "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
      url: undefined,
      directUrl: "https://sum.golang.org",
    });
    expect([env.goprivate, env.gonoproxy, env.gonosumdb, env.goinsecure]).toEqual(["", "", "", ""]);
    expect(env.goflags).toEqual([]);
    expect(env.mod).toBeUndefined();
  });

  it("a variable set to the empty string counts as unset", () => {
    const env = goEnvFromRecord({ GOPROXY: "", GOSUMDB: "", GONOPROXY: "", GOPRIVATE: "" });
    expect(env.goproxy).toBe("https://proxy.golang.org,direct");
    expect(env.gosumdb).not.toBe("off");
  });

  it("GOPRIVATE is the default of GONOPROXY and GONOSUMDB, and adds the noproxy entry", () => {
    const env = goEnvFromRecord({ GOPRIVATE: "*.corp.example.com,rsc.io/private" });
    expect(env.gonoproxy).toBe("*.corp.example.com,rsc.io/private");
    expect(env.gonosumdb).toBe("*.corp.example.com,rsc.io/private");
    expect(env.proxies[0]).toEqual({ url: "noproxy", fallbackOnAnyError: false });
    expect(noProxyFor(env, "git.corp.example.com/team/repo")).toBe(true);
    expect(noSumDbFor(env, "rsc.io/private/sub")).toBe(true);
    expect(noProxyFor(env, "rsc.io/quote")).toBe(false);
    expect(noSumDbFor(env, "rsc.io/quote")).toBe(false);
  });

  it("explicit GONOPROXY / GONOSUMDB override GOPRIVATE separately", () => {
    const env = goEnvFromRecord({ GOPRIVATE: "corp.example.com", GONOPROXY: "none.example", GONOSUMDB: "sum.example" });
    expect(noProxyFor(env, "corp.example.com/x")).toBe(false);
    expect(noProxyFor(env, "none.example/x")).toBe(true);
    expect(noSumDbFor(env, "corp.example.com/x")).toBe(false);
    expect(noSumDbFor(env, "sum.example/x")).toBe(true);
  });

  it("GOSUMDB=off skips the database for every module; GOINSECURE is separate", () => {
    const env = goEnvFromRecord({ GOSUMDB: "off", GOINSECURE: "*.lan" });
    expect(env.gosumdb).toBe("off");
    expect(noSumDbFor(env, "rsc.io/quote")).toBe(true);
    expect(insecureFor(env, "git.lan/x")).toBe(true);
    expect(insecureFor(env, "rsc.io/quote")).toBe(false);
  });

  it("proxiesFor: GONOPROXY modules go direct, even with GOPROXY=off; others skip noproxy", () => {
    const env = goEnvFromRecord({ GOPROXY: "https://a.example|https://b.example", GONOPROXY: "corp.example.com" });
    expect(proxiesFor(env, "corp.example.com/x")).toEqual([{ url: "direct", fallbackOnAnyError: false }]);
    expect(proxiesFor(env, "rsc.io/quote")).toEqual([
      { url: "https://a.example", fallbackOnAnyError: true },
      { url: "https://b.example", fallbackOnAnyError: false },
    ]);
    const off = goEnvFromRecord({ GOPROXY: "off", GOPRIVATE: "corp.example.com" });
    expect(proxiesFor(off, "corp.example.com/x")).toEqual([{ url: "direct", fallbackOnAnyError: false }]);
    expect(proxiesFor(off, "rsc.io/quote")).toEqual([{ url: "off", fallbackOnAnyError: false }]);
  });

  it("GOFLAGS: -flag and -flag=value words; -mod is read (the last one wins)", () => {
    const env = goEnvFromRecord({ GOFLAGS: " -mod=readonly  --modcacherw -tags=a,b -mod=mod " });
    expect(env.goflags).toEqual([
      { name: "mod", value: "readonly" },
      { name: "modcacherw", value: undefined },
      { name: "tags", value: "a,b" },
      { name: "mod", value: "mod" },
    ]);
    expect(env.mod).toBe("mod");
    expect(goEnvFromRecord({ GOFLAGS: "-mod=vendor" }).mod).toBe("vendor");
  });
});

describe("GOPROXY entries (goproxy.json doc rules)", () => {
  it("scheme-less words with '.', ':' or '/' get https://; schemes http, https, file", () => {
    expect(parseGoProxy("goproxy.cn,localhost:8080,corp/proxy,http://plain.example,file:///srv/goproxy").map((e) => e.url)).toEqual([
      "https://goproxy.cn",
      "https://localhost:8080",
      "https://corp/proxy",
      "http://plain.example",
      "file:///srv/goproxy",
    ]);
  });
});

describe("GOVCS (vanity.json vcs_secure_schemes.govcs_default)", () => {
  it(`default: ${vanity.vcs_secure_schemes.govcs_default}`, () => {
    const env = goEnvFromRecord({ GOPRIVATE: "corp.example.com" });
    for (const vcs of ["git", "hg"]) expect(() => checkGoVcs(env, "example.com/repo", vcs)).not.toThrow();
    for (const vcs of ["svn", "bzr", "fossil"]) expect(thrown(() => checkGoVcs(env, "example.com/repo", vcs)).code).toBe("M074_GOENV_E021");
    for (const vcs of ["git", "hg", "svn", "bzr", "fossil"]) expect(() => checkGoVcs(env, "corp.example.com/repo", vcs)).not.toThrow();
    expect(thrown(() => checkGoVcs(env, "example.com/repo", "svn")).detail).toBe("GOVCS disallows using svn for public example.com/repo");
  });

  it("user rules come first; the first matching rule decides; mod is always allowed", () => {
    const env = goEnvFromRecord({ GOVCS: "github.com:git,evil.com:off,*:git|hg|svn , private:off" });
    expect(env.govcs.map((r) => r.pattern)).toEqual(["github.com", "evil.com", "*", "private", "private", "public"]);
    expect(thrown(() => checkGoVcs(env, "github.com/o/r", "hg")).code).toBe("M074_GOENV_E021");
    expect(thrown(() => checkGoVcs(env, "evil.com/x", "git")).code).toBe("M074_GOENV_E021");
    expect(() => checkGoVcs(env, "example.org/x", "svn")).not.toThrow();
    expect(() => checkGoVcs(env, "evil.com/x", "mod")).not.toThrow();
    const all = goEnvFromRecord({ GOVCS: "public:all" });
    expect(() => checkGoVcs(all, "example.org/x", "fossil")).not.toThrow();
  });
});

describe("parseUrl (Go's url.Parse, as far as needed)", () => {
  it("splits scheme, authority, path, query and fragment", () => {
    expect(parseUrl("https://user@Host.example:8080/a%20b/c?x=1#frag")).toEqual({
      scheme: "https",
      opaque: "",
      user: "user",
      host: "Host.example:8080",
      path: "/a b/c",
      rawPath: false,
      query: "x=1",
      forceQuery: false,
      fragment: "frag",
    });
    expect(parseUrl("HTTP://x/")).toMatchObject({ scheme: "http", host: "x", path: "/" });
    expect(parseUrl("mailto:me@example.com")).toMatchObject({ scheme: "mailto", opaque: "me@example.com", host: "" });
    expect(parseUrl("file:///srv/x?")).toMatchObject({ scheme: "file", host: "", path: "/srv/x", forceQuery: true });
    expect(parseUrl("relative/path")).toMatchObject({ scheme: "", path: "relative/path" });
    expect(parseUrl("/a/%41")).toMatchObject({ path: "/a/A", rawPath: true });
    expect(parseUrl("https://[::1]:443/x")).toMatchObject({ host: "[::1]:443" });
  });

  it("reports what Go rejects", () => {
    for (const bad of [":foo", "a:b/c".replace("a", "-a"), "http://x/\n", "http://x/%zz", "http://a b/", "http://x:port/", "http://us er@x/", "#%zz"]) {
      expect("error" in parseUrl(bad), bad).toBe(true);
    }
  });
});

describe("Go string helpers", () => {
  it("fields and trimSpace use Unicode white space (not the BOM)", () => {
    expect(fields(" a\tb\u00a0c\u2003d\n")).toEqual(["a", "b", "c", "d"]);
    expect(fields("\ufeffa")).toEqual(["\ufeffa"]);
    expect(fields("   ")).toEqual([]);
    expect(trimSpace("\u3000 x y \r\n")).toBe("x y");
  });
});

describe("GOSUMDB details", () => {
  it("the built-in key is the one note.json verifies", () => {
    const serialized = JSON.stringify(note);
    expect(serialized).toContain(knownGoSumDb["sum.golang.org"]!);
  });

  it("a custom database given by its full key and a mirror URL", () => {
    const key = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
    expect(parseGoSumDb(`${key} https://sum.golang.google.cn`)).toEqual(parseGoSumDb("sum.golang.google.cn"));
  });
});

describe("every M074_GOENV code", () => {
  const cases: [string, string, () => unknown][] = [
    ["M074_GOENV_E001", "GOPROXY of separators only", () => parseGoProxy(" , |")],
    ["M074_GOENV_E001", "GOPROXY with only the noproxy entry", () => parseGoProxy(",", "corp.example.com")],
    ["M074_GOENV_E002", "proxy URL with a control character", () => parseGoProxy("https://a.example/\x01,direct")],
    ["M074_GOENV_E002", "proxy URL with a bad port", () => parseGoProxy("https://a.example:x/")],
    ["M074_GOENV_E003", "single word", () => parseGoProxy("proxy")],
    ["M074_GOENV_E003", "absolute path", () => parseGoProxy("/srv/goproxy")],
    ["M074_GOENV_E004", "ftp scheme", () => parseGoProxy("ftp://a.example")],
    ["M074_GOENV_E004", "Windows drive read as a scheme", () => parseGoProxy("C:/goproxy")],
    ["M074_GOENV_E005", "file URL with a host", () => parseGoProxy("file://host/srv")],
    ["M074_GOENV_E005", "file URL with a query", () => parseGoProxy("file:///srv?x")],
    ["M074_GOENV_E005", "file URL, opaque", () => parseGoProxy("file:srv:/goproxy")],
    ["M074_GOENV_E002", "opaque-looking word gets https:// and a bad port", () => parseGoProxy("file:srv/goproxy")],
    ["M074_GOENV_E006", "empty GOSUMDB", () => parseGoSumDb("")],
    ["M074_GOENV_E006", "blank GOSUMDB", () => parseGoSumDb("   ")],
    ["M074_GOENV_E007", "three fields", () => parseGoSumDb("a b c")],
    ["M074_GOENV_E008", "unknown bare name", () => parseGoSumDb("sum.example.com")],
    ["M074_GOENV_E008", "short hash", () => parseGoSumDb("sum.example.com+0123+AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB")],
    ["M074_GOENV_E008", "bad base64", () => parseGoSumDb("sum.example.com+01234567+!!!!")],
    ["M074_GOENV_E008", "short key", () => parseGoSumDb("sum.example.com+01234567+AQEB")],
    ["M074_GOENV_E009", "non-Ed25519 algorithm", () => parseGoSumDb("sum.example.com+01234567+AgEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB")],
    ["M074_GOENV_E010", "name with a query", () => parseGoSumDb("sum.example.com?x+01234567+AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB")],
    ["M074_GOENV_E010", "name with a trailing slash", () => parseGoSumDb("sum.example.com/+01234567+AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB")],
    ["M074_GOENV_E010", "name with user info", () => parseGoSumDb("u@sum.example.com+01234567+AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB")],
    ["M074_GOENV_E010", "name with an escape", () => parseGoSumDb("sum.example.com/%41+01234567+AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB")],
    ["M074_GOENV_E011", "URL without scheme", () => parseGoSumDb("sum.golang.org mirror.example.com")],
    ["M074_GOENV_E011", "URL with a bad escape", () => parseGoSumDb("sum.golang.org https://x/%zz")],
    ["M074_GOENV_E012", "GOFLAGS word without a dash", () => goEnvFromRecord({ GOFLAGS: "-mod=mod vendor" })],
    ["M074_GOENV_E012", "GOFLAGS three dashes", () => goEnvFromRecord({ GOFLAGS: "---x" })],
    ["M074_GOENV_E012", "GOFLAGS -=", () => goEnvFromRecord({ GOFLAGS: "-=x" })],
    ["M074_GOENV_E013", "GOFLAGS -mod=readwrite", () => goEnvFromRecord({ GOFLAGS: "-mod=readwrite" })],
    ["M074_GOENV_E013", "GOFLAGS -mod without value", () => goEnvFromRecord({ GOFLAGS: "-mod" })],
    ["M074_GOENV_E014", "GOVCS empty entry", () => goEnvFromRecord({ GOVCS: "a.com:git,,b.com:git" })],
    ["M074_GOENV_E015", "GOVCS no colon", () => goEnvFromRecord({ GOVCS: "github.com" })],
    ["M074_GOENV_E016", "GOVCS empty pattern", () => goEnvFromRecord({ GOVCS: ":git" })],
    ["M074_GOENV_E017", "GOVCS empty list", () => goEnvFromRecord({ GOVCS: "github.com:" })],
    ["M074_GOENV_E018", "GOVCS relative pattern", () => goEnvFromRecord({ GOVCS: "./x:git" })],
    ["M074_GOENV_E019", "GOVCS repeated pattern", () => goEnvFromRecord({ GOVCS: "github.com:git,github.com:hg" })],
    ["M074_GOENV_E020", "GOVCS empty VCS name", () => goEnvFromRecord({ GOVCS: "github.com:git||hg" })],
    ["M074_GOENV_E021", "GOVCS disallows", () => checkGoVcs(goEnvFromRecord({ GOVCS: "github.com:off" }), "github.com/o/r", "git")],
  ];
  it.each(cases)("%s: %s", (code, _name, f) => {
    expect(thrown(f).code).toBe(code);
  });

  it("every M074_GOENV code is reachable", () => {
    expect([...new Set(cases.map((c) => c[0]))].sort()).toEqual(Array.from({ length: 21 }, (_, i) => `M074_GOENV_E${String(i + 1).padStart(3, "0")}`));
  });
});
