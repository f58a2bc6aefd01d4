export * from "./errors.js";
export * from "./hashing.js";
