// The Mochi front end: lexer, parser with error recovery, validation, the
// import scan the package manager uses, a light declaration check, the
// diagnostic table and renderer, and a pretty-printer.
export * from "./ast.js";
export * from "./builtins.js";
export * from "./check.js";
export * from "./codes.js";
export * from "./diagnostics.js";
export * from "./go-import.js";
export * from "./imports.js";
export * from "./lexer.js";
export * from "./parser.js";
export * from "./printer.js";
export * from "./validate.js";
export * from "./version-spec.js";
