// The embedded fixture registry over a real socket: every GOPROXY and
// checksum-database endpoint, status codes and content types, escaping,
// determinism, tiles against an independently built log, signed heads,
// tampering, the serve command, and every M074_FIXTURE_* code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MochiError, utf8Decode, utf8Encode, type Hashing } from "../../core/src/index.js";
import { hashGoMod, hashZip } from "../../core/src/go/dirhash.js";
import { generateKey, newVerifier, openNote, verifierList } from "../../core/src/go/note.js";
import {
  HashStore, newTiles, parseDataTile, parseRecord, parseTilePath, parseTree, readTileData, storedHashIndex, tileHashReader, tilePath, treeHash,
  type Tile, type Tree,
} from "../../core/src/go/tlog.js";
import { unzip } from "../../core/src/go/zip.js";
import { UsageError, type Io } from "../../host-node/src/cli.js";
import { command, serve } from "../../host-node/src/commands/serve.js";
import {
  FIXTURE_KEY_SEED_TEXT, FIXTURE_SUMDB_NAME, buildFixtureRegistry, defaultFixturesRoot, recordText, startFixtureRegistry, type FixtureServer,
} from "../../host-node/src/fixture-registry.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import { repoRoot } from "../vectors.js";
import { FIXTURE_COUNT, FIXTURE_EDGE_TILE } from "../support/fixtures.js";

const fixtures = join(repoRoot, "fixtures");
const listing = JSON.parse(readFileSync(join(fixtures, "modules/modules.json"), "utf8")) as {
  modules: { path: string; version: string; time: string }[];
};
const vkeyFile = readFileSync(join(fixtures, "sumdb/fixture.vkey"), "utf8");
const skeyFile = readFileSync(join(fixtures, "sumdb/fixture.skey"), "utf8");

let hashing: Hashing;
let server: FixtureServer;
const temps: string[] = [];

beforeAll(async () => {
  hashing = await nodeHashing();
  server = await startFixtureRegistry({ hashing });
});
afterAll(async () => {
  await server?.close();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

interface Got {
  status: number;
  type: string | null;
  body: Uint8Array;
  text: string;
}

async function get(path: string, base = server.url, init?: RequestInit): Promise<Got> {
  const res = await fetch(base + path, init);
  const body = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get("content-type"), body, text: Buffer.from(body).toString("utf8") };
}

const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

/** The files of a fixture version directory, relative paths sorted. */
function fixtureFiles(path: string, version: string): Map<string, Buffer> {
  const dir = join(fixtures, "modules", path, "@v", version);
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const full = join(dir, name);
    try {
      out.set(name.split("\\").join("/"), readFileSync(full));
    } catch {
      // a directory
    }
  }
  return out;
}

/** The log rebuilt here from the go.sum lines, independently of the registry's own store. */
function independentLog(h: Hashing): { store: HashStore; texts: string[] } {
  const store = new HashStore(h);
  const texts = server.modules.map((m) => recordText(m.path, m.version, m.zipHash, m.modHash));
  for (const t of texts) store.append(utf8Encode(t));
  return { store, texts };
}

const knownKeys = () => verifierList(newVerifier(vkeyFile.trim(), hashing));

function openHead(note: string): Tree {
  return parseTree(openNote(note, knownKeys()).text);
}

describe("fixture key pair", () => {
  it("is generateKey of SHA-256 of the documented seed text, with both hashings", async () => {
    for (const h of [hashing, await kernelsHashing()]) {
      const seed = h.digest("sha256", utf8Encode(FIXTURE_KEY_SEED_TEXT));
      const { signerKey, verifierKey } = generateKey(seed, FIXTURE_SUMDB_NAME, h);
      expect(skeyFile).toBe(`${signerKey}\n`);
      expect(vkeyFile).toBe(`${verifierKey}\n`);
    }
    expect(vkeyFile).toBe("sum.mochi.test+d5b8ef1a+AaG/q+/aSi6WM3Of/2n+gzRlBKO/AiKZIftSzF2LbcQs\n");
    expect(server.verifierKey).toBe(vkeyFile.trim());
    expect(server.gosumdb).toBe(`${vkeyFile.trim()} ${server.url}`);
    expect(server.goproxy).toBe(server.url);
    expect(server.name).toBe("sum.mochi.test");
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
  });
});

describe("GOPROXY endpoints", () => {
  it("has every listed version in the order of modules.json, with record ids in that order", () => {
    expect(server.modules.map((m) => [m.path, m.version, m.time])).toEqual(listing.modules.map((m) => [m.path, m.version, m.time]));
    expect(server.modules.map((m) => m.recordId)).toEqual(listing.modules.map((_, i) => i));
  });

  it.each(listing.modules)("serves .info, .mod and .zip of $path@$version", async ({ path, version, time }) => {
    const m = server.modules.find((x) => x.path === path && x.version === version)!;
    const files = fixtureFiles(path, version);

    const info = await get(`/${path}/@v/${version}.info`);
    expect([info.status, info.type]).toEqual([200, JSON_TYPE]);
    expect(info.text).toBe(`{"Version":"${version}","Time":"${time}"}`);

    const mod = await get(`/${path}/@v/${version}.mod`);
    expect([mod.status, mod.type]).toEqual([200, TEXT]);
    const goMod = files.get("go.mod");
    expect(mod.text).toBe(goMod === undefined ? `module ${path}\n` : goMod.toString("utf8"));
    expect(hashGoMod(mod.body, hashing)).toBe(m.modHash);

    const zip = await get(`/${path}/@v/${version}.zip`);
    expect([zip.status, zip.type]).toEqual([200, "application/zip"]);
    expect(zip.body).toEqual(m.zip);
    expect(hashZip(zip.body, hashing)).toBe(m.zipHash);
    const entries = unzip(path, version, zip.body);
    expect(entries.map((e) => e.name)).toEqual([...files.keys()].sort().map((f) => `${path}@${version}/${f}`));
    for (const e of entries) expect(Buffer.from(e.read())).toEqual(files.get(e.path));
  });

  it("lists each module's versions in semver order", async () => {
    const expected: Record<string, string> = {
      "example.com/greet": "v1.0.0\nv1.1.0\nv1.2.0\n",
      "example.com/greet/v2": "v2.0.0\n",
      "example.com/hello": "v1.0.0\nv1.1.0\n",
      "example.com/legacy": "v1.0.0\nv2.1.0+incompatible\n",
      "example.com/mathx": "v0.1.0\nv0.2.0\n",
      "example.com/deep": "v1.0.0\n",
      "example.com/left": "v1.0.0\n",
      "example.com/right": "v1.0.0\n",
    };
    expect(new Set(listing.modules.map((m) => m.path))).toEqual(new Set(Object.keys(expected)));
    for (const [path, body] of Object.entries(expected)) {
      const list = await get(`/${path}/@v/list`);
      expect([list.status, list.type, list.text]).toEqual([200, TEXT, body]);
    }
  });

  it("answers @latest with the .info of the highest release", async () => {
    const latest = async (path: string) => {
      const r = await get(`/${path}/@latest`);
      expect([r.status, r.type]).toEqual([200, JSON_TYPE]);
      return JSON.parse(r.text).Version as string;
    };
    expect(await latest("example.com/greet")).toBe("v1.2.0");
    expect(await latest("example.com/greet/v2")).toBe("v2.0.0");
    expect(await latest("example.com/legacy")).toBe("v2.1.0+incompatible");
    expect(await latest("example.com/mathx")).toBe("v0.2.0");
  });

  it.each([
    "/example.com/nothere/@v/list",
    "/example.com/nothere/@latest",
    "/example.com/greet/@v/v9.9.9.info",
    "/example.com/greet/@v/v9.9.9.mod",
    "/example.com/greet/@v/v9.9.9.zip",
    "/example.com/greet/@v/master.info",
    "/example.com/greet/@v/v1.0.txt",
    "/example.com/greet/@v/",
    "/example.com/greet/v3/@v/list",
    "/example.com/!greet/@v/list",
    "/example.com/%21greet/@v/list",
    "/",
    "/favicon.ico",
    "/@v/list",
  ])("404 for %s", async (path) => {
    const r = await get(path);
    expect([r.status, r.type]).toEqual([404, TEXT]);
    expect(r.text).toMatch(/^not found: /);
  });

  it("un-escapes !-escaped paths after percent-decoding (the go command sends ! as %21)", async () => {
    expect((await get("/example.com/!greet/@v/list")).text).toBe("not found: module example.com/Greet is not in the fixture registry\n");
    expect((await get("/example.com/%21greet/@v/list")).text).toBe("not found: module example.com/Greet is not in the fixture registry\n");
    const plus = await get("/example.com/legacy/@v/v2.1.0%2Bincompatible.info");
    expect([plus.status, plus.text]).toEqual([200, '{"Version":"v2.1.0+incompatible","Time":"2025-09-01T10:00:00Z"}']);
    expect((await get("/example.com%2Fgreet/@v/list")).text).toBe("v1.0.0\nv1.1.0\nv1.2.0\n");
  });

  it.each([
    ["/example.com/Greet/@v/list", "upper case not !-escaped"],
    ["/example.com/greet!/@v/list", "trailing !"],
    ["/example.com/gr%zzeet/@v/list", "malformed percent-escape"],
    ["/example.com/greet/@v/v1.0.0-A.info", "upper-case version not !-escaped"],
    ["/lookup/example.com/greet@latest", "lookup of a query"],
    ["/lookup/example.com/Greet@v1.0.0", "lookup of an unescaped path"],
    ["/lookup/example.com/greet", "lookup without a version"],
    ["/tile/8/0/0001", "tile number not in 3-digit groups"],
    ["/tile/8/0/000.p/256", "partial tile as wide as a full one"],
    ["/tile/8/0/000.p/0", "empty partial tile"],
    ["/tile/8/x/000", "tile level not a number"],
    ["/sumdb/sum.mochi.test/tile/8/0/x000/000", "tile number with a leading zero group"],
  ])("400 for %s (%s)", async (path) => {
    const r = await get(path);
    expect([r.status, r.type]).toEqual([400, TEXT]);
    expect(r.text).toMatch(/^bad request: /);
  });

  it("answers HEAD without a body and refuses other methods", async () => {
    const head = await get("/example.com/greet/@v/v1.0.0.zip", server.url, { method: "HEAD" });
    const m = server.modules.find((x) => x.path === "example.com/greet" && x.version === "v1.0.0")!;
    expect([head.status, head.type, head.body.length]).toEqual([200, "application/zip", 0]);
    const res = await fetch(`${server.url}/example.com/greet/@v/v1.0.0.zip`, { method: "HEAD" });
    expect(res.headers.get("content-length")).toBe(String(m.zip.length));
    const post = await fetch(`${server.url}/latest`, { method: "POST", body: "x" });
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET, HEAD"]);
  });
});

describe("checksum database endpoints", () => {
  const bases = ["", "/sumdb/sum.mochi.test"];

  it("answers supported under /sumdb/<name>/ only for its own name", async () => {
    const ok = await get("/sumdb/sum.mochi.test/supported");
    expect([ok.status, ok.text]).toEqual([200, ""]);
    for (const path of ["/sumdb/sum.golang.org/supported", "/sumdb/sum.golang.org/latest", "/sumdb/sum.mochi.test/nothing", "/supported"]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it.each(bases)("serves a signed tree head at %s/latest that verifies and matches an independent log", async (base) => {
    const r = await get(`${base}/latest`);
    expect([r.status, r.type]).toEqual([200, TEXT]);
    const tree = openHead(r.text);
    const { store } = independentLog(hashing);
    expect(tree.n).toBe(listing.modules.length);
    expect(Buffer.from(tree.hash)).toEqual(Buffer.from(treeHash(tree.n, store, hashing)));
    expect(r.text).toBe(server.registry.log.signedHead());
    expect(r.text).toMatch(new RegExp(`^go\\.sum database tree\\n${FIXTURE_COUNT}\\n[A-Za-z0-9+/]{43}=\\n\\n\u2014 sum\\.mochi\\.test 1bjvG[A-Za-z0-9+/]+=*\\n$`));
  });

  it.each(bases)("serves a record for every module version at %s/lookup", async (base) => {
    const latest = (await get(`${base}/latest`)).text;
    for (const [i, m] of server.modules.entries()) {
      const r = await get(`${base}/lookup/${m.path}@${m.version}`);
      expect([r.status, r.type]).toEqual([200, TEXT]);
      const text = `${m.path} ${m.version} ${m.zipHash}\n${m.path} ${m.version}/go.mod ${m.modHash}\n`;
      expect(r.text).toBe(`${i}\n${text}\n${latest}`);
      const rec = parseRecord(r.body);
      expect([rec.id, rec.text, utf8Decode(rec.rest)]).toEqual([i, text, latest]);
    }
    expect((await get(`${base}/lookup/example.com/greet@v9.9.9`)).status).toBe(404);
    expect((await get(`${base}/lookup/example.com/legacy@v2.1.0%2Bincompatible`)).status).toBe(200);
  });

  it.each(bases)("serves the right-edge tiles at %s/tile, equal to the independent log's and authenticated by the head", async (base) => {
    const { store, texts } = independentLog(hashing);
    const tree = openHead((await get(`${base}/latest`)).text);
    const tiles = newTiles(8, 0, tree.n);
    expect(tiles.map(tilePath)).toEqual([FIXTURE_EDGE_TILE]);
    const served = new Map<string, Uint8Array>();
    for (const t of tiles) {
      const r = await get(`${base}/${tilePath(t)}`);
      expect([r.status, r.type]).toEqual([200, "application/octet-stream"]);
      expect(Buffer.from(r.body)).toEqual(Buffer.from(readTileData(t, store)));
      served.set(tilePath(t), r.body);
    }
    const reader = tileHashReader(tree, { height: 8, readTiles: (ts: readonly Tile[]) => ts.map((t) => served.get(tilePath(t))) }, hashing);
    const leaves = texts.map((_, i) => storedHashIndex(0, i));
    expect(reader.readHashes(leaves).map((h) => Buffer.from(h))).toEqual(store.readHashes(leaves).map((h) => Buffer.from(h)));

    const data = await get(`${base}/tile/8/data/000.p/${FIXTURE_COUNT}`);
    expect([data.status, data.type]).toEqual([200, "application/octet-stream"]);
    expect(data.text).toBe(texts.map((t) => `${t}\n`).join(""));
    expect(parseDataTile(parseTilePath(`tile/8/data/000.p/${FIXTURE_COUNT}`), data.body)).toEqual(texts);

    const narrow = await get(`${base}/tile/8/0/000.p/4`);
    expect(Buffer.from(narrow.body)).toEqual(Buffer.from(served.get(FIXTURE_EDGE_TILE)!.subarray(0, 4 * 32)));
    expect((await get(`${base}/tile/8/data/000.p/3`)).text).toBe(texts.slice(0, 3).map((t) => `${t}\n`).join(""));
  });

  it.each([
    "/tile/8/0/000",
    "/tile/8/data/000",
    `/tile/8/0/000.p/${FIXTURE_COUNT + 1}`,
    `/tile/8/data/000.p/${FIXTURE_COUNT + 1}`,
    "/tile/8/0/001.p/1",
    "/tile/8/1/000.p/1",
    "/tile/2/0/000.p/1",
    "/sumdb/sum.mochi.test/tile/8/0/000",
  ])("404 for the tile %s, which the fixture log does not hold", async (path) => {
    const r = await get(path);
    expect([r.status, r.type]).toEqual([404, TEXT]);
  });
});

describe("log growth, older heads and forks", () => {
  let grown: FixtureServer;
  beforeAll(async () => {
    grown = await startFixtureRegistry({ hashing });
  });
  afterAll(async () => {
    await grown?.close();
  });

  it("serves full and partial tiles at every level after growing by 300 records", async () => {
    const log = grown.registry.log;
    const before = log.signedHead();
    const oldPartial = (await get(`/${FIXTURE_EDGE_TILE}`, grown.url)).body;
    for (let i = 0; i < 300; i++) expect(log.append(`example.com/grown${i} v1.0.0 h1:${String(i).padStart(43, "A")}=\n`)).toBe(FIXTURE_COUNT + i);
    const { store, texts } = independentLog(hashing);
    for (let i = FIXTURE_COUNT; i < log.size; i++) {
      texts.push(log.record(i)!);
      store.append(utf8Encode(log.record(i)!));
    }
    const tree = openHead((await get("/latest", grown.url)).text);
    expect(tree.n).toBe(FIXTURE_COUNT + 300);
    expect(Buffer.from(tree.hash)).toEqual(Buffer.from(treeHash(FIXTURE_COUNT + 300, store, hashing)));

    const tiles = newTiles(8, 0, FIXTURE_COUNT + 300);
    expect(tiles.map(tilePath)).toEqual(["tile/8/0/000", `tile/8/0/001.p/${FIXTURE_COUNT + 300 - 256}`, "tile/8/1/000.p/1"]);
    const served = new Map<string, Uint8Array>();
    for (const t of tiles) {
      const r = await get(`/${tilePath(t)}`, grown.url);
      expect(r.status, tilePath(t)).toBe(200);
      expect(Buffer.from(r.body), tilePath(t)).toEqual(Buffer.from(readTileData(t, store)));
      served.set(tilePath(t), r.body);
    }
    // The old right-edge partial tile is still served and is a prefix of the full one.
    const again = await get(`/${FIXTURE_EDGE_TILE}`, grown.url);
    expect(Buffer.from(again.body)).toEqual(Buffer.from(oldPartial));
    expect(Buffer.from(served.get("tile/8/0/000")!.subarray(0, FIXTURE_COUNT * 32))).toEqual(Buffer.from(oldPartial));
    // Every record hash reads through authenticated tiles (tile 000 is checked against its parent).
    const reader = tileHashReader(tree, { height: 8, readTiles: (ts: readonly Tile[]) => ts.map((t) => served.get(tilePath(t))) }, hashing);
    const leaves = texts.map((_, i) => storedHashIndex(0, i));
    expect(reader.readHashes(leaves).map((h) => Buffer.from(h))).toEqual(store.readHashes(leaves).map((h) => Buffer.from(h)));

    const d0 = await get("/tile/8/data/000", grown.url);
    expect(parseDataTile(parseTilePath("tile/8/data/000"), d0.body)).toEqual(texts.slice(0, 256));
    const d1 = await get(`/tile/8/data/001.p/${FIXTURE_COUNT + 300 - 256}`, grown.url);
    expect(parseDataTile(parseTilePath(`tile/8/data/001.p/${FIXTURE_COUNT + 300 - 256}`), d1.body)).toEqual(texts.slice(256));
    expect((await get("/tile/8/0/001", grown.url)).status).toBe(404);
    expect((await get("/lookup/example.com/grown299@v1.0.0", grown.url)).text).toMatch(new RegExp(`^${FIXTURE_COUNT + 299}\\nexample\\.com/grown299 v1\\.0\\.0 h1:`));

    // An older head is still signed and consistent with the log.
    expect(log.signedHead(FIXTURE_COUNT)).toBe(before);
    expect(openHead(log.signedHead(5))).toEqual({ n: 5, hash: treeHash(5, store, hashing) });
  });

  it("signs a forked head and serves it on request, then the honest one again", async () => {
    const log = grown.registry.log;
    const honest = log.signedHead();
    const forked = log.forkedHead("example.com/evil v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    const fork = openHead(forked);
    expect(fork.n).toBe(log.size);
    expect(Buffer.from(fork.hash)).not.toEqual(Buffer.from(openHead(honest).hash));
    const fork5 = openHead(log.forkedHead("x v1.0.0 h1:x\n", 5));
    expect(fork5.n).toBe(5);
    expect(Buffer.from(fork5.hash)).not.toEqual(Buffer.from(log.tree(5).hash));
    grown.serveHead(forked);
    expect((await get("/latest", grown.url)).text).toBe(forked);
    expect((await get("/sumdb/sum.mochi.test/lookup/example.com/greet@v1.0.0", grown.url)).text.endsWith(`\n\n${forked}`)).toBe(true);
    grown.serveHead(undefined);
    expect((await get("/latest", grown.url)).text).toBe(honest);
  });
});

describe("tampering", () => {
  it("serves a valid zip with other contents for tamper.zip, leaving everything else honest", async () => {
    const bad = await startFixtureRegistry({ hashing, tamper: { zip: "example.com/mathx@v0.2.0" } });
    try {
      const m = bad.modules.find((x) => x.path === "example.com/mathx" && x.version === "v0.2.0")!;
      const r = await get("/example.com/mathx/@v/v0.2.0.zip", bad.url);
      expect(r.status).toBe(200);
      expect(Buffer.from(r.body)).not.toEqual(Buffer.from(m.zip));
      const served = unzip(m.path, m.version, r.body).map((f) => [f.path, Buffer.from(f.read())] as const);
      const honest = unzip(m.path, m.version, m.zip).map((f) => [f.path, Buffer.from(f.read())] as const);
      expect(served.map(([p]) => p)).toEqual(honest.map(([p]) => p));
      const differing = served.filter(([p, d], i) => !d.equals(honest[i]![1])).map(([p]) => p);
      expect(differing).toEqual(["LICENSE"]);
      const [, a] = served[0]!;
      const [, b] = honest[0]!;
      expect([...a].filter((x, i) => x !== b[i]).length).toBe(1);
      expect(hashZip(r.body, hashing)).not.toBe(m.zipHash);
      expect(m.zipHash).toBe(server.modules.find((x) => x.path === m.path && x.version === m.version)!.zipHash);
      expect((await get("/example.com/mathx/@v/v0.1.0.zip", bad.url)).body).toEqual(bad.modules.find((x) => x.version === "v0.1.0")!.zip);
      expect((await get("/latest", bad.url)).text).toBe(server.registry.log.signedHead());
    } finally {
      await bad.close();
    }
  });

  it("flips one byte of the tile named by tamper.tile, at the root and under /sumdb/", async () => {
    const bad = await startFixtureRegistry({ hashing, tamper: { tile: FIXTURE_EDGE_TILE } });
    try {
      const honest = (await get(`/${FIXTURE_EDGE_TILE}`)).body;
      for (const path of [`/${FIXTURE_EDGE_TILE}`, `/sumdb/sum.mochi.test/${FIXTURE_EDGE_TILE}`]) {
        const r = (await get(path, bad.url)).body;
        expect([...r].filter((x, i) => x !== honest[i]).length, path).toBe(1);
        expect(r[0]).toBe(honest[0]! ^ 1);
      }
      expect((await get("/tile/8/0/000.p/9", bad.url)).body).toEqual(honest.subarray(0, 9 * 32));
      expect((await get("/latest", bad.url)).text).toBe(server.registry.log.signedHead());
    } finally {
      await bad.close();
    }
  });
});

describe("determinism", () => {
  it("builds identical registries twice, with either hashing", async () => {
    const a = await buildFixtureRegistry(defaultFixturesRoot(), hashing);
    const b = await buildFixtureRegistry(fixtures, await kernelsHashing());
    expect(b.modules.length).toBe(a.modules.length);
    for (const [i, m] of a.modules.entries()) {
      const n = b.modules[i]!;
      expect([n.path, n.version, n.zipHash, n.modHash, n.recordId]).toEqual([m.path, m.version, m.zipHash, m.modHash, m.recordId]);
      expect(Buffer.from(n.zip).equals(Buffer.from(m.zip))).toBe(true);
      expect(Buffer.from(n.mod).equals(Buffer.from(m.mod))).toBe(true);
      expect(Buffer.from(n.info).equals(Buffer.from(m.info))).toBe(true);
    }
    expect(b.log.signedHead()).toBe(a.log.signedHead());
    expect(a.log.signedHead()).toBe(server.registry.log.signedHead());
    // Pinned so an accidental change to any fixture byte, the zip writer or the log shows up here.
    expect(a.log.tree().n).toBe(FIXTURE_COUNT);
    expect(Buffer.from(a.log.tree().hash).toString("base64")).toBe("mn+twMObYeX31CwTXQTprOWlj0wqJyGRX1vd0nnykGI=");
    expect(a.module("example.com/greet", "v1.0.0")!.zipHash).toBe("h1:W9jT1dIVU+In+CNhJGhvrMEBuHNomu8UGYFLnezmok0=");
    expect(a.module("example.com/legacy", "v1.0.0")!.modHash).toBe("h1:pS2KLshur9YBlehNARWQ3af1njEt+NcOfNS6ku9j6Ng=");
    expect(a.module("example.com/legacy", "v9.0.0")).toBeUndefined();
    expect(a.versions("example.com/nothere")).toBeUndefined();
  });
});

describe("the serve command", () => {
  function capture(): { io: Io; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd: repoRoot }, out, err };
  }

  it("prints copy-pasteable exports and the modules, serves until stopped, then closes", async () => {
    const { io, out, err } = capture();
    let url = "";
    const code = await serve(["--fixtures", "--port", "0"], io, async () => {
      const text = out.join("");
      const lines = text.split("\n");
      const goproxy = /^export GOPROXY='(http:\/\/127\.0\.0\.1:[0-9]+)'$/.exec(lines[1]!);
      expect(goproxy, text).not.toBeNull();
      url = goproxy![1]!;
      expect(lines[2]).toBe(`export GOSUMDB='${vkeyFile.trim()} ${url}'`);
      expect(lines.filter((l) => l.startsWith("#   "))).toEqual(listing.modules.map((m) => `#   ${m.path} ${m.version}`));
      expect(lines.every((l) => l === "" || l.startsWith("#") || l.startsWith("export "))).toBe(true);
      expect((await get("/example.com/greet/@v/list", url)).text).toBe("v1.0.0\nv1.1.0\nv1.2.0\n");
      return "SIGTERM";
    });
    expect(code).toBe(0);
    expect(err.join("")).toBe("mochi-pkg serve: stopping on SIGTERM\n");
    await expect(fetch(`${url}/latest`)).rejects.toThrow();
  });

  it("runs until SIGTERM when started as the command, and stops listening for signals afterwards", async () => {
    const { io, out, err } = capture();
    const before = process.listeners("SIGTERM").length;
    const beforeInt = process.listeners("SIGINT").length;
    const run = command.run(["--fixtures"], io);
    while (out.length === 0) await new Promise((r) => setTimeout(r, 10));
    const url = /GOPROXY='([^']+)'/.exec(out.join(""))![1]!;
    expect((await get("/latest", url)).status).toBe(200);
    expect(process.listeners("SIGTERM").length).toBe(before + 1);
    process.kill(process.pid, "SIGTERM");
    expect(await run).toBe(0);
    expect(err.join("")).toBe("mochi-pkg serve: stopping on SIGTERM\n");
    expect(process.listeners("SIGTERM").length).toBe(before);
    expect(process.listeners("SIGINT").length).toBe(beforeInt);
    await expect(fetch(`${url}/latest`)).rejects.toThrow();
  });

  it("prints JSON with --json and honours --port", async () => {
    const port = await freePort();
    const { io, out } = capture();
    await serve(["--json", `--port=${port}`, "--fixtures"], io, async () => {
      const info = JSON.parse(out.join(""));
      expect(info.url).toBe(`http://127.0.0.1:${port}`);
      expect(info.goproxy).toBe(info.url);
      expect(info.gosumdb).toBe(`${vkeyFile.trim()} ${info.url}`);
      expect(info.verifierKey).toBe(vkeyFile.trim());
      expect(info.name).toBe("sum.mochi.test");
      expect(info.modules).toEqual(server.modules.map((m) => ({ path: m.path, version: m.version, time: m.time, sum: m.zipHash, goModSum: m.modHash })));
      expect((await get("/latest", info.url)).status).toBe(200);
    });
  });

  it.each([
    [[], /pass --fixtures/],
    [["--fixtures", "--port"], /--port needs a port number/],
    [["--fixtures", "--port", "65536"], /--port needs a port number/],
    [["--fixtures", "--port=-1"], /--port needs a port number/],
    [["--fixtures", "--verbose"], /unknown argument "--verbose"/],
  ])("refuses %j", async (args, message) => {
    const { io } = capture();
    const run = serve(args, io, async () => undefined);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(message);
  });

  it("is the `serve` command", () => {
    expect(command.name).toEqual(["serve"]);
    expect(command.usage).toBe("mochi-pkg serve --fixtures [--port N] [--json]");
  });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("M074_FIXTURE_* errors", () => {
  function fixtureCopy(modulesJson?: string): string {
    const root = mkdtempSync(join(tmpdir(), "mochi-fixtures-"));
    temps.push(root);
    cpSync(fixtures, root, { recursive: true });
    if (modulesJson !== undefined) writeFileSync(join(root, "modules/modules.json"), modulesJson);
    return root;
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
  const entry = (path: string, version: string, time = "2026-01-05T10:00:00Z") => ({ path, version, time });

  it.each([
    ["M074_FIXTURE_E001", "not JSON", "{"],
    ["M074_FIXTURE_E001", "no modules array", JSON.stringify({ doc: "x" })],
    ["M074_FIXTURE_E001", "an entry without a time", JSON.stringify({ modules: [{ path: "example.com/greet", version: "v1.0.0" }] })],
    ["M074_FIXTURE_E002", "a version listed twice", JSON.stringify({ modules: [entry("example.com/greet", "v1.0.0"), entry("example.com/greet", "v1.0.0")] })],
    ["M074_FIXTURE_E003", "a time that is not RFC 3339", JSON.stringify({ modules: [entry("example.com/greet", "v1.0.0", "2026-01-05 10:00")] })],
    ["M074_FIXTURE_E004", "a version without files", JSON.stringify({ modules: [entry("example.com/greet", "v1.9.0")] })],
  ])("%s for %s", async (code, _why, json) => {
    const root = fixtureCopy(json);
    expect(await codeOf(() => buildFixtureRegistry(root, hashing))).toBe(code);
  });

  it("M074_FIXTURE_E001 when modules.json is missing", async () => {
    const root = fixtureCopy();
    rmSync(join(root, "modules/modules.json"));
    expect(await codeOf(() => buildFixtureRegistry(root, hashing))).toBe("M074_FIXTURE_E001");
  });

  it("M074_FIXTURE_E005 when the verifier key is not the signer's", async () => {
    const root = fixtureCopy();
    const other = generateKey(hashing.digest("sha256", utf8Encode("another seed")), FIXTURE_SUMDB_NAME, hashing);
    writeFileSync(join(root, "sumdb/fixture.vkey"), `${other.verifierKey}\n`);
    expect(await codeOf(() => buildFixtureRegistry(root, hashing))).toBe("M074_FIXTURE_E005");
  });

  it("M074_FIXTURE_E006 when the port is taken", async () => {
    const port = Number(new URL(server.url).port);
    expect(await codeOf(() => startFixtureRegistry({ hashing, port }))).toBe("M074_FIXTURE_E006");
  });

  it("M074_FIXTURE_E007 when tamper.zip names no fixture version", async () => {
    expect(await codeOf(() => startFixtureRegistry({ hashing, tamper: { zip: "example.com/greet@v9.9.9" } }))).toBe("M074_FIXTURE_E007");
  });

  it("M074_FIXTURE_E008 when a fork is asked for at a size the log does not have", async () => {
    const log = server.registry.log;
    for (const n of [0, log.size + 1, 2.5]) expect(await codeOf(async () => log.forkedHead("x v1.0.0 h1:x\n", n)), String(n)).toBe("M074_FIXTURE_E008");
  });

  it("a new fixture version is served after being added to a copy (build reads the directory as given)", async () => {
    const root = fixtureCopy();
    mkdirSync(join(root, "modules/example.com/mathx/@v/v0.3.0"), { recursive: true });
    writeFileSync(join(root, "modules/example.com/mathx/@v/v0.3.0/mathx.go"), "package mathx\n");
    const json = JSON.parse(readFileSync(join(root, "modules/modules.json"), "utf8"));
    json.modules.push(entry("example.com/mathx", "v0.3.0"));
    writeFileSync(join(root, "modules/modules.json"), JSON.stringify(json));
    const r = await buildFixtureRegistry(root, hashing);
    expect(r.versions("example.com/mathx")).toEqual(["v0.1.0", "v0.2.0", "v0.3.0"]);
    expect(utf8Decode(r.module("example.com/mathx", "v0.3.0")!.mod)).toBe("module example.com/mathx\n");
    expect(r.log.size).toBe(FIXTURE_COUNT + 1);
  });
});
