// The module cache: what was downloaded for each module version, by content.
//
//   <root>/blobs/blake3/..                 the bytes (BlobStore)
//   <root>/go/index/<M>/@v/<V>.json         one entry per module version
//
// <M> and <V> are `!`-escaped as in the GOPROXY URL space. An entry names the
// BLAKE3 of the .info, .mod and .zip blobs, the h1 hashes go.sum records, and
// how the module was verified. Only verified downloads are written (or ones
// the user exempted from the checksum database, recorded as such). Reading
// re-checks every blob's hash, so a damaged entry reads as absent and is
// fetched again.

import { readdir, readFile, rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Hashing } from "@mochi-pkg/core";
import { escapePath, escapeVersion, unescapePath, unescapeVersion } from "@mochi-pkg/core/go";
import { BlobStore } from "./blob-store.js";
import { writeFileAtomic } from "./atomic-file.js";

/**
 * The index entries' format. An entry of another schema reads as absent, so
 * the module is fetched and verified again (2: verification records the
 * checksum-database record's hash).
 */
export const ENTRY_SCHEMA = 2;

/** How a module version's hashes were established. */
export type Verification =
  | {
      readonly kind: "sumdb";
      /** The checksum database's name, e.g. sum.golang.org. */
      readonly sumdb: string;
      /** The record's id and the size of the signed tree that proved its inclusion. */
      readonly recordId: number;
      readonly treeSize: number;
      /** Lowercase hex SHA-256 of the record's text as the database served it (the lock's sumdb-record-hash). */
      readonly recordHash: string;
    }
  | {
      readonly kind: "unverified";
      /** Why no checksum database was asked: "GONOSUMDB", "GOPRIVATE" or "GOSUMDB=off". */
      readonly reason: string;
    };

export interface ModuleFiles {
  readonly info: Uint8Array;
  readonly mod: Uint8Array;
  readonly zip: Uint8Array;
}

export interface CacheEntry {
  readonly schema: typeof ENTRY_SCHEMA;
  readonly module: string;
  readonly version: string;
  readonly info: { readonly blake3: string };
  readonly mod: { readonly blake3: string; readonly h1: string };
  readonly zip: { readonly blake3: string; readonly h1: string; readonly size: number };
  readonly verification: Verification;
}

/** A go.mod cached without its module: `<V>.mod.json` beside the entries. */
interface ModEntry {
  readonly schema: typeof ENTRY_SCHEMA;
  readonly module: string;
  readonly version: string;
  readonly mod: { readonly blake3: string; readonly h1: string };
  readonly verification: Verification;
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch {
    return undefined; // absent or unreadable: fetched again
  }
}

export class ModuleCache {
  readonly root: string;
  readonly blobs: BlobStore;

  constructor(root: string, hashing: Hashing) {
    this.root = root;
    this.blobs = new BlobStore(join(root, "blobs"), hashing);
  }

  indexPath(module: string, version: string): string {
    return join(this.root, "go", "index", ...escapePath(module).split("/"), "@v", `${escapeVersion(version)}.json`);
  }

  async readEntry(module: string, version: string): Promise<CacheEntry | undefined> {
    const entry = await readJson<CacheEntry>(this.indexPath(module, version));
    if (entry === undefined || entry.schema !== ENTRY_SCHEMA || entry.module !== module || entry.version !== version) return undefined;
    return entry;
  }

  /** The entry and its files, if every blob is present and intact. */
  async read(module: string, version: string): Promise<{ entry: CacheEntry; files: ModuleFiles } | undefined> {
    const entry = await this.readEntry(module, version);
    if (entry === undefined) return undefined;
    const [info, mod, zip] = await Promise.all([
      this.blobs.get(entry.info.blake3),
      this.blobs.get(entry.mod.blake3),
      this.blobs.get(entry.zip.blake3),
    ]);
    if (info === undefined || mod === undefined || zip === undefined) return undefined;
    return { entry, files: { info, mod, zip } };
  }

  modIndexPath(module: string, version: string): string {
    return this.indexPath(module, version).replace(/\.json$/, ".mod.json");
  }

  /**
   * The go.mod alone, if present and intact: from the module's entry, or
   * from a go.mod-only entry (MVS reads many go.mod files whose zips are
   * never needed).
   */
  async readMod(module: string, version: string): Promise<Uint8Array | undefined> {
    const entry = await this.readEntry(module, version);
    if (entry !== undefined) return this.blobs.get(entry.mod.blake3);
    const modEntry = await readJson<ModEntry>(this.modIndexPath(module, version));
    if (modEntry === undefined || modEntry.schema !== ENTRY_SCHEMA || modEntry.module !== module || modEntry.version !== version) return undefined;
    return this.blobs.get(modEntry.mod.blake3);
  }

  /** Records a verified go.mod without its zip. */
  async writeMod(module: string, version: string, mod: Uint8Array, modH1: string, verification: Verification): Promise<void> {
    const entry: ModEntry = { schema: ENTRY_SCHEMA, module, version, mod: { blake3: await this.blobs.put(mod), h1: modH1 }, verification };
    await writeFileAtomic(this.modIndexPath(module, version), `${JSON.stringify(entry, null, 2)}\n`);
  }

  async write(
    module: string,
    version: string,
    files: ModuleFiles,
    hashes: { readonly modH1: string; readonly zipH1: string },
    verification: Verification,
  ): Promise<CacheEntry> {
    const [info, mod, zip] = [await this.blobs.put(files.info), await this.blobs.put(files.mod), await this.blobs.put(files.zip)];
    const entry: CacheEntry = {
      schema: ENTRY_SCHEMA,
      module,
      version,
      info: { blake3: info },
      mod: { blake3: mod, h1: hashes.modH1 },
      zip: { blake3: zip, h1: hashes.zipH1, size: files.zip.length },
      verification,
    };
    await writeFileAtomic(this.indexPath(module, version), `${JSON.stringify(entry, null, 2)}\n`);
    return entry;
  }

  async remove(module: string, version: string): Promise<void> {
    await rm(this.indexPath(module, version), { force: true });
  }

  /** Every module version in the cache, sorted by module then version file name. */
  async list(): Promise<{ module: string; version: string }[]> {
    const base = join(this.root, "go", "index");
    const out: { module: string; version: string }[] = [];
    const walk = async (dir: string): Promise<void> => {
      let names: string[];
      try {
        names = (await readdir(dir)).sort();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
        throw e;
      }
      for (const name of names) {
        const path = join(dir, name);
        if (name === "@v") {
          const module = unescapePath(relative(base, dir).split(sep).join("/"));
          for (const file of (await readdir(path)).sort()) {
            if (file.endsWith(".json") && !file.endsWith(".mod.json")) out.push({ module, version: unescapeVersion(file.slice(0, -5)) });
          }
        } else if (!name.startsWith(".")) {
          await walk(path);
        }
      }
    };
    await walk(base);
    return out;
  }
}
