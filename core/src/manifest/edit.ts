// In-place edits of mochi.toml for `mochi-pkg add go` and its removal: the
// user's comments, blank lines, quoting, spacing and line endings stay as
// they were; only the dependency's own text changes. The position index
// (toml-index.ts) gives the spans to splice.
//
// Where a new entry goes:
// 1. an existing `"m" = ...` pair for the module gets its value replaced
//    (its trailing comment stays); a module written any other way (a
//    [go-dependencies."m"] sub-table, dotted keys) is removed and re-added;
// 2. otherwise next to the other [go-dependencies] entries, in the form they
//    use (pairs under the header, `go-dependencies."m" =` dotted keys, or an
//    inline `go-dependencies = { ... }`): at its sorted place when they are
//    sorted (UTF-8 byte order of module paths), else after the last one, with
//    a neighbour's indentation and spacing around "=";
// 3. right under an empty [go-dependencies] header;
// 4. with no [go-dependencies] at all, in a new table at the end of the file.
// The input must be a valid manifest; the result is parsed again and checked.

import { compareUtf8 } from "../bytes.js";
import { MochiError, isMochiError } from "../errors.js";
import { checkPath } from "../go/modpath.js";
import { parseManifest } from "./parse.js";
import type { GoDependency } from "./schema.js";
import { TomlIndex, type TomlEntry } from "./toml-index.js";
import { tomlKey, tomlString, tomlStringArray } from "./toml-text.js";

const TABLE = "go-dependencies";

/** The key order of a go-dependency inline table, as the editor writes it. */
const SPEC_KEYS: readonly [keyof GoDependency, string][] = [
  ["version", "version"],
  ["path", "path"],
  ["git", "git"],
  ["rev", "rev"],
  ["tag", "tag"],
  ["branch", "branch"],
  ["buildTags", "build-tags"],
  ["replace", "replace"],
  ["indirect", "indirect"],
  ["workspace", "workspace"],
];

/** The TOML value for a dependency spec: a plain string when only a version is given. */
export function formatGoDependency(spec: GoDependency | string): string {
  if (typeof spec === "string") return tomlString(spec);
  const parts: string[] = [];
  for (const [field, key] of SPEC_KEYS) {
    const v = spec[field];
    if (v === undefined) continue;
    parts.push(`${key} = ${Array.isArray(v) ? tomlStringArray(v) : typeof v === "string" ? tomlString(v) : String(v)}`);
  }
  if (parts.length === 1 && spec.version !== undefined) return tomlString(spec.version);
  return `{ ${parts.join(", ")} }`;
}

export interface EditOptions {
  /** The file name used in error positions (default "mochi.toml"). */
  readonly file?: string;
}

interface Cut {
  start: number;
  end: number;
  insert?: string;
}

const lineEnding = (text: string): string => (text.includes("\r\n") ? "\r\n" : "\n");

/** Which segment of the entry's written key is the module (path[1]); negative when the key does not name it. */
function moduleSegment(e: TomlEntry): number {
  return 1 - (e.path.length - e.keyStarts.length);
}

/** Entries whose written key names a module of [go-dependencies] (the anchors for edits). */
function keyedEntries(index: TomlIndex): TomlEntry[] {
  return index.entries
    .filter((e) => e.kind !== "element" && e.path.length >= 2 && e.path[0] === TABLE && moduleSegment(e) >= 0)
    .sort((a, b) => a.keyStart - b.keyStart);
}

function splice(text: string, cuts: readonly Cut[]): string {
  let out = text;
  for (const c of [...cuts].sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + (c.insert ?? "") + out.slice(c.end);
  return out;
}

/** Grows a cut over one following blank line when a blank line already precedes it, so no double gap is left. */
function eatGap(text: string, cut: Cut): Cut {
  const before = text.slice(0, cut.start);
  const after = /^[ \t]*\r?\n/.exec(text.slice(cut.end));
  if (after !== null && (before === "" || /\n[ \t]*\r?\n$/.test(before))) return { ...cut, end: cut.end + after[0].length };
  return cut;
}

/** The cuts that delete a module: whole lines of its pairs, its member of an inline table, its sub-table sections. */
function removalCuts(text: string, index: TomlIndex, module: string): Cut[] {
  const cuts: Cut[] = [];
  for (const e of keyedEntries(index)) {
    if (e.path[1] !== module) continue;
    if (e.kind === "pair") cuts.push({ start: e.lineStart, end: e.lineEnd });
    else {
      const after = /^\s*,\s*/.exec(text.slice(e.valueEnd));
      const before = /,\s*$/.exec(text.slice(0, e.keyStart));
      if (after !== null) cuts.push({ start: e.keyStart, end: e.valueEnd + after[0].length });
      else cuts.push({ start: before === null ? e.keyStart : e.keyStart - before[0].length, end: e.valueEnd });
    }
  }
  for (const h of index.headers) {
    if (h.path[0] !== TABLE || h.path[1] !== module) continue;
    const inside = index.entries.filter((e) => e.kind === "pair" && e.table.length >= 2 && e.table[0] === TABLE && e.table[1] === module);
    const end = Math.max(h.lineEnd, ...inside.map((e) => e.lineEnd));
    cuts.push(eatGap(text, { start: h.start, end }));
  }
  // Merge overlapping cuts (a section and the pairs inside it).
  const merged: Cut[] = [];
  for (const c of cuts.sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last !== undefined && c.start <= last.end) last.end = Math.max(last.end, c.end);
    else merged.push({ ...c });
  }
  return merged;
}

/** The start of the comment lines directly above `lineStart`: they belong to the entry below them. */
function commentBlockStart(text: string, lineStart: number): number {
  let at = lineStart;
  while (at > 0) {
    const prev = text.lastIndexOf("\n", at - 2) + 1;
    if (!/^[ \t]*#/.test(text.slice(prev, at))) break;
    at = prev;
  }
  return at;
}

/** Where and how `"module" = value` goes into text that does not define the module. */
function insertion(text: string, index: TomlIndex, module: string, value: string): Cut {
  const nl = lineEnding(text);
  const anchors = keyedEntries(index);
  if (anchors.length > 0) {
    const modules = anchors.map((e) => e.path[1] as string);
    const sorted = modules.every((m, i) => i === 0 || compareUtf8(modules[i - 1]!, m) <= 0);
    const next = sorted ? anchors.find((e) => compareUtf8(e.path[1] as string, module) > 0) : undefined;
    const style = next ?? anchors[anchors.length - 1]!;
    const key = text.slice(style.keyStart, style.keyStarts[moduleSegment(style)]) + tomlString(module);
    const pair = `${key}${text.slice(style.keyEnd, style.valueStart)}${value}`;
    if (style.kind === "inline") {
      if (next !== undefined) return { start: next.keyStart, end: next.keyStart, insert: `${pair}, ` };
      const last = anchors[anchors.length - 1]!;
      return { start: last.valueEnd, end: last.valueEnd, insert: `, ${pair}` };
    }
    const line = text.slice(style.lineStart, style.keyStart) + pair;
    if (next !== undefined) {
      const at = commentBlockStart(text, next.lineStart);
      return { start: at, end: at, insert: line + nl };
    }
    const at = anchors[anchors.length - 1]!.lineEnd;
    return { start: at, end: at, insert: (text.slice(0, at).endsWith("\n") ? "" : nl) + line + nl };
  }
  const inline = index.entry([TABLE]);
  if (inline !== undefined) return { start: inline.valueStart, end: inline.valueEnd, insert: `{ ${tomlString(module)} = ${value} }` };
  const header = index.header([TABLE]);
  const entry = `${tomlString(module)} = ${value}${nl}`;
  if (header !== undefined) {
    const at = header.lineEnd;
    return { start: at, end: at, insert: (text.slice(0, at).endsWith("\n") ? "" : nl) + entry };
  }
  let sep = "";
  if (text !== "" && !text.endsWith("\n")) sep += nl;
  if (text.trim() !== "" && !/\n[ \t]*\r?\n$/.test(text + sep)) sep += nl;
  return { start: text.length, end: text.length, insert: `${sep}[${tomlKey(TABLE)}]${nl}${entry}` };
}

/** Parses the edited text and checks the module's entry (a mismatch is a bug of the editor, not of the input). */
function verify(text: string, module: string, expected: GoDependency | undefined, file: string): void {
  const got = parseManifest(text, { file }).goDependencies.get(module);
  const show = (d: GoDependency | undefined): string => (d === undefined ? "nothing" : formatGoDependency(d));
  if (show(got) !== show(expected)) throw new Error(`manifest editor wrote ${show(got)} for ${module}, expected ${show(expected)}`);
}

/** Checks the module path and the spec by the rules of mochi.toml (same codes). */
function checkSpec(module: string, spec: GoDependency | string): void {
  try {
    checkPath(module);
  } catch (e) {
    if (!isMochiError(e)) throw e;
    throw new MochiError("M057_MANIFEST_E017", `${JSON.stringify(module)} is not a Go module path: ${e.detail}`, { where: `add go ${module}`, cause: e });
  }
  try {
    parseManifest(`[package]\nname = "x"\nversion = "0.0.0"\n[${TABLE}]\n${tomlString(module)} = ${formatGoDependency(spec)}\n`);
  } catch (e) {
    // The position is in a scratch manifest; name the request instead.
    if (isMochiError(e)) throw new MochiError(e.code, e.detail, { where: `add go ${module}`, cause: e });
    throw e;
  }
}

/**
 * Adds `module` to [go-dependencies] of the manifest text, or replaces its
 * entry, keeping everything else as written. `spec` is a version
 * requirement or a GoDependency table. Throws M057_MANIFEST_* when the module,
 * the spec or the manifest itself is invalid.
 */
export function addGoDependency(tomlText: string, module: string, spec: GoDependency | string, options: EditOptions = {}): string {
  const file = options.file ?? "mochi.toml";
  checkSpec(module, spec);
  parseManifest(tomlText, { file });
  const index = new TomlIndex(tomlText);
  const value = formatGoDependency(spec);
  const own = keyedEntries(index).filter((e) => e.path[1] === module);
  let out: string;
  if (own.length === 1 && own[0]!.path.length === 2 && !index.headers.some((h) => h.path[0] === TABLE && h.path[1] === module)) {
    out = splice(tomlText, [{ start: own[0]!.valueStart, end: own[0]!.valueEnd, insert: value }]);
  } else {
    const cuts = removalCuts(tomlText, index, module);
    const base = cuts.length === 0 ? tomlText : splice(tomlText, cuts);
    out = splice(base, [insertion(base, cuts.length === 0 ? index : new TomlIndex(base), module, value)]);
  }
  verify(out, module, typeof spec === "string" ? { version: spec } : spec, file);
  return out;
}

/**
 * Removes `module` from [go-dependencies] (its pair's whole line, its member
 * of an inline table, or its sub-table), keeping everything else, including
 * comments and an emptied [go-dependencies] header. Returns the text
 * unchanged when the module is not there.
 */
export function removeGoDependency(tomlText: string, module: string, options: EditOptions = {}): string {
  const file = options.file ?? "mochi.toml";
  parseManifest(tomlText, { file });
  const cuts = removalCuts(tomlText, new TomlIndex(tomlText), module);
  if (cuts.length === 0) return tomlText;
  const out = splice(tomlText, cuts);
  verify(out, module, undefined, file);
  return out;
}
