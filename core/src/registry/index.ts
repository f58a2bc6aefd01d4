// The sparse index of the Mochi package registry (docs/registry.md): one
// file per package at a sharded path, one JSON line per version; the
// registry's config.json; the URL layout of index files and archives; and
// the index entry a manifest publishes. Parsing checks every rule with its
// own M057_REGISTRY_* code; formatting is canonical, so the same entries
// always give the same bytes (and the same BLAKE3 snapshot).

import { compareUtf8, concatBytes, hexEncode, utf8DecodeStrict, utf8Encode } from "../bytes.js";
import { MochiError, type ErrorCode } from "../errors.js";
import type { Hashing } from "../hashing.js";
import { isPackageName } from "../manifest/parse.js";
import { MOCHI_CAPABILITIES, TARGETS, type Manifest, type MochiCapability, type Target } from "../manifest/schema.js";
import { comparePrecedence, parseSemver, parseVersionReq } from "../manifest/semver.js";
import { packageBaseName } from "./archive.js";

export * from "./archive.js";

/** The index format this code reads and writes ("v" of an index line, and of config.json). */
export const INDEX_FORMAT_VERSION = 1;

/** A dependency of an indexed version: a requirement, and whether only a feature turns it on. */
export interface IndexDependency {
  readonly req: string;
  readonly optional: boolean;
}

/** One line of an index file: one published version. */
export interface IndexEntry {
  readonly name: string;
  readonly version: string;
  /** Dependency name -> requirement, as the version's mochi.toml [dependencies] says. */
  readonly dependencies: ReadonlyMap<string, IndexDependency>;
  /** Feature name -> what it enables: other features, or "dep:<optional dependency>". */
  readonly features: ReadonlyMap<string, readonly string[]>;
  /** MEP-57 capabilities the version declares, sorted. */
  readonly capabilities: readonly MochiCapability[];
  /** The targets the version builds for, sorted; undefined for every target. */
  readonly targets?: readonly Target[];
  /** "blake3-256:<hex>" of the version's archive. */
  readonly blake3: string;
  readonly yanked: boolean;
}

/** The registry's config.json. */
export interface RegistryConfig {
  /**
   * The registry's name, a host name: packages from it are locked with
   * source "registry:<name>", whatever URL (mirror, local port) served them.
   */
  readonly name: string;
}

const q = JSON.stringify;
const BLAKE3 = /^blake3-256:[0-9a-f]{64}$/;
/** Feature names, as docs/manifest.md defines them for [features]. */
const FEATURE_NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
/** A host name with an optional port, as a lockfile registry source takes it. */
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?$/;
const ENTRY_KEYS = ["blake3", "capabilities", "dependencies", "features", "name", "targets", "v", "version", "yanked"];
const DEPENDENCY_KEYS = ["optional", "version"];
const CONFIG_KEYS = ["name", "v"];

// ---------------------------------------------------------------- layout

/** cargo's sharding of a name (without scope): 1/a, 2/ab, 3/a/abc, ab/cd/abcd. */
function shard(base: string): string {
  if (base.length <= 2) return `${base.length}`;
  if (base.length === 3) return `3/${base[0]}`;
  return `${base.slice(0, 2)}/${base.slice(2, 4)}`;
}

/**
 * The index file of a package, relative to the registry's base URL:
 * "index/<shard>/<name>", with a scope as its own directory in front of the
 * shard ("index/@mochi/js/on/json"). Names are lower case, so the paths are
 * safe in URLs and on case-insensitive file systems alike.
 */
export function indexPath(name: string): string {
  const base = packageBaseName(name);
  const scope = name.length > base.length ? `${name.slice(0, name.length - base.length)}` : "";
  return `index/${scope}${shard(base)}/${base}`;
}

/** A version's archive, relative to the base URL: "packages/<name>/<base name>-<version>.tar". */
export function archivePath(name: string, version: string): string {
  return `packages/${name}/${packageBaseName(name)}-${version}.tar`;
}

// ---------------------------------------------------------------- parsing

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The error does not quote the engine's JSON.parse message: engines word it
 * differently, and the core must say the same thing in Node, the browser and
 * the component. The start of the text is enough to find the problem.
 */
function parseJson(text: string, code: ErrorCode, what: string, where: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    const start = text.length > 40 ? `${text.slice(0, 40)}...` : text;
    throw new MochiError(code, `${what} is not JSON: ${JSON.stringify(start)}`, { where });
  }
}

/** The format version ("v") of an index line or config.json: absent is 1; newer is M057_INDEX_E003. */
function formatVersion(v: Json | undefined, typeCode: ErrorCode, where: string): void {
  if (v === undefined) return;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) throw new MochiError(typeCode, `"v" must be a positive integer, got ${q(v)}`, { where });
  if (v > INDEX_FORMAT_VERSION) throw new MochiError("M057_INDEX_E003", `index format ${v} is newer than ${INDEX_FORMAT_VERSION}, the newest this mochi-pkg reads`, { where });
}

/** Sorted and deduplicated by UTF-8 bytes. */
const sortedSet = <T extends string>(xs: readonly T[]): T[] => [...new Set(xs)].sort(compareUtf8);

/** Validates a decoded index line into an entry; `where` names the line. */
function entryFromJson(raw: Json, where: string, expectedName: string | undefined): IndexEntry {
  if (!isObject(raw)) throw new MochiError("M057_INDEX_E002", `an index line must be a JSON object, got ${q(raw)}`, { where });
  formatVersion(raw["v"], "M057_REGISTRY_E002", where);
  for (const key of Object.keys(raw)) {
    if (!ENTRY_KEYS.includes(key)) throw new MochiError("M057_REGISTRY_E003", `unknown key ${q(key)} (allowed: ${ENTRY_KEYS.join(", ")})`, { where });
  }
  const wrongType = (key: string, want: string): never => {
    throw new MochiError("M057_REGISTRY_E002", `${q(key)} must be ${want}, got ${q(raw[key] ?? null)}`, { where });
  };
  const required = (key: string): string => {
    const v = raw[key];
    if (v === undefined) throw new MochiError("M057_REGISTRY_E001", `the line has no ${q(key)}`, { where });
    return typeof v === "string" ? v : wrongType(key, "a string");
  };
  const strings = (key: string): string[] => {
    const v = raw[key];
    if (v === undefined) return [];
    return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : wrongType(key, "an array of strings");
  };
  const table = (key: string): [string, Json][] => {
    const v = raw[key];
    if (v === undefined) return [];
    return isObject(v) ? Object.entries(v) : wrongType(key, "an object");
  };

  const name = required("name");
  if (!isPackageName(name)) throw new MochiError("M057_REGISTRY_E004", `package name ${q(name)} is not a Mochi package name`, { where });
  if (expectedName !== undefined && name !== expectedName) {
    throw new MochiError("M057_REGISTRY_E005", `the index file of ${expectedName} holds a line for ${name}`, { where });
  }
  const version = required("version");
  if (parseSemver(version) === undefined) throw new MochiError("M057_REGISTRY_E006", `version ${q(version)} of ${name} is not a semantic version`, { where });
  const id = `${name}@${version}`;

  const dependencies = new Map<string, IndexDependency>();
  for (const [dep, value] of table("dependencies")) {
    if (!isPackageName(dep)) throw new MochiError("M057_REGISTRY_E004", `dependency name ${q(dep)} of ${id} is not a Mochi package name`, { where });
    if (dep === name) throw new MochiError("M057_REGISTRY_E014", `${id} depends on ${name} itself`, { where });
    let req: Json | undefined = value;
    let optional: Json | undefined = false;
    if (isObject(value)) {
      for (const key of Object.keys(value)) {
        if (!DEPENDENCY_KEYS.includes(key)) throw new MochiError("M057_REGISTRY_E003", `unknown key ${q(key)} in dependency ${dep} (allowed: ${DEPENDENCY_KEYS.join(", ")})`, { where });
      }
      req = value["version"];
      optional = value["optional"] ?? false;
      if (req === undefined) throw new MochiError("M057_REGISTRY_E001", `dependency ${dep} of ${id} has no "version"`, { where });
      if (typeof optional !== "boolean") throw new MochiError("M057_REGISTRY_E002", `"optional" of dependency ${dep} must be a boolean, got ${q(optional)}`, { where });
    }
    if (typeof req !== "string") throw new MochiError("M057_REGISTRY_E002", `dependency ${dep} must be a requirement string or {"version","optional"}, got ${q(value)}`, { where });
    if (parseVersionReq(req) === undefined) throw new MochiError("M057_REGISTRY_E008", `requirement ${q(req)} of ${id} on ${dep} is not a version requirement`, { where });
    dependencies.set(dep, { req, optional });
  }

  const features = new Map<string, readonly string[]>();
  const featureEntries = table("features");
  for (const [feature, value] of featureEntries) {
    if (!FEATURE_NAME.test(feature)) throw new MochiError("M057_REGISTRY_E012", `feature name ${q(feature)} of ${id} is malformed`, { where });
    if (!Array.isArray(value) || !value.every((x) => typeof x === "string")) {
      throw new MochiError("M057_REGISTRY_E002", `feature ${q(feature)} must be an array of strings, got ${q(value)}`, { where });
    }
    features.set(feature, sortedSet(value as string[]));
  }
  for (const [feature, enables] of features) {
    for (const what of enables) {
      const dep = what.startsWith("dep:") ? dependencies.get(what.slice(4)) : undefined;
      if (what.startsWith("dep:") ? dep?.optional !== true : !features.has(what)) {
        throw new MochiError("M057_REGISTRY_E013", `feature ${q(feature)} of ${id} enables ${q(what)}, which is neither a feature nor an optional dependency`, { where });
      }
    }
  }

  const capabilities = strings("capabilities");
  for (const c of capabilities) {
    if (!(MOCHI_CAPABILITIES as readonly string[]).includes(c)) {
      throw new MochiError("M057_REGISTRY_E009", `capability ${q(c)} of ${id} is not one of ${MOCHI_CAPABILITIES.join(", ")}`, { where });
    }
  }
  let targets: Target[] | undefined;
  if (raw["targets"] !== undefined) {
    targets = strings("targets") as Target[];
    if (targets.length === 0) throw new MochiError("M057_REGISTRY_E011", `targets of ${id} is empty (leave it out for every target)`, { where });
    const unknown = targets.find((t) => !(TARGETS as readonly string[]).includes(t));
    if (unknown !== undefined) throw new MochiError("M057_REGISTRY_E011", `target ${q(unknown)} of ${id} is not one of ${TARGETS.join(", ")}`, { where });
  }
  const blake3 = required("blake3");
  if (!BLAKE3.test(blake3)) throw new MochiError("M057_REGISTRY_E010", `blake3 ${q(blake3)} of ${id} is not blake3-256:<64 lowercase hex>`, { where });
  const yanked = raw["yanked"] ?? false;
  if (typeof yanked !== "boolean") wrongType("yanked", "a boolean");

  return {
    name,
    version,
    dependencies: new Map([...dependencies].sort(([a], [b]) => compareUtf8(a, b))),
    features: new Map([...features].sort(([a], [b]) => compareUtf8(a, b))),
    capabilities: sortedSet(capabilities as MochiCapability[]),
    ...(targets === undefined ? {} : { targets: sortedSet(targets) }),
    blake3,
    yanked: yanked as boolean,
  };
}

/** Parses one index line (a JSON object); `expectedName` is the package whose index file holds it. */
export function parseIndexLine(line: string, where = "index line", expectedName?: string): IndexEntry {
  return entryFromJson(parseJson(line, "M057_INDEX_E002", "the index line", where), where, expectedName);
}

/**
 * Parses the index file of `name`: UTF-8, one JSON object per line (empty
 * lines are skipped, so a final newline is fine). Returns the entries in
 * ascending SemVer precedence; a version listed twice is M057_REGISTRY_E007.
 */
export function parseIndexFile(name: string, source: string | Uint8Array, where = indexPath(name)): IndexEntry[] {
  const text = typeof source === "string" ? source : utf8DecodeStrict(source);
  if (text === undefined) throw new MochiError("M057_INDEX_E002", `the index file of ${name} is not valid UTF-8`, { where });
  const entries: { entry: IndexEntry; line: number }[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    entries.push({ entry: parseIndexLine(line, `${where}:${i + 1}`, name), line: i + 1 });
  });
  entries.sort((a, b) => comparePrecedence(parseSemver(a.entry.version)!, parseSemver(b.entry.version)!) || a.line - b.line);
  for (let i = 1; i < entries.length; i++) {
    const [a, b] = [entries[i - 1]!, entries[i]!];
    if (comparePrecedence(parseSemver(a.entry.version)!, parseSemver(b.entry.version)!) === 0) {
      throw new MochiError("M057_REGISTRY_E007", `${name} ${b.entry.version} (line ${b.line}) repeats version ${a.entry.version} (line ${a.line})`, { where: `${where}:${b.line}` });
    }
  }
  return entries.map((e) => e.entry);
}

// ---------------------------------------------------------------- formatting

/**
 * The canonical line of an entry: keys in the order name, version,
 * dependencies, features (only when there are some), capabilities, targets
 * (only when restricted), blake3, yanked; map keys in UTF-8 order; a
 * dependency as its requirement string, or {"version","optional":true} when
 * optional. No spaces, no "v" (format 1 is the default).
 */
export function formatIndexLine(e: IndexEntry): string {
  const deps = Object.fromEntries(
    [...e.dependencies].sort(([a], [b]) => compareUtf8(a, b)).map(([name, d]) => [name, d.optional ? { version: d.req, optional: true } : d.req]),
  );
  const line: Record<string, unknown> = { name: e.name, version: e.version, dependencies: deps };
  if (e.features.size > 0) line["features"] = Object.fromEntries([...e.features].sort(([a], [b]) => compareUtf8(a, b)).map(([f, xs]) => [f, sortedSet(xs)]));
  line["capabilities"] = sortedSet(e.capabilities);
  if (e.targets !== undefined) line["targets"] = sortedSet(e.targets);
  line["blake3"] = e.blake3;
  line["yanked"] = e.yanked;
  return JSON.stringify(line);
}

/** The canonical index file: one line per entry in ascending SemVer precedence, each ending in LF. */
export function formatIndexFile(entries: readonly IndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => comparePrecedence(parseSemver(a.version)!, parseSemver(b.version)!) || compareUtf8(a.version, b.version));
  return sorted.map((e) => `${formatIndexLine(e)}\n`).join("");
}

// ---------------------------------------------------------------- config.json

/** Parses config.json: {"v":1,"name":"<host name>"}. */
export function parseRegistryConfig(source: string | Uint8Array, where = "config.json"): RegistryConfig {
  const text = typeof source === "string" ? source : utf8DecodeStrict(source);
  if (text === undefined) throw new MochiError("M057_REGISTRY_E015", "config.json is not valid UTF-8", { where });
  const raw = parseJson(text, "M057_REGISTRY_E015", "config.json", where);
  if (!isObject(raw)) throw new MochiError("M057_REGISTRY_E015", `config.json must be a JSON object, got ${q(raw)}`, { where });
  formatVersion(raw["v"], "M057_REGISTRY_E015", where);
  for (const key of Object.keys(raw)) {
    if (!CONFIG_KEYS.includes(key)) throw new MochiError("M057_REGISTRY_E015", `unknown key ${q(key)} in config.json (allowed: ${CONFIG_KEYS.join(", ")})`, { where });
  }
  const name = raw["name"];
  if (typeof name !== "string" || !HOST.test(name)) {
    throw new MochiError("M057_REGISTRY_E015", `"name" must be the registry's host name (e.g. registry.mochi-lang.dev), got ${q(name ?? null)}`, { where });
  }
  return { name };
}

export function formatRegistryConfig(config: RegistryConfig): string {
  return `${JSON.stringify({ v: INDEX_FORMAT_VERSION, name: config.name })}\n`;
}

// ---------------------------------------------------------------- publishing

/**
 * The targets a manifest's package builds for: [package] targets together
 * with the targets configured by [targets.<t>] tables, sorted; undefined
 * when it names none (it builds for every target).
 */
export function manifestTargets(m: Manifest): Target[] | undefined {
  const all = sortedSet([...(m.package?.targets ?? []), ...m.targets.keys()]);
  return all.length === 0 ? undefined : all;
}

/**
 * The index entry a package version publishes: its name, version,
 * [dependencies] (registry requirements only), [features], capabilities and
 * targets, with the archive's BLAKE3. `m` must have workspace inheritance
 * applied (inheritFromWorkspace). Checked by the same rules as a parsed line.
 */
export function indexEntryFromManifest(m: Manifest, archive: { readonly blake3: string; readonly yanked?: boolean }, where = "mochi.toml"): IndexEntry {
  const pkg = m.package;
  if (pkg === undefined) throw new MochiError("M057_REGISTRY_E016", "the manifest has no [package] (a virtual workspace root)", { where });
  if (typeof pkg.version !== "string") {
    throw new MochiError("M057_REGISTRY_E016", `${pkg.name} inherits its version from the workspace; apply inheritFromWorkspace first`, { where });
  }
  const dependencies: Record<string, Json> = {};
  for (const [dep, d] of [...m.dependencies].sort(([a], [b]) => compareUtf8(a, b))) {
    if (d.version === undefined) {
      const kind = d.path !== undefined ? `path ${q(d.path)}` : d.git !== undefined ? `git ${q(d.git)}` : "the workspace";
      throw new MochiError("M057_REGISTRY_E017", `${pkg.name} depends on ${dep} from ${kind}, not by a version requirement`, { where: `${where}: dependencies.${dep}` });
    }
    dependencies[dep] = d.optional === true ? { version: d.version, optional: true } : d.version;
  }
  const targets = manifestTargets(m);
  const raw: Json = {
    name: pkg.name,
    version: pkg.version,
    dependencies,
    features: Object.fromEntries([...m.features].map(([f, xs]) => [f, [...xs]])),
    capabilities: [...(pkg.capabilities ?? [])],
    ...(targets === undefined ? {} : { targets }),
    blake3: archive.blake3,
    yanked: archive.yanked ?? false,
  };
  return entryFromJson(raw, where, undefined);
}

// ---------------------------------------------------------------- snapshot

const u64be = (n: number): Uint8Array => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
};

/**
 * An identifier of the index state a resolution read: "blake3-256:<hex>"
 * over the index files consulted, by name in UTF-8 order, each framed as
 * u64be(len(name)) || name || 0x00 for a package the registry does not
 * have, or || 0x01 || u64be(len(bytes)) || bytes for an index file. It is
 * what a lock records as provenance.registry_etag: the same registry state
 * gives the same value, a new or yanked version of a consulted package
 * another one.
 */
export function indexSnapshot(files: ReadonlyMap<string, Uint8Array | null>, hashing: Hashing): string {
  const parts: Uint8Array[] = [];
  for (const [name, bytes] of [...files].sort(([a], [b]) => compareUtf8(a, b))) {
    const n = utf8Encode(name);
    parts.push(u64be(n.length), n);
    parts.push(...(bytes === null ? [new Uint8Array([0])] : [new Uint8Array([1]), u64be(bytes.length), bytes]));
  }
  return `blake3-256:${hexEncode(hashing.digest("blake3", concatBytes(...parts)))}`;
}
