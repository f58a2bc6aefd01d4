// mochi.lock (@mochi-pkg/core/lockfile): the typed v1 lockfile, its canonical
// writer, the version-dispatching reader, --check and the capability audit,
// and the [[go-package]] hash definitions. docs/lockfile.md is the spec.
export * from "./schema.js";
export * from "./validate.js";
export * from "./write.js";
export * from "./read.js";
export * from "./check.js";
export * from "./hashes.js";
