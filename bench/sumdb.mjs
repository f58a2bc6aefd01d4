// Checksum-database verification speed: 500 lookups of random records in a
// 100,000-record log against a warm tile cache. Each lookup parses the
// response, matches its signed tree head (already verified), reads the
// record's hash through the authenticated tiles and compares it with the
// record text. Warm: before each measured record, its tile-sibling (same
// level-0 tile) was looked up, so every tile it needs is authenticated.
//   core  - the sans-IO client, responses supplied from memory
//   host  - ChecksumDb (the Node host), responses and tiles from the disk cache
//   cold  - a new ChecksumDb per lookup: tiles read from disk and authenticated again
// Prints microseconds per lookup, p50 and p95.  Usage: npm run bench:sumdb
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nodeHashing } from "mochi-pkg";
import { SumdbClient, formatRecord, goEnvFromRecord, lookupPath, parseTilePath } from "@mochi-pkg/core/go";
import { buildFixtureRegistry, defaultFixturesRoot } from "../host-node/dist/fixture-registry.js";
import { ChecksumDb } from "../host-node/dist/checksum-db.js";
import { HttpClient } from "../host-node/dist/http.js";
import { writeFileAtomic } from "../host-node/dist/atomic-file.js";

const RECORDS = 100_000;
const LOOKUPS = 500;
const hashing = await nodeHashing();
const registry = await buildFixtureRegistry(defaultFixturesRoot(), hashing);
const log = registry.log;
const H = "h1:" + "A".repeat(43) + "=";
let t0 = performance.now();
while (log.size < RECORDS) {
  const i = log.size;
  log.append(`example.com/bench/m${i} v1.0.0 ${H}\nexample.com/bench/m${i} v1.0.0/go.mod ${H}\n`);
}
console.log(`log of ${log.size} records (tile height 8) built in ${Math.round(performance.now() - t0)} ms`);
const head = log.signedHead();

// Seeded picks of even ids well inside the log; id + 1 is the warming sibling.
let x = 12345;
const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
const picks = [...new Set(Array.from({ length: LOOKUPS * 2 }, () => 2 * (5 + Math.floor(rand() * (log.size / 2 - 10)))))].slice(0, LOOKUPS);
const pathOf = (id) => `example.com/bench/m${id}`;
const bodyOf = (id) => new TextEncoder().encode(formatRecord(id, log.record(id)) + head);
const tileBytes = (path) => log.tileData(parseTilePath(path.slice(1)));

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const report = (name, us, goal = "") =>
  console.log(`${name.padEnd(5)} ${us.length} lookups: p50 ${pct(us, 50).toFixed(1)} µs, p95 ${pct(us, 95).toFixed(1)} µs${goal}`);

function coreLookup(client, id) {
  for (;;) {
    const step = client.lookup(pathOf(id), "v1.0.0");
    if (step.kind === "done") return step.value;
    for (const r of step.requests) client.supply(r.path, r.path.startsWith("/lookup/") ? bodyOf(id) : tileBytes(r.path));
  }
}

{
  const client = new SumdbClient({ verifierKey: registry.verifierKey, latest: head, hashing });
  const us = [];
  for (const id of picks) {
    coreLookup(client, id + 1);
    t0 = performance.now();
    coreLookup(client, id);
    us.push((performance.now() - t0) * 1000);
  }
  report("core", us, " (goal: p95 < 200 µs)");
}

const cacheRoot = mkdtempSync(join(tmpdir(), "mochi-sumdb-bench-"));
const http = new HttpClient();
try {
  // The disk cache a previous run would have left: lookups, authenticated tiles, the latest head.
  const sumdbDir = join(cacheRoot, "go/sumdb");
  const tiles = new Set();
  const probe = new SumdbClient({ verifierKey: registry.verifierKey, latest: head, hashing });
  for (const id of picks.flatMap((id) => [id, id + 1])) {
    await writeFileAtomic(join(sumdbDir, registry.name + lookupPath(pathOf(id), "v1.0.0")), bodyOf(id));
    for (;;) {
      const step = probe.lookup(pathOf(id), "v1.0.0");
      if (step.kind === "done") break;
      for (const r of step.requests) {
        if (!r.path.startsWith("/lookup/")) tiles.add(r.path);
        probe.supply(r.path, r.path.startsWith("/lookup/") ? bodyOf(id) : tileBytes(r.path));
      }
    }
  }
  for (const p of tiles) await writeFileAtomic(join(sumdbDir, registry.name + p), tileBytes(p));
  await writeFileAtomic(join(sumdbDir, registry.name, "latest"), head);
  // The database URL is dead: everything must come from the cache.
  const env = goEnvFromRecord({ GOPROXY: "off", GOSUMDB: `${registry.verifierKey} http://127.0.0.1:9` });

  const db = await ChecksumDb.open(env.gosumdb, env, http, cacheRoot, hashing);
  const warm = [];
  for (const id of picks) {
    await db.lookup(pathOf(id + 1), "v1.0.0");
    t0 = performance.now();
    await db.lookup(pathOf(id), "v1.0.0");
    warm.push((performance.now() - t0) * 1000);
  }
  report("host", warm, " (goal: p95 < 200 µs)");

  const cold = [];
  for (const id of picks.slice(0, 100)) {
    t0 = performance.now();
    const fresh = await ChecksumDb.open(env.gosumdb, env, http, cacheRoot, hashing);
    await fresh.lookup(pathOf(id), "v1.0.0");
    cold.push((performance.now() - t0) * 1000);
  }
  report("cold", cold);
} finally {
  await http.close();
  rmSync(cacheRoot, { recursive: true, force: true });
}
