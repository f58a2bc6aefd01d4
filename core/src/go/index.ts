// The Go module ecosystem, as pure functions over bytes and strings
// (@mochi-pkg/core/go). Each module follows golang.org/x/mod or cmd/go.
export * from "./semver.js";
export * from "./pseudo.js";
export * from "./modpath.js";
export * from "./query.js";
export * from "./zip-format.js";
export * from "./zip.js";
export * from "./dirhash.js";
export * from "./gomod.js";
export * from "./goenv.js";
export * from "./goproxy.js";
export * from "./vanity.js";
export * from "./note.js";
export * from "./tlog.js";
export * from "./sumdb.js";
export * from "./mvs.js";
