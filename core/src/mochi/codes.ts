// The one table of Mochi compiler diagnostics this front end emits. These
// are NOT MochiError codes (core/src/errors.ts): they describe a position in
// a .mochi file and are rendered like compiler output, never thrown.
//
// Codes that exist in the Mochi compiler keep its number and meaning:
//   P001 P040-P046 P060 P063-P065  parser and lexer, commit 68ab7e4e (GRAMMAR.md §1, §2, §4)
//   P067 P068                       newer parser (parser/go_import.go); messages verbatim from the reference
//   T002 T025                       type checker (GRAMMAR.md §3)
// Codes local to mochi-pkg are numbered after the reference's highest
// reserved code: P066 and P069-P071 belong to the rust, erlang and java
// import validators of newer Mochi revisions, so Go import checks start at
// P072. Checker codes start at T100, well above the checker's own range.
//
// `message` and `help` are templates: %q is replaced by a Go-quoted
// argument (strconv.Quote, as the reference's fmt %q), %s by the argument
// as is, in order.

export type Severity = "error" | "warning";

export interface DiagnosticSpec {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly help: string;
}

const HELP_SYNTAX =
  "statements end only where the grammar cannot extend them (newlines mean nothing); check the token before this one";

export const DIAGNOSTIC_TABLE = [
  // --- lexer and parser (Mochi) ---
  {
    code: "P001",
    severity: "error",
    message: "unexpected %s, expected %s",
    help: HELP_SYNTAX,
  },
  {
    code: "P040",
    severity: "error",
    message: "unterminated string literal",
    help: "close the string with a double quote; only \"...\" strings exist (no '...', `...` or triple quotes)",
  },
  {
    code: "P041",
    severity: "error",
    message: "invalid escape sequence %s in string literal",
    help: "use one of \\a \\b \\f \\n \\r \\t \\v \\\\ \\\" \\xHH \\ooo (up to \\377) \\uHHHH \\UHHHHHHHH; \\', \\0, \\e, \\/, \\$ and \\u{..} do not exist",
  },
  {
    code: "P042",
    severity: "error",
    message: "unterminated block comment",
    help: "close the comment with */ (block comments do not nest)",
  },
  {
    code: "P043",
    severity: "error",
    message: "number %q runs into an identifier character",
    help: "separate the number from what follows; digit separators (1_000) and bare exponents (1e) do not exist",
  },
  {
    code: "P045",
    severity: "error",
    message: "integer literal %s overflows int64",
    help: "integer literals must lie in 0..9223372036854775807 (a minus sign is a separate operator)",
  },
  {
    code: "P046",
    severity: "error",
    message: "base prefix %q has no digits",
    help: "write digits after the prefix: 0x1F, 0b101, 0o17",
  },
  {
    code: "P060",
    severity: "error",
    message: "empty subscript []",
    help: "give an index (xs[i]) or a slice bound (xs[a:b], xs[a:], xs[:b])",
  },
  {
    code: "P063",
    severity: "error",
    message: "invalid match pattern: %s",
    help: "a pattern is a literal, _, an identifier, Variant(p, ..) or ( pattern ); negative numbers are not patterns",
  },
  {
    code: "P064",
    severity: "error",
    message: "unknown import language %q",
    help: "import languages are case-sensitive; use one of: %s",
  },
  {
    code: "P065",
    severity: "error",
    message: "expression statement has no effect: it contains no call, fetch, load, save or generate",
    help: "bind the value with let, or remove it; a statement that is an expression must call something",
  },
  {
    code: "P067",
    severity: "error",
    message: "go import path %q with `@` pin is not in `<module>@<semver>` form",
    help:
      "pin a Go module as <module>@<version>, e.g. `import go \"github.com/spf13/cobra@v1.8.0\" as cobra`; " +
      "the first element of a module path is a domain name and must contain a dot (github.com, golang.org, gopkg.in)",
  },
  {
    code: "P068",
    severity: "error",
    message: "go import %q with `@` pin requires `as <alias>`",
    help: "name the binding: `import go \"github.com/spf13/cobra@v1.8.0\" as cobra`",
  },
  // --- Go imports (mochi-pkg) ---
  {
    code: "P072",
    severity: "error",
    message: "go import %q: invalid module path: %s",
    help: "a module path is a lower-case domain name followed by path elements, e.g. github.com/owner/repo or gopkg.in/yaml.v3",
  },
  {
    code: "P073",
    severity: "error",
    message: "go import %q: invalid import path: %s",
    help: "use the package's import path as the go command would (fmt, net/http, github.com/owner/repo/pkg)",
  },
  {
    code: "P074",
    severity: "error",
    message: "go import %q: invalid version %q: %s",
    help: "write a semantic version with a leading v, e.g. v1.8.0, or a pseudo-version v0.0.0-20240102150405-abcdef123456",
  },
  {
    code: "P075",
    severity: "error",
    message: "go import %q: invalid version query %q: %s",
    help: "a query is latest, a prefix (v1, v1.2), or one comparison (>=v1.2.0, <v2)",
  },
  {
    code: "P076",
    severity: "error",
    message: "go import %q: invalid version range %q: %s",
    help: "a range is ^vX[.Y[.Z]], ~vX[.Y[.Z]], or comparisons joined by commas (>=v1.2.0,<v2.0.0)",
  },
  {
    code: "P077",
    severity: "error",
    message: "go import %q: invalid source reference %q: %s",
    help: "write git+<url>[#<rev>] or path+<relative directory>",
  },
  {
    code: "P078",
    severity: "error",
    message: "go import %q: %s",
    help: "a module path ending in /vN (or gopkg.in's .vN) takes vN versions; v0 and v1 use the bare path, v2+ without /vN needs +incompatible",
  },
  {
    code: "P079",
    severity: "error",
    message: "go import %q has no version and [go-dependencies] does not list its module",
    help: "pin it in the import (`import go \"%s@v1.2.3\" as alias`) or add it to [go-dependencies] with `mochi-pkg add go %s`",
  },
  {
    code: "P080",
    severity: "error",
    message: "duplicate import of %q as %s",
    help: "remove this import; the module is already bound to %s",
  },
  {
    code: "P081",
    severity: "error",
    message: "import alias %s is already bound to another import",
    help: "pick a different alias with `as <alias>`; a later import silently replaces the earlier binding",
  },
  {
    code: "P082",
    severity: "error",
    message: "go module %q is imported at %q here but at %q elsewhere in this file",
    help: "a build uses one version of each module; pin every import of it to the same version",
  },
  {
    code: "P083",
    severity: "warning",
    message: "import alias %s shadows the builtin function %s",
    help: "after this import %s(...) no longer calls the builtin (T004); pick another alias with `as <alias>`",
  },
  {
    code: "P084",
    severity: "warning",
    message: "import %q without `as` binds %q, which is not a Mochi identifier",
    help: "the default alias is the last path element minus its extension; name the binding with `as <alias>`",
  },
  {
    code: "P085",
    severity: "warning",
    message: "import %q without `as` binds %s, the major-version suffix",
    help: "name the binding with `as <alias>`, e.g. `as %s`",
  },
  {
    code: "P086",
    severity: "error",
    message: "program is nested more than %s levels deep",
    help: "split deeply nested expressions, types or blocks with let bindings or helper functions",
  },
  // --- type checker (Mochi) ---
  {
    code: "T002",
    severity: "error",
    message: "the root %s of %s is not bound",
    help: "bind the root before this line: an import alias, `extern var %s: any`, a variable or a type name; `extern object` binds nothing",
  },
  {
    code: "T025",
    severity: "error",
    message: "unknown type %s",
    help: "%s (a type name is a builtin, a type parameter, a declared type or variant, an earlier binding, or a single upper-case letter)",
  },
  // --- type checker (mochi-pkg) ---
  {
    code: "T100",
    severity: "warning",
    message: "generic type %s<...> is not list or map: the checker treats it as any",
    help: "only list<T> and map<K, V> are generic; use a declared type, T?, a sum type or any",
  },
  {
    code: "T101",
    severity: "warning",
    message: "%s takes %s, got %s: the checker treats it as any",
    help: "write list<T> with one type argument and map<K, V> with two",
  },
  {
    code: "T102",
    severity: "warning",
    message: "extern %s is unreachable: its prefix %s is not bound",
    help: "the checker only extends a dotted name through bound prefixes; declare `extern var %s: any` before it",
  },
  {
    code: "T103",
    severity: "warning",
    message: "extern %s has the name of a builtin function",
    help: "builtin arity rules still apply to plain calls (T039); give the extern a dotted name under an alias",
  },
  {
    code: "T104",
    severity: "error",
    message: "%s is declared more than once",
    help: "the checker keeps the last declaration silently; remove or rename one of them",
  },
  {
    code: "T105",
    severity: "error",
    message: "duplicate member %s in %s",
    help: "give each field, method or variant a distinct name",
  },
  {
    code: "T106",
    severity: "error",
    message: "duplicate parameter %s in %s",
    help: "give each parameter a distinct name",
  },
  {
    code: "T107",
    severity: "warning",
    message: "extern fun %s has no return type, so its calls are typed any (not unit)",
    help: "write `: unit` for a procedure, or the result type",
  },
  {
    code: "T108",
    severity: "warning",
    message: "parameter %s of extern fun %s has no type, so it is any",
    help: "write each parameter as `name: Type`",
  },
] as const satisfies readonly DiagnosticSpec[];

export type DiagnosticCode = (typeof DIAGNOSTIC_TABLE)[number]["code"];

const BY_CODE: ReadonlyMap<string, DiagnosticSpec> = new Map(DIAGNOSTIC_TABLE.map((d) => [d.code, d]));

export function diagnosticSpec(code: DiagnosticCode): DiagnosticSpec {
  return BY_CODE.get(code)!;
}
