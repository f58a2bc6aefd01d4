// The predicates behind the module zip rules: Go's path.Clean, case-fold
// collisions (strings.EqualFold), the vendored-package rule and the go line
// of go.mod that chooses between its two versions. Kept apart from zip.ts so
// each can be tested on its own.

import { utf8DecodeStrict } from "../bytes.js";
import { MochiError, type ErrorCode } from "../errors.js";

const q = (s: string): string => JSON.stringify(s);

/** Go's path.Clean. */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p[0] === "/";
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") out.push(part);
    else if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (!rooted) out.push("..");
  }
  const s = (rooted ? "/" : "") + out.join("/");
  return s === "" ? "." : s;
}

/** Go's path.Split: the directory keeps its trailing slash. */
export function splitDir(p: string): [dir: string, base: string] {
  const i = p.lastIndexOf("/");
  return [p.slice(0, i + 1), p.slice(i + 1)];
}

const foldCache = new Map<number, number>();

/** The representative of c's Unicode simple case-folding orbit (unicode.SimpleFold). */
function foldRune(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  let k = foldCache.get(c);
  if (k === undefined) {
    // Upper- then lower-casing reaches the orbit's lower-case member (µ, ſ,
    // K, ẞ, ͅ and the Cherokee letters included). The /iu regular expression,
    // which compares by simple case folding, vetoes what only the full or
    // special mappings join (ı becomes I, but does not fold to it).
    const s = String.fromCodePoint(c);
    const single = (t: string, fallback: string): string => ([...t].length === 1 ? t : fallback);
    const cand = single(single(s.toUpperCase(), s).toLowerCase(), single(s.toUpperCase(), s));
    k = cand !== s && new RegExp(`^\\u{${c.toString(16)}}$`, "iu").test(cand) ? cand.codePointAt(0)! : c;
    foldCache.set(c, k);
  }
  return k;
}

/** strToFold: strings.EqualFold(a, b) exactly when strToFold(a) === strToFold(b). */
export function strToFold(s: string): string {
  if (!/[^\x00-\x40\x5b-\x7f]/.test(s)) return s;
  let out = "";
  for (const ch of s) out += String.fromCodePoint(foldRune(ch.codePointAt(0)!));
  return out;
}

/** Finds paths equal under case folding, and paths used both as a file and as a directory. */
export class CollisionChecker {
  readonly #seen = new Map<string, { path: string; isDir: boolean }>();

  check(p: string, isDir: boolean): MochiError | undefined {
    const fold = strToFold(p);
    const other = this.#seen.get(fold);
    if (other !== undefined) {
      if (p !== other.path) return fileError("M074_ZIP_E028", `case-insensitive file name collision: ${q(other.path)} and ${q(p)}`, p);
      if (isDir !== other.isDir) return fileError("M074_ZIP_E029", `entry ${q(p)} is both a file and a directory`, p);
      if (!isDir) return fileError("M074_ZIP_E030", `multiple entries for file ${q(p)}`, p);
    } else {
      this.#seen.set(fold, { path: p, isDir });
    }
    const slash = p.lastIndexOf("/");
    return slash > 0 ? this.check(p.slice(0, slash), true) : undefined;
  }
}

/** An invalid file's error: Go's message as the detail, the path as the place. */
export function fileError(code: ErrorCode, detail: string, where: string): MochiError {
  return new MochiError(code, detail, { where });
}

/**
 * isVendoredPackage: whether `name` lies in a vendored package (vendor/a/b,
 * but not vendor/a.go). Go 1.24 fixed the offset of a nested "/vendor/"
 * (golang.org/issue/37397) and dropped vendor/modules.txt; modules whose
 * go.mod says an older go (or none) keep the old rule so their hashes hold.
 */
export function isVendoredPackage(name: string, go124: boolean): boolean {
  if (go124 && name === "vendor/modules.txt") return true;
  let rest: string;
  if (name.startsWith("vendor/")) rest = name.slice("vendor/".length);
  else {
    const j = name.indexOf("/vendor/");
    if (j < 0) return false;
    rest = name.slice(go124 ? j + "/vendor/".length : "/vendor/".length);
  }
  return rest.includes("/");
}

const GO_VERSION = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+([0-9]+))?$/;
const LAX_GO_VERSION = /^v?([1-9][0-9]*)\.(0|[1-9][0-9]*)[^0-9]/;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** modfile's identifier characters: printable, not a space, not ()[]{},. */
function isIdentChar(c: string): boolean {
  const n = c.codePointAt(0)!;
  if (n < 0x80) return n > 0x20 && n < 0x7f && !"()[]{},".includes(c);
  return PRINTABLE.test(c);
}

/**
 * Splits go.mod text into lines of tokens as modfile's lexer does, or
 * returns undefined on a syntax error (which makes modfile.ParseLax fail).
 */
function goModTokens(text: string): string[][] | undefined {
  const lines: string[][] = [[]];
  const at = (i: number): string => String.fromCodePoint(text.codePointAt(i) ?? 0);
  for (let i = 0; i < text.length; ) {
    const c = at(i);
    const line = lines[lines.length - 1]!;
    if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "\n") {
      lines.push([]);
      i++;
    } else if (text.startsWith("//", i)) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
    } else if (c === "(" || c === ")") {
      line.push(c);
      i++;
    } else if (c === '"' || c === "`") {
      // A string ends at its closing quote on the same line; in "..." a backslash escapes the next character.
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j += text[j] === "\\" && c === '"' ? 2 : 1) {
        if (text[j] === "\n") return undefined;
      }
      if (j >= text.length) return undefined;
      line.push(text.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && isIdentChar(at(j)) && !text.startsWith("//", j)) {
        if (text.startsWith("/*", j)) return undefined;
        j += at(j).length;
      }
      if (j === i) return undefined;
      line.push(text.slice(i, j));
      i = j;
    }
  }
  return lines;
}

/** go.mod bytes as text; bytes that are not UTF-8 become "?", an identifier character as U+FFFD is to modfile. */
function goModText(goMod: Uint8Array): string {
  const s = utf8DecodeStrict(goMod);
  if (s !== undefined) return s;
  let out = "";
  for (let i = 0; i < goMod.length; i += 4096) {
    out += String.fromCharCode(...goMod.subarray(i, i + 4096).map((b) => (b < 0x80 ? b : 0x3f)));
  }
  return out;
}

/**
 * Whether the go.mod's go directive says 1.24 or later, as the zip rules
 * read it: version.Lang of modfile.ParseLax's Go.Version. A file that does
 * not parse, or has no (or no valid) go line, counts as older. Only the
 * lexical structure, blocks and the go directive are checked; errors inside
 * module, require or retract lines, which also fail ParseLax, are not.
 */
export function declaresGo124(goMod: Uint8Array): boolean {
  const lines = goModTokens(goModText(goMod));
  if (lines === undefined) return false;
  let inBlock = false;
  let args: string[] | undefined;
  for (const toks of lines) {
    if (toks.length === 0) continue;
    const parens = toks.filter((t) => t === "(" || t === ")").length;
    if (inBlock) {
      if (toks[0] === ")") {
        if (toks.length > 1) return false;
        inBlock = false;
      } else if (parens > 0) return false;
    } else if (toks[toks.length - 1] === "(") {
      if (toks.length === 1 || parens > 1) return false;
      inBlock = true;
    } else if (parens > 0) return false;
    else if (toks[0] === "go") {
      if (args !== undefined) return false; // repeated go statement
      args = toks.slice(1);
    }
  }
  if (inBlock || args === undefined || args.length !== 1) return false;
  const lang = goLanguage(args[0]!);
  return lang !== undefined && (lang[0] > 1 || (lang[0] === 1 && lang[1] >= 24));
}

/** [major, minor] of a go directive's version, as go/version.Lang reads it after modfile's lax fix-up. */
function goLanguage(v: string): [number, number] | undefined {
  const m = GO_VERSION.exec(v);
  if (m !== null) {
    // go/version accepts no prerelease on a patch release, nor a leading zero in its number.
    if (m[5] !== undefined && (m[3] !== undefined || /^0[0-9]/.test(m[6]!))) return undefined;
    return [Number(m[1]), Number(m[2])];
  }
  const lax = LAX_GO_VERSION.exec(v);
  return lax === null ? undefined : [Number(lax[1]), Number(lax[2])];
}
