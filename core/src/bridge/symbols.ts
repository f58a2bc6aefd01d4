// The one export-symbol naming scheme of the bridge: wrappers, channel and
// callback shims and monomorphised instances all get their C symbol here.
//
//   mochi_<h8>__<package>__<item>[__<member>]...
//
// <h8> is the first 8 hex digits of SHA-256("<module path>@<major>"), so two
// majors of one module (v1 and v2+incompatible share a path) and two modules
// whose mangled names would match never collide. Each part is mangled
// injectively into [A-Za-z0-9_] without "__": letters and digits stay, "_"
// becomes "_1", "/" "_2", "." "_3", "-" "_4", "~" "_5", anything else
// "_u" and its code point in six hex digits. The package part is the import path relative to the
// module root ("" for the root package, written "_0").

import { hexEncode, utf8Encode } from "../bytes.js";
import type { Hashing } from "../hashing.js";
import { major } from "../go/semver.js";

const ESCAPES: Readonly<Record<string, string>> = { _: "_1", "/": "_2", ".": "_3", "-": "_4", "~": "_5" };

/** Mangles one name part; injective, and the result never contains "__". */
export function mangle(part: string): string {
  if (part === "") return "_0";
  let out = "";
  for (const ch of part) {
    if (/^[A-Za-z0-9]$/.test(ch)) out += ch;
    else out += ESCAPES[ch] ?? `_u${ch.codePointAt(0)!.toString(16).padStart(6, "0")}`;
  }
  return out;
}

/** The module's symbol prefix: `mochi_<h8>`. `version` decides the major (v0 and v1 count as one). */
export function modulePrefix(modulePath: string, version: string, hashing: Hashing): string {
  const m = major(version);
  const key = `${modulePath}@${m === "v0" ? "v1" : m}`;
  return `mochi_${hexEncode(hashing.digest("sha256", utf8Encode(key))).slice(0, 8)}`;
}

/** The package part of a symbol: the import path relative to the module root. */
export function packagePart(modulePath: string, importPath: string): string {
  if (importPath === modulePath) return "";
  if (!importPath.startsWith(`${modulePath}/`)) throw new Error(`${importPath} is not inside module ${modulePath}`);
  return importPath.slice(modulePath.length + 1);
}

/** `mochi_<h8>__<package>__<part>__...`: the symbol of an item (and member) of a package. */
export function exportSymbol(prefix: string, modulePath: string, importPath: string, ...parts: string[]): string {
  return [prefix, mangle(packagePart(modulePath, importPath)), ...parts.map(mangle)].join("__");
}
