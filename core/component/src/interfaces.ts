// The mochi:core interfaces (wit/*.wit) over the TypeScript core: one
// object per exported interface, in the shapes jco and componentize-js use
// for WIT values (records as camelCase objects, list<u8> as Uint8Array,
// u64 as bigint, option<T> as T | undefined, variants as { tag, val },
// the err of a result as a thrown value).
//
// The component (entry.ts) serves these with the kernels' hashing; the
// conformance test (test/component) calls the same functions in Node with
// Node's hashing and requires the component to give identical values. This
// file only converts shapes: every rule lives in core/src.

import { compareUtf8, utf8Encode } from "../../src/bytes.js";
import { MochiError } from "../../src/errors.js";
import type { Hashing } from "../../src/hashing.js";
import { hash1, hash1Summary, hashGoMod, hashZip, type HashFile } from "../../src/go/dirhash.js";
import {
  checkFilePath, checkImportPath, checkPath, checkPathMajor, checkPathVersion, escapePath, escapeVersion, matchPrefixPatterns,
  splitPathVersion, unescapePath, unescapeVersion,
} from "../../src/go/modpath.js";
import { canonical, canonicalModuleVersion, compare, parseVersion, sortVersions } from "../../src/go/semver.js";
import { isPseudoVersion, pseudoVersion, pseudoVersionBase, pseudoVersionRev, pseudoVersionTime, zeroPseudoVersion } from "../../src/go/pseudo.js";
import { checkDir, checkFiles, checkZip, createModuleZip, createModuleZipFromDir, type CheckedFiles, type ModuleFile } from "../../src/go/zip.js";
import { keyHash, newSigner, newVerifier, openNote, signNote, verifierList, type Signature } from "../../src/go/note.js";
import {
  HashStore, checkRecord, checkTree, formatRecord, formatTree, nodeHash, parseRecord, parseTilePath, parseTree, proveRecord, proveTree,
  recordHash, tilePath, treeHash, type Tile, type Tree,
} from "../../src/go/tlog.js";
import { SumdbClient, type RemoteRequest, type SumdbStep, type LookupResult } from "../../src/go/sumdb.js";
import { parseLockBytes } from "../../src/lockfile/read.js";
import { writeLock } from "../../src/lockfile/write.js";
import { checkLock, type LockDiff, type PackageRef } from "../../src/lockfile/check.js";
import type { GoPackage, GoSource, LockedPackage, Lockfile, Platform } from "../../src/lockfile/schema.js";
import type { GoCapability, MochiCapability, Target } from "../../src/manifest/schema.js";
import { apiSurfaceSha256, canonicalJson, readApiSurface } from "../../src/bridge/surface.js";
import { planModule, type ModulePlan, type PlanOptions } from "../../src/bridge/plan.js";
import { emitExterns, externFileNames } from "../../src/bridge/externs.js";
import { mainPackage, wrapModule } from "../../src/bridge/wrapper.js";
import { parseManifest, type ParseManifestOptions } from "../../src/manifest/parse.js";
import { canonicalManifest, manifestHash } from "../../src/manifest/canonical.js";
import { addGoDependency, removeGoDependency } from "../../src/manifest/edit.js";
import type { GoDependency } from "../../src/manifest/schema.js";
import { scanImports, type GoImport, type ImportOptions } from "../../src/mochi/imports.js";
import { checkSource } from "../../src/mochi/check.js";
import { renderDiagnostics, type Diagnostic, type Span } from "../../src/mochi/diagnostics.js";
import type { DiagnosticCode } from "../../src/mochi/codes.js";
import { parseGoMod } from "../../src/go/gomod.js";
import { buildList, modSummary, type MainModule, type ModSummary, type ModuleVersion, type MvsStep } from "../../src/go/mvs.js";
import { parseQuery, selectVersion, type Comparison, type Query } from "../../src/go/query.js";
import { formatGoSum, parseGoSum, type GoSumLine } from "../../src/go/goproxy.js";
import { formatIndexFile, formatIndexLine, indexEntryFromManifest, parseIndexFile, parseIndexLine, type IndexEntry } from "../../src/registry/index.js";
import { resolveMochi, type MochiResolveInput, type MochiResolveStep, type OsArch } from "../../src/resolve/mochi.js";

// ---------------------------------------------------------------- types

/** record error of wit/types.wit. */
export interface WitError {
  readonly code: string;
  readonly detail: string;
  readonly location: string | undefined;
  readonly hint: string;
}

/** record file of wit/types.wit. */
export interface WitFile {
  readonly name: string;
  readonly content: Uint8Array;
}

/** The code for a failure that is not a MochiError: a bug in the core, never an answer to bad input. */
export const INTERNAL_ERROR_CODE = "M074_COMPONENT_E001";

/**
 * The WIT error of anything the core threw. A MochiError maps field for
 * field; anything else (a TypeError from a bug, a stack overflow) becomes
 * M074_COMPONENT_E001 naming the JavaScript error, so a guest never traps on
 * a bad input and a host still sees what happened.
 */
export function toWitError(e: unknown): WitError {
  if (e instanceof MochiError) return { code: e.code, detail: e.detail, location: e.where, hint: e.hint };
  const err = new MochiError(INTERNAL_ERROR_CODE, e instanceof Error ? `${e.name}: ${e.message}` : `non-error value thrown: ${String(e)}`, {
    where: "mochi:core component",
  });
  return { code: err.code, detail: err.detail, location: err.where, hint: err.hint };
}

/**
 * A list<u8> as the core takes it. componentize-js hands a top-level
 * list<u8> argument over as a Uint8Array but one inside a record or a list
 * as a plain array of numbers; jco always gives Uint8Arrays.
 */
export function u8(bytes: Uint8Array | readonly number[]): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
}

const u8s = (list: readonly (Uint8Array | readonly number[])[]): Uint8Array[] => list.map(u8);

/** Runs `f`; what it throws is re-thrown as the WIT error (the err case of the function's result). */
function wit<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return f(...args);
    } catch (e) {
      throw toWitError(e);
    }
  };
}

// ---------------------------------------------------------------- go-module

export interface WitCheckedFiles {
  readonly valid: string[];
  readonly omitted: { readonly path: string; readonly reason: string; readonly message: string }[];
  readonly invalid: { readonly path: string; readonly error: WitError }[];
  readonly sizeError: WitError | undefined;
}

export function checkedFilesToWit(cf: CheckedFiles): WitCheckedFiles {
  return {
    valid: [...cf.valid],
    omitted: cf.omitted.map((o) => ({ path: o.path, reason: o.reason, message: o.message })),
    invalid: cf.invalid.map((i) => ({ path: i.path, error: toWitError(i.error) })),
    sizeError: cf.sizeError === undefined ? undefined : toWitError(cf.sizeError),
  };
}

const hashFiles = (files: readonly WitFile[]): HashFile[] =>
  files.map((f) => {
    const content = u8(f.content);
    return { name: f.name, open: () => content };
  });
const moduleFiles = (files: readonly WitFile[]): ModuleFile[] => files.map((f) => ({ path: f.name, data: u8(f.content) }));

function goModule(hashing: Hashing) {
  return {
    hashZip: wit((zip: Uint8Array) => hashZip(u8(zip), hashing)),
    hashGoMod: (goMod: Uint8Array) => hashGoMod(u8(goMod), hashing),
    hash1: wit((files: WitFile[]) => hash1(hashFiles(files), hashing)),
    hash1Summary: wit((files: WitFile[]) => hash1Summary(hashFiles(files), hashing)),
    checkPath: wit((path: string) => checkPath(path)),
    checkImportPath: wit((path: string) => checkImportPath(path)),
    checkFilePath: wit((path: string) => checkFilePath(path)),
    checkPathVersion: wit((path: string, version: string) => checkPathVersion(path, version)),
    checkPathMajor: wit((version: string, pathMajor: string) => checkPathMajor(version, pathMajor)),
    splitPathVersion: (path: string) => splitPathVersion(path),
    escapePath: wit((path: string) => escapePath(path)),
    unescapePath: wit((escaped: string) => unescapePath(escaped)),
    escapeVersion: wit((version: string) => escapeVersion(version)),
    unescapeVersion: wit((escaped: string) => unescapeVersion(escaped)),
    matchPrefixPatterns: (globs: string, target: string) => matchPrefixPatterns(globs, target),
    parseVersion: wit((v: string) => ({ ...parseVersion(v) })),
    canonicalVersion: (v: string) => canonical(v),
    canonicalModuleVersion: (v: string) => canonicalModuleVersion(v),
    compareVersions: (a: string, b: string) => compare(a, b),
    sortVersions: (versions: string[]) => sortVersions(versions),
    isPseudoVersion: (v: string) => isPseudoVersion(v),
    pseudoVersion: wit((major: string, older: string, time: string, rev: string) => pseudoVersion(major, older, time, rev)),
    splitPseudoVersion: wit((v: string) => ({ base: pseudoVersionBase(v), time: pseudoVersionTime(v), rev: pseudoVersionRev(v) })),
    zeroPseudoVersion: (major: string) => zeroPseudoVersion(major),
    checkZip: wit((modulePath: string, version: string, zip: Uint8Array) => checkedFilesToWit(checkZip(modulePath, version, u8(zip)))),
    checkFiles: wit((files: WitFile[]) => checkedFilesToWit(checkFiles(moduleFiles(files)))),
    checkDir: wit((files: WitFile[], root: string) => checkedFilesToWit(checkDir(moduleFiles(files), root))),
    createModuleZip: wit((modulePath: string, version: string, files: WitFile[]) => createModuleZip(modulePath, version, moduleFiles(files))),
    createModuleZipFromDir: wit((modulePath: string, version: string, files: WitFile[]) =>
      createModuleZipFromDir(modulePath, version, moduleFiles(files)),
    ),
  };
}

// ---------------------------------------------------------------- checksum-db

const sigToWit = (s: Signature) => ({ name: s.name, keyHash: s.hash, base64: s.base64 });
const treeToWit = (t: Tree) => ({ size: BigInt(t.n), hash: t.hash });

/** A log holding `records`, to prove and hash over. */
function storeOf(records: readonly Uint8Array[], hashing: Hashing): HashStore {
  const store = new HashStore(hashing);
  for (const r of records) store.append(r);
  return store;
}

interface WitTile {
  readonly height: number;
  readonly level: number;
  readonly index: bigint;
  readonly width: number;
}

const tileToWit = (t: Tile): WitTile => ({ height: t.h, level: t.l, index: BigInt(t.n), width: t.w });

function requestToWit(r: RemoteRequest) {
  return { path: r.path, cacheKey: r.cacheKey, fallbackPath: r.fallbackPath, fallbackCacheKey: r.fallbackCacheKey };
}

export type WitLookupStep =
  | { readonly tag: "need"; readonly val: ReturnType<typeof requestToWit>[] }
  | { readonly tag: "done"; readonly val: { readonly lines: string[]; readonly id: bigint; readonly text: string } };

function stepToWit(step: SumdbStep<LookupResult>): WitLookupStep {
  if (step.kind === "need") return { tag: "need", val: step.requests.map(requestToWit) };
  return { tag: "done", val: { lines: [...step.value.lines], id: BigInt(step.value.id), text: step.value.text } };
}

function checksumDb(hashing: Hashing) {
  /** resource sumdb-client: the sans-IO client, driven by the host's fetches. */
  class WitSumdbClient {
    readonly #client: SumdbClient;

    private constructor(client: SumdbClient) {
      this.#client = client;
    }

    static create(verifierKey: string, latest: Uint8Array, tileHeight: number): WitSumdbClient {
      return wit(() => new WitSumdbClient(new SumdbClient({ verifierKey, latest: u8(latest), tileHeight, hashing })))();
    }

    supply(path: string, data: Uint8Array): void {
      wit(() => this.#client.supply(path, u8(data)))();
    }

    lookup(path: string, version: string): WitLookupStep {
      return wit(() => stepToWit(this.#client.lookup(path, version)))();
    }

    latestNote(): string {
      return this.#client.latestNote;
    }
  }

  return {
    openNote: wit((msg: Uint8Array, verifierKeys: string[]) => {
      const note = openNote(u8(msg), verifierList(...verifierKeys.map((k) => newVerifier(k, hashing))));
      return { text: note.text, sigs: note.sigs.map(sigToWit), unverifiedSigs: note.unverifiedSigs.map(sigToWit) };
    }),
    signNote: wit((text: string, existing: { name: string; keyHash: number; base64: string }[], signerKeys: string[]) =>
      signNote(
        { text, sigs: existing.map((s) => ({ name: s.name, hash: s.keyHash, base64: s.base64 })) },
        signerKeys.map((k) => newSigner(k, hashing)),
      ),
    ),
    parseVerifierKey: wit((verifierKey: string) => {
      const v = newVerifier(verifierKey, hashing);
      return { name: v.name, keyHash: v.keyHash };
    }),
    // A record, not a bare u32: componentize-js 0.23 returns a flat u32 of 2^31 or more wrong (the low word of the double).
    keyHash: (name: string, key: Uint8Array) => ({ name, keyHash: keyHash(name, u8(key), hashing) }),
    recordHash: (data: Uint8Array) => recordHash(u8(data), hashing),
    nodeHash: wit((left: Uint8Array, right: Uint8Array) => nodeHash(u8(left), u8(right), hashing)),
    treeHash: (records: Uint8Array[]) => treeHash(records.length, storeOf(u8s(records), hashing), hashing),
    proveRecord: wit((records: Uint8Array[], treeSize: bigint, index: bigint) =>
      proveRecord(Number(treeSize), Number(index), storeOf(u8s(records), hashing), hashing),
    ),
    proveTree: wit((records: Uint8Array[], treeSize: bigint, oldSize: bigint) =>
      proveTree(Number(treeSize), Number(oldSize), storeOf(u8s(records), hashing), hashing),
    ),
    checkRecord: wit((proof: Uint8Array[], treeSize: bigint, root: Uint8Array, index: bigint, leaf: Uint8Array) =>
      checkRecord(u8s(proof), Number(treeSize), u8(root), Number(index), u8(leaf), hashing),
    ),
    checkTree: wit((proof: Uint8Array[], treeSize: bigint, root: Uint8Array, oldSize: bigint, oldRoot: Uint8Array) =>
      checkTree(u8s(proof), Number(treeSize), u8(root), Number(oldSize), u8(oldRoot), hashing),
    ),
    formatTree: (tree: { size: bigint; hash: Uint8Array }) => formatTree({ n: Number(tree.size), hash: u8(tree.hash) }),
    parseTree: wit((text: string) => treeToWit(parseTree(text))),
    formatRecord: wit((id: bigint, text: string) => formatRecord(Number(id), text)),
    parseRecord: wit((msg: Uint8Array) => {
      const r = parseRecord(u8(msg));
      return { id: BigInt(r.id), text: r.text, rest: r.rest };
    }),
    tilePath: (tile: WitTile) => tilePath({ h: tile.height, l: tile.level, n: Number(tile.index), w: tile.width }),
    parseTilePath: wit((path: string) => tileToWit(parseTilePath(path))),
    SumdbClient: WitSumdbClient,
  };
}

// ---------------------------------------------------------------- lockfile

/** The lock of wit/lockfile.wit: Maps become lists, counts bigints, the Go source a variant. */
export interface WitLock {
  readonly version: number;
  readonly mochi: string;
  readonly manifest: string;
  readonly manifestHash: string;
  readonly platforms: { os: string; arch: string; target: string }[];
  readonly packages: WitLockedPackage[];
  readonly goPackages: WitGoPackage[];
  readonly capabilitiesSeen: { key: string; capabilities: string[] }[];
  readonly provenance: { solverSeed: string; registryEtag: string; sigstoreVerifiedCount: bigint; sigstoreUnverified: string[] };
}

interface WitLockedPackage {
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly blake3: string | undefined;
  readonly sha256: string | undefined;
  readonly yanked: boolean | undefined;
  readonly capabilities: string[];
  readonly path: string | undefined;
  readonly gitRev: string | undefined;
  readonly dependencies: { name: string; version: string }[];
  readonly platforms: number[];
}

type WitGoSource =
  | { readonly tag: "module-proxy"; readonly val: string }
  | { readonly tag: "git"; readonly val: { url: string; rev: string | undefined } }
  | { readonly tag: "path"; readonly val: string };

interface WitGoPackage {
  readonly module: string;
  readonly version: string;
  readonly source: WitGoSource;
  readonly zipBlake3: string | undefined;
  readonly zipH1: string | undefined;
  readonly sumdbVerified: boolean;
  readonly sumdbTreeSize: bigint | undefined;
  readonly sumdbRecordHash: string | undefined;
  readonly apiSurfaceSha256: string | undefined;
  readonly wrapperSha256: string | undefined;
  readonly capabilitiesDeclared: string[];
  readonly dependencies: string[];
  readonly buildTags: string[];
}

function goSourceToWit(s: GoSource): WitGoSource {
  switch (s.kind) {
    case "module-proxy":
      return { tag: "module-proxy", val: s.proxy };
    case "git":
      return { tag: "git", val: { url: s.url, rev: s.rev } };
    case "path":
      return { tag: "path", val: s.path };
  }
}

function goSourceFromWit(s: WitGoSource): GoSource {
  switch (s.tag) {
    case "module-proxy":
      return { kind: "module-proxy", proxy: s.val };
    case "git":
      return s.val.rev === undefined ? { kind: "git", url: s.val.url } : { kind: "git", url: s.val.url, rev: s.val.rev };
    case "path":
      return { kind: "path", path: s.val };
  }
}

const big = (n: number | undefined): bigint | undefined => (n === undefined ? undefined : BigInt(n));

const platformToWit = (p: Platform) => ({ os: p.os, arch: p.arch, target: p.target });

const lockedPackageToWit = (p: LockedPackage): WitLockedPackage => ({
  name: p.name,
  version: p.version,
  source: p.source,
  blake3: p.blake3,
  sha256: p.sha256,
  yanked: p.yanked,
  capabilities: [...p.capabilities],
  path: p.path,
  gitRev: p.gitRev,
  dependencies: [...p.dependencies].map(([name, version]) => ({ name, version })),
  platforms: [...p.platforms],
});

const capabilitiesToWit = (m: ReadonlyMap<string, readonly string[]>) => [...m].map(([key, capabilities]) => ({ key, capabilities: [...capabilities] }));

export function lockToWit(lock: Lockfile): WitLock {
  return {
    version: lock.version,
    mochi: lock.mochi,
    manifest: lock.manifest,
    manifestHash: lock.manifestHash,
    platforms: lock.platforms.map(platformToWit),
    packages: lock.packages.map(lockedPackageToWit),
    goPackages: lock.goPackages.map((g) => ({
      module: g.module,
      version: g.version,
      source: goSourceToWit(g.source),
      zipBlake3: g.zipBlake3,
      zipH1: g.zipH1,
      sumdbVerified: g.sumdbVerified,
      sumdbTreeSize: big(g.sumdbTreeSize),
      sumdbRecordHash: g.sumdbRecordHash,
      apiSurfaceSha256: g.apiSurfaceSha256,
      wrapperSha256: g.wrapperSha256,
      capabilitiesDeclared: [...g.capabilitiesDeclared],
      dependencies: [...g.dependencies],
      buildTags: [...g.buildTags],
    })),
    capabilitiesSeen: capabilitiesToWit(lock.capabilitiesSeen),
    provenance: {
      solverSeed: lock.provenance.solverSeed,
      registryEtag: lock.provenance.registryEtag,
      sigstoreVerifiedCount: BigInt(lock.provenance.sigstoreVerifiedCount),
      sigstoreUnverified: [...lock.provenance.sigstoreUnverified],
    },
  };
}

/** An object without the keys whose value is undefined: the reader never sets an absent optional field. */
function present<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function lockFromWit(w: WitLock): Lockfile {
  return {
    version: w.version as Lockfile["version"],
    mochi: w.mochi,
    manifest: w.manifest,
    manifestHash: w.manifestHash,
    platforms: w.platforms.map((p): Platform => ({ os: p.os as Platform["os"], arch: p.arch as Platform["arch"], target: p.target as Target })),
    packages: w.packages.map(
      (p): LockedPackage =>
        present({
          name: p.name,
          version: p.version,
          source: p.source,
          blake3: p.blake3,
          sha256: p.sha256,
          yanked: p.yanked,
          capabilities: p.capabilities as MochiCapability[],
          path: p.path,
          gitRev: p.gitRev,
          dependencies: new Map(p.dependencies.map((d) => [d.name, d.version])),
          platforms: p.platforms,
        }),
    ),
    goPackages: w.goPackages.map(
      (g): GoPackage =>
        present({
          module: g.module,
          version: g.version,
          source: goSourceFromWit(g.source),
          zipBlake3: g.zipBlake3,
          zipH1: g.zipH1,
          sumdbVerified: g.sumdbVerified,
          sumdbTreeSize: g.sumdbTreeSize === undefined ? undefined : Number(g.sumdbTreeSize),
          sumdbRecordHash: g.sumdbRecordHash,
          apiSurfaceSha256: g.apiSurfaceSha256,
          wrapperSha256: g.wrapperSha256,
          capabilitiesDeclared: g.capabilitiesDeclared as GoCapability[],
          dependencies: g.dependencies,
          buildTags: g.buildTags,
        }),
    ),
    capabilitiesSeen: new Map(w.capabilitiesSeen.map((e) => [e.key, e.capabilities])),
    provenance: {
      solverSeed: w.provenance.solverSeed,
      registryEtag: w.provenance.registryEtag,
      sigstoreVerifiedCount: Number(w.provenance.sigstoreVerifiedCount),
      sigstoreUnverified: w.provenance.sigstoreUnverified,
    },
  };
}

const refToWit = (r: PackageRef) => ({ kind: r.kind, name: r.name, version: r.version });

function diffToWit(d: LockDiff) {
  return {
    header: [...d.header],
    added: d.added.map(refToWit),
    removed: d.removed.map(refToWit),
    changed: d.changed.map((c) => ({ ...refToWit(c), fields: [...c.fields] })),
  };
}

function lockfile(hashing: Hashing) {
  return {
    parse: wit((bytes: Uint8Array, file: string | undefined) => lockToWit(parseLockBytes(u8(bytes), file === undefined ? {} : { file }))),
    write: wit((lock: WitLock) => writeLock(lockFromWit(lock))),
    check: wit((manifest: string, lock: Uint8Array, fresh: WitLock | undefined) => {
      const r = checkLock({ manifest, lock: u8(lock), hashing, ...(fresh === undefined ? {} : { fresh: lockFromWit(fresh) }) });
      return { lock: lockToWit(r.lock), diff: r.diff === undefined ? undefined : diffToWit(r.diff), warnings: [...r.warnings] };
    }),
  };
}

// ---------------------------------------------------------------- bridge

export type WitAllowDeprecated = { readonly tag: "none" } | { readonly tag: "all" } | { readonly tag: "items"; readonly val: string[] };

export interface WitPlanOptions {
  readonly alias: string;
  readonly version: string | undefined;
  readonly monomorphise: { item: string; typeArgs: string[] }[];
  readonly allowDeprecated: WitAllowDeprecated;
  readonly cgo: boolean;
}

function planOptions(o: WitPlanOptions, hashing: Hashing): PlanOptions {
  const allow = o.allowDeprecated.tag === "none" ? undefined : o.allowDeprecated.tag === "all" ? true : o.allowDeprecated.val;
  return present({ alias: o.alias, version: o.version, hashing, monomorphise: o.monomorphise, allowDeprecated: allow, cgo: o.cgo });
}

/**
 * The plan as canonical JSON (keys in UTF-8 order, no whitespace, as
 * canonicalJson in core/src/bridge/surface.ts). A plan is a graph, not a
 * tree: a recursive Go type maps to a Mapped that contains itself, so an
 * object met again inside itself is written `{"$ref":"<JSON path of its
 * first occurrence>"}`; JSON has no bigint (typed constants hold them), so a
 * bigint is written as its decimal string.
 */
export function planJson(plan: ModulePlan): string {
  const open = new Map<object, string>();
  const write = (value: unknown, path: string): string => {
    if (typeof value === "bigint") return JSON.stringify(value.toString());
    if (value === null || typeof value !== "object") return canonicalJson(value);
    const ref = open.get(value);
    if (ref !== undefined) return `{"$ref":${JSON.stringify(ref)}}`;
    open.set(value, path);
    try {
      if (Array.isArray(value)) return `[${value.map((v, i) => (v === undefined ? "null" : write(v, `${path}[${i}]`))).join(",")}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => compareUtf8(a, b));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, `${path}.${k}`)}`).join(",")}}`;
    } finally {
      open.delete(value);
    }
  };
  return write(plan, "$");
}

/**
 * The cgo wrapper program of this one module (core/src/bridge/wrapper.ts):
 * package main and the runtime, then the module's wrapper package, by path
 * in the program module, sorted.
 */
function wrapperFiles(plan: ModulePlan): WitFile[] {
  const files = { ...mainPackage([plan]), ...wrapModule(plan).files };
  return Object.keys(files)
    .sort(compareUtf8)
    .map((name) => ({ name, content: utf8Encode(files[name]!) }));
}

function bridge(hashing: Hashing) {
  return {
    bridgeModule: wit((surfaceJson: string, options: WitPlanOptions) => {
      const plan = planModule(readApiSurface(surfaceJson), planOptions(options, hashing));
      const files = emitExterns(plan);
      const names = externFileNames(plan.alias);
      const s = plan.stats;
      return {
        module: plan.module,
        version: plan.version,
        alias: plan.alias,
        prefix: plan.prefix,
        planJson: planJson(plan),
        stats: {
          total: s.total,
          bridged: s.bridged,
          funcsTotal: s.funcs.total,
          funcsBridged: s.funcs.bridged,
          methodsTotal: s.methods.total,
          methodsBridged: s.methods.bridged,
          skippedByReason: Object.entries(s.skippedByReason).map(([reason, count]) => ({ reason, count })),
        },
        skipped: plan.skipped.map((e) => ({ item: e.item, kind: e.kind, reason: e.reason, detail: e.detail, override: e.override, position: e.position })),
        externFiles: [
          { name: names.externFile, content: utf8Encode(files.externFile) },
          { name: names.shimFile, content: utf8Encode(files.shimFile) },
        ],
        skipReport: files.skipped,
        wrapperFiles: wrapperFiles(plan),
      };
    }),
    apiSurfaceSha256: wit((surfaceJson: string) => apiSurfaceSha256(readApiSurface(surfaceJson).surface, hashing)),
  };
}

// ---------------------------------------------------------------- manifest

const fileOption = (file: string | undefined): ParseManifestOptions => (file === undefined ? {} : { file });

export interface WitGoDependency {
  readonly version: string | undefined;
  readonly path: string | undefined;
  readonly git: string | undefined;
  readonly rev: string | undefined;
  readonly tag: string | undefined;
  readonly branch: string | undefined;
  readonly buildTags: string[] | undefined;
  readonly replace: string | undefined;
  readonly indirect: boolean | undefined;
  readonly workspace: boolean;
}

export type WitGoDependencySpec = { readonly tag: "version"; readonly val: string } | { readonly tag: "table"; readonly val: WitGoDependency };

function goDependencySpec(spec: WitGoDependencySpec): GoDependency | string {
  if (spec.tag === "version") return spec.val;
  const { workspace, ...rest } = spec.val;
  return present<GoDependency>({ ...rest, workspace: workspace ? true : undefined });
}

function manifest(hashing: Hashing) {
  return {
    canonicalManifest: wit((text: string, file: string | undefined) => canonicalManifest(parseManifest(text, fileOption(file)))),
    manifestHash: wit((text: string, file: string | undefined, members: { path: string; text: string }[]) =>
      manifestHash(
        parseManifest(text, fileOption(file)),
        hashing,
        members.map((m) => ({ path: m.path, manifest: parseManifest(m.text, { file: `${m.path}/mochi.toml` }) })),
      ),
    ),
    addGoDependency: wit((text: string, module: string, spec: WitGoDependencySpec, file: string | undefined) =>
      addGoDependency(text, module, goDependencySpec(spec), fileOption(file)),
    ),
    removeGoDependency: wit((text: string, module: string, file: string | undefined) => removeGoDependency(text, module, fileOption(file))),
  };
}

// ---------------------------------------------------------------- mochi-source

export interface WitDiagnostic {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly help: string;
  readonly span: Span;
  readonly notes: { message: string; span: Span | undefined }[];
}

export interface WitSourceOptions {
  readonly languages: string[] | undefined;
  readonly goDependencies: { module: string; version: string }[] | undefined;
}

const spanToWit = (s: Span): Span => ({
  start: { offset: s.start.offset, line: s.start.line, col: s.start.col },
  end: { offset: s.end.offset, line: s.end.line, col: s.end.col },
});

const diagnosticToWit = (d: Diagnostic): WitDiagnostic => ({
  code: d.code,
  severity: d.severity,
  message: d.message,
  help: d.help,
  span: spanToWit(d.span),
  notes: d.notes.map((n) => ({ message: n.message, span: n.span === undefined ? undefined : spanToWit(n.span) })),
});

const diagnosticFromWit = (d: WitDiagnostic): Diagnostic => ({
  // Any string renders; the code table only decides which codes the core itself emits.
  code: d.code as DiagnosticCode,
  severity: d.severity,
  message: d.message,
  help: d.help,
  span: d.span,
  notes: d.notes.map((n) => present({ message: n.message, span: n.span })),
});

function importOptions(o: WitSourceOptions): ImportOptions {
  const deps = o.goDependencies === undefined ? undefined : new Map(o.goDependencies.map((d) => [d.module, d.version]));
  return present({ languages: o.languages, lookup: deps === undefined ? undefined : (module: string) => deps.get(module) });
}

const importToWit = (i: GoImport) => ({
  path: i.path,
  module: i.module,
  version: i.version,
  specJson: i.spec === undefined ? undefined : canonicalJson(i.spec),
  source: i.source,
  alias: i.alias,
  aliasExplicit: i.aliasExplicit,
  auto: i.auto,
  span: spanToWit(i.span),
  pathSpan: spanToWit(i.pathSpan),
});

function mochiSource() {
  return {
    scanImports: wit((source: string, filename: string, options: WitSourceOptions) => {
      const scan = scanImports(source, filename, importOptions(options));
      return { file: scan.file, imports: scan.imports.map(importToWit), diagnostics: scan.diagnostics.map(diagnosticToWit) };
    }),
    checkSource: wit((source: string, options: WitSourceOptions) => checkSource(source, importOptions(options)).diagnostics.map(diagnosticToWit)),
    renderDiagnostics: wit((diagnostics: WitDiagnostic[], source: string, filename: string) =>
      renderDiagnostics(diagnostics.map(diagnosticFromWit), source, filename),
    ),
  };
}

// ---------------------------------------------------------------- go-requirements

const mv = (m: ModuleVersion): ModuleVersion => ({ path: m.path, version: m.version });
const summaryToWit = (s: ModSummary) => ({ go: s.go, requires: s.requires.map(mv) });

export interface WitMainModule {
  readonly path: string;
  readonly go: string;
  readonly requires: ModuleVersion[];
  readonly excludes: ModuleVersion[];
  readonly replaces: { old: { path: string; version: string | undefined }; new: { path: string; version: string | undefined } }[];
}

function mainModule(w: WitMainModule): MainModule {
  // buildList reads only the old and new sides of a replacement; a WIT caller has no go.mod position to give.
  const replaces = w.replaces.map((r) => ({ old: present(r.old), new: present(r.new) })) as unknown as MainModule["replaces"];
  return { path: w.path, go: w.go, requires: w.requires.map(mv), excludes: w.excludes.map(mv), replaces };
}

export type WitMvsStep =
  | { readonly tag: "need"; readonly val: { module: ModuleVersion; source: { tag: "module"; val: ModuleVersion } | { tag: "dir"; val: string } }[] }
  | { readonly tag: "done"; readonly val: { modules: ModuleVersion[]; loaded: ModuleVersion[] } };

function mvsStepToWit(step: MvsStep): WitMvsStep {
  if (step.kind === "done") return { tag: "done", val: { modules: step.buildList.map(mv), loaded: step.loaded.map(mv) } };
  return {
    tag: "need",
    val: step.requests.map((r) => ({
      module: mv(r.module),
      source: r.source.kind === "dir" ? { tag: "dir", val: r.source.dir } : { tag: "module", val: { path: r.source.path, version: r.source.version } },
    })),
  };
}

export type WitQuery =
  | { readonly tag: "exact"; readonly val: string }
  | { readonly tag: "latest" }
  | { readonly tag: "prefix"; readonly val: string }
  | { readonly tag: "compare"; readonly val: { op: WitComparisonOp; version: string } };

type WitComparisonOp = "lt" | "le" | "gt" | "ge";
/** enum comparison-op: WIT names for the operators. */
const OPS: Readonly<Record<WitComparisonOp, Comparison>> = { lt: "<", le: "<=", gt: ">", ge: ">=" };
const opToWit = (op: Comparison): WitComparisonOp => (Object.keys(OPS) as WitComparisonOp[]).find((k) => OPS[k] === op)!;

function queryToWit(q: Query): WitQuery {
  switch (q.kind) {
    case "exact":
      return { tag: "exact", val: q.version };
    case "latest":
      return { tag: "latest" };
    case "prefix":
      return { tag: "prefix", val: q.prefix };
    case "compare":
      return { tag: "compare", val: { op: opToWit(q.op), version: q.version } };
  }
}

function queryFromWit(w: WitQuery): Query {
  switch (w.tag) {
    case "exact":
      return { kind: "exact", version: w.val };
    case "latest":
      return { kind: "latest" };
    case "prefix":
      return { kind: "prefix", prefix: w.val };
    case "compare":
      return { kind: "compare", op: OPS[w.val.op], version: w.val.version };
  }
}

const sumLine = (l: GoSumLine): GoSumLine => ({ path: l.path, version: l.version, goMod: l.goMod, hash: l.hash });

function goRequirements() {
  return {
    parseGoMod: wit((text: string, filename: string | undefined, lax: boolean) => canonicalJson(parseGoMod(text, filename, { lax }))),
    readModSummary: wit((goMod: string, expectedPath: string | undefined, where: string) =>
      summaryToWit(modSummary(parseGoMod(goMod, where, { lax: true }), expectedPath, where)),
    ),
    mvsBuildList: wit((main: WitMainModule, summaries: { module: ModuleVersion; summary: { go: string | undefined; requires: ModuleVersion[] } }[]) => {
      const map = new Map(summaries.map((e) => [`${e.module.path}@${e.module.version}`, present({ go: e.summary.go, requires: e.summary.requires.map(mv) })]));
      return mvsStepToWit(buildList(mainModule(main), map));
    }),
    parseQuery: wit((query: string, where: string | undefined) => queryToWit(parseQuery(query, where))),
    selectVersion: wit((query: WitQuery, versions: string[], retracted: string[]) => {
      const set = new Set(retracted);
      const s = selectVersion(queryFromWit(query), versions, (v) => set.has(v));
      return s === undefined ? undefined : { version: s.version, retracted: s.retracted };
    }),
    parseGoSum: wit((text: string, filename: string | undefined) => parseGoSum(text, filename).map(sumLine)),
    formatGoSum: wit((lines: GoSumLine[]) => formatGoSum(lines.map(sumLine))),
  };
}

// ---------------------------------------------------------------- registry

export interface WitIndexEntry {
  readonly name: string;
  readonly version: string;
  readonly dependencies: { name: string; req: string; optional: boolean }[];
  readonly features: { name: string; enables: string[] }[];
  readonly capabilities: string[];
  readonly targets: string[] | undefined;
  readonly blake3: string;
  readonly yanked: boolean;
}

const entryToWit = (e: IndexEntry): WitIndexEntry => ({
  name: e.name,
  version: e.version,
  dependencies: [...e.dependencies].map(([name, d]) => ({ name, req: d.req, optional: d.optional })),
  features: [...e.features].map(([name, enables]) => ({ name, enables: [...enables] })),
  capabilities: [...e.capabilities],
  targets: e.targets === undefined ? undefined : [...e.targets],
  blake3: e.blake3,
  yanked: e.yanked,
});

const entryFromWit = (w: WitIndexEntry): IndexEntry =>
  present({
    name: w.name,
    version: w.version,
    dependencies: new Map(w.dependencies.map((d) => [d.name, { req: d.req, optional: d.optional }])),
    features: new Map(w.features.map((f) => [f.name, f.enables])),
    capabilities: w.capabilities as MochiCapability[],
    targets: w.targets as Target[] | undefined,
    blake3: w.blake3,
    yanked: w.yanked,
  });

export interface WitResolveInput {
  readonly root: string;
  readonly members: { path: string; text: string }[];
  readonly registry: string;
  readonly indexes: { name: string; text: string | undefined }[];
  readonly pathManifests: { dir: string; text: string }[];
  readonly lock: Uint8Array | undefined;
  readonly unlock: { readonly tag: "none" } | { readonly tag: "all" } | { readonly tag: "packages"; readonly val: string[] };
  readonly osArch: { os: string; arch: string }[] | undefined;
  readonly maxSteps: number | undefined;
}

/** The resolver's input: texts parsed (each located by its path), index files read, the lock parsed. */
function resolveInput(w: WitResolveInput): MochiResolveInput {
  return present({
    root: parseManifest(w.root),
    members: w.members.map((m) => ({ path: m.path, manifest: parseManifest(m.text, { file: `${m.path}/mochi.toml` }) })),
    registry: w.registry,
    indexes: new Map(w.indexes.map((f) => [f.name, f.text === undefined ? null : parseIndexFile(f.name, f.text)])),
    pathManifests: new Map(w.pathManifests.map((p) => [p.dir, parseManifest(p.text, { file: `${p.dir}/mochi.toml` })])),
    lock: w.lock === undefined ? undefined : parseLockBytes(u8(w.lock), { file: "mochi.lock" }),
    unlock: w.unlock.tag === "none" ? undefined : w.unlock.tag === "all" ? true : w.unlock.val,
    osArch: w.osArch as OsArch[] | undefined,
    maxSteps: w.maxSteps,
  });
}

function resolveStepToWit(step: MochiResolveStep) {
  if (step.kind === "need") return { tag: "need" as const, val: { indexes: [...step.indexes], paths: [...step.paths] } };
  const r = step.resolution;
  return {
    tag: "done" as const,
    val: { platforms: r.platforms.map(platformToWit), packages: r.packages.map(lockedPackageToWit), capabilitiesSeen: capabilitiesToWit(r.capabilitiesSeen) },
  };
}

function registry() {
  return {
    resolveMochi: wit((input: WitResolveInput) => resolveStepToWit(resolveMochi(resolveInput(input)))),
    parseIndexLine: wit((line: string, where: string | undefined, expectedName: string | undefined) => entryToWit(parseIndexLine(line, where, expectedName))),
    formatIndexLine: wit((entry: WitIndexEntry) => formatIndexLine(entryFromWit(entry))),
    parseIndexFile: wit((name: string, text: string, where: string | undefined) => parseIndexFile(name, text, where).map(entryToWit)),
    formatIndexFile: wit((entries: WitIndexEntry[]) => formatIndexFile(entries.map(entryFromWit))),
    indexEntryFromManifest: wit((manifestText: string, blake3: string, yanked: boolean, file: string | undefined) => {
      const where = file ?? "mochi.toml";
      return entryToWit(indexEntryFromManifest(parseManifest(manifestText, { file: where }), { blake3, yanked }, where));
    }),
  };
}

// ---------------------------------------------------------------- all of them

/** Every exported interface of the world core-js, named as componentize-js expects. */
export function makeInterfaces(hashing: Hashing, version: string) {
  return {
    types: { version: () => version },
    goModule: goModule(hashing),
    checksumDb: checksumDb(hashing),
    lockfile: lockfile(hashing),
    bridge: bridge(hashing),
    manifest: manifest(hashing),
    mochiSource: mochiSource(),
    goRequirements: goRequirements(),
    registry: registry(),
  };
}

export type CoreInterfaces = ReturnType<typeof makeInterfaces>;
