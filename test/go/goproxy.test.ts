import { describe, expect, it } from "vitest";
import { utf8Encode } from "../../core/src/bytes.js";
import { MochiError } from "../../core/src/errors.js";
import { hashGoMod } from "../../core/src/go/dirhash.js";
import { parseGoProxy, parseGoSumDb, type ProxyEntry } from "../../core/src/go/goenv.js";
import {
  MAX_ZIP_DOWNLOAD,
  formatGoSum,
  latestFromList,
  listVersions,
  moduleCachePaths,
  parseGoSum,
  parseGoSumLine,
  parseInfo,
  parseRfc3339,
  proxyStatusKind,
  proxyUrls,
  sumDbCachePath,
  sumDbConfigPath,
  synthesizedGoMod,
  tryProxies,
} from "../../core/src/go/goproxy.js";
import { escapePath } from "../../core/src/go/modpath.js";
import { parseQuery, selectVersion } from "../../core/src/go/query.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { loadVector } from "../vectors.js";
import { thrown } from "../support/errors.js";

const v = loadVector("goproxy.json");
const dirhash = loadVector("dirhash.json");
const sumdbClient = loadVector("sumdb-client.json");

async function rejected(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

it("goproxy.json: every top-level key is consumed here", () => {
  expect(Object.keys(v).sort()).toEqual(
    ["description", "go_sum_line", "goproxy_env_parsing", "gosumdb_env", "latest_preference", "module_cache_layout", "responses", "source", "urls"].sort(),
  );
  expect(Object.keys(v.responses).sort()).toEqual(["errors", "info", "latest", "list", "mod", "zip"]);
});

describe("urls", () => {
  it.each(v.urls.map((c: Record<string, string>) => [`${c.module}@${c.version} from ${c.base}`, c]))("%s", (_name, c) => {
    const urls = proxyUrls(c.base, c.module, c.version) as unknown as Record<string, string>;
    let checked = 0;
    for (const key of ["list", "info", "mod", "zip", "latest"]) {
      if (c[key] === undefined) continue;
      expect(urls[key], key).toBe(c[key]);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    if (c.wire_form_of_first_element !== undefined) {
      // What Go's url path escaping puts on the wire: "!" as %21.
      expect(escapePath(c.module).replaceAll("!", "%21")).toBe(c.wire_form_of_first_element.split(" ")[0]);
    }
  });

  it("without a version only list and latest; bad paths and versions are refused", () => {
    expect(proxyUrls("https://p.example/", "example.com/M")).toEqual({
      list: "https://p.example/example.com/!m/@v/list",
      latest: "https://p.example/example.com/!m/@latest",
    });
    expect(thrown(() => proxyUrls("https://p.example", "Example.com/m")).code).toMatch(/^M074_MODPATH_/);
    expect(thrown(() => proxyUrls("https://p.example", "example.com/m", "v1.0.0!")).code).toMatch(/^M074_MODPATH_/);
  });
});

describe("responses.list", () => {
  it("example body", () => {
    expect(listVersions(v.responses.list.example_body)).toEqual(["v0.1.0", "v0.2.0"]);
  });

  it("rule: field 1 kept if semver-valid, pseudo-versions dropped, optional time field, unordered input sorted", () => {
    const body = [
      "v1.10.0 2021-01-01T00:00:00Z",
      "v1.2.0",
      "  v1.9.0-rc.1  ",
      "",
      "garbage line",
      "1.3.0",
      "v0.0.0-20191109021931-daa7c04131f5",
      "v1.2.0",
      "v2.0.0+incompatible\tsomething else",
      "v1.2",
    ].join("\n");
    expect(listVersions(body)).toEqual(["v1.2", "v1.2.0", "v1.9.0-rc.1", "v1.10.0", "v2.0.0+incompatible"]);
    expect(v.responses.list.order).toContain("client sorts");
    expect(listVersions("v0.2.0\nv0.1.0\n")).toEqual(["v0.1.0", "v0.2.0"]);
  });
});

describe("responses.info", () => {
  it("example body", () => {
    expect(parseInfo(v.responses.info.example_body)).toEqual({ version: "v0.2.0", time: "2020-01-02T17:33:45Z" });
  });

  it("rule: Version required, canonical", () => {
    expect(thrown(() => parseInfo('{"Time":"2020-01-02T17:33:45Z"}')).code).toBe("M074_GOPROXY_E002");
    expect(thrown(() => parseInfo('{"Version":3}')).code).toBe("M074_GOPROXY_E002");
    expect(thrown(() => parseInfo("null")).code).toBe("M074_GOPROXY_E001");
    expect(thrown(() => parseInfo("[1]")).code).toBe("M074_GOPROXY_E001");
    expect(thrown(() => parseInfo("{not json")).code).toBe("M074_GOPROXY_E001");
    expect(thrown(() => parseInfo('{"Version":"v1.2"}')).code).toBe("M074_GOPROXY_E003");
    expect(thrown(() => parseInfo('{"Version":"master"}')).code).toBe("M074_GOPROXY_E003");
    expect(thrown(() => parseInfo('{"Version":"v1.0.0+build"}')).code).toBe("M074_GOPROXY_E003");
    expect(parseInfo('{"Version":"v36.0.0+incompatible"}')).toEqual({ version: "v36.0.0+incompatible" });
    // encoding/json matches field names without regard to case.
    expect(parseInfo('{"version":"v1.0.0","time":"2020-01-02T17:33:45Z"}')).toEqual({ version: "v1.0.0", time: "2020-01-02T17:33:45Z" });
  });

  it("rule: Time optional RFC3339", () => {
    expect(parseInfo('{"Version":"v1.0.0","Time":null}')).toEqual({ version: "v1.0.0" });
    expect(parseInfo('{"Version":"v1.0.0","Time":"2019-11-09T02:19:31.123456789+01:00"}').time).toBe("2019-11-09T02:19:31.123456789+01:00");
    for (const bad of ['"2020-01-02"', '"2020-13-02T00:00:00Z"', '"2021-02-29T00:00:00Z"', '"2020-01-02T24:00:00Z"', '"2020-01-02 17:33:45Z"', "12"]) {
      expect(thrown(() => parseInfo(`{"Version":"v1.0.0","Time":${bad}}`)).code, bad).toBe("M074_GOPROXY_E004");
    }
  });

  it("rule: a canonical request valid for the module must be echoed", () => {
    const body = '{"Version":"v1.0.1"}';
    const e = thrown(() => parseInfo(body, { module: "example.com/m", requested: "v1.0.0", where: "https://p/x.info" }));
    expect(e.code).toBe("M074_GOPROXY_E005");
    expect(e.detail).toBe("proxy returned info for version v1.0.1 instead of requested version v1.0.0");
    expect(e.where).toBe("https://p/x.info");
    // A query (not canonical) or a version the path cannot have may resolve to something else.
    expect(parseInfo(body, { module: "example.com/m", requested: "master" }).version).toBe("v1.0.1");
    expect(parseInfo(body, { module: "example.com/m", requested: "v1.0" }).version).toBe("v1.0.1");
    expect(parseInfo(body, { module: "example.com/m", requested: "v2.0.0" }).version).toBe("v1.0.1");
    expect(parseInfo(body, { module: "example.com/m", requested: "v1.0.1" }).version).toBe("v1.0.1");
  });

  it("rule: unknown fields allowed (e.g. Origin)", () => {
    const body = '{"Version":"v0.3.2","Time":"2019-04-19T19:46:16Z","Origin":{"VCS":"git","URL":"https://go.googlesource.com/text","Hash":"342b2e1fbaa52c93f31447ad2c6abc048c63e475","Ref":"refs/tags/v0.3.2"}}';
    expect(parseInfo(body)).toEqual({ version: "v0.3.2", time: "2019-04-19T19:46:16Z" });
  });
});

describe("responses.mod, zip, latest, errors", () => {
  it("mod: a module without go.mod is served as 'module <path>\\n', which hashes as published", async () => {
    const hashing = await nodeHashing();
    const synthesized = dirhash.go_mod_hashes.cases.filter((c: { note?: string }) => c.note?.includes("synthesized"));
    expect(synthesized.length).toBeGreaterThan(0);
    for (const c of synthesized) {
      expect(synthesizedGoMod(c.module)).toBe(c.go_mod);
      expect(hashGoMod(utf8Encode(synthesizedGoMod(c.module)), hashing)).toBe(c.h1);
    }
    expect(v.responses.mod.rule).toContain("module <path>\\n");
  });

  it("zip: read at most 500 MiB + 1 byte", () => {
    expect(v.responses.zip.rule).toContain("500 MiB + 1");
    expect(MAX_ZIP_DOWNLOAD).toBe(500 * 1024 * 1024 + 1);
  });

  it("latest: @latest is .info JSON; without it the newest pseudo-version of the list by time", () => {
    expect(parseInfo('{"Version":"v0.0.0-20191109021931-daa7c04131f5","Time":"2019-11-09T02:19:31Z"}').version).toBe(
      "v0.0.0-20191109021931-daa7c04131f5",
    );
    const body = ["v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa", "v0.0.0-20190101000000-bbbbbbbbbbbb"].join("\n");
    expect(latestFromList(body)).toBe("v0.0.0-20200101000000-aaaaaaaaaaaa");
    // A listed time beats the pseudo-version's own timestamp; tagged lines without one are ignored.
    expect(latestFromList("v0.0.0-20200101000000-aaaaaaaaaaaa\nv0.0.0-20190101000000-bbbbbbbbbbbb 2021-06-01T00:00:00Z\nv1.0.0\n")).toBe(
      "v0.0.0-20190101000000-bbbbbbbbbbbb",
    );
    expect(latestFromList("v1.0.0\nv1.1.0\n")).toBeUndefined();
    expect(latestFromList("")).toBeUndefined();
    // Equal times: the first line wins; an unreal timestamp never wins.
    expect(latestFromList("v0.0.0-20200101000000-aaaaaaaaaaaa\nv0.0.0-20200101000000-cccccccccccc\n")).toBe("v0.0.0-20200101000000-aaaaaaaaaaaa");
    expect(latestFromList("v0.0.0-20201301000000-aaaaaaaaaaaa\n")).toBeUndefined();
  });

  it("errors: 200 success, 404/410 not found, other statuses errors", () => {
    expect(v.responses.errors.rule).toContain("404 and 410");
    expect([200, 404, 410, 403, 500, 502, 204, 304, 451].map(proxyStatusKind)).toEqual([
      "ok", "not-found", "not-found", "error", "error", "error", "error", "error", "error",
    ]);
  });
});

describe("TryProxies: how the GOPROXY list is walked", () => {
  const notFound = new Error("404");
  const broken = new Error("500");
  const isNotFound = (e: unknown): boolean => e === notFound;

  function walk(goproxy: string, answers: Record<string, "ok" | Error>) {
    const tried: string[] = [];
    const run = tryProxies(
      parseGoProxy(goproxy),
      async (entry: ProxyEntry) => {
        tried.push(entry.url);
        const a = answers[entry.url];
        if (a === undefined || a instanceof Error) throw a ?? notFound;
        return entry.url;
      },
      isNotFound,
    );
    return { tried, run };
  }

  it("',' falls through only on not-found", async () => {
    const a = walk("https://a.example,https://b.example,direct", { "https://a.example": notFound, "https://b.example": "ok" });
    expect(await a.run).toBe("https://b.example");
    const b = walk("https://a.example,https://b.example", { "https://a.example": broken, "https://b.example": "ok" });
    expect(await rejected(b.run)).toBe(broken);
    expect(b.tried).toEqual(["https://a.example"]);
  });

  it("'|' falls through on any error", async () => {
    const a = walk("https://a.example|https://b.example", { "https://a.example": broken, "https://b.example": "ok" });
    expect(await a.run).toBe("https://b.example");
    expect(a.tried).toEqual(["https://a.example", "https://b.example"]);
  });

  it("the reported error: direct's, else a proxy's real error, else not-found", async () => {
    const directErr = new Error("git failed");
    const a = walk("https://a.example|direct", { "https://a.example": broken, direct: directErr });
    expect(await rejected(a.run)).toBe(directErr);
    const b = walk("https://a.example|https://b.example", { "https://a.example": broken, "https://b.example": notFound });
    expect(await rejected(b.run)).toBe(broken);
    const c = walk("https://a.example,https://b.example", {});
    expect(await rejected(c.run)).toBe(notFound);
  });

  it("off (and an empty list) fail as not-found without calling out", async () => {
    const a = walk("off", {});
    expect(((await rejected(a.run)) as MochiError).code).toBe("M074_GOPROXY_E008");
    expect(a.tried).toEqual([]);
    const b = walk("https://a.example,off", { "https://a.example": notFound });
    expect(((await rejected(b.run)) as MochiError).code).toBe("M074_GOPROXY_E008");
    const c = walk("", {});
    expect(((await rejected(c.run)) as MochiError).code).toBe("M074_GOPROXY_E008");
  });
});

describe("latest_preference", () => {
  it(v.latest_preference, () => {
    const latest = (list: string): string | undefined => selectVersion(parseQuery("latest"), listVersions(list), () => false)?.version;
    // Release beats prerelease beats pseudo-version, each the semantically highest.
    expect(latest("v1.2.0\nv1.10.0\nv1.11.0-rc.1\nv0.0.0-20300101000000-aaaaaaaaaaaa\n")).toBe("v1.10.0");
    expect(latest("v1.11.0-rc.1\nv1.11.0-beta.2\nv0.0.0-20300101000000-aaaaaaaaaaaa\n")).toBe("v1.11.0-rc.1");
    // Only pseudo-versions: nothing from the list (Go >= 1.13 ignores them there); @latest or latestFromList decide.
    const pseudoOnly = "v0.0.0-20190101000000-bbbbbbbbbbbb\nv0.0.0-20200101000000-aaaaaaaaaaaa\n";
    expect(latest(pseudoOnly)).toBeUndefined();
    expect(latestFromList(pseudoOnly)).toBe("v0.0.0-20200101000000-aaaaaaaaaaaa");
  });
});

describe("goproxy_env_parsing", () => {
  it.each(v.goproxy_env_parsing.cases.map((c: Record<string, unknown>) => [`${JSON.stringify(c.GOPROXY)}${c.GONOPROXY ? ` GONOPROXY=${c.GONOPROXY}` : ""}`, c]))(
    "%s",
    (_name, c) => {
      const got = parseGoProxy(c.GOPROXY, c.GONOPROXY ?? "");
      const want = c.list.map((e: { url: string; fallBackOnError?: boolean }) => ({ url: e.url, fallbackOnAnyError: e.fallBackOnError ?? false }));
      expect(got).toEqual(want);
    },
  );

  it("doc rules (see also goenv.test.ts)", () => {
    expect(v.goproxy_env_parsing.doc).toContain("'direct' ends the list");
    // 'off' and 'direct' end the list; empty entries skipped; ',' vs '|'.
    expect(parseGoProxy(" https://a.example | , off|direct")).toEqual([
      { url: "https://a.example", fallbackOnAnyError: true },
      { url: "off", fallbackOnAnyError: false },
    ]);
    // No synthetic noproxy entry when GOPROXY is exactly "direct".
    expect(parseGoProxy("direct", "corp.example.com")).toEqual([{ url: "direct", fallbackOnAnyError: false }]);
  });
});

describe("gosumdb_env", () => {
  it.each(v.gosumdb_env.cases.map((c: Record<string, string>) => [JSON.stringify(c.GOSUMDB), c]))("%s", (_name, c) => {
    if (c.error !== undefined) {
      const e = thrown(() => parseGoSumDb(c.GOSUMDB));
      expect(e.code).toBe(c.error.startsWith("missing") ? "M074_GOENV_E006" : "M074_GOENV_E007");
      return;
    }
    const db = parseGoSumDb(c.GOSUMDB);
    if (db === "off") throw new Error("unexpected off");
    expect(db.verifierKey).toBe(c.key);
    expect(db.name).toBe(c.key.split("+")[0]);
    if (c.direct_base !== undefined) {
      expect(db.url).toBeUndefined();
      expect(db.directUrl).toBe(c.direct_base);
    }
    if (c.base !== undefined) expect(db.url).toBe(c.base);
  });

  it("doc rules: off, name+hash+key [url], host[/path] names", () => {
    expect(parseGoSumDb("off")).toBe("off");
    const key = "sum.example.com/db+01234567+AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB";
    expect(parseGoSumDb(key)).toEqual({ name: "sum.example.com/db", verifierKey: key, url: undefined, directUrl: "https://sum.example.com/db" });
    expect(parseGoSumDb(`${key} https://mirror.example.com/sumdb`).url).toBe("https://mirror.example.com/sumdb");
    expect(parseGoSumDb("sum.golang.org https://proxy.example/sumdb/sum.golang.org").url).toBe("https://proxy.example/sumdb/sum.golang.org");
  });
});

describe("module_cache_layout", () => {
  it("cache/download mirrors the proxy URL space; extracted trees at <M>@<V>", () => {
    expect(v.module_cache_layout.doc).toContain("cache/download");
    expect(moduleCachePaths("github.com/BurntSushi/toml", "v1.0.0-RC1")).toEqual({
      list: "cache/download/github.com/!burnt!sushi/toml/@v/list",
      info: "cache/download/github.com/!burnt!sushi/toml/@v/v1.0.0-!r!c1.info",
      mod: "cache/download/github.com/!burnt!sushi/toml/@v/v1.0.0-!r!c1.mod",
      zip: "cache/download/github.com/!burnt!sushi/toml/@v/v1.0.0-!r!c1.zip",
      ziphash: "cache/download/github.com/!burnt!sushi/toml/@v/v1.0.0-!r!c1.ziphash",
      lock: "cache/download/github.com/!burnt!sushi/toml/@v/v1.0.0-!r!c1.lock",
      dir: "github.com/!burnt!sushi/toml@v1.0.0-!r!c1",
    });
  });

  it("the download tree, served statically, is a GOPROXY: same relative paths as the URLs", () => {
    for (const c of v.urls) {
      const urls = proxyUrls("https://p.example", c.module, c.version);
      const paths = moduleCachePaths(c.module, c.version);
      for (const k of ["list", "info", "mod", "zip"] as const) {
        expect("cache/download/" + urls[k].slice("https://p.example/".length)).toBe(paths[k]);
      }
    }
  });

  it("sumdb cache files and the trusted tree head", () => {
    expect(sumDbCachePath("sum.golang.org/tile/8/0/x123/456")).toBe("cache/download/sumdb/sum.golang.org/tile/8/0/x123/456");
    expect(sumDbConfigPath("sum.golang.org/latest")).toBe("pkg/sumdb/sum.golang.org/latest");
  });
});

describe("go_sum_line", () => {
  it.each(v.go_sum_line.examples.map((l: string) => [l]))("%s", (line) => {
    const parsed = parseGoSumLine(line);
    expect(parsed.path).toBe("rsc.io/quote");
    expect(parsed.version).toBe("v1.5.2");
    expect(parsed.goMod).toBe(line.includes("/go.mod"));
    expect(parsed.hash).toBe(line.split(" ")[2]);
    expect(formatGoSum([parsed])).toBe(line + "\n");
  });

  it("format: <module> <version>[/go.mod] h1:<base64 sha256>", () => {
    expect(v.go_sum_line.format).toBe("<module> <version>[/go.mod] h1:<base64 sha256>");
    for (const c of dirhash.go_mod_hashes.cases) {
      expect(formatGoSum([parseGoSumLine(c.go_sum_line)])).toBe(c.go_sum_line + "\n");
    }
  });

  it("unknown_hash_prefix: h2: and others are kept but not checked (sumdb record 0)", () => {
    expect(v.go_sum_line.unknown_hash_prefix).toContain("h2:");
    const lines = parseGoSum(sumdbClient.records[0].text);
    expect(lines.map((l) => l.hash)).toEqual([
      "h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=",
      "h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=",
      "h2:xyzzy",
    ]);
    expect(lines.filter((l) => l.hash.startsWith("h1:"))).toHaveLength(2);
  });

  it("go.sum files: blank lines, the old empty-go.mod bug line, errors with line numbers", () => {
    const text = "\nrsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=\nexample.com/x v1.0.0/go.mod h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=\n";
    expect(parseGoSum(text)).toHaveLength(1);
    const e = thrown(() => parseGoSum("rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=\nrsc.io/quote v1.5.2\n", "a/go.sum"));
    expect(e.code).toBe("M074_GOPROXY_E006");
    expect(e.where).toBe("a/go.sum:2");
    expect(thrown(() => parseGoSumLine("a b c d")).code).toBe("M074_GOPROXY_E006");
    expect(thrown(() => parseGoSumLine("rsc.io/Quote v1.5.2 h1:uppercase!=")).code).toBe("M074_GOPROXY_E007");
    expect(thrown(() => parseGoSumLine("rsc.io/quote v1.5.2 h1:AAAA")).code).toBe("M074_GOPROXY_E007");
  });

  it("writes go.sum sorted as the go command does, duplicates once", () => {
    const lines = parseGoSum(
      [
        "rsc.io/sampler v1.3.0/go.mod h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=",
        "rsc.io/quote v1.10.0 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=",
        "rsc.io/quote v1.5.2/go.mod h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=",
        "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=",
        "golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c h1:qgOY6WgZOaTkIIMiVjBQcw93ERBE4m30iBm00nkL0i8=",
        "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=",
        "rsc.io/quote v1.5.2 h2:xyzzy",
      ].join("\n"),
    );
    expect(formatGoSum(lines)).toBe(
      [
        "golang.org/x/text v0.0.0-20170915032832-14c0d48ead0c h1:qgOY6WgZOaTkIIMiVjBQcw93ERBE4m30iBm00nkL0i8=",
        "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=",
        "rsc.io/quote v1.5.2 h2:xyzzy",
        "rsc.io/quote v1.5.2/go.mod h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=",
        "rsc.io/quote v1.10.0 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=",
        "rsc.io/sampler v1.3.0/go.mod h1:T1hPZKmBbMNahiBKFy5HrXp6adAjACjK9JXDnKaTXpA=",
        "",
      ].join("\n"),
    );
  });
});

describe("RFC 3339 times", () => {
  it("exact to the nanosecond, offsets applied", () => {
    expect(parseRfc3339("1970-01-01T00:00:00Z")).toBe(0n);
    expect(parseRfc3339("1970-01-01T00:00:01.5Z")).toBe(1_500_000_000n);
    expect(parseRfc3339("1970-01-01T01:00:00+01:00")).toBe(0n);
    expect(parseRfc3339("2019-11-09T02:19:31Z")).toBe(1573265971n * 1_000_000_000n);
    expect(parseRfc3339("2000-02-29T00:00:00Z")).toBe(951782400n * 1_000_000_000n);
    expect(parseRfc3339("1969-12-31T23:59:59.999999999Z")).toBe(-1n);
    for (const bad of ["2019-11-09", "2019-11-09T02:19:31", "2019-11-09t02:19:31Z", "2100-02-29T00:00:00Z", "2019-11-09T02:19:60Z", "2019-11-09T02:19:31+24:00"]) {
      expect(parseRfc3339(bad), bad).toBeUndefined();
    }
  });
});
