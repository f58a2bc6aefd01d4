// DESIGN.md: core/src never imports node:*, never touches process, Buffer,
// Intl, the WebAssembly global, the clock or randomness. Checked on the
// syntax tree, so comments and property names like `x.process` do not count.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { repoRoot } from "./vectors.js";

const BANNED_GLOBALS = new Set(["process", "Buffer", "Intl", "WebAssembly", "require", "__dirname", "__filename",
  "TextEncoder", "TextDecoder", "atob", "btoa", "performance", "setTimeout", "setInterval", "fetch", "crypto"]);
const BANNED_MEMBERS = new Set(["Date.now", "Math.random", "globalThis.process", "globalThis.Buffer", "globalThis.crypto"]);

export function violations(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  // Names the file binds itself (a local `fetch`, a parameter `crypto`) are
  // not the globals; collect every binding name first.
  const bound = new Set<string>();
  const collect = (n: ts.Node): void => {
    const name = (n as { name?: ts.Node }).name;
    if (name && ts.isIdentifier(name) && (ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isFunctionDeclaration(n) ||
      ts.isClassDeclaration(n) || ts.isImportSpecifier(n) || ts.isBindingElement(n) || ts.isNamespaceImport(n) || ts.isImportClause(n))) {
      bound.add(name.text);
    }
    ts.forEachChild(n, collect);
  };
  collect(sf);
  const at = (n: ts.Node) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
    return `${fileName}:${line + 1}:${character + 1}`;
  };
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      if (n.moduleSpecifier.text.startsWith("node:")) found.push(`${at(n)} imports ${n.moduleSpecifier.text}`);
    }
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = n.arguments[0];
      found.push(`${at(n)} uses a dynamic import${arg && ts.isStringLiteral(arg) ? ` of ${arg.text}` : ""}`);
    }
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "Date" && (n.arguments?.length ?? 0) === 0) {
      found.push(`${at(n)} reads the clock (new Date())`);
    }
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) {
      const name = `${n.expression.text}.${n.name.text}`;
      if (BANNED_MEMBERS.has(name)) found.push(`${at(n)} uses ${name}`);
    }
    if (ts.isIdentifier(n) && BANNED_GLOBALS.has(n.text) && !bound.has(n.text)) {
      const p = n.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n) ||
        (ts.isMethodDeclaration(p) && p.name === n) || (ts.isPropertyDeclaration(p) && p.name === n) ||
        (ts.isPropertySignature(p) && p.name === n) || (ts.isMethodSignature(p) && p.name === n);
      if (!isPropertyName) found.push(`${at(n)} uses the global ${n.text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(name) ? [path] : [];
  });
}

describe("portable core", () => {
  it("core/src uses no Node or browser globals, clock or randomness", () => {
    const files = tsFiles(join(repoRoot, "core/src"));
    expect(files.length).toBeGreaterThan(0);
    const all = files.flatMap((f) => violations(relative(repoRoot, f), readFileSync(f, "utf8")));
    expect(all).toEqual([]);
  });

  it("the checker catches each banned use", () => {
    const cases: Record<string, string> = {
      'import { readFile } from "node:fs";': "imports node:fs",
      'export { x } from "node:path";': "imports node:path",
      "const x = process.env.HOME;": "global process",
      "const b = Buffer.from([1]);": "global Buffer",
      "const f = new Intl.NumberFormat();": "global Intl",
      "const m = WebAssembly.compile;": "global WebAssembly",
      "const t = Date.now();": "Date.now",
      "const r = Math.random();": "Math.random",
      "const d = new Date();": "clock",
      'const m = await import("./x.js");': "dynamic import",
      "const e = new TextEncoder();": "global TextEncoder",
      "const p = globalThis.process;": "globalThis.process",
    };
    for (const [src, what] of Object.entries(cases)) {
      const v = violations("case.ts", src);
      expect(v.join("\n"), src).toContain(what);
    }
    expect(violations("ok.ts", "// process, Buffer and Date.now() in a comment\nconst o = { process: 1 }; o.process; new Date(0);")).toEqual([]);
    expect(violations("local.ts", "const fetch = [1]; fetch.map((crypto) => crypto);")).toEqual([]);
  });
});
