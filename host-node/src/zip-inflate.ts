// How the Node host reads module zips: the core's zip reader with node:zlib
// (C zlib) for inflating instead of the portable default (fflate), several
// times faster on large modules. Every place in the host that opens, checks
// or hashes a zip passes `nodeZipOptions`, so all of them see the same bytes.

import { kMaxLength } from "node:buffer";
import { readFileSync } from "node:fs";
import * as zlib from "node:zlib";
import type { Hashing } from "@mochi-pkg/core";
import { MAX_DEFLATE_RATIO, fflateInflateRaw, hashZip, type Crc32, type InflateRaw, type ZipReadOptions } from "@mochi-pkg/core/go";

/**
 * MAX_DEFLATE_RATIO (raw deflate never expands more than 1032:1) plus block
 * overhead bounds what a stream can produce; capping the first output buffer
 * by it keeps a zip that declares a huge size for a few bytes of data from
 * allocating that size up front. (zlib adds more buffer if it is ever short.)
 */
const MAX_BLOCK_OVERHEAD = 1024;

/**
 * node:zlib behind the core's `InflateRaw` contract. The output buffer is
 * sized to the declared size plus one (or what the data can reach, if
 * less), so a well-formed entry inflates in one call with no copying. A stream that inflates past that makes zlib
 * throw ERR_BUFFER_TOO_LARGE and drop what it produced; that stream is
 * inflated again with the core's bounded fflate reader, which returns the
 * first `uncompressedSize + 1` bytes, so the zip reader refuses it as
 * larger than declared, exactly as it does without this host.
 */
export const nodeInflateRaw: InflateRaw = (compressed, uncompressedSize) => {
  // A declared size past what a Buffer can hold is not refused here: an
  // entry that really inflates to less must still read as too short.
  const limit = Math.min(uncompressedSize + 1, kMaxLength);
  const chunkSize = Math.max(zlib.constants.Z_MIN_CHUNK, Math.min(limit, compressed.length * MAX_DEFLATE_RATIO + MAX_BLOCK_OVERHEAD));
  try {
    const out = zlib.inflateRawSync(compressed, { chunkSize, maxOutputLength: limit });
    // A plain Uint8Array view, so that callers see the same type as from the other hosts.
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (e) {
    if ((e as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") return fflateInflateRaw(compressed, uncompressedSize);
    throw e;
  }
};

/**
 * zlib's native CRC-32, several times faster than the core's table-driven
 * one; node:zlib has it from Node 20.15 and 22.2, older Nodes keep the core's.
 */
const nativeCrc32: Crc32 | undefined = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The zip read options every zip operation of the Node host uses. */
export const nodeZipOptions: ZipReadOptions = nativeCrc32 === undefined ? { inflateRaw: nodeInflateRaw } : { inflateRaw: nodeInflateRaw, crc32: nativeCrc32 };

/** dirhash.HashZip over zip bytes, inflating with node:zlib. */
export function hashZipBytes(zip: Uint8Array, hashing: Hashing): string {
  return hashZip(zip, hashing, nodeZipOptions);
}

/**
 * dirhash.HashZip over a zip file, as `go mod download` reports it in `Sum`.
 * Synchronous like the hashing itself: one read of the whole file is about
 * a third faster on a 40 MB zip than fs.promises.readFile, which reads in
 * 512 KiB pieces with a thread-pool round trip for each.
 */
export function hashZipFile(path: string, hashing: Hashing): string {
  return hashZipBytes(readFileSync(path), hashing);
}
