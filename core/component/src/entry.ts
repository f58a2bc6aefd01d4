// The module componentize-js turns into the core component (world core-js
// in wit/core.wit). The core's Hashing is the imported mochi:core/hashing
// of the kernels, bound as the browser binds it; everything else is the
// TypeScript core, adapted to the WIT shapes by interfaces.ts.
import "./unicode-setup.js";
import * as imported from "mochi:core/hashing@0.1.0";
import { kernelHashing, type Algorithm, type HashingKernel } from "../../src/hashing.js";
import { makeInterfaces, u8 } from "./interfaces.js";

/** core/package.json's version, put in by the build (core/component/build.mjs). */
declare const MOCHI_CORE_VERSION: string;

/**
 * The imported interface adapted to what componentize-js does at the
 * boundary: it returns an imported function's list<u8> as a plain array
 * (the core requires Uint8Arrays), and it passes a Uint8Array view as its
 * whole underlying buffer, ignoring byteOffset and length, so a subarray
 * (the core hashes slices and views) goes over as a copy of its own.
 */
const whole = (data: Uint8Array): Uint8Array => (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice());

const DISPOSE: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for("dispose");

const kernel: HashingKernel = {
  Hasher: class {
    readonly #hasher: imported.Hasher;

    constructor(algorithm: Algorithm) {
      const hasher = new imported.Hasher(algorithm);
      this.#hasher = hasher;
      // kernelHashing releases a finished hasher through its dispose symbol: pass that on to the import.
      Object.defineProperty(this, DISPOSE, { value: () => (hasher as unknown as Record<symbol, (() => void) | undefined>)[DISPOSE]?.call(hasher) });
    }

    update(data: Uint8Array): void {
      this.#hasher.update(whole(data));
    }

    finish(): Uint8Array {
      return u8(this.#hasher.finish());
    }
  },
  digest: (algorithm, data) => u8(imported.digest(algorithm, whole(data))),
  rfc6962LeafHash: (data) => u8(imported.rfc6962LeafHash(whole(data))),
  rfc6962NodeHash: (left, right) => u8(imported.rfc6962NodeHash(whole(left), whole(right))),
};

const core = makeInterfaces(kernelHashing(kernel), MOCHI_CORE_VERSION);

export const types = core.types;
export const goModule = core.goModule;
export const checksumDb = core.checksumDb;
export const lockfile = core.lockfile;
export const bridge = core.bridge;
export const manifest = core.manifest;
export const mochiSource = core.mochiSource;
export const goRequirements = core.goRequirements;
export const registry = core.registry;
