// The two [[go-package]] hashes whose input the reference left vague, defined
// here once (docs/lockfile.md, "Hashes") so the bridge and --check agree.

import { compareUtf8, hexEncode, utf8Encode } from "../bytes.js";
import { MochiError } from "../errors.js";
import type { Hashing } from "../hashing.js";
import { isRelativePath } from "../manifest/parse.js";

/**
 * sumdb-record-hash: lowercase hex SHA-256 of the record text exactly as the
 * checksum database serves it in a /lookup answer (the lines between the
 * record id and the signed tree head, e.g. "<m> <v> h1:...\n<m> <v>/go.mod
 * h1:...\n"; the sumdb client's LookupResult.text). It is plain SHA-256, not
 * the log's leaf hash SHA-256(0x00 || text).
 */
export function sumdbRecordHash(recordText: string, hashing: Hashing): string {
  return hexEncode(hashing.digest("sha256", utf8Encode(recordText)));
}

/** One generated wrapper file: its path relative to the wrapper's root, with "/". */
export interface WrapperFile {
  readonly path: string;
  readonly data: Uint8Array;
}

function u64be(n: number): Uint8Array {
  const out = new Uint8Array(8);
  let v = n;
  for (let i = 7; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

/**
 * wrapper-sha256: lowercase hex SHA-256 over the generated wrapper files,
 * sorted by path (UTF-8 byte order), each framed as
 * u64be(len(path)) || path || u64be(len(data)) || data, with path in UTF-8.
 * The length prefixes make the framing unambiguous for any bytes.
 */
export function wrapperSha256(files: readonly WrapperFile[], hashing: Hashing): string {
  const sorted = [...files].sort((a, b) => compareUtf8(a.path, b.path));
  const h = hashing.hasher("sha256");
  sorted.forEach((f, i) => {
    if (!isRelativePath(f.path, false)) throw new MochiError("M057_LOCK_E012", `wrapper file path ${JSON.stringify(f.path)} is not a relative path with /`, { where: "wrapperSha256" });
    if (i > 0 && sorted[i - 1]!.path === f.path) throw new MochiError("M057_LOCK_E015", `wrapper file ${JSON.stringify(f.path)} is listed twice`, { where: "wrapperSha256" });
    const path = utf8Encode(f.path);
    h.update(u64be(path.length)).update(path).update(u64be(f.data.length)).update(f.data);
  });
  return hexEncode(h.finish());
}
