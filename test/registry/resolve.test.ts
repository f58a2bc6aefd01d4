// The Mochi dependency resolver (core/src/resolve/mochi.ts) against
// in-memory registries: requirement kinds, prereleases, backtracking and
// backjumping, conflicts and their explanations, yanked versions, the
// locked preference and `update`, workspaces, path dependencies, optional
// dependencies, platforms, determinism under shuffles, and its codes.
import { describe, expect, it } from "vitest";
import { MochiError } from "../../core/src/index.js";
import type { LockedPackage } from "../../core/src/lockfile/schema.js";
import { normalizeLock } from "../../core/src/lockfile/validate.js";
import { parseLock } from "../../core/src/lockfile/read.js";
import { writeLock } from "../../core/src/lockfile/write.js";
import type { WorkspaceMemberManifest } from "../../core/src/manifest/canonical.js";
import { matchesVersionReq } from "../../core/src/manifest/semver.js";
import { resolveMochi, type MochiResolution } from "../../core/src/resolve/mochi.js";
import { REGISTRY, app, fakeBlake3, manifest, registry, solve, versions, type RegistrySpec } from "./support.js";

const SOURCE = `registry:${REGISTRY}`;

function failure(run: () => unknown): MochiError {
  try {
    run();
  } catch (e) {
    if (e instanceof MochiError) return e;
    throw e;
  }
  throw new Error("expected a MochiError");
}

/** A lock holding the given registry versions (only `packages` matters to the resolver). */
const lockOf = (pins: Record<string, string>): { packages: LockedPackage[] } => ({
  packages: Object.entries(pins).map(([name, version]) => ({
    name,
    version,
    source: SOURCE,
    blake3: fakeBlake3(name, version),
    capabilities: [],
    dependencies: new Map(),
    platforms: [],
  })),
});

/** A seeded random source (mulberry32), so a failing case names a reproducible seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded shuffle. */
function shuffler(seed: number): <T>(xs: readonly T[]) => T[] {
  const next = random(seed);
  return (xs) => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
}

const JSON_VERSIONS: RegistrySpec = {
  "@fx/json": { "1.9.0": {}, "1.9.3": {}, "1.10.0": {}, "1.11.0": {}, "2.0.0": {}, "2.1.0-beta.1": {} },
};

describe("requirements choose the highest satisfying version", () => {
  const reg = registry(JSON_VERSIONS);
  it.each([
    ["^1.9", "1.11.0"],
    ["1.9", "1.11.0"],
    ["~1.9", "1.9.3"],
    ["~1", "1.11.0"],
    ["=1.10.0", "1.10.0"],
    ["=1.9", "1.9.3"],
    [">=1.9, <1.11", "1.10.0"],
    [">1.9.3, <=1.10", "1.10.0"],
    ["<2", "1.11.0"],
    ["1.*", "1.11.0"],
    ["*", "2.0.0"],
    [">=2", "2.0.0"],
    ["^2.1.0-beta.1", "2.1.0-beta.1"],
    [">=2.1.0-beta.1", "2.1.0-beta.1"],
  ])("%s picks %s", (req, want) => {
    expect(versions(solve({ root: app({ "@fx/json": req }) }, reg).resolution)["@fx/json"]).toBe(want);
  });

  it("reads ^0.x as Cargo does: ^0.4 stays below 0.5, ^0.0.3 is exact", () => {
    const r = registry({ s: { "0.0.3": {}, "0.0.4": {}, "0.4.6": {}, "0.4.7": {}, "0.5.0": {} } });
    expect(versions(solve({ root: app({ s: "^0.4" }) }, r).resolution)["s"]).toBe("0.4.7");
    expect(versions(solve({ root: app({ s: "^0.0.3" }) }, r).resolution)["s"]).toBe("0.0.3");
  });

  it("never picks a prerelease for a requirement without one, and prefers a release over its prereleases", () => {
    const r = registry({ p: { "1.0.0": {}, "2.0.0-beta.1": {}, "2.0.0-beta.2": {} }, q: { "2.0.0-rc.1": {}, "2.0.0": {} } });
    expect(versions(solve({ root: app({ p: ">=1" }) }, r).resolution)["p"]).toBe("1.0.0");
    expect(versions(solve({ root: app({ p: "^2.0.0-beta.1" }) }, r).resolution)["p"]).toBe("2.0.0-beta.2");
    expect(versions(solve({ root: app({ q: "^2.0.0-rc.1" }) }, r).resolution)["q"]).toBe("2.0.0");
  });
});

describe("the resolved package set", () => {
  const reg = registry({
    "@fx/json": { "1.9.0": { deps: { "@fx/strings": "^0.4" }, caps: ["fs.read"] }, "1.10.0": { deps: { "@fx/strings": "^0.4.7" }, caps: ["net.dial", "fs.read"] } },
    "@fx/strings": { "0.4.6": {}, "0.4.7": {} },
    "@fx/unused": { "1.0.0": {} },
  });

  it("is the lock's [[package]] entries: sources, hashes, capabilities, concrete dependency versions, sorted", () => {
    const { resolution, rounds, asked } = solve({ root: app({ "@fx/json": "^1.9" }, 'capabilities = ["env"]\n') }, reg);
    expect(resolution).toEqual<MochiResolution>({
      platforms: [],
      packages: [
        {
          name: "@fx/json",
          version: "1.10.0",
          source: SOURCE,
          blake3: fakeBlake3("@fx/json", "1.10.0"),
          capabilities: ["fs.read", "net.dial"],
          dependencies: new Map([["@fx/strings", "0.4.7"]]),
          platforms: [],
        },
        { name: "@fx/strings", version: "0.4.7", source: SOURCE, blake3: fakeBlake3("@fx/strings", "0.4.7"), capabilities: [], dependencies: new Map(), platforms: [] },
        { name: "app", version: "0.1.0", source: "workspace", path: ".", capabilities: ["env"], dependencies: new Map([["@fx/json", "1.10.0"]]), platforms: [] },
      ],
      capabilitiesSeen: new Map([
        ["@fx/json", ["fs.read", "net.dial"]],
        ["app", ["env"]],
      ]),
    });
    // One round per level of the graph; nothing asked twice, nothing unneeded asked.
    expect(rounds).toBe(2);
    expect(asked).toEqual(["@fx/json", "@fx/strings"]);
  });

  it("goes straight into a valid, canonical lockfile", () => {
    const { resolution } = solve({ root: app({ "@fx/json": "^1.9" }) }, reg);
    const lock = normalizeLock({
      version: 1,
      mochi: "0.11.0",
      manifest: "mochi.toml",
      manifestHash: `blake3-256:${"0".repeat(64)}`,
      platforms: resolution.platforms,
      packages: resolution.packages,
      goPackages: [],
      capabilitiesSeen: resolution.capabilitiesSeen,
      provenance: { solverSeed: "s", registryEtag: "e", sigstoreVerifiedCount: 0, sigstoreUnverified: [] },
    });
    const text = writeLock(lock);
    expect(parseLock(text)).toEqual(lock);
    expect(text).toContain('[[package]]\nname = "@fx/json"\nversion = "1.10.0"\nsource = "registry:registry.test"\n');
  });

  it("asks for the index files it lacks, and only those (sans-IO)", () => {
    const step = resolveMochi({ root: app({ "@fx/json": "^1.9", "@fx/unused": "1" }), registry: REGISTRY, indexes: new Map() });
    expect(step).toEqual({ kind: "need", indexes: ["@fx/json", "@fx/unused"], paths: [] });
  });
});

describe("backtracking and conflicts", () => {
  // yaml 1.1.0 wants strings ^0.5, json (every version) ^0.4: the newest yaml cannot be used with json.
  const spec: RegistrySpec = {
    "@fx/strings": { "0.4.6": {}, "0.4.7": {}, "0.5.0": {} },
    "@fx/json": { "1.10.0": { deps: { "@fx/strings": "^0.4" } }, "1.11.0": { deps: { "@fx/strings": "^0.4" } } },
    "@fx/yaml": { "1.0.0": { deps: { "@fx/strings": "^0.4" } }, "1.1.0": { deps: { "@fx/strings": "^0.5" } } },
    "@fx/http": { "1.0.0": { deps: { "@fx/json": "^1.10", "@fx/yaml": "^1.0" } } },
  };
  const reg = registry(spec);

  it("resolves a compatible diamond to one shared version", () => {
    const r = solve({ root: app({ "@fx/http": "^1", "@fx/json": "~1.10" }) }, reg).resolution;
    expect(versions(r)).toEqual({ "@fx/http": "1.0.0", "@fx/json": "1.10.0", "@fx/strings": "0.4.7", "@fx/yaml": "1.0.0", app: "0.1.0" });
  });

  it("backtracks from the newest yaml to the one compatible with json", () => {
    const r = solve({ root: app({ "@fx/yaml": "^1.0", "@fx/json": "^1.10" }) }, reg).resolution;
    expect(versions(r)).toEqual({ "@fx/json": "1.11.0", "@fx/strings": "0.4.7", "@fx/yaml": "1.0.0", app: "0.1.0" });
  });

  it("explains an incompatible diamond with both requirement chains (M057_SOLVER_E002)", () => {
    const e = failure(() => solve({ root: app({ "@fx/http": "^1", "@fx/yaml": "=1.1.0" }) }, reg));
    expect(e.code).toBe("M057_SOLVER_E002");
    expect(e.detail).toBe(
      "cannot resolve the dependencies (5 candidate versions tried): no version of @fx/strings satisfies every requirement on it:\n" +
        "  ^0.5 from app -> @fx/yaml 1.1.0\n" +
        "  ^0.4 from app -> @fx/http 1.0.0 -> @fx/json 1.11.0\n" +
        "  (available: 0.4.6, 0.4.7, 0.5.0)",
    );
    expect(e.where).toBe("dependency resolution");
  });

  it("explains a requirement no published version meets", () => {
    const e = failure(() => solve({ root: app({ "@fx/json": "^3" }) }, reg));
    expect(e.code).toBe("M057_SOLVER_E002");
    expect(e.detail).toBe(
      "cannot resolve the dependencies (0 candidate versions tried): no version of @fx/json satisfies every requirement on it:\n  ^3 from app\n  (available: 1.10.0, 1.11.0)",
    );
  });

  it("says when a package has no versions at all", () => {
    const e = failure(() => solve({ root: app({ empty: "^1" }) }, new Map([["empty", []]])));
    expect(e.detail).toContain("(no versions are published)");
  });

  it("names a package the registry does not have, with its chain (M057_REGISTRY_E022)", () => {
    const r = registry({ a: { "1.0.0": { deps: { ghost: "^1" } } } });
    const e = failure(() => solve({ root: app({ a: "1" }) }, r));
    expect(e.code).toBe("M057_REGISTRY_E022");
    expect(e.detail).toBe("cannot resolve the dependencies (1 candidate versions tried): ghost is not in the registry; required by\n  ^1 from app -> a 1.0.0");
  });

  it("backtracks past a version that needs a package the registry does not have", () => {
    const r = registry({ a: { "1.0.0": {}, "1.1.0": { deps: { ghost: "^1" } } } });
    expect(versions(solve({ root: app({ a: "^1" }) }, r).resolution)).toEqual({ a: "1.0.0", app: "0.1.0" });
  });

  it("reports a version already chosen that a later package cannot accept, when backtracking finds nothing else", () => {
    const r = registry({
      s: { "1.0.0": {}, "1.1.0": {} },
      a: { "1.0.0": { deps: { s: "^1" } } },
      b: { "1.0.0": { deps: { s: "=1.1.0" } } },
      c: { "1.0.0": { deps: { s: "=1.0.0" } } },
    });
    const e = failure(() => solve({ root: app({ a: "1", b: "1", c: "1" }) }, r));
    expect(e.code).toBe("M057_SOLVER_E002");
    expect(e.detail).toContain("no version of s satisfies every requirement on it:");
    expect(e.detail).toContain("  =1.1.0 from app -> b 1.0.0");
    expect(e.detail).toContain("  =1.0.0 from app -> c 1.0.0");
  });

  it("jumps back over decisions that took no part in a conflict", () => {
    // x 1.1.0 forces z 2.0.0, which every y refuses; six unrelated packages with three versions each are
    // decided in between. Chronological backtracking would try their 729 combinations; backjumping does not.
    const spec: RegistrySpec = {
      x: { "1.0.0": { deps: { z: "^1" } }, "1.1.0": { deps: { z: "^2" } } },
      z: { "1.0.0": {}, "2.0.0": {} },
      y: { "1.0.0": { deps: { z: "^1" } }, "1.1.0": { deps: { z: "^1" } }, "1.2.0": { deps: { z: "^1" } }, "1.3.0": { deps: { z: "^1" } } },
    };
    const deps: Record<string, string> = { x: "^1", y: "^1" };
    for (let i = 1; i <= 6; i++) {
      spec[`p${i}`] = { "1.0.0": {}, "1.1.0": {}, "1.2.0": {} };
      deps[`p${i}`] = "^1";
    }
    const r = solve({ root: app(deps), maxSteps: 40 }, registry(spec)).resolution;
    expect(versions(r)).toMatchObject({ x: "1.0.0", y: "1.3.0", z: "1.0.0", p1: "1.2.0", p6: "1.2.0" });
  });

  it.each(Array.from({ length: 300 }, (_, i) => i + 1))("finds a resolution exactly when one exists (random registry %i, checked by brute force)", (seed) => {
    const next = random(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const names = ["a", "b", "c", "d"];
    const versionsOf = ["1.0.0", "1.1.0", "2.0.0"];
    const reqs = ["^1", "^2", "=1.0.0", "=1.1.0", ">=1.1", "<2", "*", "~1.0"];
    const spec: RegistrySpec = {};
    for (const n of names) {
      spec[n] = {};
      for (const v of versionsOf) {
        const deps: Record<string, string> = {};
        for (const m of names) if (m !== n && next() < 0.35) deps[m] = pick(reqs);
        spec[n]![v] = { deps, yanked: next() < 0.1 };
      }
    }
    const rootDeps: Record<string, string> = {};
    for (const n of names) if (next() < 0.5) rootDeps[n] = pick(reqs);
    const reg = registry(spec);

    // Brute force: is there any choice of (absent or a non-yanked version) per name that meets every requirement?
    const ok = (choice: Record<string, string | undefined>): boolean => {
      const meets = (name: string, req: string): boolean => choice[name] !== undefined && matchesVersionReq(choice[name]!, req);
      if (!Object.entries(rootDeps).every(([n, r]) => meets(n, r))) return false;
      return names.every((n) => {
        const v = choice[n];
        if (v === undefined) return true;
        const s = spec[n]![v]!;
        return !s.yanked && Object.entries(s.deps ?? {}).every(([m, r]) => meets(m, r as string));
      });
    };
    let exists = false;
    const options = [undefined, ...versionsOf];
    for (let i = 0; i < options.length ** names.length && !exists; i++) {
      const choice: Record<string, string | undefined> = {};
      names.forEach((n, k) => (choice[n] = options[Math.floor(i / options.length ** k) % options.length]));
      exists = ok(choice);
    }

    const root = app(rootDeps);
    if (!exists) {
      expect(["M057_SOLVER_E002", "M057_REGISTRY_E023"]).toContain(failure(() => solve({ root }, reg)).code);
      return;
    }
    const r = solve({ root }, reg).resolution;
    const got: Record<string, string | undefined> = Object.fromEntries(names.map((n) => [n, versions(r)[n]]));
    expect(ok(got)).toBe(true);
    // Every locked dependency edge points at the version chosen for that name.
    for (const p of r.packages) for (const [dep, v] of p.dependencies) expect(versions(r)[dep]).toBe(v);
  });

  it("gives up after maxSteps candidate versions (M057_SOLVER_E001)", () => {
    const e = failure(() => solve({ root: app({ "@fx/yaml": "^1.0", "@fx/json": "^1.10" }), maxSteps: 2 }, reg));
    expect(e.code).toBe("M057_SOLVER_E001");
    expect(e.detail).toBe("gave up after trying 2 candidate versions");
  });
});

describe("yanked versions", () => {
  const reg = registry({ log: { "1.0.0": {}, "1.1.0": { yanked: true } }, old: { "2.0.0": { yanked: true } } });

  it("are skipped", () => {
    expect(versions(solve({ root: app({ log: "^1" }) }, reg).resolution)["log"]).toBe("1.0.0");
  });

  it("are kept when already locked, and locked as yanked", () => {
    const r = solve({ root: app({ log: "^1" }), lock: lockOf({ log: "1.1.0" }) }, reg).resolution;
    expect(r.packages.find((p) => p.name === "log")).toMatchObject({ version: "1.1.0", yanked: true });
  });

  it("are dropped by `update`", () => {
    expect(versions(solve({ root: app({ log: "^1" }), lock: lockOf({ log: "1.1.0" }), unlock: ["log"] }, reg).resolution)["log"]).toBe("1.0.0");
    expect(versions(solve({ root: app({ log: "^1" }), lock: lockOf({ log: "1.1.0" }), unlock: true }, reg).resolution)["log"]).toBe("1.0.0");
  });

  it("are an error when only yanked versions match (M057_REGISTRY_E023)", () => {
    const e = failure(() => solve({ root: app({ old: "^2" }) }, reg));
    expect(e.code).toBe("M057_REGISTRY_E023");
    expect(e.detail).toBe("cannot resolve the dependencies (0 candidate versions tried): every version of old that matches is yanked (2.0.0); required by\n  ^2 from app");
  });
});

describe("the existing lock", () => {
  const reg = registry({
    "@fx/json": { "1.9.0": { deps: { "@fx/strings": "^0.4" } }, "1.10.0": { deps: { "@fx/strings": "^0.4" } }, "1.11.0": { deps: { "@fx/strings": "^0.4" }, caps: ["net.dial"] } },
    "@fx/strings": { "0.4.6": {}, "0.4.7": {} },
  });
  const root = app({ "@fx/json": "^1.9" });
  const locked = lockOf({ "@fx/json": "1.10.0", "@fx/strings": "0.4.6" });

  it("keeps locked versions that still satisfy (mochi pkg lock)", () => {
    expect(versions(solve({ root, lock: locked }, reg).resolution)).toEqual({ "@fx/json": "1.10.0", "@fx/strings": "0.4.6", app: "0.1.0" });
  });

  it("moves a locked version that no longer satisfies the manifest, keeping the rest", () => {
    const r = solve({ root: app({ "@fx/json": "^1.11" }), lock: locked }, reg).resolution;
    expect(versions(r)).toEqual({ "@fx/json": "1.11.0", "@fx/strings": "0.4.6", app: "0.1.0" });
  });

  it("ignores locked versions from another registry", () => {
    const other = { packages: locked.packages.map((p) => ({ ...p, source: "registry:elsewhere.test" })) };
    expect(versions(solve({ root, lock: other }, reg).resolution)["@fx/json"]).toBe("1.11.0");
  });

  it("updates one package with `update <name>`, leaving the others locked", () => {
    const r = solve({ root, lock: locked, unlock: ["@fx/json"] }, reg).resolution;
    expect(versions(r)).toEqual({ "@fx/json": "1.11.0", "@fx/strings": "0.4.6", app: "0.1.0" });
    // The new version's capability is visible for the audit (M057_LOCK_E006 is the caller's).
    expect(r.capabilitiesSeen.get("@fx/json")).toEqual(["net.dial"]);
  });

  it("updates everything with `update`", () => {
    expect(versions(solve({ root, lock: locked, unlock: true }, reg).resolution)).toEqual({ "@fx/json": "1.11.0", "@fx/strings": "0.4.7", app: "0.1.0" });
  });
});

describe("workspaces", () => {
  const reg = registry({ "@fx/json": { "1.9.0": {}, "1.10.0": {} }, "@fx/log": { "1.0.0": {} } });
  const root = manifest(`
[workspace]
members = ["packages/*"]

[workspace.dependencies]
"@fx/json" = "~1.9"
`);
  const members: WorkspaceMemberManifest[] = [
    {
      path: "packages/parser",
      manifest: manifest('[package]\nname = "@my/parser"\nversion = "0.1.0"\n\n[dependencies]\n"@fx/json" = { workspace = true }\n'),
    },
    {
      path: "packages/app",
      manifest: manifest(
        '[package]\nname = "@my/app"\nversion = "1.2.0"\ncapabilities = ["fs.read"]\n\n[dependencies]\n"@my/parser" = { path = "../parser" }\n"@fx/log" = "^1"\n',
      ),
    },
  ];

  it("locks each member as source = \"workspace\" with its path and no hashes; a virtual root is not a package", () => {
    const r = solve({ root, members }, reg).resolution;
    expect(r.packages.filter((p) => p.source === "workspace")).toEqual([
      {
        name: "@my/app",
        version: "1.2.0",
        source: "workspace",
        path: "packages/app",
        capabilities: ["fs.read"],
        dependencies: new Map([
          ["@fx/log", "1.0.0"],
          ["@my/parser", "0.1.0"],
        ]),
        platforms: [],
      },
      { name: "@my/parser", version: "0.1.0", source: "workspace", path: "packages/parser", capabilities: [], dependencies: new Map([["@fx/json", "1.9.0"]]), platforms: [] },
    ]);
    expect(versions(r)).toEqual({ "@fx/json": "1.9.0", "@fx/log": "1.0.0", "@my/app": "1.2.0", "@my/parser": "0.1.0" });
  });

  it("includes a root [package] as the member at \".\"", () => {
    const withPkg = manifest(
      '[package]\nname = "@my/root"\nversion = "0.0.1"\n\n[workspace]\nmembers = ["packages/*"]\n\n[workspace.dependencies]\n"@fx/json" = "~1.9"\n\n[dependencies]\n"@my/app" = { path = "packages/app" }\n',
    );
    const r = solve({ root: withPkg, members }, reg).resolution;
    expect(r.packages.find((p) => p.name === "@my/root")).toMatchObject({ source: "workspace", path: ".", dependencies: new Map([["@my/app", "1.2.0"]]) });
  });

  it("meets a registry requirement on a member's name with the member, if its version matches", () => {
    const dependent = manifest('[package]\nname = "@my/tool"\nversion = "0.1.0"\n\n[dependencies]\n"@my/parser" = "^0.1"\n');
    const r = solve({ root, members: [...members, { path: "packages/tool", manifest: dependent }] }, reg).resolution;
    expect(r.packages.find((p) => p.name === "@my/tool")!.dependencies).toEqual(new Map([["@my/parser", "0.1.0"]]));
    const wrong = manifest('[package]\nname = "@my/tool"\nversion = "0.1.0"\n\n[dependencies]\n"@my/parser" = "^2"\n');
    const e = failure(() => solve({ root, members: [...members, { path: "packages/tool", manifest: wrong }] }, reg));
    expect(e.code).toBe("M057_SOLVER_E002");
    expect(e.detail).toBe(
      "cannot resolve the dependencies (0 candidate versions tried): no version of @my/parser satisfies every requirement on it:\n" +
        '  path "packages/parser" from @my/app\n  ^2 from @my/tool\n  (available: 0.1.0)',
    );
  });

  it("refuses two members with one name (M057_REGISTRY_E024)", () => {
    const twin = { path: "packages/twin", manifest: manifest('[package]\nname = "@my/parser"\nversion = "9.0.0"\n') };
    const e = failure(() => solve({ root, members: [...members, twin] }, reg));
    expect(e.code).toBe("M057_REGISTRY_E024");
    expect(e.detail).toBe('@my/parser is both the package in "packages/parser" and the one in "packages/twin"');
  });
});

describe("path dependencies", () => {
  const reg = registry({ "@fx/log": { "1.0.0": {} } });
  const util = manifest('[package]\nname = "@v/util"\nversion = "0.3.0"\n\n[dependencies]\n"@fx/log" = "^1"\n"@v/base" = { path = "../base" }\n');
  const base = manifest('[package]\nname = "@v/base"\nversion = "0.0.1"\n');
  const paths = new Map([
    ["../vendor/util", util],
    ["../vendor/base", base],
  ]);

  it("asks for the manifests, then locks them as path:<dir> relative to the workspace root", () => {
    const root = app({ "@v/util": '{ path = "../vendor/util" }' });
    const first = resolveMochi({ root, registry: REGISTRY, indexes: new Map() });
    expect(first).toEqual({ kind: "need", indexes: [], paths: ["../vendor/util"] });
    const r = solve({ root }, reg, paths).resolution;
    expect(r.packages.filter((p) => p.source.startsWith("path:"))).toEqual([
      { name: "@v/base", version: "0.0.1", source: "path:../vendor/base", capabilities: [], dependencies: new Map(), platforms: [] },
      {
        name: "@v/util",
        version: "0.3.0",
        source: "path:../vendor/util",
        capabilities: [],
        dependencies: new Map([
          ["@fx/log", "1.0.0"],
          ["@v/base", "0.0.1"],
        ]),
        platforms: [],
      },
    ]);
  });

  it("refuses a path whose manifest is another package, or no package (M057_REGISTRY_E025)", () => {
    const root = app({ "@v/other": '{ path = "../vendor/util" }' });
    const e = failure(() => solve({ root }, reg, paths));
    expect(e.code).toBe("M057_REGISTRY_E025");
    expect(e.detail).toBe('the package in "../vendor/util" is @v/util, not @v/other');
    const virtual = new Map([["../vendor/util", manifest('[workspace]\nmembers = []\n')]]);
    expect(failure(() => solve({ root: app({ "@v/util": '{ path = "../vendor/util" }' }) }, reg, virtual)).code).toBe("M057_REGISTRY_E025");
  });

  it("refuses git dependencies (M057_REGISTRY_E026)", () => {
    const e = failure(() => solve({ root: app({ g: '{ git = "https://example.com/g.git", tag = "v1" }' }) }, reg));
    expect(e.code).toBe("M057_REGISTRY_E026");
    expect(e.where).toBe("mochi.toml: dependencies.g");
  });
});

describe("optional dependencies", () => {
  const reg = registry({
    http: {
      "1.0.0": { deps: { yaml: { version: "^1", optional: true }, json: "^1" }, features: { yaml: ["dep:yaml"] } },
      "2.0.0": { deps: { yaml: { version: "^1", optional: true }, json: "^1" }, features: { default: ["full"], full: ["yaml"], yaml: ["dep:yaml"] } },
    },
    yaml: { "1.0.0": {} },
    json: { "1.0.0": {} },
  });

  it("are left out unless the default feature enables them (through other features)", () => {
    expect(Object.keys(versions(solve({ root: app({ http: "=1.0.0" }) }, reg).resolution))).toEqual(["app", "http", "json"]);
    const r = solve({ root: app({ http: "=2.0.0" }) }, reg).resolution;
    expect(Object.keys(versions(r))).toEqual(["app", "http", "json", "yaml"]);
    expect(r.packages.find((p) => p.name === "http")!.dependencies).toEqual(new Map([["json", "1.0.0"], ["yaml", "1.0.0"]]));
  });

  it("of the workspace follow its own [features] default", () => {
    const off = app({ yaml: '{ version = "^1", optional = true }' }, "");
    expect(Object.keys(versions(solve({ root: off }, reg).resolution))).toEqual(["app"]);
    const on = manifest('[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nyaml = { version = "^1", optional = true }\n\n[features]\ndefault = ["dep:yaml"]\n');
    expect(Object.keys(versions(solve({ root: on }, reg).resolution))).toEqual(["app", "yaml"]);
  });
});

describe("platforms", () => {
  const reg = registry({
    sys: { "1.0.0": { deps: { "sys-c": "^1", "sys-js": "^1" } } },
    "sys-c": { "1.0.0": { targets: ["c"], caps: ["ffi"] } },
    "sys-js": { "1.0.0": { targets: ["typescript"] } },
    json: { "1.0.0": {} },
  });
  const osArch = [
    { os: "linux", arch: "x86_64" },
    { os: "macos", arch: "aarch64" },
  ] as const;

  it("are the workspace targets crossed with (os, arch), sorted; per-target packages only where they build", () => {
    const root = app({ sys: "^1" }, 'targets = ["typescript", "c"]\n');
    const r = solve({ root, osArch }, reg).resolution;
    expect(r.platforms).toEqual([
      { os: "linux", arch: "x86_64", target: "c" },
      { os: "linux", arch: "x86_64", target: "typescript" },
      { os: "macos", arch: "aarch64", target: "c" },
      { os: "macos", arch: "aarch64", target: "typescript" },
    ]);
    const on = Object.fromEntries(r.packages.map((p) => [p.name, p.platforms]));
    expect(on).toEqual({ app: [0, 1, 2, 3], sys: [0, 1, 2, 3], "sys-c": [0, 2], "sys-js": [1, 3] });
  });

  it("use the default matrix of five (os, arch) pairs, and [targets.*] tables count as targets", () => {
    const root = app({ json: "1" }, "\n[targets.rust]\n");
    const r = solve({ root }, reg).resolution;
    expect(r.platforms.map((p) => `${p.os}/${p.arch}/${p.target}`)).toEqual([
      "linux/aarch64/rust",
      "linux/x86_64/rust",
      "macos/aarch64/rust",
      "macos/x86_64/rust",
      "windows/x86_64/rust",
    ]);
    expect(r.packages.map((p) => p.platforms)).toEqual([
      [0, 1, 2, 3, 4],
      [0, 1, 2, 3, 4],
    ]);
  });

  it("follow each member's targets: a dependency of one member only is present on its platforms only", () => {
    const root = manifest('[workspace]\nmembers = ["a", "b"]\n');
    const members = [
      { path: "a", manifest: manifest('[package]\nname = "a"\nversion = "1.0.0"\ntargets = ["c"]\n\n[dependencies]\nsys = "1"\n') },
      { path: "b", manifest: manifest('[package]\nname = "b"\nversion = "1.0.0"\ntargets = ["typescript"]\n\n[dependencies]\njson = "1"\n') },
      { path: "c", manifest: manifest('[package]\nname = "c"\nversion = "1.0.0"\n\n[dependencies]\njson = "1"\n') },
    ];
    const r = solve({ root, members, osArch }, reg).resolution;
    const on = Object.fromEntries(r.packages.map((p) => [p.name, p.platforms]));
    // platforms: 0 linux c, 1 linux ts, 2 macos c, 3 macos ts; c names no targets, so it is on all of them.
    expect(on).toEqual({ a: [0, 2], b: [1, 3], c: [0, 1, 2, 3], json: [0, 1, 2, 3], sys: [0, 2], "sys-c": [0, 2], "sys-js": [] });
  });

  it("are empty when no workspace package names a target", () => {
    const r = solve({ root: app({ sys: "1" }) }, reg).resolution;
    expect(r.platforms).toEqual([]);
    expect(r.packages.every((p) => p.platforms.length === 0)).toBe(true);
  });
});

describe("determinism", () => {
  const spec: RegistrySpec = {
    "@fx/strings": { "0.4.6": {}, "0.4.7": {}, "0.5.0": {} },
    "@fx/json": { "1.10.0": { deps: { "@fx/strings": "^0.4" }, caps: ["fs.read"] }, "1.11.0": { deps: { "@fx/strings": "^0.4" }, caps: ["net.dial", "fs.read"] } },
    "@fx/yaml": { "1.0.0": { deps: { "@fx/strings": "^0.4" } }, "1.1.0": { deps: { "@fx/strings": "^0.5" } } },
    "@fx/http": { "1.0.0": { deps: { "@fx/json": "^1.10", "@fx/yaml": "^1.0", "@fx/log": "^1" } } },
    "@fx/log": { "1.0.0": {}, "1.1.0": { yanked: true }, "1.2.0": {} },
    sys: { "1.0.0": { deps: { "sys-c": "^1", "sys-js": "^1" } } },
    "sys-c": { "1.0.0": { targets: ["c"] } },
    "sys-js": { "1.0.0": { targets: ["typescript"] } },
  };
  const reg = registry(spec);
  const root = manifest('[workspace]\nmembers = ["a", "b"]\n');
  const memberText: [string, string, Record<string, string>][] = [
    ["a", 'targets = ["c", "typescript"]', { "@fx/http": "^1", sys: "1", "@b/b": '{ path = "../b" }' }],
    ["b", 'targets = ["typescript"]', { "@fx/yaml": "^1", "@fx/json": "~1.10", "@fx/log": "^1" }],
  ];
  const build = (shuffle: <T>(xs: readonly T[]) => T[]): { members: WorkspaceMemberManifest[]; reg: typeof reg } => ({
    members: shuffle(memberText).map(([dir, extra, deps]) => ({
      path: dir,
      manifest: manifest(
        `[package]\nname = "@${dir}/${dir}"\nversion = "1.0.0"\n${extra}\n\n[dependencies]\n${shuffle(Object.entries(deps))
          .map(([n, r]) => `${JSON.stringify(n)} = ${r.startsWith("{") ? r : JSON.stringify(r)}`)
          .join("\n")}\n`,
      ),
    })),
    reg: new Map(shuffle([...reg]).map(([n, es]) => [n, shuffle(es)])),
  });
  const expected = solve({ root, members: build((xs) => [...xs]).members }, reg).resolution;

  it("gives the expected resolution", () => {
    expect(versions(expected)).toEqual({
      "@a/a": "1.0.0",
      "@b/b": "1.0.0",
      "@fx/http": "1.0.0",
      "@fx/json": "1.10.0",
      "@fx/log": "1.2.0",
      "@fx/strings": "0.4.7",
      "@fx/yaml": "1.0.0",
      sys: "1.0.0",
      "sys-c": "1.0.0",
      "sys-js": "1.0.0",
    });
  });

  it.each(Array.from({ length: 25 }, (_, i) => i + 1))("gives the same resolution for shuffled inputs (seed %i)", (seed) => {
    const { members, reg: shuffled } = build(shuffler(seed));
    expect(solve({ root, members }, shuffled).resolution).toEqual(expected);
  });

  it("gives the same conflict explanation for shuffled inputs", () => {
    const conflicting = app({ "@fx/http": "^1", "@fx/yaml": "=1.1.0" });
    const first = failure(() => solve({ root: conflicting }, reg)).message;
    for (let seed = 1; seed <= 10; seed++) {
      const shuffle = shuffler(seed);
      const shuffled = new Map(shuffle([...reg]).map(([n, es]) => [n, shuffle(es)]));
      expect(failure(() => solve({ root: conflicting }, shuffled)).message).toBe(first);
    }
  });
});
