// The lockfile reader: smol-toml parses, the version envelope dispatches, and
// the v1 reader turns the TOML into the typed Lockfile, checks every rule
// (validate.ts) and returns its normal form. Errors are M057_LOCK_* codes
// with file:line:column. A newer lock is refused with E003, never read as
// v1: a v1 reader cannot know what a v2 field means, so it must not
// silently drop it by rewriting the file.

import { utf8DecodeStrict } from "../bytes.js";
import { MochiError } from "../errors.js";
import type { GoCapability, MochiCapability, Target } from "../manifest/schema.js";
import { TomlReader, describeType, parseTomlText, type TomlTable, type TomlValue } from "../manifest/toml-read.js";
import type { TomlPath } from "../manifest/toml-text.js";
import {
  GO_SOURCE_KINDS,
  LOCKFILE_VERSION,
  type Architecture,
  type GoPackage,
  type GoSource,
  type LockedPackage,
  type Lockfile,
  type OperatingSystem,
  type Platform,
  type Provenance,
} from "./schema.js";
import { normalizeLock, validateLock } from "./validate.js";

export interface ParseLockOptions {
  /** The lockfile's path, for error positions (default "mochi.lock"). */
  readonly file?: string;
  /** The running mochi-pkg's version, named when the lock is too new. */
  readonly running?: string;
}

const TOP_KEYS = ["capabilities-seen", "go-package", "manifest", "manifest_hash", "mochi", "package", "platform", "provenance", "version"];
const PACKAGE_KEYS = ["blake3", "capabilities", "dependencies", "git_rev", "name", "path", "platform", "sha256", "source", "version", "yanked"];
const GO_PACKAGE_KEYS = [
  "api-surface-sha256",
  "build-tags",
  "capabilities-declared",
  "dependencies",
  "module",
  "source",
  "sumdb-record-hash",
  "sumdb-tree-size",
  "sumdb-verified",
  "version",
  "wrapper-sha256",
  "zip-blake3",
  "zip-h1",
];
const GO_SOURCE_KEYS: Record<GoSource["kind"], string[]> = { "module-proxy": ["kind", "proxy"], git: ["kind", "rev", "url"], path: ["kind", "path"] };

/** Reads lockfile bytes, which must be UTF-8. */
export function parseLockBytes(bytes: Uint8Array, options: ParseLockOptions = {}): Lockfile {
  const text = utf8DecodeStrict(bytes);
  if (text === undefined) throw new MochiError("M057_LOCK_E004", "the lockfile is not valid UTF-8", { where: options.file ?? "mochi.lock" });
  return parseLock(text, options);
}

/** Reads lockfile text: version dispatch, then the v1 schema and rules. */
export function parseLock(text: string, options: ParseLockOptions = {}): Lockfile {
  const file = options.file ?? "mochi.lock";
  const doc = parseTomlText(text, file, "M057_LOCK_E004");
  const r: LockReader = new LockReader(text, file); // annotated, so its never-returning fail() narrows
  const version = doc["version"];
  if (version === undefined) throw new MochiError("M057_LOCK_E004", "the lockfile has no version envelope (version = 1)", { where: `${file}:1:1` });
  if (typeof version !== "bigint" || version < 1n) {
    const shown = typeof version === "string" ? JSON.stringify(version) : typeof version === "bigint" || typeof version === "number" ? String(version) : describeType(version);
    const kind = typeof version === "number" ? " (a float)" : "";
    r.fail("M057_LOCK_E004", `the version envelope must be a positive integer, not ${shown}${kind}`, ["version"]);
  }
  if (version > BigInt(LOCKFILE_VERSION)) {
    const running = options.running === undefined ? "this mochi-pkg" : `mochi-pkg ${options.running}`;
    r.fail("M057_LOCK_E003", `lockfile too new: version = ${version}, but ${running} reads lockfile versions up to ${LOCKFILE_VERSION}; upgrade mochi-pkg`, ["version"]);
  }
  const lock = r.v1(doc);
  validateLock(lock, (code, detail, path, at) => r.fail(code, detail, path, at));
  return normalizeLock(lock);
}

class LockReader extends TomlReader {
  constructor(text: string, file: string) {
    super(text, file, { syntax: "M057_LOCK_E004", type: "M057_LOCK_E008", unknownKey: "M057_LOCK_E009", missing: "M057_LOCK_E005" });
  }

  /** An array of tables that may be absent (it then has no elements). */
  tables(v: TomlValue | undefined, path: TomlPath): TomlTable[] {
    return v === undefined ? [] : this.array(v, path).map((t, i) => this.table(t, [...path, i]));
  }

  optString(t: TomlTable, key: string, path: TomlPath): string | undefined {
    return t[key] === undefined ? undefined : this.string(t[key], [...path, key]);
  }

  reqString(t: TomlTable, key: string, path: TomlPath): string {
    return this.string(this.required(t, key, path), [...path, key]);
  }

  list(t: TomlTable, key: string, path: TomlPath): string[] {
    return t[key] === undefined ? [] : this.stringArray(t[key], [...path, key]);
  }

  count(v: TomlValue, path: TomlPath, min: number): number {
    return this.integer(v, path, min, Number.MAX_SAFE_INTEGER, "M057_LOCK_E013");
  }

  v1(doc: TomlTable): Lockfile {
    this.keys(doc, [], TOP_KEYS);
    const platforms = this.tables(doc["platform"], ["platform"]).map((t, i): Platform => {
      const path = ["platform", i];
      this.keys(t, path, ["arch", "os", "target"]);
      return { os: this.reqString(t, "os", path) as OperatingSystem, arch: this.reqString(t, "arch", path) as Architecture, target: this.reqString(t, "target", path) as Target };
    });
    const seen = new Map<string, string[]>();
    if (doc["capabilities-seen"] !== undefined) {
      const t = this.table(doc["capabilities-seen"], ["capabilities-seen"]);
      for (const key of Object.keys(t)) seen.set(key, this.stringArray(t[key], ["capabilities-seen", key]));
    }
    return {
      version: LOCKFILE_VERSION,
      mochi: this.reqString(doc, "mochi", []),
      manifest: this.reqString(doc, "manifest", []),
      manifestHash: this.reqString(doc, "manifest_hash", []),
      platforms,
      packages: this.tables(doc["package"], ["package"]).map((t, i) => this.package(t, ["package", i])),
      goPackages: this.tables(doc["go-package"], ["go-package"]).map((t, i) => this.goPackage(t, ["go-package", i])),
      capabilitiesSeen: seen,
      provenance: this.provenance(this.table(this.required(doc, "provenance", []), ["provenance"])),
    };
  }

  package(t: TomlTable, path: TomlPath): LockedPackage {
    this.keys(t, path, PACKAGE_KEYS);
    const dependencies = new Map<string, string>();
    if (t["dependencies"] !== undefined) {
      const dt = this.table(t["dependencies"], [...path, "dependencies"]);
      for (const name of Object.keys(dt)) dependencies.set(name, this.string(dt[name], [...path, "dependencies", name]));
    }
    const platforms = this.tables(t["platform"], [...path, "platform"]).map((pt, j) => {
      const pp = [...path, "platform", j];
      this.keys(pt, pp, ["index"]);
      // Any integer is read; validate.ts refuses one outside the [[platform]] list (E014).
      return this.integer(this.required(pt, "index", pp), [...pp, "index"], -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, "M057_LOCK_E014");
    });
    const opt = (key: string): string | undefined => this.optString(t, key, path);
    const blake3 = opt("blake3");
    const sha256 = opt("sha256");
    const pkgPath = opt("path");
    const gitRev = opt("git_rev");
    return {
      name: this.reqString(t, "name", path),
      version: this.reqString(t, "version", path),
      source: this.reqString(t, "source", path),
      ...(blake3 === undefined ? {} : { blake3 }),
      ...(sha256 === undefined ? {} : { sha256 }),
      ...(t["yanked"] === undefined ? {} : { yanked: this.bool(t["yanked"], [...path, "yanked"]) }),
      capabilities: this.list(t, "capabilities", path) as MochiCapability[],
      ...(pkgPath === undefined ? {} : { path: pkgPath }),
      ...(gitRev === undefined ? {} : { gitRev }),
      dependencies,
      platforms,
    };
  }

  goSource(v: TomlValue, path: TomlPath): GoSource {
    const t = this.table(v, path);
    const kind = this.reqString(t, "kind", path);
    if (!(GO_SOURCE_KINDS as readonly string[]).includes(kind)) {
      this.fail("M057_LOCK_E013", `source kind ${JSON.stringify(kind)} is not one of ${GO_SOURCE_KINDS.join(", ")}`, [...path, "kind"]);
    }
    const k = kind as GoSource["kind"];
    this.keys(t, path, GO_SOURCE_KEYS[k]);
    if (k === "module-proxy") return { kind: k, proxy: this.reqString(t, "proxy", path) };
    if (k === "path") return { kind: k, path: this.reqString(t, "path", path) };
    const rev = this.optString(t, "rev", path);
    return { kind: k, url: this.reqString(t, "url", path), ...(rev === undefined ? {} : { rev }) };
  }

  goPackage(t: TomlTable, path: TomlPath): GoPackage {
    this.keys(t, path, GO_PACKAGE_KEYS);
    const opt = (key: string): string | undefined => this.optString(t, key, path);
    const fields = {
      zipBlake3: opt("zip-blake3"),
      zipH1: opt("zip-h1"),
      sumdbTreeSize: t["sumdb-tree-size"] === undefined ? undefined : this.count(t["sumdb-tree-size"], [...path, "sumdb-tree-size"], 1),
      sumdbRecordHash: opt("sumdb-record-hash"),
      apiSurfaceSha256: opt("api-surface-sha256"),
      wrapperSha256: opt("wrapper-sha256"),
    };
    const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    return {
      module: this.reqString(t, "module", path),
      version: this.reqString(t, "version", path),
      source: this.goSource(this.required(t, "source", path), [...path, "source"]),
      ...present,
      sumdbVerified: this.bool(this.required(t, "sumdb-verified", path), [...path, "sumdb-verified"]),
      capabilitiesDeclared: this.list(t, "capabilities-declared", path) as GoCapability[],
      dependencies: this.list(t, "dependencies", path),
      buildTags: this.list(t, "build-tags", path),
    };
  }

  provenance(t: TomlTable): Provenance {
    const path = ["provenance"];
    this.keys(t, path, ["registry_etag", "sigstore_unverified", "sigstore_verified_count", "solver_seed"]);
    return {
      solverSeed: this.reqString(t, "solver_seed", path),
      registryEtag: this.reqString(t, "registry_etag", path),
      sigstoreVerifiedCount: this.count(this.required(t, "sigstore_verified_count", path), [...path, "sigstore_verified_count"], 0),
      sigstoreUnverified: this.stringArray(this.required(t, "sigstore_unverified", path), [...path, "sigstore_unverified"]),
    };
  }
}
