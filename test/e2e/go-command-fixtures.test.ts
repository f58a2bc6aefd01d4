// The real go command against the embedded fixture registry: it downloads
// every fixture module version through our GOPROXY, verifies each against
// our checksum database (signed head, tiles, record), and must agree with
// our h1 hashes. Tampered zips and tiles must make it refuse, and so must a
// forked tree head. Needs Go (1.26) on PATH.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cleanup, isolatedGoEnv, jsonStream, requireGo, runGo, type GoWhere } from "../support/go.js";
import { startFixtureRegistry, type FixtureModule, type FixtureServer } from "../../host-node/src/fixture-registry.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { FIXTURE_EDGE_TILE } from "../support/fixtures.js";

let goVersion = "";
const temps: GoWhere[] = [];
const servers: FixtureServer[] = [];

beforeAll(() => {
  goVersion = requireGo();
});
afterAll(async () => {
  for (const s of servers) await s.close();
  temps.forEach(cleanup);
});

async function start(options: Parameters<typeof startFixtureRegistry>[0] = {}): Promise<FixtureServer> {
  const s = await startFixtureRegistry({ hashing: await nodeHashing(), ...options });
  servers.push(s);
  return s;
}

function goEnv(server: FixtureServer, gosumdb = server.gosumdb): GoWhere {
  const where = isolatedGoEnv(server.goproxy, gosumdb);
  temps.push(where);
  return where;
}

const go = runGo;

interface Downloaded {
  Path: string;
  Version: string;
  Query?: string;
  Error?: string;
  Sum?: string;
  GoModSum?: string;
  Zip?: string;
}

const at = (m: FixtureModule): string => `${m.path}@${m.version}`;

describe(`the go command against the fixture registry`, () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await start();
  });

  it("downloads and verifies every fixture module version with our h1 hashes", async () => {
    const where = goEnv(server);
    const run = await go(["mod", "download", "-json", ...server.modules.map(at)], where);
    expect(run.code, `${goVersion}\n${run.stdout}${run.stderr}`).toBe(0);
    const got = jsonStream<Downloaded>(run.stdout);
    expect(got.map((d) => `${d.Path}@${d.Version}`)).toEqual(server.modules.map(at));
    for (const [i, d] of got.entries()) {
      const m = server.modules[i]!;
      expect(d.Error, at(m)).toBeUndefined();
      expect([d.Sum, d.GoModSum], at(m)).toEqual([m.zipHash, m.modHash]);
      expect(new Uint8Array(readFileSync(d.Zip!)), at(m)).toEqual(m.zip);
    }
    // The go command remembers the tree head it verified against: ours, byte for byte.
    const latest = readFileSync(join(where.env.GOPATH!, "pkg/sumdb/sum.mochi.test/latest"), "utf8");
    expect(latest).toBe(server.registry.log.signedHead());
  });

  it("lists the versions (retracted ones only with -retracted) and picks v1.2.0 as latest", async () => {
    const where = goEnv(server);
    const paths = [...new Set(server.modules.map((m) => m.path))];
    const all = await go(["list", "-m", "-retracted", "-versions", "-json", ...paths], where);
    expect(all.code, all.stderr).toBe(0);
    const listed = jsonStream<{ Path: string; Versions: string[] }>(all.stdout);
    expect(listed.map((l) => [l.Path, l.Versions])).toEqual(paths.map((p) => [p, server.registry.versions(p)]));

    const plain = await go(["list", "-m", "-versions", "-json", "example.com/greet"], where);
    expect(plain.code, plain.stderr).toBe(0);
    expect(jsonStream<{ Versions: string[] }>(plain.stdout)[0]!.Versions).toEqual(["v1.0.0", "v1.2.0"]);

    const retracted = await go(["list", "-m", "-retracted", "-json", "example.com/greet@v1.1.0"], where);
    expect(retracted.code, retracted.stderr).toBe(0);
    expect(jsonStream<{ Retracted?: string[] }>(retracted.stdout)[0]!.Retracted).toEqual(['Goodbye printed the word "name" instead of the name.']);

    const latest = await go(["mod", "download", "-json", "example.com/greet@latest"], where);
    expect(latest.code, latest.stderr).toBe(0);
    const d = jsonStream<Downloaded>(latest.stdout)[0]!;
    const v120 = server.registry.module("example.com/greet", "v1.2.0")!;
    expect([d.Version, d.Query, d.Sum, d.GoModSum]).toEqual(["v1.2.0", "latest", v120.zipHash, v120.modHash]);
  });

  it("finds the checksum database through the proxy when GOSUMDB names only the key", async () => {
    const where = goEnv(server, server.verifierKey);
    const run = await go(["mod", "download", "-json", "example.com/hello@v1.1.0"], where);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const m = server.registry.module("example.com/hello", "v1.1.0")!;
    const d = jsonStream<Downloaded>(run.stdout)[0]!;
    expect([d.Sum, d.GoModSum]).toEqual([m.zipHash, m.modHash]);
    expect(existsSync(join(where.env.GOPATH!, "pkg/sumdb/sum.mochi.test/latest"))).toBe(true);
  });
});

describe("the go command refuses a dishonest registry", () => {
  it("refuses a tampered zip: checksum mismatch, SECURITY ERROR", async () => {
    const server = await start({ tamper: { zip: "example.com/mathx@v0.2.0" } });
    const m = server.registry.module("example.com/mathx", "v0.2.0")!;
    const where = goEnv(server);
    const run = await go(["mod", "download", "example.com/mathx@v0.2.0"], where);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("example.com/mathx@v0.2.0: verifying module: checksum mismatch");
    expect(run.stderr).toContain(`sum.mochi.test: ${m.zipHash}`);
    expect(run.stderr).toMatch(/downloaded: h1:[A-Za-z0-9+/]{43}=/);
    expect(run.stderr).not.toContain(`downloaded: ${m.zipHash}`);
    expect(run.stderr).toContain("SECURITY ERROR");
    expect(existsSync(join(where.env.GOMODCACHE!, "example.com/mathx@v0.2.0"))).toBe(false);
    // Only that zip was altered: its neighbour still verifies.
    const other = await go(["mod", "download", "example.com/mathx@v0.1.0"], where);
    expect(other.code, other.stderr).toBe(0);
  });

  it("refuses a tampered tile: downloaded inconsistent tile", async () => {
    const server = await start({ tamper: { tile: FIXTURE_EDGE_TILE } });
    const run = await go(["mod", "download", "-json", "example.com/greet@v1.0.0"], goEnv(server));
    expect(run.code).toBe(1);
    const d = jsonStream<Downloaded>(run.stdout)[0]!;
    expect(d.Error).toBe("example.com/greet@v1.0.0: verifying go.mod: example.com/greet@v1.0.0/go.mod: downloaded inconsistent tile");
    expect(d.Sum).toBeUndefined();
  });

  it("detects a forked log: SECURITY ERROR, server misbehavior", async () => {
    const server = await start();
    const where = goEnv(server);
    const first = await go(["mod", "download", "example.com/greet@v1.0.0"], where);
    expect(first.code, first.stderr).toBe(0);
    // Same size, other root: the next lookup carries a head the remembered one contradicts.
    const log = server.registry.log;
    const forked = log.forkedHead("example.com/evil v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    server.serveHead(forked);
    const run = await go(["mod", "download", "example.com/mathx@v0.1.0"], where);
    expect(run.code).toBe(1);
    // The go command prints its fork report and exits at once, without the usual "verifying" prefix.
    expect(run.stderr).toMatch(/^SECURITY ERROR\ngo\.sum database server misbehavior detected!\n/);
    const root = (note: string) => note.split("\n")[2]!;
    expect(run.stderr).toContain(`\t${root(forked)}\n`);
    expect(run.stderr).toContain(`\t${root(log.signedHead())}\n`);
    expect(run.stderr).toContain("proof of misbehavior:");
  });
});
