// The import rules of the Mochi compiler itself (GRAMMAR.md §4, and the
// reference's parser/go_import.go described in mochi-reference.md §9): the
// known languages, the default alias, and the deliberately conservative
// `<module>@<version>` check behind P067. mochi-pkg's stricter checks
// (checkPath, semver, queries) live in imports.ts.

/**
 * Import languages: the union of every Mochi revision's set, as GRAMMAR.md
 * §4.2 recommends (commit 68ab7e4e knows only the first seven).
 */
export const IMPORT_LANGUAGES: readonly string[] = [
  "clj", "clojure", "erlang", "go", "java", "kotlin", "lua", "python", "rust", "typescript", "zig",
];

/** The languages of commit 68ab7e4e, for checking files against that compiler. */
export const IMPORT_LANGUAGES_68AB7E4E: readonly string[] = ["clj", "clojure", "go", "lua", "python", "typescript", "zig"];

/** HasGoSemverPin: whether a go import path carries a version (contains `@`). */
export function hasGoSemverPin(path: string): boolean {
  return path.includes("@");
}

/**
 * IsGoModulePath, the reference's conservative subset of module paths:
 * non-empty `/`-separated segments that start with an ASCII letter or
 * digit and hold only letters, digits and `. _ - ~`, no `..`, and a first
 * segment with a dot (a domain name).
 */
export function isGoModulePath(path: string): boolean {
  const segments = path.split("/");
  return !path.includes("..") && segments[0]!.includes(".") &&
    segments.every((s) => /^[A-Za-z0-9][A-Za-z0-9._~-]*$/.test(s));
}

/**
 * GoImportRef: splits a pinned go import path at its first `@` into module
 * and version. Undefined unless both sides are non-empty, the module passes
 * isGoModulePath and the version has no whitespace: that is P067.
 */
export function goImportRef(path: string): { readonly module: string; readonly version: string } | undefined {
  const at = path.indexOf("@");
  if (at < 0) return undefined;
  const module = path.slice(0, at);
  const version = path.slice(at + 1);
  if (module === "" || version === "" || /\s/.test(version) || !isGoModulePath(module)) return undefined;
  return { module, version };
}

/**
 * The alias an import without `as` binds: the last `/`-segment of the path
 * minus its final `.ext`. So `gopkg.in/yaml.v3` gives `yaml`, `os.path`
 * gives `os`, `./lib/helpers.mochi` gives `helpers`.
 */
export function defaultAlias(path: string): string {
  const last = path.slice(path.lastIndexOf("/") + 1);
  const dot = last.lastIndexOf(".");
  return dot > 0 ? last.slice(0, dot) : last;
}
