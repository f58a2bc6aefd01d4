// What the build gives the component's ICU-less engine (core/component/
// unicode.mjs, src/normalize.ts) must behave as Node's ICU: NFC and NFD of
// every code point and of mark sequences, and \p{...} expansions that match
// exactly the code points the original pattern matches.
import { describe, expect, it } from "vitest";
import { makeNormalizer } from "../../core/component/src/normalize.js";
import { expandPattern, normalizationData } from "../../core/component/unicode.mjs";

const MAX = 0x10ffff;
const isSurrogate = (cp: number): boolean => cp >= 0xd800 && cp <= 0xdfff;

describe("String.prototype.normalize for the component", () => {
  const normalize = makeNormalizer(normalizationData());

  it("gives ICU's NFC and NFD for every code point", () => {
    let checked = 0;
    for (let cp = 0; cp <= MAX; cp++) {
      if (isSurrogate(cp)) continue;
      const s = String.fromCodePoint(cp);
      if (normalize(s, "NFC") !== s.normalize("NFC") || normalize(s, "NFD") !== s.normalize("NFD")) {
        expect.fail(`U+${cp.toString(16)}: NFC ${JSON.stringify(normalize(s, "NFC"))} vs ${JSON.stringify(s.normalize("NFC"))}`);
      }
      checked++;
    }
    expect(checked).toBe(MAX + 1 - 2048);
  });

  it("orders and composes sequences of starters, marks and Hangul jamo as ICU does", () => {
    // Letters, marks of many classes, and jamo; strings drawn from them with a fixed generator.
    const pool = [..."aeiouAEOSsnNcCzZ\u03b1\u03c9\u0391\u1100\u1161\u11a8\uac00\u0300\u0301\u0302\u0308\u0323\u0327\u0328\u031b\u0345\u0334\u05b0\u05bc\u0e31\u0f71\u0f72\u0f80\u1dc4\u302a\u093c\u094d\u3099\u309a\u304b\u30cf\u0338\u2260"].map((c) => c);
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 20000; i++) {
      let s = "";
      for (let n = 1 + (next() % 8); n > 0; n--) s += pool[next() % pool.length];
      expect(normalize(s, "NFC"), JSON.stringify(s)).toBe(s.normalize("NFC"));
      expect(normalize(s, "NFD"), JSON.stringify(s)).toBe(s.normalize("NFD"));
    }
  });
});

describe("Unicode property escapes spelled out", () => {
  // The patterns the core uses (core/src: modpath, typeexpr, names, bridge and mochi front end).
  const patterns = ["^\\p{L}$", "^[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}]$", "^[\\p{Lu}][\\p{L}\\p{Nd}_]*$", "^[\\p{L}\\p{So}_]$", "^[^\\p{L}\\p{N}]$", "^\\P{L}$"];

  it.each(patterns)("%s matches the same code points", (pattern) => {
    const bodies = new Map<string, string>();
    const expanded = new RegExp(expandPattern(pattern, bodies), "u");
    expect(expanded.source).not.toMatch(/\\[pP]\{/);
    const original = new RegExp(pattern, "u");
    for (let cp = 0; cp <= MAX; cp += cp < 0x30000 ? 1 : 97) {
      if (isSurrogate(cp)) continue;
      const s = String.fromCodePoint(cp);
      if (expanded.test(s) !== original.test(s)) expect.fail(`U+${cp.toString(16)} differs for ${pattern}`);
    }
  });

  it("refuses a negated escape inside a class", () => {
    expect(() => expandPattern("[\\P{L}]", new Map())).toThrow(/inside a character class/);
  });
});
