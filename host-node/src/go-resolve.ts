// Which Go module versions a project uses: every `import go` of its sources
// and every [go-dependencies] entry, resolved to one version per module
// (an exact pin as written; a query or range to the locked version while it
// still satisfies, else to what the module proxy offers), then Go's minimal
// version selection over the whole graph, completed the way `go mod tidy`
// leaves a go.mod so the go command can build it as is.

import { MochiError } from "@mochi-pkg/core";
import { compare, isPseudoVersion, selectVersion, type MainModule, type ModuleVersion } from "@mochi-pkg/core/go";
import type { Lockfile } from "@mochi-pkg/core/lockfile";
import { parseVersionSpec, rangeAllows, type VersionSpec } from "@mochi-pkg/core/mochi";
import { resolveBuildList, type BuildList } from "./build-list.js";
import type { GoModules } from "./go-modules.js";
import type { Project } from "./project.js";

/** The go version of the program module mochi-pkg builds, unless [go] go-version says otherwise. */
export const DEFAULT_GO_VERSION = "1.22";

export interface GoImportUse {
  readonly module: string;
  /** The version selected for the program (MVS may raise it above what was asked). */
  readonly version: string;
  /** The version the imports and the manifest asked for, before MVS. */
  readonly requested: string;
  readonly alias: string;
  /** Where it is imported, e.g. ["src/main.mochi:3:1"]. */
  readonly sites: readonly string[];
  readonly retracted: boolean;
}

export interface GoResolution {
  /** The imported modules, sorted by module path. */
  readonly imports: readonly GoImportUse[];
  /** The program module: the requirements as resolved (before completion). */
  readonly main: MainModule;
  /** The complete build list of the program (main module first). */
  readonly buildList: BuildList;
}

export interface ResolveOptions {
  /** The current lock: its versions are kept while they satisfy what is asked. */
  readonly lock?: Lockfile;
  /** Modules to resolve afresh, ignoring the lock ("*" for all), as `update` and `--refresh` do. */
  readonly unlock?: ReadonlySet<string>;
}

function fromLock(lock: Lockfile | undefined, unlock: ReadonlySet<string> | undefined, module: string): string | undefined {
  if (lock === undefined || unlock?.has("*") || unlock?.has(module)) return undefined;
  return lock.goPackages.find((p) => p.module === module)?.version;
}

async function resolveSpec(go: GoModules, module: string, spec: VersionSpec, locked: string | undefined, where: string): Promise<{ version: string; retracted: boolean }> {
  switch (spec.kind) {
    case "exact":
      return { version: spec.version, retracted: false };
    case "query": {
      if (locked !== undefined && selectVersion(spec.query, [locked], () => false)?.version === locked) return { version: locked, retracted: false };
      return go.resolve(module, queryText(spec.query));
    }
    case "range": {
      // docs/manifest.md: a range is a minimum (its lower bound) plus a
      // ceiling; MVS runs on the minimum, and resolveGo checks the ceiling
      // against the version finally selected.
      if (locked !== undefined && rangeAllows(spec.constraints, locked)) return { version: locked, retracted: false };
      const lower = spec.constraints.find((c) => c.op === ">=");
      if (lower !== undefined) return { version: lower.version, retracted: false };
      const versions = (await go.proxy.list(module)).filter((v) => !isPseudoVersion(v) && rangeAllows(spec.constraints, v));
      const best = versions.sort(compare).at(-1);
      if (best === undefined) throw new MochiError("M074_QUERY_E003", `no version of ${module} satisfies the range`, { where });
      return { version: best, retracted: false };
    }
    case "git":
    case "path":
      throw new MochiError("M074_PROJECT_E004", `${module}: ${spec.kind}+ sources are not fetched by mochi-pkg yet`, { where });
  }
}

function queryText(q: Extract<VersionSpec, { kind: "query" }>["query"]): string {
  return q.kind === "latest" ? "latest" : q.kind === "prefix" ? q.prefix : `${q.op}${q.version}`;
}

export async function resolveGo(project: Project, go: GoModules, options: ResolveOptions = {}): Promise<GoResolution> {
  // One entry per module: every import of it must ask for the same thing.
  const byModule = new Map<string, { spec: VersionSpec; text: string; alias: string; sites: string[] }>();
  const ranges: { module: string; spec: Extract<VersionSpec, { kind: "range" }>; text: string; where: string }[] = [];
  const byAlias = new Map<string, string>();
  for (const imp of project.goImports) {
    if (imp.spec === undefined || imp.version === undefined) continue; // unresolved: the front end already said so
    const site = `${imp.file}:${imp.span.start.line}:${imp.span.start.col}`;
    const seen = byModule.get(imp.module);
    if (seen !== undefined && seen.text !== imp.version) {
      throw new MochiError("M074_PROJECT_E003", `${imp.module} is imported as @${seen.text} (${seen.sites[0]}) and as @${imp.version} (${site})`, { where: site });
    }
    const other = byAlias.get(imp.alias);
    if (other !== undefined && other !== imp.module) {
      throw new MochiError("M074_PROJECT_E005", `the alias ${imp.alias} names both ${other} and ${imp.module}`, { where: site });
    }
    byAlias.set(imp.alias, imp.module);
    if (seen === undefined) byModule.set(imp.module, { spec: imp.spec, text: imp.version, alias: imp.alias, sites: [site] });
    else seen.sites.push(site);
  }

  const requires: ModuleVersion[] = [];
  const imports: GoImportUse[] = [];
  for (const [module, use] of [...byModule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { version, retracted } = await resolveSpec(go, module, use.spec, fromLock(options.lock, options.unlock, module), use.sites[0]!);
    if (use.spec.kind === "range") ranges.push({ module, spec: use.spec, text: use.text, where: use.sites[0]! });
    requires.push({ path: module, version });
    imports.push({ module, version, requested: version, alias: use.alias, sites: use.sites, retracted });
  }
  // [go-dependencies] entries nothing imports are still requirements of the program.
  for (const [module, dep] of project.manifest.goDependencies) {
    if (byModule.has(module) || dep.version === undefined) continue;
    const spec = parseVersionSpec(dep.version);
    if ("why" in spec) throw new MochiError("M074_PROJECT_E004", `[go-dependencies] ${module} = ${JSON.stringify(dep.version)}: ${spec.why}`, { where: "mochi.toml" });
    const { version } = await resolveSpec(go, module, spec, fromLock(options.lock, options.unlock, module), "mochi.toml");
    if (spec.kind === "range") ranges.push({ module, spec, text: dep.version, where: "mochi.toml" });
    requires.push({ path: module, version });
  }

  const packageName = typeof project.manifest.package?.name === "string" ? project.manifest.package.name : "app";
  const main: MainModule = {
    path: `mochi.local/${packageName.replace(/[^A-Za-z0-9._~-]/g, "-")}`,
    go: project.manifest.go?.goVersion ?? DEFAULT_GO_VERSION,
    requires: requires.sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
  const buildList = await resolveBuildList(go, main, project.root, true);
  const selected = new Map(buildList.modules.map((m) => [m.path, m.version]));
  for (const r of ranges) {
    const v = selected.get(r.module)!;
    if (!rangeAllows(r.spec.constraints, v)) {
      throw new MochiError("M074_QUERY_E003", `${r.module} must be ${r.text}, but the build list selects ${v} (another module requires it)`, {
        where: r.where,
        hint: "widen the range, or pin the dependency that requires the newer version to an older one",
      });
    }
  }
  return {
    imports: imports.map((i) => ({ ...i, version: selected.get(i.module) ?? i.version })),
    main,
    buildList,
  };
}
