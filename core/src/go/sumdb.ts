// The checksum-database client (golang.org/x/mod/sumdb Client) as a sans-IO
// state machine: it never fetches. Each call either finishes or answers
// "need": the remote paths to fetch. The host fetches them (from its cache
// or the server), hands them over with supply(), and repeats the call,
// which resumes from what is already verified. Spec: go-ecosystem.md
// section 8, client algorithm.
//
// What it checks: the tree head's signature; that every tree head it sees
// lies on one timeline with the remembered one (a fork or rollback is a
// SumdbForkError with both heads and the proof); that the record is in the
// tree, through tiles authenticated against the signed root; and that the
// record has lines for the requested module version.
//
// Warm lookups stay cheap: notes already verified, tree heads already known
// consistent and tiles already authenticated on this timeline are
// remembered, so a lookup against a known tree reads one cached tile and
// hashes one record.

import { base64Encode, bytesEqual, utf8DecodeStrict, utf8Encode } from "../bytes.js";
import { MochiError } from "../errors.js";
import type { Hashing } from "../hashing.js";
import { escapePath, escapeVersion, unescapePath, unescapeVersion } from "./modpath.js";
import { newVerifier, openNote, verifierList, type Verifiers } from "./note.js";
import {
  HASH_SIZE,
  MissingTilesError,
  emptyTreeHash,
  formatHash,
  parseRecord,
  parseTilePath,
  parseTree,
  proveTree,
  recordHash,
  storedHashIndex,
  tileHashReader,
  tilePath,
  treeHash,
  type Tile,
  type TileReader,
  type Tree,
} from "./tlog.js";

/** sum.golang.org's tile height; upstream tests use 2. */
export const DEFAULT_TILE_HEIGHT = 8;

/** One thing to fetch from the checksum database (or the host's cache of it). */
export interface RemoteRequest {
  /** Server path, appended to the database's base URL: `/lookup/...` or `/tile/...`. */
  readonly path: string;
  /** The cache file name Go uses for it: `<name><path>`. */
  readonly cacheKey: string;
  /**
   * For a partial tile: the full tile to fetch when `path` is gone (the tile
   * has filled up since). Supply its data under `path`; it is truncated.
   */
  readonly fallbackPath?: string;
  readonly fallbackCacheKey?: string;
}

export type SumdbStep<T> =
  | { readonly kind: "need"; readonly requests: readonly RemoteRequest[] }
  | { readonly kind: "done"; readonly value: T };

export interface LookupResult {
  /** The go.sum lines for the module version, e.g. `rsc.io/quote v1.5.2 h1:...`. */
  readonly lines: readonly string[];
  /** The record's id in the log and its full text. */
  readonly id: number;
  readonly text: string;
}

/** A file the host should write to its cache: verified lookups and authenticated tiles. */
export interface CacheWrite {
  readonly key: string;
  readonly data: Uint8Array;
}

export interface SumdbClientOptions {
  /** The database's verifier key, e.g. `sum.golang.org+033de0ae+Ac4z...`. */
  readonly verifierKey: string;
  /** The remembered signed tree head (config `<name>/latest`); empty or absent for the empty tree. */
  readonly latest?: Uint8Array | string;
  readonly tileHeight?: number;
  readonly hashing: Hashing;
}

/**
 * Thrown when two signed tree heads cannot both be honest: the newer tree
 * does not contain the older one. Carries both notes and the proof (the
 * newer tree's hash for the older size, then the consistency proof).
 */
export class SumdbForkError extends MochiError {
  readonly older: Tree;
  readonly olderNote: string;
  readonly newer: Tree;
  readonly newerNote: string;
  readonly proof: readonly Uint8Array[];
  /** The report to show and keep, in the layout of the go command's. */
  readonly report: string;

  constructor(older: Tree, olderNote: string, newer: Tree, newerNote: string, proof: readonly Uint8Array[]) {
    const report = forkReport(olderNote, newerNote, proof);
    super("M074_SUMDB_E001", report, { where: `tree#${older.n} vs tree#${newer.n}` });
    this.name = "SumdbForkError";
    this.older = older;
    this.olderNote = olderNote;
    this.newer = newer;
    this.newerNote = newerNote;
    this.proof = proof;
    this.report = report;
  }
}

function forkReport(olderNote: string, newerNote: string, proof: readonly Uint8Array[]): string {
  const indent = (s: string) => s.replaceAll("\n", "\n\t");
  return (
    "SECURITY ERROR\n" +
    "go.sum database server misbehavior detected!\n\n" +
    `old database:\n\t${indent(olderNote)}\n` +
    `new database:\n\t${indent(newerNote)}\n` +
    `proof of misbehavior:${proof.map((h) => `\n\t${formatHash(h)}`).join("")}`
  );
}

/** `/lookup/<escaped path>@<escaped version>`; a `/go.mod` suffix on the version is not part of it. */
export function lookupPath(path: string, version: string): string {
  const where = `${path}@${version}`;
  return `/lookup/${escapePath(path, where)}@${escapeVersion(version.replace(/\/go\.mod$/, ""), where)}`;
}

const LOOKUP_KEY = /^[^@]+@v[0-9]+\.[0-9]+\.[0-9]+(-[^@]*)?(\+incompatible)?$/;

/** For a server: the module path and version of a lookup key (`<escaped path>@<escaped version>`). */
export function parseLookupKey(key: string): { path: string; version: string } {
  if (!LOOKUP_KEY.test(key)) {
    throw new MochiError("M074_SUMDB_E006", `lookup key ${JSON.stringify(key)} is not <module>@<semantic version>`, { where: key });
  }
  const at = key.indexOf("@");
  return { path: unescapePath(key.slice(0, at), key), version: unescapeVersion(key.slice(at + 1), key) };
}

/** The checksum database served through a module proxy: probe `supported`, then use `base`. */
export function proxySumdbURLs(proxy: string, name: string): { supported: string; base: string } {
  const base = `${proxy.replace(/\/+$/, "")}/sumdb/${name}`;
  return { supported: `${base}/supported`, base };
}

const MEMO_LIMIT = 256;

/** Remembers a key in insertion order, dropping the oldest beyond MEMO_LIMIT. */
function remember<V>(memo: Map<string, V>, key: string, value: V): void {
  memo.delete(key);
  memo.set(key, value);
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value!);
}

function treeKey(tree: Tree): string {
  return `${tree.n}:${base64Encode(tree.hash)}`;
}

/** Prefixes a plain MochiError's detail with what the client was doing; typed subclasses pass through. */
function inContext<T>(context: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof MochiError && e.constructor === MochiError) {
      throw new MochiError(e.code, `${context}: ${e.detail}`, { where: e.where, cause: e });
    }
    throw e;
  }
}

export class SumdbClient {
  readonly name: string;
  readonly tileHeight: number;
  readonly #hashing: Hashing;
  readonly #verifiers: Verifiers;
  readonly #config: string;
  #initialized = false;
  #latest: Tree;
  #latestNote = "";

  /** Tiles authenticated on this client's timeline, by tile path. */
  readonly #trusted = new Map<string, Uint8Array>();
  /** Tiles authenticated against candidate tree heads not adopted yet, by tree then tile path. */
  readonly #staged = new Map<string, Map<string, Uint8Array>>();
  /** Tiles supplied by the host, not authenticated yet. */
  readonly #pending = new Map<string, Uint8Array>();
  /** Lookup responses supplied by the host, by server path. */
  readonly #lookups = new Map<string, Uint8Array>();
  /** Verified records, by server path. */
  readonly #records = new Map<string, { id: number; text: string }>();
  /** Notes whose signature verified, by message. */
  readonly #opened = new Map<string, Tree>();
  /** Tree heads known to lie on this client's timeline. */
  readonly #consistent = new Map<string, true>();
  #cacheWrites: CacheWrite[] = [];

  constructor(options: SumdbClientOptions) {
    this.#hashing = options.hashing;
    const verifier = newVerifier(options.verifierKey.trim(), options.hashing);
    this.#verifiers = verifierList(verifier);
    this.name = verifier.name;
    this.tileHeight = options.tileHeight ?? DEFAULT_TILE_HEIGHT;
    if (!Number.isInteger(this.tileHeight) || this.tileHeight < 1 || this.tileHeight > 30) {
      throw new MochiError("M074_TLOG_E006", `tile height must be 1..30, got ${String(this.tileHeight)}`, { where: "SumdbClient tileHeight" });
    }
    this.#latest = { n: 0, hash: emptyTreeHash(options.hashing) };
    const latest = options.latest ?? "";
    this.#config = typeof latest === "string" ? latest : this.#decodeNote(latest, `${this.name}/latest`);
  }

  /** The latest tree head on this client's timeline. */
  get latestTree(): Tree {
    return this.#latest;
  }

  /** Its signed note, to persist under latestConfigKey ("" while the tree is empty). */
  get latestNote(): string {
    return this.#latestNote;
  }

  get latestConfigKey(): string {
    return `${this.name}/latest`;
  }

  /** Hands over a fetched `/lookup/...` response or `/tile/...` body (a full tile for a partial request is truncated). */
  supply(path: string, data: Uint8Array): void {
    if (path.startsWith("/lookup/")) {
      this.#lookups.set(path, data.slice());
      return;
    }
    const tile = path.startsWith("/tile/") ? parseTilePath(path.slice(1)) : undefined;
    if (tile === undefined || tile.l < 0) {
      throw new MochiError("M074_SUMDB_E005", `the client never asks for ${JSON.stringify(path)}`, { where: path });
    }
    const full = 2 ** tile.h * HASH_SIZE;
    const bytes = tile.w * HASH_SIZE < full && data.length === full ? data.subarray(0, tile.w * HASH_SIZE) : data;
    this.#pending.set(tilePath(tile), bytes.slice());
  }

  /** Cache writes due since the last call: lookups after verification, tiles after authentication. */
  takeCacheWrites(): CacheWrite[] {
    const out = this.#cacheWrites;
    this.#cacheWrites = [];
    return out;
  }

  /** The go.sum lines for path@version (version may end in /go.mod), verified against the log. */
  lookup(path: string, version: string): SumdbStep<LookupResult> {
    const remote = lookupPath(path, version);
    return this.#step<LookupResult>(`${path}@${version}`, () => {
      let record = this.#records.get(remote);
      if (record === undefined) {
        const body = this.#lookups.get(remote);
        if (body === undefined) return { need: [{ path: remote, cacheKey: this.name + remote }] };
        this.#init();
        try {
          const { id, text, rest } = inContext(`reading ${remote}`, () => parseRecord(body));
          this.#merge(this.#decodeNote(rest, remote));
          this.#checkRecord(id, text);
          record = { id, text };
        } catch (e) {
          if (!(e instanceof MissingTilesError)) this.#lookups.delete(remote);
          throw e;
        }
        this.#records.set(remote, record);
        this.#lookups.delete(remote);
        this.#cacheWrites.push({ key: this.name + remote, data: body });
      }
      const prefix = `${path} ${version} `;
      const lines = record.text.split("\n").filter((line) => line.startsWith(prefix));
      if (lines.length === 0) {
        throw new MochiError("M074_SUMDB_E004", `record ${record.id} has no go.sum line for ${path} ${version}`, { where: remote });
      }
      return { value: { lines, id: record.id, text: record.text } };
    });
  }

  /**
   * Checks the remembered tree head against the tiles the database serves.
   * lookup and mergeLatest start with it; calling it first only moves the
   * fetching earlier.
   */
  init(): SumdbStep<Tree> {
    return this.#step<Tree>("", () => {
      this.#init();
      return { value: this.#latest };
    });
  }

  /** Merges a signed tree head (from `/latest`, or a newer config written by another process). */
  mergeLatest(msg: Uint8Array | string): SumdbStep<Tree> {
    return this.#step<Tree>("merging a tree head", () => {
      this.#init();
      this.#merge(typeof msg === "string" ? msg : this.#decodeNote(msg, "tree head"));
      return { value: this.#latest };
    });
  }

  /** Runs `run` to completion, or turns missing data into a "need" answer; errors get `context` in front. */
  #step<T>(context: string, run: () => { value: T } | { need: RemoteRequest[] }): SumdbStep<T> {
    try {
      const out = context === "" ? run() : inContext(context, run);
      return "need" in out ? { kind: "need", requests: out.need } : { kind: "done", value: out.value };
    } catch (e) {
      if (e instanceof MissingTilesError) return { kind: "need", requests: e.tiles.map((t) => this.#tileRequest(t)) };
      // Whatever was supplied for the failed check is suspect: fetch it again next time.
      this.#pending.clear();
      this.#staged.clear();
      throw e;
    }
  }

  #tileRequest(tile: Tile): RemoteRequest {
    const path = `/${tilePath(tile)}`;
    const request = { path, cacheKey: this.name + path };
    if (tile.w === 2 ** tile.h) return request;
    const fallbackPath = `/${tilePath({ ...tile, w: 2 ** tile.h })}`;
    return { ...request, fallbackPath, fallbackCacheKey: this.name + fallbackPath };
  }

  #decodeNote(bytes: Uint8Array, where: string): string {
    const text = utf8DecodeStrict(bytes);
    if (text === undefined) throw new MochiError("M074_NOTE_E010", "note is not valid UTF-8", { where });
    return text;
  }

  /**
   * Adopts the remembered tree head, checking that the tiles the database
   * serves hash to its root (the go command does the same when it first
   * merges its config).
   */
  #init(): void {
    if (this.#initialized) return;
    inContext("initializing checksum database client", () => {
      if (this.#config !== "") {
        const tree = this.#open(this.#config);
        this.#checkTrees(tree, this.#config, tree, this.#config, true);
        this.#latest = tree;
        this.#latestNote = this.#config;
        remember(this.#consistent, treeKey(tree), true);
      }
    });
    this.#initialized = true;
  }

  #open(msg: string): Tree {
    const known = this.#opened.get(msg);
    if (known !== undefined) return known;
    const tree = inContext("reading tree note", () => parseTree(openNote(msg, this.#verifiers).text));
    remember(this.#opened, msg, tree);
    return tree;
  }

  /** Puts a signed tree head on the timeline: an older one must be a prefix of latest, a newer one must extend it. */
  #merge(msg: string): void {
    // An empty note is the unsigned empty tree: nothing to merge (as upstream).
    if (msg === "") return;
    const tree = this.#open(msg);
    const key = treeKey(tree);
    if (tree.n <= this.#latest.n) {
      if (this.#consistent.has(key)) return;
      this.#checkTrees(tree, msg, this.#latest, this.#latestNote, true);
      remember(this.#consistent, key, true);
      return;
    }
    this.#checkTrees(this.#latest, this.#latestNote, tree, msg, false);
    this.#latest = tree;
    this.#latestNote = msg;
    remember(this.#consistent, key, true);
    for (const [path, data] of this.#staged.get(key) ?? []) this.#trust(path, data);
    this.#staged.clear();
  }

  /** Checks that `older` is a prefix of `newer` through newer's tiles; a mismatch is a fork. */
  #checkTrees(older: Tree, olderNote: string, newer: Tree, newerNote: string, newerTrusted: boolean): void {
    const thr = tileHashReader(newer, this.#tileReader(newer, newerTrusted), this.#hashing);
    const label = older.n === newer.n ? `checking tree#${older.n}` : `checking tree#${older.n} against tree#${newer.n}`;
    const h = inContext(label, () => treeHash(older.n, thr, this.#hashing));
    if (bytesEqual(h, older.hash)) return;
    const proof = older.n === 0 ? [] : inContext(label, () => proveTree(newer.n, older.n, thr, this.#hashing));
    throw new SumdbForkError(older, olderNote, newer, newerNote, [h, ...proof]);
  }

  #checkRecord(id: number, text: string): void {
    const latest = this.#latest;
    if (id >= latest.n) {
      throw new MochiError("M074_SUMDB_E002", `cannot validate record ${id} in a tree of size ${latest.n}`, { where: `record ${id}` });
    }
    const thr = tileHashReader(latest, this.#tileReader(latest, true), this.#hashing);
    const [h] = inContext(`reading record ${id}`, () => thr.readHashes([storedHashIndex(0, id)]));
    if (!bytesEqual(h!, recordHash(utf8Encode(text), this.#hashing))) {
      throw new MochiError("M074_SUMDB_E003", `the log's hash of record ${id} does not match the record text the server sent`, {
        where: `record ${id}`,
      });
    }
  }

  /**
   * Tiles for a tree already on the timeline may come straight from the
   * trusted set; tiles for a candidate tree head are all checked again and
   * only trusted once that very head is adopted.
   */
  #tileReader(tree: Tree, trustedTree: boolean): TileReader {
    const key = treeKey(tree);
    const staged = this.#staged.get(key) ?? new Map<string, Uint8Array>();
    return {
      height: this.tileHeight,
      readTiles: (tiles) => tiles.map((t) => this.#trustedData(t) ?? staged.get(tilePath(t)) ?? this.#pending.get(tilePath(t))),
      saveTiles: (tiles, data) => {
        if (!trustedTree) this.#staged.set(key, staged);
        tiles.forEach((t, i) => (trustedTree ? this.#trust(tilePath(t), data[i]!) : staged.set(tilePath(t), data[i]!)));
      },
      authenticatedTile: trustedTree ? (t) => this.#trustedData(t) : undefined,
    };
  }

  /** A trusted tile, or the prefix of its trusted full tile. */
  #trustedData(t: Tile): Uint8Array | undefined {
    const exact = this.#trusted.get(tilePath(t));
    if (exact !== undefined || t.w === 2 ** t.h) return exact;
    return this.#trusted.get(tilePath({ ...t, w: 2 ** t.h }))?.subarray(0, t.w * HASH_SIZE);
  }

  #trust(path: string, data: Uint8Array): void {
    this.#pending.delete(path);
    if (this.#trusted.has(path)) return;
    this.#trusted.set(path, data);
    this.#cacheWrites.push({ key: `${this.name}/${path}`, data });
  }
}
