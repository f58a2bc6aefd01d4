// --check and the capability audit: stale (E001) by manifest hash, with the
// "manifest reordered keys" fixture that must not be stale; tamper (E007),
// drift (E002) and warnings against a fresh resolution; the capability delta
// (E006) and --accept-capabilities; diffLocks and newCapabilities exactly.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hashing } from "../../core/src/hashing.js";
import { isMochiError } from "../../core/src/errors.js";
import {
  auditCapabilities,
  checkLock,
  diffLocks,
  newCapabilities,
  normalizeLock,
  parseLock,
  recordCapabilities,
  type Lockfile,
} from "../../core/src/lockfile/index.js";
import { manifestHash, parseManifest } from "../../core/src/manifest/index.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import { repoRoot } from "../vectors.js";
import { hex64 } from "./sample.js";

const dir = join(repoRoot, "fixtures/locks/stale-check");
const read = (name: string): string => readFileSync(join(dir, name), "utf8");

let hashing: Hashing;
let kernels: Hashing;
beforeAll(async () => {
  hashing = await nodeHashing();
  kernels = await kernelsHashing();
});

function code(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (isMochiError(e)) return `${e.code}: ${e.detail}`;
    throw e;
  }
  return "no error";
}

describe("stale (E001)", () => {
  it("the lock taken from mochi.toml is current", () => {
    const result = checkLock({ manifest: read("mochi.toml"), lock: read("mochi.lock"), hashing });
    expect(result.warnings).toEqual([]);
    expect(result.lock.manifestHash).toBe(manifestHash(parseManifest(read("mochi.toml")), hashing));
  });

  it("manifest reordered keys: the same manifest written differently is not stale", () => {
    expect(read("mochi.reordered.toml")).not.toBe(read("mochi.toml"));
    expect(() => checkLock({ manifest: read("mochi.reordered.toml"), lock: read("mochi.lock"), hashing })).not.toThrow();
  });

  it("a semantic change makes the lock stale", () => {
    const msg = code(() => checkLock({ manifest: read("mochi.changed.toml"), lock: read("mochi.lock"), hashing }));
    expect(msg).toMatch(/^M057_LOCK_E001: the manifest changed since the lock was written: its hash is blake3-256:[0-9a-f]{64}, the lock has blake3-256:/);
  });

  it("both hashings agree on the manifest hash", () => {
    const m = parseManifest(read("mochi.toml"));
    expect(manifestHash(m, kernels)).toBe(manifestHash(m, hashing));
  });

  it("parse errors of the lock keep their codes (E003, E004, E005)", () => {
    const locks = join(repoRoot, "fixtures/locks");
    const manifest = read("mochi.toml");
    const run = (name: string) => code(() => checkLock({ manifest, lock: readFileSync(join(locks, name)), hashing, running: "0.1.0" }));
    expect(run("version-99.lock")).toMatch(/^M057_LOCK_E003: lockfile too new: version = 99, but mochi-pkg 0.1.0/);
    expect(run("merge-conflict.lock")).toMatch(/^M057_LOCK_E004/);
    expect(run("missing-version.lock")).toMatch(/^M057_LOCK_E004/);
    expect(run("missing-field.lock")).toMatch(/^M057_LOCK_E005/);
  });
});

describe("against a fresh resolution", () => {
  let lock: Lockfile;
  const manifest = (): string => read("mochi.toml");
  beforeAll(() => {
    lock = parseLock(read("mochi.lock"));
  });
  const without = (l: Lockfile, name: string): Lockfile => ({ ...l, packages: l.packages.filter((p) => p.name !== name) });

  it("an identical resolution is current, and a moved registry etag is only a warning", () => {
    const fresh = { ...lock, provenance: { ...lock.provenance, registryEtag: 'W/"idx-4822"' } };
    const result = checkLock({ manifest: manifest(), lock, hashing, fresh });
    expect(result.diff).toEqual({ header: ["provenance"], added: [], removed: [], changed: [] });
    expect(result.warnings).toEqual(['the registry moved (etag "W/\\"idx-4821\\"" -> "W/\\"idx-4822\\"") but the resolution is the same']);
  });

  it("drift (E002): the fresh resolution no longer has a locked package", () => {
    const fresh = without(lock, "@vendor/local");
    const noDep = { ...fresh, packages: fresh.packages.map((p) => ({ ...p, dependencies: new Map([...p.dependencies].filter(([n]) => n !== "@vendor/local")) })) };
    expect(code(() => checkLock({ manifest: manifest(), lock, hashing, fresh: noDep }))).toBe(
      "M057_LOCK_E002: the resolution drifted: @vendor/local@0.0.1 is no longer resolved; @my/app@0.1.0 differs in dependencies",
    );
  });

  it("drift (E002): another version resolved, a new platform", () => {
    const fresh: Lockfile = {
      ...lock,
      platforms: [...lock.platforms, { os: "freebsd", arch: "x86_64", target: "c" }],
      goPackages: lock.goPackages.map((g) => (g.module === "github.com/spf13/cobra" ? { ...g, wrapperSha256: hex64("new wrapper") } : g)),
    };
    expect(code(() => checkLock({ manifest: manifest(), lock, hashing, fresh }))).toBe(
      "M057_LOCK_E002: the resolution drifted: github.com/spf13/cobra@v1.8.0 differs in wrapper-sha256; the platform set differs",
    );
  });

  it("a grown checksum database (sumdb-tree-size) is not drift", () => {
    const fresh = { ...lock, goPackages: lock.goPackages.map((g) => (g.sumdbTreeSize === undefined ? g : { ...g, sumdbTreeSize: g.sumdbTreeSize + 1000 })) };
    const result = checkLock({ manifest: manifest(), lock, hashing, fresh });
    expect(result.diff!.changed.map((c) => `${c.name} ${c.fields.join(",")}`)).toEqual([
      "github.com/sirupsen/logrus sumdb-tree-size",
      "github.com/spf13/cobra sumdb-tree-size",
      "github.com/spf13/pflag sumdb-tree-size",
      "golang.org/x/sys sumdb-tree-size",
    ]);
  });

  it("tamper (E007): the same version with other content hashes", () => {
    const fresh: Lockfile = {
      ...lock,
      packages: lock.packages.map((p) => (p.name === "@mochi/strings" ? { ...p, blake3: `blake3-256:${hex64("evil")}` } : p)),
      goPackages: lock.goPackages.map((g) => (g.module === "github.com/spf13/pflag" ? { ...g, zipH1: "h1:" + Buffer.alloc(32, 7).toString("base64") } : g)),
    };
    expect(code(() => checkLock({ manifest: manifest(), lock, hashing, fresh }))).toBe(
      "M057_LOCK_E007: locked versions now have different content: @mochi/strings@0.4.7 (blake3), github.com/spf13/pflag@v1.0.5 (zip-h1)",
    );
  });

  it("the manifest is checked first: a stale lock is E001 even when the resolution also differs", () => {
    expect(code(() => checkLock({ manifest: read("mochi.changed.toml"), lock, hashing, fresh: without(lock, "@vendor/local") }))).toMatch(/^M057_LOCK_E001/);
  });
});

describe("diffLocks", () => {
  it("reports header keys, added, removed and changed packages with their fields", () => {
    const a = parseLock(read("mochi.lock"));
    const b: Lockfile = {
      ...a,
      mochi: "0.12.0",
      packages: [
        ...a.packages.filter((p) => p.name !== "@forks/yaml").map((p) => (p.name === "@mochi/json" && p.version === "1.10.0" ? { ...p, yanked: true, platforms: [0, 1] } : p)),
        { name: "@forks/yaml", version: "3.0.1", source: "git:https://github.com/example/yaml.git@v3.0.1", gitRev: hex64("yaml 3.0.1").slice(0, 40), capabilities: [], dependencies: new Map(), platforms: [] },
      ],
    };
    const withDep = { ...b, packages: b.packages.map((p) => (p.name === "@my/app" ? { ...p, dependencies: new Map([...p.dependencies, ["@forks/yaml", "3.0.1"]]) } : p)) };
    expect(diffLocks(a, withDep)).toEqual({
      header: ["mochi"],
      added: [{ kind: "package", name: "@forks/yaml", version: "3.0.1" }],
      removed: [{ kind: "package", name: "@forks/yaml", version: "3.0.0" }],
      changed: [
        { kind: "package", name: "@mochi/json", version: "1.10.0", fields: ["yanked", "platform"] },
        { kind: "package", name: "@my/app", version: "0.1.0", fields: ["dependencies"] },
      ],
    });
  });

  it("compares platforms by record, not by index", () => {
    const a = parseLock(read("mochi.lock"));
    const reordered = { ...a, platforms: [...a.platforms].reverse(), packages: a.packages.map((p) => ({ ...p, platforms: p.platforms.map((i) => a.platforms.length - 1 - i) })) };
    expect(diffLocks(a, reordered)).toEqual({ header: [], added: [], removed: [], changed: [] });
  });
});

describe("capabilities (E006)", () => {
  const base = (): Lockfile => parseLock(read("mochi.lock"));
  // @mochi/json 1.10.0 -> 1.11.0, which newly requires net.listen; logrus newly declares net.
  const upgraded = (): Lockfile => {
    const old = base();
    return {
      ...old,
      packages: old.packages.map((p) => (p.name === "@mochi/json" && p.version === "1.10.0" ? { ...p, version: "1.11.0", capabilities: ["fs.read", "net.dial", "net.listen"] } : p.name === "@my/app" ? { ...p, dependencies: new Map([...p.dependencies, ["@mochi/json", "1.11.0"]]) } : p)),
      goPackages: old.goPackages.map((g) => (g.module === "github.com/sirupsen/logrus" ? { ...g, capabilitiesDeclared: ["fs", "net"] } : g)),
    };
  };

  it("newCapabilities lists each new capability with what was seen", () => {
    expect(newCapabilities(base(), upgraded())).toEqual([
      { key: "@mochi/json", name: "@mochi/json", version: "1.11.0", capability: "net.listen", seen: ["fs.read", "net.dial"] },
      { key: "go:github.com/sirupsen/logrus", name: "github.com/sirupsen/logrus", version: "v1.9.3", capability: "net", seen: ["fs"] },
    ]);
    expect(newCapabilities(base(), base())).toEqual([]);
  });

  it("without --accept-capabilities the update fails with E006 and the previously seen set", () => {
    expect(code(() => auditCapabilities(base(), upgraded(), false))).toBe(
      'M057_LOCK_E006: @mochi/json 1.11.0 newly requires capability "net.listen"; previously seen: ["fs.read","net.dial"]\n' +
        '  github.com/sirupsen/logrus v1.9.3 newly requires capability "net"; previously seen: ["fs"]',
    );
  });

  it("with --accept-capabilities the new capabilities are rolled into capabilities-seen", () => {
    const accepted = auditCapabilities(base(), upgraded(), true);
    expect(accepted.capabilitiesSeen.get("@mochi/json")).toEqual(["fs.read", "net.dial", "net.listen"]);
    expect(accepted.capabilitiesSeen.get("go:github.com/sirupsen/logrus")).toEqual(["fs", "net"]);
    expect(newCapabilities(accepted, upgraded())).toEqual([]);
  });

  it("a first lock records every declared capability without asking; packages no longer locked drop out", () => {
    const fresh = { ...base(), capabilitiesSeen: new Map() };
    const first = auditCapabilities(undefined, fresh, false);
    expect([...first.capabilitiesSeen]).toEqual([...base().capabilitiesSeen]);
    const smaller = recordCapabilities(base(), { ...fresh, packages: fresh.packages.filter((p) => p.name !== "@forks/yaml"), goPackages: [] });
    expect([...smaller.capabilitiesSeen.keys()]).toEqual(["@mochi/json"]);
    expect(normalizeLock(smaller)).toStrictEqual(smaller);
  });
});
