// Crossing cost of the cgo wrapper: a C program (bench/crossing/crossing.c)
// calls a trivial wrapped function (mathx.Add, int64 + int64) and a string
// function (greet.Hello) through the generated wrapper, and the same two
// through hand-written minimal cgo exports (bench/crossing/handmade.go)
// linked into the same archive, in the same run: ns per call, median of the
// rounds, and the ratio. Goal: scalars within 1.2x of the hand-written export.
// Also times the TypeScript side for all 24 corpus modules: plan (map), wrap
// (the whole program and its header) and emit (externs); goal under 2 s.
// The fixture modules come from the embedded fixture registry: no network.
// Usage: npm run build && node bench/crossing.mjs [--quick]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readApiSurface } from "../core/dist/bridge/surface.js";
import { planModule } from "../core/dist/bridge/plan.js";
import { programFiles, programGoVersion } from "../core/dist/bridge/wrapper.js";
import { startFixtureRegistry } from "../host-node/dist/fixture-registry.js";
import { ingestModule } from "../host-node/dist/go-ingest.js";
import { GoModules } from "../host-node/dist/go-modules.js";
import { resolveBuildList } from "../host-node/dist/build-list.js";
import { writeGoProxyDir } from "../host-node/dist/goproxy-dir.js";
import { nodeHashing } from "../host-node/dist/kernels.js";
import { buildProgram } from "../host-node/dist/wrapper-build.js";
import { nodeZipOptions } from "../host-node/dist/zip-inflate.js";
import { reportBridge, timeBridge } from "./bridge-typescript.mjs";

const quick = process.argv.includes("--quick");
const CALLS = quick ? 200_000 : 2_000_000;
const ROUNDS = quick ? 3 : 7;
const TS_ROUNDS = quick ? 2 : 5;
const GOAL_SCALAR = 1.2;
const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "mochi-bench-crossing-"));

function need(cmd, args, what) {
  try {
    return execFileSync(cmd, args, { encoding: "utf8" }).trim();
  } catch {
    console.error(`bench/crossing.mjs needs ${what}`);
    process.exit(1);
  }
}

async function crossing(hashing) {
  need("go", ["version"], "the go command (Go 1.22 or newer) on PATH");
  const cc = process.env.CC ?? "cc";
  need(cc, ["--version"], "a C compiler (cc, or CC)");
  const gocache = need("go", ["env", "GOCACHE"], "the go command");
  const server = await startFixtureRegistry({ hashing });
  try {
    const env = { GOPROXY: server.goproxy, GOSUMDB: server.gosumdb, GOFLAGS: "-mod=mod", GOWORK: "off", GOMODCACHE: join(work, "ingest-modcache"), GOCACHE: gocache };
    const plans = [];
    for (const [module, version, alias] of [["example.com/mathx", "v0.2.0", "mathx"], ["example.com/greet", "v1.2.0", "greet"]]) {
      const { json } = await ingestModule({ module, version, env, cacheRoot: join(work, "ingest") });
      plans.push(planModule(readApiSurface(json), { alias, hashing }));
    }
    const go = new GoModules({ env: { GOPROXY: server.goproxy, GOSUMDB: server.gosumdb }, hashing, cacheRoot: join(work, "cache"), zipOptions: nodeZipOptions });
    const requires = plans.map((p) => ({ path: p.module, version: p.version }));
    const list = await resolveBuildList(go, { path: "mochi.local/bridge", go: "1.22", requires }, work, true);
    const modules = list.modules.slice(1);
    const proxy = await writeGoProxyDir(go, join(work, "goproxy"), modules, list.loaded.filter((m) => m.version !== ""));
    const goMods = await Promise.all(modules.map(async (m) => new TextDecoder().decode(await go.goMod(m.path, m.version))));
    await go.close();
    const program = programFiles({ plans, require: modules, goSum: proxy.goSum, goVersion: programGoVersion(goMods) });
    // The baseline joins the program: one more package, blank-imported by main.
    const files = {
      ...program.files,
      "handmade/handmade.go": readFileSync(join(root, "bench/crossing/handmade.go"), "utf8"),
      "main.go": program.files["main.go"].replace("import (\n", 'import (\n\t_ "mochi.local/bridge/handmade"\n'),
    };
    const built = await buildProgram({ dir: join(work, "build"), program: { ...program, files }, goproxy: proxy.goproxy, env: { GOCACHE: gocache } });
    const symbol = (plan, id) => plan.items.find((i) => i.id === id).symbol;
    const exe = join(work, "crossing");
    execFileSync(cc, [
      "-O2",
      "-std=c11",
      `-DWRAP_ADD=${symbol(plans[0], "example.com/mathx.Add")}`,
      `-DWRAP_HELLO=${symbol(plans[1], "example.com/greet.Hello")}`,
      "-I",
      join(work, "build"),
      "-o",
      exe,
      join(root, "bench/crossing/crossing.c"),
      built.archive,
      ...(process.platform === "darwin" ? ["-framework", "CoreFoundation", "-framework", "Security"] : ["-lpthread", "-ldl", "-lm"]),
    ]);
    return JSON.parse(execFileSync(exe, [String(CALLS), String(ROUNDS)], { encoding: "utf8" }));
  } finally {
    await server.close();
  }
}

function corpusSurfaces() {
  const index = JSON.parse(readFileSync(join(root, "fixtures/surfaces/index.json"), "utf8")).surfaces;
  return index.map((e) => ({ module: e.module, text: readFileSync(join(root, "fixtures/surfaces", e.file), "utf8") }));
}

const hashing = await nodeHashing();
try {
  const c = await crossing(hashing);
  const ratio = (x) => x.wrapped / x.hand;
  console.log(`crossing (${c.calls} calls x ${c.rounds} rounds, median ns per call):`);
  console.log(`  int add   wrapped ${c.add.wrapped.toFixed(1)}  hand-written ${c.add.hand.toFixed(1)}  ratio ${ratio(c.add).toFixed(2)}x  (goal <= ${GOAL_SCALAR}x: ${ratio(c.add) <= GOAL_SCALAR ? "met" : "NOT met"})`);
  console.log(`  string    wrapped ${c.string.wrapped.toFixed(1)}  hand-written ${c.string.hand.toFixed(1)}  ratio ${ratio(c.string).toFixed(2)}x`);
  reportBridge(timeBridge(corpusSurfaces(), hashing, TS_ROUNDS), "24 corpus modules");
} finally {
  rmSync(work, { recursive: true, force: true });
}
