// The modules the build provides: the kernels' interface as componentize-js
// hands it to the guest (the shape jco gives a host, core/src/hashing.ts
// HashingKernel), and the build-time Unicode data.
declare module "mochi:core/hashing@0.1.0" {
  import type { Algorithm } from "../../src/hashing.js";

  export class Hasher {
    constructor(algorithm: Algorithm);
    update(data: Uint8Array): void;
    finish(): Uint8Array;
  }
  export function digest(algorithm: Algorithm, data: Uint8Array): Uint8Array;
  export function rfc6962LeafHash(data: Uint8Array): Uint8Array;
  export function rfc6962NodeHash(left: Uint8Array, right: Uint8Array): Uint8Array;
}

// The Unicode tables of normalize.ts, made at build time (core/component/unicode.mjs).
declare module "virtual:mochi-unicode-data" {
  import type { NormalizationData } from "./normalize.js";

  const data: NormalizationData;
  export default data;
}
