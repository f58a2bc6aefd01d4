// What makes a repeated `mochi-pkg sync` a no-op: a stamp of its inputs
// (mochi-pkg's version, the manifest, every source's Go imports, the lock,
// the environment that steers resolution) and of the files it generated.
// When the inputs digest is the one recorded and every generated file still
// is as recorded (same size and mtime, else same SHA-256), there is nothing to do, and the pipeline (with its
// module loading, resolution and I/O) is not even loaded.

import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
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

/** A generated file as the stamp saw it: size and mtime to notice a change cheaply, SHA-256 to be sure. */
interface OutputState {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

interface Stamp {
  readonly inputs: string;
  /** Generated file, relative to the project root. */
  readonly outputs: Readonly<Record<string, OutputState>>;
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
  for (const [file, was] of Object.entries(stamp.outputs)) {
    const path = join(project.root, file);
    const now = await stat(path).catch(() => undefined);
    if (now === undefined || now.size !== was.size) return undefined;
    // An unchanged size and mtime is trusted (the archive can be hundreds of
    // MB); a touched file is compared by content.
    if (now.mtimeMs !== was.mtimeMs && sha256(await readFile(path)) !== was.sha256) return undefined;
  }
  return stamp.summary;
}

export async function writeStamp(project: Project, inputs: string, outputs: readonly string[], summary: SyncSummary): Promise<void> {
  const states: Record<string, OutputState> = {};
  for (const file of [...outputs].sort()) {
    const path = join(project.root, file);
    const [data, st] = await Promise.all([readFile(path), stat(path)]);
    states[file] = { size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(data) };
  }
  const stamp: Stamp = { inputs, outputs: states, summary };
  await writeFileAtomic(stampPath(project.root), `${JSON.stringify(stamp, null, 2)}\n`);
}
