// Go module supply chain for the Node host: resolve a version query, fetch
// .info/.mod/.zip through GOPROXY, check the zip against golang.org/x/mod/zip's
// rules, compute the h1: hashes, verify them against the checksum database
// (unless GONOSUMDB/GOPRIVATE/GOSUMDB=off exempt the module), and only then
// write the module cache. `verifyCache` re-hashes and re-checks everything.

import { homedir } from "node:os";
import { join } from "node:path";
import { MochiError, isMochiError, utf8DecodeStrict, type Hashing } from "@mochi-pkg/core";
import {
  checkPath,
  checkPathVersion,
  checkZip,
  checkedFilesError,
  goEnvFromRecord,
  hashGoMod,
  hashZip,
  isRetracted,
  matchPrefixPatterns,
  noSumDbFor,
  parseGoMod,
  parseQuery,
  selectVersion,
  type GoEnv,
  type ZipReadOptions,
} from "@mochi-pkg/core/go";
import { sumdbRecordHash } from "@mochi-pkg/core/lockfile";
import { ChecksumDb } from "./checksum-db.js";
import { nodeHashing } from "./kernels.js";
import { nodeZipOptions } from "./zip-inflate.js";
import { GoProxyClient } from "./goproxy-client.js";
import { HttpClient } from "./http.js";
import { ModuleCache, type CacheEntry, type ModuleFiles, type Verification } from "./module-cache.js";

export interface GoModulesOptions {
  /** The process environment (GOPROXY, GOSUMDB, GOPRIVATE, ... and MOCHI_PKG_CACHE). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly hashing: Hashing;
  /** Default: $MOCHI_PKG_CACHE, else $XDG_CACHE_HOME/mochi-pkg, else ~/.cache/mochi-pkg. */
  readonly cacheRoot?: string;
  readonly http?: HttpClient;
  /** How zip entries are inflated (the Node host passes node:zlib). */
  readonly zipOptions?: ZipReadOptions;
  /** Told about every file fetched from a module proxy (not from the cache), with its size. */
  readonly onFetched?: (what: string, bytes: number) => void;
}

export interface Downloaded {
  readonly path: string;
  readonly version: string;
  /** The go.sum hashes: `h1:` of the zip and of the go.mod. */
  readonly sum: string;
  readonly goModSum: string;
  readonly verification: Verification;
  /** True when the cache already held it, intact. */
  readonly cached: boolean;
  readonly entry: CacheEntry;
  readonly files: ModuleFiles;
}

export interface Resolved {
  readonly version: string;
  /** The module's own go.mod retracts this version (it was asked for exactly, or nothing else was left). */
  readonly retracted: boolean;
}

export type CacheCheck =
  | { readonly path: string; readonly version: string; readonly status: "ok"; readonly verification: Verification }
  | { readonly path: string; readonly version: string; readonly status: "damaged" | "mismatch"; readonly detail: string };

export function defaultCacheRoot(env: Readonly<Record<string, string | undefined>>): string {
  if (env.MOCHI_PKG_CACHE) return env.MOCHI_PKG_CACHE;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "mochi-pkg");
  return join(homedir(), ".cache", "mochi-pkg");
}

export class GoModules {
  readonly env: GoEnv;
  readonly cache: ModuleCache;
  readonly proxy: GoProxyClient;
  readonly #hashing: Hashing;
  readonly #http: HttpClient;
  readonly #ownsHttp: boolean;
  readonly #zipOptions: ZipReadOptions;
  readonly #onFetched: (what: string, bytes: number) => void;
  #sumdb: Promise<ChecksumDb> | undefined;

  constructor(options: GoModulesOptions) {
    this.env = goEnvFromRecord(options.env);
    this.#hashing = options.hashing;
    this.#ownsHttp = options.http === undefined;
    this.#http = options.http ?? new HttpClient();
    this.#zipOptions = options.zipOptions ?? {};
    this.#onFetched = options.onFetched ?? (() => {});
    this.cache = new ModuleCache(options.cacheRoot ?? defaultCacheRoot(options.env), options.hashing);
    this.proxy = new GoProxyClient(this.env, this.#http);
  }

  async close(): Promise<void> {
    if (this.#ownsHttp) await this.#http.close();
  }

  /** The checksum database GOSUMDB names (opened once, its latest head loaded from the cache). */
  checksumDb(): Promise<ChecksumDb> {
    const db = this.env.gosumdb;
    if (db === "off") throw new Error("GOSUMDB=off: no checksum database");
    this.#sumdb ??= ChecksumDb.open(db, this.env, this.#http, this.cache.root, this.#hashing);
    return this.#sumdb;
  }

  /** Resolves `query` (a version, latest, v1, v1.2, >=v1.2.0, ...) to one version of `module`. */
  async resolve(module: string, query: string): Promise<Resolved> {
    checkPath(module, module);
    const q = parseQuery(query, `${module}@${query}`);
    if (q.kind === "exact") {
      checkPathVersion(module, q.version, `${module}@${q.version}`);
      return { version: q.version, retracted: await this.#retracts(module, undefined, q.version) };
    }
    const versions = await this.proxy.list(module).catch((e) => {
      if (isMochiError(e, "M074_PROXY_E002")) return [];
      throw e;
    });
    // Retractions come from the go.mod of the newest version, retracted or not (as cmd/go reads them).
    const newest = selectVersion({ kind: "latest" }, versions, () => false)?.version;
    const retractedSet = new Set<string>();
    if (newest !== undefined) {
      for (const v of versions) if (await this.#retracts(module, newest, v)) retractedSet.add(v);
    }
    const chosen = selectVersion(q, versions, (v) => retractedSet.has(v));
    if (chosen !== undefined) return chosen;
    if (q.kind === "latest") {
      const latest = await this.proxy.latest(module);
      if (latest !== undefined) return { version: latest.version, retracted: false };
    }
    throw new MochiError("M074_QUERY_E003", `no version of ${module} matches ${JSON.stringify(query)}${versions.length ? ` (known: ${versions.join(", ")})` : ""}`, {
      where: `${module}@${query}`,
    });
  }

  /** Whether the go.mod of `source` (default: the newest tagged version) retracts `version`. */
  async #retracts(module: string, source: string | undefined, version: string): Promise<boolean> {
    const from = source ?? (await this.#newest(module));
    if (from === undefined) return false;
    const mod = await this.goMod(module, from);
    const text = utf8DecodeStrict(mod) ?? "";
    return isRetracted(parseGoMod(text, `${module}@${from}/go.mod`, { lax: true }), version);
  }

  async #newest(module: string): Promise<string | undefined> {
    const versions = await this.proxy.list(module).catch(() => []);
    return selectVersion({ kind: "latest" }, versions, () => false)?.version;
  }

  /** A go.mod, from the cache or fetched, checked against the checksum database and cached. */
  async goMod(module: string, version: string): Promise<Uint8Array> {
    return (await this.goModWithSum(module, version)).bytes;
  }

  /** A go.mod and its go.sum hash (`h1:` of the go.mod alone), verified. */
  async goModWithSum(module: string, version: string): Promise<{ bytes: Uint8Array; h1: string }> {
    const cached = await this.cache.readMod(module, version);
    if (cached !== undefined) return { bytes: cached, h1: hashGoMod(cached, this.#hashing) };
    checkPathVersion(module, version, `${module}@${version}`);
    const mod = await this.proxy.mod(module, version);
    this.#onFetched(`${module}@${version}/go.mod`, mod.length);
    const h1 = hashGoMod(mod, this.#hashing);
    await this.cache.writeMod(module, version, mod, h1, await this.#verify(module, version, undefined, h1));
    return { bytes: mod, h1 };
  }

  /** Downloads module@version (exact), verified, into the cache; an intact cached copy is used as is. */
  async download(module: string, version: string): Promise<Downloaded> {
    checkPathVersion(module, version, `${module}@${version}`);
    const hit = await this.cache.read(module, version);
    if (hit !== undefined) return this.#result(hit.entry, hit.files, true);
    const [{ info, bytes: infoBytes }, mod, zip] = await Promise.all([
      this.proxy.info(module, version),
      this.proxy.mod(module, version),
      this.proxy.zip(module, version),
    ]);
    this.#onFetched(`${module}@${version}`, zip.length + mod.length + infoBytes.length);
    if (info.version !== version) {
      throw new MochiError("M074_PROXY_E005", `proxy returned info for version ${info.version} instead of requested version ${version}`, {
        where: `${module}@${version}`,
      });
    }
    const problem = checkedFilesError(checkZip(module, version, zip, this.#zipOptions));
    if (problem !== undefined) {
      throw new MochiError(problem.code, `${module}@${version}.zip: ${problem.detail}`, { where: problem.where, cause: problem });
    }
    const zipH1 = hashZip(zip, this.#hashing, this.#zipOptions);
    const modH1 = hashGoMod(mod, this.#hashing);
    const verification = await this.#verify(module, version, zipH1, modH1);
    const files = { info: infoBytes, mod, zip };
    const entry = await this.cache.write(module, version, files, { zipH1, modH1 }, verification);
    return this.#result(entry, files, false);
  }

  #result(entry: CacheEntry, files: ModuleFiles, cached: boolean): Downloaded {
    return { path: entry.module, version: entry.version, sum: entry.zip.h1, goModSum: entry.mod.h1, verification: entry.verification, cached, entry, files };
  }

  /**
   * Checks the hashes against the checksum database, or records why none was
   * asked. A hash the database disagrees with is a security error naming both.
   */
  async #verify(module: string, version: string, zipH1: string | undefined, modH1: string): Promise<Verification> {
    if (this.env.gosumdb === "off") return { kind: "unverified", reason: "GOSUMDB=off" };
    if (noSumDbFor(this.env, module)) {
      const via = matchPrefixPatterns(this.env.goprivate, module) && this.env.gonosumdb === this.env.goprivate ? "GOPRIVATE" : "GONOSUMDB";
      return { kind: "unverified", reason: via };
    }
    const db = await this.checksumDb();
    const checks: [string, string][] = [[`${version}/go.mod`, modH1]];
    if (zipH1 !== undefined) checks.unshift([version, zipH1]);
    let found = { id: 0, treeSize: 0, text: "" };
    for (const [v, h1] of checks) {
      const record = await db.lookup(module, v);
      found = { id: record.id, treeSize: record.treeSize, text: record.text };
      const want = record.lines.map((line) => line.split(" ")[2]);
      if (!want.includes(h1)) {
        throw new MochiError(
          "M074_VERIFY_E001",
          `SECURITY ERROR: checksum mismatch for ${module} ${v}\n  downloaded: ${h1}\n  ${db.name} (record ${record.id}, tree size ${record.treeSize}): ${want.join(", ")}`,
          { where: `${module}@${v}`, hint: "the module proxy served bytes the checksum database does not vouch for; nothing was written to the cache. Try another GOPROXY and report the proxy" },
        );
      }
    }
    return { kind: "sumdb", sumdb: db.name, recordId: found.id, treeSize: found.treeSize, recordHash: sumdbRecordHash(found.text, this.#hashing) };
  }

  /** Re-hashes every cached module and re-checks it against the checksum database. */
  async verifyCache(): Promise<CacheCheck[]> {
    const out: CacheCheck[] = [];
    for (const { module, version } of await this.cache.list()) {
      const hit = await this.cache.read(module, version);
      if (hit === undefined) {
        await this.cache.remove(module, version);
        out.push({ path: module, version, status: "damaged", detail: "a cached file is missing or does not match its hash; the entry was removed and will be downloaded again" });
        continue;
      }
      const zipH1 = hashZip(hit.files.zip, this.#hashing, this.#zipOptions);
      const modH1 = hashGoMod(hit.files.mod, this.#hashing);
      if (zipH1 !== hit.entry.zip.h1 || modH1 !== hit.entry.mod.h1) {
        await this.cache.remove(module, version);
        out.push({ path: module, version, status: "mismatch", detail: `h1 changed: zip ${hit.entry.zip.h1} -> ${zipH1}, go.mod ${hit.entry.mod.h1} -> ${modH1}; the entry was removed` });
        continue;
      }
      try {
        const verification = await this.#verify(module, version, zipH1, modH1);
        out.push({ path: module, version, status: "ok", verification });
      } catch (e) {
        if (!isMochiError(e, "M074_VERIFY_E001")) throw e;
        await this.cache.remove(module, version);
        out.push({ path: module, version, status: "mismatch", detail: e.detail });
      }
    }
    return out;
  }
}

/** GoModules as the CLI uses it: the process environment, node:crypto SHA-256, node:zlib inflate. */
export async function openGoModules(env: Readonly<Record<string, string | undefined>>): Promise<GoModules> {
  return new GoModules({ env, hashing: await nodeHashing(), zipOptions: nodeZipOptions });
}
