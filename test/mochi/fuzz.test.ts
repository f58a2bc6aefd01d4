// Fuzzing the lexer, parser, validation, import scan and declaration check
// with 100,000 seeded inputs: random bytes, random token soup, mutated
// corpus programs and deep nesting. Every input must come back as a Program
// plus well-formed diagnostics, within a time bound, and every input that
// parses cleanly must survive a print/parse round trip.
import { describe, expect, it } from "vitest";
import { walk } from "../../core/src/mochi/ast.js";
import { checkSource } from "../../core/src/mochi/check.js";
import { DIAGNOSTIC_TABLE } from "../../core/src/mochi/codes.js";
import { HARD_KEYWORDS } from "../../core/src/mochi/lexer.js";
import { scanImports } from "../../core/src/mochi/imports.js";
import { parse } from "../../core/src/mochi/parser.js";
import { printProgram } from "../../core/src/mochi/printer.js";
import { corpusFiles, prng, readFixture, stripSpans } from "./helpers.js";

const SEED = 0x6d6f6368; // "moch"
const CASES = 100_000;
/** No single input may take longer than this (a hang or a blow-up shows here). */
const PER_INPUT_MS = 500;

const KNOWN_CODES = new Set<string>(DIAGNOSTIC_TABLE.map((d) => d.code));
const SOFT = "null as object auto bench model query update set from where select group by into having sort order skip take distinct join left right outer union except intersect to with go python".split(" ");
const VOCAB = [
  ...HARD_KEYWORDS, ...SOFT, "true", "false",
  "==", "!=", "<=", ">=", "&&", "||", "=>", ":-", "..", "??", "-", "+", "*", "/", "%", "=", "<", ">", "!", "|", "{", "}", "[", "]", "(", ")", ",", ".", ":", "?",
  "x", "y", "Foo", "_", "π", "int", "string", "list", "map", "any", "T",
  "0", "42", "0x1F", "1.5", "2e3", "1_000", "0x", "99999999999999999999",
  '"s"', '"github.com/spf13/cobra@v1.8.0"', '"fmt"', '"a\\q"', '"open', "/* c */", "// c\n", "# c\n", "/* open", ";", "\n", "\t", "\ufeff", "@", "$", "'",
];
const corpus = corpusFiles().map((f) => readFixture(`corpus/${f}`));

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)]!;

function randomBytes(r: Rand): string {
  const n = int(r, 120);
  let s = "";
  for (let i = 0; i < n; i++) {
    const roll = r();
    s += roll < 0.85 ? String.fromCharCode(int(r, 256))
      : roll < 0.95 ? String.fromCodePoint(int(r, 0x3000))
      : String.fromCharCode(0xd800 + int(r, 0x800)); // lone surrogates
  }
  return s;
}

function tokenSoup(r: Rand): string {
  const n = 1 + int(r, 60);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(pick(r, VOCAB), pick(r, [" ", " ", " ", "\n", ";", ""]));
  return parts.join("");
}

/** A slice of lines of a corpus program (a whole program one time in ten), with 1-4 mutations. */
function mutatedCorpus(r: Rand): string {
  const program = pick(r, corpus);
  let s = program;
  if (r() >= 0.1) {
    const lines = program.split("\n");
    const from = int(r, lines.length);
    s = lines.slice(from, from + 1 + int(r, 12)).join("\n");
  }
  const mutations = 1 + int(r, 4);
  for (let m = 0; m < mutations; m++) {
    const at = int(r, s.length + 1);
    const len = int(r, 12);
    switch (int(r, 5)) {
      case 0: s = s.slice(0, at) + s.slice(at + len); break;
      case 1: s = s.slice(0, at) + pick(r, VOCAB) + s.slice(at); break;
      case 2: s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at); break;
      case 3: s = s.slice(0, at) + String.fromCharCode(int(r, 128)) + s.slice(at + 1); break;
      default: {
        const other = int(r, s.length + 1);
        s = s.slice(0, at) + s.slice(other, other + len) + s.slice(at + len);
      }
    }
  }
  return s;
}

function deepNesting(r: Rand): string {
  const n = 50 + int(r, 1500);
  const [open, close] = pick(r, [["(", ")"], ["[", "]"], ["{", "}"], ["f(", ")"], ["fun() => ", ""], ["if a { ", " }"], ["- ", ""],
    ["!", ""], ["let x: list<", ">"], ["a.", ""], ["fun(", "): int"], ["match x { 1 => ", " }"], ["from a in ", " select a"]] as const);
  const closed = r() < 0.5;
  return `let v = ${open.repeat(n)}1${closed ? close.repeat(n) : ""}`;
}

function generate(r: Rand): string {
  const roll = r();
  if (roll < 0.25) return randomBytes(r);
  if (roll < 0.55) return tokenSoup(r);
  if (roll < 0.985) return mutatedCorpus(r);
  return deepNesting(r);
}

const stats = { roundTrips: 0, withErrors: 0 };

/** The checks every input must pass; returns a description of the first violation. */
function violation(src: string, index: number): string | undefined {
  const lookup = (m: string): string | undefined => (m.length % 3 === 0 ? "v1.0.0" : m.length % 3 === 1 ? "^v1.2" : undefined);
  const { program, diagnostics } = checkSource(src, { lookup });
  if (program.kind !== "Program") return "no Program";
  for (const d of diagnostics) {
    if (!KNOWN_CODES.has(d.code)) return `unknown code ${d.code}`;
    const { start, end } = d.span;
    if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= src.length && start.line >= 1 && start.col >= 1)) {
      return `bad span ${JSON.stringify(d.span)} for ${d.code}`;
    }
    if (d.message === "" || d.help === "") return `empty text for ${d.code}`;
  }
  let errorStmts = 0;
  walk(program, (n) => {
    if (n.kind === "ErrorStmt") errorStmts++;
  });
  // (An unterminated string or comment stands for the statement it cut short.)
  const syntaxErrors = diagnostics.filter((d) => ["P001", "P086", "P040", "P042"].includes(d.code)).length;
  if (errorStmts > 0 && syntaxErrors === 0) return "an ErrorStmt without a syntax diagnostic";
  if (index % 10 === 0) scanImports(src, "fuzz.mochi", { lookup });
  if (diagnostics.some((d) => d.severity === "error")) stats.withErrors++;
  // Inputs that parse cleanly must print and parse back to the same tree.
  if (!diagnostics.some((d) => d.code.startsWith("P0") && d.code !== "P065" && d.code !== "P063" && d.code !== "P060" && d.severity === "error") &&
    errorStmts === 0 && src.length < 4000) {
    stats.roundTrips++;
    const printed = printProgram(program);
    const again = parse(printed);
    if (again.diagnostics.some((d) => d.code === "P001")) return `reprint does not parse:\n${printed}`;
    if (JSON.stringify(stripSpans(again.program), big) !== JSON.stringify(stripSpans(program), big)) return `reprint parses differently:\n${printed}`;
  }
  return undefined;
}

const big = (_k: string, v: unknown): unknown => (typeof v === "bigint" ? `${v}n` : v);

describe("fuzz", () => {
  it(`${CASES} seeded inputs: no crash, no hang, well-formed results`, () => {
    const r = prng(SEED);
    let slowest = { ms: 0, index: -1 };
    const started = performance.now();
    for (let i = 0; i < CASES; i++) {
      const src = generate(r);
      const t0 = performance.now();
      let problem: string | undefined;
      try {
        problem = violation(src, i);
      } catch (e) {
        problem = `threw ${e instanceof Error ? e.stack : String(e)}`;
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, index: i };
      if (problem === undefined && ms > PER_INPUT_MS) problem = `took ${ms.toFixed(0)} ms`;
      if (problem !== undefined) expect.fail(`case ${i} (seed ${SEED}): ${problem}\ninput: ${JSON.stringify(src)}`);
    }
    const total = performance.now() - started;
    console.log(`fuzz: ${CASES} cases in ${(total / 1000).toFixed(1)} s; slowest case ${slowest.index} took ${slowest.ms.toFixed(1)} ms; ` +
      `${stats.withErrors} with errors; ${stats.roundTrips} parsed cleanly and round-tripped through the printer`);
    // The generators must reach both sides: broken input and input that parses.
    expect(stats.withErrors).toBeGreaterThan(CASES / 2);
    expect(stats.roundTrips).toBeGreaterThan(CASES / 20);
    expect(total).toBeLessThan(50_000);
  }, 120_000);
});
