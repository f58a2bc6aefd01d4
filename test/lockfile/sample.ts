// A realistic lock exercising every field and source kind, the source of
// fixtures/locks/full.lock (whose bytes the tests pin), and small helpers.
import { createHash } from "node:crypto";
import type { GoPackage, LockedPackage, Lockfile } from "../../core/src/lockfile/index.js";

/** A stable 64-hex-digit value derived from a label (stands in for real digests). */
export function hex64(label: string): string {
  return createHash("sha256").update(label).digest("hex");
}

/** A well-formed h1: value derived from a label. */
export function h1(label: string): string {
  return `h1:${createHash("sha256").update(`h1 ${label}`).digest("base64")}`;
}

const pkg = (p: Partial<LockedPackage> & Pick<LockedPackage, "name" | "version" | "source">): LockedPackage => ({
  capabilities: [],
  dependencies: new Map(),
  platforms: [],
  ...p,
});

const registry = (name: string, version: string, rest: Partial<LockedPackage> = {}): LockedPackage =>
  pkg({
    name,
    version,
    source: "registry:registry.mochi-lang.dev",
    blake3: `blake3-256:${hex64(`${name}@${version} blake3`)}`,
    sha256: `sha256:${hex64(`${name}@${version} sha256`)}`,
    platforms: [0, 1, 2, 3, 4],
    ...rest,
  });

const goProxy = (module: string, version: string, rest: Partial<GoPackage> = {}): GoPackage => ({
  module,
  version,
  source: { kind: "module-proxy", proxy: "https://proxy.golang.org" },
  zipBlake3: hex64(`${module}@${version} zip`),
  zipH1: h1(`${module}@${version}`),
  sumdbVerified: true,
  sumdbTreeSize: 35_812_409,
  sumdbRecordHash: hex64(`${module}@${version} record`),
  capabilitiesDeclared: [],
  dependencies: [],
  buildTags: [],
  ...rest,
});

/** Every field, every source kind; deliberately listed out of canonical order. */
export function sampleLock(manifestHash = `blake3-256:${hex64("manifest")}`): Lockfile {
  return {
    version: 1,
    mochi: "0.11.2",
    manifest: "mochi.toml",
    manifestHash,
    platforms: [
      { os: "linux", arch: "x86_64", target: "typescript" },
      { os: "linux", arch: "aarch64", target: "typescript" },
      { os: "macos", arch: "aarch64", target: "typescript" },
      { os: "windows", arch: "x86_64", target: "typescript" },
      { os: "linux", arch: "x86_64", target: "c" },
    ],
    packages: [
      pkg({
        name: "@my/app",
        version: "0.1.0",
        source: "workspace",
        path: "packages/app",
        dependencies: new Map([
          ["@my/parser", "0.1.0"],
          ["@mochi/json", "1.10.0"],
          ["@vendor/local", "0.0.1"],
          ["@forks/yaml", "3.0.0"],
        ]),
        platforms: [4, 3, 2, 1, 0],
      }),
      registry("@mochi/json", "1.10.0", { capabilities: ["fs.read", "net.dial"], dependencies: new Map([["@mochi/strings", "0.4.7"]]) }),
      registry("@mochi/json", "1.9.0", { capabilities: ["fs.read"], yanked: true, dependencies: new Map([["@mochi/strings", "0.4.7"]]) }),
      registry("@mochi/strings", "0.4.7"),
      pkg({ name: "@my/parser", version: "0.1.0", source: "workspace", path: "packages/parser", dependencies: new Map([["@mochi/strings", "0.4.7"]]), platforms: [0, 1, 2, 3, 4] }),
      pkg({ name: "@vendor/local", version: "0.0.1", source: "path:../vendor/local", platforms: [4] }),
      pkg({
        name: "@forks/yaml",
        version: "3.0.0",
        source: "git:https://github.com/example/yaml.git@v3.0.0",
        gitRev: hex64("yaml commit").slice(0, 40),
        blake3: `blake3-256:${hex64("yaml tree")}`,
        capabilities: ["fs.read"],
        platforms: [0, 1, 2, 3, 4],
      }),
    ],
    goPackages: [
      goProxy("github.com/spf13/pflag", "v1.0.5"),
      goProxy("github.com/spf13/cobra", "v1.8.0", {
        apiSurfaceSha256: hex64("cobra api"),
        wrapperSha256: hex64("cobra wrapper"),
        capabilitiesDeclared: ["fs"],
        dependencies: ["github.com/spf13/pflag@v1.0.5"],
      }),
      goProxy("github.com/sirupsen/logrus", "v1.9.3", {
        apiSurfaceSha256: hex64("logrus api"),
        wrapperSha256: hex64("logrus wrapper"),
        capabilitiesDeclared: ["fs"],
        dependencies: ["golang.org/x/sys@v0.0.0-20220715151400-c0bba94af5f8"],
        buildTags: ["json_logging"],
      }),
      goProxy("golang.org/x/sys", "v0.0.0-20220715151400-c0bba94af5f8", { capabilitiesDeclared: ["unsafe", "cgo"] }),
      goProxy("example.com/private/lib", "v0.3.0", {
        source: { kind: "module-proxy", proxy: "https://athens.corp.example.com" },
        sumdbVerified: false,
        sumdbTreeSize: undefined,
        sumdbRecordHash: undefined,
        apiSurfaceSha256: hex64("private api"),
        wrapperSha256: hex64("private wrapper"),
      }),
      goProxy("github.com/example/fork", "v1.2.4-0.20240101000000-abcdef123456", {
        source: { kind: "git", url: "https://github.com/example/fork", rev: "abcdef123456" },
        sumdbVerified: false,
        sumdbTreeSize: undefined,
        sumdbRecordHash: undefined,
      }),
      {
        module: "example.com/local/mod",
        version: "v0.0.0",
        source: { kind: "path", path: "../local-mod" },
        sumdbVerified: false,
        capabilitiesDeclared: ["proc"],
        dependencies: [],
        buildTags: [],
      },
    ].map((g) => Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)) as unknown as GoPackage),
    capabilitiesSeen: new Map([
      ["go:golang.org/x/sys", ["unsafe", "cgo"]],
      ["@mochi/json", ["net.dial", "fs.read"]],
      ["go:github.com/spf13/cobra", ["fs"]],
      ["go:github.com/sirupsen/logrus", ["fs"]],
      ["go:example.com/local/mod", ["proc"]],
      ["@forks/yaml", ["fs.read"]],
    ]),
    provenance: {
      solverSeed: "2026-01-01T00:00:00Z",
      registryEtag: 'W/"idx-4821"',
      sigstoreVerifiedCount: 4,
      sigstoreUnverified: ["@vendor/local@0.0.1", "@forks/yaml@3.0.0"],
    },
  };
}

/** The smallest valid lock: no platforms, no packages. */
export function emptyLock(manifestHash = `blake3-256:${hex64("empty manifest")}`): Lockfile {
  return {
    version: 1,
    mochi: "0.11.2",
    manifest: "mochi.toml",
    manifestHash,
    platforms: [],
    packages: [],
    goPackages: [],
    capabilitiesSeen: new Map(),
    provenance: { solverSeed: "", registryEtag: "", sigstoreVerifiedCount: 0, sigstoreUnverified: [] },
  };
}
