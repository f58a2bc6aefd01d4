// Pseudo-versions (golang.org/x/mod/module): the versions the go command
// gives untagged commits, vX.Y.Z-…-yyyymmddhhmmss-rev, built so they sort
// just above the latest tag before the commit and below the next one.
//
// The forms (TS is the UTC commit time, REV the commit id prefix):
//   (1) vX.0.0-TS-REV               no earlier tag
//   (2) vX.Y.(Z+1)-0.TS-REV         earlier tag vX.Y.Z    (3) the same +incompatible
//   (4) vX.Y.Z-PRE.0.TS-REV         earlier tag vX.Y.Z-PRE (5) the same +incompatible
//
// Times come in as arguments, never from the clock, so output is reproducible.

import { MochiError, type ErrorCode } from "../errors.js";
import { build, canonical, isValid, major, prerelease, whyInvalid } from "./semver.js";

const q = (s: string): string => JSON.stringify(s);

const PSEUDO_RE = /^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

function error(code: ErrorCode, detail: string, where: string | undefined): MochiError {
  return new MochiError(code, detail, { where });
}

/** A decimal digit string plus one ("99" → "100"). */
export function incDecimal(decimal: string): string {
  let i = decimal.length - 1;
  while (i >= 0 && decimal[i] === "9") i--;
  const zeros = "0".repeat(decimal.length - 1 - i);
  if (i < 0) return "1" + zeros;
  return decimal.slice(0, i) + String.fromCharCode(decimal.charCodeAt(i) + 1) + zeros;
}

/** A decimal digit string minus one ("100" → "99"), or "" when it is all zeros (or empty). */
export function decDecimal(decimal: string): string {
  let i = decimal.length - 1;
  while (i >= 0 && decimal[i] === "0") i--;
  if (i < 0) return "";
  const nines = "9".repeat(decimal.length - 1 - i);
  // "1000" → "999": a leading 1 that becomes 0 disappears.
  if (i === 0 && decimal[0] === "1" && decimal.length > 1) return nines;
  return decimal.slice(0, i) + String.fromCharCode(decimal.charCodeAt(i) - 1) + nines;
}

/** IsPseudoVersion: at least two "-", a valid semantic version, and one of the five forms. */
export function isPseudoVersion(v: string): boolean {
  return v.split("-").length > 2 && isValid(v) && PSEUDO_RE.test(v);
}

interface PseudoParts {
  /** vX.0.0, vX.Y.(Z+1)-0 or vX.Y.Z-PRE.0 */
  readonly base: string;
  readonly timestamp: string;
  readonly rev: string;
  readonly build: string;
}

function splitPseudo(v: string, where: string | undefined): PseudoParts {
  if (!isPseudoVersion(v)) throw error("M074_SEMVER_E011", `${q(v)} is not a pseudo-version`, where);
  const b = build(v);
  const body = v.slice(0, v.length - b.length);
  const revDash = body.lastIndexOf("-");
  const rest = body.slice(0, revDash);
  const dash = rest.lastIndexOf("-");
  const dot = rest.lastIndexOf(".");
  // Forms 2-5 put the timestamp after a dot ("-0.TS", "-PRE.0.TS"), form 1 after a dash.
  const cut = dot > dash ? dot : dash;
  return { base: rest.slice(0, cut), timestamp: rest.slice(cut + 1), rev: body.slice(revDash + 1), build: b };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether the calendar fields name a real instant (no leap seconds, as Go's time.Parse). */
function validFields(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h <= 23 && mi <= 59 && s <= 59;
}

const TIMESTAMP_RE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** The numeric fields of a 14-digit yyyymmddhhmmss, or undefined when they are no valid time. */
function timestampFields(ts: string): number[] | undefined {
  const m = TIMESTAMP_RE.exec(ts);
  if (m === null) return undefined;
  const f = m.slice(1).map(Number);
  return validFields(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, f[5]!) ? f : undefined;
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/** yyyymmddhhmmss of an instant in epoch milliseconds, truncated to the second like Go's Format. */
function timestampOfMillis(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const y = d.getUTCFullYear();
  if (Number.isNaN(y) || y < 0 || y > 9999) return undefined;
  return pad(y, 4) + [d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => pad(n, 2)).join("");
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** The UTC yyyymmddhhmmss of an RFC 3339 time, of a bare yyyymmddhhmmss, or of epoch milliseconds. */
function timestampOf(time: string | number, where: string | undefined): string {
  const bad = (): never => {
    throw error("M074_SEMVER_E018", `time ${q(String(time))} is not a valid time in years 0000-9999`, where);
  };
  if (typeof time === "number") return timestampOfMillis(time) ?? bad();
  if (timestampFields(time) !== undefined) return time;
  const m = ISO_RE.exec(time);
  if (m === null) return bad();
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!validFields(y, mo, d, h, mi, s)) return bad();
  let offsetMinutes = 0;
  if (m[7] !== "Z") {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) return bad();
    offsetMinutes = (m[8] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const local = new Date(0);
  local.setUTCFullYear(y, mo - 1, d);
  local.setUTCHours(h, mi, s, 0);
  return timestampOfMillis(local.getTime() - offsetMinutes * 60_000) ?? bad();
}

/**
 * PseudoVersion(major, older, time, rev). `older` is the latest tag before the
 * commit, or "" (then `major` picks vX.0.0, "" meaning v0); its build
 * suffix (+incompatible) is kept. `time` is an RFC 3339 string, a UTC
 * yyyymmddhhmmss string or epoch milliseconds. Unlike Go, which silently
 * treats an invalid `older` as "", this throws M074_SEMVER_E016 for it.
 */
export function pseudoVersion(major: string, older: string, time: string | number, rev: string, where?: string): string {
  if (!/^[A-Za-z0-9]+$/.test(rev)) throw error("M074_SEMVER_E017", `revision ${q(rev)} must be non-empty and alphanumeric`, where);
  const segment = `${timestampOf(time, where)}-${rev}`;
  if (older === "") {
    const m = major === "" ? "v0" : major;
    if (!/^v(0|[1-9][0-9]*)$/.test(m)) throw error("M074_SEMVER_E015", `major ${q(major)} is not of the form vN`, where);
    return `${m}.0.0-${segment}`;
  }
  const invalid = whyInvalid(older);
  if (invalid !== undefined) throw error("M074_SEMVER_E016", `older version ${q(older)} is not a valid version: ${invalid}`, where);
  const b = build(older);
  const base = canonical(older);
  if (prerelease(base) !== "") return `${base}.0.${segment}${b}`;
  const dot = base.lastIndexOf(".") + 1;
  return `${base.slice(0, dot)}${incDecimal(base.slice(dot))}-0.${segment}${b}`;
}

/** ZeroPseudoVersion: the pseudo-version of "no commit" for a major: vX.0.0-00010101000000-000000000000. */
export function zeroPseudoVersion(major: string): string {
  return pseudoVersion(major, "", "00010101000000", "000000000000");
}

/** IsZeroPseudoVersion: whether v is zeroPseudoVersion of its own major. */
export function isZeroPseudoVersion(v: string): boolean {
  return v === zeroPseudoVersion(major(v));
}

/** PseudoVersionTime: the commit time as "YYYY-MM-DDThh:mm:ssZ" (UTC). */
export function pseudoVersionTime(v: string, where?: string): string {
  const { timestamp } = splitPseudo(v, where);
  const f = timestampFields(timestamp);
  if (f === undefined) throw error("M074_SEMVER_E012", `pseudo-version ${q(v)} has malformed time ${q(timestamp)}`, where);
  const [y, mo, d, h, mi, s] = f.map((n, i) => pad(n, i === 0 ? 4 : 2));
  return `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
}

/** PseudoVersionRev: the revision (commit id prefix) at the end of a pseudo-version. */
export function pseudoVersionRev(v: string, where?: string): string {
  return splitPseudo(v, where).rev;
}

/**
 * PseudoVersionBase: the tag the pseudo-version was built on ("" for form 1),
 * with its build suffix: v1.2.4-0.TS-REV → v1.2.3, v1.2.3-pre.0.TS-REV → v1.2.3-pre.
 */
export function pseudoVersionBase(v: string, where?: string): string {
  const { base, build: b } = splitPseudo(v, where);
  const pre = prerelease(base);
  if (pre === "") {
    // "vX.0.0-" says there is no earlier tag, "+incompatible" that there is one.
    if (b !== "") throw error("M074_SEMVER_E013", `pseudo-version ${q(v)} has no base version but has build metadata ${q(b)}`, where);
    return "";
  }
  if (pre === "-0") {
    const release = base.slice(0, -pre.length);
    const dot = release.lastIndexOf(".") + 1;
    const patch = decDecimal(release.slice(dot));
    if (patch === "") throw error("M074_SEMVER_E014", `the version before ${q(release)} of pseudo-version ${q(v)} would have a negative patch number`, where);
    return release.slice(0, dot) + patch + b;
  }
  return base.slice(0, -".0".length) + b;
}
