// The embedded fixture registry (the project's "embedded default"): the
// fixture Go modules of fixtures/modules, served from 127.0.0.1 both as a
// GOPROXY and as a checksum database whose tree heads are signed with the
// fixture key of fixtures/sumdb. The real go command and mochi-pkg's own
// client can then download and verify modules with no network at all.
// Spec: go-ecosystem.md sections 4 (proxy), 7 (tiles) and 8 (database).
//
// Everything served is built from the fixture files in a fixed order, so two
// builds give identical zips, hashes, tiles and signed tree heads. Tests can
// tamper with what goes on the wire (the log itself stays honest), grow the
// log, or serve another tree head to exercise a client's checks.

import { lstat, readdir, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MochiError, utf8Encode, type Hashing } from "@mochi-pkg/core";
import {
  DEFAULT_TILE_HEIGHT,
  HashStore,
  createModuleZip,
  formatGoSumLine,
  formatRecord,
  formatTree,
  hashGoMod,
  hashZip,
  newSigner,
  newVerifier,
  parseLookupKey,
  parseRfc3339,
  parseTilePath,
  readTileData,
  selectVersion,
  signNote,
  sortVersions,
  synthesizedGoMod,
  tilePath,
  treeHash,
  unescapePath,
  unescapeVersion,
  unzip,
  type FileKind,
  type ModuleFile,
  type Signer,
  type Tile,
  type Tree,
} from "@mochi-pkg/core/go";
import { nodeHashing } from "./kernels.js";
import { nodeZipOptions } from "./zip-inflate.js";

/** The fixture checksum database's name (its key's name). */
export const FIXTURE_SUMDB_NAME = "sum.mochi.test";
/** The fixture key pair was made by generateKey from SHA-256 of this ASCII text (fixtures/sumdb/README.md). */
export const FIXTURE_KEY_SEED_TEXT = "mochi-pkg fixture checksum database sum.mochi.test";

/** The repository's fixtures/ directory (holding modules/ and sumdb/), from src/ or dist/ alike. */
export function defaultFixturesRoot(): string {
  return fileURLToPath(new URL("../../fixtures/", import.meta.url));
}

/** One served module version, with everything the proxy and the database answer for it. */
export interface FixtureModule {
  readonly path: string;
  readonly version: string;
  /** RFC 3339, as .info reports it. */
  readonly time: string;
  /** The .info body: `{"Version":..,"Time":..}`. */
  readonly info: Uint8Array;
  /** The .mod body: the version's go.mod, or the synthesized `module <path>\n`. */
  readonly mod: Uint8Array;
  readonly zip: Uint8Array;
  /** go.sum's h1 of the zip and of the go.mod. */
  readonly zipHash: string;
  readonly modHash: string;
  /** The id of its record in the checksum database. */
  readonly recordId: number;
}

export interface FixtureRegistry {
  readonly name: string;
  readonly verifierKey: string;
  /** In the order of modules.json, which is also the order of the log. */
  readonly modules: readonly FixtureModule[];
  readonly log: FixtureLog;
  module(path: string, version: string): FixtureModule | undefined;
  /** The versions of a module path, ascending; undefined for an unknown path. */
  versions(path: string): readonly string[] | undefined;
}

/** The two go.sum lines of a module version: its checksum-database record text. */
export function recordText(path: string, version: string, zipHash: string, modHash: string): string {
  return `${formatGoSumLine(path, version, zipHash)}\n${formatGoSumLine(path, version, modHash, true)}\n`;
}

const key = (path: string, version: string): string => `${path}@${version}`;

/**
 * The checksum database's log: record texts, their stored hashes (tile
 * height 8) and signed tree heads. It only grows; `append` is for tests that
 * need a log that moved on, `forkedHead` for tests that need a dishonest one.
 */
export class FixtureLog {
  readonly #hashing: Hashing;
  readonly #signer: Signer;
  readonly #store: HashStore;
  readonly #records: string[] = [];
  readonly #ids = new Map<string, number>();

  constructor(signer: Signer, hashing: Hashing) {
    this.#signer = signer;
    this.#hashing = hashing;
    this.#store = new HashStore(hashing);
  }

  get size(): number {
    return this.#records.length;
  }

  /**
   * Appends a record (go.sum lines, each ending in a newline) and returns
   * its id; lookups find it by the module and version of its first line.
   */
  append(text: string): number {
    const id = this.size;
    formatRecord(id, text); // checks the record text rules
    const [path, version] = text.split(" ", 2) as [string, string | undefined];
    this.#store.append(utf8Encode(text));
    this.#records.push(text);
    if (version !== undefined && !this.#ids.has(key(path, version))) this.#ids.set(key(path, version), id);
    return id;
  }

  record(id: number): string | undefined {
    return this.#records[id];
  }

  lookupId(path: string, version: string): number | undefined {
    return this.#ids.get(key(path, version));
  }

  /** The tree head of the first n records (n <= size). */
  tree(n = this.size): Tree {
    return { n, hash: treeHash(n, this.#store, this.#hashing) };
  }

  /** The signed note of tree(n): what /latest serves for n = size. */
  signedHead(n = this.size): string {
    return signNote({ text: formatTree(this.tree(n)) }, [this.#signer]);
  }

  /**
   * A validly signed head of a log that agrees with this one on its first
   * n-1 records and then has `text` as record n-1: a fork of this log (for
   * n = size, the same size with a different root).
   */
  forkedHead(text: string, n = this.size): string {
    if (!Number.isInteger(n) || n < 1 || n > this.size) {
      throw new MochiError("M074_FIXTURE_E008", `cannot fork a log of ${this.size} records at size ${n}`, { where: "forkedHead" });
    }
    const fork = new HashStore(this.#hashing);
    for (const r of this.#records.slice(0, n - 1)) fork.append(utf8Encode(r));
    fork.append(utf8Encode(text));
    return signNote({ text: formatTree({ n, hash: treeHash(n, fork, this.#hashing) }) }, [this.#signer]);
  }

  /**
   * The bytes of a tile as the protocol serves it, or undefined when the
   * log does not hold all of it yet (a full tile of an unfinished range).
   * A partial tile narrower than what is now available is still served:
   * its hashes never change.
   */
  tileData(t: Tile): Uint8Array | undefined {
    if (t.h !== DEFAULT_TILE_HEIGHT) return undefined;
    const first = t.n * 2 ** t.h;
    if (t.l === -1) {
      if (first + t.w > this.size) return undefined;
      return utf8Encode(this.#records.slice(first, first + t.w).map((r) => `${r}\n`).join(""));
    }
    const available = Math.floor(this.size / 2 ** (t.h * t.l));
    if (first + t.w > available) return undefined;
    return readTileData(t, this.#store);
  }
}

// ---------------------------------------------------------------- building

interface ListedVersion {
  readonly path: string;
  readonly version: string;
  readonly time: string;
}

async function readListing(modulesDir: string): Promise<ListedVersion[]> {
  const where = join(modulesDir, "modules.json");
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(where, "utf8"));
  } catch (e) {
    throw new MochiError("M074_FIXTURE_E001", `cannot read the fixture listing: ${(e as Error).message}`, { where, cause: e });
  }
  const modules = (parsed as { modules?: unknown } | null)?.modules;
  if (!Array.isArray(modules)) throw new MochiError("M074_FIXTURE_E001", "the fixture listing has no \"modules\" array", { where });
  const seen = new Set<string>();
  return modules.map((m: unknown, i): ListedVersion => {
    const { path, version, time } = (m ?? {}) as Record<string, unknown>;
    if (typeof path !== "string" || typeof version !== "string" || typeof time !== "string") {
      throw new MochiError("M074_FIXTURE_E001", `modules[${i}] must have string "path", "version" and "time", got ${JSON.stringify(m)}`, { where });
    }
    if (seen.has(key(path, version))) {
      throw new MochiError("M074_FIXTURE_E002", `${key(path, version)} is listed twice`, { where: `${where} modules[${i}]` });
    }
    seen.add(key(path, version));
    if (parseRfc3339(time) === undefined) {
      throw new MochiError("M074_FIXTURE_E003", `time ${JSON.stringify(time)} of ${key(path, version)} is not RFC 3339`, { where: `${where} modules[${i}]` });
    }
    return { path, version, time };
  });
}

/** The files under dir as ModuleFiles (slash-separated paths), never following symbolic links. */
async function readModuleDir(dir: string, prefix = ""): Promise<ModuleFile[]> {
  const out: ModuleFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const path = prefix + entry.name;
    if (entry.isDirectory()) out.push(...(await readModuleDir(full, `${path}/`)));
    else {
      const kind: FileKind = entry.isFile() ? "file" : entry.isSymbolicLink() ? "symlink" : "irregular";
      out.push(kind === "file" ? { path, kind, data: await readFile(full) } : { path, kind, size: (await lstat(full)).size });
    }
  }
  return out;
}

async function readVersionFiles(modulesDir: string, v: ListedVersion): Promise<ModuleFile[]> {
  const dir = join(modulesDir, v.path, "@v", v.version);
  try {
    return await readModuleDir(dir);
  } catch (e) {
    throw new MochiError("M074_FIXTURE_E004", `the files of ${key(v.path, v.version)} are missing: ${(e as Error).message}`, { where: dir, cause: e });
  }
}

/** The key pair of fixtures/sumdb; the signer must be the verifier's private half. */
async function readKeyPair(sumdbDir: string, hashing: Hashing): Promise<{ signer: Signer; verifierKey: string }> {
  const read = async (file: string): Promise<string> => (await readFile(join(sumdbDir, file), "utf8")).trim();
  const signerKey = await read("fixture.skey");
  const verifierKey = await read("fixture.vkey");
  const signer = newSigner(signerKey, hashing);
  const verifier = newVerifier(verifierKey, hashing);
  const probe = utf8Encode("fixture key pair check\n");
  if (signer.name !== verifier.name || signer.keyHash !== verifier.keyHash || !verifier.verify(probe, signer.sign(probe))) {
    throw new MochiError("M074_FIXTURE_E005", `fixture.skey does not sign for ${JSON.stringify(verifierKey)}`, { where: sumdbDir });
  }
  return { signer, verifierKey };
}

/**
 * Builds the whole registry from `root` (a fixtures/ directory with
 * modules/modules.json, the module files and sumdb/fixture.{skey,vkey}):
 * each version's zip, .mod, .info and h1 hashes, and the checksum-database
 * log with one record per version in the order of modules.json.
 */
export async function buildFixtureRegistry(root: string, hashing: Hashing): Promise<FixtureRegistry> {
  const modulesDir = join(root, "modules");
  const listing = await readListing(modulesDir);
  const { signer, verifierKey } = await readKeyPair(join(root, "sumdb"), hashing);
  const log = new FixtureLog(signer, hashing);
  const modules: FixtureModule[] = [];
  for (const v of listing) {
    const files = await readVersionFiles(modulesDir, v);
    const goMod = files.find((f) => f.path === "go.mod" && f.kind === "file");
    const mod = goMod?.data ?? utf8Encode(synthesizedGoMod(v.path));
    const zip = createModuleZip(v.path, v.version, files);
    const zipHash = hashZip(zip, hashing, nodeZipOptions);
    const modHash = hashGoMod(mod, hashing);
    const recordId = log.append(recordText(v.path, v.version, zipHash, modHash));
    const info = utf8Encode(JSON.stringify({ Version: v.version, Time: v.time }));
    modules.push({ ...v, info, mod, zip, zipHash, modHash, recordId });
  }
  const byKey = new Map(modules.map((m) => [key(m.path, m.version), m]));
  const byPath = new Map<string, string[]>();
  for (const m of modules) byPath.set(m.path, [...(byPath.get(m.path) ?? []), m.version]);
  for (const [path, versions] of byPath) byPath.set(path, sortVersions(versions));
  return {
    name: signer.name,
    verifierKey,
    modules,
    log,
    module: (path, version) => byKey.get(key(path, version)),
    versions: (path) => byPath.get(path),
  };
}

// ---------------------------------------------------------------- serving

interface Reply {
  readonly status: number;
  readonly type: string;
  readonly body: Uint8Array;
}

const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";
const BINARY = "application/octet-stream";

const ok = (type: string, body: Uint8Array | string): Reply => ({ status: 200, type, body: typeof body === "string" ? utf8Encode(body) : body });
const fail = (status: 400 | 404 | 405, message: string): Reply => ({ status, type: TEXT, body: utf8Encode(`${message}\n`) });
const notFound = (what: string): Reply => fail(404, `not found: ${what}`);

/** Runs a parse that throws MochiError on bad input; bad input becomes a 400 reply. */
function parsed<T>(run: () => T): T | Reply {
  try {
    return run();
  } catch (e) {
    if (e instanceof MochiError) return fail(400, `bad request: ${e.detail}`);
    throw e;
  }
}

const isReply = (x: unknown): x is Reply => typeof x === "object" && x !== null && "status" in x && "body" in x;

/** Flips the low bit of one byte: the smallest change on the wire. */
function flipped(data: Uint8Array, at: number): Uint8Array {
  const out = data.slice();
  out[at]! ^= 0x01;
  return out;
}

/**
 * A well-formed zip of the module whose first file (other than go.mod) has
 * its last byte flipped. A tampering proxy serves a valid archive with other
 * code in it; a corrupt archive would only exercise the zip reader.
 */
function tamperedZip(m: FixtureModule): Uint8Array {
  const files = unzip(m.path, m.version, m.zip, nodeZipOptions).map((f) => ({ path: f.path, data: f.read() }));
  const victim = files.find((f) => f.path !== "go.mod" && f.data.length > 0);
  if (victim === undefined) throw new MochiError("M074_FIXTURE_E007", `${key(m.path, m.version)} has no file to tamper with`, { where: "tamper.zip" });
  return createModuleZip(m.path, m.version, files.map((f) => (f === victim ? { path: f.path, data: flipped(f.data, f.data.length - 1) } : f)));
}

export interface FixtureTamper {
  /** `<path>@<version>`: serve a zip of that version with one byte of one file flipped. */
  readonly zip?: string;
  /** A tile path such as `tile/8/0/000.p/10`: serve it with its first byte flipped. */
  readonly tile?: string;
}

export interface FixtureRegistryOptions {
  /** A fixtures/ directory; the repository's by default. */
  readonly root?: string;
  readonly hashing?: Hashing;
  /** 0 (the default) picks a free port. The host is always 127.0.0.1. */
  readonly port?: number;
  readonly tamper?: FixtureTamper;
}

export interface FixtureServer {
  /** `http://127.0.0.1:<port>`, the GOPROXY base and the database base alike. */
  readonly url: string;
  /** The GOPROXY value. */
  readonly goproxy: string;
  /** The GOSUMDB value: `<verifier key> <url>`. */
  readonly gosumdb: string;
  readonly verifierKey: string;
  readonly name: string;
  readonly modules: readonly FixtureModule[];
  readonly registry: FixtureRegistry;
  /** Serves `note` as the tree head of /latest and of lookups (undefined: the log's own head again). */
  serveHead(note: string | undefined): void;
  close(): Promise<void>;
}

/** What the server answers for a decoded path: the proxy, the database at the root and under /sumdb/<name>/. */
class Responder {
  readonly #registry: FixtureRegistry;
  readonly #tamper: FixtureTamper;
  readonly #tamperedZip: Uint8Array | undefined;
  head: string | undefined;

  constructor(registry: FixtureRegistry, tamper: FixtureTamper = {}) {
    this.#registry = registry;
    this.#tamper = tamper;
    if (tamper.zip !== undefined) {
      const m = registry.modules.find((x) => key(x.path, x.version) === tamper.zip);
      if (m === undefined) throw new MochiError("M074_FIXTURE_E007", `no fixture module version ${JSON.stringify(tamper.zip)}`, { where: "tamper.zip" });
      this.#tamperedZip = tamperedZip(m);
    }
    if (tamper.tile !== undefined) parseTilePath(tamper.tile); // a malformed path would silently tamper with nothing
  }

  reply(path: string): Reply {
    const sumdbPrefix = `/sumdb/${this.#registry.name}/`;
    if (path === `${sumdbPrefix}supported`) return ok(TEXT, "");
    if (path.startsWith(sumdbPrefix)) return this.#database(path.slice(sumdbPrefix.length - 1));
    if (path.startsWith("/sumdb/")) return notFound(`no checksum database ${JSON.stringify(path.split("/")[2])} here`);
    if (path === "/latest" || path.startsWith("/lookup/") || path.startsWith("/tile/")) return this.#database(path);
    return this.#proxy(path);
  }

  #database(path: string): Reply {
    const head = this.head ?? this.#registry.log.signedHead();
    if (path === "/latest") return ok(TEXT, head);
    if (path.startsWith("/lookup/")) {
      const mv = parsed(() => parseLookupKey(path.slice("/lookup/".length)));
      if (isReply(mv)) return mv;
      const id = this.#registry.log.lookupId(mv.path, mv.version);
      if (id === undefined) return notFound(`${key(mv.path, mv.version)} is not in the checksum database`);
      return ok(TEXT, formatRecord(id, this.#registry.log.record(id)!) + head);
    }
    if (path.startsWith("/tile/")) {
      const tile = parsed(() => parseTilePath(path.slice(1)));
      if (isReply(tile)) return tile;
      const data = this.#registry.log.tileData(tile);
      if (data === undefined) return notFound(`${path.slice(1)} is not in the log of ${this.#registry.log.size} records`);
      return ok(BINARY, this.#tamper.tile === tilePath(tile) ? flipped(data, 0) : data);
    }
    return notFound(path);
  }

  #proxy(path: string): Reply {
    const latest = path.endsWith("/@latest");
    const at = latest ? path.length - "/@latest".length : path.indexOf("/@v/");
    if (at <= 1) return notFound(path);
    const modulePath = parsed(() => unescapePath(path.slice(1, at), path));
    if (isReply(modulePath)) return modulePath;
    const versions = this.#registry.versions(modulePath);
    if (versions === undefined) return notFound(`module ${modulePath} is not in the fixture registry`);
    if (latest) {
      // Retractions are the client's to apply (from the latest go.mod), as with any proxy.
      const chosen = selectVersion({ kind: "latest" }, versions, () => false);
      return chosen === undefined ? notFound(`${modulePath}@latest`) : ok(JSON_TYPE, this.#registry.module(modulePath, chosen.version)!.info);
    }
    const file = path.slice(at + "/@v/".length);
    if (file === "list") return ok(TEXT, versions.map((v) => `${v}\n`).join(""));
    const m = /^(.+)\.(info|mod|zip)$/.exec(file);
    if (m === null) return notFound(path);
    const version = parsed(() => unescapeVersion(m[1]!, path));
    if (isReply(version)) return version;
    const found = this.#registry.module(modulePath, version);
    if (found === undefined) return notFound(`${key(modulePath, version)} is not in the fixture registry`);
    if (m[2] === "info") return ok(JSON_TYPE, found.info);
    if (m[2] === "mod") return ok(TEXT, found.mod);
    const tampered = this.#tamper.zip === key(found.path, found.version);
    return ok("application/zip", tampered ? this.#tamperedZip! : found.zip);
  }
}

/** The request path with any query dropped and percent-escapes decoded (the go command sends `!` as %21). */
function requestPath(url: string): string | undefined {
  try {
    return decodeURIComponent(url.split("?", 1)[0]!);
  } catch {
    return undefined;
  }
}

function respond(responder: Responder, req: IncomingMessage, res: ServerResponse): void {
  const path = requestPath(req.url ?? "/");
  let reply: Reply;
  if (req.method !== "GET" && req.method !== "HEAD") reply = fail(405, `method ${req.method ?? ""} not allowed`);
  else if (path === undefined) reply = fail(400, `bad request: malformed percent-escape in ${JSON.stringify(req.url)}`);
  else reply = responder.reply(path);
  const headers: Record<string, string | number> = { "content-type": reply.type, "content-length": reply.body.length };
  if (reply.status === 405) headers["allow"] = "GET, HEAD";
  res.writeHead(reply.status, headers);
  res.end(req.method === "HEAD" ? undefined : reply.body);
}

/** Builds the registry and serves it on 127.0.0.1 until close(). */
export async function startFixtureRegistry(options: FixtureRegistryOptions = {}): Promise<FixtureServer> {
  const hashing = options.hashing ?? (await nodeHashing());
  const registry = await buildFixtureRegistry(options.root ?? defaultFixturesRoot(), hashing);
  const responder = new Responder(registry, options.tamper);
  const server = createServer((req, res) => respond(responder, req, res));
  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => {
      reject(new MochiError("M074_FIXTURE_E006", `cannot listen on 127.0.0.1:${port}: ${e.message}`, { where: `127.0.0.1:${port}`, cause: e }));
    });
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    goproxy: url,
    gosumdb: `${registry.verifierKey} ${url}`,
    verifierKey: registry.verifierKey,
    name: registry.name,
    modules: registry.modules,
    registry,
    serveHead(note) {
      responder.head = note;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e === undefined ? resolve() : reject(e)));
        server.closeAllConnections();
      }),
  };
}
