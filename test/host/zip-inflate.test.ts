// The Node host's zip inflate (node:zlib) must read every archive exactly as
// the core's default (fflate) does: the same bytes for good entries and the
// same error code for each kind of bad one.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesEqual } from "../../core/src/bytes.js";
import { MochiError } from "../../core/src/errors.js";
import type { Hashing } from "../../core/src/hashing.js";
import { hashZip } from "../../core/src/go/dirhash.js";
import { deflateEntry, encodeZip, fflateInflateRaw, openZip, type RawZipEntry, type ZipReadOptions } from "../../core/src/go/zip-format.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { hashZipBytes, hashZipFile, nodeInflateRaw, nodeZipOptions } from "../../host-node/src/zip-inflate.js";
import { expectCode } from "../support/errors.js";

/** Bytes that deflate a little (repeats) and not at all (noise), so both block kinds occur. */
function sample(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = i % 4096 < 2048 ? (i % 97) & 0xff : x >>> 24;
  }
  return out;
}

const SIZES = [0, 1, 63, 64, 65, 1000, 1 << 16, (1 << 20) + 3];
const READERS: [string, ZipReadOptions][] = [
  ["fflate (core default)", {}],
  ["node:zlib (nodeZipOptions)", nodeZipOptions],
];

function readOnly(entry: RawZipEntry, options: ZipReadOptions): Uint8Array {
  const z = openZip(encodeZip([entry]), options);
  return z.read(z.entries[0]!);
}

let hashing: Hashing;
let dir = "";
beforeAll(async () => {
  hashing = await nodeHashing();
  dir = mkdtempSync(join(tmpdir(), "mochi-zip-inflate-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("nodeInflateRaw", () => {
  it.each(SIZES)("inflates %i bytes exactly as fflate does", (size) => {
    const data = sample(size, size + 1);
    const { compressed } = deflateEntry("f", data);
    const got = nodeInflateRaw(compressed, size);
    expect(Object.getPrototypeOf(got)).toBe(Uint8Array.prototype);
    // bytesEqual, not toEqual: vitest compares a megabyte element by element for seconds.
    expect(bytesEqual(got, data)).toBe(true);
    expect(bytesEqual(got, fflateInflateRaw(compressed, size))).toBe(true);
  });

  it("stops a stream that inflates past the declared size after size + 1 bytes, like fflate", () => {
    const { compressed } = deflateEntry("bomb", new Uint8Array(1 << 20));
    expect(nodeInflateRaw(compressed, 10).length).toBe(11);
    expect(fflateInflateRaw(compressed, 10).length).toBe(11);
  });
});

describe.each(READERS)("zip entries read with %s", (_, options) => {
  it("reads good entries", () => {
    for (const size of SIZES) expect(bytesEqual(readOnly(deflateEntry("f", sample(size, 7)), options), sample(size, 7)), `${size} bytes`).toBe(true);
  });

  it("refuses a zip bomb past its declared size as M074_ZIP_E012", () => {
    expectCode(() => readOnly({ ...deflateEntry("bomb", new Uint8Array(1 << 20)), uncompressedSize: 10 }, options), "M074_ZIP_E012");
  });

  it("refuses an entry one byte longer than declared as M074_ZIP_E012", () => {
    expectCode(() => readOnly({ ...deflateEntry("long", sample(100, 3)), uncompressedSize: 99 }, options), "M074_ZIP_E012");
  });

  it("refuses an entry shorter than declared as M074_ZIP_E013", () => {
    expectCode(() => readOnly({ ...deflateEntry("short", sample(100, 3)), uncompressedSize: 101 }, options), "M074_ZIP_E013");
  });

  it("refuses a declared size no Buffer can hold, for data that is short, as M074_ZIP_E013", () => {
    expectCode(() => readOnly({ name: "huge", method: 8, compressed: new Uint8Array([3, 0]), crc32: 0, uncompressedSize: 2 ** 40 }, options), "M074_ZIP_E013");
  });

  it("refuses corrupt and truncated deflate data as M074_ZIP_E011", () => {
    expectCode(() => readOnly({ name: "bad", method: 8, compressed: new Uint8Array([0xff, 0xff]), crc32: 0, uncompressedSize: 3 }, options), "M074_ZIP_E011");
    const { compressed, ...rest } = deflateEntry("cut", sample(5000, 9));
    expectCode(() => readOnly({ ...rest, compressed: compressed.subarray(0, compressed.length - 5) }, options), "M074_ZIP_E011");
  });
});

describe("hashZipBytes and hashZipFile", () => {
  it("give the core's h1 for the same zip", () => {
    const zip = encodeZip(SIZES.map((size, i) => deflateEntry(`m@v1.0.0/f${i}`, sample(size, i))));
    const want = hashZip(zip, hashing);
    expect(want).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
    expect(hashZipBytes(zip, hashing)).toBe(want);
    const path = join(dir, "m.zip");
    writeFileSync(path, zip);
    expect(hashZipFile(path, hashing)).toBe(want);
  });
});
