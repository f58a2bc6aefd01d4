// SPDX license expressions (SPDX 2.3 annex D) as `license` keys hold them:
// "MIT", "Apache-2.0 OR MIT", "GPL-2.0-or-later WITH Classpath-exception-2.0",
// "(MIT AND BSD-3-Clause) OR LicenseRef-Corp". The grammar is checked, not
// the identifier list (which changes with every SPDX release); operators are
// upper case, as the specification matches them case-sensitively.

const ID = /^[A-Za-z0-9.-]+\+?$/;
const REF = /^(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;
const EXCEPTION = /^(?:[A-Za-z0-9.-]+|(?:DocumentRef-[A-Za-z0-9.-]+:)?AdditionRef-[A-Za-z0-9.-]+)$/;
const OPERATORS = new Set(["AND", "OR", "WITH"]);

/** Why `expr` is not an SPDX license expression, or undefined when it is one. */
export function whySpdxInvalid(expr: string): string | undefined {
  const tokens = expr.split(/(\(|\)|\s+)/).filter((t) => t !== "" && !/^\s+$/.test(t));
  if (tokens.length === 0) return "it is empty";
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const fail = (why: string): never => {
    throw new SyntaxError(why);
  };
  const license = (): void => {
    const t = peek();
    if (t === undefined) fail("it ends where a license identifier should follow");
    if (t === "(") {
      at++;
      orExpr();
      if (peek() !== ")") fail("a parenthesis is not closed");
      at++;
    } else if (t === ")" || OPERATORS.has(t!)) fail(`${JSON.stringify(t)} stands where a license identifier should`);
    else if (/^(?:and|or|with)$/i.test(t!)) fail(`operator ${JSON.stringify(t)} must be written in upper case`);
    else if (!ID.test(t!) && !REF.test(t!)) fail(`${JSON.stringify(t)} is not a license identifier`);
    else at++;
    if (peek() === "WITH") {
      at++;
      const e = peek();
      if (e === undefined || !EXCEPTION.test(e)) fail(`WITH must be followed by an exception identifier`);
      at++;
    }
  };
  const andExpr = (): void => {
    license();
    while (peek() === "AND") {
      at++;
      license();
    }
  };
  const orExpr = (): void => {
    andExpr();
    while (peek() === "OR") {
      at++;
      andExpr();
    }
  };
  try {
    orExpr();
    if (at < tokens.length) {
      const t = tokens[at]!;
      fail(/^(?:and|or|with)$/i.test(t) ? `operator ${JSON.stringify(t)} must be written in upper case` : `unexpected ${JSON.stringify(t)}`);
    }
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxError) return e.message;
    throw e;
  }
}
