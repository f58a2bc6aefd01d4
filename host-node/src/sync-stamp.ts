// What makes a repeated `mochi-pkg sync` a no-op: a stamp of its inputs
// (mochi-pkg's version, the manifest, every source's Go imports, the lock,
// the environment that steers resolution) and of the files it generated.
// When the inputs digest is the one recorded and every generated file still
// has its recorded hash, there is nothing to do, and the pipeline (with its
// module loading, resolution and I/O) is not even loaded.

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-file.js";
import { MOCHI_PKG_VERSION } from "./lockfile-io.js";
import { GENERATED_DIR, LOCKFILE, type Project } from "./project.js";

/** The environment variables a sync's result depends on. */
const ENV_INPUTS = ["GOPROXY", "GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOINSECURE", "GOFLAGS", "MOCHI_REGISTRY", "MOCHI_PKG_CACHE"] as const;

export interface SyncSummary {
  readonly imports: readonly {
    readonly module: string;
    readonly version: string;
    readonly alias: string;
    readonly dir: string;
    readonly bridged: number;
    readonly total: number;
    readonly skipped: Readonly<Record<string, number>>;
  }[];
  readonly modules: readonly { readonly module: string; readonly version: string; readonly verified: boolean; readonly zipH1?: string }[];
  /** The C archive and header, relative to the project root. */
  readonly archive?: { readonly archive: string; readonly header: string };
}

interface Stamp {
  readonly inputs: string;
  /** Generated file (relative to the project root) -> SHA-256 hex. */
  readonly outputs: Readonly<Record<string, string>>;
  readonly summary: SyncSummary;
}

const stampPath = (root: string): string => join(root, GENERATED_DIR, "go", "stamp.json");
const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

export async function syncInputs(project: Project, env: Readonly<Record<string, string | undefined>>, target = ""): Promise<string> {
  const h = createHash("sha256");
  const field = (s: string) => h.update(`${s.length}:${s}`);
  field(MOCHI_PKG_VERSION);
  field(project.manifestText);
  for (const i of project.goImports) field(`${i.file}\n${i.module}\n${i.version ?? ""}\n${i.alias}`);
  field(await readFile(join(project.root, LOCKFILE), "utf8").catch(() => ""));
  for (const k of ENV_INPUTS) field(`${k}=${env[k] ?? ""}`);
  field(`target=${target}`);
  return h.digest("hex");
}

/** The recorded summary when nothing changed since the last sync; undefined otherwise. */
export async function upToDate(project: Project, inputs: string): Promise<SyncSummary | undefined> {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(await readFile(stampPath(project.root), "utf8")) as Stamp;
  } catch {
    return undefined;
  }
  if (stamp.inputs !== inputs) return undefined;
  for (const [file, hash] of Object.entries(stamp.outputs)) {
    const data = await readFile(join(project.root, file)).catch(() => undefined);
    if (data === undefined || sha256(data) !== hash) return undefined;
  }
  return stamp.summary;
}

export async function writeStamp(project: Project, inputs: string, outputs: readonly string[], summary: SyncSummary): Promise<void> {
  const hashes: Record<string, string> = {};
  for (const file of [...outputs].sort()) hashes[file] = sha256(await readFile(join(project.root, file)));
  const stamp: Stamp = { inputs, outputs: hashes, summary };
  await writeFileAtomic(stampPath(project.root), `${JSON.stringify(stamp, null, 2)}\n`);
}
