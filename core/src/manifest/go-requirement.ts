// The version requirement of a [go-dependencies] entry, and how it meets Go's
// minimal version selection (MVS). The reference writes caret constraints
// ("^v1.8.0") next to go.mod's plain minimums without saying how the two
// combine; docs/manifest.md fixes it:
//
// - "v1.8.0"           a minimum, exactly like a go.mod require line: MVS may
//                      select a higher version that another module requires.
// - "^v1.8.0", "^v1.8" a minimum (shorthands fill zeros) plus an exclusive
//                      ceiling: the next major (v0.x: next minor, v0.0.x: next
//                      patch). MVS runs on the minimum; a selected version at
//                      or above the ceiling is a resolution error.
// - "~v1.8.0", "~v1"   the same with the next minor (or, for "~v1", major) as ceiling.
// - "=v1.8.0"          a pin: the selected version must be exactly this one.
// - "latest", "v1", "v1.2", ">=v1.2.0", "<v2" (core/src/go/query.ts): a query,
//                      answered once when locking; the answer is the minimum.

import { MochiError, isMochiError } from "../errors.js";
import { parseQuery, type Query } from "../go/query.js";
import { canonicalModuleVersion, isValid } from "../go/semver.js";

export type GoRequirement =
  | { readonly kind: "minimum"; readonly version: string }
  | { readonly kind: "pin"; readonly version: string }
  | { readonly kind: "range"; readonly minimum: string; readonly below: string }
  | { readonly kind: "query"; readonly query: Query };

const SHORT = /^v(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?(?:\.(0|[1-9][0-9]*))?$/;
const inc = (d: string): string => (BigInt(d) + 1n).toString();

function bad(req: string, why: string, where: string | undefined): never {
  throw new MochiError("M057_MANIFEST_E018", `${JSON.stringify(req)} is not a Go version requirement: ${why}`, { where });
}

/** Parses a [go-dependencies] version requirement; M057_MANIFEST_E018 when it is not one. */
export function parseGoRequirement(req: string, where?: string): GoRequirement {
  const op = req[0];
  if (op === "^" || op === "~") {
    const m = SHORT.exec(req.slice(1));
    if (m === null) return bad(req, `after ${op} write vMAJOR[.MINOR[.PATCH]], e.g. ${op}v1.8.0`, where);
    const [major, minor = "0", patch = "0"] = [m[1]!, m[2], m[3]];
    const minimum = `v${major}.${minor}.${patch}`;
    let below: string;
    if (op === "~") below = m[2] === undefined ? `v${inc(major)}.0.0` : `v${major}.${inc(minor)}.0`;
    else if (major !== "0") below = `v${inc(major)}.0.0`;
    else if (minor !== "0" || m[3] === undefined) below = `v0.${inc(minor)}.0`;
    else below = `v0.0.${inc(patch)}`;
    return { kind: "range", minimum, below };
  }
  if (op === "=") {
    const v = req.slice(1);
    if (!isValid(v) || canonicalModuleVersion(v) !== v) return bad(req, "a pin needs a complete canonical version, e.g. =v1.8.0", where);
    return { kind: "pin", version: v };
  }
  try {
    const query = parseQuery(req, where);
    if (query.kind === "exact") return { kind: "minimum", version: query.version };
    return { kind: "query", query };
  } catch (e) {
    if (!isMochiError(e)) throw e;
    return bad(req, e.detail, where);
  }
}

/** The minimum a requirement puts into MVS, when it has one before querying. */
export function goRequirementMinimum(r: GoRequirement): string | undefined {
  return r.kind === "minimum" || r.kind === "pin" ? r.version : r.kind === "range" ? r.minimum : undefined;
}

