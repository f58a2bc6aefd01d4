// Minimal version selection as the go command performs it (cmd/go's
// modload.readModGraph and mvs), sans-IO: `buildList` walks the module graph
// from the main module's requirements and either asks for go.mod files it
// has not been given, or returns the build list. The host fetches the asked
// go.mod files (verified) and calls again; nothing is fetched twice.
//
// The rules that make the result match `go list -m all`:
// - Graph pruning (Go 1.17): when the main module's go version is 1.17 or
//   later, every requirement of the main module is a root, loaded "pruned":
//   a dependency whose own go.mod says go >= 1.17 contributes its
//   requirements to the graph, but those are not loaded further (its go.mod
//   already lists everything its packages need). A dependency below 1.17 is
//   unpruned: its requirements, and theirs, are loaded transitively.
// - Selection: each module path gets the highest version any loaded go.mod
//   (or the main module) requires.
// - Exclude (main module only): since Go 1.16 a requirement on an excluded
//   version is ignored.
// - Replace (main module only): a replaced module keeps its path and
//   version in the graph; its go.mod is read from the replacement (another
//   module version, or a directory), a version-specific replacement
//   winning over a path-wide one.

import { MochiError } from "../errors.js";
import type { GoModFile } from "./gomod.js";
import { compare } from "./semver.js";

export interface ModuleVersion {
  readonly path: string;
  readonly version: string;
}

/** Where a go.mod is read from: a module version (possibly a replacement), or a local directory. */
export type GoModSource = { readonly kind: "module"; readonly path: string; readonly version: string } | { readonly kind: "dir"; readonly dir: string };

/** The part of a dependency's go.mod that MVS reads. */
export interface ModSummary {
  /** The go directive, e.g. "1.21" (absent: before modules had one, so unpruned). */
  readonly go?: string;
  readonly requires: readonly ModuleVersion[];
}

export interface MainModule {
  readonly path: string;
  /** The main go.mod's go version; 1.17 and later prune the graph. */
  readonly go: string;
  readonly requires: readonly ModuleVersion[];
  readonly excludes?: readonly ModuleVersion[];
  readonly replaces?: GoModFile["replace"];
}

/** A go.mod the walk needs: the module version it describes, and where to read it. */
export interface GoModRequest {
  readonly module: ModuleVersion;
  readonly source: GoModSource;
}

export type MvsStep =
  | { readonly kind: "need"; readonly requests: readonly GoModRequest[] }
  | {
      readonly kind: "done";
      /** The main module first, then every other module path at its selected version, sorted by path. */
      readonly buildList: readonly ModuleVersion[];
      /** Every module version whose go.mod the walk read (go.sum needs their /go.mod lines), sorted. */
      readonly loaded: readonly ModuleVersion[];
    };

const key = (m: ModuleVersion): string => `${m.path}@${m.version}`;

/** True when a go version (1.N or 1.N.P) is at least 1.17, i.e. its module graph is pruned. */
export function prunesGraph(go: string | undefined): boolean {
  if (go === undefined) return false;
  const m = /^1\.(\d+)/.exec(go);
  if (m === null) return /^[2-9]/.test(go);
  return Number(m[1]) >= 17;
}

/** Where the go.mod of `m` comes from, given the main module's replace directives. */
export function goModSource(main: MainModule, m: ModuleVersion): GoModSource {
  const replaces = main.replaces ?? [];
  const exact = replaces.find((r) => r.old.path === m.path && r.old.version === m.version);
  const any = replaces.find((r) => r.old.path === m.path && r.old.version === undefined);
  const r = exact ?? any;
  if (r === undefined) return { kind: "module", path: m.path, version: m.version };
  if (r.new.version === undefined) return { kind: "dir", dir: r.new.path };
  return { kind: "module", path: r.new.path, version: r.new.version };
}

/**
 * One pass of the graph walk. `summaries` holds the go.mod summaries found
 * so far, keyed by `path@version` of the module they describe (not of the
 * replacement). Returns the go.mod files still needed, or the build list.
 */
export function buildList(main: MainModule, summaries: ReadonlyMap<string, ModSummary>): MvsStep {
  const excluded = new Set((main.excludes ?? []).map(key));
  const selected = new Map<string, string>();
  const require = (m: ModuleVersion): void => {
    const have = selected.get(m.path);
    if (have === undefined || compare(m.version, have) > 0) selected.set(m.path, m.version);
  };
  const allowed = (reqs: readonly ModuleVersion[]): ModuleVersion[] => reqs.filter((r) => r.path !== main.path && !excluded.has(key(r)));

  const needed = new Map<string, GoModRequest>();
  const loaded = new Map<string, ModuleVersion>();
  // Each module version is visited at most once per pruning mode; unpruned wins.
  const visitedPruned = new Set<string>();
  const visitedUnpruned = new Set<string>();
  const queue: { m: ModuleVersion; unpruned: boolean }[] = [];
  const enqueue = (m: ModuleVersion, unpruned: boolean): void => {
    const k = key(m);
    if (unpruned ? visitedUnpruned.has(k) : visitedPruned.has(k) || visitedUnpruned.has(k)) return;
    (unpruned ? visitedUnpruned : visitedPruned).add(k);
    queue.push({ m, unpruned });
  };

  const roots = allowed(main.requires);
  const mainPruned = prunesGraph(main.go);
  for (const r of roots) {
    require(r);
    enqueue(r, !mainPruned);
  }
  while (queue.length > 0) {
    const { m, unpruned } = queue.shift()!;
    const summary = summaries.get(key(m));
    if (summary === undefined) {
      needed.set(key(m), { module: m, source: goModSource(main, m) });
      continue;
    }
    loaded.set(key(m), m);
    const reqs = allowed(summary.requires);
    for (const r of reqs) require(r);
    // A pruned dependency's requirements are in the graph but not walked further;
    // an unpruned one (or anything reached through one) is walked transitively.
    if (unpruned || !prunesGraph(summary.go)) for (const r of reqs) enqueue(r, true);
  }
  if (needed.size > 0) return { kind: "need", requests: [...needed.values()].sort((a, b) => (key(a.module) < key(b.module) ? -1 : 1)) };

  const list = [...selected].map(([path, version]) => ({ path, version })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const loadedList = [...loaded.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : compare(a.version, b.version)));
  return { kind: "done", buildList: [{ path: main.path, version: "" }, ...list], loaded: loadedList };
}

/** The summary MVS needs from a dependency's go.mod (parsed lax), checked to describe the module it was fetched for. */
export function modSummary(file: GoModFile, expectedPath: string | undefined, where: string): ModSummary {
  if (expectedPath !== undefined && file.module.path !== expectedPath) {
    throw new MochiError("M074_MVS_E001", `go.mod declares module ${file.module.path}, but was required as ${expectedPath}`, { where });
  }
  return file.go === undefined ? { requires: file.require } : { go: file.go, requires: file.require };
}
