// The transparency log against shared/vectors/go/tlog.json (every section,
// including the forged-tile security vector), with both Hashing
// implementations, plus a case for every M074_TLOG_* code.
import { beforeAll, describe, expect, it } from "vitest";
import { utf8Encode } from "../../core/src/bytes.js";
import { MochiError } from "../../core/src/errors.js";
import type { Hashing } from "../../core/src/hashing.js";
import {
  HashStore, MissingTilesError, checkRecord, checkTree, emptyTreeHash, formatRecord, formatTree, hashFromTile, newTiles,
  nodeHash, parseDataTile, parseRecord, parseTilePath, parseTree, proveRecord, proveTree, readTileData, recordHash,
  splitStoredHashIndex, storedHashCount, storedHashIndex, storedHashes, tileForIndex, tileHashReader, tilePath, treeHash,
  type HashReader, type Tile, type TileReader,
} from "../../core/src/go/tlog.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import { b64, loadVector } from "../vectors.js";
import { codeOf } from "../support/errors.js";

interface TileJSON { H: number; L: number; N: number; W: number }
interface Proof { t: number; n: number; proof: string[] }
const vec = loadVector<{
  source: string;
  description: string;
  hashing: {
    record_hash: string;
    node_hash: string;
    empty_tree: string;
    cases: { fn: string; data?: string; left?: string; right?: string; n?: number; out: string }[];
  };
  stored_hash_index: { doc: string; table: { level: number; n: number; index: number }[]; stored_hash_count: { n: number; count: number }[] };
  test_log: {
    records: string;
    leaf_hashes_first_16: string[];
    stored_hashes_for_16_records: { doc: string; hashes: string[] };
    tree_hashes: { size: number; hash: string }[];
  };
  inclusion_proofs: { doc: string; cases: (Proof & { leaf_hash: string; tree_hash: string })[] };
  consistency_proofs: { doc: string; cases: (Proof & { tree_hash_t: string; tree_hash_n: string })[] };
  tile_paths: {
    doc: string;
    upstream: { path: string; tile: TileJSON | null }[];
    derived: { path: string; tile: TileJSON | null }[];
    must_reject_derived: string[];
  };
  new_tiles: {
    doc: string;
    upstream_h10_counts: { old: number; new: number; count: number }[];
    derived_h2: { old: number; new: number; tiles: string[] }[];
  };
  tiles_h2_size13: { doc: string; tree_hash: string; tiles: (TileJSON & { path: string; data_base64: string; hashes: string[] })[] };
  tile_for_index_h2: { doc: string; cases: { index: number; level: number; n: number; tile: string; byte_start: number; byte_end: number }[] };
  tile_authentication_negative: {
    doc: string;
    tree_size: number;
    tree_hash: string;
    height: number;
    record: number;
    record_hash: string;
    honest_tiles: Record<string, string>;
    forged_tile: { path: string; data_base64: string };
    expect: string;
  };
  tree_note: {
    doc: string;
    format: { n: number; hash: string; text: string }[];
    parse_bad: string[];
    parse_good_extra_lines: string[];
  };
  records: {
    doc: string;
    format: { id: number; text: string; msg: string }[];
    format_bad_text: string[];
    parse: { msg: string; id: number; text: string; rest: string }[];
    parse_bad: (string | { hex: string })[];
  };
}>("tlog.json");

const b64s = (u: Uint8Array) => Buffer.from(u).toString("base64");
const tileOf = (t: TileJSON): Tile => ({ h: t.H, l: t.L, n: t.N, w: t.W });

/** A TileReader over fixed tile data that records what it was asked for. */
function fixedTiles(height: number, tiles: Record<string, Uint8Array>, extra: Partial<TileReader> = {}) {
  const asked: string[][] = [];
  const reader: TileReader = {
    height,
    readTiles: (ts) => {
      asked.push(ts.map(tilePath));
      return ts.map((t) => tiles[tilePath(t)]);
    },
    ...extra,
  };
  return { reader, asked };
}

describe.each([
  ["node", nodeHashing],
  ["kernels", kernelsHashing],
])("tlog with %s hashing", (_label, load) => {
  let hashing: Hashing;
  /** The test log: record i is "leaf i", i in 0..99. */
  let log: HashStore;
  beforeAll(async () => {
    hashing = await load();
    log = new HashStore(hashing);
    for (let i = 0; i < 100; i++) log.append(utf8Encode(`leaf ${i}`));
  });

  it("has the vector file's metadata", () => {
    expect(vec.source).toContain("sumdb/tlog");
    expect(vec.description).toContain("RFC 6962");
    expect(vec.test_log.records).toBe("record i = 'leaf %d' % i, i in 0..99");
    expect(vec.hashing.record_hash).toBe("SHA-256(0x00 || data)");
    expect(vec.hashing.node_hash).toBe("SHA-256(0x01 || left || right)");
    expect(vec.hashing.empty_tree).toBe(`SHA-256('') = ${b64s(emptyTreeHash(hashing))}`);
  });

  it.each(vec.hashing.cases)("hashing: $fn", (c) => {
    const noHashes: HashReader = { readHashes: () => [] };
    const out =
      c.fn === "record_hash" ? recordHash(utf8Encode(c.data!), hashing)
      : c.fn === "node_hash" ? nodeHash(b64(c.left!), b64(c.right!), hashing)
      : treeHash(c.n!, noHashes, hashing);
    expect(b64s(out)).toBe(c.out);
  });

  it.each(vec.stored_hash_index.table)("storedHashIndex($level, $n) = $index", (c) => {
    expect(storedHashIndex(c.level, c.n)).toBe(c.index);
    expect(splitStoredHashIndex(c.index)).toEqual({ level: c.level, n: c.n });
  });

  it.each(vec.stored_hash_index.stored_hash_count)("storedHashCount($n) = $count", (c) => {
    expect(storedHashCount(c.n)).toBe(c.count);
  });

  it("keeps the stored-hash functions inverse and exact beyond 2^32", () => {
    for (let i = 0; i < 5000; i++) {
      const { level, n } = splitStoredHashIndex(i);
      expect(storedHashIndex(level, n)).toBe(i);
    }
    const big = 2 ** 40 + 12345;
    const index = storedHashIndex(3, big);
    expect(splitStoredHashIndex(index)).toEqual({ level: 3, n: big });
    expect(storedHashCount(2 ** 40)).toBe(2 * 2 ** 40 - 1);
  });

  it("builds the test log's leaves, stored hashes and tree hashes", () => {
    expect(vec.test_log.leaf_hashes_first_16).toEqual(
      Array.from({ length: 16 }, (_, i) => b64s(recordHash(utf8Encode(`leaf ${i}`), hashing))),
    );
    const want = vec.test_log.stored_hashes_for_16_records.hashes;
    expect(want).toHaveLength(storedHashCount(16));
    expect(log.readHashes(want.map((_, i) => i)).map(b64s)).toEqual(want);
    expect(vec.test_log.tree_hashes).toHaveLength(100);
    for (const { size, hash } of vec.test_log.tree_hashes) expect(b64s(treeHash(size, log, hashing)), `size ${size}`).toBe(hash);
  });

  it("appends with storedHashes exactly what the store keeps", () => {
    const before = storedHashCount(15);
    expect(storedHashes(15, utf8Encode("leaf 15"), log, hashing).map(b64s)).toEqual(
      log.readHashes([before, before + 1, before + 2, before + 3, before + 4]).map(b64s),
    );
  });

  it.each(vec.inclusion_proofs.cases)("inclusion proof of record $n in tree $t", (c) => {
    const proof = proveRecord(c.t, c.n, log, hashing);
    expect(proof.map(b64s)).toEqual(c.proof);
    const root = b64(c.tree_hash);
    const leaf = b64(c.leaf_hash);
    checkRecord(proof, c.t, root, c.n, leaf, hashing);
    proof.forEach((_, i) => {
      const bad = proof.map((p) => p.slice());
      const flip = i % 32;
      bad[i]![flip] = bad[i]![flip]! ^ (1 << i % 8);
      expect(codeOf(() => checkRecord(bad, c.t, root, c.n, leaf, hashing))).toBe("M074_TLOG_E004");
    });
    expect(codeOf(() => checkRecord([...proof, leaf], c.t, root, c.n, leaf, hashing))).toBe("M074_TLOG_E003");
    if (proof.length > 0) expect(codeOf(() => checkRecord(proof.slice(1), c.t, root, c.n, leaf, hashing))).toBe("M074_TLOG_E002");
  });

  it.each(vec.consistency_proofs.cases)("consistency proof of tree $n in tree $t", (c) => {
    const proof = proveTree(c.t, c.n, log, hashing);
    expect(proof.map(b64s)).toEqual(c.proof);
    const root = b64(c.tree_hash_t);
    const old = b64(c.tree_hash_n);
    checkTree(proof, c.t, root, c.n, old, hashing);
    proof.forEach((_, i) => {
      const bad = proof.map((p) => p.slice());
      const flip = 31 - (i % 32);
      bad[i]![flip] = bad[i]![flip]! ^ 0x80;
      expect(codeOf(() => checkTree(bad, c.t, root, c.n, old, hashing))).toBe("M074_TLOG_E004");
    });
    expect(codeOf(() => checkTree([...proof, old], c.t, root, c.n, old, hashing))).toBe("M074_TLOG_E003");
    if (proof.length > 0) expect(codeOf(() => checkTree(proof.slice(1), c.t, root, c.n, old, hashing))).toMatch(/^M074_TLOG_E00[24]$/);
  });

  it.each([...vec.tile_paths.upstream, ...vec.tile_paths.derived])("tile path $path", (c) => {
    if (c.tile === null) {
      expect(codeOf(() => parseTilePath(c.path))).toBe("M074_TLOG_E005");
      return;
    }
    expect(parseTilePath(c.path)).toEqual(tileOf(c.tile));
    expect(tilePath(tileOf(c.tile))).toBe(c.path);
  });

  it.each(vec.tile_paths.must_reject_derived)("tile path %s is rejected", (path) => {
    expect(codeOf(() => parseTilePath(path))).toBe("M074_TLOG_E005");
  });

  it.each(vec.new_tiles.upstream_h10_counts)("newTiles(10, $old, $new) has $count tiles", (c) => {
    expect(newTiles(10, c.old, c.new)).toHaveLength(c.count);
  });

  it.each(vec.new_tiles.derived_h2)("newTiles(2, $old, $new)", (c) => {
    expect(newTiles(2, c.old, c.new).map(tilePath)).toEqual(c.tiles);
  });

  it("serves every height-2 tile of the size-13 log, each hashing to its parent's entry", () => {
    const { tiles } = vec.tiles_h2_size13;
    expect(tiles.map((t) => t.path)).toEqual(newTiles(2, 0, 13).map(tilePath));
    const data: Record<string, Uint8Array> = {};
    for (const t of tiles) {
      const tile = tileOf(t);
      expect(parseTilePath(t.path)).toEqual(tile);
      const bytes = readTileData(tile, log);
      expect(b64s(bytes)).toBe(t.data_base64);
      expect(Array.from({ length: t.W }, (_, i) => b64s(bytes.subarray(32 * i, 32 * i + 32)))).toEqual(t.hashes);
      data[t.path] = bytes;
    }
    for (const t of tiles.filter((x) => x.W === 4)) {
      // The tile's hash: its two halves are level 2L+1 nodes 2N and 2N+1.
      const half = (i: number) => hashFromTile(tileOf(t), data[t.path]!, storedHashIndex(2 * t.L + 1, 2 * t.N + i), hashing);
      const parent = tiles.find((p) => p.L === t.L + 1 && p.N === t.N >> 2)!;
      expect(b64s(nodeHash(half(0), half(1), hashing))).toBe(
        b64s(hashFromTile(tileOf(parent), data[parent.path]!, storedHashIndex(2 * (t.L + 1), t.N), hashing)),
      );
    }
    const root = b64(vec.tiles_h2_size13.tree_hash);
    expect(b64s(treeHash(13, log, hashing))).toBe(vec.tiles_h2_size13.tree_hash);
    // Every record hash of the tree, read through authenticated tiles.
    const thr = tileHashReader({ n: 13, hash: root }, fixedTiles(2, data).reader, hashing);
    const leaves = Array.from({ length: 13 }, (_, i) => storedHashIndex(0, i));
    expect(thr.readHashes(leaves).map(b64s)).toEqual(log.readHashes(leaves).map(b64s));
    expect(b64s(treeHash(13, thr, hashing))).toBe(vec.tiles_h2_size13.tree_hash);
  });

  it.each(vec.tile_for_index_h2.cases)("tileForIndex(2, $index)", (c) => {
    const { tile, start, end } = tileForIndex(2, c.index);
    expect([tilePath(tile), start, end]).toEqual([c.tile, c.byte_start, c.byte_end]);
    expect(splitStoredHashIndex(c.index)).toEqual({ level: c.level, n: c.n });
    expect(b64s(hashFromTile(tile, readTileData(tile, log), c.index, hashing))).toBe(b64s(log.readHashes([c.index])[0]!));
  });

  describe("tile_authentication_negative", () => {
    const neg = vec.tile_authentication_negative;
    const tree = () => ({ n: neg.tree_size, hash: b64(neg.tree_hash) });
    const honest = () => Object.fromEntries(Object.entries(neg.honest_tiles).map(([p, d]) => [p, b64(d)]));
    const index = storedHashIndex(0, neg.record);

    it("is the case its doc describes", () => {
      expect(neg.doc).toContain("SECURITY");
      expect(neg.expect).toBe("reject (downloaded inconsistent tile)");
      expect(neg.height).toBe(2);
      expect(b64s(treeHash(neg.tree_size, log, hashing))).toBe(neg.tree_hash);
      for (const [path, data] of Object.entries(neg.honest_tiles)) expect(b64s(readTileData(parseTilePath(path), log))).toBe(data);
    });

    it("reads the honest record hash, fetching exactly the documented tiles", () => {
      const { reader, asked } = fixedTiles(neg.height, honest());
      expect(tileHashReader(tree(), reader, hashing).readHashes([index]).map(b64s)).toEqual([neg.record_hash]);
      expect(asked).toEqual([Object.keys(neg.honest_tiles)]);
    });

    it("refuses the forged leaf tile (the check upstream skips)", () => {
      const tiles = { ...honest(), [neg.forged_tile.path]: b64(neg.forged_tile.data_base64) };
      let saved = false;
      const { reader } = fixedTiles(neg.height, tiles, { saveTiles: () => (saved = true) });
      let err: unknown;
      try {
        tileHashReader(tree(), reader, hashing).readHashes([index]);
      } catch (e) {
        err = e;
      }
      expect((err as MochiError).code).toBe("M074_TLOG_E010");
      expect((err as MochiError).detail).toContain(`downloaded inconsistent tile ${neg.forged_tile.path}`);
      expect(saved).toBe(false);
    });
  });

  it("takes already-authenticated tiles as they are and asks only for the rest", () => {
    const tree = { n: 13, hash: treeHash(13, log, hashing) };
    const full = (p: string) => readTileData(parseTilePath(p), log);
    const trusted = { "tile/2/0/001": full("tile/2/0/001") };
    const { reader, asked } = fixedTiles(2, {}, { authenticatedTile: (t) => trusted[tilePath(t) as keyof typeof trusted] });
    expect(b64s(tileHashReader(tree, reader, hashing).readHashes([storedHashIndex(0, 5)])[0]!)).toBe(
      b64s(log.readHashes([storedHashIndex(0, 5)])[0]!),
    );
    expect(asked).toEqual([]);
    let err: unknown;
    try {
      tileHashReader(tree, reader, hashing).readHashes([storedHashIndex(0, 1)]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MissingTilesError);
    expect((err as MissingTilesError).code).toBe("M074_TLOG_E011");
    expect((err as MissingTilesError).tiles.map(tilePath).sort()).toEqual(["tile/2/0/000", "tile/2/0/003.p/1", "tile/2/1/000.p/3"]);
  });

  it.each(vec.tree_note.format)("formatTree($n)", (c) => {
    expect(formatTree({ n: c.n, hash: b64(c.hash) })).toBe(c.text);
    expect(parseTree(c.text)).toEqual({ n: c.n, hash: b64(c.hash) });
  });

  it.each(vec.tree_note.parse_bad.map((text, i) => ({ text, i })))("parseTree rejects bad note $i", ({ text }) => {
    expect(codeOf(() => parseTree(text))).toMatch(/^M074_TLOG_E01[2-5]$/);
  });

  it.each(vec.tree_note.parse_good_extra_lines)("parseTree ignores extra lines in %j", (text) => {
    expect(parseTree(text)).toEqual({ n: 123456789012, hash: b64("TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=") });
  });

  it("has a tree-note doc", () => {
    expect(vec.tree_note.doc).toContain("FormatTree");
  });

  it.each(vec.records.format)("formatRecord($id)", (c) => {
    expect(formatRecord(c.id, c.text)).toBe(c.msg);
  });

  it.each(vec.records.format_bad_text)("formatRecord rejects %j", (text) => {
    expect(codeOf(() => formatRecord(1, text))).toMatch(/^M074_TLOG_E01[6-9]$/);
  });

  it.each(vec.records.parse)("parseRecord($id)", (c) => {
    const got = parseRecord(utf8Encode(c.msg));
    expect({ id: got.id, text: got.text, rest: Buffer.from(got.rest).toString("utf8") }).toEqual({ id: c.id, text: c.text, rest: c.rest });
    // Upstream appends a raw 0xFF to the rest: it is not part of the record, so it does not matter.
    expect(parseRecord(Uint8Array.from([...utf8Encode(c.msg), 0xff])).text).toBe(c.text);
  });

  it.each(vec.records.parse_bad.map((m, i) => ({ m, i })))("parseRecord rejects bad record $i", ({ m }) => {
    const bytes = typeof m === "string" ? utf8Encode(m) : Uint8Array.from(Buffer.from(m.hex, "hex"));
    expect(codeOf(() => parseRecord(bytes))).toMatch(/^M074_TLOG_E0(1[6-9]|2[01])$/);
  });

  it("has the records doc", () => {
    expect(vec.records.doc).toContain("FormatRecord");
  });

  it("reports every tlog error code", () => {
    const root = treeHash(13, log, hashing);
    const reader = (tiles: Record<string, Uint8Array>) => fixedTiles(2, tiles).reader;
    const t000 = readTileData(parseTilePath("tile/2/0/000"), log);
    const cases: [string, () => unknown][] = [
      ["M074_TLOG_E001", () => proveRecord(5, 5, log, hashing)],
      ["M074_TLOG_E001", () => storedHashIndex(-1, 0)],
      ["M074_TLOG_E001", () => proveTree(5, 0, log, hashing)],
      ["M074_TLOG_E002", () => checkRecord([], 2, root, 0, root, hashing)],
      ["M074_TLOG_E003", () => checkRecord([root], 1, root, 0, root, hashing)],
      ["M074_TLOG_E004", () => checkRecord([], 1, root, 0, t000.subarray(0, 32), hashing)],
      ["M074_TLOG_E005", () => parseTilePath("tile/2/0/000.p/4")],
      ["M074_TLOG_E006", () => tilePath({ h: 2, l: 0, n: 0, w: 5 })],
      ["M074_TLOG_E006", () => newTiles(31, 0, 1)],
      ["M074_TLOG_E006", () => readTileData({ h: 2, l: -1, n: 0, w: 4 }, log)],
      ["M074_TLOG_E007", () => hashFromTile({ h: 2, l: 0, n: 0, w: 4 }, t000.subarray(0, 96), 0, hashing)],
      ["M074_TLOG_E007", () => tileHashReader({ n: 4, hash: treeHash(4, log, hashing) }, reader({ "tile/2/1/000.p/1": t000 }), hashing).readHashes([6])],
      ["M074_TLOG_E008", () => hashFromTile({ h: 2, l: 0, n: 1, w: 4 }, t000, 0, hashing)],
      ["M074_TLOG_E009", () => tileHashReader({ n: 3, hash: root }, reader({}), hashing).readHashes([4])],
      ["M074_TLOG_E009", () => log.readHashes([1e6])],
      ["M074_TLOG_E010", () => tileHashReader({ n: 4, hash: root }, reader({ "tile/2/1/000.p/1": t000.subarray(0, 32) }), hashing).readHashes([6])],
      ["M074_TLOG_E011", () => tileHashReader({ n: 4, hash: root }, reader({}), hashing).readHashes([0])],
      ["M074_TLOG_E012", () => parseTree("go.sum database tree v2\n1\nx\n")],
      ["M074_TLOG_E013", () => parseTree("go.sum database tree\n1\n")],
      ["M074_TLOG_E013", () => parseTree(`go.sum database tree\n1\n${b64s(root)}\n${"x".repeat(1e6)}`)],
      ["M074_TLOG_E014", () => parseTree(`go.sum database tree\n${2 ** 53}\n${b64s(root)}\n`)],
      ["M074_TLOG_E015", () => parseTree("go.sum database tree\n1\nAAAA\n")],
      ["M074_TLOG_E015", () => formatTree({ n: 1, hash: new Uint8Array(31) })],
      ["M074_TLOG_E016", () => formatRecord(1, "a\ud800\n")],
      ["M074_TLOG_E017", () => formatRecord(1, "a\tb\n")],
      ["M074_TLOG_E018", () => formatRecord(1, "a\n\nb\n")],
      ["M074_TLOG_E019", () => formatRecord(1, "a")],
      ["M074_TLOG_E020", () => parseRecord(utf8Encode("-1\na\n\n"))],
      ["M074_TLOG_E021", () => parseRecord(utf8Encode("1\na\n"))],
      ["M074_TLOG_E022", () => parseDataTile({ h: 2, l: -1, n: 0, w: 2 }, utf8Encode("a\n\n"))],
      ["M074_TLOG_E023", () => treeHash(3, { readHashes: () => [root] }, hashing)],
    ];
    for (const [code, f] of cases) expect(codeOf(f), code).toBe(code);
  });

  it("splits a data tile into its records", () => {
    expect(parseDataTile({ h: 2, l: -1, n: 0, w: 3 }, utf8Encode("a\n\n\n\nb\nc\n\n"))).toEqual(["a\n", "\n", "b\nc\n"]);
  });
});
