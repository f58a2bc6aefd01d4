// h1 throughput: mochi-pkg's h1 of a module zip in the Node host
// (node:crypto SHA-256, node:zlib inflate) next to Go's dirhash.HashZip
// (golang.org/x/mod, bench/h1/go) on the same file, measured in the same
// run. The file is the largest zip of the corpus (fixtures/corpus.json),
// fetched with `go mod download` into bench/out/h1. Each round times one Go
// hash (in a fresh process, after a warm-up call) and then one of ours, so
// that load from other processes falls on both sides alike; both read the
// file and hash it. MB/s is the zip's size (10^6 bytes) over the time of
// one hash, median of the rounds. The goal is ours/Go >= 0.9. A third row,
// for information, hashes the zip already in memory, as the host does with
// a download: the difference is the cost of reading the file.
// Usage: npm run bench:h1  (or: node bench/h1.mjs [--quick])
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hashZipBytes, hashZipFile, nodeHashing } from "mochi-pkg";

const quick = process.argv.includes("--quick");
const RUNS = quick ? 3 : 9;
/** Untimed runs of ours first, so that V8 has compiled the hot paths (Go needs no such help). */
const WARMUP = 2;
const GOAL = 0.9;
const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "bench", "out", "h1");
mkdirSync(out, { recursive: true });

// A module cache of the bench's own (writable, so bench/out can be deleted), outside any workspace.
const goEnv = { ...process.env, GOMODCACHE: join(out, "modcache"), GOFLAGS: "-modcacherw", GOWORK: "off" };

function go(args, cwd) {
  try {
    return execFileSync("go", args, { cwd, env: goEnv, encoding: "utf8", maxBuffer: 1 << 26 });
  } catch (e) {
    if (e.code === "ENOENT") {
      console.error("bench/h1.mjs needs the go command on PATH (Go 1.26 or newer: https://go.dev/dl/).");
      process.exit(1);
    }
    throw e;
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const corpus = JSON.parse(readFileSync(join(root, "fixtures", "corpus.json"), "utf8"));
const { path: modulePath, version } = corpus.largestZip;
const pinned = corpus.modules.find((m) => m.path === modulePath && m.version === version);

const download = JSON.parse(go(["mod", "download", "-json", `${modulePath}@${version}`], out));
if (download.Error) throw new Error(`go mod download ${modulePath}@${version}: ${download.Error}`);
if (download.Sum !== pinned.sum) throw new Error(`go reports ${download.Sum} for ${modulePath}@${version}, corpus.json pins ${pinned.sum}`);
const zip = download.Zip;
const bytes = statSync(zip).size;

const goBench = join(out, "h1bench");
go(["build", "-o", goBench, "."], join(root, "bench", "h1", "go"));

const hashing = await nodeHashing();
const h1s = new Set();
/** MB/s of one call of `hash`, recording the h1 it returns. */
function timed(hash) {
  const start = process.hrtime.bigint();
  h1s.add(hash());
  return bytes / 1e6 / (Number(process.hrtime.bigint() - start) / 1e9);
}
for (let w = 0; w < WARMUP; w++) h1s.add(hashZipFile(zip, hashing));
const inMemory = readFileSync(zip);
const goRates = [];
const rates = [];
const inMemoryRates = [];
let goVersion = "";
for (let r = 0; r < RUNS; r++) {
  const goRun = JSON.parse(execFileSync(goBench, ["-runs", "1", zip], { encoding: "utf8" }));
  h1s.add(goRun.h1);
  goRates.push(goRun.medianMBps);
  goVersion = goRun.goVersion;
  rates.push(timed(() => hashZipFile(zip, hashing)));
  inMemoryRates.push(timed(() => hashZipBytes(inMemory, hashing)));
}
if (h1s.size !== 1 || !h1s.has(pinned.sum)) throw new Error(`h1 runs gave ${[...h1s].join(", ")}, expected ${pinned.sum}`);
const goMedian = median(goRates);
const ours = median(rates);
const ratio = ours / goMedian;

const rows = [
  [`Go dirhash.HashZip (golang.org/x/mod, ${goVersion})`, goMedian],
  [`mochi-pkg Node host (node:crypto, node:zlib, node ${process.version})`, ours],
  ["  the same with the zip already in memory (hashZipBytes; not compared)", median(inMemoryRates)],
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`h1 throughput over ${modulePath}@${version}.zip (${(bytes / 1e6).toFixed(1)} MB), MB/s of zip, median of ${RUNS} rounds`);
for (const [name, rate] of rows) console.log(`  ${name.padEnd(width)}  ${rate.toFixed(1).padStart(7)}`);
console.log(`  ratio ours/Go ${ratio.toFixed(2)} (goal >= ${GOAL}: ${ratio >= GOAL ? "met" : "NOT met"})`);
