// The second, non-JavaScript host: examples/wasmtime-host/host.py runs the
// core component in wasmtime (Python) and its outputs must equal, byte for
// byte, what the TypeScript core computes in Node: an h1 of a fixture module
// zip, a verified inclusion proof from the fixture checksum database, a
// canonical lock written from a reordered one, and the externs of a surface.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { base64Encode, utf8Encode } from "../../core/src/bytes.js";
import type { Hashing } from "../../core/src/hashing.js";
import { hashZip } from "../../core/src/go/dirhash.js";
import { openNote, newVerifier, verifierList } from "../../core/src/go/note.js";
import { HashStore, checkRecord, parseTree, proveRecord, recordHash } from "../../core/src/go/tlog.js";
import { parseLock } from "../../core/src/lockfile/read.js";
import { writeLock } from "../../core/src/lockfile/write.js";
import { readApiSurface } from "../../core/src/bridge/surface.js";
import { planModule } from "../../core/src/bridge/plan.js";
import { emitExterns, externFileNames } from "../../core/src/bridge/externs.js";
import { coreComponentPath } from "../../host-node/src/core-component.js";
import { buildFixtureRegistry, defaultFixturesRoot } from "../../host-node/src/fixture-registry.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { repoRoot } from "../vectors.js";

const HOST = join(repoRoot, "examples/wasmtime-host/host.py");
const SURFACE = "github.com/google/uuid@v1.6.0.json";
const ALIAS = "uuid";

/** The [[go-package]] blocks of a lock in reverse order: still valid TOML, no longer canonical. */
function reordered(lock: string): string {
  const [head, ...blocks] = lock.split("\n[[go-package]]\n");
  const last = blocks.pop()!;
  const cut = last.indexOf("\n\n[");
  const tail = last.slice(cut);
  return [head, last.slice(0, cut) + "\n", ...blocks.reverse()].join("\n[[go-package]]\n") + tail;
}

let hashing: Hashing;
let work: string;
/** Output file (relative to the out dir) -> the bytes Node computes for it. */
const expected = new Map<string, Uint8Array>();

beforeAll(async () => {
  const probe = spawnSync("python3", ["-c", "import wasmtime"], { encoding: "utf8" });
  if (probe.status !== 0) {
    throw new Error(`python3 with the wasmtime package is needed (npm run setup installs it: python3 -m pip install wasmtime==50.0.1): ${probe.stderr}`);
  }
  hashing = await nodeHashing();
  work = mkdtempSync(join(tmpdir(), "mochi-wasmtime-"));
  const tasks: object[] = [];

  // h1 of a fixture module zip.
  const registry = await buildFixtureRegistry(defaultFixturesRoot(), hashing);
  const m = registry.modules[0]!;
  writeFileSync(join(work, "module.zip"), m.zip);
  tasks.push({ op: "h1", zip: join(work, "module.zip"), out: "module.h1" });
  expected.set("module.h1", utf8Encode(`${hashZip(m.zip, hashing)}\n`));

  // Inclusion of that module's record in the fixture checksum database's signed tree.
  const log = registry.log;
  const store = new HashStore(hashing);
  for (let i = 0; i < log.size; i++) store.append(utf8Encode(log.record(i)!));
  const head = log.signedHead();
  const record = log.record(m.recordId)!;
  const proof = proveRecord(log.size, m.recordId, store, hashing);
  writeFileSync(
    join(work, "inclusion.json"),
    JSON.stringify({ note: head, verifier_key: registry.verifierKey, record, index: m.recordId, proof: proof.map(base64Encode) }),
  );
  tasks.push({ op: "verify-inclusion", job: join(work, "inclusion.json"), out: "inclusion.txt" });
  const note = openNote(head, verifierList(newVerifier(registry.verifierKey, hashing)));
  const tree = parseTree(note.text);
  checkRecord(proof, tree.n, tree.hash, m.recordId, recordHash(utf8Encode(record), hashing), hashing);
  expected.set("inclusion.txt", utf8Encode(`record ${m.recordId} is in tree ${tree.n} ${base64Encode(tree.hash)} signed by ${note.sigs[0]!.name}\n`));

  // A canonical lock from a reordered one.
  const full = readFileSync(join(repoRoot, "fixtures/locks/full.lock"), "utf8");
  const messy = reordered(full);
  writeFileSync(join(work, "mochi.lock"), messy);
  tasks.push({ op: "lock", lock: join(work, "mochi.lock"), out: "canonical.lock" });
  expected.set("canonical.lock", utf8Encode(writeLock(parseLock(messy))));

  // The externs of one corpus surface.
  const surfacePath = join(repoRoot, "fixtures/surfaces/github.com/google", SURFACE.split("/").pop()!);
  tasks.push({ op: "externs", surface: surfacePath, alias: ALIAS, out: "externs" });
  const files = emitExterns(planModule(readApiSurface(readFileSync(surfacePath, "utf8")), { alias: ALIAS, hashing }));
  const names = externFileNames(ALIAS);
  expected.set(`externs/${names.externFile}`, utf8Encode(files.externFile));
  expected.set(`externs/${names.shimFile}`, utf8Encode(files.shimFile));
  expected.set("externs/SKIPPED.txt", utf8Encode(files.skipped));

  writeFileSync(join(work, "job.json"), JSON.stringify({ tasks }));
}, 120_000);

describe("the wasmtime host (Python)", () => {
  it("reorders the lock for real: the input is not canonical", () => {
    const messy = readFileSync(join(work, "mochi.lock"), "utf8");
    expect(messy).not.toBe(readFileSync(join(repoRoot, "fixtures/locks/full.lock"), "utf8"));
    expect(Buffer.from(expected.get("canonical.lock")!).toString("utf8")).toBe(readFileSync(join(repoRoot, "fixtures/locks/full.lock"), "utf8"));
  });

  it("computes the same bytes as the Node host", () => {
    const out = join(work, "out");
    mkdirSync(out);
    const cache = join(tmpdir(), "mochi-pkg-wasmtime-cache");
    const started = performance.now();
    execFileSync("python3", [HOST, "--component", coreComponentPath(), "--cache", cache, "run", join(work, "job.json"), out], {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 300_000,
    });
    console.log(`wasmtime host: ${Math.round(performance.now() - started)} ms for ${expected.size} outputs`);
    const written = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(out.length + 1))
      .sort();
    expect(written).toEqual([...expected.keys()].sort());
    for (const [name, bytes] of expected) {
      expect(readFileSync(join(out, name)).toString("hex"), name).toBe(Buffer.from(bytes).toString("hex"));
    }
  }, 330_000);

  it("reports a core error with its code and a non-zero exit", () => {
    const bad = join(work, "version-99.lock");
    writeFileSync(bad, readFileSync(join(repoRoot, "fixtures/locks/version-99.lock")));
    const r = spawnSync("python3", [HOST, "--component", coreComponentPath(), "--cache", join(tmpdir(), "mochi-pkg-wasmtime-cache"), "lock", bad], {
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^M057_LOCK_E003: lockfile too new/);
  }, 330_000);
});
