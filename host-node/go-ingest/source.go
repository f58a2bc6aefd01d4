package main

// What only the source text tells: doc comments (and their Deprecated:
// paragraphs), build constraints, `import "C"`, and the declarations of
// files the build context left out.

import (
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// docIndex maps a declaration key to its doc comment: "Name" for funcs,
// types, consts and vars, "Recv.Method" for methods, "Type.Field" for the
// fields of a declared struct type and "Type.Method" for the methods of a
// declared interface type. Keys are names, not positions, so a
// method promoted from another package of the module finds its doc even
// though the importer saw that package through export data.
type docIndex map[string]string

func (d docIndex) add(key string, groups ...*ast.CommentGroup) {
	if _, ok := d[key]; ok {
		return
	}
	for _, g := range groups {
		if g == nil {
			continue
		}
		if text := strings.TrimSpace(g.Text()); text != "" {
			d[key] = text
			return
		}
	}
}

// indexDocs collects the doc comments of the package's top-level
// declarations. A value without its own comment takes the comment of its
// declaration group; a type does only when it is alone in its group, as in
// go/doc.
func indexDocs(files []*ast.File) docIndex {
	docs := docIndex{}
	for _, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				key := d.Name.Name
				if d.Recv != nil && len(d.Recv.List) == 1 {
					key = receiverName(d.Recv.List[0].Type) + "." + key
				}
				docs.add(key, d.Doc)
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						group := d.Doc
						if len(d.Specs) > 1 {
							group = nil
						}
						docs.add(s.Name.Name, s.Doc, s.Comment, group)
						switch t := s.Type.(type) {
						case *ast.StructType:
							indexFieldDocs(docs, s.Name.Name, t.Fields)
						case *ast.InterfaceType:
							indexFieldDocs(docs, s.Name.Name, t.Methods)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							docs.add(n.Name, s.Doc, s.Comment, d.Doc)
						}
					}
				}
			}
		}
	}
	return docs
}

// indexFieldDocs indexes the fields of a struct type, or the methods of an
// interface type, as "Type.Name".
func indexFieldDocs(docs docIndex, typeName string, list *ast.FieldList) {
	for _, f := range list.List {
		names := f.Names
		if len(names) == 0 {
			if id := embeddedIdent(f.Type); id != nil {
				names = []*ast.Ident{id}
			}
		}
		for _, n := range names {
			docs.add(typeName+"."+n.Name, f.Doc, f.Comment)
		}
	}
}

// receiverName is the type name of a method receiver: `*List[T]` -> "List".
func receiverName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// embeddedIdent is the identifier that names an embedded field: `*pkg.T[int]` -> T.
func embeddedIdent(e ast.Expr) *ast.Ident {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.SelectorExpr:
			return t.Sel
		case *ast.Ident:
			return t
		default:
			return nil
		}
	}
}

// deprecation is the text of the doc's `Deprecated:` paragraph (the Go
// convention: a paragraph starting with "Deprecated: "), lines joined by
// spaces. A paragraph with no text after the marker still marks the item:
// it reads "(no reason given)".
func deprecation(doc string) string {
	for _, para := range strings.Split(doc, "\n\n") {
		para = strings.TrimSpace(para)
		rest, ok := strings.CutPrefix(para, "Deprecated:")
		if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\n' && rest[0] != '\t') {
			continue
		}
		text := strings.Join(strings.Fields(rest), " ")
		if text == "" {
			return "(no reason given)"
		}
		return text
	}
	return ""
}

// fileHeader is what the start of a Go file says: its package clause, build
// constraint and whether it imports "C".
type fileHeader struct {
	pkgName     string
	constraint  string
	requiresCgo bool
	doc         string
}

// readHeader parses a file up to its imports. The constraint is the
// `//go:build` expression verbatim; a file that has only legacy
// `// +build` lines gets them combined into the equivalent expression.
func readHeader(fset *token.FileSet, path string) (*fileHeader, error) {
	f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly|parser.ParseComments)
	if f == nil {
		return nil, err
	}
	h := &fileHeader{pkgName: f.Name.Name}
	if f.Doc != nil {
		h.doc = strings.TrimSpace(f.Doc.Text())
	}
	var plus []constraint.Expr
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			switch {
			case constraint.IsGoBuild(c.Text):
				if h.constraint == "" {
					h.constraint = strings.TrimSpace(strings.TrimPrefix(c.Text, "//go:build"))
				}
			case constraint.IsPlusBuild(c.Text):
				if x, err := constraint.Parse(c.Text); err == nil {
					plus = append(plus, x)
				}
			}
		}
	}
	if h.constraint == "" && len(plus) > 0 {
		x := plus[0]
		for _, y := range plus[1:] {
			x = &constraint.AndExpr{X: x, Y: y}
		}
		h.constraint = x.String()
	}
	for _, imp := range f.Imports {
		if imp.Path.Value == `"C"` {
			h.requiresCgo = true
		}
	}
	return h, err
}

// excludedItems lists the exported top-level declarations of files the
// build context left out that the loaded package does not have, each once
// (from the first file, in name order, that declares it). Files of another
// package are not read.
func excludedItems(fset *token.FileSet, pkgName string, paths []string, declared func(kind, name string) bool) []*SkipNote {
	sorted := append([]string(nil), paths...)
	sort.Strings(sorted)
	seen := map[string]bool{}
	var notes []*SkipNote
	add := func(kind, name string, pos token.Pos) {
		if !token.IsExported(lastPart(name)) || seen[kind+" "+name] || declared(kind, name) {
			return
		}
		seen[kind+" "+name] = true
		notes = append(notes, &SkipNote{Kind: kind, Name: name, Position: position(fset, pos), Reason: reasonBuildTagExcluded})
	}
	for _, path := range sorted {
		f, _ := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if f == nil || f.Name.Name != pkgName {
			continue
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				name := d.Name.Name
				if d.Recv != nil && len(d.Recv.List) == 1 {
					recv := receiverName(d.Recv.List[0].Type)
					if !token.IsExported(recv) {
						continue
					}
					name = recv + "." + name
				}
				add("func", name, d.Name.Pos())
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						add("type", s.Name.Name, s.Name.Pos())
					case *ast.ValueSpec:
						kind := "var"
						if d.Tok == token.CONST {
							kind = "const"
						}
						for _, n := range s.Names {
							add(kind, n.Name, n.Pos())
						}
					}
				}
			}
		}
	}
	return notes
}

func lastPart(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// position is `file:line:col` with the file's base name (the file is in the
// package directory); empty for an unknown position.
func position(fset *token.FileSet, pos token.Pos) string {
	if !pos.IsValid() {
		return ""
	}
	p := fset.Position(pos)
	if p.Filename == "" {
		return ""
	}
	return filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
}
