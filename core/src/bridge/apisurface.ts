// ApiSurface JSON, schema_version 1: what the Go ingest helper
// (host-node/go-ingest) reports about a module's packages, and what the
// bridge maps, wraps and emits. The keys are the reference's
// (specs/mochi-reference.md §6.2), extended with what it lacked: deprecated
// items, promoted methods, internal packages, cgo-requiring files, build
// constraints and build-excluded files, method sets, the build context and
// per-package load errors. docs/apisurface.md is the prose version;
// core/src/bridge/surface.ts reads and validates documents.
//
// Type strings are go/types' TypeString: the ingested package's own names
// bare (`Greeter`, `*Greeter`), every other package qualified by its full
// import path (`io.Reader`, `github.com/spf13/pflag.FlagSet`); func types
// print parameter names, struct types print tags as quoted strings.
// core/src/bridge/typeexpr.ts parses them.

export const API_SURFACE_SCHEMA_VERSION = 1;

export interface ApiSurface {
  readonly schema_version: 1;
  readonly module: string;
  readonly version?: string;
  /** The ingesting toolchain (runtime.Version()); left out of the hashed projection. */
  readonly go_version?: string;
  /** The ingest tool; left out of the hashed projection. */
  readonly generated_by?: string;
  /** The build context the packages were loaded for (another one can select other files). */
  readonly build?: ApiBuildContext;
  /** Sorted by import_path. */
  readonly packages: readonly ApiPackage[];
}

export interface ApiBuildContext {
  readonly goos: string;
  readonly goarch: string;
  /** The -tags list, sorted. */
  readonly tags?: readonly string[];
  /** CGO_ENABLED was 1: files with `import "C"` were loaded, not excluded. */
  readonly cgo?: boolean;
}

export interface ApiPackage {
  readonly import_path: string;
  /** The package clause. */
  readonly name: string;
  readonly doc?: string;
  readonly is_main?: boolean;
  /** The import path has an `internal` element: importable only from inside its parent tree. */
  readonly internal?: boolean;
  /** The package doc's `Deprecated:` paragraph. */
  readonly deprecated?: string;
  /** Packages the exported surface refers to, sorted. */
  readonly imports?: readonly string[];
  /** Every Go file of the package directory, loaded or excluded by the build context (`ignored`), sorted by name. */
  readonly files?: readonly ApiFile[];
  readonly funcs?: readonly ApiFunc[];
  readonly types?: readonly ApiType[];
  readonly consts?: readonly ApiValue[];
  readonly vars?: readonly ApiValue[];
  /** What the ingest itself left out (unexported names, objects it could not classify, build-excluded items), sorted by name then kind. */
  readonly skipped?: readonly ApiSkipNote[];
  /**
   * The package's list, parse and type errors (`file:line:col: message`,
   * files relative to the module root), sorted. A package with errors is
   * still described with whatever type-checked; its broken types print as
   * `invalid type`.
   */
  readonly errors?: readonly string[];
}

export interface ApiFile {
  readonly name: string;
  /** The `//go:build` expression, verbatim, if the file has one (legacy `// +build` lines only: their equivalent expression). */
  readonly build_constraint?: string;
  /** The file has `import "C"`. */
  readonly requires_cgo?: boolean;
  /** The build context excluded the file (constraint, file name or cgo); its items are in `skipped` as BuildTagExcluded. */
  readonly ignored?: boolean;
}

export interface ApiParam {
  readonly name?: string;
  readonly type: string;
}

export interface ApiTypeParam {
  readonly name: string;
  /** The constraint's type string, e.g. `any`, `comparable`, `~int | ~string`, `golang.org/x/exp/constraints.Ordered`. */
  readonly constraint?: string;
}

export interface ApiFunc {
  readonly name: string;
  readonly doc?: string;
  /** `file:line:col`, the file relative to the package directory (absent for a method promoted from another package). */
  readonly position?: string;
  /** A generic func's type parameters; for a method of a generic type, the receiver's (as the method names them). */
  readonly type_params?: readonly ApiTypeParam[];
  /** For methods: the receiver's type name without `*`. */
  readonly receiver?: string;
  /** The method is in the method set of *T only (a pointer receiver, or promoted through one): calling it needs a *T. */
  readonly receiver_pointer?: boolean;
  readonly params?: readonly ApiParam[];
  readonly results?: readonly ApiParam[];
  /** The last parameter is `...T` (its type string is `[]T`, as go/types prints a variadic signature's last parameter). */
  readonly variadic?: boolean;
  /** The text after `Deprecated:` in the doc comment. */
  readonly deprecated?: string;
  /**
   * For a promoted method: the embedded fields it is reached through, as a
   * selector path of field names, outermost first (`Buffer`, `Inner.Buffer`),
   * so `t.<promoted_from>.<Name>` is the method's declaration.
   */
  readonly promoted_from?: string;
  /** For a promoted method: the type string of each field of promoted_from (`*bytes.Buffer`). */
  readonly promoted_via?: readonly string[];
}

export type ApiTypeKind =
  | "struct"
  | "interface"
  | "alias"
  | "basic"
  | "slice"
  | "map"
  | "chan"
  | "func"
  | "array"
  | "pointer"
  | "named";

export interface ApiField {
  readonly name: string;
  readonly type: string;
  readonly tag?: string;
  readonly doc?: string;
  readonly exported: boolean;
  readonly embedded?: boolean;
  readonly deprecated?: string;
}

export interface ApiType {
  readonly name: string;
  readonly kind: ApiTypeKind;
  readonly doc?: string;
  readonly position?: string;
  readonly type_params?: readonly ApiTypeParam[];
  /** The underlying type's string. */
  readonly underlying?: string;
  /** kind = alias: the aliased type's string. */
  readonly alias_of?: string;
  /** kind = struct: every field, unexported ones with exported: false. */
  readonly fields?: readonly ApiField[];
  /** Exported methods, declared and promoted (promoted ones carry promoted_from), sorted by name. */
  readonly methods?: readonly ApiFunc[];
  /** Exported names of the method set of T, sorted (for an interface: all its methods, embedded ones included). */
  readonly value_method_set?: readonly string[];
  /** Exported names of the method set of *T, sorted (absent for interfaces). */
  readonly pointer_method_set?: readonly string[];
  /** kind = interface: its explicit methods, unexported ones included (they make it impossible to implement outside), sorted. */
  readonly interface_methods?: readonly ApiFunc[];
  /** kind = interface: embedded interfaces and type-set terms, as type strings. */
  readonly embedded_types?: readonly string[];
  readonly deprecated?: string;
}

export interface ApiValue {
  readonly name: string;
  readonly type?: string;
  readonly doc?: string;
  readonly position?: string;
  /** Constants: constant.Value.ExactString(). */
  readonly const?: string;
  readonly deprecated?: string;
}

export interface ApiSkipNote {
  readonly kind: "func" | "type" | "const" | "var" | "unknown";
  readonly name: string;
  readonly position?: string;
  /** "Unexported", "UnknownObject", or "BuildTagExcluded" (declared only in files the build context excluded; methods named `Type.Method`). */
  readonly reason: string;
}
