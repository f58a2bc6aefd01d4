// The fixture Mochi registry over a real socket (host-node/src/mochi-registry.ts):
// what it serves and how (status codes, types, caching headers, ETags),
// determinism, the client's checks, resolution end to end of the fixture
// workspace, the capability-delta scenario of MEP-57 phase 4, the
// `serve --fixtures` additions, and the host's codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { MochiError, hexEncode, type Hashing } from "../../core/src/index.js";
import { auditCapabilities, newCapabilities } from "../../core/src/lockfile/check.js";
import { parseLock } from "../../core/src/lockfile/read.js";
import type { Lockfile } from "../../core/src/lockfile/schema.js";
import { writeLock } from "../../core/src/lockfile/write.js";
import { manifestHash } from "../../core/src/manifest/canonical.js";
import { parseManifest } from "../../core/src/manifest/parse.js";
import { parse as parseMochi } from "../../core/src/mochi/parser.js";
import { archivePath, formatIndexFile, indexPath, indexSnapshot, parseIndexFile, type IndexEntry } from "../../core/src/registry/index.js";
import type { Io } from "../../host-node/src/cli.js";
import { serve } from "../../host-node/src/commands/serve.js";
import { HttpClient } from "../../host-node/src/http.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import {
  MochiRegistryClient,
  buildMochiRegistry,
  defaultMochiRegistryRoot,
  resolveMochiDependencies,
  startMochiRegistry,
  type MochiDependencies,
  type MochiRegistryServer,
} from "../../host-node/src/mochi-registry.js";
import { repoRoot } from "../vectors.js";

const root = join(repoRoot, "fixtures/registry");
const workspaceDir = join(root, "workspace");
let hashing: Hashing;
let server: MochiRegistryServer;
const temps: string[] = [];
const clients: MochiRegistryClient[] = [];

beforeAll(async () => {
  hashing = await nodeHashing();
  server = await startMochiRegistry({ hashing });
});
afterAll(async () => {
  await server?.close();
  for (const c of clients) await c.close();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function client(url = server.url, http?: HttpClient): MochiRegistryClient {
  const c = new MochiRegistryClient(url, { hashing, ...(http === undefined ? {} : { http }) });
  clients.push(c);
  return c;
}

async function get(path: string, init?: RequestInit, base = server.url): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(`${base}/${path}`, init);
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function codeOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (e) {
    if (e instanceof MochiError) return e.code;
    throw e;
  }
  return undefined;
}

function fixtureCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "mochi-registry-"));
  temps.push(dir);
  cpSync(root, dir, { recursive: true });
  return dir;
}

const b3 = (bytes: Uint8Array): string => `blake3-256:${hexEncode(hashing.digest("blake3", bytes))}`;

/** Every package version directory under fixtures/registry/packages, as name@version. */
function fixtureVersions(): string[] {
  const out: string[] = [];
  const packages = join(root, "packages");
  for (const scope of readdirSync(packages)) {
    for (const name of readdirSync(join(packages, scope))) for (const v of readdirSync(join(packages, scope, name))) out.push(`${scope}/${name}@${v}`);
  }
  return out.sort();
}

describe("the fixture registry", () => {
  it("serves every fixture version: ~8 packages, a yanked one, a prerelease, a platform-specific pair", () => {
    const ids = server.registry.packages.map((p) => `${p.name}@${p.version}`);
    expect([...ids].sort()).toEqual(fixtureVersions());
    expect(new Set(server.registry.packages.map((p) => p.name)).size).toBe(8);
    expect(server.registry.packages.filter((p) => p.yanked).map((p) => `${p.name}@${p.version}`)).toEqual(["@fx/log@1.1.0"]);
    expect(server.name).toBe("fixtures.mochi.test");
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
  });

  it("serves config.json, revalidated", async () => {
    const r = await get("config.json");
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('{"v":1,"name":"fixtures.mochi.test"}\n');
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.headers.get("cache-control")).toBe("no-cache");
  });

  it("serves the canonical index file of each package at its sharded path", async () => {
    for (const name of new Set(server.registry.packages.map((p) => p.name))) {
      const r = await get(indexPath(name));
      expect(r.status, name).toBe(200);
      expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(r.headers.get("cache-control")).toBe("no-cache");
      const entries = parseIndexFile(name, r.body);
      expect(r.body.toString()).toBe(formatIndexFile(entries));
      expect(entries.map((e) => e.version)).toEqual(server.registry.packages.filter((p) => p.name === name).map((p) => p.version));
    }
  });

  it("serves the index of @fx/log as pinned (yanked 1.1.0, the prerelease with its capability)", async () => {
    const log = (await get("index/@fx/3/l/log")).body.toString();
    const hash = (v: string): string => server.registry.packages.find((p) => p.name === "@fx/log" && p.version === v)!.entry.blake3;
    expect(log).toBe(
      `{"name":"@fx/log","version":"1.0.0","dependencies":{},"capabilities":[],"blake3":"${hash("1.0.0")}","yanked":false}\n` +
        `{"name":"@fx/log","version":"1.1.0","dependencies":{},"capabilities":[],"blake3":"${hash("1.1.0")}","yanked":true}\n` +
        `{"name":"@fx/log","version":"1.2.0-beta.1","dependencies":{},"capabilities":["env"],"blake3":"${hash("1.2.0-beta.1")}","yanked":false}\n`,
    );
  });

  it("derives each index line from the version's mochi.toml", () => {
    const http2 = server.registry.packages.find((p) => p.name === "@fx/http" && p.version === "2.0.0")!.entry;
    expect([...http2.dependencies]).toEqual([
      ["@fx/json", { req: "^1.10", optional: false }],
      ["@fx/log", { req: "~1.0", optional: false }],
      ["@fx/yaml", { req: "^1.0", optional: true }],
    ]);
    expect([...http2.features]).toEqual([
      ["default", ["yaml"]],
      ["yaml", ["dep:@fx/yaml"]],
    ]);
    expect(http2.capabilities).toEqual(["net.dial", "net.listen"]);
    expect(server.registry.packages.find((p) => p.name === "@fx/sys-c")!.entry.targets).toEqual(["c"]);
  });

  it("serves archives that hash to the index's BLAKE3, immutable, and that tar unpacks to the version's files", async () => {
    for (const p of server.registry.packages) {
      const r = await get(archivePath(p.name, p.version));
      expect(r.status).toBe(200);
      expect(b3(r.body)).toBe(p.entry.blake3);
      expect(r.headers.get("content-type")).toBe("application/x-tar");
      expect(r.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    }
    const p = server.registry.packages.find((x) => x.name === "@fx/http" && x.version === "2.0.0")!;
    const dir = mkdtempSync(join(tmpdir(), "mochi-archive-"));
    temps.push(dir);
    writeFileSync(join(dir, "a.tar"), p.archive);
    execFileSync("tar", ["-xf", join(dir, "a.tar"), "-C", dir]);
    expect(readFileSync(join(dir, "http-2.0.0/mochi.toml"))).toEqual(readFileSync(join(root, "packages/@fx/http/2.0.0/mochi.toml")));
    expect(readFileSync(join(dir, "http-2.0.0/src/lib.mochi"))).toEqual(readFileSync(join(root, "packages/@fx/http/2.0.0/src/lib.mochi")));
  });

  it("answers If-None-Match with 304, HEAD without a body, other methods with 405, unknown paths with 404", async () => {
    const first = await get(indexPath("@fx/json"));
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await get(indexPath("@fx/json"), { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get(indexPath("@fx/json"), { headers: { "if-none-match": '"other"' } })).status).toBe(200);
    const head = await get("config.json", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.get("content-length")).toBe("37");
    const post = await get("config.json", { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect((await get("index/@fx/no/pe/nope")).status).toBe(404);
    expect((await get("packages/@fx/log/log-9.9.9.tar")).status).toBe(404);
    expect((await get("%E0%A4%A")).status).toBe(400);
  });

  it("is byte-identical across builds and both hashings", async () => {
    const a = await buildMochiRegistry(defaultMochiRegistryRoot(), hashing);
    const b = await buildMochiRegistry(defaultMochiRegistryRoot(), await kernelsHashing());
    expect([...a.files.keys()]).toEqual([...b.files.keys()]);
    for (const [path, body] of a.files) expect(Buffer.from(body).equals(Buffer.from(b.files.get(path)!)), path).toBe(true);
    expect([...a.files.keys()]).toEqual([...server.registry.files.keys()]);
  });

  it("pins one archive's BLAKE3 and a digest of every served file (byte identity on every platform)", () => {
    // Changing a fixture file changes these on purpose: update them with the fixture.
    expect(server.registry.packages.find((p) => p.name === "@fx/log" && p.version === "1.0.0")!.entry.blake3).toBe(
      "blake3-256:f0cd0db9797b1aa07995e786809b0e23e9ad17eef93e415121ac8a3d4ec870e3",
    );
    expect(indexSnapshot(new Map(server.registry.files), hashing)).toBe("blake3-256:dbc65512f2a8d003c3e453d79153b5ca5c3c04b29b2eed474de50a1deccce86c");
  });

  it("holds Mochi sources that parse without diagnostics", () => {
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".mochi")) sources.push(p);
      }
    };
    walk(join(root, "packages"));
    expect(sources.length).toBe(fixtureVersions().length);
    for (const s of sources) expect(parseMochi(readFileSync(s, "utf8")).diagnostics, relative(root, s)).toEqual([]);
  });

  it("leaves out and yanks versions on request (a registry that moved on)", async () => {
    const moved = await buildMochiRegistry(root, hashing, { omit: ["@fx/json@1.11.0"], yank: ["@fx/strings@0.4.6"] });
    const json = parseIndexFile("@fx/json", moved.files.get(indexPath("@fx/json"))!);
    expect(json.map((e) => e.version)).toEqual(["1.9.0", "1.10.0"]);
    expect(parseIndexFile("@fx/strings", moved.files.get(indexPath("@fx/strings"))!).find((e) => e.version === "0.4.6")!.yanked).toBe(true);
    expect(moved.files.has(archivePath("@fx/json", "1.11.0"))).toBe(false);
  });
});

describe("the client", () => {
  it("reads config.json and index files (null for a package the registry does not have), each once", async () => {
    const c = client();
    expect(await c.config()).toEqual({ name: "fixtures.mochi.test" });
    const [a, b] = await Promise.all([c.index("@fx/json"), c.index("@fx/json")]);
    expect(a).toBe(b);
    expect(a!.entries.map((e) => e.version)).toEqual(["1.9.0", "1.10.0", "1.11.0"]);
    expect(await c.index("@fx/nope")).toBeNull();
  });

  it("snapshots what it read, the same for the same reads", async () => {
    const [c1, c2] = [client(), client(`${server.url}/`)];
    for (const c of [c1, c2]) {
      await c.index("@fx/nope");
      await c.index("@fx/json");
    }
    expect(await c1.snapshot()).toBe(await c2.snapshot());
    await c2.index("@fx/log");
    expect(await c1.snapshot()).not.toBe(await c2.snapshot());
  });

  it("downloads archives and checks their BLAKE3", async () => {
    const c = client();
    const entry = (await c.index("@fx/yaml"))!.entries[0]!;
    const bytes = await c.archive(entry);
    expect(b3(bytes)).toBe(entry.blake3);
  });

  it("refuses an archive with other bytes than the index says (M057_REGISTRY_E020)", async () => {
    const bad = await startMochiRegistry({ hashing, tamperArchive: "@fx/yaml@1.0.0" });
    try {
      const c = client(bad.url);
      const entry = (await c.index("@fx/yaml"))!.entries[0]!;
      expect(await codeOf(() => c.archive(entry))).toBe("M057_REGISTRY_E020");
      expect(b3(await c.archive((await c.index("@fx/yaml"))!.entries[1]!))).toBe((await c.index("@fx/yaml"))!.entries[1]!.blake3);
    } finally {
      await bad.close();
    }
  });

  it("refuses an indexed version whose archive is missing (M057_REGISTRY_E021)", async () => {
    const moved = await startMochiRegistry({ hashing, omit: ["@fx/yaml@1.0.0"] });
    try {
      const entry: Pick<IndexEntry, "name" | "version" | "blake3"> = (await client().index("@fx/yaml"))!.entries[0]!;
      expect(await codeOf(() => client(moved.url).archive(entry))).toBe("M057_REGISTRY_E021");
    } finally {
      await moved.close();
    }
  });

  it("fails with M057_INDEX_E004 on an unexpected status or an unreachable registry", async () => {
    const answers = createServer((req, res) => {
      res.writeHead(req.url === "/config.json" ? 403 : 500);
      res.end("no");
    });
    await new Promise<void>((r) => answers.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(answers.address() as AddressInfo).port}`;
    try {
      const http = new HttpClient({ attempts: 2, backoffMs: 1 });
      const c = client(url, http);
      expect(await codeOf(() => c.config())).toBe("M057_INDEX_E004");
      expect(await codeOf(() => c.index("@fx/json"))).toBe("M057_INDEX_E004");
      expect(await codeOf(() => c.archive({ name: "@fx/json", version: "1.0.0", blake3: "x" }))).toBe("M057_INDEX_E004");
      await http.close();
    } finally {
      await new Promise<void>((r) => answers.close(() => r()));
    }
  });
});

describe("resolution end to end", () => {
  const rootManifest = parseManifest(readFileSync(join(workspaceDir, "mochi.toml")));
  const members = ["app", "parser"].map((path) => ({ path, manifest: parseManifest(readFileSync(join(workspaceDir, path, "mochi.toml")), { file: `${path}/mochi.toml` }) }));

  const lockOf = (deps: MochiDependencies): Lockfile => ({
    version: 1,
    mochi: "0.11.0",
    manifest: "mochi.toml",
    manifestHash: manifestHash(rootManifest, hashing, members),
    platforms: deps.platforms,
    packages: deps.packages,
    goPackages: [],
    capabilitiesSeen: deps.capabilitiesSeen,
    provenance: { solverSeed: "fixture", registryEtag: deps.registryEtag, sigstoreVerifiedCount: 0, sigstoreUnverified: [] },
  });

  it("resolves the fixture workspace against the served registry", async () => {
    const deps = await resolveMochiDependencies({ root: rootManifest, members, client: client(), rootDir: workspaceDir });
    const byName = Object.fromEntries(deps.packages.map((p) => [p.name, p]));
    expect(Object.fromEntries(deps.packages.map((p) => [p.name, `${p.version} ${p.source}`]))).toEqual({
      "@fx/http": "1.0.0 registry:fixtures.mochi.test",
      "@fx/json": "1.11.0 registry:fixtures.mochi.test",
      "@fx/log": "1.0.0 registry:fixtures.mochi.test",
      "@fx/strings": "0.4.7 registry:fixtures.mochi.test",
      "@fx/sys": "1.0.0 registry:fixtures.mochi.test",
      "@fx/sys-c": "1.0.0 registry:fixtures.mochi.test",
      "@fx/sys-js": "1.0.0 registry:fixtures.mochi.test",
      "@ws/app": "0.1.0 workspace",
      "@ws/parser": "0.2.0 workspace",
      "@ws/util": "0.0.1 path:vendor/util",
    });
    for (const p of deps.packages.filter((x) => x.source.startsWith("registry:"))) {
      expect(p.blake3).toBe(server.registry.packages.find((x) => x.name === p.name && x.version === p.version)!.entry.blake3);
    }
    expect(byName["@ws/app"]!.dependencies).toEqual(
      new Map([
        ["@fx/http", "1.0.0"],
        ["@fx/sys", "1.0.0"],
        ["@ws/parser", "0.2.0"],
        ["@ws/util", "0.0.1"],
      ]),
    );
    expect(byName["@ws/parser"]).toMatchObject({ path: "parser", capabilities: ["fs.read"] });
    expect(deps.platforms.length).toBe(10);
    const c = [0, 2, 4, 6, 8];
    const ts = [1, 3, 5, 7, 9];
    expect(deps.platforms.filter((_, i) => c.includes(i)).every((p) => p.target === "c")).toBe(true);
    expect(byName["@fx/sys-c"]!.platforms).toEqual(c);
    expect(byName["@fx/sys-js"]!.platforms).toEqual(ts);
    expect(byName["@ws/parser"]!.platforms).toEqual(ts);
    expect(byName["@fx/json"]!.platforms).toEqual([...Array(10).keys()]);
    expect(deps.capabilitiesSeen).toEqual(
      new Map([
        ["@fx/http", ["net.dial"]],
        ["@fx/json", ["fs.read", "net.dial"]],
        ["@fx/sys-c", ["ffi"]],
        ["@ws/parser", ["fs.read"]],
      ]),
    );
    expect(deps.registryEtag).toMatch(/^blake3-256:[0-9a-f]{64}$/);

    // Straight into a lockfile, which round-trips; a second run gives the same bytes.
    const text = writeLock(lockOf(deps));
    expect(parseLock(text)).toEqual(parseLock(writeLock(parseLock(text))));
    const again = await resolveMochiDependencies({ root: rootManifest, members, client: client(), rootDir: workspaceDir });
    expect(writeLock(lockOf(again))).toBe(text);
  });

  it("reports a missing path dependency manifest (M057_REGISTRY_E025)", async () => {
    const code = await codeOf(() => resolveMochiDependencies({ root: rootManifest, members, client: client(), rootDir: join(workspaceDir, "app") }));
    expect(code).toBe("M057_REGISTRY_E025");
  });

  it("raises the capability delta of an update (M057_LOCK_E006), keeping the lock on a plain re-lock", async () => {
    const appOnly = parseManifest('[package]\nname = "@ws/app"\nversion = "0.1.0"\n\n[dependencies]\n"@fx/json" = "^1.9"\n');
    // Locked while 1.11.0 was not published yet.
    const before = await startMochiRegistry({ hashing, omit: ["@fx/json@1.11.0"] });
    let old: Lockfile;
    try {
      const first = await resolveMochiDependencies({ root: appOnly, client: client(before.url) });
      old = auditCapabilities(undefined, lockOf(first), false);
      expect(first.packages.find((p) => p.name === "@fx/json")!.version).toBe("1.10.0");
      expect(old.capabilitiesSeen.get("@fx/json")).toEqual(["fs.read"]);
      // The registry moved on: the snapshot differs.
      const moved = await resolveMochiDependencies({ root: appOnly, client: client() });
      expect(moved.registryEtag).not.toBe(first.registryEtag);
    } finally {
      await before.close();
    }
    // `lock` keeps 1.10.0; `update` takes 1.11.0, which newly requires net.dial.
    const relock = await resolveMochiDependencies({ root: appOnly, client: client(), lock: old });
    expect(relock.packages.find((p) => p.name === "@fx/json")!.version).toBe("1.10.0");
    const updated = await resolveMochiDependencies({ root: appOnly, client: client(), lock: old, unlock: true });
    expect(updated.packages.find((p) => p.name === "@fx/json")!.version).toBe("1.11.0");
    const fresh = lockOf(updated);
    expect(newCapabilities(old, fresh).map((d) => `${d.name} ${d.version} ${d.capability} ${JSON.stringify(d.seen)}`)).toEqual(['@fx/json 1.11.0 net.dial ["fs.read"]']);
    const e = (() => {
      try {
        auditCapabilities(old, fresh, false);
      } catch (err) {
        return err as MochiError;
      }
      return undefined;
    })();
    expect(e?.code).toBe("M057_LOCK_E006");
    expect(e?.detail).toBe('@fx/json 1.11.0 newly requires capability "net.dial"; previously seen: ["fs.read"]');
    expect(auditCapabilities(old, fresh, true).capabilitiesSeen.get("@fx/json")).toEqual(["fs.read", "net.dial"]);
  });

  it("explains the fixture's incompatible diamond", async () => {
    const clash = parseManifest('[package]\nname = "@ws/app"\nversion = "0.1.0"\n\n[dependencies]\n"@fx/yaml" = "=1.1.0"\n"@fx/json" = "^1.9"\n');
    const e = await (async () => {
      try {
        await resolveMochiDependencies({ root: clash, client: client() });
      } catch (err) {
        return err as MochiError;
      }
      return undefined;
    })();
    expect(e?.code).toBe("M057_SOLVER_E002");
    expect(e?.detail).toContain("no version of @fx/strings satisfies every requirement on it:\n  ^0.5 from @ws/app -> @fx/yaml 1.1.0\n  ^0.4 from @ws/app -> @fx/json 1.11.0\n");
    // With yaml free to move, backtracking finds the compatible 1.0.0.
    const ok = parseManifest('[package]\nname = "@ws/app"\nversion = "0.1.0"\n\n[dependencies]\n"@fx/yaml" = "^1"\n"@fx/json" = "^1.9"\n');
    const deps = await resolveMochiDependencies({ root: ok, client: client() });
    expect(deps.packages.find((p) => p.name === "@fx/yaml")!.version).toBe("1.0.0");
  });

  it("keeps a locked yanked version, and names a missing package (M057_REGISTRY_E022)", async () => {
    const m = parseManifest('[package]\nname = "a"\nversion = "0.1.0"\n\n[dependencies]\n"@fx/log" = "^1"\n');
    const yankedLock = { packages: [{ name: "@fx/log", version: "1.1.0", source: "registry:fixtures.mochi.test", capabilities: [], dependencies: new Map(), platforms: [] }] };
    const deps = await resolveMochiDependencies({ root: m, client: client(), lock: yankedLock });
    expect(deps.packages.find((p) => p.name === "@fx/log")).toMatchObject({ version: "1.1.0", yanked: true });
    const ghost = parseManifest('[package]\nname = "a"\nversion = "0.1.0"\n\n[dependencies]\n"@fx/ghost" = "^1"\n');
    expect(await codeOf(() => resolveMochiDependencies({ root: ghost, client: client() }))).toBe("M057_REGISTRY_E022");
  });
});

describe("building from a registry directory: errors", () => {
  it("cannot read a missing directory or a malformed yanked.json (M057_INDEX_E001)", async () => {
    expect(await codeOf(() => buildMochiRegistry(join(tmpdir(), "no-such-mochi-registry"), hashing))).toBe("M057_INDEX_E001");
    const dir = fixtureCopy();
    writeFileSync(join(dir, "yanked.json"), "[");
    expect(await codeOf(() => buildMochiRegistry(dir, hashing))).toBe("M057_INDEX_E001");
    writeFileSync(join(dir, "yanked.json"), '{"@fx/log":"1.1.0"}');
    expect(await codeOf(() => buildMochiRegistry(dir, hashing))).toBe("M057_INDEX_E001");
  });

  it("refuses a malformed config.json (M057_REGISTRY_E015)", async () => {
    const dir = fixtureCopy();
    writeFileSync(join(dir, "config.json"), '{"name":"not a host"}');
    expect(await codeOf(() => buildMochiRegistry(dir, hashing))).toBe("M057_REGISTRY_E015");
  });

  it("refuses a version directory holding another version, or no mochi.toml (M057_REGISTRY_E027)", async () => {
    const dir = fixtureCopy();
    renameSync(join(dir, "packages/@fx/log/1.0.0"), join(dir, "packages/@fx/log/1.0.1"));
    expect(await codeOf(() => buildMochiRegistry(dir, hashing))).toBe("M057_REGISTRY_E027");
    const other = fixtureCopy();
    rmSync(join(other, "packages/@fx/log/1.0.0/mochi.toml"));
    expect(await codeOf(() => buildMochiRegistry(other, hashing))).toBe("M057_REGISTRY_E027");
  });

  it("refuses yanking, omitting or tampering with a version it does not have (M057_REGISTRY_E028)", async () => {
    const dir = fixtureCopy();
    writeFileSync(join(dir, "yanked.json"), '["@fx/log@7.0.0"]');
    expect(await codeOf(() => buildMochiRegistry(dir, hashing))).toBe("M057_REGISTRY_E028");
    expect(await codeOf(() => buildMochiRegistry(root, hashing, { omit: ["@fx/log"] }))).toBe("M057_REGISTRY_E028");
    expect(await codeOf(() => buildMochiRegistry(root, hashing, { yank: ["@fx/nope@1.0.0"] }))).toBe("M057_REGISTRY_E028");
    expect(await codeOf(() => startMochiRegistry({ hashing, tamperArchive: "@fx/log@9.0.0" }))).toBe("M057_REGISTRY_E028");
  });

  it("refuses a package version whose mochi.toml cannot be published (M057_REGISTRY_E017)", async () => {
    const dir = fixtureCopy();
    const toml = join(dir, "packages/@fx/log/1.0.0/mochi.toml");
    writeFileSync(toml, `${readFileSync(toml, "utf8")}\n[dependencies]\n"@fx/local" = { path = "../local" }\n`);
    expect(await codeOf(() => buildMochiRegistry(dir, hashing))).toBe("M057_REGISTRY_E017");
  });

  it("refuses two directories with one version by precedence (M057_REGISTRY_E007)", async () => {
    const dir = fixtureCopy();
    cpSync(join(dir, "packages/@fx/log/1.0.0"), join(dir, "packages/@fx/log/1.0.0+build.1"), { recursive: true });
    const toml = join(dir, "packages/@fx/log/1.0.0+build.1/mochi.toml");
    writeFileSync(toml, readFileSync(toml, "utf8").replace('version = "1.0.0"', 'version = "1.0.0+build.1"'));
    expect(await codeOf(() => buildMochiRegistry(dir, hashing))).toBe("M057_REGISTRY_E007");
  });

  it("cannot listen on a port in use (M074_FIXTURE_E006)", async () => {
    const port = Number(new URL(server.url).port);
    expect(await codeOf(() => startMochiRegistry({ hashing, port }))).toBe("M074_FIXTURE_E006");
  });
});

describe("mochi-pkg serve --fixtures", () => {
  function capture(): { io: Io; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd: repoRoot }, out, err };
  }

  it("also serves the Mochi registry and prints MOCHI_REGISTRY and its packages", async () => {
    const { io, out } = capture();
    let url = "";
    await serve(["--fixtures"], io, async () => {
      const lines = out.join("").split("\n");
      const exp = lines.map((l) => /^export MOCHI_REGISTRY='(http:\/\/127\.0\.0\.1:[0-9]+)'$/.exec(l)).find((m) => m !== null);
      expect(exp).toBeDefined();
      url = exp![1]!;
      expect(lines).toContain(`# mochi-pkg fixture Mochi package registry fixtures.mochi.test at ${url}`);
      expect(lines).toContain("# - @fx/log 1.0.0, 1.1.0 (yanked), 1.2.0-beta.1");
      expect(lines.filter((l) => l.startsWith("# - ")).length).toBe(8);
      const deps = await resolveMochiDependencies({ root: parseManifest('[package]\nname = "a"\nversion = "0.1.0"\n\n[dependencies]\n"@fx/sys" = "1"\n'), client: client(url) });
      expect(deps.packages.map((p) => p.name)).toEqual(["@fx/sys", "@fx/sys-c", "@fx/sys-js", "a"]);
      return "SIGTERM";
    });
    await expect(fetch(`${url}/config.json`)).rejects.toThrow();
  });

  it("adds mochiRegistry to the --json output", async () => {
    const { io, out } = capture();
    await serve(["--fixtures", "--json"], io, async () => {
      const info = JSON.parse(out.join(""));
      expect(info.mochiRegistry.name).toBe("fixtures.mochi.test");
      expect(info.mochiRegistry.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
      expect(info.mochiRegistry.packages).toEqual(server.registry.packages.map((p) => ({ name: p.name, version: p.version, yanked: p.yanked, blake3: p.entry.blake3 })));
      expect((await get("config.json", undefined, info.mochiRegistry.url)).status).toBe(200);
    });
  });
});
