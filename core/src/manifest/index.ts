// mochi.toml (@mochi-pkg/core/manifest): the typed manifest, its parser and
// validator, the canonical form and manifest_hash, workspace inheritance, and
// the in-place editor behind `mochi-pkg add go`. docs/manifest.md is the spec.
export * from "./schema.js";
export * from "./parse.js";
export * from "./canonical.js";
export * from "./workspace.js";
export * from "./edit.js";
export * from "./semver.js";
export * from "./go-requirement.js";
export * from "./spdx.js";
export * from "./toml-text.js";
export { TomlIndex, type TomlEntry, type TomlHeader, type Position } from "./toml-index.js";
