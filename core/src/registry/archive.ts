// The package archive of the Mochi registry: a POSIX ustar file whose bytes
// depend only on the files' paths and contents, so that a publisher, a
// mirror and the fixture registry all produce the same archive, and the
// BLAKE3 the index records identifies the package contents. The registry
// never unpacks an archive; it only verifies that hash (docs/registry.md).

import { compareUtf8, utf8Encode } from "../bytes.js";
import { MochiError } from "../errors.js";
import { isRelativePath } from "../manifest/parse.js";

export interface ArchiveFile {
  /** Relative to the package root, written with "/". */
  readonly path: string;
  readonly data: Uint8Array;
}

const BLOCK = 512;

/** The last part of a package name: "json" for "@mochi/json". */
export function packageBaseName(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}

/** The directory every archive entry lives in: "<base name>-<version>/". */
export function archivePrefix(name: string, version: string): string {
  return `${packageBaseName(name)}-${version}/`;
}

/** Writes `value` as zero-padded octal in `width - 1` digits and a NUL, as ustar numeric fields are. */
function octal(header: Uint8Array, at: number, width: number, value: number): void {
  const digits = value.toString(8).padStart(width - 1, "0");
  header.set(utf8Encode(digits), at);
  header[at + width - 1] = 0;
}

/**
 * Splits a path into ustar's name (at most 100 bytes) and prefix (at most
 * 155 bytes) fields, cutting at a "/"; undefined when no cut fits.
 */
function splitUstarPath(path: Uint8Array): { name: Uint8Array; prefix: Uint8Array } | undefined {
  if (path.length <= 100) return { name: path, prefix: new Uint8Array() };
  for (let cut = Math.min(path.length - 2, 155); cut > 0; cut--) {
    if (path[cut] === 0x2f && path.length - cut - 1 <= 100) return { name: path.subarray(cut + 1), prefix: path.subarray(0, cut) };
  }
  return undefined;
}

function header(path: Uint8Array, size: number): Uint8Array {
  const split = splitUstarPath(path)!;
  const h = new Uint8Array(BLOCK);
  h.set(split.name, 0);
  octal(h, 100, 8, 0o644); // mode
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, size);
  octal(h, 136, 12, 0); // mtime: the epoch, never the clock
  h.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  h[156] = 0x30; // typeflag '0': a regular file
  h.set(utf8Encode("ustar\u0000"), 257);
  h.set(utf8Encode("00"), 263);
  octal(h, 329, 8, 0); // devmajor
  octal(h, 337, 8, 0); // devminor
  h.set(split.prefix, 345);
  let sum = 0;
  for (const b of h) sum += b;
  octal(h, 148, 7, sum);
  h[155] = 0x20;
  return h;
}

/**
 * The archive of one package version: every file under
 * "<base name>-<version>/", sorted by the UTF-8 bytes of its path, as a
 * regular file with mode 0644, owner 0:0, no user or group names and
 * modification time 0, followed by the two zero blocks that end a tar file.
 */
export function packArchive(name: string, version: string, files: readonly ArchiveFile[]): Uint8Array {
  const prefix = archivePrefix(name, version);
  const seen = new Set<string>();
  const entries = files.map((f) => {
    if (!isRelativePath(f.path, false) || f.path.split("/").includes(".")) {
      throw new MochiError("M057_REGISTRY_E018", `${JSON.stringify(f.path)} is not a relative path written with / and without . or .. segments`, { where: `archive of ${name}@${version}` });
    }
    const full = utf8Encode(prefix + f.path);
    if (splitUstarPath(full) === undefined) {
      throw new MochiError("M057_REGISTRY_E018", `${JSON.stringify(prefix + f.path)} is too long for a ustar entry (${full.length} bytes)`, { where: `archive of ${name}@${version}` });
    }
    if (seen.has(f.path)) throw new MochiError("M057_REGISTRY_E019", `${JSON.stringify(f.path)} is listed twice`, { where: `archive of ${name}@${version}` });
    seen.add(f.path);
    return { path: f.path, full, data: f.data };
  });
  entries.sort((a, b) => compareUtf8(a.path, b.path));
  const size = entries.reduce((n, e) => n + BLOCK + Math.ceil(e.data.length / BLOCK) * BLOCK, 2 * BLOCK);
  const out = new Uint8Array(size);
  let at = 0;
  for (const e of entries) {
    out.set(header(e.full, e.data.length), at);
    out.set(e.data, at + BLOCK);
    at += BLOCK + Math.ceil(e.data.length / BLOCK) * BLOCK;
  }
  return out;
}
