import { describe, expect, it } from "vitest";
import {
  base64Decode, base64Encode, compareUtf8, hexDecode, hexEncode, utf8DecodeStrict, utf8Encode, isWellFormed,
} from "@mochi-pkg/core";

// Seeded generator so failures reproduce.
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

describe("bytes", () => {
  it("encodes UTF-8 like TextEncoder and decodes like a fatal TextDecoder", () => {
    const r = rng(7);
    const fatal = new TextDecoder("utf-8", { fatal: true });
    for (let n = 0; n < 2000; n++) {
      let s = "";
      for (let k = 0; k < 12; k++) {
        const kind = r();
        const cp = kind < 0.4 ? Math.floor(r() * 0x80) : kind < 0.7 ? Math.floor(r() * 0x800) : kind < 0.9 ? Math.floor(r() * 0x10000) : 0x10000 + Math.floor(r() * 0x100000);
        s += String.fromCodePoint(cp);
      }
      const enc = utf8Encode(s);
      expect(Buffer.from(enc)).toEqual(Buffer.from(new TextEncoder().encode(s)));
      if (isWellFormed(s)) expect(utf8DecodeStrict(enc)).toBe(s);
      const bytes = new Uint8Array(8).map(() => Math.floor(r() * 256));
      let want: string | undefined;
      try { want = fatal.decode(bytes); } catch { want = undefined; }
      expect(utf8DecodeStrict(bytes)).toBe(want);
    }
  });

  it("rejects overlong, surrogate and truncated UTF-8", () => {
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]]) {
      expect(utf8DecodeStrict(new Uint8Array(bad))).toBeUndefined();
    }
  });

  it("round-trips base64 and hex, and reads base64 as Go's StdEncoding does", () => {
    const r = rng(9);
    for (let n = 0; n < 300; n++) {
      const bytes = new Uint8Array(n % 40).map(() => Math.floor(r() * 256));
      const b = base64Encode(bytes);
      expect(b).toBe(Buffer.from(bytes).toString("base64"));
      expect(base64Decode(b)).toEqual(bytes);
      expect(hexDecode(hexEncode(bytes))).toEqual(bytes);
    }
    for (const bad of ["A", "AB=", "A===", "AB=C", "QQ=x", "Q!==", "QQ", "=QQQ"]) expect(base64Decode(bad)).toBeUndefined();
    // Unused trailing bits are ignored, as Go's (non-Strict) StdEncoding does.
    expect(base64Decode("QR==")).toEqual(new Uint8Array([0x41]));
    expect(base64Decode("QUJ=")).toEqual(new Uint8Array([0x41, 0x42]));
    expect(hexDecode("abc")).toBeUndefined();
    expect(hexDecode("zz")).toBeUndefined();
  });

  it("orders strings by UTF-8 bytes, not UTF-16 code units", () => {
    const a = "\u{10000}"; // F0 90 80 80 in UTF-8, D800 DC00 in UTF-16
    const b = "\uFFFD"; // EF BF BD
    expect(a < b).toBe(true); // JavaScript order
    expect(compareUtf8(a, b)).toBe(1); // Go order
    const words = ["b", "a\u{1F600}", "a\uFFFF", "a", ""];
    const byBytes = [...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...words].sort(compareUtf8)).toEqual(byBytes);
  });
});
