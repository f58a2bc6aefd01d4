// Command go-ingest describes the exported API of one Go module version as
// ApiSurface JSON, schema_version 1 (docs/apisurface.md).
//
//	go-ingest -module M -version V [-tags a,b] [-goos G] [-goarch A] [-output file]
//
// It makes a throwaway workspace module that requires M@V, downloads M@V
// with `go mod download` (so GOPROXY, GOSUMDB, GOMODCACHE, GONOSUMDB and
// the rest of the caller's environment apply, and the checksum database
// verifies it), loads every package `M/...` that belongs to M itself (not
// its dependencies, not nested modules) with go/packages, and writes the
// surface: two-space indented JSON with a trailing newline, every list of
// names sorted, so two runs give identical bytes.
//
// A package that fails to load or type-check never aborts the module: it is
// reported with what was learned and its errors in "errors".
//
// Exit status: 0 surface written; 1 bad arguments; 2 M@V could not be
// downloaded; 3 the packages could not be loaded at all (go list failed, an
// unsupported GOOS/GOARCH, or no package of M for the build context);
// 4 the output could not be written; 5 the module graph selected another
// version of M than asked (one of its dependencies requires a newer one).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/tools/go/packages"
)

func main() {
	var (
		modPath = flag.String("module", "", "module path to ingest (required)")
		version = flag.String("version", "", "canonical version of the module (required)")
		tags    = flag.String("tags", "", "comma-separated build tags")
		goos    = flag.String("goos", "", "target GOOS (default: the go command's)")
		goarch  = flag.String("goarch", "", "target GOARCH (default: the go command's)")
		output  = flag.String("output", "-", "where to write the JSON (- for stdout)")
	)
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go-ingest -module M -version V [-tags a,b] [-goos G] [-goarch A] [-output file]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *modPath == "" || *version == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(1)
	}
	if err := module.Check(*modPath, *version); err != nil {
		fail(1, "invalid module version: %v", err)
	}
	tagList := splitTags(*tags)

	ws, err := os.MkdirTemp("", "go-ingest-")
	if err != nil {
		fail(4, "%v", err)
	}
	code := run(ws, *modPath, *version, tagList, *goos, *goarch, *output)
	os.RemoveAll(ws)
	os.Exit(code)
}

func run(ws, modPath, version string, tags []string, goos, goarch, output string) int {
	env := goEnv(goos, goarch)
	if err := os.WriteFile(filepath.Join(ws, "go.mod"), []byte("module mochi-pkg.invalid/ingest\n\ngo 1.22\n"), 0o644); err != nil {
		return report(4, "%v", err)
	}
	if out, stderr, err := goCmd(ws, env, "mod", "download", "-json", modPath+"@"+version); err != nil {
		return report(2, "cannot download %s@%s: %s", modPath, version, downloadError(out, stderr, err))
	}
	if _, stderr, err := goCmd(ws, env, "mod", "edit", "-require="+modPath+"@"+version); err != nil {
		return report(2, "cannot require %s@%s: %s%v", modPath, version, stderr, err)
	}
	ctx, err := buildContext(ws, env, tags)
	if err != nil {
		return report(3, "%v", err)
	}

	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule,
		Dir:   ws,
		Env:   env,
		Fset:  token.NewFileSet(),
		Tests: false,
	}
	if len(tags) > 0 {
		cfg.BuildFlags = []string{"-tags=" + strings.Join(tags, ",")}
	}
	pkgs, err := packages.Load(cfg, modPath+"/...")
	if err != nil {
		return report(3, "cannot load %s@%s: %v", modPath, version, err)
	}
	var own []*packages.Package
	for _, p := range pkgs {
		if p.Module != nil && p.Module.Path == modPath {
			if p.Module.Version != version {
				return report(5, "%s resolved to %s, not %s (a dependency requires a newer version of it)", modPath, p.Module.Version, version)
			}
			own = append(own, p)
		}
	}
	if len(own) == 0 {
		return report(3, "%s@%s has no Go packages for %s/%s", modPath, version, ctx.GOOS, ctx.GOARCH)
	}
	sort.Slice(own, func(i, j int) bool { return own[i].PkgPath < own[j].PkgPath })

	surface := &Surface{
		SchemaVersion: schemaVersion,
		Module:        modPath,
		Version:       version,
		GoVersion:     runtime.Version(),
		GeneratedBy:   generatedBy,
		Build:         ctx,
		Packages:      []*Package{},
	}
	docs := map[string]docIndex{}
	for _, p := range own {
		docs[p.PkgPath] = indexDocs(p.Syntax)
	}
	clean := pathCleaner(ws, env, own)
	for _, p := range own {
		surface.Packages = append(surface.Packages, describePackage(cfg.Fset, p, docs, clean))
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(surface); err != nil {
		return report(4, "%v", err)
	}
	if output == "-" {
		_, err = os.Stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(output, buf.Bytes(), 0o644)
	}
	if err != nil {
		return report(4, "%v", err)
	}
	return 0
}

// goEnv is the caller's environment for the go command, with module mode
// on, no go.work, GOFLAGS' -mod replaced by -mod=mod (the workspace go.mod
// and go.sum grow as the packages need), and the requested target.
func goEnv(goos, goarch string) []string {
	var env []string
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "GOFLAGS", "GOWORK", "GO111MODULE":
		case "GOOS", "GOARCH":
			if (k == "GOOS" && goos == "") || (k == "GOARCH" && goarch == "") {
				env = append(env, kv)
			}
		default:
			env = append(env, kv)
		}
	}
	flags := []string{}
	for _, f := range strings.Fields(os.Getenv("GOFLAGS")) {
		if !strings.HasPrefix(f, "-mod=") && !strings.HasPrefix(f, "--mod=") {
			flags = append(flags, f)
		}
	}
	flags = append(flags, "-mod=mod")
	env = append(env, "GOFLAGS="+strings.Join(flags, " "), "GOWORK=off", "GO111MODULE=on")
	if goos != "" {
		env = append(env, "GOOS="+goos)
	}
	if goarch != "" {
		env = append(env, "GOARCH="+goarch)
	}
	return env
}

// goCmd runs the go command in dir and returns its stdout and stderr.
func goCmd(dir string, env []string, args ...string) ([]byte, string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	return out, strings.TrimSpace(stderr.String()), err
}

// downloadError is the Error field `go mod download -json` reports, else what it printed.
func downloadError(out []byte, stderr string, err error) string {
	var d struct{ Error string }
	if json.Unmarshal(out, &d) == nil && d.Error != "" {
		return d.Error
	}
	if stderr != "" {
		return stderr
	}
	return err.Error()
}

// buildContext asks the go command which target and cgo setting the load uses.
func buildContext(ws string, env []string, tags []string) (*BuildContext, error) {
	out, stderr, err := goCmd(ws, env, "env", "GOOS", "GOARCH", "CGO_ENABLED")
	if err != nil {
		return nil, fmt.Errorf("go env: %s %v", stderr, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 {
		return nil, fmt.Errorf("go env printed %q", out)
	}
	ctx := &BuildContext{GOOS: lines[0], GOARCH: lines[1], Tags: tags, Cgo: lines[2] == "1"}
	// go list fails on an unknown target in a way go/packages reports as "no packages".
	out, stderr, err = goCmd(ws, env, "tool", "dist", "list")
	if err != nil {
		return nil, fmt.Errorf("go tool dist list: %s %v", stderr, err)
	}
	for _, pair := range strings.Fields(string(out)) {
		if pair == ctx.GOOS+"/"+ctx.GOARCH {
			return ctx, nil
		}
	}
	return nil, fmt.Errorf("unsupported GOOS/GOARCH pair %s/%s (go tool dist list names the supported ones)", ctx.GOOS, ctx.GOARCH)
}

// splitTags is the -tags list, sorted and without duplicates or blanks.
func splitTags(s string) []string {
	seen := map[string]bool{}
	var tags []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" && !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	sort.Strings(tags)
	return tags
}

// pathCleaner rewrites the machine's paths in error messages, so they do not
// depend on where the module cache, GOROOT or the workspace are: a file of
// the module becomes module-relative.
func pathCleaner(ws string, env []string, pkgs []*packages.Package) func(string) string {
	var pairs []string
	// Each directory absolute and relative to the workspace (the go command
	// prints compiler errors relative to its working directory).
	add := func(dir, name string) {
		pairs = append(pairs, dir, name)
		if rel, err := filepath.Rel(ws, dir); err == nil && rel != "." {
			pairs = append(pairs, rel, name)
		}
	}
	for _, p := range pkgs {
		if p.Module != nil && p.Module.Dir != "" {
			add(p.Module.Dir+string(filepath.Separator), "")
			break
		}
	}
	out, _, _ := goCmd(ws, env, "env", "GOMODCACHE", "GOROOT", "GOCACHE")
	names := []string{"$GOMODCACHE", "$GOROOT", "$GOCACHE"}
	for i, dir := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if i < len(names) && dir != "" {
			add(dir, names[i])
		}
	}
	pairs = append(pairs, ws, "$WORK")
	return strings.NewReplacer(pairs...).Replace
}

func report(code int, format string, args ...any) int {
	fmt.Fprintf(os.Stderr, "go-ingest: "+format+"\n", args...)
	return code
}

func fail(code int, format string, args ...any) {
	os.Exit(report(code, format, args...))
}
