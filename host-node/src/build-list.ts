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

export async function resolveBuildList(go: GoModules, main: MainModule, baseDir: string): Promise<BuildList> {
  const summaries = new Map<string, ModSummary>();
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
