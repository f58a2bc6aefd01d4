// Conformance: the same inputs through the TypeScript core in Node and
// through the core component (jco transpile of core/dist/component), with
// identical values, bytes and error records required (harness.ts). Inputs:
// every vector file of ../shared/vectors/go (index.json lists them; what a
// file holds that no mochi:core interface offers is listed in EXCLUDED with
// the reason), the fixture modules and their checksum database, the lock
// fixtures, and the corpus surfaces with their index.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deflateEntry, encodeZip } from "../../core/src/go/zip-format.js";
import { formatRecord, parseTilePath } from "../../core/src/go/tlog.js";
import { parseLookupKey } from "../../core/src/go/sumdb.js";
import { pathSegment } from "../../core/src/bridge/names.js";
import type { CoreInterfaces, WitLock, WitLookupStep } from "../../core/component/src/interfaces.js";
import { buildFixtureRegistry, defaultFixturesRoot, type FixtureRegistry } from "../../host-node/src/fixture-registry.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { loadVector, repoRoot } from "../vectors.js";
import { counts, coreVersion, fromB64, loadSides, okOf, outcome, plain, same, utf8, type Sides } from "./harness.js";

let sides: Sides;
beforeAll(async () => {
  sides = await loadSides();
});

/** Per vector file, the sections no interface serves, and why. */
const EXCLUDED: Record<string, string> = {
  "vanity.json": "go-import <meta> discovery is the host's resolver (host-node), not a mochi:core interface",
  "goproxy.json#responses,latest_preference,goproxy_env_parsing,gosumdb_env,module_cache_layout,go_sum_line":
    "GOPROXY/GOSUMDB settings and proxy responses belong to the host's network layer; only `urls` (path and version escaping) is core math",
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
  const aliasOf = (module: string) => {
    const elems = module.split("/");
    const last = elems.length > 1 && /^v[0-9]+$/.test(elems[elems.length - 1]!) ? elems[elems.length - 2]! : elems[elems.length - 1]!;
    return pathSegment(last);
  };
  const options = (module: string) => ({ alias: aliasOf(module), version: undefined, monomorphise: [], allowDeprecated: { tag: "none" }, cgo: false });

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
