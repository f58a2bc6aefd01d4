// The canonical lockfile writer, by hand: a library TOML encoder promises
// valid TOML, not the same bytes on every machine. docs/lockfile.md,
// "Canonical form", lists the rules this code implements; in short: the
// fixed header comment, then the lock's normal form (validate.ts) with keys in
// the schema order, every [table] and [[array]] header after one blank line,
// basic strings only (toml-text.ts), decimal integers, lowercase hex, LF, no
// trailing whitespace, and exactly one final newline.

import { MochiError } from "../errors.js";
import { formatTomlPath, tomlKey, tomlString, tomlStringArray } from "../manifest/toml-text.js";
import { LOCKFILE_HEADER, type GoPackage, type LockedPackage, type Lockfile } from "./schema.js";
import { normalizeLock, validateLock } from "./validate.js";

/** Appends `key = value` lines; undefined values and (with `omitEmpty`) empty arrays are skipped. */
class Lines {
  readonly out: string[] = [];

  str(key: string, v: string | undefined): void {
    if (v !== undefined) this.out.push(`${key} = ${tomlString(v)}`);
  }

  raw(key: string, v: string | number | boolean | undefined): void {
    if (v !== undefined) this.out.push(`${key} = ${String(v)}`);
  }

  list(key: string, v: readonly string[], omitEmpty = true): void {
    if (v.length > 0 || !omitEmpty) this.out.push(`${key} = ${tomlStringArray(v)}`);
  }

  header(h: string): void {
    this.out.push("", h);
  }
}

function writePackage(w: Lines, p: LockedPackage): void {
  w.header("[[package]]");
  w.str("name", p.name);
  w.str("version", p.version);
  w.str("source", p.source);
  w.str("blake3", p.blake3);
  w.str("sha256", p.sha256);
  if (p.yanked === true) w.raw("yanked", true);
  w.list("capabilities", p.capabilities);
  w.str("path", p.path);
  w.str("git_rev", p.gitRev);
  if (p.dependencies.size > 0) {
    w.header("[package.dependencies]");
    for (const [name, version] of p.dependencies) w.out.push(`${tomlKey(name)} = ${tomlString(version)}`);
  }
  for (const index of p.platforms) {
    w.header("[[package.platform]]");
    w.raw("index", index);
  }
}

function goSource(s: GoPackage["source"]): string {
  switch (s.kind) {
    case "module-proxy":
      return `{ kind = "module-proxy", proxy = ${tomlString(s.proxy)} }`;
    case "git":
      return `{ kind = "git", url = ${tomlString(s.url)}${s.rev === undefined ? "" : `, rev = ${tomlString(s.rev)}`} }`;
    case "path":
      return `{ kind = "path", path = ${tomlString(s.path)} }`;
  }
}

function writeGoPackage(w: Lines, g: GoPackage): void {
  w.header("[[go-package]]");
  w.str("module", g.module);
  w.str("version", g.version);
  w.raw("source", goSource(g.source));
  w.str("zip-blake3", g.zipBlake3);
  w.str("zip-h1", g.zipH1);
  w.raw("sumdb-verified", g.sumdbVerified);
  w.raw("sumdb-tree-size", g.sumdbTreeSize);
  w.str("sumdb-record-hash", g.sumdbRecordHash);
  w.str("api-surface-sha256", g.apiSurfaceSha256);
  w.str("wrapper-sha256", g.wrapperSha256);
  w.list("capabilities-declared", g.capabilitiesDeclared);
  w.list("dependencies", g.dependencies);
  w.list("build-tags", g.buildTags);
}

/** The canonical text of an already normalised lock. */
function emit(lock: Lockfile): string {
  const w = new Lines();
  w.out.push(LOCKFILE_HEADER);
  w.raw("version", lock.version);
  w.str("mochi", lock.mochi);
  w.str("manifest", lock.manifest);
  w.str("manifest_hash", lock.manifestHash);
  for (const p of lock.platforms) {
    w.header("[[platform]]");
    w.str("os", p.os);
    w.str("arch", p.arch);
    w.str("target", p.target);
  }
  for (const p of lock.packages) writePackage(w, p);
  for (const g of lock.goPackages) writeGoPackage(w, g);
  if (lock.capabilitiesSeen.size > 0) {
    w.header("[capabilities-seen]");
    for (const [key, caps] of lock.capabilitiesSeen) w.list(tomlKey(key), caps, false);
  }
  const pv = lock.provenance;
  w.header("[provenance]");
  w.str("solver_seed", pv.solverSeed);
  w.str("registry_etag", pv.registryEtag);
  w.raw("sigstore_verified_count", pv.sigstoreVerifiedCount);
  w.list("sigstore_unverified", pv.sigstoreUnverified, false);
  return `${w.out.join("\n")}\n`;
}

/**
 * The canonical bytes (as a string; encode as UTF-8) of `lock`. The lock is
 * checked against every rule the reader enforces (M057_LOCK_* codes, with
 * the offending field's path as `where`) and normalised first, so any order
 * of packages, platforms or set members gives the same text.
 */
export function writeLock(lock: Lockfile): string {
  validateLock(lock, (code, detail, path) => {
    throw new MochiError(code, detail, { where: `lock ${formatTomlPath(path)}` });
  });
  return emit(normalizeLock(lock));
}
