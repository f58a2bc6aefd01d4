// The mochi-pkg binary (host-node/bin, built JS) against the fixture
// registry: go download and verify as a user runs them, exit codes, --json,
// and two processes filling one cache at the same time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFixtureRegistry, type FixtureServer } from "../../host-node/src/fixture-registry.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { jsonStream } from "../support/go.js";
import { repoRoot } from "../vectors.js";

const BIN = join(repoRoot, "host-node/bin/mochi-pkg.js");
let registry: FixtureServer;
const dirs: string[] = [];

beforeAll(async () => {
  registry = await startFixtureRegistry({ hashing: await nodeHashing() });
});
afterAll(async () => {
  await registry.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function cache(): string {
  const d = mkdtempSync(join(tmpdir(), "mochi-cli-"));
  dirs.push(d);
  return d;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function mochiPkg(args: string[], cacheRoot: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, GOPROXY: registry.goproxy, GOSUMDB: registry.gosumdb, MOCHI_PKG_CACHE: cacheRoot, ...env }, encoding: "utf8" },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
  });
}

describe("mochi-pkg go download / verify", () => {
  it("prints path, version, h1s and verification; --json for machines", async () => {
    const root = cache();
    const text = await mochiPkg(["go", "download", "example.com/greet@latest"], root);
    expect(text.code, text.stderr).toBe(0);
    const greet = registry.registry.module("example.com/greet", "v1.2.0")!;
    expect(text.stdout).toContain(`example.com/greet v1.2.0\n  zip     ${greet.zipHash}\n  go.mod  ${greet.modHash}\n  verified by sum.mochi.test (record ${greet.recordId}, tree size ${registry.modules.length})\n`);
    const json = await mochiPkg(["go", "download", "--json", "example.com/greet@v1.2.0", "example.com/greet/v2@v2.0.0"], root);
    const docs = jsonStream<{ Path: string; Version: string; Sum: string; GoModSum: string; Cached: boolean; Zip: string }>(json.stdout);
    expect(docs.map((d) => [d.Path, d.Version, d.Cached])).toEqual([["example.com/greet", "v1.2.0", true], ["example.com/greet/v2", "v2.0.0", false]]);
    expect(docs[1]!.Sum).toBe(registry.registry.module("example.com/greet/v2", "v2.0.0")!.zipHash);
    expect(Buffer.compare(readFileSync(docs[1]!.Zip), registry.registry.module("example.com/greet/v2", "v2.0.0")!.zip)).toBe(0);
  });

  it("warns about a retracted version and still downloads it when asked exactly", async () => {
    const run = await mochiPkg(["go", "download", "example.com/greet@v1.1.0"], cache());
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning: example.com/greet@v1.1.0 is retracted by its author");
  });

  it("exits 1 with the code for what went wrong, and 64 for bad usage", async () => {
    const root = cache();
    const missing = await mochiPkg(["go", "download", "example.com/nope@v1.0.0"], root);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: M074_PROXY_E002: http:\/\/127\.0\.0\.1:\d+\/example\.com\/nope\/@v\/v1\.0\.0\.info: 404/);
    expect(missing.stderr).toContain("hint: ");
    const badPath = await mochiPkg(["go", "download", "Example..com/x@v1.0.0"], root);
    expect(badPath.code).toBe(1);
    expect(badPath.stderr).toMatch(/^error: M074_MODPATH_E\d{3}/);
    const usage = await mochiPkg(["go", "download"], root);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain("usage: mochi-pkg go download");
    const unknown = await mochiPkg(["frobnicate"], root);
    expect(unknown.code).toBe(64);
  });

  it("verify passes on a good cache and fails, removing the entry, on a damaged one", async () => {
    const root = cache();
    const dl = await mochiPkg(["go", "download", "--json", "example.com/mathx@v0.2.0", "example.com/hello@v1.0.0"], root);
    expect(dl.code, dl.stderr).toBe(0);
    const ok = await mochiPkg(["verify"], root);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("2 of 2 cached module versions verified");
    const zip = jsonStream<{ Zip: string }>(dl.stdout)[0]!.Zip;
    writeFileSync(zip, "not a zip");
    const bad = await mochiPkg(["verify", "--json"], root);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as { ok: boolean; modules: { path: string; status: string }[] };
    expect(report.ok).toBe(false);
    expect(report.modules.map((m) => `${m.path} ${m.status}`)).toEqual(["example.com/hello ok", "example.com/mathx damaged"]);
    // The next download fetches it again.
    const again = await mochiPkg(["go", "download", "--json", "example.com/mathx@v0.2.0"], root);
    expect(jsonStream<{ Cached: boolean }>(again.stdout)[0]!.Cached).toBe(false);
  });

  it("lets two processes fill one cache at once", async () => {
    const root = cache();
    const all = registry.modules.map((m) => `${m.path}@${m.version}`);
    const [a, b] = await Promise.all([mochiPkg(["go", "download", ...all], root), mochiPkg(["go", "download", ...[...all].reverse()], root)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const verify = await mochiPkg(["verify", "--json"], root);
    expect(verify.code, verify.stdout).toBe(0);
    expect((JSON.parse(verify.stdout) as { modules: unknown[] }).modules).toHaveLength(registry.modules.length);
  });
});
