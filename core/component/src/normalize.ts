// String.prototype.normalize for the component. componentize-js embeds a
// SpiderMonkey built without ICU, which has no `normalize`; the core uses
// NFC for lockfile and manifest identities (TOML keys, package versions), so
// without it the component could not write or check a lock. The Unicode
// data (canonical decompositions, the canonical combining class order and
// the primary composites) is taken at build time from the ICU of the Node
// that builds the component (core/component/unicode.mjs), so the component
// normalises exactly as the Node host does; test/component/normalize.test.ts
// compares the two over every code point.
//
// The algorithm is UAX #15's: full canonical decomposition (Hangul
// arithmetically), canonical ordering by combining class, then canonical
// composition with blocking.

export interface NormalizationData {
  /** Code point -> its full canonical decomposition (Hangul syllables excluded). */
  readonly decompositions: readonly (readonly [number, readonly number[]])[];
  /** Code point -> a rank that orders non-zero canonical combining classes (equal classes, equal ranks). */
  readonly combiningRanks: readonly (readonly [number, number])[];
  /** [first, second, primary composite] (Hangul excluded). */
  readonly compositions: readonly (readonly [number, number, number])[];
}

const S_BASE = 0xac00;
const L_BASE = 0x1100;
const V_BASE = 0x1161;
const T_BASE = 0x11a7;
const L_COUNT = 19;
const V_COUNT = 21;
const T_COUNT = 28;
const N_COUNT = V_COUNT * T_COUNT;
const S_COUNT = L_COUNT * N_COUNT;

export type Form = "NFC" | "NFD";

/** String.fromCodePoint over slices: one argument per code point would overflow the stack for a long string. */
function fromCodePoints(cps: readonly number[]): string {
  let out = "";
  for (let i = 0; i < cps.length; i += 4096) out += String.fromCodePoint(...cps.slice(i, i + 4096));
  return out;
}

/** NFC and NFD over the given data. */
export function makeNormalizer(data: NormalizationData): (s: string, form: Form) => string {
  const decomposition = new Map(data.decompositions);
  const rank = new Map(data.combiningRanks);
  const composite = new Map(data.compositions.map(([a, b, c]) => [a * 0x110000 + b, c]));
  const ccc = (cp: number): number => rank.get(cp) ?? 0;

  function decompose(s: string): number[] {
    const out: number[] = [];
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      const si = cp - S_BASE;
      if (si >= 0 && si < S_COUNT) {
        out.push(L_BASE + Math.floor(si / N_COUNT), V_BASE + Math.floor((si % N_COUNT) / T_COUNT));
        if (si % T_COUNT !== 0) out.push(T_BASE + (si % T_COUNT));
        continue;
      }
      const d = decomposition.get(cp);
      if (d === undefined) out.push(cp);
      else out.push(...d);
    }
    // Canonical ordering: a stable sort by class within each run of non-starters.
    for (let i = 1; i < out.length; i++) {
      const c = ccc(out[i]!);
      if (c === 0) continue;
      for (let j = i; j > 0 && ccc(out[j - 1]!) > c; j--) [out[j - 1], out[j]] = [out[j]!, out[j - 1]!];
    }
    return out;
  }

  function composePair(a: number, b: number): number | undefined {
    const li = a - L_BASE;
    if (li >= 0 && li < L_COUNT) {
      const vi = b - V_BASE;
      return vi >= 0 && vi < V_COUNT ? S_BASE + (li * V_COUNT + vi) * T_COUNT : undefined;
    }
    const si = a - S_BASE;
    if (si >= 0 && si < S_COUNT && si % T_COUNT === 0) {
      const ti = b - T_BASE;
      return ti > 0 && ti < T_COUNT ? a + ti : undefined;
    }
    return composite.get(a * 0x110000 + b);
  }

  function compose(d: readonly number[]): number[] {
    if (d.length === 0) return [];
    const out = [d[0]!];
    let starterAt = 0;
    // A string that starts with a non-starter has nothing to compose it with.
    let lastClass = ccc(d[0]!) === 0 ? 0 : 256;
    for (let i = 1; i < d.length; i++) {
      const cp = d[i]!;
      const c = ccc(cp);
      const blocked = lastClass !== 0 && lastClass >= c;
      const p = blocked ? undefined : composePair(out[starterAt]!, cp);
      if (p !== undefined) {
        out[starterAt] = p;
        continue;
      }
      if (c === 0) starterAt = out.length;
      lastClass = c;
      out.push(cp);
    }
    return out;
  }

  return (s, form) => {
    const d = decompose(s);
    return fromCodePoints(form === "NFD" ? d : compose(d));
  };
}

/**
 * Installs String.prototype.normalize where the engine lacks it. NFKC and
 * NFKD are refused: the core never uses them, and the tables here are
 * canonical only.
 */
export function installNormalize(data: NormalizationData): void {
  if (typeof String.prototype.normalize === "function") return;
  const normalize = makeNormalizer(data);
  Object.defineProperty(String.prototype, "normalize", {
    configurable: true,
    writable: true,
    value: function (this: unknown, form: unknown = "NFC"): string {
      const f = String(form);
      if (f !== "NFC" && f !== "NFD") throw new RangeError(`normalization form ${f} is not available in the mochi:core component`);
      return normalize(String(this), f);
    },
  });
}
