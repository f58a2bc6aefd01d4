export * from "./errors.js";
export * from "./hashing.js";
export * from "./bytes.js";
