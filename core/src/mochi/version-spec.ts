// What may follow `@` in `import go "<module>@<...>"`, or stand as the
// value of a [go-dependencies] entry: every form MEP-74 lists.
//
//   v1.8.0, v2.0.0+incompatible       exact version
//   v0.0.0-20240102150405-abcdef123456 pseudo-version (exact)
//   latest, v1, v1.2, >=v1.2.0, <v2    go command query (query.ts)
//   ^v1.8.0, ~v1.2, >=v1.2.0,<v2.0.0   range (caret, tilde, or comparisons joined by commas)
//   git+<url>[#<rev>]                 VCS source
//   path+<relative dir>               local source
//
// A caret keeps the leftmost non-zero part (^v1.8 is >=v1.8.0 <v2.0.0,
// ^v0.3.1 is >=v0.3.1 <v0.4.0); a tilde keeps the minor when one is given
// (~v1.2 is >=v1.2.0 <v1.3.0, ~v1 is >=v1.0.0 <v2.0.0). Upper bounds carry
// the lowest prerelease (-0) so that prereleases of the excluded version are
// excluded too. Which version a range selects is the resolver's business.

import { isMochiError } from "../errors.js";
import { isPseudoVersion } from "../go/pseudo.js";
import { parseQuery, type Comparison, type Query } from "../go/query.js";
import { canonical, compare, isValid, whyInvalid } from "../go/semver.js";

export interface Constraint {
  readonly op: Comparison;
  /** Canonical (vMAJOR.MINOR.PATCH[-PRE]). */
  readonly version: string;
}

export type VersionSpec =
  | { readonly kind: "exact"; readonly version: string; readonly pseudo: boolean }
  | { readonly kind: "query"; readonly query: Exclude<Query, { kind: "exact" }> }
  | { readonly kind: "range"; readonly constraints: readonly Constraint[] }
  | { readonly kind: "git"; readonly url: string; readonly rev?: string }
  | { readonly kind: "path"; readonly path: string };

/** Why a spec is refused, and which of its forms it was read as. */
export interface VersionSpecError {
  readonly form: "version" | "query" | "range" | "source";
  readonly why: string;
}

const PARTIAL = /^v(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?(?:\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?)?$/;
const COMPARATOR = /^(<=|>=|<|>)(.*)$/;

function bound(major: bigint, minor: bigint, patch: bigint): string {
  return `v${major}.${minor}.${patch}-0`;
}

/** ^ or ~ followed by a version that may omit its minor and patch. */
function caretOrTilde(text: string): VersionSpec | VersionSpecError {
  const v = text.slice(1);
  if (!isValid(v)) return { form: "range", why: `${JSON.stringify(v)} after ${text[0]} is not a version: ${whyInvalid(v)}` };
  const m = PARTIAL.exec(v);
  if (m === null) return { form: "range", why: `${JSON.stringify(v)} after ${text[0]} carries build metadata, which a range cannot match` };
  // Numbers may exceed 2^53: semver allows any decimal.
  const major = BigInt(m[1]!);
  const minor = m[2] === undefined ? undefined : BigInt(m[2]);
  const patch = m[3] === undefined ? undefined : BigInt(m[3]);
  let upper: string;
  if (text[0] === "~") upper = minor === undefined ? bound(major + 1n, 0n, 0n) : bound(major, minor + 1n, 0n);
  else if (major > 0n || minor === undefined) upper = bound(major + 1n, 0n, 0n);
  else if (minor > 0n || patch === undefined) upper = bound(0n, minor + 1n, 0n);
  else upper = bound(0n, 0n, patch + 1n);
  return { kind: "range", constraints: [{ op: ">=", version: canonical(v) }, { op: "<", version: upper }] };
}

/** Comparisons joined by commas, each a full or shorthand version. */
function comparatorSet(text: string): VersionSpec | VersionSpecError {
  const constraints: Constraint[] = [];
  for (const part of text.split(",")) {
    const p = part.trim();
    const m = COMPARATOR.exec(p);
    if (m === null) return { form: "range", why: `${JSON.stringify(p)} is not a comparison such as >=v1.2.0 or <v2` };
    const v = m[2]!.trim();
    if (!isValid(v)) return { form: "range", why: `${JSON.stringify(v)} in ${JSON.stringify(p)} is not a version: ${whyInvalid(v)}` };
    constraints.push({ op: m[1] as Comparison, version: canonical(v) });
  }
  return { kind: "range", constraints };
}

function source(text: string): VersionSpec | VersionSpecError {
  if (text.startsWith("git+")) {
    const rest = text.slice(4);
    const hash = rest.indexOf("#");
    const url = hash < 0 ? rest : rest.slice(0, hash);
    const rev = hash < 0 ? undefined : rest.slice(hash + 1);
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s/]+/.test(url) && !/^[^\s@/]+@[^\s:/]+:/.test(url)) {
      return { form: "source", why: `${JSON.stringify(url)} is not a repository URL (scheme://host/path or user@host:path)` };
    }
    if (rev !== undefined && !/^[A-Za-z0-9._/-]+$/.test(rev)) {
      return { form: "source", why: `revision ${JSON.stringify(rev)} after # must be a tag, branch or commit name` };
    }
    return { kind: "git", url, ...(rev !== undefined && { rev }) };
  }
  const path = text.slice("path+".length);
  if (path === "") return { form: "source", why: "empty path after path+" };
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path) || path.includes("\\")) {
    return { form: "source", why: `${JSON.stringify(path)} must be a relative path with forward slashes` };
  }
  return { kind: "path", path };
}

export function isVersionSpecError(x: VersionSpec | VersionSpecError): x is VersionSpecError {
  return "why" in x;
}

/** Reads a version, query, range or source reference; says why when it is none of them. */
export function parseVersionSpec(text: string): VersionSpec | VersionSpecError {
  if (text === "") return { form: "version", why: "empty version" };
  if (text.startsWith("git+") || text.startsWith("path+")) return source(text);
  if (text.startsWith("^") || text.startsWith("~")) return caretOrTilde(text);
  if (text.includes(",")) return comparatorSet(text);
  let query: Query;
  try {
    query = parseQuery(text);
  } catch (e) {
    if (!isMochiError(e)) throw e;
    // Something shaped like a version is reported as one, with semver's reason.
    const looksLikeVersion = /^v[0-9]/.test(text);
    return { form: looksLikeVersion ? "version" : "query", why: (looksLikeVersion && whyInvalid(text)) || e.detail };
  }
  if (query.kind === "exact") return { kind: "exact", version: query.version, pseudo: isPseudoVersion(query.version) };
  return { kind: "query", query };
}

/** Whether `version` meets every constraint of a range. */
export function rangeAllows(constraints: readonly Constraint[], version: string): boolean {
  if (!isValid(version)) return false;
  return constraints.every(({ op, version: bound }) => {
    const c = compare(version, bound);
    return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
  });
}
