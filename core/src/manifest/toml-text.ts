// The TOML spellings every mochi-pkg writer shares: the canonical manifest,
// the lockfile writer and the in-place manifest editor. One place decides how
// a string or a key is quoted, so the three can never disagree, and every
// spelling is valid TOML 1.0 whatever the input (quotes, backslashes, control
// characters, any Unicode).

/** A TOML key path, for messages: array indices are numbers. */
export type TomlPath = readonly (string | number)[];

const BARE_KEY = /^[A-Za-z0-9_-]+$/;
/** Strings that need no escaping at all: the fast path of tomlString. */
const PLAIN = /^[^"\\\u0000-\u001f\u007f]*$/;

/** True when `key` may be written without quotes. */
export function isBareKey(key: string): boolean {
  return BARE_KEY.test(key);
}

/**
 * A TOML basic string holding `s` normalised to NFC. Escapes: `\"`, `\\`,
 * the short forms `\b \t \n \f \r`, and `\u00XX` (lowercase hex) for the other
 * C0 controls and DEL. Everything else, including non-ASCII, is written as
 * is (UTF-8). The caller guarantees `s` is well-formed Unicode.
 */
export function tomlString(s: string): string {
  const n = s.normalize("NFC");
  if (PLAIN.test(n)) return `"${n}"`;
  let out = '"';
  // After an escape, the text ends in an ASCII letter or digit ("\r", "\u001f"); a
  // combining mark written raw there would compose with it if the whole file were
  // NFC-normalised ("\r" + U+0301 -> "\ŕ", an invalid escape). Such a mark is
  // escaped too, so the file text itself stays NFC.
  let escaped = false;
  for (const ch of n) {
    const c = ch.charCodeAt(0);
    const before = out.length;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0c) out += "\\f";
    else if (c === 0x0d) out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\u00${c.toString(16).padStart(2, "0")}`;
    else if (escaped && (out[out.length - 1]! + ch).normalize("NFC") !== out[out.length - 1]! + ch) out += unicodeEscape(ch);
    else out += ch;
    escaped = out.length - before > ch.length;
  }
  return `${out}"`;
}

/** `\uXXXX` or `\UXXXXXXXX` (lowercase hex) for one code point. */
function unicodeEscape(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp > 0xffff ? `\\U${cp.toString(16).padStart(8, "0")}` : `\\u${cp.toString(16).padStart(4, "0")}`;
}

/** A key: bare when the TOML grammar allows, a basic string otherwise. */
export function tomlKey(key: string): string {
  const n = key.normalize("NFC");
  return isBareKey(n) ? n : tomlString(n);
}

/** An inline array of strings: `["a", "b"]`, or `[]`. */
export function tomlStringArray(items: readonly string[]): string {
  return `[${items.map(tomlString).join(", ")}]`;
}

/** A dotted key path for messages and headers: `go-dependencies."github.com/x/y".version`, `package[2]`. */
export function formatTomlPath(path: TomlPath): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += (out === "" ? "" : ".") + tomlKey(p);
  }
  return out === "" ? "(document)" : out;
}
