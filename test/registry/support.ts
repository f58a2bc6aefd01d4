// Helpers for the resolver tests: an in-memory registry written as a small
// table, and a driver that answers resolveMochi's requests until it is done.
import { hexEncode, utf8Encode } from "../../core/src/index.js";
import type { Manifest } from "../../core/src/manifest/schema.js";
import { parseManifest } from "../../core/src/manifest/parse.js";
import { parseIndexLine, type IndexEntry } from "../../core/src/registry/index.js";
import { resolveMochi, type MochiResolution, type MochiResolveInput } from "../../core/src/resolve/mochi.js";

export interface VersionSpec {
  readonly deps?: Record<string, string | { version: string; optional: true }>;
  readonly features?: Record<string, string[]>;
  readonly caps?: string[];
  readonly targets?: string[];
  readonly yanked?: boolean;
}

/** name -> version -> what that version declares. */
export type RegistrySpec = Record<string, Record<string, VersionSpec>>;

export const REGISTRY = "registry.test";

/** A stand-in archive hash that differs per version. */
export function fakeBlake3(name: string, version: string): string {
  return `blake3-256:${`${"0".repeat(64)}${hexEncode(utf8Encode(`${name}@${version}`))}`.slice(-64)}`;
}

export function registry(spec: RegistrySpec): Map<string, IndexEntry[]> {
  const out = new Map<string, IndexEntry[]>();
  for (const [name, versions] of Object.entries(spec)) {
    out.set(
      name,
      Object.entries(versions).map(([version, v]) =>
        parseIndexLine(
          JSON.stringify({
            name,
            version,
            dependencies: v.deps ?? {},
            ...(v.features === undefined ? {} : { features: v.features }),
            capabilities: v.caps ?? [],
            ...(v.targets === undefined ? {} : { targets: v.targets }),
            blake3: fakeBlake3(name, version),
            yanked: v.yanked ?? false,
          }),
        ),
      ),
    );
  }
  return out;
}

export const manifest = (text: string): Manifest => parseManifest(text);

/** A root package manifest named "app" with these [dependencies] lines (and extra tables). */
export function app(deps: Record<string, string>, extra = ""): Manifest {
  const lines = Object.entries(deps).map(([n, r]) => `${JSON.stringify(n)} = ${r.startsWith("{") ? r : JSON.stringify(r)}`);
  return manifest(`[package]\nname = "app"\nversion = "0.1.0"\n${extra}\n[dependencies]\n${lines.join("\n")}\n`);
}

export interface Solved {
  readonly resolution: MochiResolution;
  /** How many "need" rounds it took. */
  readonly rounds: number;
  /** The index files asked for, in the order asked. */
  readonly asked: string[];
}

/** Runs resolveMochi to completion against `reg` (names not in it are 404s) and `paths`. */
export function solve(
  input: Omit<MochiResolveInput, "indexes" | "pathManifests" | "registry"> & { registry?: string },
  reg: ReadonlyMap<string, readonly IndexEntry[]>,
  paths: ReadonlyMap<string, Manifest> = new Map(),
): Solved {
  const indexes = new Map<string, readonly IndexEntry[] | null>();
  const pathManifests = new Map<string, Manifest>();
  const asked: string[] = [];
  for (let rounds = 0; ; rounds++) {
    const step = resolveMochi({ registry: REGISTRY, ...input, indexes, pathManifests });
    if (step.kind === "done") return { resolution: step.resolution, rounds, asked };
    if (step.indexes.length + step.paths.length === 0) throw new Error("a need step that asks for nothing");
    for (const n of step.indexes) {
      if (indexes.has(n)) throw new Error(`${n} asked for twice`);
      asked.push(n);
      indexes.set(n, reg.get(n) ?? null);
    }
    for (const p of step.paths) {
      const m = paths.get(p);
      if (m === undefined) throw new Error(`no manifest at ${p}`);
      pathManifests.set(p, m);
    }
  }
}

/** name -> version of a resolution. */
export function versions(r: MochiResolution): Record<string, string> {
  return Object.fromEntries(r.packages.map((p) => [p.name, p.version]));
}
