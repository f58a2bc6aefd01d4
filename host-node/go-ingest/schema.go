package main

// ApiSurface JSON, schema_version 1. The keys and their order mirror
// core/src/bridge/apisurface.ts, the contract the TypeScript side reads;
// docs/apisurface.md describes every field. "omitempty" keys are absent when
// empty or false, so the same surface always encodes to the same bytes.

const schemaVersion = 1

// generatedBy names this tool in every document (left out of the hashed projection).
const generatedBy = "mochi-pkg go-ingest"

// Surface is one ingested module version.
type Surface struct {
	SchemaVersion int           `json:"schema_version"`
	Module        string        `json:"module"`
	Version       string        `json:"version,omitempty"`
	GoVersion     string        `json:"go_version,omitempty"`
	GeneratedBy   string        `json:"generated_by,omitempty"`
	Build         *BuildContext `json:"build,omitempty"`
	Packages      []*Package    `json:"packages"`
}

// BuildContext is the configuration the packages were loaded for: another
// context can select other files, so it is part of the hashed projection.
type BuildContext struct {
	GOOS   string   `json:"goos"`
	GOARCH string   `json:"goarch"`
	Tags   []string `json:"tags,omitempty"`
	Cgo    bool     `json:"cgo,omitempty"`
}

// Package is one package of the module.
type Package struct {
	ImportPath string      `json:"import_path"`
	Name       string      `json:"name"`
	Doc        string      `json:"doc,omitempty"`
	IsMain     bool        `json:"is_main,omitempty"`
	Internal   bool        `json:"internal,omitempty"`
	Deprecated string      `json:"deprecated,omitempty"`
	Imports    []string    `json:"imports,omitempty"`
	Files      []*File     `json:"files,omitempty"`
	Funcs      []*Func     `json:"funcs,omitempty"`
	Types      []*Type     `json:"types,omitempty"`
	Consts     []*Value    `json:"consts,omitempty"`
	Vars       []*Value    `json:"vars,omitempty"`
	Skipped    []*SkipNote `json:"skipped,omitempty"`
	Errors     []string    `json:"errors,omitempty"`
}

// File is one Go file of the package directory.
type File struct {
	Name            string `json:"name"`
	BuildConstraint string `json:"build_constraint,omitempty"`
	RequiresCgo     bool   `json:"requires_cgo,omitempty"`
	Ignored         bool   `json:"ignored,omitempty"`
}

type Param struct {
	Name string `json:"name,omitempty"`
	Type string `json:"type"`
}

type TypeParam struct {
	Name       string `json:"name"`
	Constraint string `json:"constraint,omitempty"`
}

// Func is a function or a method.
type Func struct {
	Name            string       `json:"name"`
	Doc             string       `json:"doc,omitempty"`
	Position        string       `json:"position,omitempty"`
	TypeParams      []*TypeParam `json:"type_params,omitempty"`
	Receiver        string       `json:"receiver,omitempty"`
	ReceiverPointer bool         `json:"receiver_pointer,omitempty"`
	Params          []*Param     `json:"params,omitempty"`
	Results         []*Param     `json:"results,omitempty"`
	Variadic        bool         `json:"variadic,omitempty"`
	Deprecated      string       `json:"deprecated,omitempty"`
	PromotedFrom    string       `json:"promoted_from,omitempty"`
	PromotedVia     []string     `json:"promoted_via,omitempty"`
}

type Field struct {
	Name       string `json:"name"`
	Type       string `json:"type"`
	Tag        string `json:"tag,omitempty"`
	Doc        string `json:"doc,omitempty"`
	Exported   bool   `json:"exported"`
	Embedded   bool   `json:"embedded,omitempty"`
	Deprecated string `json:"deprecated,omitempty"`
}

// Type is a declared type or alias.
type Type struct {
	Name             string       `json:"name"`
	Kind             string       `json:"kind"`
	Doc              string       `json:"doc,omitempty"`
	Position         string       `json:"position,omitempty"`
	TypeParams       []*TypeParam `json:"type_params,omitempty"`
	Underlying       string       `json:"underlying,omitempty"`
	AliasOf          string       `json:"alias_of,omitempty"`
	Fields           []*Field     `json:"fields,omitempty"`
	Methods          []*Func      `json:"methods,omitempty"`
	ValueMethodSet   []string     `json:"value_method_set,omitempty"`
	PointerMethodSet []string     `json:"pointer_method_set,omitempty"`
	InterfaceMethods []*Func      `json:"interface_methods,omitempty"`
	EmbeddedTypes    []string     `json:"embedded_types,omitempty"`
	Deprecated       string       `json:"deprecated,omitempty"`
}

// Value is a package-level constant or variable.
type Value struct {
	Name       string `json:"name"`
	Type       string `json:"type,omitempty"`
	Doc        string `json:"doc,omitempty"`
	Position   string `json:"position,omitempty"`
	Const      string `json:"const,omitempty"`
	Deprecated string `json:"deprecated,omitempty"`
}

// SkipNote is an object the ingest saw but did not describe.
type SkipNote struct {
	Kind     string `json:"kind"`
	Name     string `json:"name"`
	Position string `json:"position,omitempty"`
	Reason   string `json:"reason"`
}

// Skip reasons of the ingest itself.
const (
	reasonUnexported       = "Unexported"
	reasonUnknownObject    = "UnknownObject"
	reasonBuildTagExcluded = "BuildTagExcluded"
)
