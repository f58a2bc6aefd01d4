// Module paths, import paths and file paths as golang.org/x/mod/module checks
// them, the major-version suffix of a module path (/vN, gopkg.in's .vN), the
// "!" case-escaping used in proxy URLs and cache paths, and the glob-prefix
// matcher behind GOPRIVATE, GONOPROXY and GONOSUMDB.
//
// The rules exist so that every path names the same files on every operating
// system and file system (case-insensitive ones, Windows), which is why they
// are stricter than what a URL or a Unix file name would allow. Each rule has
// its own M074_MODPATH_E* code.

import { isWellFormed } from "../bytes.js";
import { MochiError, isMochiError, type ErrorCode } from "../errors.js";
import { build, major, whyInvalid } from "./semver.js";

/** module: go.mod module paths; import: package import paths; file: names inside a module zip. */
type PathKind = "module" | "import" | "file";

/** Throws the MochiError for one broken rule; `why` follows a description of the subject. */
type Fail = (code: ErrorCode, why: string) => never;

const q = (s: string): string => JSON.stringify(s);

function failer(subject: string, where: string | undefined): Fail {
  return (code, why) => {
    throw new MochiError(code, `${subject}: ${why}`, { where });
  };
}

const MODULE_CHAR = /^[A-Za-z0-9._~-]$/;
const IMPORT_CHAR = /^[A-Za-z0-9._~+-]$/;
// File names drop the shell-special " ' * < > ? ` | and the separators / \ :
// from ASCII punctuation, and admit any Unicode letter beyond ASCII.
const FILE_ASCII_CHAR = /^[A-Za-z0-9!#$%&()+,\-.=@[\]^_{}~ ]$/;
const LETTER = /^\p{L}$/u;
const FIRST_ELEMENT_CHAR = /^[a-z0-9.-]$/;

function charAllowed(c: string, kind: PathKind): boolean {
  switch (kind) {
    case "module":
      return MODULE_CHAR.test(c);
    case "import":
      return IMPORT_CHAR.test(c);
    case "file":
      return c < "\x80" ? FILE_ASCII_CHAR.test(c) : LETTER.test(c);
  }
}

const WINDOWS_RESERVED: ReadonlySet<string> = new Set([
  "CON", "PRN", "AUX", "NUL",
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((d) => [`COM${d}`, `LPT${d}`]),
]);

/** ASCII-only upper-casing: the reserved names are ASCII, and Go's fold must not meet locale rules. */
const asciiUpper = (s: string): string => s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));

function checkElem(elem: string, kind: PathKind, fail: Fail): void {
  if (elem === "") fail("M074_MODPATH_E006", "empty path element (a leading '/')");
  if (/^\.+$/.test(elem)) fail("M074_MODPATH_E007", `path element ${q(elem)} is only dots`);
  if (elem[0] === "." && kind === "module") fail("M074_MODPATH_E008", `path element ${q(elem)} starts with '.'`);
  if (elem.endsWith(".")) fail("M074_MODPATH_E009", `path element ${q(elem)} ends with '.'`);
  for (const c of elem) {
    if (!charAllowed(c, kind)) fail("M074_MODPATH_E010", `character ${q(c)} is not allowed in ${kind} path element ${q(elem)}`);
  }
  // Windows compares device names on the part before the first dot, so
  // "aux.go" is as bad as "aux"; short names (PROGRA~1) are judged the same way.
  const dot = elem.indexOf(".");
  const short = dot < 0 ? elem : elem.slice(0, dot);
  if (WINDOWS_RESERVED.has(asciiUpper(short))) {
    fail("M074_MODPATH_E011", `path element ${q(elem)}: ${q(short)} is a reserved device name on Windows`);
  }
  // Short names only matter for import paths (they could alias another
  // directory); file names inside a zip are exempt.
  if (kind !== "file" && /~[0-9]+$/.test(short)) {
    fail("M074_MODPATH_E012", `path element ${q(elem)} looks like a Windows short name (${q(short)} ends in '~' and digits)`);
  }
}

function checkPathOf(path: string, kind: PathKind, fail: Fail): void {
  if (!isWellFormed(path)) fail("M074_MODPATH_E001", "not valid UTF-8");
  if (path === "") fail("M074_MODPATH_E002", "empty path");
  if (path[0] === "-" && kind !== "file") fail("M074_MODPATH_E003", "leading '-'");
  if (path.includes("//")) fail("M074_MODPATH_E004", "double slash '//'");
  if (path.endsWith("/")) fail("M074_MODPATH_E005", "trailing slash");
  for (const elem of path.split("/")) checkElem(elem, kind, fail);
}

function checkModulePath(path: string, fail: Fail): void {
  checkPathOf(path, "module", fail);
  const first = path.split("/")[0]!;
  if (!first.includes(".")) fail("M074_MODPATH_E013", `first path element ${q(first)} has no dot (it must be a domain name)`);
  for (const c of first) {
    if (!FIRST_ELEMENT_CHAR.test(c)) fail("M074_MODPATH_E014", `character ${q(c)} is not allowed in first path element ${q(first)}`);
  }
  const failure = splitPath(path).failure;
  if (failure !== undefined) fail(failure.code, failure.why);
}

/** CheckPath: throws unless `path` is a valid module path (what go.mod's module line may say). */
export function checkPath(path: string, where?: string): void {
  checkModulePath(path, failer(`module path ${q(path)}`, where));
}

/** CheckImportPath: throws unless `path` is a valid package import path. */
export function checkImportPath(path: string, where?: string): void {
  checkPathOf(path, "import", failer(`import path ${q(path)}`, where));
}

/** CheckFilePath: throws unless `path` is a valid slash-separated file path inside a module zip. */
export function checkFilePath(path: string, where?: string): void {
  checkPathOf(path, "file", failer(`file path ${q(path)}`, where));
}

function holds(check: (path: string) => void): (path: string) => boolean {
  return (path) => {
    try {
      check(path);
      return true;
    } catch (e) {
      if (e instanceof MochiError) return false;
      throw e;
    }
  };
}

export const isValidPath = holds(checkPath);
export const isValidImportPath = holds(checkImportPath);
export const isValidFilePath = holds(checkFilePath);

interface Split {
  readonly prefix: string;
  readonly pathMajor: string;
  readonly failure?: { readonly code: ErrorCode; readonly why: string };
}

/** gopkg.in/NAME.vN[-unstable]: the suffix is required, and .v0 is allowed there. */
function splitGopkgIn(path: string): Split {
  let i = path.length;
  if (path.endsWith("-unstable")) i -= "-unstable".length;
  while (i > 0 && path[i - 1]! >= "0" && path[i - 1]! <= "9") i--;
  const pathMajor = path.slice(i - 2);
  if (i <= 1 || path[i - 1] !== "v" || path[i - 2] !== "." || pathMajor.length <= 2) {
    return { prefix: path, pathMajor: "", failure: { code: "M074_MODPATH_E017", why: "gopkg.in paths must end in .vN" } };
  }
  if (pathMajor[2] === "0" && pathMajor !== ".v0") {
    return { prefix: path, pathMajor: "", failure: { code: "M074_MODPATH_E018", why: `gopkg.in suffix ${q(pathMajor)} has a leading zero` } };
  }
  return { prefix: path.slice(0, i - 2), pathMajor };
}

function splitPath(path: string): Split {
  if (path.startsWith("gopkg.in/")) return splitGopkgIn(path);
  let i = path.length;
  let dot = false;
  for (; i > 0 && ((path[i - 1]! >= "0" && path[i - 1]! <= "9") || path[i - 1] === "."); i--) {
    if (path[i - 1] === ".") dot = true;
  }
  if (i <= 1 || i === path.length || path[i - 1] !== "v" || path[i - 2] !== "/") return { prefix: path, pathMajor: "" };
  const pathMajor = path.slice(i - 2);
  if (pathMajor === "/v0" || pathMajor === "/v1") {
    return { prefix: path, pathMajor: "", failure: { code: "M074_MODPATH_E015", why: `major-version suffix ${q(pathMajor)} is not allowed (v0 and v1 use the bare path)` } };
  }
  if (dot || pathMajor[2] === "0") {
    return { prefix: path, pathMajor: "", failure: { code: "M074_MODPATH_E016", why: `malformed major-version suffix ${q(pathMajor)}` } };
  }
  return { prefix: path.slice(0, i - 2), pathMajor };
}

/**
 * SplitPathVersion: splits a final /vN (or gopkg.in's .vN[-unstable]) off a
 * module path. On failure (…/v1, …/v02, …/v2.0, gopkg.in without .vN) it
 * returns the whole path as prefix, "" and ok=false.
 */
export function splitPathVersion(path: string): { prefix: string; pathMajor: string; ok: boolean } {
  const { prefix, pathMajor, failure } = splitPath(path);
  return { prefix, pathMajor, ok: failure === undefined };
}

/** Why version v does not fit pathMajor, or undefined when it does. */
function majorMismatch(v: string, pathMajor: string): string | undefined {
  let pm = pathMajor;
  if (pm.startsWith(".v") && pm.endsWith("-unstable")) pm = pm.slice(0, -"-unstable".length);
  // Old go commands wrote v0.0.0- pseudo-versions for gopkg.in .v1 paths,
  // and such requirements still live in published go.mod files.
  if (v.startsWith("v0.0.0-") && pm === ".v1") return undefined;
  const m = major(v);
  let want: string;
  if (pm === "") {
    if (m === "v0" || m === "v1" || build(v) === "+incompatible") return undefined;
    want = "v0 or v1 (or carry +incompatible)";
  } else if (pm[0] === "/" || pm[0] === ".") {
    if (m === pm.slice(1)) return undefined;
    want = pm.slice(1);
  } else {
    want = pm;
  }
  return `version ${q(v)} should be ${want}, not ${m === "" ? "an invalid version" : m}, for path major ${q(pathMajor)}`;
}

/** CheckPathMajor: throws M074_MODPATH_E020 unless version v may carry the path's major suffix. */
export function checkPathMajor(v: string, pathMajor: string, where?: string): void {
  const why = majorMismatch(v, pathMajor);
  if (why !== undefined) throw new MochiError("M074_MODPATH_E020", why, { where });
}

/** MatchPathMajor: checkPathMajor as a boolean. */
export function matchPathMajor(v: string, pathMajor: string): boolean {
  return majorMismatch(v, pathMajor) === undefined;
}

/**
 * module.Check: the path is a valid module path, the version is a valid
 * semantic version, and its major fits the path's suffix (so rsc.io/quote
 * takes v17.0.0+incompatible but not v17.0.0).
 */
export function checkPathVersion(path: string, version: string, where?: string): void {
  const fail = failer(`module ${q(path)}`, where);
  checkModulePath(path, fail);
  const invalid = whyInvalid(version);
  if (invalid !== undefined) fail("M074_MODPATH_E019", `version ${q(version)} is not a semantic version: ${invalid}`);
  const why = majorMismatch(version, splitPath(path).pathMajor);
  if (why !== undefined) fail("M074_MODPATH_E020", why);
}

/** Each ASCII upper-case letter X becomes "!x", so case-insensitive file systems keep paths apart. */
const escapeCase = (s: string): string => s.replace(/[A-Z]/g, (c) => "!" + c.toLowerCase());

function unescapeCase(escaped: string, fail: Fail): string {
  let out = "";
  let bang = false;
  for (const c of escaped) {
    if (c >= "\x80") fail("M074_MODPATH_E026", `non-ASCII character ${q(c)}`);
    if (bang) {
      bang = false;
      if (c < "a" || c > "z") fail("M074_MODPATH_E024", `'!' is followed by ${q(c)}, not a lower-case letter`);
      out += c.toUpperCase();
    } else if (c === "!") {
      bang = true;
    } else if (c >= "A" && c <= "Z") {
      fail("M074_MODPATH_E023", `upper-case letter ${q(c)} (escaped strings write it as "!${c.toLowerCase()}")`);
    } else {
      out += c;
    }
  }
  if (bang) fail("M074_MODPATH_E025", "trailing '!'");
  return out;
}

/** EscapePath: checkPath, then the "!" case-escaping (github.com/BurntSushi → github.com/!burnt!sushi). */
export function escapePath(path: string, where?: string): string {
  checkPath(path, where);
  return escapeCase(path);
}

/** UnescapePath: undoes escapePath and checks that the result is a valid module path. */
export function unescapePath(escaped: string, where?: string): string {
  const fail = failer(`escaped module path ${q(escaped)}`, where);
  const path = unescapeCase(escaped, fail);
  checkModulePath(path, fail);
  return path;
}

/**
 * EscapeVersion: the version must be usable as one file-name element and
 * contain no "!"; branch names such as "master" are fine. Then the same
 * case-escaping as paths (v1.0.0-RC1 → v1.0.0-!r!c1).
 */
export function escapeVersion(v: string, where?: string): string {
  const fail = failer(`version ${q(v)}`, where);
  checkElem(v, "file", fail);
  if (v.includes("!")) fail("M074_MODPATH_E021", "'!' is reserved for case-escaping");
  const wide = /[^\x00-\x7f]/u.exec(v);
  if (wide !== null) fail("M074_MODPATH_E022", `non-ASCII character ${q(wide[0])}`);
  return escapeCase(v);
}

/** UnescapeVersion: undoes escapeVersion and checks the result is one file-name element. */
export function unescapeVersion(escaped: string, where?: string): string {
  const fail = failer(`escaped version ${q(escaped)}`, where);
  const v = unescapeCase(escaped, fail);
  checkElem(v, "file", fail);
  return v;
}

interface Chunk {
  /** The chunk follows one or more "*". */
  readonly star: boolean;
  readonly chars: readonly string[];
  /** Index in the pattern after the chunk. */
  readonly next: number;
}

/** Splits off the next run of "*" and the pattern text up to the next "*" outside brackets. */
function scanChunk(pat: readonly string[], at: number): Chunk {
  let i = at;
  let star = false;
  for (; pat[i] === "*"; i++) star = true;
  const start = i;
  let inClass = false;
  for (; i < pat.length; i++) {
    const c = pat[i];
    if (c === "\\") {
      if (i + 1 < pat.length) i++; // a dangling "\" is reported by matchChunk
    } else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "*" && !inClass) break;
  }
  return { star, chars: pat.slice(start, i), next: i };
}

/** One character of a class, possibly "\"-escaped, as a code point; the class must go on after it. */
function classChar(chunk: readonly string[], at: number, bad: () => never): [number, number] {
  let i = at;
  let c = chunk[i];
  if (c === undefined || c === "-" || c === "]") bad();
  if (c === "\\") {
    c = chunk[++i];
    if (c === undefined) bad();
  }
  i++;
  if (i >= chunk.length) bad(); // unterminated class
  return [c.codePointAt(0)!, i];
}

/**
 * Matches a star-free chunk at name[at...]; returns the index after the
 * match, or -1. After a mismatch it keeps reading the chunk (not the name) so
 * a malformed pattern is reported whatever the name.
 */
function matchChunk(chunk: readonly string[], name: readonly string[], at: number, bad: () => never): number {
  let failed = false;
  let i = at;
  for (let c = 0; c < chunk.length; ) {
    if (i >= name.length) failed = true;
    const ch = chunk[c]!;
    if (ch === "[") {
      const r = failed ? -1 : name[i++]!.codePointAt(0)!;
      c++;
      const negated = chunk[c] === "^";
      if (negated) c++;
      let hit = false;
      for (let ranges = 0; !(chunk[c] === "]" && ranges > 0); ranges++) {
        let lo: number;
        let hi: number;
        [lo, c] = classChar(chunk, c, bad);
        hi = lo;
        if (chunk[c] === "-") [hi, c] = classChar(chunk, c + 1, bad);
        if (lo <= r && r <= hi) hit = true;
      }
      c++; // the closing "]"
      if (hit === negated) failed = true;
    } else if (ch === "?") {
      if (!failed && name[i++] === "/") failed = true;
      c++;
    } else {
      let lit = ch;
      if (ch === "\\") {
        if (++c >= chunk.length) bad();
        lit = chunk[c]!;
      }
      if (!failed && name[i++] !== lit) failed = true;
      c++;
    }
  }
  return failed ? -1 : i;
}

/**
 * Go's path.Match: "*" is any run of non-"/" characters, "?" one non-"/"
 * character, "[...]" a class with ranges and "^" negation, "\" escapes.
 * Throws M074_MODPATH_E027 when the pattern is malformed.
 */
export function pathMatch(pattern: string, name: string): boolean {
  const bad = (): never => {
    throw new MochiError("M074_MODPATH_E027", `glob ${q(pattern)} is not a valid path.Match pattern`);
  };
  const pat = [...pattern];
  const s = [...name];
  let n = 0;
  next: for (let p = 0; p < pat.length; ) {
    const { star, chars, next } = scanChunk(pat, p);
    p = next;
    const last = p === pat.length;
    if (star && chars.length === 0) return !s.slice(n).includes("/");
    const t = matchChunk(chars, s, n, bad);
    // The last chunk must consume the rest of the name.
    if (t >= 0 && (t === s.length || !last)) {
      n = t;
      continue;
    }
    if (star) {
      for (let skip = n; skip < s.length && s[skip] !== "/"; skip++) {
        const u = matchChunk(chars, s, skip + 1, bad);
        if (u >= 0 && !(last && u < s.length)) {
          n = u;
          continue next;
        }
      }
    }
    for (; p < pat.length; ) {
      const rest = scanChunk(pat, p);
      p = rest.next;
      matchChunk(rest.chars, [], 0, bad);
    }
    return false;
  }
  return n === s.length;
}

/**
 * MatchPrefixPatterns, the GOPRIVATE/GONOPROXY/GONOSUMDB matcher: `globs` is
 * a comma-separated list of path.Match patterns; empty entries and one
 * trailing "/" are ignored. A glob with k slashes is matched against the first
 * k+1 elements of target, so "rsc.io" and "*.io/quote" both cover
 * rsc.io/quote/v3 (a prefix match by elements). As in Go, a malformed glob
 * matches nothing rather than failing the whole setting.
 */
export function matchPrefixPatterns(globs: string, target: string): boolean {
  const elems = target.split("/");
  for (const entry of globs.split(",")) {
    const glob = entry.endsWith("/") ? entry.slice(0, -1) : entry;
    if (glob === "") continue;
    const k = glob.split("/").length - 1;
    if (elems.length <= k) continue;
    try {
      if (pathMatch(glob, elems.slice(0, k + 1).join("/"))) return true;
    } catch (e) {
      if (!isMochiError(e, "M074_MODPATH_E027")) throw e;
    }
  }
  return false;
}
