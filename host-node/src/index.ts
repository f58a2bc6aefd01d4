export * from "./kernels.js";
