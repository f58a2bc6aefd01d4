// The sans-IO checksum-database client against shared/vectors/go/sumdb-client.json
// (every key): the fake server's bodies are rebuilt from the records, the
// expected client behaviour is replayed step by step against the vector's
// remote, and the fork scenario yields the upstream proof of misbehaviour.
import { beforeAll, describe, expect, it } from "vitest";
import { utf8Encode } from "../../core/src/bytes.js";
import { MochiError } from "../../core/src/errors.js";
import type { Hashing } from "../../core/src/hashing.js";
import { newSigner, newVerifier, openNote, signNote, verifierList } from "../../core/src/go/note.js";
import {
  SumdbClient, SumdbForkError, lookupPath, parseLookupKey, proxySumdbURLs, type LookupResult, type SumdbStep,
} from "../../core/src/go/sumdb.js";
import {
  HashStore, formatRecord, formatTree, parseDataTile, parseRecord, parseTilePath, readTileData, recordHash, storedHashIndex,
  tilePath, treeHash,
} from "../../core/src/go/tlog.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import { b64, loadVector } from "../vectors.js";

interface Step {
  step?: string;
  lookup?: [string, string];
  lines?: string[];
  remote_path?: string;
  latest_after?: number;
  note?: string;
  bad_tiles?: string;
  first_lookup_error_contains?: string;
  bad_starting_tree?: string;
  error_contains?: string;
}
const vec = loadVector<{
  source: string;
  description: string;
  server_name: string;
  verifier_key: string;
  signer_key: string;
  tile_height: number;
  records: { id: number; lookup_key: string; text: string }[];
  config_latest_initial: string;
  signed_tree_heads: Record<string, string>;
  remote: Record<string, { text?: string; base64?: string }>;
  data_tile_example: { path: string; body: string; doc: string };
  expected_client_behaviour: Step[];
  cache_keys: { doc: string; examples: string[] };
  fork: { doc: string; tc_lookup_body: string; tc2_latest: string; proof_of_misbehavior: string[]; report_must_contain: string[] };
  proxy_sumdb_paths: { doc: string; examples: string[] };
  server_lookup_syntax: { regex: string; doc: string };
}>("sumdb-client.json");

const b64s = (u: Uint8Array) => Buffer.from(u).toString("base64");
const remoteBody = (v: { text?: string; base64?: string }) => (v.text !== undefined ? utf8Encode(v.text) : b64(v.base64!));
/** The module path and version a record is about: the first two fields of its first line. */
const recordKey = (text: string) => text.split(" ").slice(0, 2) as [string, string];

function errorOf(f: () => unknown): MochiError {
  try {
    f();
  } catch (e) {
    if (e instanceof MochiError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

/**
 * Answers the client's requests from `serve` until it finishes, as a host
 * would from its cache or the network; returns the result and every path
 * fetched.
 */
function drive<T>(client: SumdbClient, call: () => SumdbStep<T>, serve: (path: string) => Uint8Array | undefined): { value: T; fetched: string[] } {
  const fetched: string[] = [];
  for (let round = 0; round < 10; round++) {
    const step = call();
    if (step.kind === "done") return { value: step.value, fetched };
    for (const req of step.requests) {
      expect(req.cacheKey).toBe(client.name + req.path);
      let body = serve(req.path);
      if (body === undefined && req.fallbackPath !== undefined) {
        body = serve(req.fallbackPath);
        fetched.push(req.fallbackPath);
      } else fetched.push(req.path);
      if (body === undefined) throw new Error(`the remote has no ${req.path}`);
      client.supply(req.path, body);
    }
  }
  throw new Error("the client keeps asking");
}

const fromMap = (remote: Record<string, { text?: string; base64?: string }>) => (path: string) =>
  remote[path] === undefined ? undefined : remoteBody(remote[path]!);

describe.each([
  ["node", nodeHashing],
  ["kernels", kernelsHashing],
])("sumdb client with %s hashing", (_label, load) => {
  let hashing: Hashing;
  /** The upstream test server's log: the four records in order. */
  let log: HashStore;
  const newClient = (latest: string, tileHeight = vec.tile_height) =>
    new SumdbClient({ verifierKey: vec.verifier_key, latest, tileHeight, hashing });
  const signTree = (n: number, hash: Uint8Array) => signNote({ text: formatTree({ n, hash }) }, [newSigner(vec.signer_key, hashing)]);

  beforeAll(async () => {
    hashing = await load();
    log = new HashStore(hashing);
    for (const r of vec.records) log.append(utf8Encode(r.text));
  });

  it("has the vector file's metadata and keys", () => {
    expect(vec.source).toContain("sumdb/client.go");
    expect(vec.description).toContain("newTestClient");
    expect(newVerifier(vec.verifier_key, hashing).name).toBe(vec.server_name);
    expect(newSigner(vec.signer_key, hashing).name).toBe(vec.server_name);
    expect(newClient("").name).toBe(vec.server_name);
    expect(vec.config_latest_initial).toBe(vec.signed_tree_heads["1"]);
  });

  it.each(vec.records)("record $id: $lookup_key", (r) => {
    const [path, version] = recordKey(r.text);
    expect(lookupPath(path, version)).toBe(`/lookup/${r.lookup_key}`);
    expect(lookupPath(path, `${version}/go.mod`)).toBe(`/lookup/${r.lookup_key}`);
    expect(parseLookupKey(r.lookup_key)).toEqual({ path, version });
    expect(new RegExp(vec.server_lookup_syntax.regex).test(r.lookup_key)).toBe(true);
  });

  it.each(Object.entries(vec.signed_tree_heads))("signs tree head %s exactly", (n, note) => {
    expect(signTree(Number(n), treeHash(Number(n), log, hashing))).toBe(note);
    expect(openNote(note, verifierList(newVerifier(vec.verifier_key, hashing))).sigs).toHaveLength(1);
  });

  it.each(Object.keys(vec.remote))("rebuilds the remote body of %s", (path) => {
    const body = remoteBody(vec.remote[path]!);
    if (path.startsWith("/lookup/")) {
      const r = vec.records.find((x) => `/lookup/${x.lookup_key}` === path)!;
      expect(Buffer.from(body).toString("utf8")).toBe(formatRecord(r.id, r.text) + vec.signed_tree_heads[String(r.id + 1)]);
    } else {
      expect(b64s(readTileData(parseTilePath(path.slice(1)), log))).toBe(b64s(body));
    }
  });

  it("reads the data tile example as the records, whose hashes are the level-0 tile", () => {
    const ex = vec.data_tile_example;
    expect(ex.doc).toContain("data tile");
    const tile = parseTilePath(ex.path.slice(1));
    expect(tile).toEqual({ h: 2, l: -1, n: 0, w: 4 });
    const texts = parseDataTile(tile, utf8Encode(ex.body));
    expect(texts).toEqual(vec.records.map((r) => r.text));
    expect(texts.map((t) => b64s(recordHash(utf8Encode(t), hashing)))).toEqual(
      log.readHashes(texts.map((_, i) => storedHashIndex(0, i))).map(b64s),
    );
    expect(b64s(readTileData({ ...tile, l: 0 }, log))).toBe(vec.remote["/tile/2/0/000"]!.base64);
  });

  it("replays expected_client_behaviour against the remote", () => {
    const steps = vec.expected_client_behaviour;
    expect(steps[0]!.step).toBe("start: config latest = tree 1");
    const client = newClient(vec.config_latest_initial);
    const serve = fromMap(vec.remote);
    const start = drive(client, () => client.init(), serve);
    expect(start.value.n).toBe(steps[0]!.latest_after);
    expect(client.latestTree.n).toBe(steps[0]!.latest_after);

    let replayed = 1;
    for (const s of steps.slice(1).filter((x) => x.lookup !== undefined)) {
      const [path, version] = s.lookup!;
      const { value, fetched } = drive(client, () => client.lookup(path, version), serve);
      expect(value.lines, `${path} ${version}`).toEqual(s.lines);
      if (s.remote_path !== undefined) expect(fetched).toContain(s.remote_path);
      if (s.note?.startsWith("served from cache")) expect(fetched).toEqual([]);
      if (s.note?.includes("tiles come from cache")) expect(fetched.filter((p) => p.startsWith("/tile/"))).toEqual([]);
      if (s.latest_after !== undefined) expect(client.latestTree.n).toBe(s.latest_after);
      expect(client.latestNote).toBe(vec.signed_tree_heads[String(client.latestTree.n)]);
      replayed++;
    }

    // The one record no step looks up: an older tree head (2) against latest (4).
    const text = vec.records[1]!;
    const [tp, tv] = recordKey(text.text);
    expect(drive(client, () => client.lookup(tp, tv), serve).value).toEqual({ lines: [text.text.split("\n")[0]], id: 1, text: text.text });
    expect(client.latestTree.n).toBe(4);

    // Cache writes: verified lookups and authenticated tiles, under Go's names.
    const keys = client.takeCacheWrites().map((w) => w.key);
    expect(keys).toEqual(expect.arrayContaining(vec.cache_keys.examples.filter((k) => !k.endsWith("/latest"))));
    expect(client.latestConfigKey).toBe(vec.cache_keys.examples.find((k) => k.endsWith("/latest")));
    expect(vec.cache_keys.doc).toContain("<name>/lookup/");
    expect(client.takeCacheWrites()).toEqual([]);

    // The two failure steps, each with a fresh client.
    const badTiles = steps.find((x) => x.bad_tiles !== undefined)!;
    expect(badTiles.bad_tiles).toBe("flip the top bit of every byte of every /tile/ body");
    const flipped = (path: string) => {
      const body = serve(path);
      return body === undefined || !path.startsWith("/tile/") ? body : body.map((b) => b ^ 0x80);
    };
    const c1 = newClient(vec.config_latest_initial);
    const e1 = errorOf(() => drive(c1, () => c1.lookup("rsc.io/sampler", "v1.3.0"), flipped));
    expect(e1.code).toBe("M074_TLOG_E010");
    expect(e1.detail).toContain("initializing checksum database client: ");
    expect(e1.detail).toContain(badTiles.first_lookup_error_contains!.replace("initializing sumdb.Client: ", ""));

    const badTree = steps.find((x) => x.bad_starting_tree !== undefined)!;
    expect(badTree.bad_starting_tree).toContain("32 zero bytes");
    const c2 = newClient(signTree(1, new Uint8Array(32)));
    const e2 = errorOf(() => drive(c2, () => c2.lookup("rsc.io/sampler", "v1.3.0"), serve));
    expect(e2.code).toBe("M074_TLOG_E010");
    expect(e2.detail).toContain(badTree.error_contains!);
    expect(c2.latestTree.n).toBe(0);
    replayed += 2;
    expect(replayed).toBe(steps.length);
  });

  it("falls back to the full tile when a partial tile is gone", () => {
    const client = newClient(vec.config_latest_initial);
    const remote = { ...vec.remote };
    delete remote["/tile/2/0/000.p/1"];
    const { fetched } = drive(client, () => client.init(), fromMap(remote));
    expect(fetched).toEqual(["/tile/2/0/000"]);
    expect(client.takeCacheWrites().map((w) => [w.key, b64s(w.data)])).toEqual([
      [`${vec.server_name}/tile/2/0/000.p/1`, vec.remote["/tile/2/0/000.p/1"]!.base64],
    ]);
  });

  it("starts from the empty tree and adopts the first signed head it sees", () => {
    const client = newClient("");
    expect(client.latestNote).toBe("");
    const { value, fetched } = drive(client, () => client.lookup("rsc.io/quote", "v1.5.2/go.mod"), fromMap(vec.remote));
    expect(value.lines).toEqual(["rsc.io/quote v1.5.2/go.mod h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0="]);
    expect(fetched).toEqual(["/lookup/rsc.io/quote@v1.5.2", "/tile/2/0/000.p/1"]);
    expect(client.latestNote).toBe(vec.signed_tree_heads["1"]);
  });

  it("reports the fork of the upstream TestClientFork with its proof of misbehaviour", () => {
    const fork = vec.fork;
    expect(fork.doc).toContain("ErrSecurity");
    // tc2's log: the shared four records, then its own two.
    const tc2 = new HashStore(hashing);
    for (const r of vec.records) tc2.append(utf8Encode(r.text));
    for (const v of ["v1.5.3", "v1.5.4"]) tc2.append(utf8Encode(`rsc.io/pkg1 ${v} h1:hash!=\n`));
    expect(signTree(6, treeHash(6, tc2, hashing))).toBe(fork.tc2_latest);
    // tc's log, which signed tree 5.
    const tc = new HashStore(hashing);
    for (const r of vec.records) tc.append(utf8Encode(r.text));
    tc.append(utf8Encode("rsc.io/pkg1 v1.5.2 h1:hash!=\n"));
    const tcNote = Buffer.from(parseRecord(utf8Encode(fork.tc_lookup_body)).rest).toString("utf8");
    expect(signTree(5, treeHash(5, tc, hashing))).toBe(tcNote);

    const client = newClient(fork.tc2_latest);
    const serve = (path: string) => {
      if (path === "/lookup/rsc.io/pkg1@v1.5.2") return utf8Encode(fork.tc_lookup_body);
      const tile = parseTilePath(path.slice(1));
      return readTileData(tile, tc2);
    };
    let err: unknown;
    try {
      drive(client, () => client.lookup("rsc.io/pkg1", "v1.5.2"), serve);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SumdbForkError);
    const f = err as SumdbForkError;
    expect(f.code).toBe("M074_SUMDB_E001");
    expect([f.older.n, f.newer.n]).toEqual([5, 6]);
    expect([f.olderNote, f.newerNote]).toEqual([tcNote, fork.tc2_latest]);
    expect(f.proof.map(b64s)).toEqual(fork.proof_of_misbehavior);
    for (const s of fork.report_must_contain) expect(f.report).toContain(s);
    expect(f.detail).toBe(f.report);
    expect(client.latestTree.n).toBe(6);
    expect(client.latestNote).toBe(fork.tc2_latest);
  });

  it("builds proxied checksum-database URLs", () => {
    const [supported, lookup, tile] = vec.proxy_sumdb_paths.examples;
    const urls = proxySumdbURLs("https://proxy.golang.org/", "sum.golang.org");
    expect(urls.supported).toBe(supported);
    expect(urls.base + lookupPath("github.com/google/uuid", "v1.6.0")).toBe(lookup);
    expect(`${urls.base}/${tilePath({ h: 8, l: 0, n: 123456, w: 256 })}`).toBe(tile);
    expect(vec.proxy_sumdb_paths.doc).toContain("/supported");
  });

  it("accepts exactly the lookup keys of server_lookup_syntax", () => {
    const re = new RegExp(vec.server_lookup_syntax.regex);
    expect(vec.server_lookup_syntax.doc).toContain("400");
    for (const key of ["rsc.io/quote@v1.5.2", "a.com/b@v2.0.0+incompatible", "x.y/z@v0.0.0-20170915032832-14c0d48ead0c", "rsc.io/quote@latest", "rsc.io/quote@v1.5", "a@b@v1.0.0", "@v1.0.0"]) {
      const ok = re.test(key);
      if (ok) expect(parseLookupKey(key).version.startsWith("v")).toBe(true);
      else expect(errorOf(() => parseLookupKey(key)).code).toBe("M074_SUMDB_E006");
    }
  });

  it("reports every sumdb error code", () => {
    const serve = fromMap(vec.remote);
    const tree4 = vec.signed_tree_heads["4"]!;
    const run = (path: string, version: string, body: string) => {
      const client = newClient(vec.config_latest_initial);
      return errorOf(() => drive(client, () => client.lookup(path, version), (p) => (p.startsWith("/lookup/") ? utf8Encode(body) : serve(p))));
    };
    expect(run("rsc.io/quote", "v1.5.2", `7\nrsc.io/quote v1.5.2 h1:x=\n\n${tree4}`).code).toBe("M074_SUMDB_E002");
    expect(run("rsc.io/Quote", "v1.5.2", `3\nrsc.io/Quote v1.5.2 h1:uppercase?=\n\n${tree4}`).code).toBe("M074_SUMDB_E003");
    expect(run("rsc.io/sampler", "v1.3.0", `3\n${vec.records[3]!.text}\n${tree4}`).code).toBe("M074_SUMDB_E004");
    expect(errorOf(() => newClient("").supply("/latest", new Uint8Array(0))).code).toBe("M074_SUMDB_E005");
    expect(errorOf(() => newClient("").supply("/tile/2/data/000", new Uint8Array(0))).code).toBe("M074_SUMDB_E005");
    expect(errorOf(() => parseLookupKey("rsc.io/quote@master")).code).toBe("M074_SUMDB_E006");
    // A note signed by another key is not verifiable.
    expect(run("rsc.io/quote", "v1.5.2", `0\n${vec.records[0]!.text}\n${vec.fork.tc2_latest.replace("localhost.localdev/sumdb", "other")}`).code).toBe(
      "M074_NOTE_E020",
    );
  });

  it("answers a warm lookup from the trusted tiles alone", () => {
    const client = newClient(vec.config_latest_initial);
    const serve = fromMap(vec.remote);
    drive(client, () => client.lookup("rsc.io/Quote", "v1.5.2"), serve);
    // A second lookup of a record in the same tree: the lookup body only.
    const { fetched, value } = drive(client, () => client.lookup("rsc.io/sampler", "v1.3.0"), (p) =>
      p === "/lookup/rsc.io/sampler@v1.3.0" ? utf8Encode(`2\n${vec.records[2]!.text}\n${vec.signed_tree_heads["4"]}`) : undefined,
    );
    expect(fetched).toEqual(["/lookup/rsc.io/sampler@v1.3.0"]);
    expect((value as LookupResult).id).toBe(2);
  });
});
