// What the component's JavaScript engine lacks and the core uses: the
// SpiderMonkey that componentize-js embeds is built without ICU, so it has
// neither String.prototype.normalize nor Unicode property escapes (\p{L})
// in regular expressions. Both are made here, at build time, from the ICU
// of the Node running the build, so the component answers exactly as the
// Node host does (same Node, same Unicode version):
//
// - normalizationData(): the tables of core/component/src/normalize.ts,
//   served to the bundle as the module "virtual:mochi-unicode-data";
// - expandPropertyEscapes(): a rolldown renderChunk step that rewrites every
//   regular-expression literal using \p{...} into explicit code point
//   ranges (the `u` flag stays, so the meaning is the same).
import { parseAst } from "rolldown/parseAst";

const MAX = 0x10ffff;
const isSurrogate = (cp) => cp >= 0xd800 && cp <= 0xdfff;
const isHangulSyllable = (cp) => cp >= 0xac00 && cp <= 0xd7a3;
const cps = (s) => [...s].map((c) => c.codePointAt(0));

/** A mark of the lowest non-zero class (1) and one of the highest (240): any other non-starter reorders against one of them. */
const LOW_MARK = "\u0334";
const HIGH_MARK = "\u0345";

/**
 * Canonical decompositions, an order of the non-zero combining classes, and
 * the primary composites, all read off Node's normalize(). JavaScript does
 * not expose combining classes, but their order shows in canonical
 * reordering: NFD(a b) is "b a" exactly when class(a) > class(b) > 0.
 */
export function normalizationData() {
  const decompositions = [];
  const nonStarters = [];
  for (let cp = 0; cp <= MAX; cp++) {
    if (isSurrogate(cp) || isHangulSyllable(cp)) continue;
    const s = String.fromCodePoint(cp);
    const d = s.normalize("NFD");
    if (d !== s) {
      decompositions.push([cp, cps(d)]);
      continue;
    }
    if ((s + LOW_MARK).normalize("NFD") === LOW_MARK + s || (HIGH_MARK + s).normalize("NFD") === s + HIGH_MARK) nonStarters.push(cp);
  }
  const above = (a, b) => (String.fromCodePoint(a, b).normalize("NFD") === String.fromCodePoint(b, a) ? 1 : 0);
  const order = (a, b) => above(a, b) - above(b, a);
  // Sorting by (class, code point) keeps the output independent of the sort's stability.
  nonStarters.sort((a, b) => order(a, b) || a - b);
  const combiningRanks = [];
  let rank = 1;
  nonStarters.forEach((cp, i) => {
    if (i > 0 && order(nonStarters[i - 1], cp) !== 0) rank++;
    combiningRanks.push([cp, rank]);
  });
  const compositions = [];
  for (const [p, d] of decompositions) {
    const s = String.fromCodePoint(p);
    if (s.normalize("NFC") !== s) continue; // a singleton or an excluded composite: never produced by composition
    // The canonical mapping is <first, second>; find the second among the decomposition's code points.
    for (let i = d.length - 1; i > 0; i--) {
      const first = String.fromCodePoint(...d.slice(0, i), ...d.slice(i + 1)).normalize("NFC");
      if ([...first].length === 1 && (first + String.fromCodePoint(d[i])).normalize("NFC") === s) {
        compositions.push([first.codePointAt(0), d[i], p]);
        break;
      }
    }
  }
  return { decompositions, combiningRanks, compositions };
}

export const UNICODE_DATA_MODULE = "virtual:mochi-unicode-data";

/** The code points of \p{name} (Node's engine decides), as a character-class body of \u{..} ranges. */
function classBody(name) {
  const re = new RegExp(`^\\p{${name}}$`, "u");
  let out = "";
  let start = -1;
  const hex = (cp) => `\\u{${cp.toString(16)}}`;
  for (let cp = 0; cp <= MAX + 1; cp++) {
    const member = cp <= MAX && re.test(String.fromCodePoint(cp));
    if (member && start < 0) start = cp;
    if (!member && start >= 0) {
      out += start === cp - 1 ? hex(start) : `${hex(start)}-${hex(cp - 1)}`;
      start = -1;
    }
  }
  return out;
}

/** A regex pattern with each \p{X} spelled out: `[ranges]` outside a class, `ranges` inside one. */
export function expandPattern(pattern, bodies) {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const m = /^\\([pP])\{([^}]+)\}/.exec(pattern.slice(i));
      if (m === null) {
        out += pattern.slice(i, i + 2);
        i++;
        continue;
      }
      const [whole, p, name] = m;
      if (!bodies.has(name)) bodies.set(name, classBody(name));
      const body = bodies.get(name);
      if (p === "P" && inClass) throw new Error(`\\P{${name}} inside a character class is not supported: /${pattern}/`);
      out += inClass ? body : p === "P" ? `[^${body}]` : `[${body}]`;
      i += whole.length - 1;
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return out;
}

function regexLiterals(node, found) {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) regexLiterals(n, found);
    return;
  }
  if (node.type === "Literal" && node.regex !== undefined) found.push(node);
  for (const [key, value] of Object.entries(node)) if (key !== "regex" && typeof value === "object") regexLiterals(value, found);
}

/** The rolldown plugin: the data module, and \p{...} spelled out in the output chunk. */
export function unicodePlugin() {
  const bodies = new Map();
  return {
    name: "mochi-unicode",
    resolveId(id) {
      return id === UNICODE_DATA_MODULE ? id : null;
    },
    load(id) {
      return id === UNICODE_DATA_MODULE ? `export default ${JSON.stringify(normalizationData())};\n` : null;
    },
    renderChunk(code) {
      if (!/\\[pP]\{/.test(code)) return null;
      const found = [];
      regexLiterals(parseAst(code), found);
      const edits = [];
      for (const lit of found) {
        if (!/\\[pP]\{/.test(lit.regex.pattern)) continue;
        if (code.slice(lit.start, lit.end) !== lit.raw) throw new Error(`regex literal ${lit.raw} is not at ${lit.start} in the chunk`);
        if (!lit.regex.flags.includes("u") || lit.regex.flags.includes("v")) throw new Error(`${lit.raw}: only \\p{} under the u flag is expanded`);
        edits.push({ start: lit.start, end: lit.end, text: `/${expandPattern(lit.regex.pattern, bodies)}/${lit.regex.flags}` });
      }
      let out = code;
      for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
      if (/\\[pP]\{/.test(out)) throw new Error("a Unicode property escape is left outside a regex literal (new RegExp?); the component's engine cannot run it");
      return { code: out, map: null };
    },
  };
}
