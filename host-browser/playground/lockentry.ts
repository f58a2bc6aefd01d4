// The `[[go-package]]` entry mochi.lock would get for the previewed module,
// written by the core's lock writer (core/src/lockfile/write.ts) so its keys,
// order and quoting are the CLI's. The playground never downloads the module
// zip or asks the checksum database, so the fields that come from them are
// given placeholder values the writer accepts, and their lines are then
// replaced by one comment saying who fills them in.

import type { ApiSurface } from "@mochi-pkg/core/bridge";
// From its file, like the wrapper generator (wrapper.ts): the package entry
// point would give the tests (whose vitest config maps only @mochi-pkg/core,
// /go and /bridge to the sources) a second, compiled copy of the core.
import { writeLock, type GoPackage, type Lockfile } from "../../core/src/lockfile/index.js";

/** The keys whose values need the module zip or the checksum database. */
const DOWNLOADED = ["zip-blake3", "zip-h1", "sumdb-verified", "sumdb-tree-size", "sumdb-record-hash"] as const;

const ZERO_HEX = "0".repeat(64);

export interface LockEntryInput {
  readonly surface: ApiSurface;
  /** api-surface-sha256 (core/src/bridge/surface.ts apiSurfaceSha256). */
  readonly apiSurfaceSha256: string;
  /** wrapper-sha256 (core/src/lockfile/hashes.ts wrapperSha256). */
  readonly wrapperSha256: string;
  /** The GOPROXY the entry names. */
  readonly proxy?: string;
}

export function goPackageEntry(input: LockEntryInput): string {
  const { surface } = input;
  const entry: GoPackage = {
    module: surface.module,
    version: surface.version ?? "",
    source: { kind: "module-proxy", proxy: input.proxy ?? "https://proxy.golang.org" },
    zipBlake3: ZERO_HEX,
    zipH1: `h1:${"A".repeat(43)}=`,
    sumdbVerified: true,
    sumdbTreeSize: 1,
    sumdbRecordHash: ZERO_HEX,
    apiSurfaceSha256: input.apiSurfaceSha256,
    wrapperSha256: input.wrapperSha256,
    capabilitiesDeclared: [],
    dependencies: [],
    buildTags: [...(surface.build?.tags ?? [])],
  };
  const lock: Lockfile = {
    version: 1,
    mochi: "0.0.0",
    manifest: "mochi.toml",
    manifestHash: `blake3-256:${ZERO_HEX}`,
    platforms: [],
    packages: [],
    goPackages: [entry],
    capabilitiesSeen: new Map(),
    provenance: { solverSeed: "", registryEtag: "", sigstoreVerifiedCount: 0, sigstoreUnverified: [] },
  };
  const lines = writeLock(lock).split("\n");
  const start = lines.indexOf("[[go-package]]");
  const end = lines.indexOf("", start);
  const block = lines.slice(start, end === -1 ? undefined : end);
  const out: string[] = [];
  for (const line of block) {
    const key = line.slice(0, line.indexOf(" = "));
    if (!(DOWNLOADED as readonly string[]).includes(key)) out.push(line);
    else if (key === DOWNLOADED[0]) {
      out.push(`# ${DOWNLOADED.join(", ")}:`, "#   written by `mochi-pkg add go`, which downloads the module zip and checks the checksum database");
    }
  }
  out.push("# capabilities-declared, dependencies:", "#   written by `mochi-pkg lock` from the module's imports and the build list");
  return `${out.join("\n")}\n`;
}
