// The corpus gate of the wrapper (npm run test:live): every module of fixtures/corpus.json, at its
// pinned version, is planned from its committed surface (fixtures/surfaces, which
// ingest-corpus.live.test.ts re-ingests), downloaded and verified by mochi-pkg from the real Go
// module proxy and checksum database, wrapped and built with `go build -buildmode=c-archive` from
// the verified file:// proxy directory; fixtures/c/corpus/<alias>.c then links the archive and
// checks results of real calls. Each module alone, then all 24 in one archive with every C program
// linked against it. Needs the network, Go and a C compiler; takes several minutes.
// MOCHI_LIVE_EXCLUDE (module paths, comma-separated) leaves modules out of the combined archive,
// for a network where one module's dependencies cannot be downloaded (its own test still fails).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planModule, type ModulePlan } from "../../core/src/bridge/plan.js";
import { readApiSurface } from "../../core/src/bridge/surface.js";
import { GoModules } from "../../host-node/src/go-modules.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { buildBridgedProgram, type BridgedProgram } from "../../host-node/src/wrapper-build.js";
import { nodeZipOptions } from "../../host-node/src/zip-inflate.js";
import { withoutGoVariables } from "../support/go.js";
import { cNames, compileAndRun, requireCc } from "../e2e/wrapper-support.js";
import { corpusAlias } from "../support/fixtures.js";

interface CorpusModule {
  readonly path: string;
  readonly version: string;
}

interface SurfaceEntry {
  readonly module: string;
  readonly version: string;
  readonly file: string;
}

const CORPUS: readonly CorpusModule[] = JSON.parse(readFileSync("fixtures/corpus.json", "utf8")).modules;
const SURFACES: readonly SurfaceEntry[] = JSON.parse(readFileSync("fixtures/surfaces/index.json", "utf8")).surfaces;


const temps: string[] = [];
function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

let cc = "";
let go: GoModules;
let gocache = "";
const plans = new Map<string, ModulePlan>();

beforeAll(async () => {
  cc = requireCc();
  gocache = execFileSync("go", ["env", "GOCACHE"], { encoding: "utf8" }).trim();
  const hashing = await nodeHashing();
  // The real proxy and checksum database, as a user's default environment has them.
  const env = { ...withoutGoVariables(), GOPROXY: "https://proxy.golang.org" };
  go = new GoModules({ env, hashing, cacheRoot: process.env["MOCHI_PKG_CACHE"] ?? temp("mochi-live-cache-"), zipOptions: nodeZipOptions });
  for (const m of CORPUS) {
    const s = SURFACES.find((x) => x.module === m.path);
    expect(s?.version, `${m.path}: the committed surface is of the pinned version`).toBe(m.version);
    plans.set(m.path, planModule(readApiSurface(readFileSync(join("fixtures/surfaces", s!.file), "utf8")), { alias: corpusAlias(m.path), hashing }));
  }
}, 600_000);

afterAll(async () => {
  await go?.close();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** Links fixtures/c/corpus/<alias>.c against a built archive and checks its summary line. */
function runProgram(plan: ModulePlan, built: BridgedProgram, names: string): void {
  const r = compileAndRun(cc, `fixtures/c/corpus/${plan.alias}.c`, built, names, temp("mochi-live-c-"));
  expect(r.stderr, plan.module).toBe("");
  expect(r.status, plan.module).toBe(0);
  expect(r.stdout, plan.module).toMatch(new RegExp(`^${plan.alias}: \\d+ checks passed\\n$`));
}

describe("the corpus, each module in an archive of its own", () => {
  it("has the 24 modules", () => {
    expect(CORPUS.length).toBe(24);
  });

  it.each(CORPUS.map((m) => [m.path]))("%s", async (path) => {
    const plan = plans.get(path)!;
    const built = await buildBridgedProgram(go, { dir: temp("mochi-live-one-"), plans: [plan], env: { GOCACHE: gocache } });
    expect(built.buildList).toContainEqual({ path: plan.module, version: plan.version });
    runProgram(plan, built, cNames([plan]));
  }, 1_800_000);
});

const EXCLUDED = new Set((process.env["MOCHI_LIVE_EXCLUDE"] ?? "").split(",").filter((x) => x !== ""));
const TOGETHER = CORPUS.filter((m) => !EXCLUDED.has(m.path));

describe(`the corpus, ${TOGETHER.length} modules in one archive`, () => {
  let built: BridgedProgram;
  beforeAll(async () => {
    const together = TOGETHER.map((m) => plans.get(m.path)!);
    built = await buildBridgedProgram(go, { dir: temp("mochi-live-all-"), plans: together, env: { GOCACHE: gocache } });
  }, 3_600_000);

  it("is gofmt's output", () => {
    const goFiles = Object.keys(built.program.files).filter((f) => f.endsWith(".go")).map((f) => join(built.programDir, f));
    expect(execFileSync("gofmt", ["-l", ...goFiles], { encoding: "utf8" })).toBe("");
  });

  it.each(TOGETHER.map((m) => [m.path]))("%s: its C program links the combined archive", (path) => {
    runProgram(plans.get(path)!, built, cNames(TOGETHER.map((m) => plans.get(m.path)!)));
  });
});
