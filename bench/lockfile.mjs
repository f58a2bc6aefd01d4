// Lockfile speed: the canonical writer and the reader (parse + validate +
// normalise) on a 10,000-package lock, and `lock --check` (parse the lock
// and the manifest, hash the manifest, compare with a fresh resolution) on a
// 1,000-package lock. Milliseconds, median of the runs, through the built
// JavaScript (npm run build first).
// Usage: node bench/lockfile.mjs [--quick]
import { checkLock, parseLock, writeLock } from "@mochi-pkg/core/lockfile";
import { manifestHash, parseManifest } from "@mochi-pkg/core/manifest";
import { nodeHashing } from "mochi-pkg";

const quick = process.argv.includes("--quick");
const RUNS = quick ? 3 : 9;
const WARMUP = 2;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of `run` in ms, after untimed warm-up runs (JIT). */
function measure(run) {
  for (let i = 0; i < WARMUP; i++) run();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** A deterministic stand-in for a digest: 64 hex digits from a counter. */
function hex64(n) {
  return (n.toString(16).padStart(8, "0") + "9e3779b97f4a7c15").repeat(3).slice(0, 64);
}

/**
 * A lock shaped like a large real one: `n` registry packages over 4
 * platforms, each depending on up to 3 earlier packages, with a Go module
 * for every tenth package.
 */
function bigLock(n, manifestHash) {
  const platforms = [
    { os: "linux", arch: "x86_64", target: "typescript" },
    { os: "linux", arch: "aarch64", target: "typescript" },
    { os: "macos", arch: "aarch64", target: "typescript" },
    { os: "windows", arch: "x86_64", target: "typescript" },
  ];
  const name = (i) => `@bench/pkg-${i}`;
  const version = (i) => `${i % 7}.${i % 13}.${i % 5}`;
  const packages = Array.from({ length: n }, (_, i) => ({
    name: name(i),
    version: version(i),
    source: "registry:registry.mochi-lang.dev",
    blake3: `blake3-256:${hex64(i)}`,
    sha256: `sha256:${hex64(i + n)}`,
    capabilities: i % 5 === 0 ? ["fs.read"] : [],
    dependencies: new Map([1, 2, 3].filter((d) => i - d * 7 >= 0).map((d) => [name(i - d * 7), version(i - d * 7)])),
    platforms: i % 3 === 0 ? [0, 1] : [0, 1, 2, 3],
  }));
  const goPackages = Array.from({ length: Math.floor(n / 10) }, (_, i) => ({
    module: `github.com/bench/mod${i}`,
    version: `v1.${i % 20}.0`,
    source: { kind: "module-proxy", proxy: "https://proxy.golang.org" },
    zipBlake3: hex64(i + 2 * n),
    zipH1: `h1:${Buffer.from(hex64(i), "hex").toString("base64")}`,
    sumdbVerified: true,
    sumdbTreeSize: 35812409,
    sumdbRecordHash: hex64(i + 3 * n),
    capabilitiesDeclared: i % 4 === 0 ? ["net"] : [],
    dependencies: i > 0 ? [`github.com/bench/mod${i - 1}@v1.${(i - 1) % 20}.0`] : [],
    buildTags: [],
  }));
  return {
    version: 1,
    mochi: "0.11.2",
    manifest: "mochi.toml",
    manifestHash,
    platforms,
    packages,
    goPackages,
    capabilitiesSeen: new Map(),
    provenance: { solverSeed: "2026-01-01T00:00:00Z", registryEtag: 'W/"bench"', sigstoreVerifiedCount: n, sigstoreUnverified: [] },
  };
}

const hashing = await nodeHashing();
const manifest = `[package]\nname = "@bench/app"\nversion = "1.0.0"\n\n[dependencies]\n${Array.from({ length: 50 }, (_, i) => `"@bench/pkg-${i}" = "^${i % 7}.0"`).join("\n")}\n`;
const hash = manifestHash(parseManifest(manifest), hashing);

const big = bigLock(10_000, hash);
const bigText = writeLock(big);
const small = bigLock(1_000, hash);
const smallText = writeLock(small);
const fresh = parseLock(smallText);

const write = measure(() => writeLock(big));
const parse = measure(() => parseLock(bigText));
const check = measure(() => checkLock({ manifest, lock: smallText, hashing, fresh }));

const mb = (s) => (Buffer.byteLength(s) / 1e6).toFixed(1);
console.log(`lockfile benchmark (median of ${RUNS} runs, ms)`);
console.log(`  write 10,000 packages (${mb(bigText)} MB):  ${write.toFixed(1)} ms`);
console.log(`  parse 10,000 packages (${mb(bigText)} MB):  ${parse.toFixed(1)} ms`);
console.log(`  check 1,000 packages (${mb(smallText)} MB):  ${check.toFixed(1)} ms`);
