// Go-flavoured semver against shared/vectors/go/semver.json (every section)
// and module.CanonicalVersion against modpath.json's canonical_version.
import { describe, expect, it } from "vitest";
import { ERROR_REGISTRY, MochiError } from "../../core/src/errors.js";
import {
  build, canonical, canonicalModuleVersion, compare, isValid, major, majorMinor, max, parseVersion, prerelease, sortVersions, whyInvalid,
} from "../../core/src/go/semver.js";
import { loadVector } from "../vectors.js";
import { codeOf } from "../support/errors.js";

interface Row { in: string; valid: boolean; canonical: string; major: string; major_minor: string; prerelease: string; build: string }
const vec = loadVector<{
  source: string;
  description: string;
  compare_rule: string;
  table: Row[];
  sort_golden: { doc: string; want: string[] };
  extra_compare: { provenance: string; cases: { a: string; b: string; cmp: number }[] };
  invalid_extra: { provenance: string; cases: string[] };
  valid_extra: { provenance: string; cases: string[] };
}>("semver.json");
const canonicalVersion = loadVector<{ canonical_version: { cases: { in: string; out: string }[] } }>("modpath.json").canonical_version;

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

describe("semver vectors", () => {
  it("has exactly the sections these tests consume", () => {
    expect(Object.keys(vec).sort()).toEqual(
      ["compare_rule", "description", "extra_compare", "invalid_extra", "sort_golden", "source", "table", "valid_extra"],
    );
    expect(vec.compare_rule).toMatch(/longer is larger/);
  });

  it.each(vec.table.map((r) => [r.in, r] as const))("table %j", (v, r) => {
    expect(isValid(v)).toBe(r.valid);
    expect(canonical(v)).toBe(r.canonical);
    expect(major(v)).toBe(r.major);
    expect(majorMinor(v)).toBe(r.major_minor);
    expect(prerelease(v)).toBe(r.prerelease);
    expect(build(v)).toBe(r.build);
    if (r.valid) {
      const p = parseVersion(v);
      expect(`v${p.major}.${p.minor}.${p.patch}${p.prerelease}`).toBe(r.canonical);
      expect(p.build).toBe(r.build);
    } else {
      expect(codeOf(() => parseVersion(v))).toMatch(/^M074_SEMVER_E0(0[1-9]|10)$/);
    }
  });

  it("compares every pair of the ascending table", () => {
    const t = vec.table;
    for (let i = 0; i < t.length; i++) {
      for (let j = 0; j < t.length; j++) {
        const want = t[i]!.canonical === t[j]!.canonical ? 0 : i < j ? -1 : 1;
        expect(compare(t[i]!.in, t[j]!.in), `${t[i]!.in} vs ${t[j]!.in}`).toBe(want);
      }
    }
  });

  it("sorts shuffled table inputs into the golden order, ties broken by string order", () => {
    const inputs = vec.table.map((r) => r.in);
    const r = rng(74);
    for (let round = 0; round < 20; round++) {
      const shuffled = [...inputs];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const k = Math.floor(r() * (i + 1));
        [shuffled[i], shuffled[k]] = [shuffled[k]!, shuffled[i]!];
      }
      const before = [...shuffled];
      expect(sortVersions(shuffled)).toEqual(vec.sort_golden.want);
      expect(shuffled).toEqual(before); // returns a new array
    }
    expect(sortVersions([...inputs].reverse())).toEqual(vec.sort_golden.want);
  });

  it.each(vec.extra_compare.cases)("extra compare $a $b", ({ a, b, cmp }) => {
    expect(compare(a, b)).toBe(cmp);
    expect(compare(b, a)).toBe(-cmp || 0);
  });

  // Which rule each invalid_extra case breaks.
  const invalidCodes: Record<string, string> = {
    "v1.0.0-": "M074_SEMVER_E006",
    "v1.0.0-01": "M074_SEMVER_E008",
    "v1.0.0-a..b": "M074_SEMVER_E006",
    "v1.0.0+": "M074_SEMVER_E009",
    "v1.0.0+a..b": "M074_SEMVER_E009",
    "v1.02.0": "M074_SEMVER_E003",
    "V1.0.0": "M074_SEMVER_E001",
    "v1.0.0-a_b": "M074_SEMVER_E007",
    "v1.0.0 ": "M074_SEMVER_E005",
    v: "M074_SEMVER_E002",
  };
  it.each(vec.invalid_extra.cases)("invalid %j", (v) => {
    expect(isValid(v)).toBe(false);
    expect(canonical(v)).toBe("");
    expect(major(v)).toBe("");
    expect(compare(v, "bad")).toBe(0);
    expect(compare(v, "v0.0.0")).toBe(-1);
    expect(invalidCodes[v], "case has an expected code").toBeDefined();
    expect(codeOf(() => parseVersion(v))).toBe(invalidCodes[v]);
  });

  it.each(vec.valid_extra.cases)("valid %j", (v) => {
    expect(isValid(v)).toBe(true);
    expect(canonical(v)).toBe(v.replace(/\+.*$/, ""));
    expect(compare(v, canonical(v))).toBe(0);
    expect(compare(v, "bad")).toBe(1);
    expect(parseVersion(v).build).toBe(build(v));
  });

  it.each(canonicalVersion.cases)("canonicalModuleVersion($in) = $out", ({ in: v, out }) => {
    expect(canonicalModuleVersion(v)).toBe(out);
  });
});

describe("semver API beyond the vectors", () => {
  it("parses numbers as decimal strings beyond 2^53", () => {
    const p = parseVersion("v12345678901234567890.0.1-rc.1+b.2");
    expect(p).toEqual({ major: "12345678901234567890", minor: "0", patch: "1", prerelease: "-rc.1", build: "+b.2" });
    expect(compare("v12345678901234567890.0.0", "v9999999999999999999.0.0")).toBe(1);
  });

  it("whyInvalid is undefined exactly for valid versions", () => {
    for (const r of vec.table) expect(whyInvalid(r.in) === undefined, r.in).toBe(r.valid);
  });

  it("max canonicalises and picks the greater", () => {
    expect(max("v1.2", "v1.10.0+meta")).toBe("v1.10.0");
    expect(max("v2", "v1.9.9")).toBe("v2.0.0");
    expect(max("bad", "v0.1")).toBe("v0.1.0");
    expect(max("v0.1", "bad")).toBe("v0.1.0");
    expect(max("bad", "worse")).toBe("");
    expect(max("v1.0.0-pre", "v1.0.0")).toBe("v1.0.0");
  });

  it("keeps only +incompatible in canonicalModuleVersion", () => {
    expect(canonicalModuleVersion("v2.3+incompatible")).toBe("");
    expect(canonicalModuleVersion("v2.3.0-pre+incompatible")).toBe("v2.3.0-pre+incompatible");
    expect(canonicalModuleVersion("v2.3.0+incompatible.1")).toBe("v2.3.0");
  });

  // One input per M074_SEMVER code that semver.ts raises (pseudo.ts codes are in pseudo.test.ts).
  const reach: [string, string][] = [
    ["M074_SEMVER_E001", "1.2.3"],
    ["M074_SEMVER_E002", "v1.x"],
    ["M074_SEMVER_E003", "v01.2.3"],
    ["M074_SEMVER_E004", "v1.2-pre"],
    ["M074_SEMVER_E005", "v1.2.3.4"],
    ["M074_SEMVER_E006", "v1.2.3-a."],
    ["M074_SEMVER_E007", "v1.2.3-ä"],
    ["M074_SEMVER_E008", "v1.2.3-rc.01"],
    ["M074_SEMVER_E009", "v1.2.3+a."],
    ["M074_SEMVER_E010", "v1.2.3+a+b"],
  ];
  it.each(reach)("%s is raised for %j, naming the value and the place", (code, v) => {
    expect(codeOf(() => parseVersion(v, "go.mod:3:9"))).toBe(code);
    expect(whyInvalid(v)).toEqual(expect.any(String));
    try {
      parseVersion(v, "go.mod:3:9");
    } catch (e) {
      expect((e as MochiError).detail).toContain(JSON.stringify(v));
      expect((e as MochiError).where).toBe("go.mod:3:9");
    }
  });

  it("every semver.ts code E001..E010 is registered and tested", () => {
    const registered = ERROR_REGISTRY.map((e) => e.code as string).filter((c) => /^M074_SEMVER_E0(0\d|10)$/.test(c));
    expect(registered.sort()).toEqual(reach.map(([c]) => c).sort());
  });
});
