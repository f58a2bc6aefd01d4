// The bridge stage of the consume pipeline: for every imported Go module,
// its ApiSurface (ingested once per module version, tags and target, then
// cached), its plan (what is bridged, what is skipped and why) and the
// generated Mochi files:
//
//   <project>/.mochi/go/<alias>/<alias>_extern.mochi   extern declarations, Go names
//   <project>/.mochi/go/<alias>/<alias>.mochi          the alias shim, snake_case names
//   <project>/.mochi/go/<alias>/SKIPPED.txt            every unbridged item and why
//   <project>/.mochi/go/<alias>/surface.json           the ApiSurface it came from
//
// The go command behind the ingest reads modules only from a file:// GOPROXY
// made of mochi-pkg's verified cache (goproxy-dir.ts), with GOSUMDB off: the
// surface describes exactly the bytes that were verified.

import { mkdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { hexEncode, utf8Encode, type Hashing } from "@mochi-pkg/core";
import {
  apiSurfaceSha256,
  emitExterns,
  externFileNames,
  planModule,
  readApiSurface,
  type ApiSurface,
  type ModulePlan,
} from "@mochi-pkg/core/bridge";
import { escapePath, escapeVersion, type ModuleVersion } from "@mochi-pkg/core/go";
import type { Manifest } from "@mochi-pkg/core/manifest";
import { writeFileAtomic } from "./atomic-file.js";
import { resolveBuildList } from "./build-list.js";
import { buildGoIngest, ingestModule } from "./go-ingest.js";
import type { GoModules } from "./go-modules.js";
import type { GoImportUse, GoResolution } from "./go-resolve.js";
import { writeGoProxyDir, type GoProxyDir } from "./goproxy-dir.js";
import { GENERATED_DIR } from "./project.js";
import type { Target } from "./target.js";

/** The ingest helper's workspace module (host-node/go-ingest/main.go writes the same). */
const INGEST_MAIN = { path: "mochi-pkg.invalid/ingest", go: "1.22" };

export interface BridgedModule {
  readonly use: GoImportUse;
  readonly surface: ApiSurface;
  /** api-surface-sha256 of the lock: the hashed projection, hex. */
  readonly surfaceSha256: string;
  readonly plan: ModulePlan;
  /** Directory of the generated Mochi files, relative to the project root. */
  readonly dir: string;
}

export function generatedGoDir(root: string): string {
  return join(root, GENERATED_DIR, "go");
}

/**
 * The GOPROXY view every go command of the pipeline reads: the program's
 * build list and, for each imported module, the modules its ingest
 * workspace selects. Returns the view and the go.sum for it.
 */
export async function verifiedProxy(go: GoModules, root: string, resolution: GoResolution): Promise<GoProxyDir> {
  const withZip = new Map<string, ModuleVersion>();
  const modOnly = new Map<string, ModuleVersion>();
  const add = (into: Map<string, ModuleVersion>, ms: readonly ModuleVersion[]) => {
    for (const m of ms) if (m.version !== "") into.set(`${m.path}@${m.version}`, m);
  };
  add(withZip, resolution.buildList.modules);
  add(modOnly, resolution.buildList.loaded);
  for (const use of resolution.imports) {
    const list = await resolveBuildList(go, { ...INGEST_MAIN, requires: [{ path: use.module, version: use.version }] }, root, true);
    add(withZip, list.modules);
    add(modOnly, list.loaded);
  }
  const sorted = (m: Map<string, ModuleVersion>) => [...m.keys()].sort().map((k) => m.get(k)!);
  return writeGoProxyDir(go, join(generatedGoDir(root), "proxy"), sorted(withZip), sorted(modOnly));
}

/** The go command's environment for reading only the verified view. */
export function verifiedGoEnv(proxy: GoProxyDir, cacheRoot: string): NodeJS.ProcessEnv {
  return {
    GOPROXY: proxy.goproxy,
    GOSUMDB: "off",
    GONOSUMDB: "",
    GOPRIVATE: "",
    GONOPROXY: "",
    GOTOOLCHAIN: "local",
    GOWORK: "off",
    // mochi-pkg's own module cache, extracted from the verified zips.
    GOMODCACHE: join(cacheRoot, "go", "modcache"),
    GOFLAGS: "-modcacherw",
  };
}

/** A surface depends on the module version, the helper (its sources and Go version: in its name), the build tags and the target. */
async function ingestCached(go: GoModules, use: GoImportUse, env: NodeJS.ProcessEnv, tags: readonly string[], target: Target, hashing: Hashing): Promise<string> {
  const helper = await buildGoIngest(go.cache.root);
  const key = hexEncode(hashing.digest("sha256", utf8Encode(`${basename(helper)}\n${tags.join(",")}\n${target.goos}/${target.goarch}`))).slice(0, 16);
  const path = join(go.cache.root, "go", "surfaces", ...escapePath(use.module).split("/"), `@${escapeVersion(use.version)}`, `${key}.json`);
  try {
    return await readFile(path, "utf8");
  } catch {
    const { json } = await ingestModule({ module: use.module, version: use.version, cacheRoot: go.cache.root, env, tags, helper, goos: target.goos, goarch: target.goarch });
    await writeFileAtomic(path, json);
    return json;
  }
}

/** Ingests, plans and emits every imported module; writes the Mochi files. */
export async function bridgeImports(
  go: GoModules,
  root: string,
  manifest: Manifest,
  resolution: GoResolution,
  proxy: GoProxyDir,
  hashing: Hashing,
  target: Target,
): Promise<BridgedModule[]> {
  const env = verifiedGoEnv(proxy, go.cache.root);
  const tags = manifest.go?.buildTags ?? [];
  const out: BridgedModule[] = [];
  for (const use of resolution.imports) {
    const json = await ingestCached(go, use, env, tags, target, hashing);
    const view = readApiSurface(json);
    const monomorphise = (manifest.go?.monomorphise ?? [])
      .filter((m) => m.item === use.module || m.item.startsWith(`${use.module}/`) || m.item.startsWith(`${use.module}.`))
      .map((m) => ({ item: m.item, typeArgs: m.typeArgs }));
    const plan = planModule(view, {
      alias: use.alias,
      version: use.version,
      hashing,
      monomorphise,
      cgo: manifest.go?.capabilities?.cgo === true,
    });
    const files = emitExterns(plan);
    const names = externFileNames(use.alias);
    const dir = join(GENERATED_DIR, "go", use.alias);
    await mkdir(join(root, dir), { recursive: true });
    await writeFileAtomic(join(root, dir, names.externFile), files.externFile);
    await writeFileAtomic(join(root, dir, names.shimFile), files.shimFile);
    await writeFileAtomic(join(root, dir, "SKIPPED.txt"), files.skipped);
    await writeFileAtomic(join(root, dir, "surface.json"), json);
    out.push({ use, surface: view.surface, surfaceSha256: apiSurfaceSha256(view.surface, hashing), plan, dir });
  }
  return out;
}
