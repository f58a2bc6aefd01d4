// Conformance: the same inputs through the TypeScript core in Node and
// through the core component (jco transpile of core/dist/component), with
// identical values, bytes and error records required (harness.ts). Inputs:
// every vector file of ../shared/vectors/go (index.json lists them; what a
// file holds that no mochi:core interface offers is listed in EXCLUDED with
// the reason), the fixture modules and their checksum database, the lock
// fixtures, the corpus surfaces with their index, the repository's
// manifests, Mochi sources and go.mod files, the inline inputs of the core's
// manifest/gomod/query unit tests, and the fixture registry.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deflateEntry, encodeZip } from "../../core/src/go/zip-format.js";
import { formatRecord, parseTilePath } from "../../core/src/go/tlog.js";
import { parseLookupKey } from "../../core/src/go/sumdb.js";
import { parseManifest } from "../../core/src/manifest/parse.js";
import { formatIndexLine, indexEntryFromManifest } from "../../core/src/registry/index.js";
import type { CoreInterfaces, WitLock, WitLookupStep, WitMvsStep } from "../../core/component/src/interfaces.js";
import { buildFixtureRegistry, defaultFixturesRoot, type FixtureRegistry } from "../../host-node/src/fixture-registry.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { corpusAlias } from "../support/fixtures.js";
import { loadVector, repoRoot } from "../vectors.js";
import { counts, coreVersion, fromB64, loadSides, okOf, outcome, plain, same, utf8, type Sides } from "./harness.js";

let sides: Sides;
beforeAll(async () => {
  sides = await loadSides();
});

/** Per vector file, the sections no interface serves, and why. */
const EXCLUDED: Record<string, string> = {
  "vanity.json": "go-import <meta> discovery is the host's resolver (host-node), not a mochi:core interface",
  "goproxy.json#responses,latest_preference,goproxy_env_parsing,gosumdb_env,module_cache_layout":
    "GOPROXY/GOSUMDB settings and proxy responses belong to the host's network layer; `urls` (path and version escaping) and `go_sum_line` (go-requirements) are core",
  "pseudo.json#inc_decimal,dec_decimal,regex,is_pseudo_rule,forms": "internal helpers and prose of pseudo.ts, exercised through pseudo-version",
  "zip.json#vendor_rule,limits": "internal rule of zip-rules.ts and constants, exercised through check-files/check-zip",
  "zip.json#size_limit_tests(>1 MiB)": "cases of up to 500 MiB; the ones up to 1 MiB go through check-files",
  "tlog.json#stored_hash_index,new_tiles,tiles_h2_size13,tile_for_index_h2,tile_authentication_negative":
    "tile storage internals of tlog.ts; the sumdb client exercises them through the component",
  "note.json#bad_verifier_keys(upstream loops)": "the explicit cases and every proper prefix of one key go through parse-verifier-key",
};

afterAll(() => {
  // The coverage of this run, for the report: inputs per interface.
  const table = [...counts].map(([k, v]) => `${k}: ${v}`).join(", ");
  console.log(`conformance inputs per interface: ${table}; excluded vector sections: ${Object.keys(EXCLUDED).length}`);
});

type Str = string | { hex: string };
/** A vector string as a WIT string can carry it: bytes that are not UTF-8 become U+FFFD (what jco's encoder makes of them). */
const witString = (s: Str): string => (typeof s === "string" ? s : Buffer.from(s.hex, "hex").toString("utf8"));
const rawZip = (files: { name: string; content: string }[]): Uint8Array => encodeZip(files.map((f) => deflateEntry(f.name, utf8(f.content))));
const witFiles = (files: { name: string; content: string }[]) => files.map((f) => ({ name: f.name, content: utf8(f.content) }));

describe("vector files", () => {
  const index = loadVector<{ files: Record<string, unknown> }>("index.json");

  it("routes every file index.json lists", () => {
    const routed = ["dirhash.json", "goproxy.json", "modpath.json", "note.json", "pseudo.json", "semver.json", "sumdb-client.json", "tlog.json", "zip.json"];
    expect(Object.keys(index.files).sort()).toEqual([...routed, "vanity.json"].sort());
    expect(readdirSync(join(repoRoot, "../shared/vectors/go")).sort()).toEqual([...Object.keys(index.files), "index.json"].sort());
  });

  it("dirhash.json", () => {
    const v = loadVector("dirhash.json");
    for (const c of v.hash1_cases) {
      okOf(same(sides, "goModule", "hash1", witFiles(c.files)));
      okOf(same(sides, "goModule", "hash1Summary", witFiles(c.files)));
      expect(okOf(same(sides, "goModule", "hashZip", rawZip(c.files)))).toBe(c.h1);
    }
    for (const c of v.error_cases) {
      const o = same(sides, "goModule", "hash1", c.files.map((name: string) => ({ name, content: new Uint8Array() })));
      expect((o as { err: { code: string } }).err.code).toBe("M074_DIRHASH_E001");
    }
    for (const c of v.go_mod_hashes.cases) expect(same(sides, "goModule", "hashGoMod", utf8(c.go_mod))).toEqual({ ok: c.h1 });
  });

  it("modpath.json", () => {
    const v = loadVector("modpath.json");
    for (const c of v.check_path.cases) {
      const p = witString(c.path);
      for (const fn of ["checkPath", "checkImportPath", "checkFilePath", "splitPathVersion", "escapePath"] as const) same(sides, "goModule", fn, p);
    }
    for (const c of v.check_path_version.cases) same(sides, "goModule", "checkPathVersion", c.path, c.version);
    for (const c of v.split_path_version.cases) {
      expect(same(sides, "goModule", "splitPathVersion", c.input)).toEqual({ ok: { prefix: c.prefix, pathMajor: c.path_major, ok: c.ok } });
    }
    for (const c of v.escape_path.cases) {
      expect(same(sides, "goModule", "escapePath", c.path)).toEqual({ ok: c.escaped });
      expect(same(sides, "goModule", "unescapePath", c.escaped)).toEqual({ ok: c.path });
    }
    for (const c of v.bad_unescape.cases) expect("err" in same(sides, "goModule", "unescapePath", c)).toBe(true);
    for (const c of v.escape_version.cases) {
      const o = same(sides, "goModule", "escapeVersion", c.version);
      if (c.error !== true) {
        expect(o).toEqual({ ok: c.escaped });
        same(sides, "goModule", "unescapeVersion", c.escaped);
      }
    }
    for (const c of v.match_path_major.cases) expect("ok" in same(sides, "goModule", "checkPathMajor", c.version, c.path_major)).toBe(c.want);
    for (const c of v.match_prefix_patterns.cases) expect(same(sides, "goModule", "matchPrefixPatterns", c.globs, c.target)).toEqual({ ok: c.want });
    const g = v.gonosumdb_client;
    for (const p of [...g.ok, ...g.skip]) same(sides, "goModule", "matchPrefixPatterns", g.globs, p);
    for (const c of v.canonical_version.cases) expect(same(sides, "goModule", "canonicalModuleVersion", c.in)).toEqual({ ok: c.out });
  });

  it("semver.json", () => {
    const v = loadVector("semver.json");
    const all: string[] = [...v.table.map((r: { in: string }) => r.in), ...v.invalid_extra.cases, ...v.valid_extra.cases];
    for (const r of v.table) {
      expect("ok" in same(sides, "goModule", "parseVersion", r.in)).toBe(r.valid);
      expect(same(sides, "goModule", "canonicalVersion", r.in)).toEqual({ ok: r.canonical });
    }
    for (const s of [...v.invalid_extra.cases, ...v.valid_extra.cases]) same(sides, "goModule", "parseVersion", s);
    for (const a of all) for (const b of all) same(sides, "goModule", "compareVersions", a, b);
    for (const c of v.extra_compare.cases) expect(same(sides, "goModule", "compareVersions", c.a, c.b)).toEqual({ ok: c.cmp });
    const shuffled = [...v.sort_golden.want].reverse();
    expect(same(sides, "goModule", "sortVersions", shuffled)).toEqual({ ok: v.sort_golden.want });
  });

  it("pseudo.json", () => {
    const v = loadVector("pseudo.json");
    for (const c of v.pseudo_version.cases) {
      expect(same(sides, "goModule", "pseudoVersion", c.major, c.older, v.pseudo_version.time, v.pseudo_version.rev)).toEqual({ ok: c.version });
      same(sides, "goModule", "splitPseudoVersion", c.version);
      expect(same(sides, "goModule", "isPseudoVersion", c.version)).toEqual({ ok: true });
    }
    for (const c of v.invalid_pseudo_version_base.cases) same(sides, "goModule", "splitPseudoVersion", c);
    for (const c of v.zero_pseudo_version.cases) expect(same(sides, "goModule", "zeroPseudoVersion", c.major)).toEqual({ ok: c.out });
    for (const c of v.real_world.cases) {
      expect(same(sides, "goModule", "isPseudoVersion", c.version)).toEqual({ ok: c.is_pseudo });
      same(sides, "goModule", "splitPseudoVersion", c.version);
    }
  });

  it("zip.json", () => {
    const v = loadVector("zip.json");
    for (const c of v.groups.create) same(sides, "goModule", "createModuleZip", witString(c.module_path), c.version, witFiles(c.files));
    for (const c of v.groups.create_from_dir) {
      same(sides, "goModule", "createModuleZipFromDir", witString(c.module_path), c.version, witFiles(c.files));
    }
    for (const c of v.groups.unzip) {
      same(sides, "goModule", "checkZip", witString(c.module_path), c.version, rawZip(c.files));
      same(sides, "goModule", "hashZip", rawZip(c.files));
    }
    for (const c of v.groups.check_zip) same(sides, "goModule", "checkZip", witString(c.module_path), c.version, rawZip(c.files));
    for (const c of v.groups.check_files) same(sides, "goModule", "checkFiles", witFiles(c.files));
    for (const c of v.groups.check_dir) same(sides, "goModule", "checkDir", witFiles(c.files), "$work");
    for (const c of v.size_limit_tests.cases) {
      const total = c.files.reduce((n: number, f: { size: number }) => n + f.size, 0);
      if (total > 1 << 20) continue;
      const files = c.files.map((f: { name: string; size: number; content?: string }) => ({ name: f.name, content: f.content === undefined ? new Uint8Array(f.size) : utf8(f.content) }));
      same(sides, "goModule", "checkFiles", files);
    }
  });

  it("goproxy.json (urls)", () => {
    const v = loadVector("goproxy.json");
    for (const c of v.urls) {
      const path = okOf(same(sides, "goModule", "escapePath", c.module)) as string;
      const version = okOf(same(sides, "goModule", "escapeVersion", c.version)) as string;
      const at = `${c.base.replace(/\/+$/, "")}/${path}/@v/`;
      for (const ext of ["mod", "info", "zip"] as const) if (c[ext] !== undefined) expect(c[ext]).toBe(`${at}${version}.${ext}`);
    }
  });

  it("note.json", () => {
    const v = loadVector("note.json");
    const keys = new Map<string, { signer_key: string; verifier_key: string }>(v.keys.map((k: { name: string }) => [k.name, k]));
    for (const k of v.keys) {
      same(sides, "checksumDb", "parseVerifierKey", k.verifier_key);
      for (let i = 1; i < k.verifier_key.length; i++) expect("err" in same(sides, "checksumDb", "parseVerifierKey", k.verifier_key.slice(0, i))).toBe(true);
    }
    for (const c of v.key_hash_check.cases) same(sides, "checksumDb", "keyHash", c.name, fromB64(c.keybytes_base64));
    for (const c of v.bad_verifier_keys.cases) expect("err" in same(sides, "checksumDb", "parseVerifierKey", c.key)).toBe(c.accept !== true);
    const sigFromLine = (line: string) => {
      const [name, base64] = line.slice(2).split(" ") as [string, string];
      return { name, keyHash: fromB64(base64).subarray(0, 4).reduce((h, b) => h * 256 + b, 0), base64 };
    };
    for (const c of v.sign.cases) {
      const signers = c.signers.map((n: string) => keys.get(n)!.signer_key);
      const o = same(sides, "checksumDb", "signNote", c.text, (c.existing_sigs ?? []).map(sigFromLine), signers);
      expect(o).toEqual(c.error === undefined ? { ok: c.signed } : { err: expect.objectContaining({ code: "M074_NOTE_E009" }) });
    }
    for (const c of v.open.cases) same(sides, "checksumDb", "openNote", utf8(c.msg), c.known);
  });

  it("tlog.json", () => {
    const v = loadVector("tlog.json");
    const records = Array.from({ length: 100 }, (_, i) => utf8(`leaf ${i}`));
    for (const c of v.hashing.cases) {
      const out = { ok: fromB64(c.out) };
      if (c.fn === "record_hash") expect(same(sides, "checksumDb", "recordHash", utf8(c.data))).toEqual(out);
      else if (c.fn === "node_hash") expect(same(sides, "checksumDb", "nodeHash", fromB64(c.left), fromB64(c.right))).toEqual(out);
      else expect(same(sides, "checksumDb", "treeHash", records.slice(0, c.n))).toEqual(out);
    }
    for (const t of v.test_log.tree_hashes) {
      expect(same(sides, "checksumDb", "treeHash", records.slice(0, t.size))).toEqual({ ok: fromB64(t.hash) });
    }
    const flip = (proof: string[]) => proof.map((h, i) => (i === 0 ? Uint8Array.from(fromB64(h), (b, j) => (j === 0 ? b ^ 1 : b)) : fromB64(h)));
    for (const c of v.inclusion_proofs.cases) {
      const args = [BigInt(c.t), fromB64(c.tree_hash), BigInt(c.n), fromB64(c.leaf_hash)];
      expect(same(sides, "checksumDb", "checkRecord", c.proof.map(fromB64), ...args)).toEqual({ ok: undefined });
      if (c.proof.length > 0) expect("err" in same(sides, "checksumDb", "checkRecord", flip(c.proof), ...args)).toBe(true);
      expect(same(sides, "checksumDb", "proveRecord", records.slice(0, c.t), BigInt(c.t), BigInt(c.n))).toEqual({ ok: c.proof.map(fromB64) });
    }
    for (const c of v.consistency_proofs.cases) {
      const args = [BigInt(c.t), fromB64(c.tree_hash_t), BigInt(c.n), fromB64(c.tree_hash_n)];
      expect(same(sides, "checksumDb", "checkTree", c.proof.map(fromB64), ...args)).toEqual({ ok: undefined });
      if (c.proof.length > 0) expect("err" in same(sides, "checksumDb", "checkTree", flip(c.proof), ...args)).toBe(true);
      same(sides, "checksumDb", "proveTree", records.slice(0, c.t), BigInt(c.t), BigInt(c.n));
    }
    for (const c of v.tree_note.format) {
      expect(same(sides, "checksumDb", "formatTree", { size: BigInt(c.n), hash: fromB64(c.hash) })).toEqual({ ok: c.text });
      same(sides, "checksumDb", "parseTree", c.text);
    }
    for (const t of [...v.tree_note.parse_bad, ...v.tree_note.parse_good_extra_lines]) same(sides, "checksumDb", "parseTree", t);
    for (const c of v.records.format) expect(same(sides, "checksumDb", "formatRecord", BigInt(c.id), c.text)).toEqual({ ok: c.msg });
    for (const t of v.records.format_bad_text) expect("err" in same(sides, "checksumDb", "formatRecord", 1n, t)).toBe(true);
    for (const c of v.records.parse) same(sides, "checksumDb", "parseRecord", utf8(c.msg));
    for (const m of v.records.parse_bad) same(sides, "checksumDb", "parseRecord", utf8(m));
    for (const c of [...v.tile_paths.upstream, ...v.tile_paths.derived]) {
      same(sides, "checksumDb", "parseTilePath", c.path);
      if (c.tile !== null) {
        const tile = { height: c.tile.H, level: c.tile.L, index: BigInt(c.tile.N), width: c.tile.W };
        expect(same(sides, "checksumDb", "tilePath", tile)).toEqual({ ok: c.path });
      }
    }
    for (const p of v.tile_paths.must_reject_derived) expect("err" in same(sides, "checksumDb", "parseTilePath", p)).toBe(true);
  });

  it("sumdb-client.json: the client scenario step by step", () => {
    const v = loadVector("sumdb-client.json");
    const serve = (path: string) => {
      const r = v.remote[path];
      return r === undefined ? undefined : r.text !== undefined ? utf8(r.text) : fromB64(r.base64);
    };
    const pair = newClients(v.verifier_key, utf8(v.config_latest_initial), v.tile_height);
    for (const step of v.expected_client_behaviour) {
      if (step.lookup === undefined) continue;
      const result = pair.lookup(step.lookup[0], step.lookup[1], serve);
      if (step.lines !== undefined) expect((result as { ok: { lines: string[] } }).ok.lines).toEqual(step.lines);
    }
    expect(pair.latestNote()).toBe(v.signed_tree_heads[String(v.records.length)] ?? pair.latestNote());
  });
});

/** A sumdb client on each side, driven in lockstep: every step and request list must be equal. */
function newClients(verifierKey: string, latest: Uint8Array, tileHeight: number) {
  type Client = InstanceType<CoreInterfaces["checksumDb"]["SumdbClient"]>;
  const create = (s: CoreInterfaces) => s.checksumDb.SumdbClient.create(verifierKey, latest, tileHeight) as Client;
  const direct = create(sides.direct);
  const component = create(sides.component);
  counts.set("checksumDb", (counts.get("checksumDb") ?? 0) + 1);
  return {
    lookup(path: string, version: string, serve: (path: string) => Uint8Array | undefined) {
      for (let round = 0; round < 10; round++) {
        const a = outcome(() => direct.lookup(path, version));
        const b = outcome(() => component.lookup(path, version));
        expect(plain(b), `lookup ${path}@${version}`).toEqual(plain(a));
        counts.set("checksumDb", (counts.get("checksumDb") ?? 0) + 1);
        if ("err" in a) return a;
        const step = a.ok as WitLookupStep;
        if (step.tag === "done") return { ok: step.val };
        for (const req of step.val) {
          const body = serve(req.path) ?? (req.fallbackPath === undefined ? undefined : serve(req.fallbackPath));
          if (body === undefined) throw new Error(`nothing to serve for ${req.path}`);
          expect(plain(outcome(() => component.supply(req.path, body)))).toEqual(plain(outcome(() => direct.supply(req.path, body))));
        }
      }
      throw new Error("the client keeps asking");
    },
    latestNote(): string {
      expect(component.latestNote()).toBe(direct.latestNote());
      return direct.latestNote();
    },
  };
}

describe("fixture modules and their checksum database", () => {
  let registry: FixtureRegistry;
  beforeAll(async () => {
    registry = await buildFixtureRegistry(defaultFixturesRoot(), await nodeHashing());
  });

  it("hashes, checks and proves every fixture module version", () => {
    expect(registry.modules.length).toBeGreaterThan(10);
    const log = registry.log;
    const records = Array.from({ length: log.size }, (_, i) => utf8(log.record(i)!));
    const root = okOf(same(sides, "checksumDb", "treeHash", records)) as Uint8Array;
    expect(Buffer.from(root).equals(Buffer.from(log.tree().hash))).toBe(true);
    const head = log.signedHead();
    same(sides, "checksumDb", "openNote", utf8(head), [registry.verifierKey]);
    same(sides, "checksumDb", "parseTree", (okOf(same(sides, "checksumDb", "openNote", utf8(head), [registry.verifierKey])) as { text: string }).text);
    for (const m of registry.modules) {
      expect(same(sides, "goModule", "hashZip", m.zip)).toEqual({ ok: m.zipHash });
      expect(same(sides, "goModule", "hashGoMod", m.mod)).toEqual({ ok: m.modHash });
      same(sides, "goModule", "checkZip", m.path, m.version, m.zip);
      same(sides, "goModule", "checkPathVersion", m.path, m.version);
      const size = BigInt(log.size);
      const proof = okOf(same(sides, "checksumDb", "proveRecord", records, size, BigInt(m.recordId)));
      const leaf = okOf(same(sides, "checksumDb", "recordHash", records[m.recordId]!));
      expect(same(sides, "checksumDb", "checkRecord", proof, size, root, BigInt(m.recordId), leaf)).toEqual({ ok: undefined });
    }
    for (let n = 1; n < log.size; n++) {
      const proof = okOf(same(sides, "checksumDb", "proveTree", records, BigInt(log.size), BigInt(n)));
      same(sides, "checksumDb", "checkTree", proof, BigInt(log.size), root, BigInt(n), log.tree(n).hash);
    }
  });

  it("looks every fixture module version up through the sumdb client", () => {
    const log = registry.log;
    const head = log.signedHead();
    const serve = (path: string) => {
      if (path.startsWith("/lookup/")) {
        const { path: mod, version } = parseLookupKey(path.slice("/lookup/".length));
        const id = log.lookupId(mod, version);
        return id === undefined ? undefined : utf8(formatRecord(id, log.record(id)!) + head);
      }
      return log.tileData(parseTilePath(path.slice(1)));
    };
    const pair = newClients(registry.verifierKey, new Uint8Array(), 8);
    for (const m of registry.modules) {
      const r = pair.lookup(m.path, m.version, serve) as { ok: { lines: string[] } };
      expect(r.ok.lines).toEqual([`${m.path} ${m.version} ${m.zipHash}`]);
    }
    expect(pair.latestNote()).toBe(head);
  });
});

describe("lock fixtures", () => {
  const dir = join(repoRoot, "fixtures/locks");
  const locks = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".lock")).sort() : [];

  it("has the lock fixtures", () => expect(locks.length).toBeGreaterThanOrEqual(7));

  it.each(locks)("%s: parse, and write what parses", (name) => {
    const bytes = readFileSync(join(dir, name));
    const parsed = same(sides, "lockfile", "parse", new Uint8Array(bytes), name);
    if ("ok" in parsed) {
      const text = okOf(same(sides, "lockfile", "write", parsed.ok));
      // Canonical fixtures come out of the component byte for byte (expected.lock is the byte-identity gate).
      if (name === "full.lock" || name === "empty.lock" || name === "expected.lock") expect(text).toBe(bytes.toString("utf8"));
      // The normal form is a fixed point: written text parses back to the same lock.
      same(sides, "lockfile", "parse", utf8(text as string), undefined);
    }
  });

  it("checks the stale-check fixtures: fresh, changed, reordered manifests; against itself and a drifted fresh lock", () => {
    const sc = join(dir, "stale-check");
    const lock = new Uint8Array(readFileSync(join(sc, "mochi.lock")));
    const fresh = okOf(same(sides, "lockfile", "parse", lock, "mochi.lock")) as WitLock;
    for (const manifest of readdirSync(sc).filter((f) => f.endsWith(".toml")).sort()) {
      const text = readFileSync(join(sc, manifest), "utf8");
      same(sides, "lockfile", "check", text, lock, undefined);
      same(sides, "lockfile", "check", text, lock, fresh);
      const drifted = { ...fresh, goPackages: fresh.goPackages.slice(1), mochi: "9.9.9" };
      same(sides, "lockfile", "check", text, lock, drifted);
      const tampered = { ...fresh, goPackages: fresh.goPackages.map((g, i) => (i === 0 ? { ...g, zipH1: "h1:AAAA" } : g)) };
      same(sides, "lockfile", "check", text, lock, tampered);
    }
  });
});

describe("corpus surfaces", () => {
  const index = JSON.parse(readFileSync(join(repoRoot, "fixtures/surfaces/index.json"), "utf8")) as {
    surfaces: { module: string; file: string; api_surface_sha256: string }[];
  };
  const options = (module: string) => ({ alias: corpusAlias(module), version: undefined, monomorphise: [], allowDeprecated: { tag: "none" }, cgo: false });

  it.each(index.surfaces.map((s) => [s.module, s] as const))("%s: plan, externs, skip report and surface hash", (_m, s) => {
    const json = readFileSync(join(repoRoot, "fixtures/surfaces", s.file), "utf8");
    expect(same(sides, "bridge", "apiSurfaceSha256", json)).toEqual({ ok: s.api_surface_sha256 });
    const out = okOf(same(sides, "bridge", "bridgeModule", json, options(s.module))) as { externFiles: unknown[]; planJson: string };
    expect(out.externFiles).toHaveLength(2);
    expect(out.planJson.length).toBeGreaterThan(2);
  });

  it("index.json itself is no ApiSurface: the same error both ways", () => {
    const json = readFileSync(join(repoRoot, "fixtures/surfaces/index.json"), "utf8");
    expect("err" in same(sides, "bridge", "bridgeModule", json, options("index"))).toBe(true);
    expect("err" in same(sides, "bridge", "apiSurfaceSha256", json)).toBe(true);
  });
});

describe("about", () => {
  it("reports core/package.json's version", () => {
    expect(sides.component.types.version()).toBe(coreVersion());
    expect(sides.direct.types.version()).toBe(coreVersion());
  });
});

// ---------------------------------------------------------------- manifest, mochi-source, go-requirements, registry

/** Every mochi.toml under `dir` (relative to the repository), sorted. */
function tomlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(repoRoot, rel), { withFileTypes: true })) {
      const p = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".toml")) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The template literals (without substitutions) of a test file, evaluated:
 * the inline inputs of the core's own unit tests (manifests, go.mod files),
 * reused as conformance inputs.
 */
function templateLiterals(testFile: string): string[] {
  const text = readFileSync(join(repoRoot, testFile), "utf8");
  return [...text.matchAll(/`(?:[^`\\$]|\\[\s\S]|\$(?!\{))*`/g)].map((m) => new Function(`return ${m[0]};`)() as string);
}

const read = (rel: string): string => readFileSync(join(repoRoot, rel), "utf8");
const errCode = (o: unknown): string | undefined => (o as { err?: { code?: string } }).err?.code;

describe("manifest", () => {
  const files = [...tomlFiles("fixtures/locks"), "examples/greeter/mochi.toml", ...tomlFiles("fixtures/registry")];
  const inline = ["canonical", "edit", "parse", "workspace", "versions"].flatMap((t) => templateLiterals(`test/manifest/${t}.test.ts`));

  it("has the manifest inputs", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(inline.length).toBeGreaterThan(20);
  });

  it.each(files)("%s: canonical text, hash, go-dependency edits", (rel) => {
    const text = read(rel);
    const canonical = okOf(same(sides, "manifest", "canonicalManifest", text, rel)) as string;
    // The canonical text is a fixed point and hashes like the text it came from.
    expect(same(sides, "manifest", "canonicalManifest", canonical, undefined)).toEqual({ ok: canonical });
    const hash = okOf(same(sides, "manifest", "manifestHash", text, rel, [])) as string;
    expect(hash).toMatch(/^blake3-256:[0-9a-f]{64}$/);
    expect(same(sides, "manifest", "manifestHash", canonical, undefined, [])).toEqual({ ok: hash });
    // A virtual workspace root refuses [go-dependencies] (M057_MANIFEST_E003): the same error both ways.
    const added = same(sides, "manifest", "addGoDependency", text, "golang.org/x/sync", { tag: "version", val: "v0.7.0" }, rel);
    if ("ok" in added) {
      const table2 = { tag: "table", val: table({ version: "v0.8.0", buildTags: ["b", "a"] }) };
      same(sides, "manifest", "addGoDependency", added.ok, "golang.org/x/sync", table2, rel);
      // Removing what was added gives the text back, but for a [go-dependencies] header the edit had to write.
      const removed = okOf(same(sides, "manifest", "removeGoDependency", added.ok, "golang.org/x/sync", rel)) as string;
      expect(removed.replace(/\n\[go-dependencies\]\n$/, "")).toBe(text);
    }
    same(sides, "manifest", "addGoDependency", text, "example.com/local", { tag: "table", val: table({ path: "../local" }) }, rel);
    same(sides, "manifest", "addGoDependency", text, "Bad Module", { tag: "version", val: "v1.0.0" }, rel);
    same(sides, "manifest", "addGoDependency", text, "github.com/x/y", { tag: "version", val: "not a version" }, rel);
    expect(same(sides, "manifest", "removeGoDependency", text, "example.com/absent", rel)).toEqual({ ok: text });
    for (const m of text.matchAll(/^"?([a-z0-9.-]+\.[a-z]+\/[^"\s=]+)"?\s*=/gm)) same(sides, "manifest", "removeGoDependency", text, m[1]!, rel);
    // A broken copy fails the same way on both sides (M057_MANIFEST_* at file:line:column).
    expect(errCode(same(sides, "manifest", "canonicalManifest", `${text}\n[package\n`, rel))).toMatch(/^M057_MANIFEST_E/);
  });

  it("the workspace fixture: the root's hash over its members", () => {
    const root = read("fixtures/registry/workspace/mochi.toml");
    const members = ["app", "parser", "vendor/util"].map((path) => ({ path, text: read(`fixtures/registry/workspace/${path}/mochi.toml`) }));
    const hash = okOf(same(sides, "manifest", "manifestHash", root, undefined, members));
    expect(same(sides, "manifest", "manifestHash", root, undefined, [...members].reverse())).toEqual({ ok: hash });
    expect(same(sides, "manifest", "manifestHash", root, undefined, [])).not.toEqual({ ok: hash });
    expect("err" in same(sides, "manifest", "manifestHash", root, undefined, [{ path: "broken", text: "[package" }])).toBe(true);
  });

  it("the manifest unit tests' inline texts", () => {
    for (const text of inline) {
      same(sides, "manifest", "canonicalManifest", text, undefined);
      same(sides, "manifest", "manifestHash", text, undefined, []);
      same(sides, "manifest", "addGoDependency", text, "github.com/google/uuid", { tag: "version", val: "v1.6.0" }, undefined);
      same(sides, "manifest", "removeGoDependency", text, "github.com/google/uuid", undefined);
    }
  });
});

/** record go-dependency of wit/manifest.wit with only the given fields. */
function table(fields: { version?: string; path?: string; buildTags?: string[] }) {
  return { version: undefined, path: undefined, git: undefined, rev: undefined, tag: undefined, branch: undefined, buildTags: undefined, replace: undefined, indirect: undefined, workspace: false, ...fields };
}

describe("mochi-source", () => {
  const mochiFiles = (dir: string): string[] => {
    const out: string[] = [];
    const walk = (rel: string) => {
      for (const e of readdirSync(join(repoRoot, rel), { withFileTypes: true })) {
        if (e.isDirectory()) walk(`${rel}/${e.name}`);
        else if (e.name.endsWith(".mochi")) out.push(`${rel}/${e.name}`);
      }
    };
    walk(dir);
    return out.sort();
  };
  const files = [...mochiFiles("fixtures/mochi/corpus"), ...mochiFiles("fixtures/mochi/bridge")];
  const none = { languages: undefined, goDependencies: undefined };
  // The greeter's [go-dependencies] as the lookup of imports without a version.
  const greeterDeps = [...read("examples/greeter/mochi.toml").matchAll(/^"([^"]+\/[^"]+)"\s*=\s*"([^"]+)"/gm)].map((m) => ({ module: m[1]!, version: m[2]! }));
  const withDeps = { languages: undefined, goDependencies: greeterDeps };

  it("has the Mochi sources", () => expect(files.length).toBeGreaterThanOrEqual(30));

  it.each(files)("%s: imports, diagnostics and their rendering", (rel) => {
    const source = read(rel);
    // Whole, and cut in half (mid-statement: the parser's recovery and syntax diagnostics).
    for (const [text, name] of [[source, rel], [source.slice(0, Math.floor(source.length / 2)), `${rel}#half`]] as const) {
      for (const options of [none, withDeps]) {
        const scan = okOf(same(sides, "mochiSource", "scanImports", text, name, options)) as { diagnostics: unknown[] };
        const diagnostics = okOf(same(sides, "mochiSource", "checkSource", text, options)) as unknown[];
        same(sides, "mochiSource", "renderDiagnostics", diagnostics, text, name);
        same(sides, "mochiSource", "renderDiagnostics", scan.diagnostics, text, name);
      }
    }
    same(sides, "mochiSource", "checkSource", source, { languages: ["go"], goDependencies: [] });
  });

  it("the corpus has imports and diagnostics to compare", () => {
    const scan = okOf(same(sides, "mochiSource", "scanImports", read("fixtures/mochi/corpus/imports.mochi"), "imports.mochi", none)) as { imports: unknown[] };
    expect(scan.imports.length).toBeGreaterThan(0);
    const half = read("fixtures/mochi/corpus/statements.mochi");
    expect((okOf(same(sides, "mochiSource", "checkSource", `${half}\nfun (`, none)) as unknown[]).length).toBeGreaterThan(0);
  });
});

describe("go-requirements", () => {
  const modules = readdirSync(join(repoRoot, "fixtures/modules"), { recursive: true, encoding: "utf8" })
    .filter((p) => p.endsWith("go.mod"))
    .sort()
    .map((p) => {
      const [path, version] = p.split("/@v/") as [string, string];
      return { path, version: version.replace(/\/go\.mod$/, ""), text: read(`fixtures/modules/${p}`) };
    });
  const vectorMods = loadVector("dirhash.json").go_mod_hashes.cases.map((c: { go_mod: string }) => c.go_mod) as string[];
  const inline = templateLiterals("test/go/gomod.test.ts");

  it("has the go.mod inputs", () => {
    expect(modules.length).toBeGreaterThanOrEqual(10);
    expect(inline.length).toBeGreaterThan(15);
  });

  it("parse-go-mod, strict and lax: vectors, fixture modules, the gomod unit tests' texts", () => {
    for (const text of [...vectorMods, ...modules.map((m) => m.text), ...inline]) {
      for (const lax of [false, true]) same(sides, "goRequirements", "parseGoMod", text, undefined, lax);
    }
    for (const m of modules) {
      const json = JSON.parse(okOf(same(sides, "goRequirements", "parseGoMod", m.text, `${m.path}@${m.version}/go.mod`, false)) as string);
      expect(json.module.path).toBe(m.path);
      same(sides, "goRequirements", "readModSummary", m.text, m.path, `${m.path}@${m.version}/go.mod`);
      expect(errCode(same(sides, "goRequirements", "readModSummary", m.text, "evil.com/x", "x"))).toBe("M074_MVS_E001");
    }
  });

  it("mvs-build-list: every fixture module as the main module, walked in lockstep", () => {
    const byKey = new Map(modules.map((m) => [`${m.path}@${m.version}`, m]));
    let walks = 0;
    for (const m of modules) {
      const file = JSON.parse(okOf(same(sides, "goRequirements", "parseGoMod", m.text, undefined, false)) as string);
      const mvOf = (r: { path: string; version: string }) => ({ path: r.path, version: r.version });
      const main = {
        path: file.module.path,
        go: file.go ?? "1.21",
        requires: file.require.map(mvOf),
        excludes: file.exclude.map(mvOf),
        replaces: file.replace.map((r: { old: { path: string; version?: string }; new: { path: string; version?: string } }) => ({
          old: { path: r.old.path, version: r.old.version },
          new: { path: r.new.path, version: r.new.version },
        })),
      };
      const summaries: { module: { path: string; version: string }; summary: unknown }[] = [];
      for (let round = 0; ; round++) {
        expect(round).toBeLessThan(20);
        const step = okOf(same(sides, "goRequirements", "mvsBuildList", main, summaries)) as WitMvsStep;
        if (step.tag === "done") break;
        for (const req of step.val) {
          const key = req.source.tag === "module" ? `${req.source.val.path}@${req.source.val.version}` : req.source.val;
          const dep = byKey.get(key);
          // A module the fixtures do not hold: an empty go.mod, as for a module without one.
          const text = dep?.text ?? `module ${req.module.path}\n`;
          summaries.push({ module: req.module, summary: okOf(same(sides, "goRequirements", "readModSummary", text, req.module.path, key)) });
        }
      }
      walks++;
    }
    expect(walks).toBe(modules.length);
    // The mvs unit tests' scenarios: pruned and unpruned graphs, excludes and replacements.
    const mv = (s: string) => ({ path: s.split("@")[0]!, version: s.split("@")[1]! });
    const main = { path: "m", go: "1.21", requires: [mv("a.com/a@v1.0.0"), mv("b.com/b@v1.0.0"), mv("old.com/x@v1.0.0")], excludes: [mv("a.com/z@v1.9.0")], replaces: [
      { old: { path: "a.com/a", version: undefined }, new: { path: "../a", version: undefined } },
      { old: { path: "b.com/b", version: "v1.0.0" }, new: { path: "r.com/r", version: "v1.5.0" } },
    ] };
    const summaries = [
      { module: mv("a.com/a@v1.0.0"), summary: { go: "1.21", requires: [mv("c.com/c@v1.2.0"), mv("a.com/z@v1.9.0")] } },
      { module: mv("b.com/b@v1.0.0"), summary: { go: "1.21", requires: [mv("c.com/c@v1.1.0"), mv("a.com/a@v1.1.0")] } },
      { module: mv("old.com/x@v1.0.0"), summary: { go: undefined, requires: [mv("y.com/y@v1.0.0")] } },
    ];
    for (let n = 0; n <= summaries.length; n++) same(sides, "goRequirements", "mvsBuildList", main, summaries.slice(0, n));
    same(sides, "goRequirements", "mvsBuildList", { ...main, go: "1.16" }, summaries);
    same(sides, "goRequirements", "mvsBuildList", main, [...summaries, { module: mv("y.com/y@v1.0.0"), summary: { go: "1.21", requires: [] } }]);
  });

  it("parse-query and select-version: the query unit tests' queries over their versions and the fixtures'", () => {
    const queries = [...read("test/go/query.test.ts").matchAll(/(?:parseQuery|sel)\("([^"]*)"/g)].map((m) => m[1]!);
    expect(queries.length).toBeGreaterThan(20);
    const lists = [
      ["v1.0.0", "v1.1.0", "v1.2.0", "v1.2.1", "v1.3.0-rc.1", "v2.0.0+incompatible", "v0.9.0", "v1.10.0-beta"],
      ["v1.1.0-rc.1", "v1.1.0-rc.2"],
      [],
      ...[...new Set(modules.map((m) => m.path))].map((p) => modules.filter((m) => m.path === p).map((m) => m.version)),
      loadVector("semver.json").sort_golden.want as string[],
    ];
    for (const q of [...new Set([...queries, "", "v1.2.3+build", ">v1", "<=v0.1.0"])]) {
      const parsed = same(sides, "goRequirements", "parseQuery", q, "test");
      if (!("ok" in parsed)) continue;
      for (const versions of lists) {
        for (const retracted of [[], ["v1.2.1"], versions]) same(sides, "goRequirements", "selectVersion", parsed.ok, versions, retracted);
      }
    }
  });

  it("parse-go-sum and format-go-sum: the vector lines, the fixture modules' hashes, broken lines", () => {
    const v = loadVector("goproxy.json").go_sum_line;
    const lines = okOf(same(sides, "goRequirements", "parseGoSum", v.examples.join("\n"), undefined)) as unknown[];
    expect(same(sides, "goRequirements", "formatGoSum", [...lines].reverse())).toEqual({ ok: `${v.examples.join("\n")}\n` });
    const fixtureSum = [...read("host-node/go-ingest/go.sum").split("\n")].join("\n");
    const parsed = okOf(same(sides, "goRequirements", "parseGoSum", fixtureSum, "go.sum")) as unknown[];
    same(sides, "goRequirements", "formatGoSum", [...parsed, ...parsed].reverse());
    for (const bad of ["a b", "rsc.io/quote v1.5.2 h1:short=", "a b c d", `${v.examples[0]}\nx\n`]) {
      expect(errCode(same(sides, "goRequirements", "parseGoSum", bad, "bad.sum"))).toMatch(/^M074_GOPROXY_E00[67]$/);
    }
  });
});

describe("registry", () => {
  const manifests = tomlFiles("fixtures/registry/packages");
  const blake3Of = (rel: string) => `blake3-256:${createHash("sha256").update(rel).digest("hex")}`;

  it("index entries from every fixture package, their lines and index files", () => {
    expect(manifests.length).toBeGreaterThanOrEqual(15);
    const byName = new Map<string, string[]>();
    for (const rel of manifests) {
      const text = read(rel);
      for (const yanked of [false, true]) {
        const entry = okOf(same(sides, "registry", "indexEntryFromManifest", text, blake3Of(rel), yanked, rel)) as { name: string };
        const line = okOf(same(sides, "registry", "formatIndexLine", entry)) as string;
        expect(same(sides, "registry", "parseIndexLine", line, undefined, entry.name)).toEqual({ ok: entry });
        same(sides, "registry", "parseIndexLine", line, "index", "@other/name");
        if (!yanked) byName.set(entry.name, [...(byName.get(entry.name) ?? []), line]);
      }
    }
    for (const [name, lines] of byName) {
      const entries = okOf(same(sides, "registry", "parseIndexFile", name, `${[...lines].reverse().join("\n")}\n`, undefined)) as unknown[];
      same(sides, "registry", "formatIndexFile", entries);
      expect(errCode(same(sides, "registry", "parseIndexFile", name, `${lines[0]}\n${lines[0]}\n`, undefined))).toBe("M057_REGISTRY_E007");
    }
    expect(errCode(same(sides, "registry", "indexEntryFromManifest", read("fixtures/registry/workspace/mochi.toml"), blake3Of("w"), false, undefined))).toBe("M057_REGISTRY_E016");
    for (const bad of ["{}", "[]", '{"name":"x"}', '{"name":"x","version":"1.0.0"}']) {
      expect("err" in same(sides, "registry", "parseIndexLine", bad, undefined, undefined)).toBe(true);
    }
  });

  // A line that is not JSON at all: the same error on both sides (the detail
  // quotes the line, not the engine's JSON.parse wording, which V8 and
  // SpiderMonkey phrase differently).
  it("a line that is not JSON gives the same error on both sides", () => {
    for (const bad of ["not json", "{", ""]) {
      expect(errCode(same(sides, "registry", "parseIndexLine", bad, undefined, undefined))).toBe("M057_INDEX_E002");
      counts.set("registry", (counts.get("registry") ?? 0) + 1);
    }
  });
});

describe("registry: resolve-mochi", () => {
  // The fixture registry's index files, written by the core from the packages' manifests.
  const indexTexts = new Map<string, string>();
  for (const rel of tomlFiles("fixtures/registry/packages")) {
    const entry = indexEntryFromManifest(parseManifest(read(rel)), { blake3: `blake3-256:${createHash("sha256").update(rel).digest("hex")}` });
    indexTexts.set(entry.name, (indexTexts.get(entry.name) ?? "") + `${formatIndexLine(entry)}\n`);
  }
  const ws = "fixtures/registry/workspace";
  const input = (root: string, extra: object = {}) => ({
    root,
    members: [],
    registry: "registry.test",
    indexes: [] as { name: string; text: string | undefined }[],
    pathManifests: [] as { dir: string; text: string }[],
    lock: undefined,
    unlock: { tag: "none" },
    osArch: undefined,
    maxSteps: undefined,
    ...extra,
  });

  /** Drives the resolver on both sides to the end, answering from the fixture registry and workspace. */
  function resolveBoth(start: ReturnType<typeof input>): { rounds: number; done: boolean } {
    const state = { ...start, indexes: [...start.indexes], pathManifests: [...start.pathManifests] };
    for (let rounds = 0; rounds < 30; rounds++) {
      const o = same(sides, "registry", "resolveMochi", state);
      if (!("ok" in o)) return { rounds, done: false };
      const step = o.ok as { tag: "need"; val: { indexes: string[]; paths: string[] } } | { tag: "done" };
      if (step.tag === "done") return { rounds, done: true };
      for (const name of step.val.indexes) state.indexes.push({ name, text: indexTexts.get(name) });
      for (const dir of step.val.paths) {
        if (!existsSync(join(repoRoot, ws, dir, "mochi.toml"))) return { rounds, done: false };
        state.pathManifests.push({ dir, text: read(`${ws}/${dir}/mochi.toml`) });
      }
    }
    throw new Error("the resolver keeps asking");
  }

  it("the fixture workspace, every fixture package and the repository's manifests as roots", () => {
    const members = ["app", "parser"].map((path) => ({ path, text: read(`${ws}/${path}/mochi.toml`) }));
    expect(resolveBoth(input(read(`${ws}/mochi.toml`), { members }))).toEqual({ rounds: expect.any(Number), done: true });
    resolveBoth(input(read(`${ws}/mochi.toml`), { members, osArch: [{ os: "linux", arch: "amd64" }], unlock: { tag: "all" } }));
    resolveBoth(input(read(`${ws}/mochi.toml`), { members, maxSteps: 1 }));
    let done = 0;
    for (const rel of [...tomlFiles("fixtures/registry/packages"), ...tomlFiles("fixtures/locks"), "examples/greeter/mochi.toml"]) {
      if (resolveBoth(input(read(rel))).done) done++;
    }
    expect(done).toBeGreaterThan(15);
  });

  it("with the stale-check lock: locked versions preferred, unlocked, and a lock that does not parse", () => {
    const lock = new Uint8Array(readFileSync(join(repoRoot, "fixtures/locks/stale-check/mochi.lock")));
    const root = read("fixtures/locks/stale-check/mochi.toml");
    resolveBoth(input(root, { lock }));
    resolveBoth(input(root, { lock, unlock: { tag: "packages", val: ["@fx/json"] } }));
    expect(resolveBoth(input(root, { lock: utf8("version = 99\n") })).done).toBe(false);
    expect(resolveBoth(input(root, { indexes: [{ name: "@fx/json", text: "{\"name\":\"@fx/json\"}\n" }] })).done).toBe(false);
  });
});
