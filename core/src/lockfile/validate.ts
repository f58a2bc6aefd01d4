// The rules a v1 lockfile obeys beyond its shape (docs/lockfile.md, "Field
// rules"), checked on the typed Lockfile, and the normal form the writer
// emits. The reader runs both on what it parsed (so errors carry positions),
// the writer runs both on what it is given (so it never writes a lock the
// reader would refuse).

import { base64Decode, compareUtf8, isWellFormed } from "../bytes.js";
import type { ErrorCode } from "../errors.js";
import { isValidPath } from "../go/modpath.js";
import { canonicalModuleVersion, compare as compareGo, isValid as isGoVersion } from "../go/semver.js";
import { GO_CAPABILITIES, MOCHI_CAPABILITIES, TARGETS } from "../manifest/schema.js";
import { isBuildTag, isPackageName, isRelativePath } from "../manifest/parse.js";
import { compareSemver, isSemver } from "../manifest/semver.js";
import type { TomlPath } from "../manifest/toml-text.js";
import { ARCHITECTURES, OPERATING_SYSTEMS, type GoPackage, type LockedPackage, type Lockfile, type Platform } from "./schema.js";

/** Raises a coded error for the value (or, with at = "key", the key) at `path`; the reader adds file:line:column, the writer the path. */
export type Fail = (code: ErrorCode, detail: string, path: TomlPath, at?: "key" | "value") => never;

const q = JSON.stringify;
const HEX64 = /^[0-9a-f]{64}$/;
const GIT_COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?$/;
const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f]/;

export type PackageSource =
  | { readonly kind: "registry"; readonly host: string }
  | { readonly kind: "workspace" }
  | { readonly kind: "path"; readonly path: string }
  | { readonly kind: "git"; readonly url: string; readonly ref: string };

/** Splits a [[package]] source string; undefined for an unknown kind, a string for a malformed one (why). */
export function parsePackageSource(s: string): PackageSource | string | undefined {
  if (s === "workspace") return { kind: "workspace" };
  const colon = s.indexOf(":");
  const kind = colon < 0 ? s : s.slice(0, colon);
  const rest = s.slice(colon + 1);
  switch (kind) {
    case "registry":
      return HOST.test(rest) ? { kind: "registry", host: rest } : `registry source needs a host name, e.g. registry:registry.mochi-lang.dev`;
    case "path":
      return isRelativePath(rest, true) ? { kind: "path", path: rest } : `path source needs a relative directory written with /`;
    case "git": {
      const at = rest.lastIndexOf("@");
      const ref = rest.slice(at + 1);
      if (at <= 0 || ref === "" || CONTROL_OR_SPACE.test(ref)) return `git source is git:<url>@<ref>`;
      return { kind: "git", url: rest.slice(0, at), ref };
    }
    default:
      return undefined;
  }
}

/** Parses "<module>@<version>" of a [[go-package]] dependency. */
export function splitModuleVersion(s: string): { module: string; version: string } | undefined {
  const at = s.lastIndexOf("@");
  if (at <= 0) return undefined;
  return { module: s.slice(0, at), version: s.slice(at + 1) };
}

export function isCanonicalGoVersion(v: string): boolean {
  return isGoVersion(v) && canonicalModuleVersion(v) === v;
}

const isH1 = (s: string): boolean => s.startsWith("h1:") && base64Decode(s.slice(3))?.length === 32;

/** Field presence per package source kind: required and forbidden fields. */
const SOURCE_FIELDS: Record<PackageSource["kind"], { required: (keyof LockedPackage)[]; forbidden: (keyof LockedPackage)[] }> = {
  registry: { required: ["blake3"], forbidden: ["path", "gitRev"] },
  workspace: { required: ["path"], forbidden: ["blake3", "sha256", "gitRev"] },
  path: { required: [], forbidden: ["blake3", "sha256", "path", "gitRev"] },
  git: { required: ["gitRev"], forbidden: ["sha256", "path"] },
};

const TOML_KEY: Partial<Record<keyof LockedPackage, string>> = { gitRev: "git_rev" };

/** Checks every rule of docs/lockfile.md on a typed lock; `fail` raises the first violation. */
export function validateLock(lock: Lockfile, fail: Fail): void {
  const str = (s: string, path: TomlPath): string => {
    if (!isWellFormed(s)) fail("M057_LOCK_E018", `${q(s)} holds a lone surrogate`, path);
    return s;
  };
  const oneOf = (v: string, allowed: readonly string[], path: TomlPath, what: string): void => {
    if (!allowed.includes(v)) fail("M057_LOCK_E013", `${what} ${q(v)} is not one of ${allowed.join(", ")}`, path);
  };
  const hash = (v: string | undefined, shape: RegExp | ((s: string) => boolean), path: TomlPath, what: string): void => {
    if (v === undefined) return;
    const ok = typeof shape === "function" ? shape(v) : shape.test(v);
    if (!ok) fail("M057_LOCK_E010", `${what} ${q(v)} is not ${what === "zip-h1" ? "h1:<base64 of 32 bytes>" : "in its documented form (lowercase hex)"}`, path);
  };

  str(lock.mochi, ["mochi"]);
  if (lock.mochi === "") fail("M057_LOCK_E012", "mochi (the compiler version) is empty", ["mochi"]);
  if (!isRelativePath(str(lock.manifest, ["manifest"]), false)) fail("M057_LOCK_E012", `manifest ${q(lock.manifest)} is not a relative path inside the lock's directory`, ["manifest"]);
  if (!/^blake3-256:[0-9a-f]{64}$/.test(lock.manifestHash)) fail("M057_LOCK_E010", `manifest_hash ${q(lock.manifestHash)} is not blake3-256:<64 lowercase hex>`, ["manifest_hash"]);

  const platforms = new Set<string>();
  lock.platforms.forEach((p, i) => {
    oneOf(p.os, OPERATING_SYSTEMS, ["platform", i, "os"], "os");
    oneOf(p.arch, ARCHITECTURES, ["platform", i, "arch"], "arch");
    oneOf(p.target, TARGETS, ["platform", i, "target"], "target");
    const key = `${p.os}/${p.arch}/${p.target}`;
    if (platforms.has(key)) fail("M057_LOCK_E015", `platform ${key} is listed twice`, ["platform", i]);
    platforms.add(key);
  });

  const packages = new Set<string>();
  lock.packages.forEach((p, i) => {
    const at = (k: string): TomlPath => ["package", i, k];
    if (!isPackageName(str(p.name, at("name")))) fail("M057_LOCK_E012", `package name ${q(p.name)} is not a Mochi package name`, at("name"));
    if (!isSemver(str(p.version, at("version")))) fail("M057_LOCK_E011", `${p.name} version ${q(p.version)} is not a semantic version`, at("version"));
    const id = `${p.name}@${p.version.normalize("NFC")}`;
    if (packages.has(id)) fail("M057_LOCK_E015", `package ${id} is listed twice`, ["package", i]);
    packages.add(id);
    const source = parsePackageSource(str(p.source, at("source")));
    if (source === undefined) fail("M057_LOCK_E013", `source ${q(p.source)} is not one of registry:<host>, workspace, path:<dir>, git:<url>@<ref>`, at("source"));
    if (typeof source === "string") fail("M057_LOCK_E012", `source ${q(p.source)}: ${source}`, at("source"));
    const rules = SOURCE_FIELDS[source.kind];
    for (const f of rules.required) if (p[f] === undefined) fail("M057_LOCK_E005", `${p.name}@${p.version} (${source.kind} source) needs ${TOML_KEY[f] ?? f}`, ["package", i]);
    for (const f of rules.forbidden) if (p[f] !== undefined) fail("M057_LOCK_E017", `${p.name}@${p.version} (${source.kind} source) may not have ${TOML_KEY[f] ?? f}`, at(TOML_KEY[f] ?? f), "key");
    hash(p.blake3, /^blake3-256:[0-9a-f]{64}$/, at("blake3"), "blake3");
    hash(p.sha256, /^sha256:[0-9a-f]{64}$/, at("sha256"), "sha256");
    hash(p.gitRev, GIT_COMMIT, at("git_rev"), "git_rev");
    if (p.path !== undefined && !isRelativePath(str(p.path, at("path")), false)) fail("M057_LOCK_E012", `path ${q(p.path)} is not a relative directory inside the workspace`, at("path"));
    p.capabilities.forEach((c, j) => oneOf(c, MOCHI_CAPABILITIES, ["package", i, "capabilities", j], "capability"));
    for (const [name, version] of p.dependencies) {
      const dp: TomlPath = ["package", i, "dependencies", name];
      if (!isPackageName(str(name, dp))) fail("M057_LOCK_E012", `dependency name ${q(name)} is not a Mochi package name`, dp);
      if (!isSemver(str(version, dp))) fail("M057_LOCK_E011", `dependency ${name} = ${q(version)} is not a concrete semantic version`, dp);
    }
    p.platforms.forEach((index, j) => {
      if (!Number.isInteger(index) || index < 0 || index >= lock.platforms.length) {
        fail("M057_LOCK_E014", `platform index ${index} of ${p.name}@${p.version} is outside 0..${lock.platforms.length - 1}`, ["package", i, "platform", j, "index"]);
      }
    });
  });
  lock.packages.forEach((p, i) => {
    for (const [name, version] of p.dependencies) {
      if (!packages.has(`${name}@${version.normalize("NFC")}`)) {
        fail("M057_LOCK_E016", `${p.name}@${p.version} depends on ${name}@${version}, which the lock has no [[package]] for`, ["package", i, "dependencies", name]);
      }
    }
  });

  const modules = new Set<string>();
  lock.goPackages.forEach((g, i) => validateGoPackage(g, i, modules, fail, str, hash, oneOf));
  lock.goPackages.forEach((g, i) => {
    g.dependencies.forEach((d, j) => {
      if (!modules.has(d)) fail("M057_LOCK_E016", `${g.module}@${g.version} depends on ${d}, which the lock has no [[go-package]] for`, ["go-package", i, "dependencies", j]);
    });
  });

  for (const [key, caps] of lock.capabilitiesSeen) {
    const path: TomlPath = ["capabilities-seen", key];
    const go = key.startsWith("go:");
    if (go ? !isValidPath(key.slice(3)) : !isPackageName(str(key, path))) {
      fail("M057_LOCK_E012", `capabilities-seen key ${q(key)} is neither a Mochi package name nor go:<module path>`, path);
    }
    caps.forEach((c, j) => oneOf(c, go ? GO_CAPABILITIES : MOCHI_CAPABILITIES, [...path, j], "capability"));
  }

  const pv = lock.provenance;
  str(pv.solverSeed, ["provenance", "solver_seed"]);
  str(pv.registryEtag, ["provenance", "registry_etag"]);
  if (!Number.isSafeInteger(pv.sigstoreVerifiedCount) || pv.sigstoreVerifiedCount < 0) {
    fail("M057_LOCK_E013", `sigstore_verified_count ${pv.sigstoreVerifiedCount} is not a count (0 or more)`, ["provenance", "sigstore_verified_count"]);
  }
  pv.sigstoreUnverified.forEach((s, j) => str(s, ["provenance", "sigstore_unverified", j]));
}

function validateGoPackage(
  g: GoPackage,
  i: number,
  modules: Set<string>,
  fail: Fail,
  str: (s: string, path: TomlPath) => string,
  hash: (v: string | undefined, shape: RegExp | ((s: string) => boolean), path: TomlPath, what: string) => void,
  oneOf: (v: string, allowed: readonly string[], path: TomlPath, what: string) => void,
): void {
  const at = (k: string): TomlPath => ["go-package", i, k];
  if (!isValidPath(g.module)) fail("M057_LOCK_E012", `module ${q(g.module)} is not a Go module path`, at("module"));
  if (!isCanonicalGoVersion(g.version)) fail("M057_LOCK_E011", `${g.module} version ${q(g.version)} is not a canonical Go version`, at("version"));
  const id = `${g.module}@${g.version}`;
  if (modules.has(id)) fail("M057_LOCK_E015", `Go module ${id} is listed twice`, ["go-package", i]);
  modules.add(id);
  const src = g.source;
  const sp = (k: string): TomlPath => ["go-package", i, "source", k];
  if (src.kind === "module-proxy") {
    if (str(src.proxy, sp("proxy")) === "") fail("M057_LOCK_E012", "source proxy is empty", sp("proxy"));
  } else if (src.kind === "git") {
    if (str(src.url, sp("url")) === "") fail("M057_LOCK_E012", "source url is empty", sp("url"));
    if (src.rev !== undefined && (str(src.rev, sp("rev")) === "" || CONTROL_OR_SPACE.test(src.rev))) fail("M057_LOCK_E012", `source rev ${q(src.rev)} is not a git ref`, sp("rev"));
  } else if (src.kind === "path") {
    if (str(src.path, sp("path")) === "") fail("M057_LOCK_E012", "source path is empty", sp("path"));
  } else {
    fail("M057_LOCK_E013", `source kind ${q((src as { kind: string }).kind)} is not one of git, module-proxy, path`, sp("kind"));
  }
  const zipped = src.kind !== "path";
  for (const [key, value] of [["zip-blake3", g.zipBlake3], ["zip-h1", g.zipH1]] as const) {
    if (zipped && value === undefined) fail("M057_LOCK_E005", `${id} (${src.kind} source) needs ${key}`, ["go-package", i]);
    if (!zipped && value !== undefined) fail("M057_LOCK_E017", `${id} (path source) has no zip, so no ${key}`, at(key), "key");
  }
  hash(g.zipBlake3, HEX64, at("zip-blake3"), "zip-blake3");
  hash(g.zipH1, isH1, at("zip-h1"), "zip-h1");
  if (g.sumdbVerified) {
    if (!zipped) fail("M057_LOCK_E017", `${id} (path source) cannot be sumdb-verified`, at("sumdb-verified"), "key");
    if (g.sumdbTreeSize === undefined) fail("M057_LOCK_E005", `${id} is sumdb-verified but has no sumdb-tree-size`, ["go-package", i]);
    if (g.sumdbRecordHash === undefined) fail("M057_LOCK_E005", `${id} is sumdb-verified but has no sumdb-record-hash`, ["go-package", i]);
  } else {
    if (g.sumdbTreeSize !== undefined) fail("M057_LOCK_E017", `${id} is not sumdb-verified, so it has no sumdb-tree-size`, at("sumdb-tree-size"), "key");
    if (g.sumdbRecordHash !== undefined) fail("M057_LOCK_E017", `${id} is not sumdb-verified, so it has no sumdb-record-hash`, at("sumdb-record-hash"), "key");
  }
  if (g.sumdbTreeSize !== undefined && (!Number.isSafeInteger(g.sumdbTreeSize) || g.sumdbTreeSize < 1)) {
    fail("M057_LOCK_E013", `sumdb-tree-size ${g.sumdbTreeSize} is not a tree size (1 or more)`, at("sumdb-tree-size"));
  }
  hash(g.sumdbRecordHash, HEX64, at("sumdb-record-hash"), "sumdb-record-hash");
  hash(g.apiSurfaceSha256, HEX64, at("api-surface-sha256"), "api-surface-sha256");
  hash(g.wrapperSha256, HEX64, at("wrapper-sha256"), "wrapper-sha256");
  g.capabilitiesDeclared.forEach((c, j) => oneOf(c, GO_CAPABILITIES, ["go-package", i, "capabilities-declared", j], "capability"));
  g.dependencies.forEach((d, j) => {
    const mv = splitModuleVersion(d);
    if (mv === undefined || !isValidPath(mv.module)) fail("M057_LOCK_E012", `dependency ${q(d)} is not <module>@<version>`, ["go-package", i, "dependencies", j]);
    if (!isCanonicalGoVersion(mv.version)) fail("M057_LOCK_E011", `dependency ${q(d)} has no canonical Go version`, ["go-package", i, "dependencies", j]);
  });
  g.buildTags.forEach((t, j) => {
    if (!isBuildTag(t)) fail("M057_LOCK_E012", `build tag ${q(t)} may hold only letters, digits, _ and .`, ["go-package", i, "build-tags", j]);
  });
}

const nfc = (s: string): string => s.normalize("NFC");
const sortedSet = (xs: readonly string[]): string[] => [...new Set(xs.map(nfc))].sort(compareUtf8);

function comparePlatform(a: Platform, b: Platform): number {
  return compareUtf8(a.os, b.os) || compareUtf8(a.arch, b.arch) || compareUtf8(a.target, b.target);
}

function compareGoRef(a: { module: string; version: string }, b: { module: string; version: string }): number {
  return compareUtf8(a.module, b.module) || compareGo(a.version, b.version) || compareUtf8(a.version, b.version);
}

/**
 * The normal form of a valid lock: strings in NFC; platforms sorted by (os,
 * arch, target) with package indices remapped; packages by (name, SemVer
 * version); Go packages by (module, Go version); every set sorted by UTF-8
 * bytes and deduplicated; `yanked = false` dropped. The writer emits exactly
 * this, and the reader returns it.
 */
export function normalizeLock(lock: Lockfile): Lockfile {
  const order = lock.platforms.map((p, i) => ({ p, i })).sort((a, b) => comparePlatform(a.p, b.p));
  const remap = new Map(order.map(({ i }, n) => [i, n]));
  const packages = lock.packages
    .map((p): LockedPackage => {
      const deps = [...p.dependencies].map(([k, v]) => [nfc(k), nfc(v)] as const).sort((a, b) => compareUtf8(a[0], b[0]));
      return {
        name: nfc(p.name),
        version: nfc(p.version),
        source: nfc(p.source),
        ...(p.blake3 === undefined ? {} : { blake3: p.blake3 }),
        ...(p.sha256 === undefined ? {} : { sha256: p.sha256 }),
        ...(p.yanked === true ? { yanked: true } : {}),
        capabilities: sortedSet(p.capabilities) as LockedPackage["capabilities"],
        ...(p.path === undefined ? {} : { path: nfc(p.path) }),
        ...(p.gitRev === undefined ? {} : { gitRev: p.gitRev }),
        dependencies: new Map(deps),
        platforms: [...new Set(p.platforms.map((i) => remap.get(i)!))].sort((a, b) => a - b),
      };
    })
    .sort((a, b) => compareUtf8(a.name, b.name) || compareSemver(a.version, b.version));
  const goPackages = lock.goPackages
    .map(
      (g): GoPackage => ({
        module: g.module,
        version: g.version,
        source: normalizeGoSource(g.source),
        ...(g.zipBlake3 === undefined ? {} : { zipBlake3: g.zipBlake3 }),
        ...(g.zipH1 === undefined ? {} : { zipH1: g.zipH1 }),
        sumdbVerified: g.sumdbVerified,
        ...(g.sumdbTreeSize === undefined ? {} : { sumdbTreeSize: g.sumdbTreeSize }),
        ...(g.sumdbRecordHash === undefined ? {} : { sumdbRecordHash: g.sumdbRecordHash }),
        ...(g.apiSurfaceSha256 === undefined ? {} : { apiSurfaceSha256: g.apiSurfaceSha256 }),
        ...(g.wrapperSha256 === undefined ? {} : { wrapperSha256: g.wrapperSha256 }),
        capabilitiesDeclared: sortedSet(g.capabilitiesDeclared) as GoPackage["capabilitiesDeclared"],
        dependencies: [...new Set(g.dependencies)].sort((a, b) => compareGoRef(splitModuleVersion(a)!, splitModuleVersion(b)!)),
        buildTags: sortedSet(g.buildTags),
      }),
    )
    .sort(compareGoRef);
  const seen = [...lock.capabilitiesSeen].map(([k, v]) => [nfc(k), sortedSet(v)] as const).sort((a, b) => compareUtf8(a[0], b[0]));
  return {
    version: lock.version,
    mochi: nfc(lock.mochi),
    manifest: nfc(lock.manifest),
    manifestHash: lock.manifestHash,
    platforms: order.map(({ p }) => ({ os: p.os, arch: p.arch, target: p.target })),
    packages,
    goPackages,
    capabilitiesSeen: new Map(seen),
    provenance: {
      solverSeed: nfc(lock.provenance.solverSeed),
      registryEtag: nfc(lock.provenance.registryEtag),
      sigstoreVerifiedCount: lock.provenance.sigstoreVerifiedCount,
      sigstoreUnverified: sortedSet(lock.provenance.sigstoreUnverified),
    },
  };
}

function normalizeGoSource(s: GoPackage["source"]): GoPackage["source"] {
  switch (s.kind) {
    case "module-proxy":
      return { kind: "module-proxy", proxy: nfc(s.proxy) };
    case "git":
      return { kind: "git", url: nfc(s.url), ...(s.rev === undefined ? {} : { rev: nfc(s.rev) }) };
    case "path":
      return { kind: "path", path: nfc(s.path) };
  }
}
