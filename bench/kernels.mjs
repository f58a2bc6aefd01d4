// Kernel throughput: SHA-256 and BLAKE3 in MB/s for the AssemblyScript
// kernels (through the component, as the hosts call them), node:crypto and
// hash-wasm, on 1 MiB and 64 MiB inputs. Median of several runs; ratios are
// against node:crypto (SHA-256; it has no BLAKE3) and hash-wasm, measured in
// the same run.  Usage: npm run bench  (or: node bench/kernels.mjs [--quick])
import { createHash, getHashes } from "node:crypto";
import { createBLAKE3, createSHA256 } from "hash-wasm";
import { kernelsHashing } from "mochi-pkg";

const quick = process.argv.includes("--quick");
const RUNS = quick ? 3 : 7;
const MiB = 1024 * 1024;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** MB/s (10^6 bytes per second) of `hashOnce` over `data`, median of RUNS runs of at least ~150 ms. */
function measure(hashOnce, data) {
  hashOnce(data); // warm up (JIT, wasm tier-up)
  const rates = [];
  for (let r = 0; r < RUNS; r++) {
    let bytes = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    do {
      hashOnce(data);
      bytes += data.length;
      elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    } while (elapsed < 0.15);
    rates.push(bytes / 1e6 / elapsed);
  }
  return median(rates);
}

const kernels = await kernelsHashing();
const hwSha = await createSHA256();
const hwBlake = await createBLAKE3();
const hashWasm = (h) => (d) => {
  h.init();
  h.update(d);
  return h.digest("binary");
};
const impls = {
  sha256: {
    kernel: (d) => kernels.hasher("sha256").update(d).finish(),
    "node:crypto": (d) => createHash("sha256").update(d).digest(),
    "hash-wasm": hashWasm(hwSha),
  },
  blake3: {
    kernel: (d) => kernels.hasher("blake3").update(d).finish(),
    ...(getHashes().includes("blake3") ? { "node:crypto": (d) => createHash("blake3").update(d).digest() } : {}),
    "hash-wasm": hashWasm(hwBlake),
  },
};

const data = new Uint8Array(64 * MiB);
for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;

const rows = [];
for (const [alg, byImpl] of Object.entries(impls)) {
  for (const size of [1 * MiB, 64 * MiB]) {
    const input = data.subarray(0, size);
    const rates = {};
    for (const [name, fn] of Object.entries(byImpl)) rates[name] = measure(fn, input);
    rows.push({ alg, size, rates });
  }
}

const fmt = (x) => (x === undefined ? "n/a" : x.toFixed(1));
const ratio = (a, b) => (a === undefined || b === undefined ? "n/a" : (a / b).toFixed(2));
console.log(`kernel throughput, MB/s, median of ${RUNS} runs (node ${process.version}, ${process.arch})`);
console.log("alg     size    kernel  node:crypto  hash-wasm  kernel/node:crypto  kernel/hash-wasm");
for (const { alg, size, rates } of rows) {
  console.log(
    `${alg.padEnd(7)} ${(size / MiB + " MiB").padEnd(7)} ${fmt(rates.kernel).padStart(6)}  ${fmt(rates["node:crypto"]).padStart(11)}  ${fmt(rates["hash-wasm"]).padStart(9)}  ${ratio(rates.kernel, rates["node:crypto"]).padStart(18)}  ${ratio(rates.kernel, rates["hash-wasm"]).padStart(16)}`,
  );
}
