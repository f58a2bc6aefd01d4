// The Mochi package registry on the Node host (docs/registry.md): the
// embedded fixture registry built from fixtures/registry and served on
// 127.0.0.1, the HTTP client of any such registry (index files, config.json,
// archives checked against the index's BLAKE3), and
// resolveMochiDependencies, which drives the sans-IO resolver of
// core/src/resolve/mochi.ts with that client.
//
// The fixture registry is built in memory at start, like the Go fixture
// registry: every version directory's files are packed into the
// deterministic archive, its mochi.toml becomes the index line, and
// yanked.json marks yanked versions. Two builds give identical bytes.

import { readdir, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { MochiError, compareUtf8, hexEncode, utf8Encode, type Hashing } from "@mochi-pkg/core";
import type { Lockfile } from "@mochi-pkg/core/lockfile";
import { parseManifest, type Manifest, type WorkspaceMemberManifest } from "@mochi-pkg/core/manifest";
import {
  archivePath,
  formatIndexFile,
  formatRegistryConfig,
  indexEntryFromManifest,
  indexPath,
  indexSnapshot,
  packArchive,
  parseIndexFile,
  parseRegistryConfig,
  type ArchiveFile,
  type IndexEntry,
  type RegistryConfig,
} from "@mochi-pkg/core/registry";
import { resolveMochi, type MochiResolution, type OsArch } from "@mochi-pkg/core/resolve";
import { defaultFixturesRoot } from "./fixture-registry.js";
import { HttpClient } from "./http.js";
import { nodeHashing } from "./kernels.js";

/** The repository's fixture Mochi registry: fixtures/registry. */
export function defaultMochiRegistryRoot(): string {
  return join(defaultFixturesRoot(), "registry");
}

const versionId = (name: string, version: string): string => `${name}@${version}`;

const blake3Of = (bytes: Uint8Array, hashing: Hashing): string => `blake3-256:${hexEncode(hashing.digest("blake3", bytes))}`;

// ---------------------------------------------------------------- building

/** One served package version. */
export interface MochiFixturePackage {
  readonly name: string;
  readonly version: string;
  readonly yanked: boolean;
  readonly entry: IndexEntry;
  readonly archive: Uint8Array;
}

export interface MochiFixtureRegistry {
  readonly config: RegistryConfig;
  /** Sorted by name, then version as in the index. */
  readonly packages: readonly MochiFixturePackage[];
  /** Served path (no leading "/") -> body: config.json, index files, archives. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

export interface MochiRegistryBuildOptions {
  /** `<name>@<version>`s left out, as if not published yet (tests of a registry that moves on). */
  readonly omit?: readonly string[];
  /** `<name>@<version>`s yanked on top of yanked.json. */
  readonly yank?: readonly string[];
}

async function readLocal(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new MochiError("M057_INDEX_E001", `cannot read ${path}: ${(e as Error).message}`, { where: path, cause: e });
  }
}

async function listDir(dir: string): Promise<{ name: string; isDir: boolean; isFile: boolean }[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isDir: e.isDirectory(), isFile: e.isFile() })).sort((a, b) => compareUtf8(a.name, b.name));
  } catch (e) {
    throw new MochiError("M057_INDEX_E001", `cannot list ${dir}: ${(e as Error).message}`, { where: dir, cause: e });
  }
}

/** The regular files under dir, with "/"-separated relative paths (symbolic links and others are not package files). */
async function readFiles(dir: string, prefix = ""): Promise<ArchiveFile[]> {
  const out: ArchiveFile[] = [];
  for (const e of await listDir(dir)) {
    if (e.isDir) out.push(...(await readFiles(join(dir, e.name), `${prefix}${e.name}/`)));
    else if (e.isFile) out.push({ path: prefix + e.name, data: await readLocal(join(dir, e.name)) });
  }
  return out;
}

/** packages/<name>/<version>/ directories: a directory starting with "@" is a scope holding names. */
async function versionDirs(packagesDir: string): Promise<{ name: string; version: string; dir: string }[]> {
  const out: { name: string; version: string; dir: string }[] = [];
  const names: { name: string; dir: string }[] = [];
  for (const e of await listDir(packagesDir)) {
    if (!e.isDir) continue;
    if (!e.name.startsWith("@")) names.push({ name: e.name, dir: join(packagesDir, e.name) });
    else for (const s of await listDir(join(packagesDir, e.name))) if (s.isDir) names.push({ name: `${e.name}/${s.name}`, dir: join(packagesDir, e.name, s.name) });
  }
  for (const n of names) for (const v of await listDir(n.dir)) if (v.isDir) out.push({ name: n.name, version: v.name, dir: join(n.dir, v.name) });
  return out;
}

function versionList(list: unknown, where: string): string[] {
  if (!Array.isArray(list) || !list.every((x) => typeof x === "string")) {
    throw new MochiError("M057_INDEX_E001", `expected a JSON array of "<name>@<version>" strings, got ${JSON.stringify(list)}`, { where });
  }
  return list as string[];
}

/**
 * Builds the registry from `root` (config.json, yanked.json and
 * packages/<name>/<version>/ with a mochi.toml each): each version's
 * archive, index line and the served files.
 */
export async function buildMochiRegistry(root: string, hashing: Hashing, options: MochiRegistryBuildOptions = {}): Promise<MochiFixtureRegistry> {
  const configPath = join(root, "config.json");
  const config = parseRegistryConfig(await readLocal(configPath), configPath);
  const yankedPath = join(root, "yanked.json");
  let yankedJson: unknown;
  try {
    yankedJson = JSON.parse((await readLocal(yankedPath)).toString("utf8"));
  } catch (e) {
    if (e instanceof MochiError) throw e;
    throw new MochiError("M057_INDEX_E001", `yanked.json is not JSON: ${(e as Error).message}`, { where: yankedPath, cause: e });
  }
  const yanked = new Set([...versionList(yankedJson, yankedPath), ...(options.yank ?? [])]);
  const omit = new Set(options.omit ?? []);

  const built: MochiFixturePackage[] = [];
  const found = new Set<string>();
  for (const v of await versionDirs(join(root, "packages"))) {
    const files = await readFiles(v.dir);
    const manifestFile = join(v.dir, "mochi.toml");
    const toml = files.find((f) => f.path === "mochi.toml");
    if (toml === undefined) throw new MochiError("M057_REGISTRY_E027", `${versionId(v.name, v.version)} has no mochi.toml`, { where: v.dir });
    const manifest = parseManifest(toml.data, { file: manifestFile });
    const pkg = manifest.package;
    if (pkg?.name !== v.name || pkg.version !== v.version) {
      const holds = pkg === undefined ? "no [package]" : `${JSON.stringify(pkg.name)} ${JSON.stringify(pkg.version)}`;
      throw new MochiError("M057_REGISTRY_E027", `the directory of ${versionId(v.name, v.version)} holds ${holds}`, { where: manifestFile });
    }
    const id = versionId(v.name, v.version);
    found.add(id);
    if (omit.has(id)) continue;
    const archive = packArchive(v.name, v.version, files);
    const entry = indexEntryFromManifest(manifest, { blake3: blake3Of(archive, hashing), yanked: yanked.has(id) }, manifestFile);
    built.push({ name: v.name, version: v.version, yanked: entry.yanked, entry, archive });
  }
  for (const id of [...yanked, ...omit]) {
    if (!found.has(id)) throw new MochiError("M057_REGISTRY_E028", `${JSON.stringify(id)} is not a fixture package version`, { where: yanked.has(id) ? "yanked" : "omit" });
  }

  const files = new Map<string, Uint8Array>([["config.json", utf8Encode(formatRegistryConfig(config))]]);
  const byName = new Map<string, MochiFixturePackage[]>();
  for (const p of built) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const packages: MochiFixturePackage[] = [];
  for (const [name, versions] of [...byName].sort(([a], [b]) => compareUtf8(a, b))) {
    const text = formatIndexFile(versions.map((p) => p.entry));
    // Reading the index back checks what one file must hold (a version twice: M057_REGISTRY_E007).
    const order = parseIndexFile(name, text, join(root, "packages", name)).map((e) => e.version);
    files.set(indexPath(name), utf8Encode(text));
    for (const version of order) {
      const p = versions.find((x) => x.version === version)!;
      files.set(archivePath(name, version), p.archive);
      packages.push(p);
    }
  }
  return { config, packages, files };
}

// ---------------------------------------------------------------- serving

export interface MochiRegistryServerOptions extends MochiRegistryBuildOptions {
  /** A registry source directory; fixtures/registry by default. */
  readonly root?: string;
  readonly hashing?: Hashing;
  /** 0 (the default) picks a free port. The host is always 127.0.0.1. */
  readonly port?: number;
  /** `<name>@<version>`: serve that archive with its last byte flipped (the index stays honest). */
  readonly tamperArchive?: string;
}

export interface MochiRegistryServer {
  /** `http://127.0.0.1:<port>`: the registry's base URL (MOCHI_REGISTRY). */
  readonly url: string;
  /** The registry's name from config.json: sources are locked as "registry:<name>". */
  readonly name: string;
  readonly registry: MochiFixtureRegistry;
  close(): Promise<void>;
}

const TYPES: readonly [RegExp, string][] = [
  [/^config\.json$/, "application/json"],
  [/^index\//, "text/plain; charset=utf-8"],
  [/\.tar$/, "application/x-tar"],
];

/** Archives never change once published; index files and config.json do, so they are revalidated. */
const cacheControl = (path: string): string => (path.endsWith(".tar") ? "public, max-age=31536000, immutable" : "no-cache");

function respond(files: ReadonlyMap<string, Uint8Array>, etags: ReadonlyMap<string, string>, req: IncomingMessage, res: ServerResponse): void {
  const send = (status: number, headers: Record<string, string | number>, body: Uint8Array): void => {
    res.writeHead(status, { ...headers, "content-length": body.length });
    res.end(req.method === "HEAD" ? undefined : body);
  };
  const text = (status: number, message: string, extra: Record<string, string> = {}): void =>
    send(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache", ...extra }, utf8Encode(`${message}\n`));
  if (req.method !== "GET" && req.method !== "HEAD") return text(405, `method ${req.method ?? ""} not allowed`, { allow: "GET, HEAD" });
  let path: string;
  try {
    path = decodeURIComponent((req.url ?? "/").split("?", 1)[0]!).replace(/^\//, "");
  } catch {
    return text(400, `bad request: malformed percent-escape in ${JSON.stringify(req.url)}`);
  }
  const body = files.get(path);
  if (body === undefined) return text(404, `not found: /${path}`);
  const etag = etags.get(path)!;
  const headers = { etag, "cache-control": cacheControl(path), "content-type": TYPES.find(([re]) => re.test(path))![1] };
  const inm = req.headers["if-none-match"];
  if (inm !== undefined && inm.split(",").some((t) => t.trim() === etag || t.trim() === "*")) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  send(200, headers, body);
}

/** Builds the fixture Mochi registry and serves it on 127.0.0.1 until close(). */
export async function startMochiRegistry(options: MochiRegistryServerOptions = {}): Promise<MochiRegistryServer> {
  const hashing = options.hashing ?? (await nodeHashing());
  const registry = await buildMochiRegistry(options.root ?? defaultMochiRegistryRoot(), hashing, options);
  const files = new Map(registry.files);
  if (options.tamperArchive !== undefined) {
    const p = registry.packages.find((x) => versionId(x.name, x.version) === options.tamperArchive);
    if (p === undefined) throw new MochiError("M057_REGISTRY_E028", `${JSON.stringify(options.tamperArchive)} is not a fixture package version`, { where: "tamperArchive" });
    const bad = p.archive.slice();
    bad[512]! ^= 0x01; // the first byte of the first file's contents
    files.set(archivePath(p.name, p.version), bad);
  }
  const etags = new Map([...files].map(([path, body]) => [path, `"${hexEncode(hashing.digest("blake3", body)).slice(0, 32)}"`]));
  const server = createServer((req, res) => respond(files, etags, req, res));
  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => {
      reject(new MochiError("M074_FIXTURE_E006", `cannot listen on 127.0.0.1:${port}: ${e.message}`, { where: `127.0.0.1:${port}`, cause: e }));
    });
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    name: registry.config.name,
    registry,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e === undefined ? resolve() : reject(e)));
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------- client

/** An index file as fetched: its bytes (for the snapshot) and its parsed entries. */
export interface FetchedIndex {
  readonly bytes: Uint8Array;
  readonly entries: readonly IndexEntry[];
}

export interface MochiRegistryClientOptions {
  /** Shared with other clients; one of its own (closed by close()) when absent. */
  readonly http?: HttpClient;
  /** For archive checks and snapshots; nodeHashing() when absent. */
  readonly hashing?: Hashing;
}

const MAX_CONFIG = 64 * 1024;
const MAX_INDEX = 16 * 1024 * 1024;
const MAX_ARCHIVE = 64 * 1024 * 1024;

/**
 * A client of one Mochi package registry. Each index file is fetched once
 * per client (concurrent asks share the request); `snapshot()` identifies
 * what was read. 404 and 410 mean "no such package" for index files; any
 * other answer but 200, or a network failure after retries, is
 * M057_INDEX_E004.
 */
export class MochiRegistryClient {
  readonly url: string;
  readonly #http: HttpClient;
  readonly #ownHttp: boolean;
  readonly #hashing: Promise<Hashing>;
  #config: Promise<RegistryConfig> | undefined;
  readonly #indexes = new Map<string, Promise<FetchedIndex | null>>();
  readonly #fetched = new Map<string, Uint8Array | null>();

  constructor(url: string, options: MochiRegistryClientOptions = {}) {
    this.url = url.replace(/\/+$/, "");
    this.#ownHttp = options.http === undefined;
    this.#http = options.http ?? new HttpClient();
    this.#hashing = options.hashing !== undefined ? Promise.resolve(options.hashing) : nodeHashing();
  }

  async close(): Promise<void> {
    if (this.#ownHttp) await this.#http.close();
  }

  async #get(path: string, maxBytes: number): Promise<{ status: number; body: Uint8Array; url: string }> {
    const url = `${this.url}/${path}`;
    try {
      return await this.#http.get(url, { maxBytes });
    } catch (e) {
      if (e instanceof MochiError && e.code === "M074_NET_E001") throw new MochiError("M057_INDEX_E004", e.detail, { where: url, cause: e });
      throw e;
    }
  }

  #unexpected(status: number, url: string): MochiError {
    return new MochiError("M057_INDEX_E004", `GET ${url} answered HTTP ${status}`, { where: url });
  }

  /** The registry's config.json. */
  config(): Promise<RegistryConfig> {
    this.#config ??= (async () => {
      const res = await this.#get("config.json", MAX_CONFIG);
      if (res.status !== 200) throw this.#unexpected(res.status, res.url);
      return parseRegistryConfig(res.body, res.url);
    })();
    return this.#config;
  }

  /** The index file of `name`, parsed; null when the registry has no such package. */
  index(name: string): Promise<FetchedIndex | null> {
    let pending = this.#indexes.get(name);
    if (pending === undefined) {
      pending = (async () => {
        const res = await this.#get(indexPath(name), MAX_INDEX);
        if (res.status === 404 || res.status === 410) {
          this.#fetched.set(name, null);
          return null;
        }
        if (res.status !== 200) throw this.#unexpected(res.status, res.url);
        const entries = parseIndexFile(name, res.body, res.url);
        this.#fetched.set(name, res.body);
        return { bytes: res.body, entries };
      })();
      this.#indexes.set(name, pending);
    }
    return pending;
  }

  /** The archive of an indexed version, checked against the index's BLAKE3 (M057_REGISTRY_E020). */
  async archive(entry: Pick<IndexEntry, "name" | "version" | "blake3">): Promise<Uint8Array> {
    const res = await this.#get(archivePath(entry.name, entry.version), MAX_ARCHIVE);
    if (res.status === 404 || res.status === 410) {
      throw new MochiError("M057_REGISTRY_E021", `${versionId(entry.name, entry.version)} is in the index, but its archive is not served (HTTP ${res.status})`, { where: res.url });
    }
    if (res.status !== 200) throw this.#unexpected(res.status, res.url);
    const got = blake3Of(res.body, await this.#hashing);
    if (got !== entry.blake3) {
      throw new MochiError("M057_REGISTRY_E020", `the archive of ${versionId(entry.name, entry.version)} has ${got}, but the index says ${entry.blake3}`, { where: res.url });
    }
    return res.body;
  }

  /** indexSnapshot of the index files read so far (lockfile provenance.registry_etag). */
  async snapshot(): Promise<string> {
    return indexSnapshot(this.#fetched, await this.#hashing);
  }
}

// ---------------------------------------------------------------- resolving

export interface ResolveMochiDependenciesOptions {
  /** The workspace root's manifest. */
  readonly root: Manifest;
  /** The other workspace members, with directories relative to the root. */
  readonly members?: readonly WorkspaceMemberManifest[];
  /** The registry; without one, a dependency that needs it is M074_PROJECT_E006. */
  readonly client?: MochiRegistryClient;
  /** The workspace root directory, where path dependencies' mochi.toml files are read (default: the current directory). */
  readonly rootDir?: string;
  /** The existing lock, whose registry versions are preferred (`mochi-pkg lock` without --refresh). */
  readonly lock?: Pick<Lockfile, "packages">;
  /** `mochi-pkg update`: true for every package, or the names to update. */
  readonly unlock?: true | readonly string[];
  readonly osArch?: readonly OsArch[];
  readonly maxSteps?: number;
}

/** What a lock takes from the resolution, plus the registry snapshot for [provenance]. */
export interface MochiDependencies extends MochiResolution {
  /** indexSnapshot of the index files the resolution read: provenance.registry_etag. */
  readonly registryEtag: string;
}

/**
 * Resolves the workspace's Mochi dependencies against the client's
 * registry: runs resolveMochi, fetching the index files (in parallel) and
 * reading the path manifests it asks for, until it is done. The result's
 * platforms, packages and capabilitiesSeen go into a Lockfile as they are.
 */
export async function resolveMochiDependencies(options: ResolveMochiDependenciesOptions): Promise<MochiDependencies> {
  const client = options.client;
  const registry = client === undefined ? "none" : (await client.config()).name;
  const rootDir = options.rootDir ?? process.cwd();
  const indexes = new Map<string, readonly IndexEntry[] | null>();
  const pathManifests = new Map<string, Manifest>();
  for (;;) {
    const step = resolveMochi({
      root: options.root,
      ...(options.members === undefined ? {} : { members: options.members }),
      registry,
      indexes,
      pathManifests,
      ...(options.lock === undefined ? {} : { lock: options.lock }),
      ...(options.unlock === undefined ? {} : { unlock: options.unlock }),
      ...(options.osArch === undefined ? {} : { osArch: options.osArch }),
      ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
    });
    if (step.kind === "done") return { ...step.resolution, registryEtag: client === undefined ? "" : await client.snapshot() };
    if (client === undefined && step.indexes.length > 0) {
      throw new MochiError("M074_PROJECT_E006", `the dependencies ${step.indexes.join(", ")} come from a Mochi package registry, and none is configured`, {
        where: "mochi.toml [dependencies]",
      });
    }
    await Promise.all([
      ...step.indexes.map(async (name) => {
        const got = await client!.index(name);
        indexes.set(name, got === null ? null : got.entries);
      }),
      ...step.paths.map(async (dir) => {
        const file = join(rootDir, dir, "mochi.toml");
        let bytes: Buffer;
        try {
          bytes = await readFile(file);
        } catch (e) {
          throw new MochiError("M057_REGISTRY_E025", `cannot read the path dependency's manifest: ${(e as Error).message}`, { where: file, cause: e });
        }
        pathManifests.set(dir, parseManifest(bytes, { file }));
      }),
    ]);
  }
}
