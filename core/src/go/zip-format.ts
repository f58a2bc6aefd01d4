// The ZIP container (PKWARE APPNOTE.TXT) as far as Go module zips need it:
// reading stored and deflated entries (with data descriptors and zip64
// records) out of a Uint8Array, and writing deterministic archives.
//
// The reader is strict where leniency would let two tools see different
// files in the same bytes: the central directory must end where the end
// record begins, local headers must repeat the central directory's name and
// method, entries may not overlap (the classic zip-bomb trick), and every
// extracted entry must have exactly its declared size and CRC-32.

import { deflateSync, inflateSync } from "fflate";
import { bytesEqual, utf8DecodeStrict, utf8Encode } from "../bytes.js";
import { MochiError, type ErrorCode } from "../errors.js";

/**
 * Inflates a raw deflate stream. Must return the whole output when it is at
 * most `uncompressedSize` bytes; when the stream holds more, it may stop
 * after `uncompressedSize + 1` bytes (the reader then refuses the entry).
 * The Node host can pass node:zlib here; the default is fflate.
 */
export type InflateRaw = (compressed: Uint8Array, uncompressedSize: number) => Uint8Array;

/** CRC-32 (IEEE) of a whole buffer. */
export type Crc32 = (data: Uint8Array) => number;

export interface ZipReadOptions {
  readonly inflateRaw?: InflateRaw;
  /** The entries' CRC check; the Node host passes zlib's native one, the default is crc32 below. */
  readonly crc32?: Crc32;
}

/** Deflate cannot expand data more than 1032 times (258-byte matches coded in 2 bits), plus block overhead. */
export const MAX_DEFLATE_RATIO = 1032;

/**
 * fflate, writing into a buffer one byte longer than the output may be:
 * fflate stops when the buffer is full, which bounds a zip bomb, and a
 * declared size the data cannot reach is not allocated.
 */
export const fflateInflateRaw: InflateRaw = (compressed, uncompressedSize) => {
  const reachable = compressed.length * MAX_DEFLATE_RATIO + 1024;
  return inflateSync(compressed, { out: new Uint8Array(Math.min(uncompressedSize, reachable) + 1) });
};

export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;

export interface ZipEntry {
  /** The name as UTF-8; bytes that are not valid UTF-8 appear as lone surrogates U+DC80..U+DCFF. */
  readonly name: string;
  /** The name exactly as stored (what dirhash hashes). */
  readonly nameBytes: Uint8Array;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** Where the compressed bytes start (after the local header). */
  readonly dataOffset: number;
}

export interface ZipArchive {
  /** Entries in central-directory order. */
  readonly entries: readonly ZipEntry[];
  /** The entry's uncompressed bytes, after checking its size and CRC-32. Stored entries are views, not copies. */
  read(entry: ZipEntry): Uint8Array;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
const END_LEN = 22;
const END64_LEN = 56;
const LOCATOR64_LEN = 20;
const CENTRAL_LEN = 46;
const LOCAL_LEN = 30;
const ZIP64_EXTRA = 0x0001;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

// ---- CRC-32 (IEEE), slicing-by-8 ----

const CRC_TABLE = (() => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) t[k * 256 + n] = t[(k - 1) * 256 + n]! >>> 8 ^ t[t[(k - 1) * 256 + n]! & 0xff]!;
  }
  return t;
})();

/** CRC-32 as zip and Go's hash/crc32.ChecksumIEEE compute it; `crc` continues an earlier run. */
export function crc32(data: Uint8Array, crc = 0): number {
  const t = CRC_TABLE;
  let c = ~crc;
  let i = 0;
  const end8 = data.length - (data.length % 8);
  for (; i < end8; i += 8) {
    const lo = c ^ (data[i]! | data[i + 1]! << 8 | data[i + 2]! << 16 | data[i + 3]! << 24);
    c = t[1792 + (lo & 0xff)]! ^ t[1536 + (lo >>> 8 & 0xff)]! ^ t[1280 + (lo >>> 16 & 0xff)]! ^ t[1024 + (lo >>> 24)]!
      ^ t[768 + data[i + 4]!]! ^ t[512 + data[i + 5]!]! ^ t[256 + data[i + 6]!]! ^ t[data[i + 7]!]!;
  }
  for (; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ c >>> 8;
  return ~c >>> 0;
}

// ---- reading ----

/** Little-endian field access with bounds checks that fail with the caller's code. */
class Fields {
  constructor(readonly bytes: Uint8Array, readonly fail: (why: string) => never) {}

  need(at: number, len: number): void {
    if (at < 0 || at + len > this.bytes.length) this.fail(`needs bytes ${at}..${at + len} but the archive has ${this.bytes.length}`);
  }
  u16(at: number): number {
    this.need(at, 2);
    return this.bytes[at]! | this.bytes[at + 1]! << 8;
  }
  u32(at: number): number {
    this.need(at, 4);
    return (this.bytes[at]! | this.bytes[at + 1]! << 8 | this.bytes[at + 2]! << 16 | this.bytes[at + 3]! << 24) >>> 0;
  }
  /** A 64-bit size or offset; values past 2^53 cannot describe a Uint8Array and are refused. */
  u64(at: number): number {
    const hi = this.u32(at + 4);
    if (hi >= 0x200000) this.fail(`64-bit value at ${at} is too large`);
    return hi * 0x100000000 + this.u32(at);
  }
}

const hex32 = (n: number): string => "0x" + n.toString(16).padStart(8, "0");

function zipError(code: ErrorCode, where: string): (why: string) => never {
  return (why) => {
    throw new MochiError(code, why, { where });
  };
}

/** Decodes a stored name; invalid UTF-8 bytes become U+DC80..U+DCFF so that checks can name and refuse them. */
function decodeName(bytes: Uint8Array): string {
  const s = utf8DecodeStrict(bytes);
  if (s !== undefined) return s;
  let out = "";
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : String.fromCharCode(0xdc00 | b);
  return out;
}

interface End {
  readonly entries: number;
  readonly cdSize: number;
  readonly cdOffset: number;
  /** Where the central directory must end: the zip64 end record, or the end record. */
  readonly cdLimit: number;
}

/** Finds the end-of-central-directory record: the last signature whose comment reaches exactly to the end. */
function findEnd(f: Fields): End {
  const len = f.bytes.length;
  const notZip = zipError("M074_ZIP_E001", "end of archive");
  if (len < END_LEN) notZip(`not a valid zip file: ${len} bytes is shorter than an end-of-central-directory record`);
  let at = -1;
  for (let i = len - END_LEN; i >= Math.max(0, len - END_LEN - U16_MAX); i--) {
    if (f.u32(i) === SIG_END && i + END_LEN + f.u16(i + 20) === len) {
      at = i;
      break;
    }
  }
  if (at < 0) notZip("not a valid zip file: no end-of-central-directory record");
  const disk = f.u16(at + 4);
  const cdDisk = f.u16(at + 6);
  const onDisk = f.u16(at + 8);
  let entries = f.u16(at + 10);
  let cdSize = f.u32(at + 12);
  let cdOffset = f.u32(at + 16);
  const multiDisk = zipError("M074_ZIP_E002", "end of central directory");
  if (disk !== 0 || cdDisk !== 0 || onDisk !== entries) multiDisk(`archive spans disks (disk ${disk}, directory on disk ${cdDisk})`);
  let cdLimit = at;
  const loc = at - LOCATOR64_LEN;
  if ((entries === U16_MAX || cdSize === U32_MAX || cdOffset === U32_MAX) && loc >= 0 && f.u32(loc) === SIG_LOCATOR64) {
    const bad64 = zipError("M074_ZIP_E003", `zip64 end-of-central-directory locator at ${loc}`);
    const f64 = new Fields(f.bytes, bad64);
    if (f64.u32(loc + 4) !== 0 || f64.u32(loc + 16) !== 1) multiDisk("zip64 archive spans disks");
    const rec = f64.u64(loc + 8);
    if (rec + END64_LEN > loc) bad64(`zip64 end record offset ${rec} does not leave room before the locator`);
    if (f64.u32(rec) !== SIG_END64) bad64(`no zip64 end-of-central-directory record at ${rec}`);
    if (rec + 12 + f64.u64(rec + 4) !== loc) bad64("zip64 end record does not end where the locator begins");
    if (f64.u32(rec + 16) !== 0 || f64.u32(rec + 20) !== 0 || f64.u64(rec + 24) !== f64.u64(rec + 32)) {
      multiDisk("zip64 archive spans disks");
    }
    entries = f64.u64(rec + 32);
    cdSize = f64.u64(rec + 40);
    cdOffset = f64.u64(rec + 48);
    cdLimit = rec;
  }
  if (cdOffset + cdSize !== cdLimit) {
    zipError("M074_ZIP_E004", "end of central directory")(
      `central directory at ${cdOffset} of ${cdSize} bytes does not end where the end record begins (${cdLimit})`,
    );
  }
  if (entries * CENTRAL_LEN > cdSize) {
    zipError("M074_ZIP_E005", "central directory")(`${entries} entries cannot fit in ${cdSize} bytes`);
  }
  return { entries, cdSize, cdOffset, cdLimit };
}

/** The zip64 extended-information extra field overrides exactly the fields that are saturated, in this order. */
function applyZip64(f: Fields, extraAt: number, extraLen: number, sizes: { usize: number; csize: number; offset: number }): boolean {
  const end = extraAt + extraLen;
  for (let at = extraAt; at + 4 <= end; ) {
    const id = f.u16(at);
    const size = f.u16(at + 2);
    if (at + 4 + size > end) break;
    if (id === ZIP64_EXTRA) {
      let p = at + 4;
      const take = (): number => {
        if (p + 8 > at + 4 + size) f.fail("zip64 extra field is too short for the saturated fields");
        const v = f.u64(p);
        p += 8;
        return v;
      };
      if (sizes.usize === U32_MAX) sizes.usize = take();
      if (sizes.csize === U32_MAX) sizes.csize = take();
      if (sizes.offset === U32_MAX) sizes.offset = take();
      return true;
    }
    at += 4 + size;
  }
  return false;
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

function readCentral(f0: Fields, at: number, index: number): { entry: ZipEntry; next: number; span: Span } {
  const where = `central directory entry ${index}`;
  const f = new Fields(f0.bytes, zipError("M074_ZIP_E005", where));
  if (f.u32(at) !== SIG_CENTRAL) f.fail(`bad signature ${hex32(f.u32(at))} at ${at}`);
  const flags = f.u16(at + 8);
  const method = f.u16(at + 10);
  const crc = f.u32(at + 16);
  const nameLen = f.u16(at + 28);
  const extraLen = f.u16(at + 30);
  const commentLen = f.u16(at + 32);
  f.need(at + CENTRAL_LEN, nameLen + extraLen + commentLen);
  const nameBytes = f.bytes.slice(at + CENTRAL_LEN, at + CENTRAL_LEN + nameLen);
  const name = decodeName(nameBytes);
  const named = `zip entry ${JSON.stringify(name)}`;
  const sizes = { usize: f.u32(at + 24), csize: f.u32(at + 20), offset: f.u32(at + 42) };
  const saturated = sizes.usize === U32_MAX || sizes.csize === U32_MAX || sizes.offset === U32_MAX;
  const zip64 = applyZip64(f, at + CENTRAL_LEN + nameLen, extraLen, sizes);
  if (saturated && !zip64) f.fail(`${named} has a saturated size or offset but no zip64 extra field`);
  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) zipError("M074_ZIP_E006", named)("entry is encrypted");
  if (method !== METHOD_STORE && method !== METHOD_DEFLATE) {
    zipError("M074_ZIP_E007", named)(`compression method ${method} is not supported (only 0 stored and 8 deflate)`);
  }
  if (method === METHOD_STORE && sizes.csize !== sizes.usize) {
    zipError("M074_ZIP_E010", named)(`stored entry has compressed size ${sizes.csize} but uncompressed size ${sizes.usize}`);
  }
  const { dataOffset, dataEnd } = readLocal(f0.bytes, sizes.offset, { name, nameBytes, method, flags, crc, ...sizes });
  const entry: ZipEntry = {
    name, nameBytes, method, flags, crc32: crc, compressedSize: sizes.csize, uncompressedSize: sizes.usize,
    localHeaderOffset: sizes.offset, dataOffset,
  };
  return { entry, next: at + CENTRAL_LEN + nameLen + extraLen + commentLen, span: { start: sizes.offset, end: dataEnd, name } };
}

interface CentralFacts {
  readonly name: string;
  readonly nameBytes: Uint8Array;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly usize: number;
  readonly csize: number;
}

/** Checks the local header against the central directory; returns where the data (and any descriptor) lies. */
function readLocal(bytes: Uint8Array, at: number, c: CentralFacts): { dataOffset: number; dataEnd: number } {
  const named = `zip entry ${JSON.stringify(c.name)}`;
  const f = new Fields(bytes, zipError("M074_ZIP_E008", named));
  if (f.u32(at) !== SIG_LOCAL) f.fail(`no local file header at offset ${at}`);
  const flags = f.u16(at + 6);
  const nameLen = f.u16(at + 26);
  const extraLen = f.u16(at + 28);
  f.need(at + LOCAL_LEN, nameLen + extraLen);
  if (!bytesEqual(bytes.subarray(at + LOCAL_LEN, at + LOCAL_LEN + nameLen), c.nameBytes)) {
    f.fail("local header names a different file than the central directory");
  }
  if (f.u16(at + 8) !== c.method) f.fail(`local header says method ${f.u16(at + 8)}, central directory ${c.method}`);
  if ((flags & FLAG_DESCRIPTOR) !== (c.flags & FLAG_DESCRIPTOR)) f.fail("local header and central directory disagree on the data descriptor");
  if (!(flags & FLAG_DESCRIPTOR)) {
    const lcrc = f.u32(at + 14);
    const lcsize = f.u32(at + 18);
    const lusize = f.u32(at + 22);
    if (lcrc !== c.crc) f.fail(`local header CRC-32 ${hex32(lcrc)} differs from the central directory's ${hex32(c.crc)}`);
    if ((lcsize !== U32_MAX && lcsize !== c.csize) || (lusize !== U32_MAX && lusize !== c.usize)) {
      f.fail(`local header sizes ${lcsize}/${lusize} differ from the central directory's ${c.csize}/${c.usize}`);
    }
  }
  const dataOffset = at + LOCAL_LEN + nameLen + extraLen;
  let dataEnd = dataOffset + c.csize;
  if (dataEnd > bytes.length) zipError("M074_ZIP_E009", named)(`data runs to ${dataEnd}, past the end of the archive`);
  if (flags & FLAG_DESCRIPTOR) {
    // Go reads only the CRC-32 from a descriptor: its size fields are 4 or
    // 8 bytes wide depending on the writer, so they cannot be trusted.
    const d = new Fields(bytes, zipError("M074_ZIP_E015", named));
    const signed = d.u32(dataEnd) === SIG_DESCRIPTOR ? 4 : 0;
    const dcrc = d.u32(dataEnd + signed);
    if (dcrc !== c.crc) d.fail(`data descriptor CRC-32 ${hex32(dcrc)} differs from the central directory's ${hex32(c.crc)}`);
    dataEnd += signed + 12; // the narrowest descriptor: CRC-32 and two 4-byte sizes
  }
  return { dataOffset, dataEnd };
}

/** Parses and cross-checks the archive's structure; entry contents are read (and verified) on demand. */
export function openZip(bytes: Uint8Array, options: ZipReadOptions = {}): ZipArchive {
  const f = new Fields(bytes, zipError("M074_ZIP_E001", "archive"));
  const end = findEnd(f);
  const entries: ZipEntry[] = [];
  const spans: Span[] = [];
  let at = end.cdOffset;
  for (let i = 0; i < end.entries; i++) {
    const r = readCentral(f, at, i);
    if (r.next > end.cdLimit) zipError("M074_ZIP_E005", `central directory entry ${i}`)("runs past the end of the central directory");
    entries.push(r.entry);
    spans.push(r.span);
    at = r.next;
  }
  if (at !== end.cdLimit) {
    zipError("M074_ZIP_E005", "central directory")(`${end.entries} entries use ${at - end.cdOffset} of the directory's ${end.cdSize} bytes`);
  }
  spans.sort((a, b) => a.start - b.start);
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const next = i + 1 < spans.length ? spans[i + 1]!.start : end.cdOffset;
    if (s.end > next) {
      const other = i + 1 < spans.length ? `zip entry ${JSON.stringify(spans[i + 1]!.name)}` : "the central directory";
      zipError("M074_ZIP_E009", `zip entry ${JSON.stringify(s.name)}`)(`data (${s.start}..${s.end}) overlaps ${other}`);
    }
  }
  const inflateRaw = options.inflateRaw ?? fflateInflateRaw;
  const crc = options.crc32 ?? ((data: Uint8Array) => crc32(data));
  return { entries, read: (entry) => readEntry(bytes, entry, inflateRaw, crc) };
}

function readEntry(bytes: Uint8Array, e: ZipEntry, inflateRaw: InflateRaw, crc: Crc32): Uint8Array {
  const where = `zip entry ${JSON.stringify(e.name)}`;
  if (e.name.endsWith("/")) {
    // Go's reader reads a directory as empty, and refuses one that has data.
    if (e.compressedSize !== 0 || e.flags & FLAG_DESCRIPTOR) {
      throw new MochiError("M074_ZIP_E016", `directory entry has ${e.compressedSize} bytes of data`, { where });
    }
    return new Uint8Array(0);
  }
  const compressed = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  let out: Uint8Array;
  if (e.method === METHOD_STORE) {
    out = compressed;
  } else {
    try {
      out = inflateRaw(compressed, e.uncompressedSize);
    } catch (cause) {
      throw new MochiError("M074_ZIP_E011", `deflate data is corrupt: ${cause instanceof Error ? cause.message : String(cause)}`, { where, cause });
    }
    if (out.length > e.uncompressedSize) {
      throw new MochiError("M074_ZIP_E012", `uncompressed size of file ${e.name} is larger than declared size (${e.uncompressedSize} bytes)`, { where });
    }
    if (out.length < e.uncompressedSize) {
      throw new MochiError("M074_ZIP_E013", `inflates to ${out.length} bytes but declares ${e.uncompressedSize}`, { where });
    }
  }
  const got = crc(out) >>> 0;
  if (got !== e.crc32) throw new MochiError("M074_ZIP_E014", `CRC-32 is ${hex32(got)} but the archive says ${hex32(e.crc32)}`, { where });
  return out;
}

// ---- writing ----

/** An entry as it goes into the archive: already compressed, with the facts the headers record. */
export interface RawZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressed: Uint8Array;
  readonly crc32: number;
  readonly uncompressedSize: number;
}

/** Deflates `data` (fflate level 6, fixed so the same input always gives the same bytes). */
export function deflateEntry(name: string, data: Uint8Array): RawZipEntry {
  return { name, method: METHOD_DEFLATE, compressed: deflateSync(data, { level: 6 }), crc32: crc32(data), uncompressedSize: data.length };
}

export interface ZipWriteOptions {
  /** Write zip64 records even when the archive does not need them (for tests of the reader). */
  readonly forceZip64?: boolean;
}

// Every entry carries the same timestamp, 1980-01-01 00:00 (the DOS epoch),
// so archives depend on their contents only.
const DOS_TIME = 0;
const DOS_DATE = 1 << 5 | 1;
const VERSION_20 = 20;
const VERSION_45 = 45; // zip64

class Out {
  readonly buf: Uint8Array;
  at = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(size);
  }
  u16(v: number): void {
    this.buf[this.at++] = v & 0xff;
    this.buf[this.at++] = v >>> 8 & 0xff;
  }
  u32(v: number): void {
    this.u16(v & 0xffff);
    this.u16(v >>> 16 & 0xffff);
  }
  u64(v: number): void {
    this.u32(v % 0x100000000);
    this.u32(Math.floor(v / 0x100000000));
  }
  bytes(b: Uint8Array): void {
    this.buf.set(b, this.at);
    this.at += b.length;
  }
}

/**
 * Writes the entries in the given order with sizes in the local headers (no
 * data descriptors), fixed timestamps and no comments or extra fields beyond
 * zip64's, so that equal inputs give equal bytes.
 */
export function encodeZip(entries: readonly RawZipEntry[], options: ZipWriteOptions = {}): Uint8Array {
  const names = entries.map((e) => {
    const b = utf8Encode(e.name);
    if (b.length > U16_MAX) throw new MochiError("M074_ZIP_E017", `entry name is ${b.length} bytes; zip allows ${U16_MAX}`, { where: e.name });
    return b;
  });
  const force = options.forceZip64 === true;
  // Layout pass: offsets decide which entries need zip64 fields.
  const offsets: number[] = [];
  const big: boolean[] = [];
  let at = 0;
  entries.forEach((e, i) => {
    offsets.push(at);
    const b = force || e.compressed.length >= U32_MAX || e.uncompressedSize >= U32_MAX || at >= U32_MAX;
    big.push(b);
    at += LOCAL_LEN + names[i]!.length + (b ? 20 : 0) + e.compressed.length;
  });
  const cdOffset = at;
  let cdSize = 0;
  entries.forEach((_, i) => (cdSize += CENTRAL_LEN + names[i]!.length + (big[i] ? 28 : 0)));
  const end64 = force || entries.length >= U16_MAX || cdOffset >= U32_MAX || cdSize >= U32_MAX;
  const out = new Out(cdOffset + cdSize + (end64 ? END64_LEN + LOCATOR64_LEN : 0) + END_LEN);
  const flagsOf = (i: number): number => (/[^\x00-\x7f]/.test(entries[i]!.name) ? FLAG_UTF8 : 0);
  entries.forEach((e, i) => {
    out.u32(SIG_LOCAL);
    out.u16(big[i] ? VERSION_45 : VERSION_20);
    out.u16(flagsOf(i));
    out.u16(e.method);
    out.u16(DOS_TIME);
    out.u16(DOS_DATE);
    out.u32(e.crc32);
    out.u32(big[i] ? U32_MAX : e.compressed.length);
    out.u32(big[i] ? U32_MAX : e.uncompressedSize);
    out.u16(names[i]!.length);
    out.u16(big[i] ? 20 : 0);
    out.bytes(names[i]!);
    if (big[i]) {
      out.u16(ZIP64_EXTRA);
      out.u16(16);
      out.u64(e.uncompressedSize);
      out.u64(e.compressed.length);
    }
    out.bytes(e.compressed);
  });
  entries.forEach((e, i) => {
    out.u32(SIG_CENTRAL);
    out.u16(VERSION_20); // made by: MS-DOS host, spec 2.0, as Go's writer
    out.u16(big[i] ? VERSION_45 : VERSION_20);
    out.u16(flagsOf(i));
    out.u16(e.method);
    out.u16(DOS_TIME);
    out.u16(DOS_DATE);
    out.u32(e.crc32);
    out.u32(big[i] ? U32_MAX : e.compressed.length);
    out.u32(big[i] ? U32_MAX : e.uncompressedSize);
    out.u16(names[i]!.length);
    out.u16(big[i] ? 28 : 0);
    out.u16(0); // comment
    out.u16(0); // disk
    out.u16(0); // internal attributes
    out.u32(0); // external attributes
    out.u32(big[i] ? U32_MAX : offsets[i]!);
    out.bytes(names[i]!);
    if (big[i]) {
      out.u16(ZIP64_EXTRA);
      out.u16(24);
      out.u64(e.uncompressedSize);
      out.u64(e.compressed.length);
      out.u64(offsets[i]!);
    }
  });
  if (end64) {
    const rec = out.at;
    out.u32(SIG_END64);
    out.u64(END64_LEN - 12);
    out.u16(VERSION_45);
    out.u16(VERSION_45);
    out.u32(0);
    out.u32(0);
    out.u64(entries.length);
    out.u64(entries.length);
    out.u64(cdSize);
    out.u64(cdOffset);
    out.u32(SIG_LOCATOR64);
    out.u32(0);
    out.u64(rec);
    out.u32(1);
  }
  out.u32(SIG_END);
  out.u16(0);
  out.u16(0);
  out.u16(end64 ? U16_MAX : entries.length);
  out.u16(end64 ? U16_MAX : entries.length);
  out.u32(end64 ? U32_MAX : cdSize);
  out.u32(end64 ? U32_MAX : cdOffset);
  out.u16(0);
  return out.buf;
}
