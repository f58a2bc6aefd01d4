// The consume pipeline behind `mochi-pkg sync` (alias `build`) and
// `mochi-pkg lock`: resolve the project's Go imports (MVS), download and
// verify every module of the build list, ingest and bridge the imported
// ones, build the wrappers into one C archive, and write mochi.lock.
// docs/layout.md describes the generated files; nothing outside the project
// and the cache is written.

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { MochiError, utf8Encode, type Hashing } from "@mochi-pkg/core";
import { externFileNames, wrapModule } from "@mochi-pkg/core/bridge";
import { auditCapabilities, parseLockBytes, writeLock, wrapperSha256, type Lockfile } from "@mochi-pkg/core/lockfile";
import { manifestHash } from "@mochi-pkg/core/manifest";
import { bridgeImports, generatedGoDir, verifiedProxy, type BridgedModule } from "./bridge-emit.js";
import { goLockEntries } from "./go-lock.js";
import { GoModules } from "./go-modules.js";
import { resolveGo, type GoResolution } from "./go-resolve.js";
import { nodeHashing } from "./kernels.js";
import { MOCHI_PKG_VERSION, writeLockfile } from "./lockfile-io.js";
import { MochiRegistryClient, resolveMochiDependencies } from "./mochi-registry.js";
import { LOCKFILE, openProject, type Project } from "./project.js";
import { syncInputs, writeStamp, type SyncSummary } from "./sync-stamp.js";
import { resolveTarget } from "./target.js";
import { readWorkspaceMembers } from "./workspace.js";
import { buildBridgedProgram } from "./wrapper-build.js";
import { nodeZipOptions } from "./zip-inflate.js";

export interface SyncOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Modules to resolve afresh ("*": all), as --refresh and update do. */
  readonly unlock?: ReadonlySet<string>;
  /** --frozen: fail instead of changing mochi.lock. */
  readonly frozen?: boolean;
  /** --accept-capabilities: record newly required capabilities instead of failing. */
  readonly acceptCapabilities?: boolean;
  /** --offline: only the cache; a module it lacks is an error. */
  readonly offline?: boolean;
  /** Stop after the Mochi files (no wrapper build): what `lock` does. */
  readonly bridgeOnly?: boolean;
  /** --target <goos>/<goarch>: the platform the archive is built for (default: this machine's). */
  readonly target?: string;
  readonly progress?: (stage: string, detail: string) => void;
  /** Told about every file downloaded from a module proxy, with its size. */
  readonly onFetched?: (what: string, bytes: number) => void;
}

export interface SyncResult {
  readonly project: Project;
  readonly resolution: GoResolution;
  readonly bridged: readonly BridgedModule[];
  readonly lock: Lockfile;
  /** Whether mochi.lock was written (false when it already had these bytes). */
  readonly lockWritten: boolean;
  readonly warnings: string;
  /** The C archive and header linking every imported module (absent with bridgeOnly or no Go imports). */
  readonly archive?: { readonly archive: string; readonly header: string };
  /** What the command reports (also what a no-op sync reports from its stamp). */
  readonly summary: SyncSummary;
}

function summarize(bridged: readonly BridgedModule[], lock: Lockfile, archive: SyncSummary["archive"]): SyncSummary {
  return {
    ...(archive === undefined ? {} : { archive }),
    imports: bridged.map((b) => ({
      module: b.use.module,
      version: b.use.version,
      alias: b.use.alias,
      dir: b.dir,
      bridged: b.plan.stats.bridged,
      total: b.plan.stats.total,
      skipped: b.plan.stats.skippedByReason,
    })),
    modules: lock.goPackages.map((p) => ({ module: p.module, version: p.version, verified: p.sumdbVerified, ...(p.zipH1 === undefined ? {} : { zipH1: p.zipH1 }) })),
  };
}

/** A fixed identifier of the resolution algorithm: the lock must not depend on the clock. */
const SOLVER_SEED = "mvs-go1.17-pruned";

async function readExistingLock(root: string): Promise<{ lock: Lockfile; bytes: Uint8Array } | undefined> {
  const path = join(root, LOCKFILE);
  if (!existsSync(path)) return undefined;
  const bytes = new Uint8Array(await readFile(path));
  return { lock: parseLockBytes(bytes, { file: path, running: MOCHI_PKG_VERSION }), bytes };
}

export function goEnvFor(options: SyncOptions): Record<string, string | undefined> {
  return options.offline ? { ...options.env, GOPROXY: "off" } : options.env;
}

/** Resolves, verifies and bridges; the lock it would write is returned (and written unless frozen and different). */
export async function sync(root: string, options: SyncOptions): Promise<SyncResult> {
  const say = options.progress ?? (() => {});
  const hashing: Hashing = await nodeHashing();
  // A target that cannot be built says why before anything is downloaded.
  const target = resolveTarget(options.target, options.env);
  const { project, warnings } = await openProject(root);
  const existing = await readExistingLock(root);
  const go = new GoModules({ env: goEnvFor(options), hashing, zipOptions: nodeZipOptions, ...(options.onFetched ? { onFetched: options.onFetched } : {}) });
  try {
    say("resolve", `${project.goImports.length} Go import(s)`);
    const resolution = await resolveGo(project, go, { lock: existing?.lock, unlock: options.unlock });
    say("verify", `${resolution.buildList.modules.length - 1} module(s) in the build list`);
    const proxy = await verifiedProxy(go, root, resolution);
    say("bridge", resolution.imports.map((i) => `${i.module}@${i.version} as ${i.alias}`).join(", "));
    const bridged = await bridgeImports(go, root, project.manifest, resolution, proxy, hashing, target);
    // wrapper-sha256: the module's generated wrapper package (docs/lockfile.md).
    const wrapperHashes = new Map(
      bridged.map((b) => {
        const pkg = wrapModule(b.plan);
        const files = Object.entries(pkg.files).map(([path, text]) => ({ path: path.startsWith(`${pkg.dir}/`) ? path.slice(pkg.dir.length + 1) : path, data: utf8Encode(text) }));
        return [b.use.module, wrapperSha256(files, hashing)] as const;
      }),
    );
    let archive: SyncResult["archive"];
    if (!options.bridgeOnly && bridged.length > 0) {
      say("build", `go build -buildmode=c-archive for ${target.goos}/${target.goarch} (${bridged.length} module(s))`);
      const maxHandles = project.manifest.go?.goroutineBridge?.maxHandles;
      const built = await buildBridgedProgram(go, {
        dir: join(generatedGoDir(root), target.native ? "build" : `build-${target.goos}-${target.goarch}`),
        ...(target.native ? {} : { goos: target.goos, goarch: target.goarch, env: { CC: target.cc } }),
        plans: bridged.map((b) => b.plan),
        modCache: join(go.cache.root, "go", "modcache"),
        tags: project.manifest.go?.buildTags ?? [],
        ...(maxHandles === undefined ? {} : { maxHandles }),
      });
      archive = { archive: built.archive, header: built.header };
    }
    const goPackages = await goLockEntries(go, {
      resolution,
      bridged,
      wrapperSha256: wrapperHashes,
      buildTags: project.manifest.go?.buildTags ?? [],
      previous: existing?.lock,
    });
    say("mochi", `${project.manifest.dependencies.size} Mochi dependenc${project.manifest.dependencies.size === 1 ? "y" : "ies"}`);
    const registryUrl = options.env.MOCHI_REGISTRY;
    const client = registryUrl ? new MochiRegistryClient(registryUrl, { hashing }) : undefined;
    const members = await readWorkspaceMembers(root, project.manifest);
    const mochi = await resolveMochiDependencies({
      root: project.manifest,
      members,
      rootDir: root,
      ...(client === undefined ? {} : { client }),
      ...(existing === undefined ? {} : { lock: existing.lock }),
      ...(options.unlock === undefined ? {} : { unlock: options.unlock.has("*") ? true : [...options.unlock] }),
    }).finally(() => client?.close());
    const fresh: Lockfile = {
      version: 1,
      mochi: MOCHI_PKG_VERSION,
      manifest: "mochi.toml",
      manifestHash: manifestHash(project.manifest, hashing, members),
      platforms: mochi.platforms,
      packages: mochi.packages,
      goPackages,
      capabilitiesSeen: new Map(),
      provenance: { solverSeed: SOLVER_SEED, registryEtag: mochi.registryEtag, sigstoreVerifiedCount: 0, sigstoreUnverified: [] },
    };
    const lock = auditCapabilities(existing?.lock, fresh, options.acceptCapabilities === true);
    const bytes = new TextEncoder().encode(writeLock(lock));
    const same = existing !== undefined && Buffer.compare(existing.bytes, bytes) === 0;
    if (!same && options.frozen) {
      throw new MochiError("M057_LOCK_E002", existing === undefined ? "there is no mochi.lock and --frozen forbids writing one" : "mochi.lock is not up to date and --frozen forbids changing it", {
        where: join(root, LOCKFILE),
        hint: "run `mochi-pkg lock` (or sync without --frozen) and commit mochi.lock",
      });
    }
    if (!same) await writeLockfile(join(root, LOCKFILE), lock);
    const summary = summarize(bridged, lock, archive === undefined ? undefined : { archive: relative(root, archive.archive), header: relative(root, archive.header) });
    const outputs = [
      LOCKFILE,
      ...bridged.flatMap((b) => [...Object.values(externFileNames(b.use.alias)), "SKIPPED.txt", "surface.json"].map((f) => `${b.dir}/${f}`)),
      ...(archive === undefined ? [] : [archive.archive, archive.header].map((f) => relative(root, f))),
    ];
    // Only a complete sync (archive built) may make the next one a no-op.
    if (!options.bridgeOnly) await writeStamp(project, await syncInputs(project, options.env, options.target), outputs, summary);
    return { project, resolution, bridged, lock, lockWritten: !same, warnings, summary, ...(archive === undefined ? {} : { archive }) };
  } finally {
    await go.close();
  }
}
