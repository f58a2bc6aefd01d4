// The Go module supply chain end to end against the embedded fixture
// registry over real sockets: resolve, download, verify against the
// checksum database, cache; damaged caches heal; tampered bytes, forked
// logs and rollbacks are refused; exemptions are recorded; and the versions
// queries select are the ones the real go command selects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Hashing } from "@mochi-pkg/core";
import { startFixtureRegistry, type FixtureServer } from "../../host-node/src/fixture-registry.js";
import { GoModules } from "../../host-node/src/go-modules.js";
import { HttpClient } from "../../host-node/src/http.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { nodeZipOptions } from "../../host-node/src/zip-inflate.js";
import { cleanup, isolatedGoEnv, requireGo, runGo, type GoWhere } from "../support/go.js";
import { FIXTURE_COUNT, FIXTURE_EDGE_TILE } from "../support/fixtures.js";

let hashing: Hashing;
let registry: FixtureServer;
const servers: FixtureServer[] = [];
const dirs: string[] = [];
const http = new HttpClient({ attempts: 2, backoffMs: 5, timeoutMs: 5000 });

beforeAll(async () => {
  hashing = await nodeHashing();
  registry = await start();
});
afterAll(async () => {
  await http.close();
  for (const s of servers) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startFixtureRegistry>[0] = {}): Promise<FixtureServer> {
  const s = await startFixtureRegistry({ hashing, ...options });
  servers.push(s);
  return s;
}

function tempCache(): string {
  const d = mkdtempSync(join(tmpdir(), "mochi-cache-"));
  dirs.push(d);
  return d;
}

function modules(server: FixtureServer, cacheRoot = tempCache(), env: Record<string, string> = {}): GoModules {
  return new GoModules({ env: { GOPROXY: server.goproxy, GOSUMDB: server.gosumdb, ...env }, hashing, cacheRoot, http, zipOptions: nodeZipOptions });
}

describe("download and verify", () => {
  it("downloads every fixture version with the registry's hashes, verified by its checksum database", async () => {
    const go = modules(registry);
    for (const m of registry.modules) {
      const d = await go.download(m.path, m.version);
      expect(d.sum, `${m.path}@${m.version}`).toBe(m.zipHash);
      expect(d.goModSum).toBe(m.modHash);
      const recordHash = createHash("sha256").update(registry.registry.log.record(m.recordId)!).digest("hex");
      expect(d.verification).toEqual({ kind: "sumdb", sumdb: "sum.mochi.test", recordId: m.recordId, treeSize: registry.modules.length, recordHash });
      expect(d.cached).toBe(false);
      expect(Buffer.compare(d.files.zip, m.zip)).toBe(0);
    }
    // Second time: from the cache, intact.
    const again = await go.download("example.com/greet", "v1.2.0");
    expect(again.cached).toBe(true);
    // The remembered tree head is the registry's.
    expect(readFileSync(join(go.cache.root, "go/sumdb/sum.mochi.test/latest"), "utf8")).toBe(registry.registry.log.signedHead());
  });

  it("heals a damaged cache: a corrupt blob is detected by hash and fetched again", async () => {
    const go = modules(registry);
    const first = await go.download("example.com/mathx", "v0.2.0");
    const zipPath = go.cache.blobs.pathOf(first.entry.zip.blake3);
    const bytes = readFileSync(zipPath);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(zipPath, bytes);
    const second = await go.download("example.com/mathx", "v0.2.0");
    expect(second.cached).toBe(false);
    expect(second.sum).toBe(first.sum);
    expect(Buffer.compare(readFileSync(zipPath), first.files.zip)).toBe(0);
  });

  it("heals a corrupt cached tile by fetching it again", async () => {
    const cacheRoot = tempCache();
    await modules(registry, cacheRoot).download("example.com/greet", "v1.0.0");
    const tileDir = join(cacheRoot, "go/sumdb/sum.mochi.test/tile/8/0");
    const tile = join(tileDir, readdirSync(tileDir).find((n) => n.startsWith("000"))!);
    const path = existsSync(join(tile, String(FIXTURE_COUNT))) ? join(tile, String(FIXTURE_COUNT)) : tile;
    const data = readFileSync(path);
    data[0] ^= 1;
    writeFileSync(path, data);
    // A fresh process (new client) must not trust the damaged tile.
    const d = await modules(registry, cacheRoot).download("example.com/greet", "v1.1.0");
    expect(d.verification.kind).toBe("sumdb");
    expect(readFileSync(path)[0]).toBe(data[0]! ^ 1);
  });

  it("refuses a tampered zip with both hashes and writes nothing", async () => {
    const evil = await start({ tamper: { zip: "example.com/greet@v1.0.0" } });
    const go = modules(evil);
    const err = await go.download("example.com/greet", "v1.0.0").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "M074_VERIFY_E001" });
    const m = registry.registry.module("example.com/greet", "v1.0.0")!;
    expect((err as Error).message).toContain(`sum.mochi.test (record ${m.recordId}, tree size ${FIXTURE_COUNT}): ${m.zipHash}`);
    expect((err as Error).message).toMatch(/downloaded: h1:/);
    expect(await go.cache.list()).toEqual([]);
    expect(existsSync(join(go.cache.root, "blobs"))).toBe(false);
  });

  it("refuses a tampered tile and writes nothing", async () => {
    const evil = await start({ tamper: { tile: FIXTURE_EDGE_TILE } });
    const go = modules(evil);
    const err = await go.download("example.com/greet", "v1.0.0").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: expect.stringMatching(/^M074_(TLOG|SUMDB)_E\d{3}$/) });
    expect(await go.cache.list()).toEqual([]);
    expect(existsSync(join(go.cache.root, "go/sumdb/sum.mochi.test/latest"))).toBe(false);
  });

  it("stops on a fork with both heads, and keeps the remembered head", async () => {
    const server = await start();
    const cacheRoot = tempCache();
    await modules(server, cacheRoot).download("example.com/greet", "v1.0.0");
    const honest = readFileSync(join(cacheRoot, "go/sumdb/sum.mochi.test/latest"), "utf8");
    // Same size, different history.
    server.serveHead(server.registry.log.forkedHead("example.com/evil v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"));
    const err = await modules(server, cacheRoot).download("example.com/greet", "v1.2.0").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "M074_SUMDB_E001" });
    expect((err as Error).message).toContain("go.sum database server misbehavior detected!");
    expect((err as Error).message).toContain("old database:");
    expect((err as Error).message).toContain("new database:");
    expect(readFileSync(join(cacheRoot, "go/sumdb/sum.mochi.test/latest"), "utf8")).toBe(honest);
  });

  it("stops on a rollback to a smaller tree that rewrites history", async () => {
    const server = await start();
    const cacheRoot = tempCache();
    await modules(server, cacheRoot).download("example.com/mathx", "v0.2.0");
    server.serveHead(server.registry.log.forkedHead("example.com/evil v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", 5));
    const err = await modules(server, cacheRoot).download("example.com/greet", "v1.0.0").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "M074_SUMDB_E001" });
  });

  it("accepts a newer head that extends the remembered one", async () => {
    const server = await start();
    const cacheRoot = tempCache();
    await modules(server, cacheRoot).download("example.com/greet", "v1.0.0");
    server.registry.log.append("example.com/later v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.com/later v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    const d = await modules(server, cacheRoot).download("example.com/greet", "v1.2.0");
    expect(d.verification).toMatchObject({ kind: "sumdb", treeSize: FIXTURE_COUNT + 1 });
    expect(readFileSync(join(cacheRoot, "go/sumdb/sum.mochi.test/latest"), "utf8")).toBe(server.registry.log.signedHead());
  });

  it("records GONOSUMDB, GOPRIVATE and GOSUMDB=off exemptions", async () => {
    const offline = { GOSUMDB: "sum.mochi.test+d5b8ef1a+AaG/q+/aSi6WM3Of/2n+gzRlBKO/AiKZIftSzF2LbcQs http://127.0.0.1:9" };
    // The database URL is dead: only the exemption lets these through.
    expect((await modules(registry, tempCache(), { ...offline, GONOSUMDB: "example.com/greet" }).download("example.com/greet", "v1.0.0")).verification).toEqual({ kind: "unverified", reason: "GONOSUMDB" });
    expect((await modules(registry, tempCache(), { ...offline, GOPRIVATE: "example.com" }).download("example.com/mathx", "v0.1.0").catch((e) => e))).toMatchObject({ code: "M074_PROXY_E001" });
    expect((await modules(registry, tempCache(), { GOSUMDB: "off" }).download("example.com/mathx", "v0.1.0")).verification).toEqual({ kind: "unverified", reason: "GOSUMDB=off" });
    expect((await modules(registry, tempCache(), { GOPRIVATE: "example.com/hello", GONOPROXY: "none.example" }).download("example.com/hello", "v1.0.0")).verification).toEqual({ kind: "unverified", reason: "GOPRIVATE" });
  });

  it("re-verifies the whole cache, removing what no longer matches", async () => {
    const go = modules(registry);
    await go.download("example.com/greet", "v1.0.0");
    await go.download("example.com/legacy", "v2.1.0+incompatible");
    expect((await go.verifyCache()).map((c) => c.status)).toEqual(["ok", "ok"]);
    const entry = (await go.cache.readEntry("example.com/legacy", "v2.1.0+incompatible"))!;
    rmSync(go.cache.blobs.pathOf(entry.zip.blake3));
    const checks = await go.verifyCache();
    expect(checks.map((c) => `${c.path}@${c.version} ${c.status}`)).toEqual(["example.com/greet@v1.0.0 ok", "example.com/legacy@v2.1.0+incompatible damaged"]);
    expect(await go.cache.list()).toEqual([{ module: "example.com/greet", version: "v1.0.0" }]);
  });
});

describe("version queries agree with the go command", () => {
  let where: GoWhere;
  beforeAll(() => {
    requireGo();
    where = isolatedGoEnv(registry.goproxy, registry.gosumdb);
  });
  afterAll(() => cleanup(where));

  const cases = [
    "example.com/greet@latest",
    "example.com/greet@v1",
    "example.com/greet@v1.1", // only v1.1.0 matches, and it is retracted: both refuse
    "example.com/greet@<v1.2.0",
    "example.com/greet@>v1.0.0",
    "example.com/greet@>=v1.0.0",
    "example.com/greet/v2@latest",
    "example.com/hello@latest",
    "example.com/hello@<=v1.0.0",
    "example.com/legacy@latest",
    "example.com/legacy@v1",
    "example.com/mathx@latest",
    "example.com/mathx@v0.1",
  ];
  it.each(cases)("%s", async (arg) => {
    const at = arg.lastIndexOf("@");
    const ours = await modules(registry).resolve(arg.slice(0, at), arg.slice(at + 1)).catch((e: unknown) => e);
    const run = await runGo(["list", "-m", "-json", arg], where);
    if (run.code !== 0) {
      // Where the go command finds nothing, so do we.
      expect(run.stderr).toContain("no matching versions");
      expect(ours).toMatchObject({ code: "M074_QUERY_E003" });
      return;
    }
    expect(ours).toMatchObject({ version: JSON.parse(run.stdout).Version });
  });
});
