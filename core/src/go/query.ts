// Module version queries, as `go get` and `go mod download` accept them
// after `@`: an exact version, `latest`, a major or minor prefix (`v1`,
// `v1.2`), or a comparison (`>=v1.2.0`, `<v2`). Revisions and branch names
// need a VCS and are refused with a message saying so.
//
// Selection follows the go command: retracted versions are skipped by every
// query but an exact one; a release beats a prerelease; a comparison picks
// the version closest to its bound (the lowest for > and >=, the highest for
// < and <=); `latest` with no tagged version falls back to the proxy's
// @latest (pseudo-version), which the caller fetches.

import { MochiError } from "../errors.js";
import { canonicalModuleVersion, compare, isValid, prerelease, whyInvalid } from "./semver.js";

export type Comparison = "<" | "<=" | ">" | ">=";

export type Query =
  | { readonly kind: "exact"; readonly version: string }
  | { readonly kind: "latest" }
  | { readonly kind: "prefix"; readonly prefix: string }
  | { readonly kind: "compare"; readonly op: Comparison; readonly version: string };

export interface Selection {
  readonly version: string;
  /** True only when every candidate was retracted and `latest` took the newest anyway. */
  readonly retracted: boolean;
}

const PREFIX = /^v(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?$/;

/** Parses what follows `@`; throws M074_QUERY_E001/E002 for what cannot be resolved through a proxy. */
export function parseQuery(query: string, where?: string): Query {
  if (query === "latest") return { kind: "latest" };
  if (query === "upgrade" || query === "patch") {
    throw new MochiError("M074_QUERY_E001", `the query ${JSON.stringify(query)} is relative to a version already in use`, {
      where,
      hint: "name a version, a prefix such as v1 or v1.2, a comparison such as >=v1.2.0, or latest",
    });
  }
  const op = /^(<=|>=|<|>)/.exec(query)?.[1] as Comparison | undefined;
  if (op !== undefined) {
    const version = query.slice(op.length);
    if (!isValid(version)) {
      throw new MochiError("M074_QUERY_E002", `${JSON.stringify(version)} in ${JSON.stringify(query)} is not a version: ${whyInvalid(version)}`, { where });
    }
    return { kind: "compare", op, version };
  }
  if (PREFIX.test(query)) return { kind: "prefix", prefix: query };
  if (isValid(query)) {
    const canonical = canonicalModuleVersion(query);
    if (canonical !== query) {
      throw new MochiError("M074_QUERY_E002", `${JSON.stringify(query)} is not a canonical version; did you mean ${canonical}?`, { where });
    }
    return { kind: "exact", version: query };
  }
  throw new MochiError("M074_QUERY_E001", `${JSON.stringify(query)} is not a version or version query`, {
    where,
    hint: "revisions and branch names need a direct VCS fetch, which mochi-pkg does not do; name a tagged version, a prefix such as v1, a comparison such as >=v1.2.0, or latest",
  });
}

function matches(query: Query, v: string): boolean {
  switch (query.kind) {
    case "latest":
      return true;
    case "exact":
      return v === query.version;
    case "prefix":
      return v.startsWith(`${query.prefix}.`);
    case "compare": {
      const c = compare(v, query.version);
      return query.op === "<" ? c < 0 : query.op === "<=" ? c <= 0 : query.op === ">" ? c > 0 : c >= 0;
    }
  }
}

/**
 * Picks the version `query` selects from a module's tagged versions (the
 * proxy's list; pseudo-versions are never listed). `undefined` means no
 * tagged version matches: for `latest` the caller asks the proxy's @latest.
 */
export function selectVersion(query: Query, versions: readonly string[], isRetracted: (v: string) => boolean): Selection | undefined {
  if (query.kind === "exact") return { version: query.version, retracted: isRetracted(query.version) };
  const candidates = versions.filter((v) => isValid(v) && matches(query, v));
  const lowest = query.kind === "compare" && (query.op === ">" || query.op === ">=");
  const pick = (list: string[]): string | undefined =>
    list.length === 0 ? undefined : list.reduce((a, b) => ((compare(a, b) < 0) === lowest ? a : b));
  const allowed = candidates.filter((v) => !isRetracted(v));
  const chosen = pick(allowed.filter((v) => prerelease(v) === "")) ?? pick(allowed);
  if (chosen !== undefined) return { version: chosen, retracted: false };
  if (query.kind === "latest") {
    const newest = pick(candidates.filter((v) => prerelease(v) === "")) ?? pick(candidates);
    if (newest !== undefined) return { version: newest, retracted: true };
  }
  return undefined;
}
