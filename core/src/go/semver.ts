// Go-flavoured semantic versions (golang.org/x/mod/semver): a leading "v" is
// required, vMAJOR and vMAJOR.MINOR are accepted as shorthands, and every
// query on an invalid version answers "" rather than failing, because the go
// command treats "not a version" as just another value (it sorts first).
// parseVersion is the one entry point that throws, naming what is wrong.

import { compareUtf8 } from "../bytes.js";
import { MochiError, type ErrorCode } from "../errors.js";

/** A parsed version. Numbers are decimal strings without the "v" (they may exceed 2^53). */
export interface Version {
  readonly major: string;
  readonly minor: string;
  readonly patch: string;
  /** With its leading "-", or "" */
  readonly prerelease: string;
  /** With its leading "+", or "" */
  readonly build: string;
}

interface Failure {
  readonly code: ErrorCode;
  readonly why: string;
}

const q = (s: string): string => JSON.stringify(s);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const IDENT_CHAR = /^[0-9A-Za-z-]$/;

/** Reads a MAJOR/MINOR/PATCH number at `at`; returns it and the index after it. */
function readNumber(v: string, at: number, what: string): [string, number] | Failure {
  let end = at;
  while (isDigit(v[end])) end++;
  if (end === at) {
    const found = at < v.length ? `found ${q(v[at]!)}` : "found the end of the string";
    return { code: "M074_SEMVER_E002", why: `expected a decimal ${what} number at offset ${at}, ${found}` };
  }
  if (v[at] === "0" && end - at > 1) {
    return { code: "M074_SEMVER_E003", why: `${what} number ${q(v.slice(at, end))} has a leading zero` };
  }
  return [v.slice(at, end), end];
}

/** Why the version stops being valid at `at`, right after a shorthand or the patch number. */
function afterNumber(v: string, at: number, shorthand: boolean): Failure {
  if (shorthand && (v[at] === "-" || v[at] === "+")) {
    return {
      code: "M074_SEMVER_E004",
      why: `the shorthand ${q(v.slice(0, at))} cannot take a prerelease or build suffix; write all of MAJOR.MINOR.PATCH`,
    };
  }
  return { code: "M074_SEMVER_E005", why: `unexpected ${q(v.slice(at))} after ${q(v.slice(0, at))}` };
}

/**
 * Checks the dot-separated identifiers of a prerelease (without its "-") or a
 * build (without its "+"). Only prerelease numbers are barred from leading zeros.
 */
function checkIdentifiers(list: string, kind: "prerelease" | "build"): Failure | undefined {
  const pre = kind === "prerelease";
  for (const id of list.split(".")) {
    if (id === "") {
      return { code: pre ? "M074_SEMVER_E006" : "M074_SEMVER_E009", why: `empty identifier in ${kind} ${q(list)}` };
    }
    for (const c of id) {
      if (!IDENT_CHAR.test(c)) {
        return { code: pre ? "M074_SEMVER_E007" : "M074_SEMVER_E010", why: `character ${q(c)} in ${kind} ${q(list)}` };
      }
    }
    if (pre && id.length > 1 && id[0] === "0" && /^[0-9]+$/.test(id)) {
      return { code: "M074_SEMVER_E008", why: `numeric identifier ${q(id)} in prerelease ${q(list)} has a leading zero` };
    }
  }
  return undefined;
}

function parse(v: string): Version | Failure {
  if (v[0] !== "v") return { code: "M074_SEMVER_E001", why: "a version must start with 'v'" };
  const maj = readNumber(v, 1, "major");
  if (!Array.isArray(maj)) return maj;
  const major = maj[0];
  let at = maj[1];
  if (at === v.length) return { major, minor: "0", patch: "0", prerelease: "", build: "" };
  if (v[at] !== ".") return afterNumber(v, at, true);
  const min = readNumber(v, at + 1, "minor");
  if (!Array.isArray(min)) return min;
  const minor = min[0];
  at = min[1];
  if (at === v.length) return { major, minor, patch: "0", prerelease: "", build: "" };
  if (v[at] !== ".") return afterNumber(v, at, true);
  const pat = readNumber(v, at + 1, "patch");
  if (!Array.isArray(pat)) return pat;
  const patch = pat[0];
  at = pat[1];
  let prerelease = "";
  if (v[at] === "-") {
    const plus = v.indexOf("+", at);
    const end = plus < 0 ? v.length : plus;
    prerelease = v.slice(at, end);
    const bad = checkIdentifiers(prerelease.slice(1), "prerelease");
    if (bad !== undefined) return bad;
    at = end;
  }
  let build = "";
  if (v[at] === "+") {
    build = v.slice(at);
    const bad = checkIdentifiers(build.slice(1), "build");
    if (bad !== undefined) return bad;
    at = v.length;
  }
  if (at !== v.length) return afterNumber(v, at, false);
  return { major, minor, patch, prerelease, build };
}

function parsed(v: string): Version | undefined {
  const p = parse(v);
  return "why" in p ? undefined : p;
}

/** Parses v, throwing a MochiError (M074_SEMVER_E001..E010) that says what is wrong. */
export function parseVersion(v: string, where?: string): Version {
  const p = parse(v);
  if ("why" in p) throw new MochiError(p.code, `invalid version ${q(v)}: ${p.why}`, { where });
  return p;
}

/** Why v is not a valid version, for callers that report it under their own code; undefined if valid. */
export function whyInvalid(v: string): string | undefined {
  const p = parse(v);
  return "why" in p ? p.why : undefined;
}

export function isValid(v: string): boolean {
  return parsed(v) !== undefined;
}

/** vMAJOR.MINOR.PATCH[-PRERELEASE]: shorthands filled in, build dropped; "" if invalid. */
export function canonical(v: string): string {
  const p = parsed(v);
  return p === undefined ? "" : `v${p.major}.${p.minor}.${p.patch}${p.prerelease}`;
}

/**
 * module.CanonicalVersion: canonical(v), except that the build suffix
 * "+incompatible" survives, because it is part of a module version's
 * identity (it is sent literally in proxy URLs and recorded in go.sum).
 */
export function canonicalModuleVersion(v: string): string {
  const c = canonical(v);
  return c !== "" && build(v) === "+incompatible" ? c + "+incompatible" : c;
}

/** "vMAJOR", or "" if invalid. */
export function major(v: string): string {
  const p = parsed(v);
  return p === undefined ? "" : `v${p.major}`;
}

/** "vMAJOR.MINOR", or "" if invalid. */
export function majorMinor(v: string): string {
  const p = parsed(v);
  return p === undefined ? "" : `v${p.major}.${p.minor}`;
}

/** The prerelease with its "-", or "" if none or invalid. */
export function prerelease(v: string): string {
  return parsed(v)?.prerelease ?? "";
}

/** The build metadata with its "+", or "" if none or invalid. */
export function build(v: string): string {
  return parsed(v)?.build ?? "";
}

/** Numbers as decimal strings without leading zeros: the longer one is larger. */
function compareDecimal(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareIdentifier(a: string, b: string): number {
  const an = /^[0-9]+$/.test(a);
  const bn = /^[0-9]+$/.test(b);
  if (an && bn) return compareDecimal(a, b);
  if (an !== bn) return an ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1; // ASCII only, so UTF-16 order is byte order
}

/** Having no prerelease beats having one; otherwise identifiers left to right, a longer list wins a tie. */
function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "") return 1;
  if (b === "") return -1;
  const as = a.slice(1).split(".");
  const bs = b.slice(1).split(".");
  for (let i = 0; i < as.length && i < bs.length; i++) {
    const c = compareIdentifier(as[i]!, bs[i]!);
    if (c !== 0) return c;
  }
  return as.length === bs.length ? 0 : as.length < bs.length ? -1 : 1;
}

function compareParsed(a: Version | undefined, b: Version | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return (
    compareDecimal(a.major, b.major) ||
    compareDecimal(a.minor, b.minor) ||
    compareDecimal(a.patch, b.patch) ||
    comparePrerelease(a.prerelease, b.prerelease)
  );
}

/**
 * -1, 0 or 1. Invalid versions are equal to each other and below every valid
 * one; build metadata is ignored (so v1.0.0+a == v1.0.0+b).
 */
export function compare(a: string, b: string): number {
  return compareParsed(parsed(a), parsed(b));
}

/**
 * semver.Sort: ascending by compare, ties (e.g. "v1" and "v1.0.0") broken by
 * Go string order so the result is deterministic. Returns a new array.
 */
export function sortVersions(list: readonly string[]): string[] {
  const keyed = list.map((s) => ({ s, p: parsed(s) }));
  keyed.sort((x, y) => compareParsed(x.p, y.p) || compareUtf8(x.s, y.s));
  return keyed.map((k) => k.s);
}

/** semver.Max: canonicalises both and returns the greater ("" only if both are invalid). */
export function max(v: string, w: string): string {
  const cv = canonical(v);
  const cw = canonical(w);
  return compare(cv, cw) > 0 ? cv : cw;
}
