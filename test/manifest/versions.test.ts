// The small grammars of the manifest: SemVer 2.0 for Mochi versions and its
// requirement syntax, the Go requirement forms of [go-dependencies] and how
// they meet MVS, and SPDX license expressions.
import { describe, expect, it } from "vitest";
import {
  compareSemver,
  goRequirementMinimum,
  isSemver,
  matchesVersionReq,
  parseGoRequirement,
  parseSemver,
  parseVersionReq,
  whySpdxInvalid,
} from "../../core/src/manifest/index.js";
import { caught } from "./helpers.js";

describe("SemVer 2.0", () => {
  it("accepts and rejects per the specification", () => {
    for (const v of ["0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x.7.z.92", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "99999999999999999999.0.0"]) {
      expect(isSemver(v), v).toBe(true);
    }
    for (const v of ["1", "1.2", "v1.2.3", "01.2.3", "1.02.3", "1.2.3-01", "1.2.3-", "1.2.3+", "1.2.3-a..b", "1.2.3 ", " 1.2.3", "1.2.3-é"]) {
      expect(isSemver(v), v).toBe(false);
    }
    expect(parseSemver("1.0.0-rc.1+build.5")).toEqual({ major: "1", minor: "0", patch: "0", prerelease: ["rc", "1"], build: ["build", "5"] });
  });

  it("orders by precedence (the specification's example chain), then by bytes", () => {
    const chain = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.9.0", "1.10.0", "2.0.0", "99999999999999999999.0.0"];
    const shuffled = [...chain].reverse();
    expect(shuffled.sort(compareSemver)).toEqual(chain);
    expect(compareSemver("1.0.0+b", "1.0.0+a")).toBe(1);
    expect(compareSemver("1.0.0+a", "1.0.0")).toBe(1);
    expect(compareSemver("junk", "0.0.0")).toBe(-1);
  });
});

describe("version requirements", () => {
  const cases: [string, string[], string[]][] = [
    ["^1.2.3", ["1.2.3", "1.9.0"], ["1.2.2", "2.0.0", "1.3.0-beta"]],
    ["1.2.3", ["1.2.3", "1.99.0"], ["2.0.0"]],
    ["^0.2.3", ["0.2.3", "0.2.9"], ["0.3.0", "0.2.2"]],
    ["^0.0.3", ["0.0.3"], ["0.0.4"]],
    ["^0.0", ["0.0.0", "0.0.9"], ["0.1.0"]],
    ["^1", ["1.0.0", "1.9.9"], ["2.0.0"]],
    ["~1.2.3", ["1.2.3", "1.2.9"], ["1.3.0"]],
    ["~1.2", ["1.2.0", "1.2.9"], ["1.3.0"]],
    ["~1", ["1.0.0", "1.9.0"], ["2.0.0"]],
    ["=1.2.3", ["1.2.3", "1.2.3+build"], ["1.2.4"]],
    ["=1.2", ["1.2.0", "1.2.7"], ["1.3.0"]],
    [">1.2.3", ["1.2.4"], ["1.2.3"]],
    [">1.2", ["1.3.0"], ["1.2.9"]],
    [">=1.2.3, <2", ["1.2.3", "1.9.9"], ["2.0.0", "1.2.2"]],
    ["<=1.2", ["1.2.9"], ["1.3.0"]],
    ["<=1.2.3", ["1.2.3"], ["1.2.4"]],
    ["1.*", ["1.0.0", "1.5.0"], ["2.0.0"]],
    ["1.2.*", ["1.2.0", "1.2.5"], ["1.3.0"]],
    ["*", ["0.0.1", "7.0.0"], ["1.0.0-alpha"]],
    ["^1.2.3-beta.2", ["1.2.3-beta.2", "1.2.3-beta.10", "1.2.3", "1.4.0"], ["1.2.3-beta.1", "1.4.0-alpha"]],
  ];
  it.each(cases)("%s", (req, yes, no) => {
    expect(parseVersionReq(req), req).toBeDefined();
    for (const v of yes) expect(matchesVersionReq(v, req), `${v} ${req}`).toBe(true);
    for (const v of no) expect(matchesVersionReq(v, req), `${v} ${req}`).toBe(false);
  });

  it("rejects what is not a requirement", () => {
    for (const r of ["", "^", "^1.2.3.4", "1.x", ">= one", "*, ^1", ">1.*", "1.*.3", "^v1.2.3", "1.2-beta", "~>1.2"]) {
      expect(parseVersionReq(r), r).toBeUndefined();
    }
  });
});

describe("Go requirements of [go-dependencies]", () => {
  it("parses each form and gives the MVS minimum", () => {
    const cases: [string, unknown, string | undefined][] = [
      ["v1.8.0", { kind: "minimum", version: "v1.8.0" }, "v1.8.0"],
      ["v0.0.0-20240101000000-abcdefabcdef", { kind: "minimum", version: "v0.0.0-20240101000000-abcdefabcdef" }, "v0.0.0-20240101000000-abcdefabcdef"],
      ["v2.0.0+incompatible", { kind: "minimum", version: "v2.0.0+incompatible" }, "v2.0.0+incompatible"],
      ["=v1.8.0", { kind: "pin", version: "v1.8.0" }, "v1.8.0"],
      ["^v1.8.0", { kind: "range", minimum: "v1.8.0", below: "v2.0.0" }, "v1.8.0"],
      ["^v1.9", { kind: "range", minimum: "v1.9.0", below: "v2.0.0" }, "v1.9.0"],
      ["^v0.3.1", { kind: "range", minimum: "v0.3.1", below: "v0.4.0" }, "v0.3.1"],
      ["^v0.0.3", { kind: "range", minimum: "v0.0.3", below: "v0.0.4" }, "v0.0.3"],
      ["^v0.0", { kind: "range", minimum: "v0.0.0", below: "v0.1.0" }, "v0.0.0"],
      ["~v1.8.0", { kind: "range", minimum: "v1.8.0", below: "v1.9.0" }, "v1.8.0"],
      ["~v1", { kind: "range", minimum: "v1.0.0", below: "v2.0.0" }, "v1.0.0"],
      ["latest", { kind: "query", query: { kind: "latest" } }, undefined],
      ["v1.2", { kind: "query", query: { kind: "prefix", prefix: "v1.2" } }, undefined],
      [">=v1.2.0", { kind: "query", query: { kind: "compare", op: ">=", version: "v1.2.0" } }, undefined],
    ];
    for (const [req, parsed, min] of cases) {
      const r = parseGoRequirement(req);
      expect(r, req).toEqual(parsed);
      expect(goRequirementMinimum(r), req).toBe(min);
    }
  });

  it("refuses anything else with E018, quoting it", () => {
    for (const req of ["1.8.0", "^1.8.0", "~v1.8.0-rc.1", "=v1.8", "v1.08.0", "master", "upgrade", ""]) {
      const e = caught(() => parseGoRequirement(req, "here"));
      expect(e.code, req).toBe("M057_MANIFEST_E018");
      expect(e.detail.startsWith(`${JSON.stringify(req)} is not a Go version requirement: `), e.detail).toBe(true);
      expect(e.where).toBe("here");
    }
  });
});

describe("SPDX expressions", () => {
  it("accepts license expressions", () => {
    for (const e of ["MIT", "Apache-2.0 OR MIT", "GPL-2.0+", "GPL-2.0-or-later WITH Classpath-exception-2.0", "(MIT AND BSD-3-Clause) OR LicenseRef-Corp", "DocumentRef-spdx:LicenseRef-x", "((MIT))", "MIT AND (Apache-2.0 OR BSD-2-Clause) AND Zlib"]) {
      expect(whySpdxInvalid(e), e).toBeUndefined();
    }
  });

  it("says why an expression is not one", () => {
    const cases: [string, string][] = [
      ["", "it is empty"],
      ["MIT or Apache-2.0", 'operator "or" must be written in upper case'],
      ["MIT OR", "it ends where a license identifier should follow"],
      ["(MIT", "a parenthesis is not closed"],
      ["MIT)", 'unexpected ")"'],
      ["AND MIT", '"AND" stands where a license identifier should'],
      ["MIT WITH", "WITH must be followed by an exception identifier"],
      ["MIT/Apache", '"MIT/Apache" is not a license identifier'],
      ["MIT Apache-2.0", 'unexpected "Apache-2.0"'],
    ];
    for (const [e, why] of cases) expect(whySpdxInvalid(e), e).toBe(why);
  });
});
