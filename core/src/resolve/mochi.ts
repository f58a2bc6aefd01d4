// Resolution of Mochi package dependencies (MEP-57 phase 4), sans-IO in the
// manner of core/src/go/mvs.ts: `resolveMochi` either asks for the index
// files and path-dependency manifests it has not been given, or returns the
// resolved package set in the lockfile's own types. The host fetches what is
// asked and calls again; the result depends only on the inputs' contents,
// never on their order.
//
// The rules (docs/registry.md, "Resolution"):
// - Every workspace package (the root's [package], and each member) is
//   locked as source "workspace"; a path dependency outside the workspace as
//   "path:<dir>". These fixed packages shadow the registry: a requirement on
//   their name is met by them, or not at all.
// - Each other name gets exactly one version from the registry: the highest
//   that satisfies every requirement on it, skipping yanked versions unless
//   the existing lock holds them. A version the lock holds is tried first
//   while it still satisfies (`mochi pkg lock`); `unlock` drops that
//   preference for some names or all (`mochi pkg update [name]`).
// - Optional dependencies count only when the depending package's
//   "default" feature enables them (mochi.toml has no way to ask for other
//   features of a dependency).
// - The search decides names one at a time, the name with the fewest
//   remaining candidates first (ties by name), and backtracks on a conflict
//   to the most recent decision that took part in it (conflict-directed
//   backjumping). When no combination works, the error lists the first
//   conflicts found, each with the requirement chains from the workspace.
// - [[platform]] is the workspace's targets crossed with the (os, arch)
//   matrix. A workspace package is present on the platforms of its own
//   targets (all of them when it names none); a dependency is present where
//   a package depending on it is, restricted to the targets it builds for.
//   That is how a package offers per-target implementations.

import { compareUtf8 } from "../bytes.js";
import { MochiError, type ErrorCode } from "../errors.js";
import type { LockedPackage, Lockfile, Platform, OperatingSystem, Architecture } from "../lockfile/schema.js";
import type { WorkspaceMemberManifest } from "../manifest/canonical.js";
import type { Dependency, Manifest, MochiCapability, Target } from "../manifest/schema.js";
import { compareSemver, matchesVersionReq } from "../manifest/semver.js";
import { inheritFromWorkspace } from "../manifest/workspace.js";
import { manifestTargets, type IndexEntry } from "../registry/index.js";

export interface OsArch {
  readonly os: OperatingSystem;
  readonly arch: Architecture;
}

/** The supported (os, arch) matrix of MEP-57 phase 4.3; every target is built for each. */
export const DEFAULT_OS_ARCH: readonly OsArch[] = [
  { os: "linux", arch: "x86_64" },
  { os: "linux", arch: "aarch64" },
  { os: "macos", arch: "aarch64" },
  { os: "macos", arch: "x86_64" },
  { os: "windows", arch: "x86_64" },
];

/** The default watchdog: MEP-57's solver gives up after a million steps (M057_SOLVER_E001). */
export const DEFAULT_MAX_STEPS = 1_000_000;

export interface MochiResolveInput {
  /** The workspace root's manifest: a package, a workspace root with a [package], or a virtual root. */
  readonly root: Manifest;
  /** The other workspace members, with their directories relative to the root. */
  readonly members?: readonly WorkspaceMemberManifest[];
  /** The registry's name (config.json "name"): registry packages are locked as "registry:<name>". */
  readonly registry: string;
  /** The index files given so far, parsed: name -> entries, or null when the registry has no such package. */
  readonly indexes: ReadonlyMap<string, readonly IndexEntry[] | null>;
  /** Manifests of path dependencies, keyed by their directory relative to the workspace root. */
  readonly pathManifests?: ReadonlyMap<string, Manifest>;
  /** The existing lock: its registry versions are preferred while they still satisfy. */
  readonly lock?: Pick<Lockfile, "packages">;
  /** `mochi pkg update`: true drops every locked preference, a list only those of the named packages. */
  readonly unlock?: true | readonly string[];
  readonly osArch?: readonly OsArch[];
  /** Candidate versions tried before giving up (M057_SOLVER_E001); DEFAULT_MAX_STEPS by default. */
  readonly maxSteps?: number;
}

/** What a lock needs from a resolution, in the lockfile's types (core/src/lockfile/schema.ts). */
export interface MochiResolution {
  /** Sorted by (os, arch, target), as the lock writes them. */
  readonly platforms: readonly Platform[];
  /** One per name, sorted by name; dependencies and platform indices sorted. */
  readonly packages: readonly LockedPackage[];
  /** Per package, the capabilities its locked version declares (packages with none left out). */
  readonly capabilitiesSeen: ReadonlyMap<string, readonly string[]>;
}

export type MochiResolveStep =
  | {
      readonly kind: "need";
      /** Package names whose index files are needed, sorted. */
      readonly indexes: readonly string[];
      /** Directories (relative to the workspace root) whose mochi.toml is needed, sorted. */
      readonly paths: readonly string[];
    }
  | { readonly kind: "done"; readonly resolution: MochiResolution };

// ---------------------------------------------------------------- model

type Kind = "registry" | "workspace" | "path";

/** An edge of the dependency graph: a requirement (registry) or a path / workspace link (req undefined). */
interface Edge {
  readonly req?: string;
  /** For path and workspace links: the directory, for messages. */
  readonly dir?: string;
}

/** One version a name can take. */
interface Candidate {
  readonly name: string;
  readonly version: string;
  readonly kind: Kind;
  /** Workspace and path packages: the directory relative to the workspace root. */
  readonly dir?: string;
  /** The active dependencies (optional ones only when the default feature enables them), sorted. */
  readonly deps: ReadonlyMap<string, Edge>;
  readonly capabilities: readonly MochiCapability[];
  readonly targets?: readonly Target[];
  readonly blake3?: string;
  readonly yanked: boolean;
}

/** A requirement on a name, with who asked and along which chain. */
interface Req {
  readonly edge: Edge;
  /** The requiring package's name. */
  readonly from: string;
  /** The requiring package's chain from the workspace, itself included. */
  readonly chain: readonly string[];
}

const label = (c: Candidate): string => (c.kind === "workspace" ? c.name : `${c.name} ${c.version}`);
const byName = <T>([a]: readonly [string, T], [b]: readonly [string, T]): number => compareUtf8(a, b);

/** The names of the optional dependencies the "default" feature turns on, through other features. */
function defaultEnabled(features: ReadonlyMap<string, readonly string[]>): Set<string> {
  const deps = new Set<string>();
  const seen = new Set<string>();
  const visit = (feature: string): void => {
    if (seen.has(feature) || !features.has(feature)) return;
    seen.add(feature);
    for (const x of features.get(feature)!) {
      if (x.startsWith("dep:")) deps.add(x.slice(4));
      else visit(x);
    }
  };
  visit("default");
  return deps;
}

/** The manifest file of a package directory, for messages. */
const manifestAt = (dir: string): string => (dir === "." ? "mochi.toml" : `${dir}/mochi.toml`);

/** `rel` (a dependency path, "/"-separated) taken from directory `base`, both relative to the workspace root. */
function joinDir(base: string, rel: string): string {
  const out = base === "." ? [] : base.split("/");
  for (const seg of rel.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else out.push(seg);
  }
  return out.length === 0 ? "." : out.join("/");
}

function registryCandidate(e: IndexEntry): Candidate {
  const enabled = defaultEnabled(e.features);
  const deps = [...e.dependencies].filter(([n, d]) => !d.optional || enabled.has(n)).map(([n, d]): [string, Edge] => [n, { req: d.req }]);
  return {
    name: e.name,
    version: e.version,
    kind: "registry",
    deps: new Map(deps.sort(byName)),
    capabilities: e.capabilities,
    ...(e.targets === undefined ? {} : { targets: e.targets }),
    blake3: e.blake3,
    yanked: e.yanked,
  };
}

// ---------------------------------------------------------------- conflicts

interface Conflict {
  readonly kind: "missing" | "yanked" | "none" | "clash";
  /** The package whose requirements conflict. */
  readonly name: string;
  /** True when the requirements themselves cannot be met (not just the current choice of a version). */
  readonly incompatible: boolean;
  readonly text: string;
}

const CONFLICT_CODE: Record<Conflict["kind"], ErrorCode> = {
  missing: "M057_REGISTRY_E022",
  yanked: "M057_REGISTRY_E023",
  none: "M057_SOLVER_E002",
  clash: "M057_SOLVER_E002",
};

function describeReq(r: Req): string {
  const what = r.edge.req !== undefined ? r.edge.req : `path ${JSON.stringify(r.edge.dir)}`;
  return `${what} from ${r.chain.join(" -> ")}`;
}

/** Thrown inside the search when it reaches names whose index files it lacks. */
class NeedIndexes {
  constructor(readonly names: readonly string[]) {}
}

// ---------------------------------------------------------------- fixed packages

interface Fixed {
  readonly byName: Map<string, Candidate>;
  readonly chains: Map<string, readonly string[]>;
  /** Names of workspace packages, with their declared targets (undefined: every workspace target). */
  readonly workspace: Map<string, readonly Target[] | undefined>;
  readonly missingPaths: Set<string>;
}

/**
 * The workspace packages and, transitively through path dependencies, the
 * path packages; the path manifests not given yet are collected as missing.
 */
function fixedPackages(input: MochiResolveInput): Fixed {
  const fixed: Fixed = { byName: new Map(), chains: new Map(), workspace: new Map(), missingPaths: new Set() };
  const byDir = new Map<string, Candidate>();
  const root = input.root;
  const workspaceManifests: { dir: string; manifest: Manifest }[] = [];
  if (root.package !== undefined) workspaceManifests.push({ dir: ".", manifest: inheritFromWorkspace(root, root) });
  const members = [...(input.members ?? [])].map((m) => ({ dir: joinDir(".", m.path), manifest: m.manifest })).sort((a, b) => compareUtf8(a.dir, b.dir));
  for (const m of members) {
    // A member without [package] (a nested virtual root) has nothing to lock.
    if (m.manifest.package !== undefined && m.dir !== ".") workspaceManifests.push({ dir: m.dir, manifest: inheritFromWorkspace(m.manifest, root, { memberFile: manifestAt(m.dir) }) });
  }

  const add = (c: Candidate, chain: readonly string[], where: string): void => {
    const other = fixed.byName.get(c.name);
    if (other !== undefined) {
      throw new MochiError("M057_REGISTRY_E024", `${c.name} is both the package in ${JSON.stringify(other.dir)} and the one in ${JSON.stringify(c.dir)}`, { where });
    }
    fixed.byName.set(c.name, c);
    fixed.chains.set(c.name, chain);
    byDir.set(c.dir!, c);
  };
  const candidate = (manifest: Manifest, kind: Kind, dir: string): Candidate => {
    const pkg = manifest.package!;
    const enabled = defaultEnabled(manifest.features);
    const deps = [...manifest.dependencies].filter(([n, d]) => d.optional !== true || enabled.has(n)).sort(byName);
    const targets = manifestTargets(manifest);
    return {
      name: pkg.name,
      version: pkg.version as string,
      kind,
      dir,
      deps: new Map(deps.map(([n, d]) => [n, edgeOf(d, dir, n)])),
      capabilities: [...new Set(pkg.capabilities ?? [])].sort(compareUtf8),
      ...(targets === undefined ? {} : { targets }),
      yanked: false,
    };
  };
  const edgeOf = (d: Dependency, dir: string, name: string): Edge => {
    if (d.version !== undefined) return { req: d.version };
    if (d.path !== undefined) return { dir: joinDir(dir, d.path) };
    throw new MochiError("M057_REGISTRY_E026", `${name} is a git dependency (${JSON.stringify(d.git ?? "")}); only registry, workspace and path dependencies are resolved`, {
      where: `${manifestAt(dir)}: dependencies.${name}`,
    });
  };

  for (const w of workspaceManifests) {
    const c = candidate(w.manifest, "workspace", w.dir);
    add(c, [c.name], manifestAt(w.dir));
    fixed.workspace.set(c.name, c.targets);
  }
  // Follow path dependencies breadth-first, in name order, from the workspace packages.
  const queue = [...fixed.byName.values()];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const [name, edge] of from.deps) {
      if (edge.dir === undefined) continue;
      const where = `${manifestAt(from.dir!)}: dependencies.${name}`;
      let target = byDir.get(edge.dir);
      if (target === undefined) {
        const manifest = input.pathManifests?.get(edge.dir);
        if (manifest === undefined) {
          fixed.missingPaths.add(edge.dir);
          continue;
        }
        if (manifest.package === undefined) throw new MochiError("M057_REGISTRY_E025", `${manifestAt(edge.dir)} has no [package], but ${name} is expected there`, { where });
        target = candidate(inheritFromWorkspace(manifest, root, { memberFile: manifestAt(edge.dir) }), "path", edge.dir);
        if (target.name === name) {
          add(target, [...fixed.chains.get(from.name)!, `${target.name} ${target.version}`], where);
          queue.push(target);
        }
      }
      if (target.name !== name) {
        throw new MochiError("M057_REGISTRY_E025", `the package in ${JSON.stringify(edge.dir)} is ${target.name}, not ${name}`, { where });
      }
    }
  }
  return fixed;
}

// ---------------------------------------------------------------- search

class Solver {
  readonly #input: MochiResolveInput;
  readonly #fixed: Fixed;
  readonly #maxSteps: number;
  readonly #preferred = new Map<string, Set<string>>();
  readonly #candidates = new Map<string, readonly Candidate[]>();
  readonly decided = new Map<string, Candidate>();
  readonly chains = new Map<string, readonly string[]>();
  readonly #reqs = new Map<string, Req[]>();
  readonly conflicts: Conflict[] = [];
  steps = 0;

  constructor(input: MochiResolveInput, fixed: Fixed) {
    this.#input = input;
    this.#fixed = fixed;
    this.#maxSteps = input.maxSteps ?? DEFAULT_MAX_STEPS;
    const unlock = input.unlock;
    if (unlock !== true) {
      const source = `registry:${input.registry}`;
      for (const p of input.lock?.packages ?? []) {
        if (p.source !== source || unlock?.includes(p.name)) continue;
        this.#preferred.set(p.name, (this.#preferred.get(p.name) ?? new Set()).add(p.version));
      }
    }
  }

  /** Every version `name` may take, the preferred (locked) ones first, then from the highest down. */
  #all(name: string): readonly Candidate[] {
    const fixed = this.#fixed.byName.get(name);
    if (fixed !== undefined) return [fixed];
    let list = this.#candidates.get(name);
    if (list === undefined) {
      const preferred = this.#preferred.get(name) ?? new Set<string>();
      const rank = (c: Candidate): number => (preferred.has(c.version) ? 0 : 1);
      list = (this.#input.indexes.get(name) ?? []).map(registryCandidate).sort((a, b) => rank(a) - rank(b) || compareSemver(b.version, a.version));
      this.#candidates.set(name, list);
    }
    return list;
  }

  #allowed(c: Candidate): boolean {
    return !c.yanked || this.#preferred.get(c.name)?.has(c.version) === true;
  }

  #satisfies(c: Candidate, reqs: readonly Req[]): boolean {
    return reqs.every((r) => r.edge.req === undefined || matchesVersionReq(c.version, r.edge.req));
  }

  #reqsOn(name: string): readonly Req[] {
    return this.#reqs.get(name) ?? [];
  }

  /** Why `name` has no candidate under `reqs`: not in the registry, only yanked matches, or none at all. */
  #noCandidate(name: string, reqs: readonly Req[]): Conflict {
    const lines = reqs.map((r) => `  ${describeReq(r)}`).join("\n");
    if (this.#input.indexes.get(name) === null) {
      return { kind: "missing", name, incompatible: true, text: `${name} is not in the registry; required by\n${lines}` };
    }
    const all = this.#all(name);
    const yanked = all.filter((c) => this.#satisfies(c, reqs)).map((c) => c.version);
    if (yanked.length > 0) {
      return { kind: "yanked", name, incompatible: true, text: `every version of ${name} that matches is yanked (${yanked.sort(compareSemver).join(", ")}); required by\n${lines}` };
    }
    const published = all.filter((c) => this.#allowed(c)).map((c) => c.version).sort(compareSemver);
    const available = published.length === 0 ? "no versions are published" : `available: ${published.join(", ")}`;
    return { kind: "none", name, incompatible: true, text: `no version of ${name} satisfies every requirement on it:\n${lines}\n  (${available})` };
  }

  /** Adds the requirements of a decided candidate (each is the last of its list until #unrequire). */
  #require(c: Candidate): void {
    const chain = this.chains.get(c.name)!;
    for (const [name, edge] of c.deps) {
      const list = this.#reqs.get(name) ?? [];
      list.push({ edge, from: c.name, chain });
      this.#reqs.set(name, list);
    }
  }

  #unrequire(c: Candidate): void {
    for (const name of c.deps.keys()) this.#reqs.get(name)!.pop();
  }

  /**
   * The first dependency of `c` that the current decisions already break:
   * a requirement on a decided name its version does not meet.
   */
  #clash(c: Candidate): { name: string; edge: Edge } | undefined {
    for (const [name, edge] of c.deps) {
      const d = name === c.name ? c : this.decided.get(name);
      if (d !== undefined && edge.req !== undefined && !matchesVersionReq(d.version, edge.req)) return { name, edge };
    }
    return undefined;
  }

  #clashConflict(c: Candidate, chain: readonly string[], clash: { name: string; edge: Edge }): Conflict {
    const reqs = [...this.#reqsOn(clash.name), { edge: clash.edge, from: c.name, chain: [...chain, label(c)] }];
    const meetable = this.#all(clash.name).some((x) => this.#allowed(x) && this.#satisfies(x, reqs));
    if (!meetable) return this.#noCandidate(clash.name, reqs);
    const d = this.decided.get(clash.name)!;
    const why = this.#reqsOn(clash.name).map((r) => `  ${describeReq(r)}`).join("\n");
    return {
      kind: "clash",
      name: clash.name,
      incompatible: false,
      text: `${label(c)} requires ${clash.name} ${clash.edge.req}, but ${label(d)} was chosen for\n${why}`,
    };
  }

  /** The fixed packages are decided before the search; their requirements must hold among themselves. */
  start(): void {
    for (const [name, c] of [...this.#fixed.byName].sort(byName)) {
      this.decided.set(name, c);
      this.chains.set(name, this.#fixed.chains.get(name)!);
    }
    for (const c of this.decided.values()) {
      const clash = this.#clash(c);
      if (clash !== undefined) this.conflicts.push(this.#clashConflict(c, this.chains.get(c.name)!.slice(0, -1), clash));
      this.#require(c);
    }
  }

  /**
   * Decides the remaining names. Returns undefined when every required name
   * has a version, or the conflict set: the decided names whose choices
   * took part in the failure (never a fixed one).
   */
  search(): Set<string> | undefined {
    const pending = [...this.#reqs.keys()].filter((n) => this.#reqs.get(n)!.length > 0 && !this.decided.has(n)).sort(compareUtf8);
    const missing = pending.filter((n) => !this.#input.indexes.has(n));
    if (missing.length > 0) throw new NeedIndexes(missing);
    if (pending.length === 0) return undefined;

    let name = pending[0]!;
    let options: Candidate[] | undefined;
    for (const n of pending) {
      const reqs = this.#reqsOn(n);
      const opts = this.#all(n).filter((c) => this.#allowed(c) && this.#satisfies(c, reqs));
      if (options === undefined || opts.length < options.length) [name, options] = [n, opts];
      if (opts.length === 0) break;
    }
    const reqs = this.#reqsOn(name);
    const conflict = new Set(reqs.map((r) => r.from).filter((n) => !this.#fixed.byName.has(n)));
    if (options!.length === 0) {
      this.conflicts.push(this.#noCandidate(name, reqs));
      return conflict;
    }
    const chain = reqs[0]!.chain;
    for (const c of options!) {
      if (++this.steps > this.#maxSteps) {
        throw new MochiError("M057_SOLVER_E001", `gave up after trying ${this.#maxSteps} candidate versions`, { where: "dependency resolution" });
      }
      const clash = this.#clash(c);
      if (clash !== undefined) {
        this.conflicts.push(this.#clashConflict(c, chain, clash));
        if (!this.#fixed.byName.has(clash.name)) conflict.add(clash.name);
        continue;
      }
      this.decided.set(name, c);
      this.chains.set(name, [...chain, label(c)]);
      this.#require(c);
      const sub = this.search();
      if (sub === undefined) return undefined;
      this.#unrequire(c);
      this.decided.delete(name);
      this.chains.delete(name);
      // Backjump: this choice took no part in the failure, so no other choice here can help.
      if (!sub.has(name)) return sub;
      for (const x of sub) if (x !== name) conflict.add(x);
    }
    return conflict;
  }

  /**
   * The error when no combination works: the first real incompatibility
   * found for each package (or, without any, the first conflict for each),
   * at most three. Later conflicts over the same package are mostly the same
   * one met again with older versions of the requiring packages.
   */
  failure(): MochiError {
    const real = this.conflicts.filter((c) => c.incompatible);
    const firsts = new Map<string, Conflict>();
    for (const c of real.length > 0 ? real : this.conflicts) if (!firsts.has(c.name)) firsts.set(c.name, c);
    const distinct = [...firsts.values()];
    const shown = distinct.slice(0, 3);
    const more = distinct.length - shown.length;
    const text = shown.map((c) => c.text).join("\nalso: ") + (more > 0 ? `\n(and ${more} more conflicts)` : "");
    return new MochiError(CONFLICT_CODE[shown[0]!.kind], `cannot resolve the dependencies (${this.steps} candidate versions tried): ${text}`, {
      where: "dependency resolution",
    });
  }
}

// ---------------------------------------------------------------- result

function platformsOf(fixed: Fixed, osArch: readonly OsArch[]): Platform[] {
  const targets = [...new Set([...fixed.workspace.values()].flatMap((t) => t ?? []))].sort(compareUtf8);
  const out = targets.flatMap((target) => osArch.map((oa): Platform => ({ os: oa.os, arch: oa.arch, target })));
  const key = (p: Platform): string => `${p.os}/${p.arch}/${p.target}`;
  const unique = [...new Map(out.map((p) => [key(p), p])).values()];
  return unique.sort((a, b) => compareUtf8(a.os, b.os) || compareUtf8(a.arch, b.arch) || compareUtf8(a.target, b.target));
}

/** Per name, the platform indices it is present on (see the header comment). */
function presence(decided: ReadonlyMap<string, Candidate>, fixed: Fixed, platforms: readonly Platform[]): Map<string, Set<number>> {
  const on = (targets: readonly Target[] | undefined): Set<number> =>
    new Set(platforms.flatMap((p, i) => (targets === undefined || targets.includes(p.target) ? [i] : [])));
  const present = new Map<string, Set<number>>([...decided.keys()].map((n) => [n, new Set<number>()]));
  const queue: string[] = [];
  for (const [name, targets] of [...fixed.workspace].sort(byName)) {
    present.set(name, on(targets));
    queue.push(name);
  }
  while (queue.length > 0) {
    const from = decided.get(queue.shift()!)!;
    const here = present.get(from.name)!;
    for (const dep of from.deps.keys()) {
      const to = decided.get(dep)!;
      const mine = present.get(dep)!;
      const before = mine.size;
      const allowed = on(to.targets);
      for (const i of here) if (allowed.has(i)) mine.add(i);
      if (mine.size > before) queue.push(dep);
    }
  }
  return present;
}

function lockedPackage(c: Candidate, registry: string, decided: ReadonlyMap<string, Candidate>, platforms: ReadonlySet<number>): LockedPackage {
  const common = {
    name: c.name,
    version: c.version,
    capabilities: c.capabilities,
    dependencies: new Map([...c.deps.keys()].sort(compareUtf8).map((n) => [n, decided.get(n)!.version])),
    platforms: [...platforms].sort((a, b) => a - b),
  };
  switch (c.kind) {
    case "registry":
      return { ...common, source: `registry:${registry}`, blake3: c.blake3!, ...(c.yanked ? { yanked: true } : {}) };
    case "workspace":
      return { ...common, source: "workspace", path: c.dir! };
    case "path":
      return { ...common, source: `path:${c.dir!}` };
  }
}

/**
 * One round of resolution: asks for the index files and path manifests it
 * lacks, or returns the resolution. Throws M057_SOLVER_E002 (or
 * M057_REGISTRY_E022 / E023 when the first conflict is a missing package or
 * only yanked matches) with the requirement chains when nothing works,
 * M057_SOLVER_E001 when the watchdog fires, and M057_REGISTRY_E024-E026 for
 * workspace and path packages that cannot be locked.
 */
export function resolveMochi(input: MochiResolveInput): MochiResolveStep {
  const fixed = fixedPackages(input);
  if (fixed.missingPaths.size > 0) {
    // Ask for the registry indexes the known packages need in the same round.
    const indexes = new Set<string>();
    for (const c of fixed.byName.values()) for (const [n, e] of c.deps) if (e.req !== undefined && !fixed.byName.has(n) && !input.indexes.has(n)) indexes.add(n);
    return { kind: "need", indexes: [...indexes].sort(compareUtf8), paths: [...fixed.missingPaths].sort(compareUtf8) };
  }
  const solver = new Solver(input, fixed);
  solver.start();
  if (solver.conflicts.length > 0) throw solver.failure();
  let result: Set<string> | undefined;
  try {
    result = solver.search();
  } catch (e) {
    if (e instanceof NeedIndexes) return { kind: "need", indexes: e.names, paths: [] };
    throw e;
  }
  if (result !== undefined) throw solver.failure();

  const platforms = platformsOf(fixed, input.osArch ?? DEFAULT_OS_ARCH);
  const present = presence(solver.decided, fixed, platforms);
  const packages = [...solver.decided.values()]
    .sort((a, b) => compareUtf8(a.name, b.name))
    .map((c) => lockedPackage(c, input.registry, solver.decided, present.get(c.name)!));
  const capabilitiesSeen = new Map(packages.filter((p) => p.capabilities.length > 0).map((p) => [p.name, [...p.capabilities]] as const));
  return { kind: "done", resolution: { platforms, packages, capabilitiesSeen } };
}
