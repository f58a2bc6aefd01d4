// The checks the Mochi parser runs after building the tree (its
// "normalize" pass): P060 empty subscript, P063 bad match pattern, P064
// unknown import language, P065 expression statement without effect, and
// the go import checks P067 and P068.

import { walk, type Expr, type Node, type Program } from "./ast.js";
import { diagnostic, type Diagnostic } from "./diagnostics.js";
import { IMPORT_LANGUAGES, goImportRef, hasGoSemverPin } from "./go-import.js";

export interface ValidateOptions {
  /** Languages `import <lang>` accepts; default IMPORT_LANGUAGES (all revisions). */
  readonly languages?: readonly string[];
}

const EFFECTS = new Set<Node["kind"]>(["CallExpr", "Call", "FetchExpr", "LoadExpr", "SaveExpr", "GenerateExpr"]);

/** Whether `e` calls, fetches, loads, saves or generates somewhere outside a lambda body. */
function hasEffect(e: Expr): boolean {
  let found = false;
  walk(e, (n) => {
    if (found || n.kind === "FunExpr") return false;
    if (EFFECTS.has(n.kind)) found = true;
    return !found;
  });
  return found;
}

const PATTERN_WORDS: Partial<Record<Node["kind"], string>> = {
  Unary: "a prefix - or ! expression (negative numbers are not patterns)",
  Binary: "an operator expression",
  Selector: "a dotted name",
  ListLit: "a list literal",
  MapLit: "a map literal",
  StructLit: "a struct literal",
  Call: "a call on an expression",
  Index: "an index expression",
  FieldAccess: "a field access",
  Cast: "a cast",
  FunExpr: "a function",
  IfExpr: "an if expression",
  MatchExpr: "a match expression",
  QueryExpr: "a query",
};

/** The first part of a match pattern that is not a pattern, depth-first. */
function badPattern(p: Expr): Expr | undefined {
  const stack: Expr[] = [p];
  while (stack.length > 0) {
    const e = stack.pop()!;
    switch (e.kind) {
      case "IntLit": case "FloatLit": case "BoolLit": case "StringLit": case "NoneLit":
        break;
      case "Selector":
        if (e.tail.length > 0) return e;
        break;
      case "CallExpr":
        stack.push(...[...e.args].reverse());
        break;
      case "Paren":
        stack.push(e.expr);
        break;
      default:
        return e;
    }
  }
  return undefined;
}

export function validateProgram(program: Program, options: ValidateOptions = {}): Diagnostic[] {
  const languages = options.languages ?? IMPORT_LANGUAGES;
  const out: Diagnostic[] = [];
  walk(program, (n) => {
    switch (n.kind) {
      case "Subscript":
        if (n.start === undefined && n.end === undefined && n.step === undefined && n.colons === 0) out.push(diagnostic("P060", n.span));
        break;
      case "MatchArm": {
        const bad = badPattern(n.pattern);
        if (bad !== undefined) out.push(diagnostic("P063", bad.span, [PATTERN_WORDS[bad.kind] ?? `a ${bad.kind}`]));
        break;
      }
      case "ExprStmt":
        if (!hasEffect(n.expr)) out.push(diagnostic("P065", n.span));
        break;
      case "ImportStmt": {
        const lang = n.lang?.name;
        if (lang === undefined) break;
        if (!languages.includes(lang)) {
          out.push(diagnostic("P064", n.lang!.span, [lang], [languages.join(", ")]));
        } else if (lang === "go" && hasGoSemverPin(n.path.value)) {
          if (goImportRef(n.path.value) === undefined) out.push(diagnostic("P067", n.path.span, [n.path.value]));
          else if (n.alias === undefined) out.push(diagnostic("P068", n.path.span, [n.path.value]));
        }
        break;
      }
    }
  });
  return out;
}
