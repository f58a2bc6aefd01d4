// The consume pipeline through the mochi-pkg binary, against the fixture
// registry: sync writes the lock and the Mochi files; lock --check is green
// right after, and tells stale, drift, tamper, too new and syntax apart by
// exit code; add go edits mochi.toml in place; the outputs are
// byte-deterministic.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkSource } from "@mochi-pkg/core/mochi";
import { parseLock } from "@mochi-pkg/core/lockfile";
import { startFixtureRegistry, type FixtureServer } from "../../host-node/src/fixture-registry.js";
import { startMochiRegistry } from "../../host-node/src/mochi-registry.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { requireGo } from "../support/go.js";
import { fixturesWithTestModules } from "./wrapper-support.js";
import { repoRoot } from "../vectors.js";

const BIN = join(repoRoot, "host-node/bin/mochi-pkg.js");
let registry: FixtureServer;
let cache: string;
const dirs: string[] = [];

beforeAll(async () => {
  requireGo();
  registry = await startFixtureRegistry({ hashing: await nodeHashing() });
  cache = mkdtempSync(join(tmpdir(), "mochi-sync-cache-"));
  dirs.push(cache);
});
afterAll(async () => {
  await registry.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "mochi-sync-"));
  dirs.push(dir);
  cpSync(join(repoRoot, "examples/greeter"), dir, { recursive: true, filter: (src) => !src.includes("/.mochi") && !src.endsWith("mochi.lock") });
  return dir;
}

function mochiPkg(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, GOPROXY: registry.goproxy, GOSUMDB: registry.gosumdb, MOCHI_PKG_CACHE: cache, ...env }, encoding: "utf8" },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
  });
}

function files(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) Object.assign(out, files(p, base));
    else out[p.slice(base.length + 1)] = readFileSync(p, "utf8");
  }
  return out;
}

describe("mochi-pkg sync and lock", () => {
  it("syncs: verified lock, Mochi files the front end accepts, lock --check green", async () => {
    const dir = project();
    const run = await mochiPkg(["sync"], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("2 Go module(s) in the build list, 2 verified by the checksum database; mochi.lock written");
    const lock = parseLock(readFileSync(join(dir, "mochi.lock"), "utf8"));
    expect(lock.goPackages.map((p) => [p.module, p.version, p.sumdbVerified])).toEqual([["example.com/greet", "v1.2.0", true], ["example.com/mathx", "v0.2.0", true]]);
    for (const p of lock.goPackages) {
      expect(p.zipH1).toBe(registry.registry.module(p.module, p.version)!.zipHash);
      expect(p.apiSurfaceSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const alias of ["greet", "mathx"]) {
      const ext = readFileSync(join(dir, `.mochi/go/${alias}/${alias}_extern.mochi`), "utf8");
      const shim = readFileSync(join(dir, `.mochi/go/${alias}/${alias}.mochi`), "utf8");
      expect(checkSource(ext).diagnostics, alias).toEqual([]);
      expect(checkSource(`${ext}\n${shim}`).diagnostics, alias).toEqual([]);
    }
    // why-skipped explains an unbridged item from the module's SKIPPED.txt.
    const why = await mochiPkg(["go", "why-skipped", "example.com/mathx", "Number"], dir);
    expect(why.code, why.stderr).toBe(0);
    expect(why.stdout).toContain("example.com/mathx.Number is not bridged.\n  Reason: SkipConstraintInterface");
    expect((await mochiPkg(["go", "why-skipped", "example.com/mathx", "Add"], dir)).stderr).toContain("M074_BRIDGE_E004");
    // The monomorphise entry of mochi.toml made an instance.
    expect(readFileSync(join(dir, ".mochi/go/mathx/mathx_extern.mochi"), "utf8")).toContain("extern fun mathx.Sum_int64(xs: list<int>): int");
    const check = await mochiPkg(["lock", "--check"], dir);
    expect(check.code, check.stderr).toBe(0);
    // Offline: everything is in the cache.
    expect((await mochiPkg(["lock", "--check"], dir, { GOPROXY: "off" })).code).toBe(0);
    expect((await mochiPkg(["sync", "--offline", "--frozen"], dir)).code).toBe(0);
  });

  it("gives the same bytes from two copies of the project", async () => {
    const [a, b] = [project(), project()];
    expect((await mochiPkg(["sync"], a)).code).toBe(0);
    expect((await mochiPkg(["sync"], b)).code).toBe(0);
    const [fa, fb] = [files(a), files(b)];
    // Local state is left out: the proxy view (links into the cache) and the stamp (file times).
    const local = (k: string) => k.startsWith(".mochi/go/proxy/") || k === ".mochi/go/stamp.json";
    const keys = Object.keys(fa).filter((k) => !local(k)).sort();
    expect(keys).toEqual(Object.keys(fb).filter((k) => !local(k)).sort());
    for (const k of keys) expect(fa[k], k).toBe(fb[k]);
  });

  it("tells the failure kinds of lock --check apart by code and exit status", async () => {
    const dir = project();
    expect((await mochiPkg(["sync"], dir)).code).toBe(0);
    const manifest = readFileSync(join(dir, "mochi.toml"), "utf8");
    const lock = readFileSync(join(dir, "mochi.lock"), "utf8");
    const expectCheck = async (code: number, pattern: RegExp) => {
      const r = await mochiPkg(["lock", "--check"], dir);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(pattern);
    };

    // Reordered tables and comments: the same manifest, not stale.
    writeFileSync(join(dir, "mochi.toml"), `# reordered\n[go-dependencies]\n"example.com/mathx" = "v0.2.0"\n\n${manifest.replace(/\[go-dependencies\]\n"example.com\/mathx" = "v0.2.0"\n/, "")}`);
    await expectCheck(0, /^$/);
    // A semantic change: stale.
    writeFileSync(join(dir, "mochi.toml"), manifest.replace('version = "0.1.0"', 'version = "0.2.0"'));
    await expectCheck(10, /M057_LOCK_E001/);
    writeFileSync(join(dir, "mochi.toml"), manifest);

    // A module removed from the lock: drift.
    writeFileSync(join(dir, "mochi.lock"), lock.replace(/\n\[\[go-package\]\]\nmodule = "example.com\/mathx"[\s\S]*?(?=\n\[)/, ""));
    await expectCheck(11, /M057_LOCK_E002: the resolution drifted: example\.com\/mathx@v0\.2\.0 is newly resolved/);
    // A locked hash that the module does not have: tamper.
    const mathx = registry.registry.module("example.com/mathx", "v0.2.0")!;
    writeFileSync(join(dir, "mochi.lock"), lock.replace(mathx.zipHash, "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    await expectCheck(16, /M057_LOCK_E007/);
    // A lock from the future, a broken lock, a lock without its version.
    writeFileSync(join(dir, "mochi.lock"), lock.replace("version = 1", "version = 99"));
    await expectCheck(12, /M057_LOCK_E003: .*0\.1\.0/);
    writeFileSync(join(dir, "mochi.lock"), `${lock}\n[[go-package]\n`);
    await expectCheck(13, /M057_LOCK_E004/);
    writeFileSync(join(dir, "mochi.lock"), lock.replace("version = 1\n", ""));
    await expectCheck(13, /M057_LOCK_E004/);

    // --frozen refuses to change the lock.
    writeFileSync(join(dir, "mochi.lock"), lock.replace(/\n\[\[go-package\]\]\nmodule = "example.com\/mathx"[\s\S]*?(?=\n\[)/, ""));
    const frozen = await mochiPkg(["sync", "--frozen"], dir);
    expect(frozen.code).toBe(11);
    expect(frozen.stderr).toContain("--frozen");
    expect((await mochiPkg(["sync"], dir)).code).toBe(0);
    expect(readFileSync(join(dir, "mochi.lock"), "utf8")).toBe(lock);
  });

  it("adds a Go module in place, keeping comments, and syncs it", async () => {
    const dir = project();
    writeFileSync(join(dir, "mochi.toml"), readFileSync(join(dir, "mochi.toml"), "utf8").replace("[go-dependencies]\n", "[go-dependencies]\n# pinned for Sum\n"));
    const run = await mochiPkg(["add", "go", "example.com/greet/v2@latest", "--as", "greet2"], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('import go "example.com/greet/v2" as greet2');
    const manifest = readFileSync(join(dir, "mochi.toml"), "utf8");
    // Sorted in; the comment stays with the entry it sits above.
    expect(manifest).toContain('[go-dependencies]\n"example.com/greet/v2" = "v2.0.0"\n# pinned for Sum\n"example.com/mathx" = "v0.2.0"\n');
    const lock = parseLock(readFileSync(join(dir, "mochi.lock"), "utf8"));
    expect(lock.goPackages.map((p) => `${p.module}@${p.version}`)).toEqual(["example.com/greet@v1.2.0", "example.com/greet/v2@v2.0.0", "example.com/mathx@v0.2.0"]);
  });

  it("reports import errors like a compiler, with the code", async () => {
    const dir = project();
    writeFileSync(join(dir, "src/bad.mochi"), 'import go "foo/bar@v1.0.0" as foo\n');
    const run = await mochiPkg(["sync"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("M074_PROJECT_E002");
    expect(run.stderr).toMatch(/src\/bad\.mochi:1:\d+/);
    expect(run.stderr).toContain("P067");
  });

  it("locks Mochi dependencies from the registry and gates a newly required capability", async () => {
    const dir = project();
    writeFileSync(join(dir, "mochi.toml"), `${readFileSync(join(dir, "mochi.toml"), "utf8")}\n[dependencies]\n"@fx/json" = "^1.9"\n`);
    // First with 1.11.0 unpublished: 1.10.0 (fs.read) is locked.
    const old = await startMochiRegistry({ omit: ["@fx/json@1.11.0"] });
    try {
      const first = await mochiPkg(["sync"], dir, { MOCHI_REGISTRY: old.url });
      expect(first.code, first.stderr).toBe(0);
    } finally {
      await old.close();
    }
    const locked = parseLock(readFileSync(join(dir, "mochi.lock"), "utf8"));
    expect(locked.packages.map((p) => `${p.name}@${p.version} ${p.source}`)).toContain("@fx/json@1.10.0 registry:fixtures.mochi.test");
    expect(locked.capabilitiesSeen.get("@fx/json")).toEqual(["fs.read"]);

    const registry = await startMochiRegistry();
    try {
      const env = { MOCHI_REGISTRY: registry.url };
      // The lock's version still satisfies ^1.9: a plain sync keeps it.
      expect((await mochiPkg(["sync"], dir, env)).code).toBe(0);
      expect(parseLock(readFileSync(join(dir, "mochi.lock"), "utf8")).packages.find((p) => p.name === "@fx/json")?.version).toBe("1.10.0");
      // update moves to 1.11.0, which newly needs net.dial: refused until accepted.
      const refused = await mochiPkg(["update", "@fx/json"], dir, env);
      expect(refused.code).toBe(15);
      expect(refused.stderr).toContain('M057_LOCK_E006: @fx/json 1.11.0 newly requires capability "net.dial"; previously seen: ["fs.read"]');
      const accepted = await mochiPkg(["update", "@fx/json", "--accept-capabilities"], dir, env);
      expect(accepted.code, accepted.stderr).toBe(0);
      const after = parseLock(readFileSync(join(dir, "mochi.lock"), "utf8"));
      expect(after.packages.find((p) => p.name === "@fx/json")?.version).toBe("1.11.0");
      expect(after.capabilitiesSeen.get("@fx/json")).toEqual(["fs.read", "net.dial"]);
      expect((await mochiPkg(["lock", "--check"], dir, env)).code).toBe(0);
      // A package removed from the lock (with the reference to it): drift against the registry.
      const text = readFileSync(join(dir, "mochi.lock"), "utf8").replace(/\n"@fx\/json" = "1\.11\.0"/, "");
      writeFileSync(join(dir, "mochi.lock"), text.replace(/\n\[\[package\]\]\nname = "@fx\/json"[\s\S]*?(?=\n\[\[package\]\]|\n\[\[go-package\]\]|\n\[capabilities-seen\])/, ""));
      const drift = await mochiPkg(["lock", "--check"], dir, env);
      expect(drift.code, drift.stderr).toBe(11);
      expect(drift.stderr).toContain("@fx/json@1.11.0");
    } finally {
      await registry.close();
    }
  });

  it("says how to configure a registry when the project needs one", async () => {
    const dir = project();
    writeFileSync(join(dir, "mochi.toml"), `${readFileSync(join(dir, "mochi.toml"), "utf8")}\n[dependencies]\n"@fx/json" = "^1.9"\n`);
    const run = await mochiPkg(["sync"], dir, { MOCHI_REGISTRY: "" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("M074_PROJECT_E006");
    expect(run.stderr).toContain("MOCHI_REGISTRY");
  });

  it("builds for another target with a cross C compiler, and says why a target cannot be built", async () => {
    const dir = project();
    const wasm = await mochiPkg(["sync", "--target", "js/wasm"], dir);
    expect(wasm.code).toBe(1);
    expect(wasm.stderr).toContain("M074_TARGET_E002: js/wasm cannot link a C archive");
    expect((await mochiPkg(["sync", "--target", "plan9"], dir)).stderr).toContain("M074_TARGET_E001");
    const nocc = await mochiPkg(["sync", "--target", "linux/riscv64"], dir, { CC: "no-such-cc" });
    expect(nocc.stderr).toContain("M074_TARGET_E003: linux/riscv64 needs a C compiler for that platform (cgo), and no-such-cc is not installed");

    // linux/arm64 with Debian's cross compiler (scripts/setup.mjs installs it): an aarch64 archive the C host links against.
    const arm = await mochiPkg(["sync", "--target", "linux/arm64"], dir);
    expect(arm.code, arm.stderr).toBe(0);
    const build = join(dir, ".mochi/go/build-linux-arm64");
    const exe = join(dir, "greeter-host-arm64");
    const link = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile("aarch64-linux-gnu-gcc", ["-o", exe, "host/main.c", "-I", build, join(build, "libmochi.a"), "-lpthread"], { cwd: dir }, (e, o, err) =>
        resolve({ code: e === null ? 0 : 1, out: o + err })),
    );
    expect(link.code, link.out).toBe(0);
    // An ELF for the aarch64 machine (e_machine 183 at offset 18).
    const elf = readFileSync(exe);
    expect(elf.subarray(0, 4).toString("latin1")).toBe("\x7fELF");
    expect(elf.readUInt16LE(18)).toBe(183);
  });

  it("locks a workspace: members resolve as source = workspace, and a member's change makes the lock stale", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mochi-ws-"));
    dirs.push(dir);
    cpSync(join(repoRoot, "fixtures/registry/workspace"), dir, { recursive: true });
    const registry = await startMochiRegistry();
    try {
      const env = { MOCHI_REGISTRY: registry.url };
      const run = await mochiPkg(["lock"], dir, env);
      expect(run.code, run.stderr).toBe(0);
      const lock = parseLock(readFileSync(join(dir, "mochi.lock"), "utf8"));
      const ws = lock.packages.filter((p) => p.source === "workspace").map((p) => `${p.name} ${p.path}`).sort();
      expect(ws.length).toBe(2);
      expect(ws.every((w) => / (app|parser)$/.test(w))).toBe(true);
      expect((await mochiPkg(["lock", "--check"], dir, env)).code).toBe(0);
      const member = join(dir, "parser/mochi.toml");
      writeFileSync(member, readFileSync(member, "utf8").replace(/version = "([^"]+)"/, 'version = "9.9.9"'));
      expect((await mochiPkg(["lock", "--check"], dir, env)).code).toBe(10);
    } finally {
      await registry.close();
    }
  });
});

describe("a generic type through mochi.toml", () => {
  it("bridges the instances [go] monomorphise lists, builds them, and names a bad entry", async () => {
    const root = mkdtempSync(join(tmpdir(), "mochi-sync-generics-"));
    dirs.push(root);
    const kits = await startFixtureRegistry({ hashing: await nodeHashing(), root: fixturesWithTestModules(join(root, "fixtures")) });
    try {
      const env = { GOPROXY: kits.goproxy, GOSUMDB: kits.gosumdb };
      const dir = join(root, "stacks");
      mkdirSync(join(dir, "src"), { recursive: true });
      const manifest = (entries: string) =>
        `[package]\nname = "stacks"\nversion = "0.1.0"\nedition = "2026"\n\n[go]\nmonomorphise = [\n${entries}]\n`;
      writeFileSync(
        join(dir, "mochi.toml"),
        manifest('  { item = "example.com/bridgekit.Stack", type-args = ["int"] },\n  { item = "example.com/bridgekit.Pair.String", type-args = ["string", "int"] },\n'),
      );
      writeFileSync(join(dir, "src/main.mochi"), 'import go "example.com/bridgekit@v1.0.0" as kit\n\nlet s = kit.stack_int_new()\nprint(kit.stack_int_push(s, 7))\n');
      const run = await mochiPkg(["sync"], dir, env);
      expect(run.code, run.stderr).toBe(0);
      const ext = readFileSync(join(dir, ".mochi/go/kit/kit_extern.mochi"), "utf8");
      const shim = readFileSync(join(dir, ".mochi/go/kit/kit.mochi"), "utf8");
      expect(checkSource(`${ext}\n${shim}`).diagnostics).toEqual([]);
      for (const decl of [
        "extern fun kit.Stack_int.Push(stack: KitStackInt, v: int): bool",
        "extern fun kit.Stack_int.new(): KitStackInt",
        "extern fun kit.Pair_string_int.String(pair: KitPairStringInt): string",
      ]) expect(ext).toContain(decl);
      expect(ext).not.toContain("kit.Pair_string_int.Keyed");
      const header = readFileSync(join(dir, ".mochi/go/build/mochi.h"), "utf8");
      expect(header).toContain("/* example.com/bridgekit.Stack[int].Push: func (*Stack[int]) Push(v int) bool */");
      expect(readFileSync(join(dir, ".mochi/go/kit/SKIPPED.txt"), "utf8")).toContain("SKIPPED: example.com/bridgekit.Pair.Keyed\n  Reason: SkipGenericWithoutMonomorphise");
      expect((await mochiPkg(["lock", "--check"], dir, env)).code).toBe(0);

      writeFileSync(join(dir, "mochi.toml"), manifest('  { item = "example.com/bridgekit.Stack", type-args = ["int", "int"] },\n'));
      const bad = await mochiPkg(["sync"], dir, env);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain("M074_BRIDGE_E006");
      expect(bad.stderr).toContain('[go] monomorphise item "example.com/bridgekit.Stack"');
    } finally {
      await kits.close();
    }
  });
});
