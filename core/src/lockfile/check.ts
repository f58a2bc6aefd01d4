// `mochi-pkg lock --check` and the capability audit, as pure functions over
// parsed values. The resolver (elsewhere) produces the fresh lock; these
// compare it with the committed one and name the failure kind:
//
//   E001 stale    the manifest's hash differs from manifest_hash
//   E007 tamper   a package version that is in both locks has other content hashes
//   E002 drift    the unchanged manifest now resolves differently
//   E006 new capability in a fresh resolution, not accepted
//
// Parsing failures of either file keep their own codes (E003, E004, E005...).

import { compareUtf8 } from "../bytes.js";
import { MochiError } from "../errors.js";
import type { Hashing } from "../hashing.js";
import { manifestHash, type WorkspaceMemberManifest } from "../manifest/canonical.js";
import { parseManifest } from "../manifest/parse.js";
import type { Manifest } from "../manifest/schema.js";
import { parseLock, parseLockBytes } from "./read.js";
import { goCapabilityKey, type GoPackage, type LockedPackage, type Lockfile } from "./schema.js";
import { normalizeLock } from "./validate.js";

export interface PackageRef {
  readonly kind: "package" | "go-package";
  /** Package name or Go module path. */
  readonly name: string;
  readonly version: string;
}

export interface PackageChange extends PackageRef {
  /** The TOML keys whose values differ. */
  readonly fields: readonly string[];
}

export interface LockDiff {
  /** Top-level keys that differ: mochi, manifest, manifest_hash, platform, capabilities-seen, provenance. */
  readonly header: readonly string[];
  /** In `b`, not in `a` (identity: kind, name, version). */
  readonly added: readonly PackageRef[];
  readonly removed: readonly PackageRef[];
  /** In both, with different fields. */
  readonly changed: readonly PackageChange[];
}

/** The fields whose change for the same version means other bytes: tampering, not drift. */
export const CONTENT_FIELDS: ReadonlySet<string> = new Set(["blake3", "sha256", "git_rev", "zip-blake3", "zip-h1", "sumdb-record-hash"]);

/** Fields that may differ without the resolution differing: the log grows between lookups. */
const VOLATILE_FIELDS: ReadonlySet<string> = new Set(["sumdb-tree-size"]);

const json = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? [...x] : x));

function packageFields(p: LockedPackage, platformNames: readonly string[]): Record<string, string> {
  return {
    source: json(p.source),
    blake3: json(p.blake3),
    sha256: json(p.sha256),
    yanked: json(p.yanked === true),
    capabilities: json(p.capabilities),
    path: json(p.path),
    git_rev: json(p.gitRev),
    dependencies: json(p.dependencies),
    platform: json(p.platforms.map((i) => platformNames[i]).sort()),
  };
}

function goFields(g: GoPackage): Record<string, string> {
  return {
    source: json(g.source),
    "zip-blake3": json(g.zipBlake3),
    "zip-h1": json(g.zipH1),
    "sumdb-verified": json(g.sumdbVerified),
    "sumdb-tree-size": json(g.sumdbTreeSize),
    "sumdb-record-hash": json(g.sumdbRecordHash),
    "api-surface-sha256": json(g.apiSurfaceSha256),
    "wrapper-sha256": json(g.wrapperSha256),
    "capabilities-declared": json(g.capabilitiesDeclared),
    dependencies: json(g.dependencies),
    "build-tags": json(g.buildTags),
  };
}

function entries(lock: Lockfile): Map<string, { ref: PackageRef; fields: Record<string, string> }> {
  const names = lock.platforms.map((p) => `${p.os}/${p.arch}/${p.target}`);
  const out = new Map<string, { ref: PackageRef; fields: Record<string, string> }>();
  for (const p of lock.packages) out.set(json(["package", p.name, p.version]), { ref: { kind: "package", name: p.name, version: p.version }, fields: packageFields(p, names) });
  for (const g of lock.goPackages) out.set(json(["go-package", g.module, g.version]), { ref: { kind: "go-package", name: g.module, version: g.version }, fields: goFields(g) });
  return out;
}

/** What differs between two locks, package by package (both are normalised first). */
export function diffLocks(a: Lockfile, b: Lockfile): LockDiff {
  const x = normalizeLock(a);
  const y = normalizeLock(b);
  const header: string[] = [];
  const top = (l: Lockfile): Record<string, string> => ({
    mochi: json(l.mochi),
    manifest: json(l.manifest),
    manifest_hash: json(l.manifestHash),
    platform: json(l.platforms),
    "capabilities-seen": json(l.capabilitiesSeen),
    provenance: json(l.provenance),
  });
  const [tx, ty] = [top(x), top(y)];
  for (const k of Object.keys(tx)) if (tx[k] !== ty[k]) header.push(k);
  const ex = entries(x);
  const ey = entries(y);
  const added: PackageRef[] = [];
  const removed: PackageRef[] = [];
  const changed: PackageChange[] = [];
  for (const [id, e] of ex) {
    const other = ey.get(id);
    if (other === undefined) removed.push(e.ref);
    else {
      const fields = Object.keys(e.fields).filter((k) => e.fields[k] !== other.fields[k]);
      if (fields.length > 0) changed.push({ ...e.ref, fields });
    }
  }
  for (const [id, e] of ey) if (!ex.has(id)) added.push(e.ref);
  return { header, added, removed, changed };
}

/** A capability a fresh resolution needs that the old lock never accepted for that package. */
export interface CapabilityDelta {
  /** The capabilities-seen key: the package name, or "go:<module>". */
  readonly key: string;
  readonly name: string;
  readonly version: string;
  readonly capability: string;
  /** What the old lock had accepted for the package. */
  readonly seen: readonly string[];
}

function declared(lock: Lockfile): { key: string; name: string; version: string; caps: readonly string[] }[] {
  return [
    ...lock.packages.map((p) => ({ key: p.name, name: p.name, version: p.version, caps: p.capabilities })),
    ...lock.goPackages.map((g) => ({ key: goCapabilityKey(g.module), name: g.module, version: g.version, caps: g.capabilitiesDeclared })),
  ];
}

/** The capabilities of `fresh`'s packages that `old`'s capabilities-seen does not hold, sorted. */
export function newCapabilities(old: Lockfile, fresh: Lockfile): CapabilityDelta[] {
  const out: CapabilityDelta[] = [];
  for (const d of declared(fresh)) {
    const seen = old.capabilitiesSeen.get(d.key) ?? [];
    for (const capability of d.caps) if (!seen.includes(capability)) out.push({ key: d.key, name: d.name, version: d.version, capability, seen });
  }
  return out.sort((a, b) => compareUtf8(a.key, b.key) || compareUtf8(a.version, b.version) || compareUtf8(a.capability, b.capability));
}

/**
 * `fresh` with [capabilities-seen] recorded: per package present in `fresh`,
 * the union of what `old` had accepted and what every locked version of it
 * declares. Packages no longer locked drop out (re-adding one is audited
 * again), and so do packages with no capabilities.
 */
export function recordCapabilities(old: Lockfile | undefined, fresh: Lockfile): Lockfile {
  const seen = new Map<string, Set<string>>();
  for (const d of declared(fresh)) {
    const set = seen.get(d.key) ?? new Set(old?.capabilitiesSeen.get(d.key) ?? []);
    for (const c of d.caps) set.add(c);
    seen.set(d.key, set);
  }
  // An empty set says nothing a missing key does not: it is left out.
  const entries = [...seen].filter(([, v]) => v.size > 0).map(([k, v]) => [k, [...v]] as const);
  return normalizeLock({ ...fresh, capabilitiesSeen: new Map(entries) });
}

/**
 * The capability audit of `mochi-pkg lock` / `update`: with no old lock, or
 * with `accept` (--accept-capabilities), returns `fresh` with the seen set
 * recorded; otherwise a newly required capability is M057_LOCK_E006, listing
 * each one with the previously seen set.
 */
export function auditCapabilities(old: Lockfile | undefined, fresh: Lockfile, accept: boolean): Lockfile {
  if (old !== undefined && !accept) {
    const deltas = newCapabilities(old, fresh);
    if (deltas.length > 0) {
      const lines = deltas.map((d) => `${d.name} ${d.version} newly requires capability ${JSON.stringify(d.capability)}; previously seen: ${JSON.stringify(d.seen)}`);
      throw new MochiError("M057_LOCK_E006", lines.join("\n  "), { where: "capabilities-seen" });
    }
  }
  return recordCapabilities(old, fresh);
}

export interface CheckLockInput {
  /** The manifest, parsed or as mochi.toml text. */
  readonly manifest: Manifest | string;
  /** The committed lock, parsed or as mochi.lock text/bytes. */
  readonly lock: Lockfile | string | Uint8Array;
  readonly hashing: Hashing;
  /** Workspace members, for a workspace lock (see manifestHash). */
  readonly members?: readonly WorkspaceMemberManifest[];
  /** A fresh resolution of the same manifest (from the resolver): enables the tamper and drift checks. */
  readonly fresh?: Lockfile;
  readonly manifestFile?: string;
  readonly lockFile?: string;
  /** The running mochi-pkg's version, named when the lock is too new. */
  readonly running?: string;
}

export interface CheckLockResult {
  readonly lock: Lockfile;
  /** The comparison with the fresh lock, when one was given. */
  readonly diff?: LockDiff;
  /** Differences that are not failures (a moved registry etag, another compiler version). */
  readonly warnings: readonly string[];
}

const describe = (r: PackageRef): string => `${r.name}@${r.version}`;

/**
 * `mochi-pkg lock --check`: parses what it is given (lock: E003, E004,
 * E005, ...; manifest: M057_MANIFEST_*), then E001 when the manifest hash
 * differs; with a fresh resolution, E007 for changed content of a locked
 * version and E002 for any other difference in the resolution.
 */
export function checkLock(input: CheckLockInput): CheckLockResult {
  const lockFile = input.lockFile ?? "mochi.lock";
  const lockOptions = { file: lockFile, ...(input.running === undefined ? {} : { running: input.running }) };
  const lock =
    typeof input.lock === "string" ? parseLock(input.lock, lockOptions) : input.lock instanceof Uint8Array ? parseLockBytes(input.lock, lockOptions) : input.lock;
  const manifest = typeof input.manifest === "string" ? parseManifest(input.manifest, { file: input.manifestFile ?? "mochi.toml" }) : input.manifest;
  const hash = manifestHash(manifest, input.hashing, input.members);
  if (hash !== lock.manifestHash) {
    throw new MochiError("M057_LOCK_E001", `the manifest changed since the lock was written: its hash is ${hash}, the lock has ${lock.manifestHash}`, {
      where: `${lockFile}: manifest_hash`,
    });
  }
  if (input.fresh === undefined) return { lock, warnings: [] };
  const diff = diffLocks(lock, input.fresh);
  const tampered = diff.changed.filter((c) => c.fields.some((f) => CONTENT_FIELDS.has(f)));
  if (tampered.length > 0) {
    const list = tampered.map((c) => `${describe(c)} (${c.fields.filter((f) => CONTENT_FIELDS.has(f)).join(", ")})`).join(", ");
    throw new MochiError("M057_LOCK_E007", `locked versions now have different content: ${list}`, { where: lockFile });
  }
  const drifted = [
    ...diff.removed.map((r) => `${describe(r)} is no longer resolved`),
    ...diff.added.map((r) => `${describe(r)} is newly resolved`),
    ...diff.changed
      .map((c) => ({ c, fields: c.fields.filter((f) => !VOLATILE_FIELDS.has(f)) }))
      .filter(({ fields }) => fields.length > 0)
      .map(({ c, fields }) => `${describe(c)} differs in ${fields.join(", ")}`),
    ...(diff.header.includes("platform") ? ["the platform set differs"] : []),
  ];
  if (drifted.length > 0) throw new MochiError("M057_LOCK_E002", `the resolution drifted: ${drifted.join("; ")}`, { where: lockFile });
  const warnings: string[] = [];
  if (lock.provenance.registryEtag !== input.fresh.provenance.registryEtag) {
    warnings.push(`the registry moved (etag ${JSON.stringify(lock.provenance.registryEtag)} -> ${JSON.stringify(input.fresh.provenance.registryEtag)}) but the resolution is the same`);
  }
  if (lock.mochi !== input.fresh.mochi) warnings.push(`the lock was written by mochi ${lock.mochi}; this is ${input.fresh.mochi}`);
  return { lock, diff, warnings };
}
