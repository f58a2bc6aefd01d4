// Names the Mochi checker gives a meaning of its own (GRAMMAR.md §3.1, §3.4).

/** Builtin functions: rebinding one (an import alias, an undotted extern) changes what a plain call means. */
export const BUILTIN_FUNCTIONS: ReadonlySet<string> = new Set([
  "abs", "append", "avg", "ceil", "collect", "concat", "contains", "count", "denom", "distinct", "eval", "exists",
  "first", "floor", "indexOf", "input", "int", "join", "json", "keys", "len", "lower", "max", "min", "now", "num",
  "padStart", "parseIntStr", "print", "push", "range", "reduce", "repeat", "reverse", "round", "sha256", "split",
  "str", "substr", "substring", "sum", "to_json", "trim", "upper", "values",
]);

/** Simple type names the checker resolves before anything declared. */
export const BUILTIN_TYPES: ReadonlySet<string> = new Set(["int", "int64", "float", "bigint", "bigrat", "string", "bool", "unit", "any"]);
