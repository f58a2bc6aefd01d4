// The hashing contract of the core (wit/hashing.wit, interface
// mochi:core/hashing) and its binding to the AssemblyScript kernels.
//
// Core code that needs a hash takes a `Hashing` and never chooses an
// implementation: the Node host passes kernels with node:crypto's SHA-256,
// the browser and the component pass the kernels alone.

import { MochiError } from "./errors.js";

export type Algorithm = "sha256" | "blake3";
export const ALGORITHMS: readonly Algorithm[] = ["sha256", "blake3"];

/** A streaming hash: `update` any number of times, then `finish` once. */
export interface Hasher {
  update(data: Uint8Array): this;
  finish(): Uint8Array;
}

export interface Hashing {
  hasher(algorithm: Algorithm): Hasher;
  digest(algorithm: Algorithm, data: Uint8Array): Uint8Array;
  /** RFC 6962 leaf hash: SHA-256(0x00 || data). */
  rfc6962LeafHash(data: Uint8Array): Uint8Array;
  /** RFC 6962 node hash: SHA-256(0x01 || left || right), 32-byte children only. */
  rfc6962NodeHash(left: Uint8Array, right: Uint8Array): Uint8Array;
}

/**
 * The `mochi:core/hashing` exports of the kernels component as jco binds them
 * (core/dist/kernels/interfaces/mochi-core-hashing.d.ts). Declared here
 * structurally so the core does not depend on generated code.
 */
export interface HashingKernel {
  Hasher: new (algorithm: Algorithm) => KernelHasher;
  digest(algorithm: Algorithm, data: Uint8Array): Uint8Array;
  rfc6962LeafHash(data: Uint8Array): Uint8Array;
  rfc6962NodeHash(left: Uint8Array, right: Uint8Array): Uint8Array;
}

interface KernelHasher {
  update(data: Uint8Array): void;
  finish(): Uint8Array;
}

/**
 * Largest slice handed to the kernel in one call. The kernel's linear memory
 * grows to the largest list it has been given, so a 100 MB zip goes through
 * in slices (views, not copies) and the module stays small.
 */
export const KERNEL_SLICE = 1 << 20;

export function requireBytes(value: unknown, where: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
  throw new MochiError("M074_HASH_E002", `expected a Uint8Array, got ${got}`, { where });
}

export function requireAlgorithm(value: unknown, where: string): Algorithm {
  if (value === "sha256" || value === "blake3") return value;
  throw new MochiError("M074_HASH_E004", `unknown hash algorithm ${JSON.stringify(value)}`, { where });
}

/** Maps the kernel's `hash-error` (thrown by jco as ComponentError.payload) to our codes. */
function kernelCall<T>(where: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    const payload = (e as { payload?: unknown }).payload;
    if (payload === "finished") {
      throw finishedError(where, e);
    }
    if (payload === "bad-child-length") {
      throw new MochiError("M074_HASH_E003", "child hashes must be 32 bytes each", { where, cause: e });
    }
    throw e;
  }
}

class KernelBackedHasher implements Hasher {
  readonly #kernel: KernelHasher;
  // The kernel resource is released on finish, so later calls are refused
  // here; the kernel refuses them too for callers that hold the raw resource.
  #finished = false;

  constructor(kernel: KernelHasher) {
    this.#kernel = kernel;
  }

  update(data: Uint8Array): this {
    const bytes = requireBytes(data, "Hasher.update(data)");
    this.#refuseIfFinished("Hasher.update");
    kernelCall("Hasher.update", () => {
      if (bytes.length === 0) this.#kernel.update(bytes);
      for (let at = 0; at < bytes.length; at += KERNEL_SLICE) {
        this.#kernel.update(bytes.subarray(at, at + KERNEL_SLICE));
      }
    });
    return this;
  }

  finish(): Uint8Array {
    this.#refuseIfFinished("Hasher.finish");
    const out = kernelCall("Hasher.finish", () => this.#kernel.finish());
    this.#finished = true;
    release(this.#kernel);
    return out;
  }

  #refuseIfFinished(where: string): void {
    if (this.#finished) throw finishedError(where);
  }
}

export function finishedError(where: string, cause?: unknown): MochiError {
  return new MochiError("M074_HASH_E001", "this hasher has already finished", { where, cause });
}

/** The symbol jco puts its resource destructor under (Symbol.dispose where the runtime has it). */
const DISPOSE: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for("dispose");

/** Gives the kernel's hasher slot back at once instead of at garbage collection. */
function release(resource: object): void {
  const dispose = (resource as Record<symbol, unknown>)[DISPOSE];
  if (typeof dispose === "function") dispose.call(resource);
}

/** The kernels behind the `Hashing` interface, with argument checks and error codes. */
export function kernelHashing(kernel: HashingKernel): Hashing {
  return {
    hasher(algorithm) {
      return new KernelBackedHasher(new kernel.Hasher(requireAlgorithm(algorithm, "hasher(algorithm)")));
    },
    digest(algorithm, data) {
      const alg = requireAlgorithm(algorithm, "digest(algorithm)");
      const bytes = requireBytes(data, "digest(data)");
      if (bytes.length <= KERNEL_SLICE) return kernel.digest(alg, bytes);
      return this.hasher(alg).update(bytes).finish();
    },
    rfc6962LeafHash(data) {
      return kernel.rfc6962LeafHash(requireBytes(data, "rfc6962LeafHash(data)"));
    },
    rfc6962NodeHash(left, right) {
      const l = requireBytes(left, "rfc6962NodeHash(left)");
      const r = requireBytes(right, "rfc6962NodeHash(right)");
      return kernelCall("rfc6962NodeHash", () => kernel.rfc6962NodeHash(l, r));
    },
  };
}
