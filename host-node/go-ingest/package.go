package main

// One loaded package described as an ApiSurface Package.

import (
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// describer holds what describing one package needs: the type-string
// qualifier (which records every other package the surface refers to) and
// the doc comments of every package of the module.
type describer struct {
	fset    *token.FileSet
	self    string
	docs    docIndex
	allDocs map[string]docIndex
	imports map[string]bool
}

// qualify writes the package's own names bare and every other package's
// with its full import path (`io.Reader`, `gopkg.in/yaml.v3.Node`).
func (d *describer) qualify(p *types.Package) string {
	if p.Path() == d.self {
		return ""
	}
	d.imports[p.Path()] = true
	return p.Path()
}

func (d *describer) typeString(t types.Type) string {
	return types.TypeString(t, d.qualify)
}

func describePackage(fset *token.FileSet, p *packages.Package, allDocs map[string]docIndex, clean func(string) string) *Package {
	d := &describer{fset: fset, self: p.PkgPath, docs: allDocs[p.PkgPath], allDocs: allDocs, imports: map[string]bool{}}
	out := &Package{ImportPath: p.PkgPath, Name: p.Name, Internal: isInternal(p.PkgPath)}
	ignored := goFilesOnly(p.IgnoredFiles)
	excluded := describeFiles(out, p.GoFiles, ignored)
	out.IsMain = out.Name == "main"
	out.Deprecated = deprecation(out.Doc)

	if p.Types != nil {
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			d.object(out, scope.Lookup(name))
		}
		out.Skipped = append(out.Skipped, excludedItems(token.NewFileSet(), out.Name, excluded, func(_, name string) bool {
			recv, method, isMethod := strings.Cut(name, ".")
			obj := scope.Lookup(recv)
			if !isMethod || obj == nil {
				return obj != nil
			}
			found, _, _ := types.LookupFieldOrMethod(obj.Type(), true, p.Types, method)
			return found != nil
		})...)
	}
	sort.SliceStable(out.Skipped, func(i, j int) bool {
		a, b := out.Skipped[i], out.Skipped[j]
		return a.Name < b.Name || (a.Name == b.Name && a.Kind < b.Kind)
	})
	for path := range d.imports {
		out.Imports = append(out.Imports, path)
	}
	sort.Strings(out.Imports)
	out.Errors = loadErrors(p, clean)
	return out
}

// describeFiles lists the package's files (loaded and build-excluded) and
// takes the package doc from doc.go, else from the first file in name order
// that has one. A package whose every file was excluded is named after them.
// It returns the excluded files whose items are worth reporting: not those
// under the `//go:build ignore` convention (generators, never built).
func describeFiles(out *Package, goFiles, ignored []string) []string {
	fset := token.NewFileSet()
	var excluded []string
	docFrom := ""
	for i, group := range [][]string{goFiles, ignored} {
		for _, path := range group {
			h, _ := readHeader(fset, path)
			f := &File{Name: filepath.Base(path), Ignored: i == 1}
			if f.Ignored && (h == nil || h.constraint != "ignore") {
				excluded = append(excluded, path)
			}
			if h != nil {
				f.BuildConstraint, f.RequiresCgo = h.constraint, h.requiresCgo
				if !f.Ignored && h.doc != "" && (docFrom == "" || f.Name == "doc.go" || (docFrom != "doc.go" && f.Name < docFrom)) {
					out.Doc, docFrom = h.doc, f.Name
				}
				if out.Name == "" && h.pkgName != "" {
					out.Name = h.pkgName
				}
			}
			out.Files = append(out.Files, f)
		}
	}
	sort.Slice(out.Files, func(i, j int) bool { return out.Files[i].Name < out.Files[j].Name })
	return excluded
}

// goFilesOnly keeps the Go files that are not tests (go list reports
// build-excluded test files among the ignored ones).
func goFilesOnly(paths []string) []string {
	var out []string
	for _, p := range paths {
		if strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			out = append(out, p)
		}
	}
	return out
}

// isInternal: the import path has an `internal` element, so only code
// inside the parent of that element may import it.
func isInternal(path string) bool {
	for _, el := range strings.Split(path, "/") {
		if el == "internal" {
			return true
		}
	}
	return false
}

func objectKind(obj types.Object) string {
	switch obj.(type) {
	case *types.Func:
		return "func"
	case *types.TypeName:
		return "type"
	case *types.Const:
		return "const"
	case *types.Var:
		return "var"
	}
	return "unknown"
}

// object adds one package-level object to the package.
func (d *describer) object(out *Package, obj types.Object) {
	pos := position(d.fset, obj.Pos())
	if !obj.Exported() {
		out.Skipped = append(out.Skipped, &SkipNote{Kind: objectKind(obj), Name: obj.Name(), Position: pos, Reason: reasonUnexported})
		return
	}
	doc := d.docs[obj.Name()]
	switch o := obj.(type) {
	case *types.Func:
		f := &Func{Name: o.Name(), Doc: doc, Position: pos, Deprecated: deprecation(doc)}
		sig := o.Type().(*types.Signature)
		f.TypeParams = d.typeParams(sig.TypeParams())
		d.signature(f, sig)
		out.Funcs = append(out.Funcs, f)
	case *types.TypeName:
		t := d.typeDecl(o)
		t.Doc, t.Position, t.Deprecated = doc, pos, deprecation(doc)
		out.Types = append(out.Types, t)
	case *types.Const:
		out.Consts = append(out.Consts, &Value{Name: o.Name(), Type: d.typeString(types.Default(o.Type())), Doc: doc,
			Position: pos, Const: o.Val().ExactString(), Deprecated: deprecation(doc)})
	case *types.Var:
		out.Vars = append(out.Vars, &Value{Name: o.Name(), Type: d.typeString(o.Type()), Doc: doc, Position: pos, Deprecated: deprecation(doc)})
	default:
		out.Skipped = append(out.Skipped, &SkipNote{Kind: "unknown", Name: obj.Name(), Position: pos, Reason: reasonUnknownObject})
	}
}

func (d *describer) signature(f *Func, sig *types.Signature) {
	f.Params = d.params(sig.Params())
	f.Results = d.params(sig.Results())
	f.Variadic = sig.Variadic()
}

// params: a variadic signature's last parameter has its slice type `[]T`.
func (d *describer) params(t *types.Tuple) []*Param {
	var out []*Param
	for i := 0; i < t.Len(); i++ {
		v := t.At(i)
		out = append(out, &Param{Name: v.Name(), Type: d.typeString(v.Type())})
	}
	return out
}

func (d *describer) typeParams(l *types.TypeParamList) []*TypeParam {
	var out []*TypeParam
	for i := 0; i < l.Len(); i++ {
		tp := l.At(i)
		out = append(out, &TypeParam{Name: tp.Obj().Name(), Constraint: d.typeString(tp.Constraint())})
	}
	return out
}

// kindOf names the shape of an underlying type.
func kindOf(u types.Type) string {
	switch u.(type) {
	case *types.Struct:
		return "struct"
	case *types.Interface:
		return "interface"
	case *types.Basic:
		return "basic"
	case *types.Slice:
		return "slice"
	case *types.Map:
		return "map"
	case *types.Chan:
		return "chan"
	case *types.Signature:
		return "func"
	case *types.Array:
		return "array"
	case *types.Pointer:
		return "pointer"
	}
	return "named"
}

// typeDecl describes a declared type: an alias by what it stands for; a
// defined type by its underlying type, fields, methods (declared and
// promoted) and method sets; an interface by its explicit methods,
// embedded types and method set.
func (d *describer) typeDecl(o *types.TypeName) *Type {
	typ := o.Type()
	t := &Type{Name: o.Name(), Underlying: d.typeString(typ.Underlying())}
	if o.IsAlias() {
		t.Kind = "alias"
		t.AliasOf = d.typeString(types.Unalias(typ))
		if a, ok := typ.(*types.Alias); ok {
			t.TypeParams = d.typeParams(a.TypeParams())
		}
		return t
	}
	named, _ := typ.(*types.Named)
	u := typ.Underlying()
	t.Kind = kindOf(u)
	if named != nil {
		t.TypeParams = d.typeParams(named.TypeParams())
	}
	switch u := u.(type) {
	case *types.Struct:
		t.Fields = d.fields(o.Name(), u)
	case *types.Interface:
		for i := 0; i < u.NumExplicitMethods(); i++ {
			m := u.ExplicitMethod(i)
			doc := d.docs[o.Name()+"."+m.Name()]
			f := &Func{Name: m.Name(), Doc: doc, Position: position(d.fset, m.Pos()), Deprecated: deprecation(doc)}
			d.signature(f, m.Type().(*types.Signature))
			t.InterfaceMethods = append(t.InterfaceMethods, f)
		}
		sort.Slice(t.InterfaceMethods, func(i, j int) bool { return t.InterfaceMethods[i].Name < t.InterfaceMethods[j].Name })
		for i := 0; i < u.NumEmbeddeds(); i++ {
			t.EmbeddedTypes = append(t.EmbeddedTypes, d.typeString(u.EmbeddedType(i)))
		}
		mset := types.NewMethodSet(typ)
		for i := 0; i < mset.Len(); i++ {
			if name := mset.At(i).Obj().Name(); token.IsExported(name) {
				t.ValueMethodSet = append(t.ValueMethodSet, name)
			}
		}
		sort.Strings(t.ValueMethodSet)
		return t
	case *types.Pointer:
		return t // a pointer type has no methods
	}
	if named != nil {
		d.methods(t, named)
	}
	return t
}

// fields lists every field in order, unexported ones included.
func (d *describer) fields(typeName string, st *types.Struct) []*Field {
	var out []*Field
	for i := 0; i < st.NumFields(); i++ {
		v := st.Field(i)
		doc := d.docs[typeName+"."+v.Name()]
		out = append(out, &Field{Name: v.Name(), Type: d.typeString(v.Type()), Tag: st.Tag(i), Doc: doc,
			Exported: v.Exported(), Embedded: v.Embedded(), Deprecated: deprecation(doc)})
	}
	return out
}

// methods fills in the exported methods of the method sets of T and *T:
// declared ones and those promoted from embedded fields. receiver_pointer
// says a method is only in the set of *T (so calling it needs an
// addressable T or a *T); a promoted method records the embedded fields it
// comes through.
func (d *describer) methods(t *Type, named *types.Named) {
	vset := types.NewMethodSet(named)
	pset := types.NewMethodSet(types.NewPointer(named))
	for i := 0; i < pset.Len(); i++ {
		sel := pset.At(i)
		fn, ok := sel.Obj().(*types.Func)
		if !ok || !fn.Exported() {
			continue
		}
		inValue := vset.Lookup(fn.Pkg(), fn.Name()) != nil
		t.PointerMethodSet = append(t.PointerMethodSet, fn.Name())
		if inValue {
			t.ValueMethodSet = append(t.ValueMethodSet, fn.Name())
		}
		sig := fn.Type().(*types.Signature)
		m := &Func{Name: fn.Name(), Receiver: t.Name, ReceiverPointer: !inValue}
		var doc string
		if index := sel.Index(); len(index) == 1 {
			m.Position = position(d.fset, fn.Pos())
			m.TypeParams = d.typeParams(sig.RecvTypeParams())
			doc = d.docs[t.Name+"."+fn.Name()]
		} else {
			m.PromotedFrom, m.PromotedVia = d.promotion(named, index)
			m.TypeParams = d.typeParams(named.TypeParams())
			if fn.Pkg() != nil {
				if fn.Pkg().Path() == d.self {
					m.Position = position(d.fset, fn.Pos())
				}
				doc = d.allDocs[fn.Pkg().Path()][receiverTypeName(sig)+"."+fn.Name()]
			}
		}
		m.Doc, m.Deprecated = doc, deprecation(doc)
		d.signature(m, sig)
		t.Methods = append(t.Methods, m)
	}
	sort.Slice(t.Methods, func(i, j int) bool { return t.Methods[i].Name < t.Methods[j].Name })
	sort.Strings(t.ValueMethodSet)
	sort.Strings(t.PointerMethodSet)
}

// promotion is the path of embedded field names a promoted method is
// reached through ("Buffer", "Inner.Buffer") and the type of each field.
func (d *describer) promotion(named *types.Named, index []int) (string, []string) {
	var names, via []string
	var cur types.Type = named
	for _, i := range index[:len(index)-1] {
		if p, ok := cur.(*types.Pointer); ok {
			cur = p.Elem()
		}
		st, ok := cur.Underlying().(*types.Struct)
		if !ok {
			break
		}
		f := st.Field(i)
		names = append(names, f.Name())
		via = append(via, d.typeString(f.Type()))
		cur = f.Type()
	}
	return strings.Join(names, "."), via
}

// receiverTypeName is the name of a method's receiver type (its doc key).
func receiverTypeName(sig *types.Signature) string {
	if sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch n := types.Unalias(t).(type) {
	case *types.Named:
		return n.Origin().Obj().Name()
	}
	return ""
}

// loadErrors are the package's list, parse and type errors, with machine
// paths cleaned, sorted and without duplicates. When the package has parse
// or type errors, the compiler's report of the same errors (go list compiles
// every package for its export data: "# <import path>\n<errors>") is left out.
func loadErrors(p *packages.Package, clean func(string) string) []string {
	checked := false
	for _, e := range p.Errors {
		checked = checked || e.Kind == packages.ParseError || e.Kind == packages.TypeError
	}
	seen := map[string]bool{}
	var out []string
	for _, e := range p.Errors {
		if checked && e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# "+p.PkgPath+"\n") {
			continue
		}
		msg := clean(e.Msg)
		if e.Pos != "" && e.Pos != "-" {
			msg = clean(e.Pos) + ": " + msg
		}
		if !seen[msg] {
			seen[msg] = true
			out = append(out, msg)
		}
	}
	sort.Strings(out)
	return out
}
