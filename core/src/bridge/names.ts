// Mochi names for Go items (GRAMMAR.md §1 identifiers, §5.1 R1, R2, R12):
// the snake_case rename of the alias shim, PascalCase type names, and the
// collision rule that keeps every emitted name unique and deterministic.

import { compareUtf8 } from "../bytes.js";
import { BUILTIN_FUNCTIONS, BUILTIN_TYPES } from "../mochi/builtins.js";
import { HARD_KEYWORDS } from "../mochi/lexer.js";

/**
 * Words an emitted name must not be (R1, R2): the hard keywords, the literals
 * `true`/`false`, the soft keywords, the builtin type names and the builtin
 * functions. Dotted segments only strictly need the hard keywords; avoiding
 * the rest everywhere keeps one rule and keeps the names readable.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  ...HARD_KEYWORDS,
  "true", "false",
  // soft keywords (GRAMMAR.md §1)
  "null", "as", "object", "auto", "bench", "model", "query", "update", "set", "from", "where", "select", "group", "by",
  "into", "having", "sort", "order", "skip", "take", "distinct", "join", "left", "right", "outer", "union", "except",
  "intersect", "to", "with",
  ...BUILTIN_TYPES,
  "list", "map",
  ...BUILTIN_FUNCTIONS,
]);

const IDENT = /^[\p{L}\p{So}_][\p{L}\p{So}\p{N}_]*$/u;

/** A Mochi identifier (GRAMMAR.md §1) that is not a hard keyword or `true`/`false`. */
export function isMochiIdent(s: string): boolean {
  return IDENT.test(s) && !HARD_KEYWORDS.has(s) && s !== "true" && s !== "false";
}

/** Appends `_` to a reserved word (R1: `type` becomes `type_`). */
export function escapeReserved(name: string): string {
  return RESERVED_WORDS.has(name) ? `${name}_` : name;
}

/**
 * snake_case of a Go identifier: a word starts at an upper-case letter that
 * follows a lower-case letter or digit, or that begins a capitalised word
 * after an acronym (`ParseHTTPRequest` → `parse_http_request`, `Sum64` →
 * `sum64`, `Base64Encode` → `base64_encode`). Runs of `_` collapse to one,
 * so the result never holds `__` and never starts or ends with `_`.
 */
export function snakeCase(goName: string): string {
  const chars = [...goName];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const prev = chars[i - 1];
    const next = chars[i + 1];
    if (isUpper(c) && prev !== undefined) {
      const afterLowerOrDigit = isLower(prev) || isDigit(prev);
      const endsAcronym = isUpper(prev) && next !== undefined && isLower(next);
      if (afterLowerOrDigit || endsAcronym) out += "_";
    }
    out += c.toLowerCase();
  }
  return out.replace(/_+/g, "_").replace(/^_|_$/g, "");
}

/** PascalCase of a name made of `_`, `-`, `.`, `/` separated words (`go_spew` → `GoSpew`, `yaml.v3` → `YamlV3`). */
export function pascalCase(s: string): string {
  return s
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "")
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

function isLower(c: string): boolean {
  return c !== c.toUpperCase() && c === c.toLowerCase();
}

function isDigit(c: string): boolean {
  return /^\p{N}$/u.test(c);
}

/**
 * A Mochi segment for one element of an import path: characters outside
 * identifiers become `_`, a leading digit gets a `p` in front, and the
 * first letter is lower-cased so a package segment never equals an
 * (upper-case) Go type or member name beside it.
 */
export function pathSegment(elem: string): string {
  let s = elem.replace(/[^\p{L}\p{So}\p{N}_]/gu, "_");
  if (s === "" || /^[\p{N}_]/u.test(s)) s = `p${s}`;
  return escapeReserved(s[0]!.toLowerCase() + s.slice(1));
}

/** One claim on a name in a namespace. */
export interface NameClaim {
  /** A stable key of the claimant (its Go item id plus a role), the tie-breaker. */
  readonly key: string;
  readonly preferred: string;
  /** Lower wins a contested name. */
  readonly rank: number;
}

/**
 * Gives every claim a distinct name: claims are taken in (preferred name,
 * rank, key) order; the first keeps its preferred name, a later one gets the
 * first free `<name>_2`, `<name>_3`, ... Names in `taken` are never handed
 * out. The result depends only on the set of claims, not on their order.
 */
export function assignNames(claims: readonly NameClaim[], taken: ReadonlySet<string> = new Set()): Map<string, string> {
  const sorted = [...claims].sort(
    (a, b) => compareUtf8(a.preferred, b.preferred) || a.rank - b.rank || compareUtf8(a.key, b.key),
  );
  const used = new Set(taken);
  const out = new Map<string, string>();
  for (const c of sorted) {
    let name = c.preferred;
    for (let n = 2; used.has(name); n++) name = `${c.preferred}_${n}`;
    used.add(name);
    out.set(c.key, name);
  }
  return out;
}
