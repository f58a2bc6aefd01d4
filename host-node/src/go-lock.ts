// The [[go-package]] entries of mochi.lock for a resolved program: one per
// module of the build list, with what was verified (zip BLAKE3 and h1, the
// checksum database's tree size and record hash), and for imported modules
// what the bridge made of them (api-surface-sha256, wrapper-sha256).
// docs/lockfile.md defines every field.

import { utf8DecodeStrict } from "@mochi-pkg/core";
import { parseGoMod } from "@mochi-pkg/core/go";
import type { GoPackage, Lockfile } from "@mochi-pkg/core/lockfile";
import type { GoCapability } from "@mochi-pkg/core/manifest";
import type { BridgedModule } from "./bridge-emit.js";
import type { GoModules } from "./go-modules.js";
import type { GoResolution } from "./go-resolve.js";

export interface GoLockInput {
  readonly resolution: GoResolution;
  readonly bridged: readonly BridgedModule[];
  /** Per imported module: wrapper-sha256 of its generated wrapper files. */
  readonly wrapperSha256?: ReadonlyMap<string, string>;
  readonly buildTags: readonly string[];
  /** The lock being replaced: an unchanged module version keeps the source it was locked from. */
  readonly previous?: Lockfile;
}

/** The capabilities a module's surface shows it needs: cgo when a package has `import "C"` files. */
function declaredCapabilities(b: BridgedModule | undefined): GoCapability[] {
  if (b === undefined) return [];
  return b.surface.packages.some((p) => p.files?.some((f) => f.requires_cgo === true && f.ignored !== true)) ? ["cgo"] : [];
}

export async function goLockEntries(go: GoModules, input: GoLockInput): Promise<GoPackage[]> {
  const selected = new Map(input.resolution.buildList.modules.map((m) => [m.path, m.version]));
  const bridged = new Map(input.bridged.map((b) => [b.use.module, b]));
  // The proxy recorded as the source: the first one GOPROXY names (the one that serves unless it lacks a module);
  // a version locked before with the same content keeps its recorded source, so --offline changes nothing.
  const proxy = go.env.proxies.find((p) => p.url !== "noproxy" && p.url !== "direct" && p.url !== "off")?.url ?? "off";
  const before = new Map(input.previous?.goPackages.map((p) => [`${p.module}@${p.version}`, p]) ?? []);
  const out: GoPackage[] = [];
  for (const m of input.resolution.buildList.modules.slice(1)) {
    const d = await go.download(m.path, m.version);
    const v = d.verification;
    const mod = parseGoMod(utf8DecodeStrict(d.files.mod) ?? "", `${m.path}@${m.version}/go.mod`, { lax: true });
    const deps = [...new Set(mod.require.map((r) => r.path))]
      .filter((p) => selected.has(p))
      .map((p) => `${p}@${selected.get(p)!}`)
      .sort();
    const b = bridged.get(m.path);
    out.push({
      module: m.path,
      version: m.version,
      source: before.get(`${m.path}@${m.version}`)?.zipH1 === d.sum ? before.get(`${m.path}@${m.version}`)!.source : { kind: "module-proxy", proxy },
      zipBlake3: d.entry.zip.blake3,
      zipH1: d.sum,
      sumdbVerified: v.kind === "sumdb",
      ...(v.kind === "sumdb" ? { sumdbTreeSize: v.treeSize, sumdbRecordHash: v.recordHash } : {}),
      ...(b === undefined ? {} : { apiSurfaceSha256: b.surfaceSha256 }),
      ...(input.wrapperSha256?.get(m.path) === undefined ? {} : { wrapperSha256: input.wrapperSha256.get(m.path)! }),
      capabilitiesDeclared: declaredCapabilities(b),
      dependencies: deps,
      buildTags: b === undefined ? [] : [...input.buildTags].sort(),
    });
  }
  return out;
}
