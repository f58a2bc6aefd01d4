import { describe, expect, it } from "vitest";
import { parseQuery, selectVersion, type Query } from "../../core/src/go/query.js";
import { isMochiError } from "../../core/src/errors.js";
import { codeOf } from "../support/errors.js";

const versions = ["v1.0.0", "v1.1.0", "v1.2.0", "v1.2.1", "v1.3.0-rc.1", "v2.0.0+incompatible", "v0.9.0", "v1.10.0-beta"];
const retracted = new Set(["v1.2.1"]);
const sel = (q: string, vs = versions, r = retracted) => selectVersion(parseQuery(q), vs, (v) => r.has(v));

describe("version queries", () => {
  it("parses each form", () => {
    expect(parseQuery("latest")).toEqual<Query>({ kind: "latest" });
    expect(parseQuery("v1")).toEqual<Query>({ kind: "prefix", prefix: "v1" });
    expect(parseQuery("v1.2")).toEqual<Query>({ kind: "prefix", prefix: "v1.2" });
    expect(parseQuery(">=v1.2.0")).toEqual<Query>({ kind: "compare", op: ">=", version: "v1.2.0" });
    expect(parseQuery("<v2")).toEqual<Query>({ kind: "compare", op: "<", version: "v2" });
    expect(parseQuery("v1.2.3")).toEqual<Query>({ kind: "exact", version: "v1.2.3" });
    expect(parseQuery("v2.1.0+incompatible")).toEqual<Query>({ kind: "exact", version: "v2.1.0+incompatible" });
    expect(parseQuery("v0.0.0-20260101000000-abcdefabcdef").kind).toBe("exact");
  });

  it("refuses what needs a VCS or is not canonical, with a code", () => {
    expect(codeOf(() => parseQuery("master"))).toBe("M074_QUERY_E001");
    expect(codeOf(() => parseQuery("abc1234"))).toBe("M074_QUERY_E001");
    expect(codeOf(() => parseQuery("upgrade"))).toBe("M074_QUERY_E001");
    expect(codeOf(() => parseQuery("patch"))).toBe("M074_QUERY_E001");
    expect(codeOf(() => parseQuery(">=1.2.0"))).toBe("M074_QUERY_E002");
    expect(codeOf(() => parseQuery("v1.2.3+build"))).toBe("M074_QUERY_E002");
    expect(codeOf(() => parseQuery("v01.2"))).toBe("M074_QUERY_E001");
  });

  it("latest prefers the highest release and skips retracted versions", () => {
    expect(sel("latest")).toEqual({ version: "v2.0.0+incompatible", retracted: false });
    expect(sel("latest", ["v1.0.0", "v1.1.0-rc.1"])).toEqual({ version: "v1.0.0", retracted: false });
    expect(sel("latest", ["v1.1.0-rc.1", "v1.1.0-rc.2"])).toEqual({ version: "v1.1.0-rc.2", retracted: false });
    expect(sel("latest", ["v1.0.0", "v1.1.0"], new Set(["v1.1.0"]))).toEqual({ version: "v1.0.0", retracted: false });
    // Every version retracted: the newest, flagged.
    expect(sel("latest", ["v1.0.0", "v1.1.0"], new Set(["v1.0.0", "v1.1.0"]))).toEqual({ version: "v1.1.0", retracted: true });
    // No tagged version: the caller asks @latest.
    expect(sel("latest", [])).toBeUndefined();
  });

  it("prefixes pick the highest matching release", () => {
    expect(sel("v1")?.version).toBe("v1.2.0"); // v1.2.1 is retracted
    expect(sel("v1.2")?.version).toBe("v1.2.0");
    expect(sel("v1.1")?.version).toBe("v1.1.0");
    expect(sel("v1.10")?.version).toBe("v1.10.0-beta"); // only a prerelease matches
    expect(sel("v3")).toBeUndefined();
  });

  it("comparisons pick the version closest to the bound", () => {
    expect(sel(">=v1.1.0")?.version).toBe("v1.1.0");
    expect(sel(">v1.1.0")?.version).toBe("v1.2.0");
    expect(sel("<v1.2.0")?.version).toBe("v1.1.0");
    expect(sel("<=v1.2.0")?.version).toBe("v1.2.0");
    expect(sel("<v1")?.version).toBe("v0.9.0");
    expect(sel(">v2.0.0")).toBeUndefined();
  });

  it("an exact version is taken as asked, flagged when retracted", () => {
    expect(sel("v1.2.1")).toEqual({ version: "v1.2.1", retracted: true });
    expect(sel("v9.9.9")).toEqual({ version: "v9.9.9", retracted: false });
  });
});
