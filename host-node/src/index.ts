export * from "./kernels.js";
export * from "./zip-inflate.js";
export * from "./lockfile-io.js";
