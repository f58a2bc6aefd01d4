import { inflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { MochiError } from "../../core/src/errors.js";
import type { Hashing } from "../../core/src/hashing.js";
import { hash1Summary, hashZip } from "../../core/src/go/dirhash.js";
import {
  MAX_GO_MOD, MAX_LICENSE, MAX_ZIP_FILE, checkDir, checkFiles, checkZip, checkedFilesError, createModuleZip,
  createModuleZipFromDir, formatFileProblem, unzip,
  type CheckedFiles, type ModuleFile,
} from "../../core/src/go/zip.js";
import { declaresGo124, isVendoredPackage } from "../../core/src/go/zip-rules.js";
import { crc32, deflateEntry, encodeZip, openZip, type RawZipEntry } from "../../core/src/go/zip-format.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import { loadVector } from "../vectors.js";
import { expectCode } from "../support/errors.js";

type Str = string | { hex: string };
interface VFile { name: string; content: string }
interface Report { valid: string[]; omitted: string[]; invalid: string[] }
interface GroupCase {
  name: string;
  module_path?: Str;
  version?: string;
  files: VFile[];
  want_error_contains?: string;
  want_hash?: string;
  included_files_derived?: string[];
  hash_summary_derived?: string;
  want_report?: Report;
}
interface SizeCase {
  desc: string;
  files: { name: string; size: number; content?: string }[];
  check_files_err?: string;
  create_err?: string;
  check_zip_err?: string;
  unzip_err?: string;
  all_err?: string;
}
const V = loadVector<{
  limits: { MaxZipFile: number; MaxGoMod: number; MaxLICENSE: number; notes: string[] };
  size_limit_tests: { module: string; version: string; cases: SizeCase[]; special_unzip: { desc: string; err: string }[] };
  vendor_rule: { doc: string; cases: { name: string; go: string; vendored: boolean }[] };
  groups: Record<"create" | "create_from_dir" | "unzip" | "check_files" | "check_zip" | "check_dir", GroupCase[]>;
}>("zip.json");

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Vector strings; bytes that are not UTF-8 become lone surrogates U+DC80..U+DCFF (as modpath.test.ts does). */
function str(s: Str): string {
  if (typeof s === "string") return s;
  const bytes = Buffer.from(s.hex, "hex");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return String.fromCharCode(...[...bytes].map((b) => (b < 0x80 ? b : 0xdc00 | b)));
  }
}

const filesOf = (c: GroupCase): ModuleFile[] => c.files.map((f) => ({ path: f.name, data: utf8(f.content) }));
const rawZip = (files: VFile[]): Uint8Array => encodeZip(files.map((f) => deflateEntry(f.name, utf8(f.content))));

/**
 * The vectors quote golang.org/x/mod's messages. Messages of the zip rules
 * must match them verbatim; messages that come from the module path and
 * version checks in modpath.ts are worded by that module, so for those the
 * code of the rule is asserted instead.
 */
const MODPATH_RULES: [RegExp, string][] = [
  [/^malformed file path ".*": invalid char/, "M074_MODPATH_E010"],
  [/^missing dot in first path element$/, "M074_MODPATH_E013"],
  [/^invalid version: should be v0 or v1, not v2$/, "M074_MODPATH_E020"],
  [/^malformed module path ".*": invalid UTF-8$/, "M074_MODPATH_E001"],
];

/** `detail` of an invalid file as Go words it, or the code modpath.ts uses for the rule. */
function expectGoMessage(err: MochiError, want: string): void {
  const rule = MODPATH_RULES.find(([re]) => re.test(want));
  if (rule === undefined) expect(err.detail).toContain(want);
  else expect(err.code).toBe(rule[1]);
}

function expectGoError(run: () => unknown, want: string): MochiError {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(MochiError);
  expectGoMessage(caught as MochiError, want);
  return caught as MochiError;
}

/** Compares a report line by line: valid paths and omissions exactly, invalid files via expectGoMessage. */
function expectReport(cf: CheckedFiles, want: Report): void {
  expect(cf.valid).toEqual(want.valid);
  expect(cf.omitted.map(formatFileProblem)).toEqual(want.omitted);
  expect(cf.invalid.length).toBe(want.invalid.length);
  cf.invalid.forEach((got, i) => {
    const line = want.invalid[i]!;
    expect(line.startsWith(`${got.path}: `)).toBe(true);
    expectGoMessage(got.error, line.slice(got.path.length + 2));
  });
  expect(cf.sizeError).toBeUndefined();
}

let hashings: [string, Hashing][];
beforeAll(async () => {
  hashings = [["node", await nodeHashing()], ["kernels", await kernelsHashing()]];
});

/** Checks a module zip against a vector's hash, summary and file list, with both hashings. */
function expectZipMatches(zip: Uint8Array, c: GroupCase): void {
  const mod = str(c.module_path!);
  const files = unzip(mod, c.version!, zip);
  if (c.included_files_derived !== undefined) {
    expect(files.map((f) => f.path).sort()).toEqual([...c.included_files_derived].sort());
  }
  for (const [, h] of hashings) {
    expect(hashZip(zip, h)).toBe(c.want_hash);
    expect(text(hash1Summary(files.map((f) => ({ name: f.name, open: f.read })), h))).toBe(c.hash_summary_derived);
  }
}

describe("zip.json limits", () => {
  it("has Go's constants", () => {
    expect([MAX_ZIP_FILE, MAX_GO_MOD, MAX_LICENSE]).toEqual([V.limits.MaxZipFile, V.limits.MaxGoMod, V.limits.MaxLICENSE]);
    expect(V.limits.notes.length).toBe(5); // the notes are exercised by size_limit_tests below
  });
});

describe("zip.json vendor_rule", () => {
  it.each(V.vendor_rule.cases)("$name with go $go", (c) => {
    const go124 = declaresGo124(utf8(`module example.com/m\n\ngo ${c.go}\n`));
    expect(go124).toBe(c.go === "1.24");
    expect(isVendoredPackage(c.name, go124)).toBe(c.vendored);
  });
});

describe("zip.json groups.create", () => {
  it.each(V.groups.create)("$name", (c) => {
    const run = (): Uint8Array => createModuleZip(str(c.module_path!), c.version!, filesOf(c));
    if (c.want_error_contains !== undefined) expectGoError(run, c.want_error_contains);
    else expectZipMatches(run(), c);
  });
});

describe("zip.json groups.create_from_dir", () => {
  it.each(V.groups.create_from_dir)("$name", (c) => {
    const run = (): Uint8Array => createModuleZipFromDir(str(c.module_path!), c.version!, filesOf(c));
    if (c.want_error_contains !== undefined) expectGoError(run, c.want_error_contains);
    else expectZipMatches(run(), c);
  });
});

describe("zip.json groups.unzip", () => {
  it.each(V.groups.unzip)("$name", (c) => {
    const zip = rawZip(c.files);
    const run = (): unknown => unzip(str(c.module_path!), c.version!, zip);
    if (c.want_error_contains !== undefined) expectGoError(run, c.want_error_contains);
    else expectZipMatches(zip, c);
  });
});

describe("zip.json groups.check_files", () => {
  it.each(V.groups.check_files)("$name", (c) => expectReport(checkFiles(filesOf(c)), c.want_report!));
});

describe("zip.json groups.check_zip", () => {
  it.each(V.groups.check_zip)("$name", (c) => expectReport(checkZip(str(c.module_path!), c.version!, rawZip(c.files)), c.want_report!));
});

describe("zip.json groups.check_dir", () => {
  it.each(V.groups.check_dir)("$name", (c) => expectReport(checkDir(filesOf(c), "$work"), c.want_report!));
});

describe("zip.json size_limit_tests", () => {
  const { module: mod, version } = V.size_limit_tests;
  const prefix = `${mod}@${version}/`;
  /** Files of the declared sizes, zero-filled unless the case gives content; opened lazily. */
  const sized = (c: SizeCase): ModuleFile[] =>
    c.files.map((f) => ({ path: f.name, size: f.size, open: () => (f.content === undefined ? new Uint8Array(f.size) : utf8(f.content)) }));
  /**
   * A zip whose headers declare the case's sizes. Up to 16 MiB + 1 the
   * entries hold real zeros; beyond that only the headers tell the size
   * (CheckZip and Unzip's checks never read contents).
   */
  const sizedZip = (c: SizeCase): Uint8Array =>
    encodeZip(c.files.map((f): RawZipEntry => (f.size <= MAX_GO_MOD + 1
      ? deflateEntry(prefix + f.name, new Uint8Array(f.size))
      : { name: prefix + f.name, method: 8, compressed: new Uint8Array([3, 0]), crc32: 0, uncompressedSize: f.size })));

  it.each(V.size_limit_tests.cases)("$desc: CheckFiles", (c) => {
    const want = c.check_files_err ?? c.all_err;
    const err = checkedFilesError(checkFiles(sized(c)));
    if (want === undefined) expect(err).toBeUndefined();
    else expect(err?.detail).toContain(want);
  });

  it.each(V.size_limit_tests.cases)("$desc: Create", (c) => {
    const want = c.create_err ?? c.all_err;
    if (want !== undefined) {
      expectGoError(() => createModuleZip(mod, version, sized(c)), want);
      return;
    }
    // Creating the 500 MiB cases for real takes seconds; the 16 MiB ones show the same path end to end.
    if (c.files.some((f) => f.size > MAX_GO_MOD)) return;
    const zip = createModuleZip(mod, version, sized(c));
    const files = unzip(mod, version, zip);
    expect(files.map((f) => [f.path, f.read().length])).toEqual(c.files.map((f) => [f.name, f.size]));
  });

  const zipCases = V.size_limit_tests.cases.filter((c) => !/Create/.test(c.desc));
  it.each(zipCases)("$desc: CheckZip and Unzip", (c) => {
    const zip = sizedZip(c);
    const checkWant = c.check_zip_err ?? c.all_err;
    const unzipWant = c.unzip_err ?? c.all_err;
    const err = checkedFilesError(checkZip(mod, version, zip));
    if (checkWant === undefined) expect(err).toBeUndefined();
    else expect(err?.detail).toContain(checkWant);
    if (unzipWant === undefined) {
      const files = unzip(mod, version, zip);
      expect(files.map((f) => [f.path, f.size])).toEqual(c.files.map((f) => [f.name, f.size]));
      // (toEqual would enumerate 16 Mi keys; compare by hand)
      for (const f of files) if (f.size <= MAX_GO_MOD) expect(f.read().findIndex((b) => b !== 0)).toBe(-1);
    } else {
      expectGoError(() => unzip(mod, version, zip), unzipWant);
    }
  });

  it("covers the Create-only cases elsewhere", () => {
    expect(V.size_limit_tests.cases.length - zipCases.length).toBe(2);
  });

  describe("special_unzip", () => {
    const special = (prefixOfDesc: string): { desc: string; err: string } =>
      V.size_limit_tests.special_unzip.find((s) => s.desc.startsWith(prefixOfDesc))!;
    it("has the three upstream cases", () => {
      expect(V.size_limit_tests.special_unzip.map((s) => s.desc.split(":")[0])).toEqual(["too_large_zip", "large_zip", "size_is_a_lie"]);
    });

    it("too_large_zip: MaxZipFile+1 bytes are refused before parsing", () => {
      const zip = new Uint8Array(MAX_ZIP_FILE + 1);
      const cf = checkZip(mod, version, zip);
      expect(cf.sizeError?.code).toBe("M074_ZIP_E019");
      expect(cf.sizeError?.detail).toContain(special("too_large_zip").err);
      expect(cf.sizeError?.detail).toBe(`module zip file is too large (${MAX_ZIP_FILE + 1} bytes; limit is ${MAX_ZIP_FILE} bytes)`);
      expectCode(() => unzip(mod, version, zip), "M074_ZIP_E019");
    });

    it("large_zip: exactly MaxZipFile bytes pass the size check and fail as not a zip", () => {
      expect(special("large_zip").err).toContain("not a valid zip file");
      const err = expectCode(() => unzip(mod, version, new Uint8Array(MAX_ZIP_FILE)), "M074_ZIP_E001");
      expect(err.detail).toContain("not a valid zip file");
    });

    it("size_is_a_lie: an entry that inflates past its declared size is refused", () => {
      expect(special("size_is_a_lie").err).toContain("larger than declared size");
      const zip = encodeZip([deflateEntry("example.com/m@v1.0.0/go.mod", new Uint8Array(0x0bad))]);
      // Replace the declared size 0x0BAD with 0x00AC in both headers, as the upstream test does.
      const hex = Buffer.from(zip).toString("hex");
      expect(hex.split("ad0b0000").length - 1).toBe(2);
      const lie = new Uint8Array(Buffer.from(hex.replaceAll("ad0b0000", "ac000000"), "hex"));
      const [file] = unzip("example.com/m", "v1.0.0", lie);
      const err = expectCode(() => file!.read(), "M074_ZIP_E012");
      expect(err.detail).toBe("uncompressed size of file example.com/m@v1.0.0/go.mod is larger than declared size (172 bytes)");
    });
  });
});

describe("creating module zips", () => {
  const files: ModuleFile[] = [
    { path: "go.mod", data: utf8("module example.com/m\n\ngo 1.22\n") },
    { path: "z.go", data: utf8("package m\n") },
    { path: "a/b.go", data: utf8("package a\n") },
    { path: "ｚ.go", data: utf8("package m\n// fullwidth\n") },
    { path: "𝒜.go", data: utf8("package m\n// math script\n") },
    { path: "LICENSE", open: () => utf8("MIT\n") },
  ];

  it("is deterministic and independent of input order", () => {
    const a = createModuleZip("example.com/m", "v1.0.0", files);
    const b = createModuleZip("example.com/m", "v1.0.0", [...files].reverse());
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    // Entries are sorted by UTF-8 bytes: U+FF5A sorts before U+1D49C, unlike UTF-16 order.
    expect(openZip(a).entries.map((e) => e.name.slice("example.com/m@v1.0.0/".length))).toEqual(
      ["LICENSE", "a/b.go", "go.mod", "z.go", "ｚ.go", "𝒜.go"],
    );
  });

  it("round-trips through unzip, and through node:zlib as the inflater", () => {
    const zip = createModuleZip("example.com/m", "v1.0.0", files);
    for (const options of [{}, { inflateRaw: (c: Uint8Array) => new Uint8Array(inflateRawSync(c)) }]) {
      const got = new Map(unzip("example.com/m", "v1.0.0", zip, options).map((f) => [f.path, text(f.read())]));
      expect(got).toEqual(new Map(files.map((f) => [f.path, text(f.data ?? f.open!())])));
    }
  });

  it("gives the same h1 from the zip and from the files", () => {
    const zip = createModuleZip("example.com/m", "v1.0.0", files);
    const unzipped = unzip("example.com/m", "v1.0.0", zip).map((f) => ({ name: f.name, open: f.read }));
    for (const [, h] of hashings) {
      const fromFiles = files.map((f) => ({ name: `example.com/m@v1.0.0/${f.path}`, open: () => f.data ?? f.open!() }));
      expect(text(hash1Summary(unzipped, h))).toBe(text(hash1Summary(fromFiles, h)));
      expect(hashZip(zip, h)).toBe(hashZip(createModuleZip("example.com/m", "v1.0.0", [...files].reverse()), h));
    }
  });

  it("omits symbolic links and irregular files, and reports absolute paths", () => {
    const cf = checkFiles([
      { path: "link.go", kind: "symlink" },
      { path: "fifo", kind: "irregular" },
      { path: "dir", kind: "dir" },
      { path: "/abs.go", data: utf8("") },
      { path: "ok.go", data: utf8("package ok\n") },
    ]);
    expect(cf.valid).toEqual(["ok.go"]);
    expect(cf.omitted.map(formatFileProblem)).toEqual(["link.go: file is a symbolic link", "fifo: not a regular file", "dir: not a regular file"]);
    expect(cf.invalid.map(formatFileProblem)).toEqual(["/abs.go: file path is not relative"]);
    expect(cf.invalid[0]!.error.code).toBe("M074_ZIP_E025");
  });

  it("compares paths with Unicode simple case folding, as strings.EqualFold", () => {
    const collide = (a: string, b: string): boolean =>
      checkFiles([{ path: a, data: utf8("") }, { path: b, data: utf8("") }]).invalid.some((i) => i.error.code === "M074_ZIP_E028");
    expect(collide("kelvin.go", "\u212Aelvin.go")).toBe(true); // KELVIN SIGN folds with k
    expect(collide("s.go", "\u017F.go")).toBe(true); // LONG S folds with s
    expect(collide("\u00B5.go", "\u03BC.go")).toBe(true); // MICRO SIGN folds with mu
    expect(collide("\u1FBE.go", "\u0399.go")).toBe(true); // PROSGEGRAMMENI folds with capital iota
    expect(collide("\u1E9E.go", "\u00DF.go")).toBe(true); // CAPITAL SHARP S folds with sharp s
    expect(collide("\u0131.go", "i.go")).toBe(false); // dotless i does not fold with i
    expect(collide("\u0130.go", "i.go")).toBe(false); // nor does dotted capital I
    expect(collide("\u13A0.go", "\uAB70.go")).toBe(true); // Cherokee: upper case below lower case
    expect(collide("Dir/a.go", "dir/b.go")).toBe(true); // directories collide too
  });

  it("reads the go line as modfile.ParseLax and go/version.Lang do", () => {
    const go124 = (s: string): boolean => declaresGo124(utf8(s));
    expect(go124("go 1.24\n")).toBe(true);
    expect(go124("module m // comment\ngo 1.25.3 // comment\n")).toBe(true);
    expect(go124("go 1.24rc1\n")).toBe(true);
    expect(go124("go 2.0\n")).toBe(true);
    expect(go124("go 1.24.0rc1\n")).toBe(false); // no prerelease on a patch release
    expect(go124("go 1.24x\n")).toBe(true); // lax fix-up keeps 1.24
    expect(go124("go 1.23\n")).toBe(false);
    expect(go124("// go 1.24\n")).toBe(false);
    expect(go124("go 1.24\ngo 1.24\n")).toBe(false); // repeated go statement
    expect(go124("go 1.24 1.25\n")).toBe(false);
    expect(go124('go "1.24"\n')).toBe(false);
    expect(go124("go 1.24\nrequire (\n\tx.y/z v1.0.0\n)\n")).toBe(true);
    expect(go124("go 1.24\nrequire (\n\tx.y/z v1.0.0\n")).toBe(false); // unterminated block
    expect(go124("go 1.24\nreplace [x]\n")).toBe(false); // unexpected input character
    expect(go124("go 1.24\n/* c */\n")).toBe(false); // /* comments are refused
    expect(go124('go 1.24\nx "unterminated\n')).toBe(false);
    expect(go124('go 1.24\nx "a\\"b" `c`\n')).toBe(true);
    expect(go124("go 1.24\nmodules.txt is excluded in 1.24+. See golang.org/issue/63395\n")).toBe(true);
    expect(declaresGo124(new Uint8Array([...utf8("go 1.24\n// "), 0xff, 0x0a]))).toBe(true);
  });

  it("walks a directory as filepath.Walk: lexical order, VCS and submodule directories skipped", () => {
    const dir: ModuleFile[] = [
      { path: "b.go", data: utf8("package m\n") },
      { path: "a/x.go", data: utf8("package a\n") },
      { path: "a.go", data: utf8("package m\n") },
      { path: ".git/HEAD", data: utf8("ref\n") },
      { path: "sub/go.mod", kind: "symlink" }, // any non-directory go.mod makes a submodule
      { path: "sub/s.go", data: utf8("package s\n") },
      { path: "gomoddir/go.mod/x.go", data: utf8("package x\n") }, // a directory named go.mod does not
      { path: "empty", kind: "dir" },
      { path: "link", kind: "symlink" },
    ];
    const cf = checkDir(dir, "/work/");
    expect(cf.valid).toEqual(["/work/a/x.go", "/work/a.go", "/work/b.go", "/work/gomoddir/go.mod/x.go"]);
    expect(cf.omitted.map(formatFileProblem)).toEqual([
      "/work/.git: directory is a version control repository",
      "/work/link: not a regular file",
      "/work/sub: directory is in another module",
    ]);
  });
});

describe("reading zip archives", () => {
  const entry = (name: string, data: string): RawZipEntry => deflateEntry(name, utf8(data));
  const good = encodeZip([entry("m.io/x@v1.0.0/a.go", "package a\n"), entry("m.io/x@v1.0.0/b.go", "package b\n")]);
  const u16 = (b: Uint8Array, at: number, v: number): void => void new DataView(b.buffer, b.byteOffset).setUint16(at, v, true);
  const u32 = (b: Uint8Array, at: number, v: number): void => void new DataView(b.buffer, b.byteOffset).setUint32(at, v, true);
  const find = (b: Uint8Array, sig: number, nth = 0): number => {
    let seen = 0;
    for (let i = 0; i + 4 <= b.length; i++) if (new DataView(b.buffer, b.byteOffset).getUint32(i, true) === sig && seen++ === nth) return i;
    throw new Error(`signature ${sig.toString(16)} #${nth} not found`);
  };
  const LOCAL = 0x04034b50;
  const CENTRAL = 0x02014b50;
  const END = 0x06054b50;
  const patched = (edit: (b: Uint8Array) => void, from = good): Uint8Array => {
    const b = from.slice();
    edit(b);
    return b;
  };
  const readAll = (zip: Uint8Array): Uint8Array[] => {
    const z = openZip(zip);
    return z.entries.map((e) => z.read(e));
  };

  it("computes CRC-32 as zlib does, across the 8-byte fast path", () => {
    expect(crc32(utf8("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const big = new Uint8Array(100_003).map((_, i) => (i * 31 + 7) & 0xff);
    expect(crc32(big)).toBe(crc32(big.subarray(50_000), crc32(big.subarray(0, 50_000))));
  });

  it("reads stored, deflated and zip64 archives", () => {
    const stored: RawZipEntry = { name: "s", method: 0, compressed: utf8("stored"), crc32: crc32(utf8("stored")), uncompressedSize: 6 };
    for (const zip of [encodeZip([stored, entry("d", "deflated")]), encodeZip([stored, entry("d", "deflated")], { forceZip64: true })]) {
      expect(readAll(zip).map(text)).toEqual(["stored", "deflated"]);
    }
  });

  it("reads entries with data descriptors and checks their CRC-32", () => {
    // Build a descriptor entry by hand: flag 8, zero CRC/sizes in the local header, descriptor after the data.
    const data = utf8("described");
    const e = deflateEntry("d.txt", data);
    const plain = encodeZip([e]);
    const local = find(plain, LOCAL);
    const dataEnd = local + 30 + 5 + e.compressed.length;
    const desc = new Uint8Array(16);
    u32(desc, 0, 0x08074b50);
    u32(desc, 4, e.crc32);
    u32(desc, 8, e.compressed.length);
    u32(desc, 12, data.length);
    const withDesc = (crc: number): Uint8Array => {
      const d = desc.slice();
      u32(d, 4, crc);
      const b = new Uint8Array([...plain.subarray(0, dataEnd), ...d, ...plain.subarray(dataEnd)]);
      u16(b, local + 6, 8);
      u32(b, local + 14, 0);
      u32(b, local + 18, 0);
      u32(b, local + 22, 0);
      const central = find(b, CENTRAL);
      u16(b, central + 8, 8);
      const end = find(b, END);
      u32(b, end + 16, central);
      return b;
    };
    expect(readAll(withDesc(e.crc32)).map(text)).toEqual(["described"]);
    expectCode(() => openZip(withDesc(e.crc32 ^ 1)), "M074_ZIP_E015");
  });

  it("refuses a corrupted CRC-32", () => {
    const zip = patched((b) => {
      u32(b, find(b, LOCAL) + 14, 0x12345678);
      u32(b, find(b, CENTRAL) + 16, 0x12345678);
    });
    const z = openZip(zip);
    expectCode(() => z.read(z.entries[0]!), "M074_ZIP_E014");
    expect(text(z.read(z.entries[1]!))).toBe("package b\n");
  });

  it("refuses a zip bomb that inflates past its declared size, with fflate and with node:zlib", () => {
    const bomb = encodeZip([{ ...deflateEntry("bomb", new Uint8Array(1 << 20)), uncompressedSize: 10 }]);
    for (const options of [{}, { inflateRaw: (c: Uint8Array, n: number) => new Uint8Array(inflateRawSync(c, { maxOutputLength: n + 1 })) }]) {
      const z = openZip(bomb, options);
      // node:zlib throws when the output would pass maxOutputLength; that is reported as corrupt data.
      expect(() => z.read(z.entries[0]!)).toThrow(MochiError);
    }
    const z = openZip(bomb);
    expectCode(() => z.read(z.entries[0]!), "M074_ZIP_E012");
  });

  it("refuses an entry that inflates to fewer bytes than declared", () => {
    const short = encodeZip([{ ...deflateEntry("short", utf8("abc")), uncompressedSize: 4 }]);
    const z = openZip(short);
    expectCode(() => z.read(z.entries[0]!), "M074_ZIP_E013");
  });

  it("refuses a declared size the data cannot reach without allocating it", () => {
    const z = openZip(encodeZip([{ name: "huge", method: 8, compressed: new Uint8Array([3, 0]), crc32: 0, uncompressedSize: 3e9 }]));
    expectCode(() => z.read(z.entries[0]!), "M074_ZIP_E013");
  });

  it("reads directory entries as empty, as Go's reader does", () => {
    const z = openZip(encodeZip([{ name: "d/", method: 8, compressed: new Uint8Array(0), crc32: 0, uncompressedSize: 0 }]));
    expect(z.read(z.entries[0]!).length).toBe(0);
  });

  it("refuses corrupt deflate data", () => {
    const z = openZip(encodeZip([{ name: "bad", method: 8, compressed: new Uint8Array([0xff, 0xff]), crc32: 0, uncompressedSize: 3 }]));
    expectCode(() => z.read(z.entries[0]!), "M074_ZIP_E011");
  });

  it("refuses truncated archives at every length", () => {
    for (let n = 0; n < good.length; n++) {
      expect(() => openZip(good.subarray(0, n)), `length ${n}`).toThrow(MochiError);
    }
    expectCode(() => openZip(good.subarray(0, good.length - 1)), "M074_ZIP_E001");
    expectCode(() => openZip(new Uint8Array(10)), "M074_ZIP_E001");
  });

  it("refuses each malformed structure with its own code", () => {
    const end = find(good, END);
    const central = find(good, CENTRAL);
    const central2 = find(good, CENTRAL, 1);
    const local2 = find(good, LOCAL, 1);
    expectCode(() => openZip(patched((b) => u16(b, end + 4, 1))), "M074_ZIP_E002");
    const forced = encodeZip([entry("a", "a")], { forceZip64: true });
    expectCode(() => openZip(patched((b) => u32(b, find(b, 0x07064b50) + 8, 1), forced)), "M074_ZIP_E003");
    expectCode(() => openZip(patched((b) => u32(b, end + 16, central + 1))), "M074_ZIP_E004");
    expectCode(() => openZip(patched((b) => u32(b, central2, 0))), "M074_ZIP_E005");
    expectCode(() => openZip(patched((b) => u16(b, central + 8, 1))), "M074_ZIP_E006");
    expectCode(() => openZip(patched((b) => u16(b, central + 10, 12))), "M074_ZIP_E007");
    expectCode(() => openZip(patched((b) => (b[local2 + 30 + 14] = 0x78))), "M074_ZIP_E008"); // local name differs
    const local1 = find(good, LOCAL);
    const longer = (b: Uint8Array): void => {
      // Entry 1 claims 10 more compressed bytes (in both headers), reaching into entry 2.
      const size = new DataView(b.buffer).getUint32(central + 20, true) + 10;
      u32(b, local1 + 18, size);
      u32(b, central + 20, size);
    };
    expectCode(() => openZip(patched(longer)), "M074_ZIP_E009");
    const stored: RawZipEntry = { name: "s", method: 0, compressed: utf8("ab"), crc32: crc32(utf8("ab")), uncompressedSize: 3 };
    expectCode(() => openZip(encodeZip([stored])), "M074_ZIP_E010");
    const dirWithData = openZip(encodeZip([entry("d/", "data")]));
    expectCode(() => dirWithData.read(dirWithData.entries[0]!), "M074_ZIP_E016");
    expectCode(() => encodeZip([entry("x".repeat(65536), "")]), "M074_ZIP_E017");
  });

  it("keeps names that are not UTF-8 as bytes and refuses them as module files", () => {
    const zip = patched((b) => {
      b[find(b, LOCAL) + 30 + 14] = 0xff; // "m.io/x@v1.0.0/a.go" -> ".../\xff.go"
      b[find(b, CENTRAL) + 46 + 14] = 0xff;
    });
    const z = openZip(zip);
    expect(z.entries[0]!.nameBytes[14]).toBe(0xff);
    expect(z.entries[0]!.name).toBe("m.io/x@v1.0.0/\udcff.go");
    const cf = checkZip("m.io/x", "v1.0.0", zip);
    expect(cf.invalid.map((i) => [i.path, i.error.code])).toEqual([["m.io/x@v1.0.0/\udcff.go", "M074_MODPATH_E001"]]);
  });
});

describe("module zip error codes", () => {
  const mod = "example.com/m";
  const zipOf = (...names: string[]): Uint8Array => rawZip(names.map((name) => ({ name, content: "x" })));
  const invalidCodes = (zip: Uint8Array): string[] => checkZip(mod, "v1.0.0", zip).invalid.map((i) => i.error.code);

  it("reaches every M074_ZIP rule code", () => {
    expectCode(() => createModuleZip(mod, "v1.0", []), "M074_ZIP_E018");
    expect(checkZip(mod, "v1.0.0", new Uint8Array(MAX_ZIP_FILE + 1)).sizeError?.code).toBe("M074_ZIP_E019");
    expectCode(() => createModuleZip(mod, "v1.0.0", [{ path: "big", size: MAX_ZIP_FILE + 1, open: () => new Uint8Array(0) }]), "M074_ZIP_E020");
    expectCode(() => createModuleZip(mod, "v1.0.0", [{ path: "go.mod", size: MAX_GO_MOD + 1, open: () => new Uint8Array(0) }]), "M074_ZIP_E021");
    expectCode(() => createModuleZip(mod, "v1.0.0", [{ path: "LICENSE", size: MAX_LICENSE + 1, open: () => new Uint8Array(0) }]), "M074_ZIP_E022");
    expect(invalidCodes(zipOf("other@v1.0.0/a.go"))).toEqual(["M074_ZIP_E023"]);
    expect(invalidCodes(zipOf(`${mod}@v1.0.0/a/../b.go`))).toEqual(["M074_ZIP_E024"]);
    expect(checkFiles([{ path: "/a.go", data: utf8("") }]).invalid[0]!.error.code).toBe("M074_ZIP_E025");
    expect(invalidCodes(zipOf(`${mod}@v1.0.0/Go.Mod`))).toEqual(["M074_ZIP_E026"]);
    expect(invalidCodes(zipOf(`${mod}@v1.0.0/a/go.mod`))).toEqual(["M074_ZIP_E027"]);
    expect(invalidCodes(zipOf(`${mod}@v1.0.0/a.go`, `${mod}@v1.0.0/A.go`))).toEqual(["M074_ZIP_E028"]);
    expect(invalidCodes(zipOf(`${mod}@v1.0.0/a`, `${mod}@v1.0.0/a/b`))).toEqual(["M074_ZIP_E029"]);
    expect(invalidCodes(zipOf(`${mod}@v1.0.0/a`, `${mod}@v1.0.0/a`))).toEqual(["M074_ZIP_E030"]);
    expectCode(() => createModuleZip(mod, "v1.0.0", [{ path: "a.go", size: 1, data: utf8("ab") }]), "M074_ZIP_E031");
    expectCode(() => createModuleZip(mod, "v1.0.0", [{ path: "a.go", size: 1 }]), "M074_ZIP_E032");
  });

  it("lists every invalid file in the thrown error, coded as the first", () => {
    const err = expectCode(() => createModuleZip(mod, "v1.0.0", [
      { path: "a/../b", data: utf8("") }, { path: "GO.MOD", data: utf8("") },
    ]), "M074_ZIP_E024");
    expect(err.detail).toBe("a/../b: file path is not clean\nGO.MOD: go.mod files must have lowercase names");
  });

  it("ignores directory entries and the bare prefix directory in a zip", () => {
    const zip = rawZip([{ name: `${mod}@v1.0.0/`, content: "" }, { name: `${mod}@v1.0.0/d/`, content: "" }, { name: `${mod}@v1.0.0/d/a.go`, content: "x" }]);
    expect(unzip(mod, "v1.0.0", zip).map((f) => f.path)).toEqual(["d/a.go"]);
  });
});
