// A light type check of declarations, aimed at the extern files and alias
// shims the Go bridge emits (GRAMMAR.md §3, §5). It does not check
// statements or expressions; it checks what a generator can get wrong:
// - every type name resolves the way the checker resolves it (§3.1): the
//   builtins, type parameters, declared types and variants, bindings
//   declared earlier, and single upper-case letters; anything else is T025,
//   including a name only declared by `extern type` (X5);
// - generics other than list<T> and map<K, V> silently become any (T100,
//   T101);
// - the root of every dotted extern is bound before it (T002), and its
//   intermediate prefixes are declared, or the checker never reaches it
//   (T102, R10);
// - extern funs say their types (T107, T108, R11) and undotted externs do
//   not take a builtin's name (T103, R12);
// - nothing is declared twice (T104-T106): the checker would silently keep
//   the last declaration.

import type * as A from "./ast.js";
import { BUILTIN_FUNCTIONS, BUILTIN_TYPES } from "./builtins.js";
import { diagnostic, sortDiagnostics, type Diagnostic, type Span } from "./diagnostics.js";
import { checkImports, type ImportOptions } from "./imports.js";
import { defaultAlias } from "./go-import.js";
import { parse } from "./parser.js";

interface Binding {
  readonly what: string;
  readonly span: Span;
  /** Type and function declarations are visible everywhere; other bindings after their position. */
  readonly everywhere: boolean;
  readonly fromImport: boolean;
}

interface TypeScope {
  readonly typeParams: ReadonlySet<string>;
  /** Offset of the declaration whose types are checked: bindings must come before it. */
  readonly offset: number;
}

const dotted = (path: readonly A.Name[]): string => path.map((n) => n.name).join(".");

class DeclarationChecker {
  readonly diags: Diagnostic[] = [];
  private readonly bindings = new Map<string, Binding>();
  private readonly typeNames = new Set<string>();
  private readonly externTypes = new Set<string>();

  constructor(private readonly program: A.Program) {}

  run(): Diagnostic[] {
    for (const s of this.program.statements) this.declare(s);
    for (const s of this.program.statements) this.check(s);
    return this.diags;
  }

  /** Pass 1: every top-level name, with T104 for a second declaration. */
  private declare(s: A.Statement): void {
    switch (s.kind) {
      case "TypeDecl":
        this.bind(s.name.name, "type", s.name.span, true);
        this.typeNames.add(s.name.name);
        if (s.body.kind === "SumBody") {
          for (const v of s.body.variants) {
            if (s.body.variants.find((w) => w.name.name === v.name.name) !== v) continue; // T105, in check()
            this.bind(v.name.name, "variant", v.name.span, true);
            this.typeNames.add(v.name.name);
          }
        }
        break;
      case "ExternTypeDecl":
        this.externTypes.add(s.name.name);
        break;
      case "FunDecl":
        this.bind(s.name.name, "function", s.name.span, true);
        break;
      case "LetStmt": case "VarStmt":
        this.bind(s.name.name, s.kind === "LetStmt" ? "let" : "var", s.name.span, false);
        break;
      case "ExternVarDecl":
        this.bind(dotted(s.path), `extern ${s.keyword}`, s.span, false);
        break;
      case "ExternFunDecl":
        this.bind(dotted(s.path), "extern fun", s.span, false);
        break;
      case "ImportStmt":
        this.bind(s.alias?.name ?? defaultAlias(s.path.value), "import alias", s.alias?.span ?? s.path.span, false, true);
        break;
    }
  }

  private bind(name: string, what: string, span: Span, everywhere: boolean, fromImport = false): void {
    const first = this.bindings.get(name);
    if (first === undefined) {
      this.bindings.set(name, { what, span, everywhere, fromImport });
      return;
    }
    // Two imports with one alias are P080/P081 (imports.ts).
    if (first.fromImport && fromImport) return;
    this.diags.push(diagnostic("T104", span, [`${what} ${name}`], [], [{ message: `${name} is first declared here as ${first.what}`, span: first.span }]));
  }

  private boundBefore(name: string, offset: number): boolean {
    const b = this.bindings.get(name);
    return b !== undefined && (b.everywhere || b.span.start.offset < offset);
  }

  /** Pass 2: types, externs and signatures, in source order. */
  private check(s: A.Statement): void {
    const top: TypeScope = { typeParams: new Set(), offset: s.span.start.offset };
    switch (s.kind) {
      case "TypeDecl":
        this.typeBody(s, top);
        break;
      case "FunDecl":
        this.signature(s, top);
        break;
      case "LetStmt": case "VarStmt":
        if (s.type !== undefined) this.type(s.type, top);
        break;
      case "ExternVarDecl":
        this.dottedExtern(s.path, s.span);
        this.type(s.type, top);
        break;
      case "ExternFunDecl": {
        const name = dotted(s.path);
        this.dottedExtern(s.path, s.span);
        this.params(s.params, `extern fun ${name}`, top);
        for (const p of s.params) if (p.type === undefined) this.diags.push(diagnostic("T108", p.span, [p.name.name, name]));
        if (s.returnType === undefined) this.diags.push(diagnostic("T107", s.span, [name]));
        else this.type(s.returnType, top);
        break;
      }
    }
  }

  private typeBody(s: A.TypeDecl, scope: TypeScope): void {
    const body = s.body;
    const where = `type ${s.name.name}`;
    switch (body.kind) {
      case "RecordBody":
        this.unique(body.members.map((m) => m.name), where);
        for (const m of body.members) {
          if (m.kind === "Field") this.type(m.type, scope);
          else this.signature(m, scope);
        }
        break;
      case "SumBody":
        this.unique(body.variants.map((v) => v.name), where);
        for (const v of body.variants) {
          this.unique((v.fields ?? []).map((f) => f.name), `variant ${v.name.name}`);
          for (const f of v.fields ?? []) this.type(f.type, scope);
        }
        break;
      case "AliasBody":
        this.type(body.type, scope);
        break;
    }
  }

  private signature(f: A.FunDecl, outer: TypeScope): void {
    for (const t of f.typeParams) {
      if (!/^[A-Z]$/.test(t.name)) {
        this.diags.push(diagnostic("T025", t.span, [t.name], [`type parameters must be single upper-case letters (T, K, V): the checker's effect pass does not know ${t.name}`]));
      }
    }
    this.unique(f.typeParams, `the type parameters of ${f.name.name}`);
    const scope = { typeParams: new Set([...outer.typeParams, ...f.typeParams.map((t) => t.name)]), offset: outer.offset };
    this.params(f.params, `fun ${f.name.name}`, scope);
    if (f.returnType !== undefined) this.type(f.returnType, scope);
  }

  private params(params: readonly A.Param[], owner: string, scope: TypeScope): void {
    const seen = new Map<string, A.Name>();
    for (const p of params) {
      const first = seen.get(p.name.name);
      if (first !== undefined) {
        this.diags.push(diagnostic("T106", p.name.span, [p.name.name, owner], [], [{ message: "first declared here", span: first.span }]));
      } else {
        seen.set(p.name.name, p.name);
      }
      if (p.type !== undefined) this.type(p.type, scope);
    }
  }

  /** T105 for a member name used twice. */
  private unique(names: readonly A.Name[], owner: string): void {
    const seen = new Map<string, A.Name>();
    for (const n of names) {
      const first = seen.get(n.name);
      if (first === undefined) seen.set(n.name, n);
      else this.diags.push(diagnostic("T105", n.span, [n.name, owner], [], [{ message: "first declared here", span: first.span }]));
    }
  }

  /** T002 for an unbound root, T102 for an undeclared intermediate prefix, T103 for an undotted builtin name. */
  private dottedExtern(path: readonly A.Name[], span: Span): void {
    const root = path[0]!.name;
    const name = dotted(path);
    if (path.length === 1) {
      if (BUILTIN_FUNCTIONS.has(root)) this.diags.push(diagnostic("T103", path[0]!.span, [name]));
      return;
    }
    if (!this.boundBefore(root, span.start.offset)) {
      this.diags.push(diagnostic("T002", path[0]!.span, [root, name], [root]));
      return;
    }
    for (let i = 2; i < path.length; i++) {
      const prefix = dotted(path.slice(0, i));
      if (!this.bindings.has(prefix)) {
        this.diags.push(diagnostic("T102", path[i - 1]!.span, [name, prefix], [prefix]));
        return;
      }
    }
  }

  private type(t: A.TypeRef, scope: TypeScope): void {
    switch (t.kind) {
      case "OptionType":
        this.type(t.inner, scope);
        break;
      case "FunType":
        for (const p of t.params) this.type(p, scope);
        if (t.returnType !== undefined) this.type(t.returnType, scope);
        break;
      case "InlineStructType":
        this.unique(t.fields.map((f) => f.name), "an inline record type");
        for (const f of t.fields) this.type(f.type, scope);
        break;
      case "GenericType": {
        const name = t.name.name;
        const arity = name === "list" ? 1 : name === "map" ? 2 : undefined;
        if (arity === undefined) this.diags.push(diagnostic("T100", t.name.span, [name]));
        else if (t.args.length !== arity) {
          this.diags.push(diagnostic("T101", t.span, [name, arity === 1 ? "one type argument" : "two type arguments", t.args.length]));
        } else {
          for (const a of t.args) this.type(a, scope);
        }
        break;
      }
      case "SimpleType":
        this.simpleType(t.name, scope);
        break;
    }
  }

  /** §3.1: builtins, type parameters, declared types and variants, earlier bindings, single upper-case letters. */
  private simpleType(n: A.Name, scope: TypeScope): void {
    const name = n.name;
    if (BUILTIN_TYPES.has(name) || scope.typeParams.has(name) || this.typeNames.has(name) || this.boundBefore(name, scope.offset) ||
      /^[A-Z]$/.test(name)) {
      return;
    }
    const help = this.externTypes.has(name)
      ? `\`extern type ${name}\` declares nothing the checker can use; add \`type ${name} = any\` (or a one-field record for nominal typing)`
      : "declare it with `type`, or use int, int64, float, bigint, string, bool, unit, any, list<T>, map<K, V>, T? or fun(..): R";
    this.diags.push(diagnostic("T025", n.span, [name], [help]));
  }
}

/** T002, T025 and T100-T108 for the declarations of a program (statements and expressions are not checked). */
export function checkDeclarations(program: A.Program): Diagnostic[] {
  return sortDiagnostics(new DeclarationChecker(program).run());
}

/**
 * Everything this front end can say about one source file: syntax and
 * validation, imports, and declarations. The gate for emitted Mochi is
 * that this returns no errors.
 */
export function checkSource(source: string, options: ImportOptions = {}): { program: A.Program; diagnostics: Diagnostic[] } {
  const { program, diagnostics } = parse(source, options);
  return {
    program,
    diagnostics: sortDiagnostics([...diagnostics, ...checkImports(program, options).diagnostics, ...checkDeclarations(program)]),
  };
}
