// The 24-module corpus (fixtures/surfaces, ingested by host-node/go-ingest): every module plans,
// its Mochi passes the front end and the extern subset, every exported func and method is bridged
// or reported, and at least 90% of them are bridged. Golden counts per module are kept in
// test/bridge/golden/corpus-stats.json with the surface hash they were taken from (UPDATE_GOLDEN=1).
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import type { Hashing } from "../../core/src/hashing.js";
import { readApiSurface, type SurfaceView } from "../../core/src/bridge/surface.js";
import { planModule, type ModulePlan } from "../../core/src/bridge/plan.js";
import { emitExterns, type ExternFiles } from "../../core/src/bridge/externs.js";
import { parseSkipped } from "../../core/src/bridge/skip.js";
import { checkSource } from "../../core/src/mochi/check.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { checkExternSubset } from "./extern-subset.js";
import { shuffled } from "./shuffle.js";
import { corpusAlias } from "../support/fixtures.js";

interface IndexEntry {
  readonly module: string;
  readonly version: string;
  readonly file: string;
  readonly api_surface_sha256: string;
}

interface GoldenStats {
  readonly sha256: string;
  readonly total: number;
  readonly bridged: number;
  readonly skippedByReason: Readonly<Record<string, number>>;
}

const INDEX: readonly IndexEntry[] = JSON.parse(readFileSync("fixtures/surfaces/index.json", "utf8")).surfaces;
const GOLDEN_PATH = "test/bridge/golden/corpus-stats.json";
const GOLDEN: Readonly<Record<string, GoldenStats>> = JSON.parse(readFileSync(GOLDEN_PATH, "utf8"));


let hashing: Hashing;
const results = new Map<string, { view: SurfaceView; plan: ModulePlan; files: ExternFiles }>();

beforeAll(async () => {
  hashing = await nodeHashing();
  for (const e of INDEX) {
    const view = readApiSurface(readFileSync(`fixtures/surfaces/${e.file}`, "utf8"));
    const plan = planModule(view, { alias: corpusAlias(e.module), hashing });
    results.set(e.module, { view, plan, files: emitExterns(plan) });
  }
});

describe("the corpus", () => {
  it("has the 24 modules", () => {
    expect(INDEX.length).toBe(24);
  });

  it("bridges at least 90% of the exported funcs and methods of importable packages", () => {
    let total = 0;
    let bridged = 0;
    for (const { plan } of results.values()) {
      total += plan.stats.total;
      bridged += plan.stats.bridged;
    }
    expect(total).toBeGreaterThan(6000);
    expect(bridged / total).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps the golden counts of every module whose surface has not changed", () => {
    const now: Record<string, GoldenStats> = {};
    for (const e of INDEX) {
      const { plan } = results.get(e.module)!;
      now[e.module] = { sha256: e.api_surface_sha256, total: plan.stats.total, bridged: plan.stats.bridged, skippedByReason: plan.stats.skippedByReason };
    }
    if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(GOLDEN_PATH, `${JSON.stringify(now, null, 2)}\n`);
    for (const e of INDEX) {
      const g = GOLDEN[e.module];
      if (g === undefined || g.sha256 !== e.api_surface_sha256) continue; // re-ingested: regenerate with UPDATE_GOLDEN=1
      expect(now[e.module], e.module).toEqual(g);
    }
  });

  it("plans and emits the same bytes whatever the order of a surface's arrays", () => {
    for (const module of ["github.com/labstack/echo/v4", "github.com/spf13/cobra", "go.uber.org/zap"]) {
      const e = INDEX.find((x) => x.module === module)!;
      const json = readFileSync(`fixtures/surfaces/${e.file}`, "utf8");
      const again = emitExterns(planModule(readApiSurface(shuffled(json, 2024)), { alias: corpusAlias(module), hashing }));
      expect(again, module).toEqual(results.get(module)!.files);
    }
  });
});

describe.each(INDEX.map((e) => [e.module, e] as const))("%s", (module) => {
  it("emits Mochi the front end accepts, inside the extern subset", () => {
    const { files } = results.get(module)!;
    expect(checkSource(files.externFile).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(checkSource(files.externFile + files.shimFile).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(checkExternSubset(files.externFile)).toEqual([]);
    expect(checkExternSubset(files.shimFile)).toEqual([]);
  });

  it("gives distinct symbols and names", () => {
    const { plan } = results.get(module)!;
    for (const key of ["symbol", "extern", "shim"] as const) {
      const values = plan.items.map((i) => i[key]);
      expect(new Set(values).size, key).toBe(values.length);
    }
    const decls = plan.decls.flatMap((d) => [d.name, ...(d.ok === undefined ? [] : [d.ok, d.err!])]);
    expect(new Set(decls).size).toBe(decls.length);
  });

  it("bridges or reports every exported func and method, and SKIPPED.txt reads back", () => {
    const { view, plan, files } = results.get(module)!;
    const blocks = parseSkipped(files.skipped);
    expect(blocks.length).toBe(plan.skipped.length);
    const reported = new Set(blocks.map((b) => b.item));
    const covered = (id: string): boolean => {
      for (let cut = id.length; cut > 0; cut = id.lastIndexOf(".", cut - 1)) if (reported.has(id.slice(0, cut))) return true;
      return false;
    };
    const bridged = new Set(plan.items.filter((i) => i.kind === "func" || i.kind === "method").map((i) => i.id));
    const missing: string[] = [];
    for (const p of view.surface.packages) {
      for (const f of p.funcs ?? []) {
        const id = `${p.import_path}.${f.name}`;
        if (!bridged.has(id) && !covered(id)) missing.push(id);
      }
      for (const t of p.types ?? []) {
        for (const m of [...(t.methods ?? []), ...(t.interface_methods ?? [])]) {
          const id = `${p.import_path}.${t.name}.${m.name}`;
          if (/^\p{Lu}/u.test(m.name) && !bridged.has(id) && !covered(id)) missing.push(id);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
