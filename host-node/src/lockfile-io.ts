// mochi.lock on disk. Writes go through writeFileAtomic (temp file, fsync,
// rename, directory fsync), so a crash or a kill at any moment leaves the
// old lock or the new one, never a torn file (test/lockfile/atomic-kill.test.ts
// kills a writer hundreds of times to check it). Reads decode strict UTF-8 and
// parse with the core reader, naming this mochi-pkg's version when the lock
// is too new.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { MochiError } from "@mochi-pkg/core";
import { parseLockBytes, writeLock, type Lockfile } from "@mochi-pkg/core/lockfile";
import { writeFileAtomic } from "./atomic-file.js";

/** This mochi-pkg's version (host-node/package.json), named in "lockfile too new" errors. */
export const MOCHI_PKG_VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;

/** Writes the canonical bytes of `lock` to `path` atomically. */
export async function writeLockfile(path: string, lock: Lockfile): Promise<void> {
  await writeFileAtomic(path, writeLock(lock));
}

/** Reads and validates the lockfile at `path`; an unreadable file is M057_LOCK_E004. */
export async function readLockfile(path: string): Promise<Lockfile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    throw new MochiError("M057_LOCK_E004", missing ? "there is no lockfile" : `cannot read the lockfile: ${(e as Error).message}`, {
      where: path,
      cause: e,
      ...(missing ? { hint: "run `mochi-pkg lock` to create it" } : {}),
    });
  }
  return parseLockBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { file: path, running: MOCHI_PKG_VERSION });
}
