export * from "./kernels.js";
export * from "./zip-inflate.js";
