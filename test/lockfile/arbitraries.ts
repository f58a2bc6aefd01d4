// fast-check generators of valid lockfiles, in any order and with hostile
// strings (quotes, backslashes, control characters, TOML syntax characters,
// astral and non-NFC Unicode) wherever the schema allows free text.
import fc from "fast-check";
import { isValidPath } from "../../core/src/go/modpath.js";
import {
  ARCHITECTURES,
  OPERATING_SYSTEMS,
  goCapabilityKey,
  isCanonicalGoVersion,
  type GoPackage,
  type LockedPackage,
  type Lockfile,
  type Platform,
} from "../../core/src/lockfile/index.js";
import { GO_CAPABILITIES, MOCHI_CAPABILITIES, TARGETS } from "../../core/src/manifest/index.js";

/** Units that break naive TOML writers, plus any code point and any grapheme. */
const HOSTILE_UNIT = fc.oneof(
  fc.constantFrom('"', "\\", "'", "\n", "\r", "\r\n", "\t", "\u0000", "\u0008", "\u001b", "\u001f", "\u007f", "\u0085", "#", "=", "[", "]", "{", "}", ".", ",", " "),
  // Not in NFC: decomposed é, the Angstrom sign, a dotted long s with a dot below, Hangul jamo.
  fc.constantFrom("e\u0301", "\u212b", "\u1e9b\u0323", "\u1100\u1161", "\u0301", "A\u030a"),
  fc.constantFrom("𝄞", "😀", "\u2028", "\ufeff", "\uffff", "☃", "é"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
);

export const hostileString = (minLength = 0): fc.Arbitrary<string> => fc.string({ unit: HOSTILE_UNIT, minLength, maxLength: 12 });

const hex = (n: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: n, maxLength: n });
const base64 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("base64"));

const segment = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,8}$/);
export const packageName = fc.oneof(segment, fc.tuple(segment, segment).map(([s, n]) => `@${s}/${n}`));

export const semver = fc
  .tuple(fc.nat(12), fc.nat(12), fc.nat(12), fc.option(fc.constantFrom("alpha", "alpha.1", "rc.1", "0", "beta-2", "x.7.z"), { nil: undefined }), fc.option(fc.constantFrom("build.5", "001", "sha-1"), { nil: undefined }))
  .map(([a, b, c, pre, build]) => `${a}.${b}.${c}${pre === undefined ? "" : `-${pre}`}${build === undefined ? "" : `+${build}`}`);

const pathSegment = fc
  .string({ unit: fc.oneof(HOSTILE_UNIT, fc.constantFrom("a", "b", "_")), minLength: 1, maxLength: 6 })
  .filter((s) => !/[/\\\u0000-\u001f\u007f]/.test(s) && s !== "." && s !== ".." && !/^[A-Za-z]:/.test(s));
const relativePath = fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((xs) => xs.join("/"));

const goModule = fc
  .tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.constantFrom("com", "org", "io"), fc.array(fc.stringMatching(/^[a-z0-9]{1,5}$/), { maxLength: 3 }))
  .map(([host, tld, rest]) => [`${host}.${tld}`, ...rest].join("/"))
  .filter(isValidPath);

const goVersion = fc
  .oneof(
    fc.tuple(fc.nat(9), fc.nat(20), fc.nat(20), fc.option(fc.constantFrom("rc.1", "beta", "0.2"), { nil: undefined })).map(([a, b, c, pre]) => `v${a}.${b}.${c}${pre === undefined ? "" : `-${pre}`}`),
    fc.tuple(fc.nat(1), fc.integer({ min: 2000, max: 2099 }), hex(12)).map(([m, y, rev]) => `v${m}.0.0-${y}0102030405-${rev}`),
  )
  .filter(isCanonicalGoVersion);

const subset = <T>(xs: readonly T[]): fc.Arbitrary<T[]> => fc.subarray([...xs]);
const shuffled = <T>(xs: readonly T[]): fc.Arbitrary<T[]> => fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });

const platforms: fc.Arbitrary<Platform[]> = fc
  .shuffledSubarray(OPERATING_SYSTEMS.flatMap((os) => ARCHITECTURES.flatMap((arch) => TARGETS.map((target): Platform => ({ os, arch, target })))), { maxLength: 6 });

interface PackageSeed {
  readonly name: string;
  readonly version: string;
}

// Built once: constructing arbitraries (stringMatching above all) is far dearer than drawing from them.
const packageSource = fc.oneof(
  fc.tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,10}[a-z0-9])?$/), hex(64), fc.option(hex(64), { nil: undefined })).map(([host, b, s]) => ({
    source: `registry:${host}`,
    blake3: `blake3-256:${b}`,
    ...(s === undefined ? {} : { sha256: `sha256:${s}` }),
  })),
  relativePath.map((path) => ({ source: "workspace", path })),
  fc.tuple(relativePath, fc.boolean()).map(([p, up]) => ({ source: `path:${up ? "../" : ""}${p}` })),
  fc
    .tuple(hostileString(1), fc.stringMatching(/^[A-Za-z0-9._/-]{1,12}$/), fc.oneof(hex(40), hex(64)), fc.option(hex(64), { nil: undefined }))
    .map(([url, ref, rev, b]) => ({ source: `git:${url}@${ref}`, gitRev: rev, ...(b === undefined ? {} : { blake3: `blake3-256:${b}` }) })),
);

function lockedPackage(seed: PackageSeed, all: readonly PackageSeed[], platformCount: number): fc.Arbitrary<LockedPackage> {
  return fc
    .record({
      source: packageSource,
      yanked: fc.option(fc.boolean(), { nil: undefined }),
      capabilities: subset(MOCHI_CAPABILITIES),
      deps: subset(all.filter((d) => d.name !== seed.name)),
      platforms: subset([...Array(platformCount).keys()]),
    })
    .map(({ source, yanked, capabilities, deps, platforms: idx }) => {
      // One version per dependency name (a map); the last generated wins.
      const dependencies = new Map(deps.map((d) => [d.name, d.version] as const));
      return { name: seed.name, version: seed.version, ...source, ...(yanked === undefined ? {} : { yanked }), capabilities, dependencies, platforms: idx } as LockedPackage;
    });
}

const zip = fc.record({ zipBlake3: hex(64), zipH1: base64.map((b) => `h1:${b}`) });
const sumdb = fc.oneof(
  fc.constant({ sumdbVerified: false }),
  fc.record({ sumdbVerified: fc.constant(true), sumdbTreeSize: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), sumdbRecordHash: hex(64) }),
);
const goSource = fc.oneof(
  fc.tuple(hostileString(1), zip, sumdb).map(([proxy, z, s]) => ({ source: { kind: "module-proxy" as const, proxy }, ...z, ...s })),
  fc
    .tuple(hostileString(1), fc.option(fc.stringMatching(/^[A-Za-z0-9._/-]{1,12}$/), { nil: undefined }), zip, sumdb)
    .map(([url, rev, z, s]) => ({ source: { kind: "git" as const, url, ...(rev === undefined ? {} : { rev }) }, ...z, ...s })),
  hostileString(1).map((path) => ({ source: { kind: "path" as const, path }, sumdbVerified: false })),
);

const buildTags = fc.array(fc.stringMatching(/^[A-Za-z0-9_.]{1,8}$/), { maxLength: 3 });

function goPackage(seed: { module: string; version: string }, all: readonly { module: string; version: string }[]): fc.Arbitrary<GoPackage> {
  return fc
    .record({
      src: goSource,
      api: fc.option(hex(64), { nil: undefined }),
      wrapper: fc.option(hex(64), { nil: undefined }),
      caps: subset(GO_CAPABILITIES),
      deps: subset(all.filter((d) => d.module !== seed.module)),
      tags: buildTags,
    })
    .map(({ src, api, wrapper, caps, deps, tags }) => ({
      module: seed.module,
      version: seed.version,
      ...src,
      ...(api === undefined ? {} : { apiSurfaceSha256: api }),
      ...(wrapper === undefined ? {} : { wrapperSha256: wrapper }),
      capabilitiesDeclared: caps,
      dependencies: deps.map((d) => `${d.module}@${d.version}`),
      buildTags: tags,
    }));
}

const uniqueBy = <T>(key: (x: T) => string) => (xs: T[]): T[] => [...new Map(xs.map((x) => [key(x), x])).values()];

const header = fc.record({
  mochi: hostileString(1),
  manifest: relativePath.filter((p) => !p.split("/").includes("..")),
  manifestHash: hex(64),
  provenance: fc.record({
    solverSeed: hostileString(),
    registryEtag: hostileString(),
    sigstoreVerifiedCount: fc.nat(),
    sigstoreUnverified: fc.array(hostileString(), { maxLength: 4 }),
  }),
});

/** Any valid lockfile, its lists in random order. */
export const lockfile: fc.Arbitrary<Lockfile> = fc
  .record({
    header,
    platforms,
    pkgSeeds: fc.array(fc.record({ name: packageName, version: semver }), { maxLength: 8 }).map(uniqueBy((s) => `${s.name}@${s.version}`)),
    goSeeds: fc.array(fc.record({ module: goModule, version: goVersion }), { maxLength: 6 }).map(uniqueBy((s) => `${s.module}@${s.version}`)),
  })
  .chain(({ header: h, platforms: ps, pkgSeeds, goSeeds }) => {
    const seenKeys = [...new Set([...pkgSeeds.map((s) => s.name), ...goSeeds.map((s) => goCapabilityKey(s.module))])];
    return fc
      .record({
        packages: fc.tuple(...pkgSeeds.map((s) => lockedPackage(s, pkgSeeds, ps.length))),
        goPackages: fc.tuple(...goSeeds.map((s) => goPackage(s, goSeeds))),
        seen: fc.tuple(...seenKeys.map((k) => fc.option(subset<string>(k.startsWith("go:") ? GO_CAPABILITIES : MOCHI_CAPABILITIES), { nil: undefined }))),
      })
      .map(({ packages, goPackages, seen }): Lockfile => ({
        version: 1,
        mochi: h.mochi,
        manifest: h.manifest,
        manifestHash: `blake3-256:${h.manifestHash}`,
        platforms: ps,
        packages,
        goPackages,
        capabilitiesSeen: new Map(seenKeys.flatMap((k, i) => (seen[i] === undefined ? [] : [[k, seen[i]] as const]))),
        provenance: h.provenance,
      }));
  });

/** The same lock with every list permuted (platform indices remapped): it must write the same bytes. */
export function permuted(lock: Lockfile): fc.Arbitrary<Lockfile> {
  return fc
    .record({
      order: shuffled([...lock.platforms.keys()]),
      packages: shuffled(lock.packages),
      goPackages: shuffled(lock.goPackages),
      seen: shuffled([...lock.capabilitiesSeen]),
    })
    .map(({ order, packages, goPackages, seen }) => {
      const where = new Map(order.map((old, i) => [old, i]));
      return {
        ...lock,
        platforms: order.map((i) => lock.platforms[i]!),
        packages: packages.map((p) => ({ ...p, platforms: [...p.platforms].reverse().map((i) => where.get(i)!), capabilities: [...p.capabilities].reverse(), dependencies: new Map([...p.dependencies].reverse()) })),
        goPackages: goPackages.map((g) => ({ ...g, dependencies: [...g.dependencies].reverse(), buildTags: [...g.buildTags].reverse() })),
        capabilitiesSeen: new Map(seen),
      };
    });
}
