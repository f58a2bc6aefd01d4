import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { MochiError } from "../../core/src/errors.js";
import type { Hashing } from "../../core/src/hashing.js";
import { formatGoSumLine, hash1, hash1Summary, hashGoMod, hashZip } from "../../core/src/go/dirhash.js";
import { crc32, deflateEntry, encodeZip } from "../../core/src/go/zip-format.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import { loadVector } from "../vectors.js";
import { expectCode } from "../support/errors.js";

interface Hash1Case {
  name: string;
  files: { name: string; content: string; sha256_hex: string }[];
  summary: string;
  h1: string;
  provenance: string;
  js_default_sort_wrong_h1?: string;
}
const V = loadVector<{
  hash1_cases: Hash1Case[];
  error_cases: { name: string; files: string[]; error: string; provenance: string }[];
  go_mod_hashes: {
    doc: string;
    cases: { module: string; version: string; go_mod: string; go_sum_line: string; h1: string; summary: string }[];
  };
}>("dirhash.json");

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const filesOf = (c: Hash1Case): { name: string; open: () => Uint8Array }[] => c.files.map((f) => ({ name: f.name, open: () => utf8(f.content) }));

let hashings: [string, Hashing][];
beforeAll(async () => {
  hashings = [["node", await nodeHashing()], ["kernels", await kernelsHashing()]];
});

describe("dirhash.json hash1_cases", () => {
  it.each(V.hash1_cases)("$name", (c) => {
    for (const f of c.files) expect(createHash("sha256").update(f.content).digest("hex")).toBe(f.sha256_hex);
    for (const [, h] of hashings) {
      expect(text(hash1Summary(filesOf(c), h))).toBe(c.summary);
      expect(hash1(filesOf(c), h)).toBe(c.h1);
      // The same files as entries of a zip hash the same (TestHashZip).
      expect(hashZip(encodeZip(c.files.map((f) => deflateEntry(f.name, utf8(f.content)))), h)).toBe(c.h1);
    }
    if (c.js_default_sort_wrong_h1 !== undefined) {
      // What a UTF-16 sort would give: a different summary and hash.
      const wrong = [...c.files].sort((a, b) => (a.name < b.name ? -1 : 1)).map((f) => `${f.sha256_hex}  ${f.name}\n`).join("");
      expect("h1:" + createHash("sha256").update(wrong).digest("base64")).toBe(c.js_default_sort_wrong_h1);
      expect(c.h1).not.toBe(c.js_default_sort_wrong_h1);
    }
  });
});

describe("dirhash.json error_cases", () => {
  it.each(V.error_cases)("$name", (c) => {
    for (const [, h] of hashings) {
      const err = expectCode(() => hash1(c.files.map((name) => ({ name, open: () => utf8("") })), h), "M074_DIRHASH_E001");
      expect(err.detail).toBe(c.error);
      expect(err.where).toBe(JSON.stringify(c.files.find((n) => n.includes("\n"))));
    }
  });
});

describe("dirhash.json go_mod_hashes", () => {
  it("documents Hash1 over one file named go.mod", () => expect(V.go_mod_hashes.doc).toContain('Hash1(["go.mod"])'));
  it.each(V.go_mod_hashes.cases)("$module $version/go.mod", (c) => {
    for (const [, h] of hashings) {
      expect(hashGoMod(utf8(c.go_mod), h)).toBe(c.h1);
      expect(text(hash1Summary([{ name: "go.mod", open: () => utf8(c.go_mod) }], h))).toBe(c.summary);
    }
    expect(formatGoSumLine(c.module, c.version, c.h1, true)).toBe(c.go_sum_line);
  });
});

describe("hashZip", () => {
  const entry = (name: string, data: string) => deflateEntry(name, utf8(data));

  it("formats the zip line of go.sum", () => {
    expect(formatGoSumLine("rsc.io/quote", "v1.5.2", "h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=")).toBe(
      "rsc.io/quote v1.5.2 h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=",
    );
  });

  it("hashes directory entries as empty files, as dirhash.HashZip does", () => {
    const zip = encodeZip([entry("m@v1/d/", ""), entry("m@v1/d/a", "a")]);
    const stored = encodeZip([{ name: "m@v1/d/", method: 0, compressed: new Uint8Array(0), crc32: 0, uncompressedSize: 0 }, entry("m@v1/d/a", "a")]);
    for (const [, h] of hashings) {
      const want = hash1([{ name: "m@v1/d/", open: () => new Uint8Array(0) }, { name: "m@v1/d/a", open: () => utf8("a") }], h);
      expect(hashZip(stored, h)).toBe(want);
      // A deflated directory entry carries two bytes of data, which Go's zip reader refuses.
      expectCode(() => hashZip(zip, h), "M074_ZIP_E016");
    }
  });

  it("hashes a repeated name with the contents of its last entry, as Go's lookup by name does", () => {
    const zip = encodeZip([entry("m@v1/a", "first"), entry("m@v1/a", "second")]);
    for (const [, h] of hashings) {
      expect(hashZip(zip, h)).toBe(hash1([{ name: "m@v1/a", open: () => utf8("second") }, { name: "m@v1/a", open: () => utf8("second") }], h));
    }
  });

  it("hashes names that are not UTF-8 by their bytes", () => {
    const zip = encodeZip([entry("m@v1/?", "x")]);
    const cdOffset = new DataView(zip.buffer).getUint32(zip.length - 22 + 16, true);
    zip[30 + 5] = 0xff; // the "?" of the local header's name
    zip[cdOffset + 46 + 5] = 0xff; // and of the central directory's
    const sha = createHash("sha256").update("x").digest("hex");
    const summary = Buffer.concat([Buffer.from(`${sha}  m@v1/`), Buffer.from([0xff]), Buffer.from("\n")]);
    for (const [, h] of hashings) expect(hashZip(zip, h)).toBe("h1:" + createHash("sha256").update(summary).digest("base64"));
  });

  it("verifies every entry while hashing", () => {
    const good = encodeZip([entry("m@v1/a", "abc")]);
    const bad = good.slice();
    const crc = crc32(utf8("abc"));
    for (let i = 0; i + 4 <= bad.length; i++) {
      if (new DataView(bad.buffer).getUint32(i, true) === crc) new DataView(bad.buffer).setUint32(i, crc ^ 1, true);
    }
    for (const [, h] of hashings) expectCode(() => hashZip(bad, h), "M074_ZIP_E014");
  });

  it("hashes a multi-megabyte zip identically with both hashings", () => {
    const big = new Uint8Array(8 << 20).map((_, i) => (i * 2654435761) >>> 24);
    const zip = encodeZip([deflateEntry("m@v1/big", big), entry("m@v1/small", "s")]);
    const [[, node], [, kernels]] = hashings as [[string, Hashing], [string, Hashing]];
    expect(hashZip(zip, node)).toBe(hashZip(zip, kernels));
  });
});

describe("dirhash error codes", () => {
  it("M074_DIRHASH_E001: a name with a newline", () => {
    for (const [, h] of hashings) expectCode(() => hash1([{ name: "x\n", open: () => new Uint8Array(0) }], h), "M074_DIRHASH_E001");
  });
  it("M074_DIRHASH_E002: a name that is not well-formed UTF-16", () => {
    for (const [, h] of hashings) expectCode(() => hash1([{ name: "x\ud800", open: () => new Uint8Array(0) }], h), "M074_DIRHASH_E002");
  });
  it("hashes the empty list to SHA-256 of nothing", () => {
    for (const [, h] of hashings) expect(hash1([], h)).toBe("h1:" + createHash("sha256").digest("base64"));
  });
});
