// The Go bridge (@mochi-pkg/core/bridge): ApiSurface in; the type table, the
// per-module plan, Mochi externs and skip reports out.
export * from "./apisurface.js";
export * from "./typeexpr.js";
export * from "./surface.js";
export * from "./symbols.js";
export * from "./names.js";
export * from "./skip.js";
export * from "./typemap.js";
export * from "./plan.js";
export * from "./externs.js";
export * from "./wrapper.js";
export * from "./wrapper-abi.js";
export * from "./wrapper-runtime.js";
export * from "./cheader.js";
export * from "./mono.js";
