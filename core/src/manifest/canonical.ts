// The canonical manifest form and manifest_hash. The lockfile records a hash
// of the manifest so `mochi-pkg lock --check` can tell a stale lock (E001);
// hashing the file's bytes would call a lock stale after a comment edit, so
// the hash is taken over a canonical re-emission of the parsed manifest:
//
// - keys sorted by UTF-8 bytes, every table under its full [header], no
//   comments, no blank-line variations, LF, one final newline;
// - string forms normalised: `"m" = "v1"` is `"m" = { version = "v1" }`;
// - sets sorted and deduplicated (build tags, capabilities, targets, member
//   patterns, private globs, feature lists, monomorphise entries); ordered
//   lists (authors, keywords, ffi, type-args) keep their order;
// - empty tables and arrays dropped (absent and empty mean the same);
// - strings in NFC, quoted by toml-text.ts.
//
// Defaults are not filled in: the form holds what the manifest writes.

import { compareUtf8, hexEncode, utf8Encode } from "../bytes.js";
import type { Hashing } from "../hashing.js";
import { INHERITABLE_PACKAGE_KEYS, isFromWorkspace, type Dependency, type GoDependency, type Manifest, type PackageMetadata, type WorkspaceSection } from "./schema.js";
import { formatTomlPath, tomlKey, tomlString } from "./toml-text.js";

/** A TOML value in the canonical data model: tables are Maps so any key is safe. */
export type CanonicalValue = string | number | boolean | readonly CanonicalValue[] | CanonicalTable;
export type CanonicalTable = ReadonlyMap<string, CanonicalValue>;

const isTable = (v: CanonicalValue): v is CanonicalTable => v instanceof Map;
const isTableArray = (v: CanonicalValue): v is readonly CanonicalTable[] => Array.isArray(v) && v.length > 0 && v.every((x) => x instanceof Map);

/** Builds a table from entries, dropping undefined values, empty arrays and empty tables. */
function table(entries: Iterable<readonly [string, CanonicalValue | undefined]>): Map<string, CanonicalValue> {
  const out = new Map<string, CanonicalValue>();
  for (const [k, v] of entries) {
    if (v === undefined || (Array.isArray(v) && v.length === 0) || (v instanceof Map && v.size === 0)) continue;
    out.set(k.normalize("NFC"), v);
  }
  return out;
}

const set = (xs: readonly string[] | undefined): string[] | undefined => (xs === undefined ? undefined : [...new Set(xs.map((x) => x.normalize("NFC")))].sort(compareUtf8));

/** The inheritable [package] keys; `{ workspace = true }` stays a marker. */
function metadata(m: { readonly [K in keyof PackageMetadata]?: unknown }): [string, CanonicalValue | undefined][] {
  return INHERITABLE_PACKAGE_KEYS.map((k) => {
    const v = m[k];
    return [k, isFromWorkspace(v) ? table([["workspace", true]]) : (v as CanonicalValue | undefined)];
  });
}

function dependency(d: Dependency): CanonicalTable {
  return table([
    ["version", d.version],
    ["path", d.path],
    ["git", d.git],
    ["rev", d.rev],
    ["tag", d.tag],
    ["branch", d.branch],
    ["optional", d.optional],
    ["workspace", d.workspace],
  ]);
}

function goDependency(d: GoDependency): CanonicalTable {
  return table([
    ["version", d.version],
    ["path", d.path],
    ["git", d.git],
    ["rev", d.rev],
    ["tag", d.tag],
    ["branch", d.branch],
    ["build-tags", set(d.buildTags)],
    ["replace", d.replace],
    ["indirect", d.indirect],
    ["workspace", d.workspace],
  ]);
}

function mapOf<T>(m: ReadonlyMap<string, T> | undefined, f: (v: T) => CanonicalValue): CanonicalTable | undefined {
  return m === undefined ? undefined : table([...m].map(([k, v]) => [k, f(v)] as const));
}

function workspace(w: WorkspaceSection): CanonicalTable {
  return table([
    ["members", set(w.members)],
    ["exclude", set(w.exclude)],
    ["package", w.package === undefined ? undefined : table(metadata(w.package))],
    ["dependencies", mapOf(w.dependencies, dependency)],
    ["go-dependencies", mapOf(w.goDependencies, goDependency)],
  ]);
}

/** The manifest in the canonical data model (the inverse of parseManifest, up to normal forms). */
export function manifestToCanonical(m: Manifest): CanonicalTable {
  const p = m.package;
  const go = m.go;
  const publish = go?.publish;
  const monomorphise = go?.monomorphise
    ?.map((x) => table([["item", x.item], ["type-args", [...x.typeArgs]]]))
    .sort((a, b) => compareUtf8(emitInline(a), emitInline(b)));
  return table([
    [
      "package",
      p === undefined ? undefined : table([...metadata(p), ["name", p.name], ["capabilities", set(p.capabilities)], ["targets", set(p.targets)]]),
    ],
    ["dependencies", mapOf(m.dependencies, dependency)],
    // A feature with an empty list still exists, so features keep empty arrays.
    ["features", m.features.size === 0 ? undefined : new Map([...m.features].map(([k, list]) => [k.normalize("NFC"), set(list)!] as const))],
    ["workspace", m.workspace === undefined ? undefined : workspace(m.workspace)],
    ["go-dependencies", mapOf(m.goDependencies, goDependency)],
    [
      "go",
      go === undefined
        ? undefined
        : table([
            ["go-version", go.goVersion],
            ["profile", go.profile],
            ["build-tags", set(go.buildTags)],
            ["goroutine-bridge", go.goroutineBridge && table([["default-buffer", go.goroutineBridge.defaultBuffer], ["max-handles", go.goroutineBridge.maxHandles]])],
            ["monomorphise", monomorphise],
            ["capabilities", go.capabilities && table(Object.entries(go.capabilities))],
            ["private", go.private && table([["modules", set(go.private.modules)], ["sumdb-skip", set(go.private.sumdbSkip)]])],
            [
              "publish",
              publish &&
                table([
                  ["canonical-import-path", publish.canonicalImportPath],
                  ["go-version-floor", publish.goVersionFloor],
                  ["license", publish.license],
                  ["cgo-export", publish.cgoExport],
                  ["vanity", publish.vanity && table([["repo", publish.vanity.repo], ["vcs", publish.vanity.vcs], ["root", publish.vanity.root], ["subdir", publish.vanity.subdir]])],
                ]),
            ],
          ]),
    ],
    [
      "targets",
      table(
        [...m.targets].map(([t, s]) => [t, table([["ffi", s.ffi && [...s.ffi]], ["overrides", mapOf(s.overrides, (x) => x)]])] as const),
      ),
    ],
  ]);
}

function emitInline(v: CanonicalValue): string {
  if (typeof v === "string") return tomlString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (isTable(v)) {
    const keys = [...v.keys()].sort(compareUtf8);
    return keys.length === 0 ? "{}" : `{ ${keys.map((k) => `${tomlKey(k)} = ${emitInline(v.get(k)!)}`).join(", ")} }`;
  }
  return `[${v.map(emitInline).join(", ")}]`;
}

function emitTable(t: CanonicalTable, path: readonly string[], out: string[]): void {
  const keys = [...t.keys()].sort(compareUtf8);
  for (const k of keys) {
    const v = t.get(k)!;
    if (!isTable(v) && !isTableArray(v)) out.push(`${tomlKey(k)} = ${emitInline(v)}`);
  }
  for (const k of keys) {
    const v = t.get(k)!;
    const sub = [...path, k];
    if (isTable(v)) {
      // A table holding only tables needs no header of its own: theirs define it.
      if ([...v.values()].some((x) => !isTable(x) && !isTableArray(x))) out.push("", `[${formatTomlPath(sub)}]`);
      emitTable(v, sub, out);
    } else if (isTableArray(v)) {
      for (const element of v) {
        out.push("", `[[${formatTomlPath(sub)}]]`);
        emitTable(element, sub, out);
      }
    }
  }
}

/** The canonical TOML text of a canonical table: valid TOML that parses back to the same data. */
export function emitCanonicalToml(t: CanonicalTable): string {
  const out: string[] = [];
  emitTable(t, [], out);
  while (out[0] === "") out.shift();
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}

/** The canonical text of a manifest (docs/manifest.md, "Canonical form"). */
export function canonicalManifest(m: Manifest): string {
  return emitCanonicalToml(manifestToCanonical(m));
}

/** A workspace member for the workspace's manifest hash: its directory relative to the root and its manifest. */
export interface WorkspaceMemberManifest {
  readonly path: string;
  readonly manifest: Manifest;
}

/**
 * `manifest_hash`: "blake3-256:" and the lowercase hex BLAKE3-256 of the
 * canonical text. For a workspace, the members' canonical texts follow the
 * root's, sorted by path, each after a line `# member "<path>"`; canonical
 * text never holds a comment, so the framing is unambiguous.
 */
export function manifestHash(m: Manifest, hashing: Hashing, members: readonly WorkspaceMemberManifest[] = []): string {
  let text = canonicalManifest(m);
  const sorted = [...members].sort((a, b) => compareUtf8(a.path.normalize("NFC"), b.path.normalize("NFC")));
  for (const member of sorted) text += `# member ${tomlString(member.path)}\n${canonicalManifest(member.manifest)}`;
  return `blake3-256:${hexEncode(hashing.digest("blake3", utf8Encode(text)))}`;
}
