// Pseudo-versions against shared/vectors/go/pseudo.json (every section).
import { describe, expect, it } from "vitest";
import { ERROR_REGISTRY, MochiError } from "../../core/src/errors.js";
import {
  decDecimal, incDecimal, isPseudoVersion, isZeroPseudoVersion, pseudoVersion, pseudoVersionBase, pseudoVersionRev,
  pseudoVersionTime, zeroPseudoVersion,
} from "../../core/src/go/pseudo.js";
import { isValid } from "../../core/src/go/semver.js";
import { loadVector } from "../vectors.js";
import { codeOf } from "../support/errors.js";

interface RealCase { version: string; is_pseudo: boolean; base?: string; time?: string; rev?: string; note?: string }
const vec = loadVector<{
  source: string;
  description: string;
  regex: string;
  is_pseudo_rule: string;
  forms: string[];
  pseudo_version: { doc: string; time: string; rev: string; cases: { major: string; older: string; version: string }[] };
  invalid_pseudo_version_base: { doc: string; cases: string[] };
  inc_decimal: { doc: string; cases: { in: string; out: string }[] };
  dec_decimal: { doc: string; cases: { in: string; out: string }[] };
  zero_pseudo_version: { provenance: string; cases: { major: string; out: string }[] };
  real_world: { provenance: string; cases: RealCase[] };
}>("pseudo.json");

/** Which of the five documented forms a pseudo-version has. */
function formOf(v: string): number {
  const incompatible = v.endsWith("+incompatible");
  if (/^v\d+\.0\.0-\d{14}-/.test(v)) return 1;
  if (/^v\d+\.\d+\.\d+-0\.\d{14}-/.test(v)) return incompatible ? 3 : 2;
  return incompatible ? 5 : 4;
}

describe("pseudo-version vectors", () => {
  it("has exactly the sections these tests consume", () => {
    expect(Object.keys(vec).sort()).toEqual([
      "dec_decimal", "description", "forms", "inc_decimal", "invalid_pseudo_version_base", "is_pseudo_rule", "pseudo_version",
      "real_world", "regex", "source", "zero_pseudo_version",
    ]);
  });

  it("isPseudoVersion is the documented rule (two dashes, valid semver, the regex) on every string in the file", () => {
    expect(vec.is_pseudo_rule).toContain("count('-' in v) >= 2");
    const re = new RegExp(vec.regex);
    const all = [
      ...vec.pseudo_version.cases.flatMap((c) => [c.version, c.older]),
      ...vec.invalid_pseudo_version_base.cases,
      ...vec.zero_pseudo_version.cases.map((c) => c.out),
      ...vec.real_world.cases.map((c) => c.version),
    ];
    for (const v of all) {
      expect(isPseudoVersion(v), v).toBe(v.split("-").length >= 3 && isValid(v) && re.test(v));
    }
  });

  it("the pseudo_version table covers all five forms", () => {
    expect(vec.forms).toHaveLength(5);
    const seen = new Set(vec.pseudo_version.cases.map((c) => formOf(c.version)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5]);
    vec.forms.forEach((f, i) => expect(f).toMatch(new RegExp(`^\\(${i + 1}\\)`)));
  });

  const { time, rev } = vec.pseudo_version;
  it.each(vec.pseudo_version.cases)("pseudoVersion($major, $older) = $version", ({ major, older, version }) => {
    expect(pseudoVersion(major, older, time, rev)).toBe(version);
    // The same instant as yyyymmddhhmmss, as epoch milliseconds, and with an offset.
    expect(pseudoVersion(major, older, "20060102150405", rev)).toBe(version);
    expect(pseudoVersion(major, older, Date.UTC(2006, 0, 2, 15, 4, 5, 999), rev)).toBe(version);
    expect(pseudoVersion(major, older, "2006-01-02T08:04:05.5-07:00", rev)).toBe(version);
    expect(isPseudoVersion(version)).toBe(true);
    expect(isPseudoVersion(older)).toBe(false);
    expect(pseudoVersionTime(version)).toBe(time);
    expect(pseudoVersionRev(version)).toBe(rev);
    expect(pseudoVersionBase(version)).toBe(older);
    expect(isZeroPseudoVersion(version)).toBe(false);
  });

  const baseCodes: Record<string, string> = {
    "v0.0.0": "M074_SEMVER_E011",
    "v0.0.0-": "M074_SEMVER_E011",
    "v0.0.0-0.20060102150405-hash": "M074_SEMVER_E014",
    "v0.1.0-0.20060102150405-hash": "M074_SEMVER_E014",
    "v1.0.0-0.20060102150405-hash": "M074_SEMVER_E014",
    "v0.0.0-20060102150405-hash+incompatible": "M074_SEMVER_E013",
    "+incompatible without base version\n\t\t": "M074_SEMVER_E011",
  };
  it.each(vec.invalid_pseudo_version_base.cases)("pseudoVersionBase(%j) fails", (v) => {
    expect(baseCodes[v], "case has an expected code").toBeDefined();
    expect(codeOf(() => pseudoVersionBase(v))).toBe(baseCodes[v]);
  });

  it.each(vec.inc_decimal.cases)("incDecimal($in) = $out", ({ in: d, out }) => {
    expect(incDecimal(d)).toBe(out);
  });

  it.each(vec.dec_decimal.cases)("decDecimal($in) = $out", ({ in: d, out }) => {
    expect(decDecimal(d)).toBe(out);
  });

  it.each(vec.zero_pseudo_version.cases)("zeroPseudoVersion($major) = $out", ({ major, out }) => {
    expect(zeroPseudoVersion(major)).toBe(out);
    expect(isZeroPseudoVersion(out)).toBe(true);
    expect(isPseudoVersion(out)).toBe(true);
    expect(pseudoVersionTime(out)).toBe("0001-01-01T00:00:00Z");
    expect(pseudoVersionRev(out)).toBe("000000000000");
    expect(pseudoVersionBase(out)).toBe("");
    // Go's zero time.Time, as epoch milliseconds and as RFC 3339.
    expect(pseudoVersion(major, "", -62135596800000, "000000000000")).toBe(out);
    expect(pseudoVersion(major, "", "0001-01-01T00:00:00Z", "000000000000")).toBe(out);
  });

  it.each(vec.real_world.cases)("real world $version", (c) => {
    expect(isPseudoVersion(c.version)).toBe(c.is_pseudo);
    if (!c.is_pseudo) {
      expect(codeOf(() => pseudoVersionRev(c.version))).toBe("M074_SEMVER_E011");
      return;
    }
    if (c.base !== undefined) expect(pseudoVersionBase(c.version)).toBe(c.base);
    if (c.time !== undefined) expect(pseudoVersionTime(c.version)).toBe(c.time);
    if (c.rev !== undefined) expect(pseudoVersionRev(c.version)).toBe(c.rev);
  });
});

describe("pseudo-version API beyond the vectors", () => {
  it("converts times to UTC and truncates to the second", () => {
    expect(pseudoVersion("v1", "", "2019-11-09T03:19:31+01:00", "daa7c04131f5")).toBe("v1.0.0-20191109021931-daa7c04131f5");
    expect(pseudoVersion("v1", "", "2019-12-31T23:30:00-01:00", "abc")).toBe("v1.0.0-20200101003000-abc");
    expect(pseudoVersion("v1", "", -1500, "abc")).toBe("v1.0.0-19691231235958-abc");
    expect(pseudoVersion("v1", "", "2024-02-29T12:00:00Z", "abc")).toBe("v1.0.0-20240229120000-abc");
    expect(pseudoVersion("v0", "v1.2.3-rc.1+incompatible", "20200101000000", "a1")).toBe("v1.2.3-rc.1.0.20200101000000-a1+incompatible");
  });

  it("rejects a leap second and impossible dates in a pseudo-version", () => {
    expect(pseudoVersionTime("v0.0.0-20240229235959-abc")).toBe("2024-02-29T23:59:59Z");
    expect(codeOf(() => pseudoVersionTime("v0.0.0-20230229000000-abc"))).toBe("M074_SEMVER_E012");
    expect(codeOf(() => pseudoVersionTime("v0.0.0-20161231235960-abc"))).toBe("M074_SEMVER_E012");
    expect(pseudoVersionRev("v0.0.0-20161231235960-abc")).toBe("abc");
  });

  // One input per pseudo.ts code.
  const reach: [string, () => unknown][] = [
    ["M074_SEMVER_E011", () => pseudoVersionTime("v1.2.3-20060102150405-hash")],
    ["M074_SEMVER_E012", () => pseudoVersionTime("v0.0.0-20061302150405-hash")],
    ["M074_SEMVER_E013", () => pseudoVersionBase("v2.0.0-20060102150405-hash+incompatible")],
    ["M074_SEMVER_E014", () => pseudoVersionBase("v3.1.0-0.20060102150405-hash")],
    ["M074_SEMVER_E015", () => pseudoVersion("v01", "", "20060102150405", "hash")],
    ["M074_SEMVER_E016", () => pseudoVersion("v1", "1.2.3", "20060102150405", "hash")],
    ["M074_SEMVER_E017", () => pseudoVersion("v1", "", "20060102150405", "ab-cd")],
    ["M074_SEMVER_E018", () => pseudoVersion("v1", "", "2006-02-30T00:00:00Z", "hash")],
  ];
  it.each(reach)("%s is reachable", (code, f) => {
    expect(codeOf(f)).toBe(code);
  });

  it("rejects every kind of bad time argument", () => {
    for (const t of ["yesterday", "2006-01-02 15:04:05Z", "2006-01-02T15:04:05", "2006-01-02T24:00:00Z", "2006-01-02T15:04:05+24:00", "20061232000000", NaN, Infinity, 1e16, -62135596800001 - 86400000 * 366]) {
      expect(codeOf(() => pseudoVersion("v1", "", t, "hash")), String(t)).toBe("M074_SEMVER_E018");
    }
    expect(codeOf(() => pseudoVersion("v1", "", "9999-12-31T23:59:59Z", "hash"))).toBeUndefined();
    expect(codeOf(() => pseudoVersion("v1", "", "9999-12-31T23:59:59-00:01", "hash"))).toBe("M074_SEMVER_E018");
    expect(codeOf(() => pseudoVersion("v1", "", "", "hash"))).toBe("M074_SEMVER_E018");
    expect(codeOf(() => pseudoVersion("v1", "", "20060102150405", ""))).toBe("M074_SEMVER_E017");
  });

  it("every pseudo.ts code E011..E018 is registered and tested", () => {
    const registered = ERROR_REGISTRY.map((e) => e.code as string).filter((c) => /^M074_SEMVER_E01[1-9]$/.test(c));
    expect(registered.sort()).toEqual(reach.map(([c]) => c).sort());
  });
});
