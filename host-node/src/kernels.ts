// Loads the hashing kernels component (built by core/kernels/build.mjs and
// bound by jco transpile) and offers the `Hashing` the Node host uses.

import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { MochiError, finishedError, kernelHashing, requireAlgorithm, requireBytes } from "@mochi-pkg/core";
import type { Hashing, HashingKernel, Hasher } from "@mochi-pkg/core";
import { instantiate } from "@mochi-pkg/core/kernels";

const require = createRequire(import.meta.url);

/** The folder holding hashing.js, hashing.core*.wasm and hashing.component.wasm. */
export function kernelsDir(): string {
  return dirname(require.resolve("@mochi-pkg/core/kernels"));
}

let loaded: Promise<HashingKernel> | undefined;

/** Instantiates the kernels component once per process. */
export function loadHashingKernel(): Promise<HashingKernel> {
  loaded ??= (async () => {
    const dir = kernelsDir();
    const root = await instantiate(async (name) => WebAssembly.compile(await readFile(join(dir, name))), {});
    return root.hashing;
  })();
  return loaded;
}

/** The kernels alone: what the browser and the component compute. */
export async function kernelsHashing(): Promise<Hashing> {
  return kernelHashing(await loadHashingKernel());
}

class NodeSha256 implements Hasher {
  readonly #hash = createHash("sha256");
  #finished = false;

  update(data: Uint8Array): this {
    const bytes = requireBytes(data, "Hasher.update(data)");
    this.#refuseIfFinished("Hasher.update");
    this.#hash.update(bytes);
    return this;
  }

  finish(): Uint8Array {
    this.#refuseIfFinished("Hasher.finish");
    this.#finished = true;
    return new Uint8Array(this.#hash.digest());
  }

  #refuseIfFinished(where: string): void {
    if (this.#finished) throw finishedError(where);
  }
}

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/**
 * The Node host's hashing: SHA-256 from node:crypto (OpenSSL with SHA
 * extensions, several times the kernel's speed; bench/kernels.mjs measures
 * it), also for the RFC 6962 hashes (a tlog tile check makes hundreds of
 * 65-byte hashes, where a call into the component costs more than the hash);
 * BLAKE3 from the kernels. Tests check that both paths give the same bytes.
 */
export async function nodeHashing(): Promise<Hashing> {
  const kernels = await kernelsHashing();
  return {
    ...kernels,
    hasher(algorithm) {
      return requireAlgorithm(algorithm, "hasher(algorithm)") === "sha256" ? new NodeSha256() : kernels.hasher(algorithm);
    },
    digest(algorithm, data) {
      if (requireAlgorithm(algorithm, "digest(algorithm)") !== "sha256") return kernels.digest(algorithm, data);
      return new NodeSha256().update(data).finish();
    },
    rfc6962LeafHash(data) {
      const bytes = requireBytes(data, "rfc6962LeafHash(data)");
      return new Uint8Array(createHash("sha256").update(LEAF_PREFIX).update(bytes).digest());
    },
    rfc6962NodeHash(left, right) {
      const l = requireBytes(left, "rfc6962NodeHash(left)");
      const r = requireBytes(right, "rfc6962NodeHash(right)");
      if (l.length !== 32 || r.length !== 32) {
        throw new MochiError("M074_HASH_E003", "child hashes must be 32 bytes each", { where: "rfc6962NodeHash" });
      }
      return new Uint8Array(createHash("sha256").update(NODE_PREFIX).update(l).update(r).digest());
    },
  };
}
