// ApiSurface JSON, schema_version 1: what the Go ingest helper
// (host-node/go-ingest) reports about a module's packages, and what the
// bridge maps, wraps and emits. The keys are the reference's
// (specs/mochi-reference.md §6.2), extended with what it lacked: deprecated
// items, promoted methods, internal packages, cgo-requiring files, build
// constraints and method sets. docs/apisurface.md is the prose version.
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
  /** Sorted by import_path. */
  readonly packages: readonly ApiPackage[];
}

export interface ApiPackage {
  readonly import_path: string;
  /** The package clause. */
  readonly name: string;
  readonly doc?: string;
  readonly is_main?: boolean;
  /** The import path has an `internal` element: importable only from inside its parent tree. */
  readonly internal?: boolean;
  /** Packages the exported surface refers to, sorted. */
  readonly imports?: readonly string[];
  /** Every Go file of the package (CompiledGoFiles for the ingest's build context), sorted by name. */
  readonly files?: readonly ApiFile[];
  readonly funcs?: readonly ApiFunc[];
  readonly types?: readonly ApiType[];
  readonly consts?: readonly ApiValue[];
  readonly vars?: readonly ApiValue[];
  /** What the ingest itself left out (unexported names, objects it could not classify). */
  readonly skipped?: readonly ApiSkipNote[];
}

export interface ApiFile {
  readonly name: string;
  /** The `//go:build` expression, verbatim, if the file has one. */
  readonly build_constraint?: string;
  /** The file has `import "C"`. */
  readonly requires_cgo?: boolean;
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
  /** `file:line:col`, the file relative to the package directory. */
  readonly position?: string;
  readonly type_params?: readonly ApiTypeParam[];
  /** For methods: the receiver's type name without `*`. */
  readonly receiver?: string;
  readonly receiver_pointer?: boolean;
  readonly params?: readonly ApiParam[];
  readonly results?: readonly ApiParam[];
  /** The last parameter is `...T` (its type string is `[]T`, as go/types prints a variadic signature's last parameter). */
  readonly variadic?: boolean;
  /** The text after `Deprecated:` in the doc comment. */
  readonly deprecated?: string;
  /** For a promoted method: the embedded field's type string it comes through (outermost first for deeper promotion: `A.B`). */
  readonly promoted_from?: string;
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
  /** Names of the methods in the method set of T (value receivers and promoted through values), sorted. */
  readonly value_method_set?: readonly string[];
  /** Names of the methods in the method set of *T, sorted. */
  readonly pointer_method_set?: readonly string[];
  /** kind = interface: its explicit methods. */
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
  /** "Unexported" or "UnknownObject". */
  readonly reason: string;
}
