// The TypeScript side of the bridge over the corpus, timed: read the
// surfaces, plan (map), wrap (the whole program and its header), emit
// (externs). Shared by bench/crossing.mjs (the committed surfaces) and
// bench/ingest.mjs (the surfaces it has just ingested).
import { readApiSurface } from "../core/dist/bridge/surface.js";
import { planModule } from "../core/dist/bridge/plan.js";
import { emitExterns } from "../core/dist/bridge/externs.js";
import { pathSegment } from "../core/dist/bridge/names.js";
import { programFiles } from "../core/dist/bridge/wrapper.js";

export const GOAL_TS_MS = 2000;

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The import alias the corpus tests use (test/support/fixtures.ts corpusAlias, which node cannot import). */
export function aliasOf(module) {
  const elems = module.split("/");
  const last = elems.length > 1 && /^v[0-9]+$/.test(elems.at(-1)) ? elems.at(-2) : elems.at(-1);
  return pathSegment(last);
}

/** `rounds` timings of map+wrap+emit over `surfaces` ({ module, text }), in ms. */
export function timeBridge(surfaces, hashing, rounds) {
  const rows = [];
  for (let round = 0; round < rounds; round++) {
    let t = performance.now();
    const views = surfaces.map((s) => readApiSurface(s.text));
    const read = performance.now() - t;
    t = performance.now();
    const plans = views.map((v, i) => planModule(v, { alias: aliasOf(surfaces[i].module), hashing }));
    const plan = performance.now() - t;
    t = performance.now();
    const program = programFiles({ plans, require: plans.map((p) => ({ path: p.module, version: p.version })), goSum: "" });
    const wrap = performance.now() - t;
    t = performance.now();
    for (const p of plans) emitExterns(p);
    const emit = performance.now() - t;
    const bytes = Object.values(program.files).reduce((n, s) => n + s.length, program.header.length);
    rows.push({ read, plan, wrap, emit, total: plan + wrap + emit, bytes });
  }
  return rows;
}

/** Prints the first run and the median of the rounds, and whether the goal is met. */
export function reportBridge(rows, what) {
  const first = rows[0];
  const med = (k) => median(rows.map((r) => r[k]));
  console.log(`TypeScript, ${what} (${(first.bytes / 1e6).toFixed(1)} MB of Go and C generated), ms: first run / median of ${rows.length}`);
  for (const k of ["plan", "wrap", "emit"]) console.log(`  ${k.padEnd(5)} ${first[k].toFixed(0).padStart(6)} / ${med(k).toFixed(0)}`);
  console.log(`  total ${first.total.toFixed(0).padStart(6)} / ${med("total").toFixed(0)}  (goal < ${GOAL_TS_MS}: ${med("total") < GOAL_TS_MS ? "met" : "NOT met"}; reading the surfaces: ${med("read").toFixed(0)} more)`);
  return med("total");
}
