// The "h1:" hash of golang.org/x/mod/sumdb/dirhash, which go.sum and the
// checksum database record for module zips and go.mod files:
//
//   summary = for each file, sorted by name as UTF-8 bytes:
//             lowercase hex SHA-256(content) + "  " + name + "\n"
//   h1      = "h1:" + base64(SHA-256(summary))
//
// Names are handled as bytes throughout, because a zip may store names that
// are not UTF-8 and Go hashes them as they are.

import { base64Encode, compareBytes, concatBytes, hexEncode, isWellFormed, utf8Encode } from "../bytes.js";
import { MochiError } from "../errors.js";
import type { Hashing } from "../hashing.js";
import { openZip, type ZipEntry, type ZipReadOptions } from "./zip-format.js";

/** A file to hash: its name as it appears in the summary, and its contents on demand. */
export interface HashFile {
  readonly name: string;
  open(): Uint8Array;
}

interface NamedBytes {
  readonly name: Uint8Array;
  /** The name for error messages. */
  readonly shown: string;
  open(): Uint8Array;
}

const NEWLINE = 0x0a;
const TWO_SPACES = utf8Encode("  ");
const LF = utf8Encode("\n");

/** The summary text that h1 hashes (exposed so callers can show why two hashes differ). */
export function hash1Summary(files: readonly HashFile[], hashing: Hashing): Uint8Array {
  return summaryOf(files.map(encodeName), hashing);
}

/** dirhash.Hash1: "h1:" + base64(SHA-256(summary)). */
export function hash1(files: readonly HashFile[], hashing: Hashing): string {
  return h1Of(summaryOf(files.map(encodeName), hashing), hashing);
}

function encodeName(f: HashFile): NamedBytes {
  if (!isWellFormed(f.name)) {
    throw new MochiError("M074_DIRHASH_E002", `file name ${JSON.stringify(f.name)} is not valid UTF-8`, { where: f.name });
  }
  return { name: utf8Encode(f.name), shown: f.name, open: () => f.open() };
}

function summaryOf(files: readonly NamedBytes[], hashing: Hashing): Uint8Array {
  const sorted = [...files].sort((a, b) => compareBytes(a.name, b.name));
  const parts: Uint8Array[] = [];
  for (const f of sorted) {
    if (f.name.includes(NEWLINE)) {
      throw new MochiError("M074_DIRHASH_E001", "dirhash: filenames with newlines are not supported", {
        where: JSON.stringify(f.shown),
      });
    }
    parts.push(utf8Encode(hexEncode(hashing.digest("sha256", f.open()))), TWO_SPACES, f.name, LF);
  }
  return concatBytes(...parts);
}

function h1Of(summary: Uint8Array, hashing: Hashing): string {
  return "h1:" + base64Encode(hashing.digest("sha256", summary));
}

/**
 * dirhash.HashZip, the hash the go command records for a module zip: every
 * entry of the archive under its stored name, directory entries included
 * (they hash as empty files). When a name repeats, each occurrence hashes
 * the contents of the last entry with that name, as Go's lookup by name does.
 * Each entry's size and CRC-32 are verified as it is read.
 */
export function hashZip(zip: Uint8Array, hashing: Hashing, options: ZipReadOptions = {}): string {
  const archive = openZip(zip, options);
  const last = new Map<string, ZipEntry>();
  for (const e of archive.entries) last.set(e.name, e);
  const files = archive.entries.map((e): NamedBytes => ({ name: e.nameBytes, shown: e.name, open: () => archive.read(last.get(e.name)!) }));
  return h1Of(summaryOf(files, hashing), hashing);
}

/** The "/go.mod" hash of go.sum: Hash1 over one file named "go.mod" (no module@version prefix). */
export function hashGoMod(goMod: Uint8Array, hashing: Hashing): string {
  return hash1([{ name: "go.mod", open: () => goMod }], hashing);
}

/** One go.sum line: `<module> <version>[/go.mod] <hash>`. */
export function formatGoSumLine(modulePath: string, version: string, hash: string, goMod = false): string {
  return `${modulePath} ${version}${goMod ? "/go.mod" : ""} ${hash}`;
}
