// Drives the core's sans-IO checksum-database client (core/src/go/sumdb.ts)
// against a real database: answers its requests from the on-disk cache or
// over HTTP, writes back what it verified, and keeps the latest signed tree
// head per database so every new head must prove it extends the remembered
// one (a fork or rollback stops with M074_SUMDB_E001 and both heads).
//
//   <cache>/go/sumdb/<name>/latest           the remembered signed tree head
//   <cache>/go/sumdb/<name>/lookup/<M>@<V>    verified lookup responses
//   <cache>/go/sumdb/<name>/tile/...          authenticated tiles
//
// Two processes may share the cache: after each operation the head on disk
// is read again and merged (proving consistency) before ours replaces it.

import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { MochiError, isMochiError, type Hashing } from "@mochi-pkg/core";
import {
  SumdbClient,
  proxySumdbURLs,
  type GoEnv,
  type GoSumDb,
  type LookupResult,
  type SumdbStep,
  type Tree,
} from "@mochi-pkg/core/go";
import { writeFileAtomic } from "./atomic-file.js";
import type { HttpClient } from "./http.js";

/** Tiles are at most 2^8 hashes of 32 bytes; lookups and notes are small. */
const MAX_RESPONSE = 1 << 20;

export interface VerifiedLookup extends LookupResult {
  /** The database's name and the size of the tree that proved the record. */
  readonly sumdb: string;
  readonly treeSize: number;
}

export class ChecksumDb {
  readonly name: string;
  readonly #db: GoSumDb;
  readonly #env: GoEnv;
  readonly #http: HttpClient;
  readonly #dir: string;
  readonly #client: SumdbClient;
  /** Cache files this process read (and so need not write back). */
  readonly #cached = new Set<string>();
  #base: Promise<string> | undefined;

  private constructor(db: GoSumDb, env: GoEnv, http: HttpClient, cacheRoot: string, client: SumdbClient) {
    this.#db = db;
    this.#env = env;
    this.#http = http;
    this.#client = client;
    this.name = client.name;
    this.#dir = join(cacheRoot, "go", "sumdb");
  }

  static async open(db: GoSumDb, env: GoEnv, http: HttpClient, cacheRoot: string, hashing: Hashing): Promise<ChecksumDb> {
    const latest = await readOptional(join(cacheRoot, "go", "sumdb", db.name, "latest"));
    const client = new SumdbClient({ verifierKey: db.verifierKey, latest: latest ?? "", hashing });
    return new ChecksumDb(db, env, http, cacheRoot, client);
  }

  get latestTree(): Tree {
    return this.#client.latestTree;
  }

  /** The go.sum lines the database holds for module@version (version may end in /go.mod), verified. */
  async lookup(module: string, version: string): Promise<VerifiedLookup> {
    const result = await this.#run(() => this.#client.lookup(module, version));
    await this.#persist();
    return { ...result, sumdb: this.name, treeSize: this.#client.latestTree.n };
  }

  /** Fetches /latest and merges it: proves the database's newest head extends the remembered one. */
  async refresh(): Promise<Tree> {
    const note = await this.#fetch("/latest");
    const tree = await this.#run(() => this.#client.mergeLatest(note));
    await this.#persist();
    return tree;
  }

  /**
   * Runs one client operation to completion, answering its requests from the
   * cache first. Cached data is verified like fetched data; if the operation
   * fails after reading the cache, the cached files it used are deleted and
   * it runs once more from the network, so a damaged cache heals itself.
   */
  async #run<T>(step: () => SumdbStep<T>): Promise<T> {
    const fromCache = new Set<string>();
    try {
      return await this.#drive(step, fromCache);
    } catch (e) {
      if (fromCache.size === 0 || !isMochiError(e)) throw e;
      for (const key of fromCache) this.#cached.delete(key);
      await Promise.all([...fromCache].map((key) => rm(join(this.#dir, key), { force: true })));
      return this.#drive(step, undefined);
    }
  }

  async #drive<T>(step: () => SumdbStep<T>, fromCache: Set<string> | undefined): Promise<T> {
    for (let round = 0; ; round++) {
      const s = step();
      if (s.kind === "done") return s.value;
      if (round > 64) throw new Error("checksum database client asked for data in more than 64 rounds");
      await Promise.all(
        s.requests.map(async (r) => {
          const cached = fromCache === undefined ? undefined : await readOptionalBytes(join(this.#dir, r.cacheKey));
          if (cached !== undefined) {
            fromCache!.add(r.cacheKey);
            this.#cached.add(r.cacheKey);
          }
          this.#client.supply(r.path, cached ?? (await this.#fetchWithFallback(r.path, r.fallbackPath)));
        }),
      );
    }
  }

  /** Writes what the client verified and the cache lacks. */
  async #writeCache(): Promise<void> {
    for (const w of this.#client.takeCacheWrites()) {
      if (this.#cached.has(w.key)) continue;
      await writeFileAtomic(join(this.#dir, w.key), w.data);
      this.#cached.add(w.key);
    }
  }

  async #persist(): Promise<void> {
    await this.#writeCache();
    const path = join(this.#dir, this.#client.latestConfigKey);
    const onDisk = await readOptional(path);
    // Another process may have remembered a newer head meanwhile: merging it
    // proves it consistent with ours (or throws the fork error) and keeps the larger.
    if (onDisk !== undefined && onDisk !== "" && onDisk !== this.#client.latestNote) {
      await this.#run(() => this.#client.mergeLatest(onDisk));
      await this.#writeCache();
    }
    if (this.#client.latestNote !== "" && this.#client.latestNote !== onDisk) await writeFileAtomic(path, this.#client.latestNote);
  }

  async #fetchWithFallback(path: string, fallback: string | undefined): Promise<Uint8Array> {
    try {
      return await this.#fetch(path);
    } catch (e) {
      // A partial tile disappears once the tile fills up: the full tile holds it.
      if (fallback !== undefined && isMochiError(e, "M074_PROXY_E002")) return this.#fetch(fallback);
      throw e;
    }
  }

  async #fetch(path: string): Promise<Uint8Array> {
    const url = `${await this.#baseUrl()}${path}`;
    const res = await this.#http.get(url, { maxBytes: MAX_RESPONSE });
    if (res.status === 200) return res.body;
    const body = new TextDecoder().decode(res.body.subarray(0, 300)).trim();
    const code = res.status === 404 || res.status === 410 ? "M074_PROXY_E002" : "M074_PROXY_E003";
    throw new MochiError(code, `${url}: HTTP ${res.status}${body ? `: ${body}` : ""}`);
  }

  /** GOSUMDB's URL, else the first proxy that says it serves this database, else https://<name>. */
  #baseUrl(): Promise<string> {
    this.#base ??= (async () => {
      if (this.#db.url !== undefined) return this.#db.url.replace(/\/+$/, "");
      for (const entry of this.#env.proxies) {
        if (entry.url === "noproxy") continue;
        if (entry.url === "direct" || entry.url === "off") break;
        const { supported, base } = proxySumdbURLs(entry.url, this.name);
        const ok = await this.#http.get(supported, { maxBytes: MAX_RESPONSE }).then(
          (r) => (r.status === 200 ? true : r.status === 404 || r.status === 410 ? false : undefined),
          () => undefined,
        );
        if (ok === true) return base;
        if (ok === undefined && !entry.fallbackOnAnyError) break;
      }
      return this.#db.directUrl;
    })();
    return this.#base;
  }
}

/**
 * Cache files are small (a tile is at most 8 KiB), and a synchronous read
 * costs a few microseconds where fs.promises' thread-pool round trips cost
 * a hundred; verifying a warm lookup makes two of them.
 */
async function readOptionalBytes(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  const bytes = await readOptionalBytes(path);
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}
