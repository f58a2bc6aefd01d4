// The tamper-evident log behind the Go checksum database
// (golang.org/x/mod/sumdb/tlog): RFC 6962 hashing, the dense stored-hash
// order, inclusion and consistency proofs, tiles and the tile reader that
// authenticates every tile it hands out, and the text formats of tree heads
// and records. Spec: go-ecosystem.md section 7.
//
// Sizes and indexes are plain numbers. Tree sizes may exceed 2^32, so no
// bitwise operator touches them: shifts are multiplications and floored
// divisions by powers of two, exact up to 2^53.

import { base64Decode, base64Encode, bytesEqual, concatBytes, isWellFormed, utf8DecodeStrict, utf8Encode } from "../bytes.js";
import { MochiError } from "../errors.js";
import type { Hashing } from "../hashing.js";

export const HASH_SIZE = 32;

/** A tree head: its size and root hash. */
export interface Tree {
  readonly n: number;
  readonly hash: Uint8Array;
}

/** Reads stored hashes by their stored-hash index; must return exactly one hash per index. */
export interface HashReader {
  readHashes(indexes: readonly number[]): Uint8Array[];
}

// ---------------------------------------------------------------- numbers

function pow2(k: number): number {
  return 2 ** k;
}

/** x >> k for non-negative safe integers of any size. */
function shr(x: number, k: number): number {
  return Math.floor(x / 2 ** k);
}

function requireCount(value: number, what: string, where: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MochiError("M074_TLOG_E001", `${what} must be a non-negative integer, got ${String(value)}`, { where });
  }
}

/** The largest power of two strictly below n (n >= 2), with its log2. */
function maxpow2(n: number): { k: number; level: number } {
  let level = 0;
  while (pow2(level + 1) < n) level++;
  return { k: pow2(level), level };
}

function trailingOnes(n: number): number {
  let c = 0;
  while (n % 2 === 1) {
    c++;
    n = (n - 1) / 2;
  }
  return c;
}

// ---------------------------------------------------------------- hashes

/** SHA-256(0x00 || data): the hash of a log record. */
export function recordHash(data: Uint8Array, hashing: Hashing): Uint8Array {
  return hashing.rfc6962LeafHash(data);
}

/** SHA-256(0x01 || left || right): an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array, hashing: Hashing): Uint8Array {
  return hashing.rfc6962NodeHash(left, right);
}

/** SHA-256(""): the root of the empty tree (RFC 6962 section 2.1). */
export function emptyTreeHash(hashing: Hashing): Uint8Array {
  return hashing.digest("sha256", new Uint8Array(0));
}

/** Standard base64 of a hash, the way Go prints a tlog.Hash. */
export function formatHash(hash: Uint8Array): string {
  return base64Encode(hash);
}

// ---------------------------------------------------------------- stored-hash order

/**
 * The position of node (level, n) in the dense order in which hashes are
 * completed: level L's n-th hash is stored right after level L+1's
 * (2n+1)-th, and level 0's n-th sits at n + n/2 + n/4 + ...
 */
export function storedHashIndex(level: number, n: number): number {
  requireCount(level, "level", "storedHashIndex(level)");
  requireCount(n, "n", "storedHashIndex(n)");
  for (let l = level; l > 0; l--) n = 2 * n + 1;
  let i = 0;
  for (; n > 0; n = shr(n, 1)) i += n;
  return i + level;
}

/** The inverse of storedHashIndex. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  requireCount(index, "index", "splitStoredHashIndex(index)");
  // storedHashIndex(0, n) <= index < 2n + log2(n): start at index/2 and walk
  // forward over records, each of which adds 1 + trailingZeros(n+1) hashes.
  let n = shr(index, 1);
  let indexN = storedHashIndex(0, n);
  for (;;) {
    const next = indexN + 1 + trailingOnes(n);
    if (next > index) break;
    n++;
    indexN = next;
  }
  const level = index - indexN;
  return { level, n: shr(n, level) };
}

/** How many hashes a log of n records stores. */
export function storedHashCount(n: number): number {
  requireCount(n, "n", "storedHashCount(n)");
  if (n === 0) return 0;
  return storedHashIndex(0, n - 1) + 1 + trailingOnes(n - 1);
}

function checkReadHashes(r: HashReader, indexes: readonly number[], where: string): Uint8Array[] {
  const hashes = r.readHashes(indexes);
  if (hashes.length !== indexes.length || hashes.some((h) => !(h instanceof Uint8Array) || h.length !== HASH_SIZE)) {
    throw new MochiError(
      "M074_TLOG_E023",
      `asked for ${indexes.length} hashes, got ${hashes.length} (each must be ${HASH_SIZE} bytes)`,
      { where },
    );
  }
  return hashes;
}

/**
 * The hashes to store when appending record n with the given record hash,
 * to be written from storedHashIndex(0, n) on: the leaf hash, then one node
 * per subtree the record completes (reading up to log2(n) earlier hashes).
 */
export function storedHashesForRecordHash(n: number, leaf: Uint8Array, r: HashReader, hashing: Hashing): Uint8Array[] {
  requireCount(n, "n", "storedHashes(n)");
  const completed = trailingOnes(n);
  // The left siblings of the completed subtrees, lowest level last.
  const indexes: number[] = [];
  for (let i = completed - 1; i >= 0; i--) indexes.push(storedHashIndex(i, shr(n, i) - 1));
  const old = checkReadHashes(r, indexes, "storedHashes");
  const out = [leaf];
  let h = leaf;
  for (let i = 0; i < completed; i++) {
    h = nodeHash(old[completed - 1 - i]!, h, hashing);
    out.push(h);
  }
  return out;
}

/** storedHashesForRecordHash for record data. */
export function storedHashes(n: number, data: Uint8Array, r: HashReader, hashing: Hashing): Uint8Array[] {
  return storedHashesForRecordHash(n, recordHash(data, hashing), r, hashing);
}

/**
 * A log's hash storage in memory, in stored-hash order: what a small server
 * (the fixture checksum database) keeps to serve tiles and tree heads.
 */
export class HashStore implements HashReader {
  readonly #hashing: Hashing;
  readonly #hashes: Uint8Array[] = [];
  #size = 0;

  constructor(hashing: Hashing) {
    this.#hashing = hashing;
  }

  /** The number of records appended. */
  get size(): number {
    return this.#size;
  }

  /** Appends a record and stores the hashes it completes. */
  append(record: Uint8Array): void {
    this.#hashes.push(...storedHashes(this.#size, record, this, this.#hashing));
    this.#size++;
  }

  readHashes(indexes: readonly number[]): Uint8Array[] {
    return indexes.map((x) => {
      const h = this.#hashes[x];
      if (h === undefined) {
        throw new MochiError("M074_TLOG_E009", `stored hash index ${x} is not in a log of ${this.#size} records`, { where: "HashStore" });
      }
      return h;
    });
  }
}

// ---------------------------------------------------------------- tree hashes and proofs

/** Stored indexes of the maximal complete subtrees covering [lo, hi), left to right. */
function subTreeIndex(lo: number, hi: number, need: number[]): number[] {
  while (lo < hi) {
    const { k, level } = maxpow2(hi - lo + 1);
    need.push(storedHashIndex(level, shr(lo, level)));
    lo += k;
  }
  return need;
}

/** Folds the subtree hashes of [lo, hi) from the right; returns the root and how many hashes it used. */
function subTreeHash(lo: number, hi: number, hashes: readonly Uint8Array[], at: number, hashing: Hashing): [Uint8Array, number] {
  let count = 0;
  for (let x = lo; x < hi; count++) x += maxpow2(hi - x + 1).k;
  let h = hashes[at + count - 1]!;
  for (let i = count - 2; i >= 0; i--) h = nodeHash(hashes[at + i]!, h, hashing);
  return [h, at + count];
}

/** The root hash of the first n records, read through r (at most 1 + log2(n) hashes). */
export function treeHash(n: number, r: HashReader, hashing: Hashing): Uint8Array {
  requireCount(n, "tree size", "treeHash(n)");
  if (n === 0) return emptyTreeHash(hashing);
  const indexes = subTreeIndex(0, n, []);
  return subTreeHash(0, n, checkReadHashes(r, indexes, "treeHash"), 0, hashing)[0];
}

function leafProofIndex(lo: number, hi: number, n: number, need: number[]): number[] {
  if (lo + 1 === hi) return need;
  const { k } = maxpow2(hi - lo);
  if (n < lo + k) {
    leafProofIndex(lo, lo + k, n, need);
    return subTreeIndex(lo + k, hi, need);
  }
  subTreeIndex(lo, lo + k, need);
  return leafProofIndex(lo + k, hi, n, need);
}

function leafProof(lo: number, hi: number, n: number, hashes: readonly Uint8Array[], at: number, hashing: Hashing): [Uint8Array[], number] {
  if (lo + 1 === hi) return [[], at];
  const { k } = maxpow2(hi - lo);
  let proof: Uint8Array[];
  let sibling: Uint8Array;
  if (n < lo + k) {
    [proof, at] = leafProof(lo, lo + k, n, hashes, at, hashing);
    [sibling, at] = subTreeHash(lo + k, hi, hashes, at, hashing);
  } else {
    [sibling, at] = subTreeHash(lo, lo + k, hashes, at, hashing);
    [proof, at] = leafProof(lo + k, hi, n, hashes, at, hashing);
  }
  proof.push(sibling);
  return [proof, at];
}

function requireRecordInTree(t: number, n: number, where: string): void {
  requireCount(t, "tree size", where);
  requireCount(n, "record index", where);
  if (n >= t) throw new MochiError("M074_TLOG_E001", `record ${n} is not in a tree of size ${t}`, { where });
}

/** The audit path proving that record n is in the tree of size t, leaf level first. */
export function proveRecord(t: number, n: number, r: HashReader, hashing: Hashing): Uint8Array[] {
  requireRecordInTree(t, n, "proveRecord");
  const indexes = leafProofIndex(0, t, n, []);
  if (indexes.length === 0) return [];
  return leafProof(0, t, n, checkReadHashes(r, indexes, "proveRecord"), 0, hashing)[0];
}

function proofTooShort(where: string): MochiError {
  return new MochiError("M074_TLOG_E002", "the proof has too few hashes", { where });
}

function proofTooLong(where: string): MochiError {
  return new MochiError("M074_TLOG_E003", "the proof has more hashes than the tree sizes call for", { where });
}

/** Replays an audit path for leaf n of [lo, hi), consuming proof[0..end) from the top (the end). */
function runRecordProof(proof: readonly Uint8Array[], end: number, lo: number, hi: number, n: number, leaf: Uint8Array, hashing: Hashing): Uint8Array {
  if (lo + 1 === hi) {
    if (end !== 0) throw proofTooLong("checkRecord");
    return leaf;
  }
  if (end === 0) throw proofTooShort("checkRecord");
  const sibling = proof[end - 1]!;
  const { k } = maxpow2(hi - lo);
  if (n < lo + k) return nodeHash(runRecordProof(proof, end - 1, lo, lo + k, n, leaf, hashing), sibling, hashing);
  return nodeHash(sibling, runRecordProof(proof, end - 1, lo + k, hi, n, leaf, hashing), hashing);
}

/** Checks that proof shows record n with hash `leaf` in the tree of size t with root `root`; throws otherwise. */
export function checkRecord(proof: readonly Uint8Array[], t: number, root: Uint8Array, n: number, leaf: Uint8Array, hashing: Hashing): void {
  requireRecordInTree(t, n, "checkRecord");
  const got = runRecordProof(proof, proof.length, 0, t, n, leaf, hashing);
  if (!bytesEqual(got, root)) {
    throw new MochiError("M074_TLOG_E004", `the inclusion proof of record ${n} does not lead to the root of tree ${t}`, {
      where: "checkRecord",
    });
  }
}

function treeProofIndex(lo: number, hi: number, n: number, need: number[]): number[] {
  if (n === hi) return lo === 0 ? need : subTreeIndex(lo, hi, need);
  const { k } = maxpow2(hi - lo);
  if (n <= lo + k) {
    treeProofIndex(lo, lo + k, n, need);
    return subTreeIndex(lo + k, hi, need);
  }
  subTreeIndex(lo, lo + k, need);
  return treeProofIndex(lo + k, hi, n, need);
}

function treeProof(lo: number, hi: number, n: number, hashes: readonly Uint8Array[], at: number, hashing: Hashing): [Uint8Array[], number] {
  if (n === hi) {
    if (lo === 0) return [[], at];
    const [h, next] = subTreeHash(lo, hi, hashes, at, hashing);
    return [[h], next];
  }
  const { k } = maxpow2(hi - lo);
  let proof: Uint8Array[];
  let sibling: Uint8Array;
  if (n <= lo + k) {
    [proof, at] = treeProof(lo, lo + k, n, hashes, at, hashing);
    [sibling, at] = subTreeHash(lo + k, hi, hashes, at, hashing);
  } else {
    [sibling, at] = subTreeHash(lo, lo + k, hashes, at, hashing);
    [proof, at] = treeProof(lo + k, hi, n, hashes, at, hashing);
  }
  proof.push(sibling);
  return [proof, at];
}

function requirePrefix(t: number, n: number, where: string): void {
  requireCount(t, "tree size", where);
  requireCount(n, "old tree size", where);
  if (n < 1 || n > t) throw new MochiError("M074_TLOG_E001", `cannot prove a tree of size ${n} inside one of size ${t}`, { where });
}

/** The consistency proof that the tree of size t contains the tree of size n as a prefix. */
export function proveTree(t: number, n: number, r: HashReader, hashing: Hashing): Uint8Array[] {
  requirePrefix(t, n, "proveTree");
  const indexes = treeProofIndex(0, t, n, []);
  if (indexes.length === 0) return [];
  return treeProof(0, t, n, checkReadHashes(r, indexes, "proveTree"), 0, hashing)[0];
}

/**
 * Replays a consistency proof over [lo, hi), computing the old tree's hash
 * and the new one's together: where n falls in the right half both take
 * the left sibling, where it falls in the left half only the new one grows.
 */
function runTreeProof(proof: readonly Uint8Array[], end: number, lo: number, hi: number, n: number, old: Uint8Array, hashing: Hashing): [Uint8Array, Uint8Array] {
  if (n === hi) {
    if (lo === 0) {
      if (end !== 0) throw proofTooLong("checkTree");
      return [old, old];
    }
    if (end === 0) throw proofTooShort("checkTree");
    if (end !== 1) throw proofTooLong("checkTree");
    return [proof[0]!, proof[0]!];
  }
  if (end === 0) throw proofTooShort("checkTree");
  const sibling = proof[end - 1]!;
  const { k } = maxpow2(hi - lo);
  if (n <= lo + k) {
    const [oh, th] = runTreeProof(proof, end - 1, lo, lo + k, n, old, hashing);
    return [oh, nodeHash(th, sibling, hashing)];
  }
  const [oh, th] = runTreeProof(proof, end - 1, lo + k, hi, n, old, hashing);
  return [nodeHash(sibling, oh, hashing), nodeHash(sibling, th, hashing)];
}

/** Checks that proof shows the tree (n, oldRoot) to be a prefix of the tree (t, root); throws otherwise. */
export function checkTree(proof: readonly Uint8Array[], t: number, root: Uint8Array, n: number, oldRoot: Uint8Array, hashing: Hashing): void {
  requirePrefix(t, n, "checkTree");
  const [oh, th] = runTreeProof(proof, proof.length, 0, t, n, oldRoot, hashing);
  if (!bytesEqual(oh, oldRoot) || !bytesEqual(th, root)) {
    throw new MochiError("M074_TLOG_E004", `the consistency proof does not link tree ${n} to tree ${t}`, { where: "checkTree" });
  }
}

// ---------------------------------------------------------------- tiles

/**
 * W consecutive hashes at tree level h*l, starting at node n*2^h (a full
 * tile has w = 2^h). l = -1 is the data tile: the record texts of tile
 * (h, 0, n, w).
 */
export interface Tile {
  readonly h: number;
  readonly l: number;
  readonly n: number;
  readonly w: number;
}

const MAX_TILE_HEIGHT = 30;
const MAX_TILE_LEVEL = 63;

function requireHeight(h: number, where: string): void {
  if (!Number.isInteger(h) || h < 1 || h > MAX_TILE_HEIGHT) {
    throw new MochiError("M074_TLOG_E006", `tile height must be 1..${MAX_TILE_HEIGHT}, got ${String(h)}`, { where });
  }
}

function requireTile(t: Tile, where: string): void {
  requireHeight(t.h, where);
  if (!Number.isInteger(t.l) || t.l < -1 || t.l > MAX_TILE_LEVEL || !Number.isSafeInteger(t.n) || t.n < 0 || !Number.isInteger(t.w) || t.w < 1 || t.w > pow2(t.h)) {
    throw new MochiError("M074_TLOG_E006", `invalid tile ${JSON.stringify(t)}`, { where });
  }
}

/** `tile/H/L/NNN[.p/W]`: N in 3-digit groups, all but the last prefixed with x; L = -1 is `data`. */
export function tilePath(t: Tile): string {
  requireTile(t, "tilePath");
  let n = t.n;
  let digits = String(n % 1000).padStart(3, "0");
  while (n >= 1000) {
    n = Math.floor(n / 1000);
    digits = `x${String(n % 1000).padStart(3, "0")}/${digits}`;
  }
  const level = t.l === -1 ? "data" : String(t.l);
  const partial = t.w === pow2(t.h) ? "" : `.p/${t.w}`;
  return `tile/${t.h}/${level}/${digits}${partial}`;
}

const TILE_PATH = /^tile\/([0-9]+)\/(data|[0-9]+)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([0-9]+))?$/;

/** Parses a tile path; only the exact form tilePath would write is accepted. */
export function parseTilePath(path: string): Tile {
  const bad = (why: string) => new MochiError("M074_TLOG_E005", `malformed tile path ${JSON.stringify(path)}: ${why}`, { where: path });
  const m = TILE_PATH.exec(path);
  if (m === null) throw bad("expected tile/H/L/NNN[.p/W]");
  const h = Number(m[1]);
  if (!(h >= 1 && h <= MAX_TILE_HEIGHT)) throw bad(`height must be 1..${MAX_TILE_HEIGHT}`);
  const l = m[2] === "data" ? -1 : Number(m[2]);
  if (l > MAX_TILE_LEVEL) throw bad(`level must be at most ${MAX_TILE_LEVEL}`);
  let n = 0;
  for (const group of m[3]!.split("/")) n = n * 1000 + Number(group.replace("x", ""));
  if (!Number.isSafeInteger(n)) throw bad("tile number too large");
  const w = m[4] === undefined ? pow2(h) : Number(m[4]);
  if (m[4] !== undefined && !(w >= 1 && w < pow2(h))) throw bad(`partial width must be 1..${pow2(h) - 1}`);
  const tile = { h, l, n, w };
  if (tilePath(tile) !== path) throw bad("not in canonical form");
  return tile;
}

/**
 * The smallest tile holding stored hash `index` (tile height h), and the
 * byte range of its data whose tile hash is that stored hash.
 */
export function tileForIndex(h: number, index: number): { tile: Tile; start: number; end: number } {
  requireHeight(h, "tileForIndex(h)");
  const split = splitStoredHashIndex(index);
  const l = Math.floor(split.level / h);
  const within = split.level - l * h; // levels above the tile's stored level
  const first = split.n * pow2(within); // first tile-level node under the wanted node
  const n = shr(first, h);
  const offset = first - n * pow2(h);
  const span = pow2(within);
  return { tile: { h, l, n, w: offset + span }, start: offset * HASH_SIZE, end: (offset + span) * HASH_SIZE };
}

/** The hash of a run of 2^k consecutive tile hashes: itself for one, else node(left half, right half). */
function tileHash(data: Uint8Array, hashing: Hashing): Uint8Array {
  if (data.length === HASH_SIZE) return data;
  const half = data.length / 2;
  return nodeHash(tileHash(data.subarray(0, half), hashing), tileHash(data.subarray(half), hashing), hashing);
}

/** Reads stored hash `index` out of tile t's data (computing it when it sits above the tile's level). */
export function hashFromTile(t: Tile, data: Uint8Array, index: number, hashing: Hashing): Uint8Array {
  requireTile(t, "hashFromTile");
  if (t.l < 0) throw new MochiError("M074_TLOG_E006", "a data tile holds records, not hashes", { where: tilePath(t) });
  if (data.length < t.w * HASH_SIZE) {
    throw new MochiError("M074_TLOG_E007", `tile data is ${data.length} bytes, need ${t.w * HASH_SIZE}`, { where: tilePath(t) });
  }
  const { tile, start, end } = tileForIndex(t.h, index);
  if (tile.l !== t.l || tile.n !== t.n || tile.w > t.w) {
    throw new MochiError("M074_TLOG_E008", `stored hash ${index} is not in this tile (it is in ${tilePath(tile)})`, { where: tilePath(t) });
  }
  return tileHash(data.subarray(start, end), hashing);
}

/**
 * The tiles to publish when a log of height-h tiles grows from oldSize to
 * newSize records: at each level, every tile that fills up, then the
 * rightmost partial tile if any.
 */
export function newTiles(h: number, oldSize: number, newSize: number): Tile[] {
  requireHeight(h, "newTiles(h)");
  requireCount(oldSize, "old tree size", "newTiles");
  requireCount(newSize, "new tree size", "newTiles");
  const tiles: Tile[] = [];
  for (let l = 0; shr(newSize, h * l) > 0; l++) {
    const oldN = shr(oldSize, h * l);
    const newN = shr(newSize, h * l);
    if (oldN === newN) continue;
    for (let n = shr(oldN, h); n < shr(newN, h); n++) tiles.push({ h, l, n, w: pow2(h) });
    const n = shr(newN, h);
    const w = newN - n * pow2(h);
    if (w > 0) tiles.push({ h, l, n, w });
  }
  return tiles;
}

/** The data of hash tile t: its w hashes, read from storage. */
export function readTileData(t: Tile, r: HashReader): Uint8Array {
  requireTile(t, "readTileData");
  if (t.l < 0) throw new MochiError("M074_TLOG_E006", "data tiles hold records, not stored hashes", { where: tilePath(t) });
  const first = t.n * pow2(t.h);
  const indexes: number[] = [];
  for (let i = 0; i < t.w; i++) indexes.push(storedHashIndex(t.h * t.l, first + i));
  return concatBytes(...checkReadHashes(r, indexes, `readTileData ${tilePath(t)}`));
}

/**
 * Tile t raised k levels and widened to what a tree of size `size` holds
 * there; undefined when the tree has nothing at that position.
 */
function tileParent(t: Tile, k: number, size: number): Tile | undefined {
  const l = t.l + k;
  const n = shr(t.n, k * t.h);
  const available = shr(size, l * t.h) - n * pow2(t.h);
  if (available <= 0) return undefined;
  return { h: t.h, l, n, w: Math.min(pow2(t.h), available) };
}

/** Where the tiles come from. Synchronous: a sans-IO caller reports what it lacks instead of waiting. */
export interface TileReader {
  readonly height: number;
  /** Each tile's data (w * 32 bytes), or undefined where it is not at hand yet. Never authenticated here. */
  readTiles(tiles: readonly Tile[]): readonly (Uint8Array | undefined)[];
  /** Receives the tiles the reader fetched, right after they were authenticated against its tree. */
  saveTiles?(tiles: readonly Tile[], data: readonly Uint8Array[]): void;
  /**
   * Data of a tile already authenticated in this tree's timeline (a prefix of
   * it or the tree itself), used without checking it again. Offer it only for
   * trees already trusted: a candidate tree head must be checked in full.
   */
  authenticatedTile?(tile: Tile): Uint8Array | undefined;
}

/** Thrown by a tile hash reader when its TileReader lacks tiles: fetch them and retry. */
export class MissingTilesError extends MochiError {
  readonly tiles: readonly Tile[];

  constructor(tiles: readonly Tile[]) {
    super("M074_TLOG_E011", `tiles not available yet: ${tiles.map(tilePath).join(", ")}`, { where: "TileReader.readTiles" });
    this.name = "MissingTilesError";
    this.tiles = tiles;
  }
}

interface PlannedTile {
  readonly tile: Tile;
  readonly path: string;
  /** Authenticated by the root check rather than by a parent. */
  readonly edge: boolean;
  data?: Uint8Array;
  /** Came from TileReader.authenticatedTile. */
  trusted: boolean;
  checked: boolean;
}

/**
 * A HashReader over tree `tree` that serves hashes only from authenticated
 * tiles. The right-edge tiles holding the tree's maximal complete subtrees
 * must reproduce the signed root, and every other tile fetched must hash to
 * its entry in its parent tile, parents first. Every one: a tile that shares
 * a right-edge tile with another subtree is checked like any other (upstream
 * skips some of those; see tlog.json tile_authentication_negative).
 */
export function tileHashReader(tree: Tree, tr: TileReader, hashing: Hashing): HashReader {
  requireCount(tree.n, "tree size", "tileHashReader");
  requireHeight(tr.height, "tileHashReader(height)");
  return { readHashes: (indexes) => readTileHashes(tree, tr, hashing, indexes) };
}

function readTileHashes(tree: Tree, tr: TileReader, hashing: Hashing, indexes: readonly number[]): Uint8Array[] {
  const h = tr.height;
  const size = tree.n;
  const where = `tree of size ${size}`;
  const limit = storedHashCount(size);
  const atEdge = (t: Tile): Tile => tileParent(t, 0, size)!;

  // The maximal complete subtrees of the tree and the right-edge tiles holding them.
  const stx = subTreeIndex(0, size, []);
  const stxTiles = stx.map((x) => atEdge(tileForIndex(h, x).tile));
  const stxPaths = stxTiles.map(tilePath);
  const edgePaths = new Set(stxPaths);

  const plan = new Map<string, PlannedTile>();
  const planTile = (tile: Tile, path: string): PlannedTile => {
    const data = tr.authenticatedTile?.(tile);
    const p: PlannedTile = { tile, path, edge: edgePaths.has(path), trusted: data !== undefined, checked: data !== undefined };
    if (data !== undefined) p.data = data;
    plan.set(path, p);
    return p;
  };

  // Each index's tile, then its ancestors up to one already planned (whose
  // own ancestors are planned too), one already trusted, or a right-edge
  // tile, which the root authenticates.
  let needRoot = false;
  const indexTiles: PlannedTile[] = [];
  for (const x of indexes) {
    if (!Number.isSafeInteger(x) || x < 0 || x >= limit) {
      throw new MochiError("M074_TLOG_E009", `stored hash index ${String(x)} is not in the ${where} (it has ${limit})`, { where });
    }
    const first = atEdge(tileForIndex(h, x).tile);
    for (let k = 0; ; k++) {
      const tile = k === 0 ? first : tileParent(first, k, size)!;
      const path = tilePath(tile);
      const planned = plan.get(path);
      const p = planned ?? planTile(tile, path);
      if (k === 0) indexTiles.push(p);
      if (planned !== undefined || p.trusted) break;
      if (p.edge) {
        needRoot = true;
        break;
      }
    }
  }
  if (needRoot) stxTiles.forEach((tile, i) => plan.get(stxPaths[i]!) ?? planTile(tile, stxPaths[i]!));

  // Fetch what is not trusted: right-edge tiles first, then parents before children.
  const toFetch = [...plan.values()]
    .filter((p) => !p.trusted)
    .sort((a, b) => Number(b.edge) - Number(a.edge) || (a.edge ? stxPaths.indexOf(a.path) - stxPaths.indexOf(b.path) : b.tile.l - a.tile.l));
  if (toFetch.length > 0) {
    const got = tr.readTiles(toFetch.map((p) => p.tile));
    const missing = toFetch.filter((_, i) => got[i] === undefined).map((p) => p.tile);
    if (missing.length > 0) throw new MissingTilesError(missing);
    toFetch.forEach((p, i) => {
      const data = got[i]!;
      if (data.length !== p.tile.w * HASH_SIZE) {
        throw new MochiError("M074_TLOG_E007", `tile ${p.path} is ${data.length} bytes, expected ${p.tile.w * HASH_SIZE}`, { where: p.path });
      }
      p.data = data;
    });
  }

  const inconsistent = (path: string, why: string) =>
    new MochiError("M074_TLOG_E010", `downloaded inconsistent tile ${path}: ${why}`, { where });

  if (needRoot) {
    const hashes = stx.map((x, i) => {
      const p = plan.get(stxPaths[i]!)!;
      return hashFromTile(p.tile, p.data!, x, hashing);
    });
    if (!bytesEqual(subTreeHash(0, size, hashes, 0, hashing)[0], tree.hash)) {
      throw inconsistent([...edgePaths].join(", "), `the right-edge tiles do not hash to the root of the ${where}`);
    }
    for (const path of edgePaths) plan.get(path)!.checked = true;
  }

  // Every other tile against its parent's entry, parents first.
  const check = (p: PlannedTile): void => {
    if (p.checked) return;
    const parent = plan.get(tilePath(tileParent(p.tile, 1, size)!))!;
    check(parent);
    const expected = hashFromTile(parent.tile, parent.data!, storedHashIndex((p.tile.l + 1) * h, p.tile.n), hashing);
    if (!bytesEqual(tileHash(p.data!, hashing), expected)) {
      throw inconsistent(p.path, `its hash differs from its entry in ${parent.path}`);
    }
    p.checked = true;
  };
  for (const p of plan.values()) check(p);

  if (toFetch.length > 0) tr.saveTiles?.(toFetch.map((p) => p.tile), toFetch.map((p) => p.data!));
  return indexes.map((x, i) => hashFromTile(indexTiles[i]!.tile, indexTiles[i]!.data!, x, hashing));
}

// ---------------------------------------------------------------- tree notes

const TREE_HEADER = "go.sum database tree\n";
const MAX_TREE_NOTE = 1_000_000;

/** `go.sum database tree\n<N>\n<base64 root>\n`, the text a checksum database signs. */
export function formatTree(tree: Tree): string {
  requireCount(tree.n, "tree size", "formatTree");
  if (tree.hash.length !== HASH_SIZE) {
    throw new MochiError("M074_TLOG_E015", `a tree hash is ${HASH_SIZE} bytes, got ${tree.hash.length}`, { where: "formatTree" });
  }
  return `${TREE_HEADER}${tree.n}\n${formatHash(tree.hash)}\n`;
}

/** Parses a tree note text; lines after the first three are ignored (forward compatibility). */
export function parseTree(text: string): Tree {
  const where = "tree note";
  if (!text.startsWith(TREE_HEADER)) {
    throw new MochiError("M074_TLOG_E012", `not a go.sum database tree note: ${JSON.stringify(text.slice(0, 40))}`, { where });
  }
  const lines = text.split("\n");
  if (lines.length < 4 || text.length > MAX_TREE_NOTE) {
    throw new MochiError("M074_TLOG_E013", "a tree note has three newline-terminated lines and at most 1e6 bytes", { where });
  }
  const size = lines[1]!;
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new MochiError("M074_TLOG_E014", `tree size ${JSON.stringify(size)} is not a canonical decimal below 2^53`, { where });
  }
  const hash = base64Decode(lines[2]!);
  if (hash === undefined || hash.length !== HASH_SIZE) {
    throw new MochiError("M074_TLOG_E015", `tree hash ${JSON.stringify(lines[2])} is not base64 of ${HASH_SIZE} bytes`, { where });
  }
  return { n: Number(size), hash };
}

// ---------------------------------------------------------------- records

/** Checks record text: UTF-8, no control characters but newline, no blank line, ends in newline. */
function checkRecordText(text: Uint8Array, where: string): string {
  const s = utf8DecodeStrict(text);
  if (s === undefined) throw new MochiError("M074_TLOG_E016", "record text is not valid UTF-8", { where });
  const control = /[\u0000-\u0009\u000b-\u001f]/.exec(s);
  if (control !== null) {
    throw new MochiError("M074_TLOG_E017", `record text contains control character U+${control[0].charCodeAt(0).toString(16).padStart(4, "0")}`, { where });
  }
  if (s.includes("\n\n")) throw new MochiError("M074_TLOG_E018", "record text contains a blank line", { where });
  if (!s.endsWith("\n")) throw new MochiError("M074_TLOG_E019", "record text must end in a newline", { where });
  return s;
}

/** `<id>\n<text>\n`: a record as a lookup response carries it. */
export function formatRecord(id: number, text: string): string {
  requireCount(id, "record id", "formatRecord");
  const where = `record ${id}`;
  if (!isWellFormed(text)) throw new MochiError("M074_TLOG_E016", "record text is not valid UTF-8 (it has a lone surrogate)", { where });
  checkRecordText(utf8Encode(text), where);
  return `${id}\n${text}\n`;
}

/**
 * Splits a lookup response into the record id, the record text (up to and
 * including the newline before the first blank line) and the rest (the
 * signed tree note).
 */
export function parseRecord(msg: Uint8Array): { id: number; text: string; rest: Uint8Array } {
  const where = "record";
  const nl = msg.indexOf(10);
  const idLine = nl < 0 ? undefined : utf8DecodeStrict(msg.subarray(0, nl));
  if (idLine === undefined || !/^[0-9]{1,16}$/.test(idLine) || !Number.isSafeInteger(Number(idLine))) {
    throw new MochiError("M074_TLOG_E020", `a record starts with its decimal id on a line of its own, got ${JSON.stringify(idLine ?? "")}`, { where });
  }
  const id = Number(idLine);
  const body = msg.subarray(nl + 1);
  let blank = -1;
  for (let i = 0; i + 1 < body.length; i++) {
    if (body[i] === 10 && body[i + 1] === 10) {
      blank = i;
      break;
    }
  }
  if (blank < 0) throw new MochiError("M074_TLOG_E021", "the record text is not followed by a blank line", { where: `record ${id}` });
  const text = checkRecordText(body.subarray(0, blank + 1), `record ${id}`);
  return { id, text, rest: body.subarray(blank + 2) };
}

/** The record texts in a data tile: each record's text followed by one newline, w records. */
export function parseDataTile(t: Tile, data: Uint8Array): string[] {
  requireTile(t, "parseDataTile");
  const where = tilePath(t);
  if (t.l !== -1) throw new MochiError("M074_TLOG_E006", "not a data tile", { where });
  const texts: string[] = [];
  let start = 0;
  for (let i = 0; i + 1 < data.length; i++) {
    if (data[i] === 10 && data[i + 1] === 10) {
      texts.push(checkRecordText(data.subarray(start, i + 1), `${where} record ${texts.length}`));
      start = i + 2;
      i++;
    }
  }
  if (start !== data.length || texts.length !== t.w) {
    throw new MochiError("M074_TLOG_E022", `a data tile of width ${t.w} must hold exactly ${t.w} newline-terminated records, found ${texts.length}${start !== data.length ? " and trailing bytes" : ""}`, { where });
  }
  return texts;
}
