// The two halves of bridging the 24-module corpus (fixtures/corpus.json),
// timed separately in one run: the Go helper's ingest of each module
// (go/packages and go/types over the real module; host-node/go-ingest) and
// the TypeScript map+wrap+emit of the surfaces it wrote (goal: under 2 s for
// all 24). Modules come through the go command from the public module proxy
// (GOPROXY=https://proxy.golang.org, checked against sum.golang.org) into the
// user's module cache, so the first run downloads them and later runs time
// the ingest alone. The helper is built once, before the clock starts.
// Usage: npm run build && node bench/ingest.mjs [--rounds N]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildGoIngest, ingestModule } from "../host-node/dist/go-ingest.js";
import { nodeHashing } from "../host-node/dist/kernels.js";
import { publicProxyGoEnv } from "../test/support/public-go-env.mjs";
import { median, reportBridge, timeBridge } from "./bridge-typescript.mjs";

const at = process.argv.indexOf("--rounds");
const ROUNDS = at > 0 ? Number(process.argv[at + 1]) : 3;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) {
  console.error("bench/ingest.mjs: --rounds needs a positive integer");
  process.exit(64);
}
const root = fileURLToPath(new URL("..", import.meta.url));
const corpus = JSON.parse(readFileSync(join(root, "fixtures/corpus.json"), "utf8")).modules;
let env;
try {
  env = publicProxyGoEnv();
} catch {
  console.error("bench/ingest.mjs needs the go command (Go 1.24 or newer) on PATH");
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "mochi-bench-ingest-"));

try {
  const helper = await buildGoIngest(join(work, "cache"));
  const ms = new Map(corpus.map((m) => [m.path, []]));
  const surfaces = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const m of corpus) {
      const t = performance.now();
      const { json } = await ingestModule({ module: m.path, version: m.version, env, cacheRoot: join(work, "cache"), helper, goos: "linux", goarch: "amd64" });
      ms.get(m.path).push(performance.now() - t);
      if (round === 0) surfaces.push({ module: m.path, text: json });
    }
  }
  console.log(`go-ingest, ${corpus.length} corpus modules, ms: first run / median of ${ROUNDS}`);
  for (const m of corpus) {
    const xs = ms.get(m.path);
    console.log(`  ${`${m.path}@${m.version}`.padEnd(48)} ${xs[0].toFixed(0).padStart(6)} / ${median(xs).toFixed(0)}`);
  }
  const roundTotals = Array.from({ length: ROUNDS }, (_, r) => corpus.reduce((n, m) => n + ms.get(m.path)[r], 0));
  const ingest = median(roundTotals);
  console.log(`  total${" ".repeat(44)}${roundTotals[0].toFixed(0).padStart(6)} / ${ingest.toFixed(0)}`);
  const ts = reportBridge(timeBridge(surfaces, await nodeHashing(), Math.max(ROUNDS, 5)), `${corpus.length} corpus modules`);
  console.log(`ingest / map+wrap+emit: ${(ingest / ts).toFixed(1)}x (medians)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
