// The pretty-printer: parse(print(parse(x))) == parse(x) on the corpus.
import { describe, expect, it } from "vitest";
import type * as A from "../../core/src/mochi/ast.js";
import type { Span } from "../../core/src/mochi/diagnostics.js";
import { parse } from "../../core/src/mochi/parser.js";
import { printExpr, printProgram, printType } from "../../core/src/mochi/printer.js";
import { corpusFiles, expr, parseOk, readFixture, stripSpans } from "./helpers.js";

const roundTrip = (src: string): void => {
  const first = parseOk(src);
  const printed = printProgram(first);
  const second = parse(printed);
  expect(second.diagnostics, printed).toEqual([]);
  expect(stripSpans(second.program)).toEqual(stripSpans(first));
  expect(printProgram(second.program)).toBe(printed);
};

describe("printer round trip", () => {
  it.each(corpusFiles())("corpus/%s", (f) => roundTrip(readFixture(`corpus/${f}`)));
  it.each(["uuid_extern.mochi", "uuid.mochi", "consumer.mochi", "reference-sentinel.mochi"])("bridge/%s", (f) => roundTrip(readFixture(`bridge/${f}`)));

  it("keeps the forms that change the tokens", () => {
    for (const src of [
      "let a = xs[1: -1]\nlet b = xs[::2]\nlet c = - -1\nlet d = {a: -1}",
      "type T = A { x: int y: int } | B\ntype U = { v: int }",
      "type V = W(\n  /// documented\n  a: int,\n  b: int\n)\nlet r: {\n  /// doc\n  x: int\n} = {}",
      "let f = if a { b } else c\nlet g = if a then b else { c }",
    ]) roundTrip(src);
  });

  it("prints canonical text", () => {
    expect(printProgram(parseOk("let  x:list< int > =[1,2,]\nfun f ( a:int ) : int { return a*2 }"))).toBe(
      "let x: list<int> = [1, 2]\nfun f(a: int): int {\n  return a * 2\n}\n");
    expect(printExpr(expr("xs[1:2]"))).toBe("xs[1:2]");
  });
});

describe("printer on trees built by hand", () => {
  const span: Span = { start: { offset: 0, line: 1, col: 1 }, end: { offset: 0, line: 1, col: 1 } };
  const int = (n: number): A.IntLit => ({ kind: "IntLit", text: String(n), value: BigInt(n), span });
  const bin = (op: A.BinaryOp, left: A.Expr, right: A.Expr): A.Binary => ({ kind: "Binary", op, all: false, left, right, span });
  const name = (n: string): A.Name => ({ kind: "Name", name: n, span });
  const sel = (n: string): A.Selector => ({ kind: "Selector", root: name(n), tail: [], span });

  it("adds the parentheses precedence needs", () => {
    expect(printExpr(bin("*", bin("+", int(1), int(2)), int(3)))).toBe("(1 + 2) * 3");
    expect(printExpr(bin("-", int(1), bin("-", int(2), int(3))))).toBe("1 - (2 - 3)");
    expect(printExpr(bin("-", bin("-", int(1), int(2)), int(3)))).toBe("1 - 2 - 3");
    expect(printExpr({ kind: "Unary", op: "-", operand: bin("+", sel("a"), sel("b")), span })).toBe("-(a + b)");
    expect(printExpr({ kind: "Call", callee: bin("+", sel("a"), sel("b")), args: [], span })).toBe("(a + b)()");
    expect(printType({ kind: "OptionType", inner: { kind: "GenericType", name: name("list"), args: [{ kind: "SimpleType", name: name("int"), span }], span }, span })).toBe("list<int>?");
  });

  it("prints long operator, postfix and prefix chains without recursion", () => {
    const n = 100_000;
    let sum: A.Expr = int(1);
    let call: A.Expr = sel("f");
    let neg: A.Expr = sel("x");
    for (let i = 0; i < n; i++) {
      sum = bin("+", sum, int(1));
      call = { kind: "Call", callee: call, args: [], span };
      neg = { kind: "Unary", op: "!", operand: neg, span };
    }
    expect(printExpr(sum).length).toBe(1 + 4 * n);
    expect(printExpr(call)).toBe(`f${"()".repeat(n)}`);
    expect(printExpr(neg)).toBe(`${"!".repeat(n)}x`);
  });

  it("parses and prints a long source chain", () => {
    const src = `print(1${" + 1".repeat(20_000)})`;
    const p = parseOk(src);
    expect(printProgram(p)).toBe(`${src}\n`);
  });
});
