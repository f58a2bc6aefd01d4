// The build list of a set of Go requirements: the core's minimal version
// selection (core/src/go/mvs.ts) fed with verified go.mod files. Module
// go.mod files come through GoModules (cache, GOPROXY, checksum database);
// a directory replacement's go.mod is read from disk, relative to `baseDir`.

import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { MochiError, utf8DecodeStrict } from "@mochi-pkg/core";
import { buildList, modSummary, parseGoMod, type MainModule, type ModSummary, type ModuleVersion } from "@mochi-pkg/core/go";
import type { GoModules } from "./go-modules.js";

export interface BuildList {
  /** The main module first (version ""), then every module at its selected version, sorted by path. */
  readonly modules: readonly ModuleVersion[];
  /** Every module version whose go.mod was read. */
  readonly loaded: readonly ModuleVersion[];
}

/**
 * The build list of `main`, as `go list -m all` would print it for that
 * go.mod. With `complete`, the requirements are first completed the way
 * `go mod tidy` leaves a go 1.17+ go.mod: every selected module is listed
 * (the go command insists that a module providing a package be required
 * directly), which loads their go.mod files as roots and may raise versions
 * further, so it repeats until nothing changes; `main.requires` of the
 * returned list's go.mod is then `modules` without the main module.
 */
export async function resolveBuildList(go: GoModules, main: MainModule, baseDir: string, complete = false): Promise<BuildList> {
  const summaries = new Map<string, ModSummary>();
  let list = await walk(go, main, baseDir, summaries);
  while (complete) {
    const requires = list.modules.slice(1);
    const next = await walk(go, { ...main, requires }, baseDir, summaries);
    if (sameVersions(next.modules, list.modules)) return next;
    list = next;
  }
  return list;
}

function sameVersions(a: readonly ModuleVersion[], b: readonly ModuleVersion[]): boolean {
  return a.length === b.length && a.every((m, i) => m.path === b[i]!.path && m.version === b[i]!.version);
}

async function walk(go: GoModules, main: MainModule, baseDir: string, summaries: Map<string, ModSummary>): Promise<BuildList> {
  for (;;) {
    const step = buildList(main, summaries);
    if (step.kind === "done") return { modules: step.buildList, loaded: step.loaded };
    await Promise.all(
      step.requests.map(async ({ module, source }) => {
        const where = source.kind === "dir" ? join(source.dir, "go.mod") : `${source.path}@${source.version}/go.mod`;
        const bytes =
          source.kind === "dir"
            ? new Uint8Array(await readFile(isAbsolute(source.dir) ? join(source.dir, "go.mod") : join(baseDir, source.dir, "go.mod")))
            : await go.goMod(source.path, source.version);
        const text = utf8DecodeStrict(bytes);
        if (text === undefined) throw new MochiError("M074_MVS_E002", "go.mod is not valid UTF-8", { where });
        // A replacement may declare its own path; an unreplaced module must declare the path it is required by.
        const expected = source.kind === "module" && source.path === module.path ? module.path : undefined;
        summaries.set(`${module.path}@${module.version}`, modSummary(parseGoMod(text, where, { lax: true }), expected, where));
      }),
    );
  }
}
