// Dependency resolution (@mochi-pkg/core/resolve): Mochi packages against a
// Mochi package registry (mochi.ts); Go modules use MVS in core/src/go/mvs.ts.
export * from "./mochi.js";
