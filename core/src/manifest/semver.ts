// Semantic Versioning 2.0.0 for Mochi package versions (no "v" prefix, all
// three numbers required) and the requirement syntax of [dependencies]. Go
// module versions are a different dialect and live in core/src/go/semver.ts;
// this is the one Mochi-side comparator, used by the manifest and the lockfile.

import { compareUtf8 } from "../bytes.js";

export interface SemVer {
  /** Decimal strings, so numbers beyond 2^53 stay exact. */
  readonly major: string;
  readonly minor: string;
  readonly patch: string;
  readonly prerelease: readonly string[];
  readonly build: readonly string[];
}

const NUM = "(0|[1-9][0-9]*)";
const PRE_ID = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
const BUILD_ID = "[0-9A-Za-z-]+";
const SEMVER = new RegExp(`^${NUM}\\.${NUM}\\.${NUM}(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+(${BUILD_ID}(?:\\.${BUILD_ID})*))?$`);

export function parseSemver(v: string): SemVer | undefined {
  const m = SEMVER.exec(v);
  if (m === null) return undefined;
  return { major: m[1]!, minor: m[2]!, patch: m[3]!, prerelease: m[4]?.split(".") ?? [], build: m[5]?.split(".") ?? [] };
}

export function isSemver(v: string): boolean {
  return SEMVER.test(v);
}

function compareDecimal(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    const c = xn && yn ? compareDecimal(x, y) : xn !== yn ? (xn ? -1 : 1) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** SemVer 2.0 precedence of parsed versions (build metadata ignored). */
export function comparePrecedence(a: SemVer, b: SemVer): number {
  return compareDecimal(a.major, b.major) || compareDecimal(a.minor, b.minor) || compareDecimal(a.patch, b.patch) || comparePrerelease(a.prerelease, b.prerelease);
}

/**
 * A total order for sorting: SemVer precedence, then (for versions equal in
 * precedence, such as 1.0.0+a and 1.0.0+b) UTF-8 byte order. Strings that are
 * not versions sort before every version, among themselves by byte order.
 */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (x === undefined || y === undefined) return x === y ? compareUtf8(a, b) : x === undefined ? -1 : 1;
  return comparePrecedence(x, y) || compareUtf8(a, b);
}

// Requirements ([dependencies] values), with Cargo's meaning:
//   ^1.2.3 (and bare 1.2.3): >=1.2.3 <2.0.0; ^0.2.3: >=0.2.3 <0.3.0; ^0.0.3: =0.0.3
//   ~1.2.3: >=1.2.3 <1.3.0; ~1.2: >=1.2.0 <1.3.0; ~1: >=1.0.0 <2.0.0
//   =, >, >=, <, <= with partial versions (1, 1.2); 1.* and 1.2.* wildcards; * alone
//   comparators joined by commas must all hold.

export type ReqOp = "^" | "~" | "=" | ">" | ">=" | "<" | "<=" | "*";

export interface Comparator {
  readonly op: ReqOp;
  readonly major?: string;
  readonly minor?: string;
  readonly patch?: string;
  readonly prerelease: readonly string[];
}

const COMPARATOR = new RegExp(
  `^(\\^|~|=|>=|>|<=|<)?\\s*${NUM}(?:\\.(?:${NUM}|\\*))?(?:\\.(?:${NUM}|\\*))?(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+${BUILD_ID}(?:\\.${BUILD_ID})*)?$`,
);

/** Parses a requirement; undefined when it is not one. */
export function parseVersionReq(req: string): Comparator[] | undefined {
  const parts = req.split(",").map((p) => p.trim());
  const out: Comparator[] = [];
  for (const part of parts) {
    if (part === "*") {
      if (parts.length !== 1) return undefined;
      out.push({ op: "*", prerelease: [] });
      continue;
    }
    const m = COMPARATOR.exec(part);
    if (m === null) return undefined;
    const wildcard = /\.\*/.test(part);
    // A wildcard may only end the version (1.*, 1.2.*), never meet an operator or a prerelease.
    if (wildcard && (m[1] !== undefined || m[5] !== undefined || /\*\.[0-9]/.test(part))) return undefined;
    if (m[5] !== undefined && m[4] === undefined) return undefined;
    const op: ReqOp = wildcard ? "=" : ((m[1] as ReqOp | undefined) ?? "^");
    out.push({ op, major: m[2], minor: m[3], patch: m[4], prerelease: m[5]?.split(".") ?? [] });
  }
  return out;
}

const inc = (d: string): string => (BigInt(d) + 1n).toString();

/** The comparator as one or two bounds: [lower inclusive?, upper exclusive?]. */
function bounds(c: Comparator): { lo?: SemVer; loInclusive: boolean; hi?: SemVer } {
  const v = (major: string, minor = "0", patch = "0", prerelease: readonly string[] = []): SemVer => ({ major, minor, patch, prerelease, build: [] });
  const { major, minor, patch, prerelease } = c;
  if (c.op === "*" || major === undefined) return { loInclusive: true };
  const exact = v(major, minor, patch, prerelease);
  // The exclusive bound just past the partial version: 1 -> 2.0.0, 1.2 -> 1.3.0.
  const next = (): SemVer => (minor === undefined ? v(inc(major)) : patch === undefined ? v(major, inc(minor)) : v(major, minor, inc(patch)));
  switch (c.op) {
    case "=":
      // A full "=1.2.3" is an exact match (see holds); a partial one is a range.
      return { lo: exact, loInclusive: true, hi: next() };
    case ">":
      return patch !== undefined ? { lo: exact, loInclusive: false } : { lo: next(), loInclusive: true };
    case ">=":
      return { lo: exact, loInclusive: true };
    case "<":
      return { loInclusive: true, hi: exact };
    case "<=":
      return patch !== undefined ? { loInclusive: true, hi: v(major, minor, inc(patch)) } : { loInclusive: true, hi: next() };
    case "~":
      return { lo: exact, loInclusive: true, hi: minor === undefined ? v(inc(major)) : v(major, inc(minor)) };
    case "^": {
      if (major !== "0" || minor === undefined) return { lo: exact, loInclusive: true, hi: v(inc(major)) };
      if (minor !== "0" || patch === undefined) return { lo: exact, loInclusive: true, hi: v("0", inc(minor)) };
      return { lo: exact, loInclusive: true, hi: v("0", "0", inc(patch)) };
    }
  }
}

function holds(c: Comparator, v: SemVer): boolean {
  if (c.op === "=" && c.patch !== undefined) {
    const { major = "0", minor = "0", patch } = c;
    return comparePrecedence(v, { major, minor, patch, prerelease: c.prerelease, build: [] }) === 0;
  }
  const b = bounds(c);
  if (b.lo !== undefined) {
    const k = comparePrecedence(v, b.lo);
    if (k < 0 || (k === 0 && !b.loInclusive)) return false;
  }
  return b.hi === undefined || comparePrecedence(v, b.hi) < 0;
}

/**
 * Whether `version` satisfies `req`. A prerelease version matches only when
 * some comparator names the same MAJOR.MINOR.PATCH with a prerelease (so
 * ^1.0.0 never picks 1.1.0-beta by surprise).
 */
export function matchesVersionReq(version: string, req: string): boolean {
  const v = parseSemver(version);
  const comparators = parseVersionReq(req);
  if (v === undefined || comparators === undefined) return false;
  if (!comparators.every((c) => holds(c, v))) return false;
  if (v.prerelease.length === 0) return true;
  return comparators.some((c) => c.prerelease.length > 0 && c.major === v.major && c.minor === v.minor && c.patch === v.patch);
}
