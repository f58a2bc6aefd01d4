// A GOPROXY directory made from mochi-pkg's verified cache, for the go
// command: `GOPROXY=file://<dir> GOSUMDB=off GOFLAGS=-mod=readonly` with the
// go.sum lines below builds from exactly the bytes mochi-pkg verified. Files
// are hard links to the cache's blobs (a copy where linking fails), laid out
// as the proxy URL space: <escaped path>/@v/{list,<v>.info,<v>.mod,<v>.zip}.
// The go command checks every .mod and .zip it reads against go.sum, so a
// file changed after it was written here fails the build.

import { link, copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compare, escapePath, escapeVersion, formatGoSum, type GoSumLine, type ModuleVersion } from "@mochi-pkg/core/go";
import type { GoModules } from "./go-modules.js";

export interface GoProxyDir {
  /** The GOPROXY value: a file:// URL. */
  readonly goproxy: string;
  /** go.sum text for every module written, sorted as the go command writes it. */
  readonly goSum: string;
}

async function place(blob: string, target: string): Promise<void> {
  await rm(target, { force: true });
  try {
    await link(blob, target);
  } catch {
    await copyFile(blob, target);
  }
}

/**
 * Writes `dir` (replacing its contents) for the given modules: `withZip`
 * get .info, .mod and .zip (packages are built from them); `modOnly` get
 * their .mod (the module graph reads them). Everything comes from the
 * cache, fetched and verified first if missing.
 */
export async function writeGoProxyDir(
  go: GoModules,
  dir: string,
  withZip: readonly ModuleVersion[],
  modOnly: readonly ModuleVersion[],
): Promise<GoProxyDir> {
  await rm(dir, { recursive: true, force: true });
  const lines: GoSumLine[] = [];
  const versions = new Map<string, Set<string>>();
  const vdir = async (m: ModuleVersion): Promise<string> => {
    const d = join(dir, ...escapePath(m.path).split("/"), "@v");
    await mkdir(d, { recursive: true });
    versions.set(m.path, (versions.get(m.path) ?? new Set()).add(m.version));
    return d;
  };
  const zipped = new Set(withZip.map((m) => `${m.path}@${m.version}`));
  for (const m of withZip) {
    const d = await go.download(m.path, m.version);
    const at = await vdir(m);
    const base = join(at, escapeVersion(m.version));
    await place(go.cache.blobs.pathOf(d.entry.info.blake3), `${base}.info`);
    await place(go.cache.blobs.pathOf(d.entry.mod.blake3), `${base}.mod`);
    await place(go.cache.blobs.pathOf(d.entry.zip.blake3), `${base}.zip`);
    lines.push({ path: m.path, version: m.version, goMod: false, hash: d.sum }, { path: m.path, version: m.version, goMod: true, hash: d.goModSum });
  }
  for (const m of modOnly) {
    if (zipped.has(`${m.path}@${m.version}`)) continue;
    const { bytes, h1 } = await go.goModWithSum(m.path, m.version);
    await writeFile(join(await vdir(m), `${escapeVersion(m.version)}.mod`), bytes);
    lines.push({ path: m.path, version: m.version, goMod: true, hash: h1 });
  }
  for (const [path, vs] of versions) {
    await writeFile(join(dir, ...escapePath(path).split("/"), "@v", "list"), [...vs].sort(compare).map((v) => `${v}\n`).join(""));
  }
  return { goproxy: pathToFileURL(dir).href, goSum: formatGoSum(lines) };
}
