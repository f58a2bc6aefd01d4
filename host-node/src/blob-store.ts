// Content-addressed storage: every blob lives at blobs/blake3/<2 hex>/<64 hex>,
// named by the BLAKE3 of its bytes. A read re-hashes the bytes and treats a
// mismatch as absent (and removes the file), so a corrupt or tampered blob
// is refetched, never trusted. Writes are atomic; two processes writing the
// same blob write the same bytes to the same name, so either rename wins.

import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { hexEncode, type Hashing } from "@mochi-pkg/core";
import { writeFileAtomic } from "./atomic-file.js";

export class BlobStore {
  readonly #root: string;
  readonly #hashing: Hashing;

  constructor(root: string, hashing: Hashing) {
    this.#root = root;
    this.#hashing = hashing;
  }

  blake3(bytes: Uint8Array): string {
    return hexEncode(this.#hashing.digest("blake3", bytes));
  }

  pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a BLAKE3 hex digest: ${hash}`);
    return join(this.#root, "blake3", hash.slice(0, 2), hash);
  }

  /** Stores `bytes` and returns their BLAKE3 hex. */
  async put(bytes: Uint8Array): Promise<string> {
    const hash = this.blake3(bytes);
    // An intact copy is kept; a missing or damaged one is (re)written.
    if ((await this.get(hash)) === undefined) await writeFileAtomic(this.pathOf(hash), bytes);
    return hash;
  }

  /** The blob's bytes if present and intact; a damaged blob is deleted and reported absent. */
  async get(hash: string): Promise<Uint8Array | undefined> {
    const path = this.pathOf(hash);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    if (this.blake3(bytes) !== hash) {
      await rm(path, { force: true });
      return undefined;
    }
    return bytes;
  }
}
