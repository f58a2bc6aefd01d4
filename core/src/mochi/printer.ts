// AST -> Mochi source, one statement per line, two-space indentation.
//
// The grammar ignores newlines, so reprinting is safe exactly when the
// printed tokens are the tokens the parser consumed. The printer therefore
// keeps every choice the tree records (`then` or braces, `=` before a
// record, `join from`, `sort`/`order`, the number of subscript colons),
// prints literals as written, and never lets a `:` touch a following `-`
// (`:-` is one token). Parentheses come from Paren
// nodes; for trees built by hand it also adds the ones precedence needs.
// Doc strings are printed as `///` lines. Long operator and postfix chains
// are printed without recursion.

import type * as A from "./ast.js";

const PRECEDENCE: Readonly<Record<A.BinaryOp, number>> = {
  "*": 7, "/": 7, "%": 7, "+": 6, "-": 6, "<": 5, "<=": 5, ">": 5, ">=": 5, "==": 4, "!=": 4, in: 4,
  "&&": 3, "||": 2, "??": 1, union: 0, except: 0, intersect: 0,
};

type PostfixNode = A.Call | A.Index | A.FieldAccess | A.SafeField | A.SafeIndex | A.Cast;

function postfixTarget(e: A.Expr): A.Expr | undefined {
  switch (e.kind) {
    case "Call": return e.callee;
    case "Index": case "FieldAccess": case "SafeField": case "SafeIndex": return e.target;
    case "Cast": return e.expr;
    default: return undefined;
  }
}

class Printer {
  private readonly lines: string[] = [];

  program(p: A.Program): string {
    if (p.package !== undefined) this.lines.push(`package ${p.package.name}`);
    for (const s of p.statements) this.statement(s, 0);
    return this.lines.join("\n") + "\n";
  }

  private line(indent: number, text: string): void {
    this.lines.push("  ".repeat(indent) + text);
  }

  private doc(indent: number, doc: string | undefined): void {
    if (doc === undefined) return;
    for (const l of doc.split("\n")) this.line(indent, l === "" ? "///" : `/// ${l}`);
  }

  /** A block's statements at indent + 1, framed by `{` (appended to `head`) and `}`. */
  private blockLines(indent: number, head: string, block: A.Block): void {
    this.line(indent, `${head}{`);
    for (const s of block.statements) this.statement(s, indent + 1);
    this.line(indent, "}");
  }

  /** A block inside an expression, as a string whose inner lines are indented. */
  private blockText(block: A.Block, indent: number): string {
    if (block.statements.length === 0) return "{}";
    const inner = new Printer();
    for (const s of block.statements) inner.statement(s, indent + 1);
    return `{\n${inner.lines.join("\n")}\n${"  ".repeat(indent)}}`;
  }

  statement(s: A.Statement, indent: number): void {
    const e = (x: A.Expr): string => this.expr(x, indent);
    switch (s.kind) {
      case "ErrorStmt": this.line(indent, "// (unparsable statement)"); break;
      case "TestBlock": this.blockLines(indent, `test ${s.name.raw} `, s.body); break;
      case "BenchBlock": this.blockLines(indent, `bench ${s.name.raw} `, s.body); break;
      case "ExpectStmt": this.line(indent, `expect ${e(s.value)}`); break;
      case "AgentDecl":
        this.line(indent, `agent ${s.name.name} {`);
        for (const item of s.body) {
          if (item.kind === "IntentDecl") {
            const ret = item.returnType === undefined ? "" : `: ${this.type(item.returnType, indent + 1)}`;
            this.blockLines(indent + 1, `intent ${item.name.name}(${this.params(item.params, indent + 1)})${ret} `, item.body);
          } else {
            this.statement(item, indent + 1);
          }
        }
        this.line(indent, "}");
        break;
      case "StreamDecl":
        this.line(indent, `stream ${s.name.name} {`);
        for (const f of s.fields) this.field(f, indent + 1);
        this.line(indent, "}");
        break;
      case "ModelDecl":
        this.line(indent, `model ${s.name.name} {`);
        for (const f of s.fields) this.line(indent + 1, this.namedValue(f, indent + 1));
        this.line(indent, "}");
        break;
      case "ImportStmt": {
        const parts = ["import", ...(s.lang ? [s.lang.name] : []), s.path.raw, ...(s.alias ? ["as", s.alias.name] : []), ...(s.auto ? ["auto"] : [])];
        this.line(indent, parts.join(" "));
        break;
      }
      case "TypeDecl": this.typeDecl(s, indent); break;
      case "ExternTypeDecl": this.line(indent, `extern type ${s.name.name}`); break;
      case "ExternVarDecl": this.line(indent, `extern ${s.keyword} ${dotted(s.path)}: ${this.type(s.type, indent)}`); break;
      case "ExternFunDecl": {
        const ret = s.returnType === undefined ? "" : `: ${this.type(s.returnType, indent)}`;
        this.line(indent, `extern fun ${dotted(s.path)}(${this.params(s.params, indent)})${ret}`);
        break;
      }
      case "ExternObjectDecl": this.line(indent, `extern object ${s.name.name}`); break;
      case "FactStmt": this.line(indent, `fact ${this.predicate(s.pred)}`); break;
      case "RuleStmt": {
        const conds = s.body.map((c) => (c.kind === "LogicNeq" ? `${c.left.name} != ${c.right.name}` : this.predicate(c)));
        this.line(indent, `rule ${this.predicate(s.head)} :- ${conds.join(", ")}`);
        break;
      }
      case "OnHandler": this.blockLines(indent, `on ${s.stream.name} as ${s.alias.name} `, s.body); break;
      case "EmitStmt": this.line(indent, `emit ${s.stream.name} ${this.namedValues(s.fields, indent)}`); break;
      case "LetStmt": case "VarStmt": {
        this.doc(indent, s.doc);
        const type = s.type === undefined ? "" : `: ${this.type(s.type, indent)}`;
        const value = s.value === undefined ? "" : ` = ${e(s.value)}`;
        this.line(indent, `${s.kind === "LetStmt" ? "let" : "var"} ${s.name.name}${type}${value}`);
        break;
      }
      case "AssignStmt": {
        const target = s.target.name + s.subscripts.map((x) => this.subscript(x, indent)).join("") + s.fields.map((f) => `.${f.name}`).join("");
        this.line(indent, `${target} = ${e(s.value)}`);
        break;
      }
      case "FunDecl": this.funDecl(s, indent); break;
      case "ReturnStmt": this.line(indent, s.value === undefined ? "return" : `return ${e(s.value)}`); break;
      case "IfStmt": this.ifStmt(s, indent, ""); break;
      case "WhileStmt": this.blockLines(indent, `while ${e(s.cond)} `, s.body); break;
      case "ForStmt": {
        const range = s.rangeEnd === undefined ? "" : `..${e(s.rangeEnd)}`;
        this.blockLines(indent, `for ${s.name.name} in ${e(s.source)}${range} `, s.body);
        break;
      }
      case "BreakStmt": this.line(indent, "break"); break;
      case "ContinueStmt": this.line(indent, "continue"); break;
      case "FetchStmt": this.line(indent, `fetch ${e(s.url)} into ${s.target.name}${s.with === undefined ? "" : ` with ${e(s.with)}`}`); break;
      case "UpdateStmt": this.line(indent, `update ${s.target.name} set ${e(s.set)}${s.where === undefined ? "" : ` where ${e(s.where)}`}`); break;
      case "ExprStmt": this.line(indent, e(s.expr)); break;
    }
  }

  private ifStmt(s: A.IfStmt, indent: number, prefix: string): void {
    const head = `${prefix}if ${this.expr(s.cond, indent)} `;
    if (s.else === undefined) {
      this.blockLines(indent, head, s.then);
      return;
    }
    this.blockLines(indent, head, s.then);
    const closing = this.lines.pop()!;
    const elsePrefix = `${closing.trimStart()} else `;
    if (s.else.kind === "IfStmt") this.ifStmt(s.else, indent, elsePrefix);
    else this.blockLines(indent, elsePrefix, s.else);
  }

  private funDecl(f: A.FunDecl, indent: number): void {
    this.doc(indent, f.doc);
    const tps = f.typeParams.length === 0 ? "" : `<${f.typeParams.map((t) => t.name).join(", ")}>`;
    const ret = f.returnType === undefined ? "" : `: ${this.type(f.returnType, indent)}`;
    const effects = f.effects.length === 0 ? "" : ` ! ${f.effects.map((x) => x.name).join(", ")}`;
    this.blockLines(indent, `${f.export ? "export " : ""}fun ${f.name.name}${tps}(${this.params(f.params, indent)})${ret}${effects} `, f.body);
  }

  private typeDecl(s: A.TypeDecl, indent: number): void {
    this.doc(indent, s.doc);
    const head = `type ${s.name.name}`;
    const body = s.body;
    switch (body.kind) {
      case "RecordBody":
        this.line(indent, `${head}${body.eq ? " =" : ""} {`);
        for (const m of body.members) {
          if (m.kind === "Field") this.field(m, indent + 1);
          else this.funDecl(m, indent + 1);
        }
        this.line(indent, "}");
        break;
      case "SumBody":
        this.line(indent, `${head} = ${body.variants.map((v) => this.variant(v, indent)).join(" | ")}`);
        break;
      case "AliasBody":
        this.line(indent, `${head} = ${this.type(body.type, indent)}`);
        break;
    }
  }

  private variant(v: A.Variant, indent: number): string {
    if (v.fields === undefined) return v.name.name;
    return v.braces ? `${v.name.name} ${this.fieldList(v.fields, "{", "}", "", indent)}` : v.name.name + this.fieldList(v.fields, "(", ")", ",", indent);
  }

  private field(f: A.Field, indent: number): void {
    this.doc(indent, f.doc);
    this.line(indent, `${f.name.name}: ${this.type(f.type, indent)}`);
  }

  /**
   * Fields between brackets; on separate lines when one has a doc string
   * (a doc string must start its own line), otherwise on one line.
   */
  private fieldList(fields: readonly A.Field[], open: string, close: string, sep: string, indent: number): string {
    if (fields.length === 0) return `${open}${close}`;
    if (fields.every((f) => f.doc === undefined)) {
      const body = fields.map((f) => `${f.name.name}: ${this.type(f.type, indent)}`).join(`${sep} `);
      // Braced variant fields have no commas; spaces set them apart.
      return sep === "" ? `${open} ${body} ${close}` : `${open}${body}${close}`;
    }
    const inner = new Printer();
    fields.forEach((f, i) => {
      inner.field(f, indent + 1);
      if (i < fields.length - 1 && sep !== "") inner.lines.push(inner.lines.pop()! + sep);
    });
    return `${open}\n${inner.lines.join("\n")}\n${"  ".repeat(indent)}${close}`;
  }

  private params(ps: readonly A.Param[], indent: number): string {
    return ps.map((p) => (p.type === undefined ? p.name.name : `${p.name.name}: ${this.type(p.type, indent)}`)).join(", ");
  }

  private predicate(p: A.LogicPredicate): string {
    const term = (t: A.LogicTerm): string => (t.kind === "Name" ? t.name : t.kind === "StringLit" ? t.raw : t.text);
    return `${p.name.name}(${p.args.map(term).join(", ")})`;
  }

  type(t: A.TypeRef, indent: number): string {
    switch (t.kind) {
      case "SimpleType": return t.name.name;
      case "GenericType": return `${t.name.name}<${t.args.map((a) => this.type(a, indent)).join(", ")}>`;
      case "FunType": {
        const ret = t.returnType === undefined ? "" : `: ${this.type(t.returnType, indent)}`;
        return `fun(${t.params.map((p) => this.type(p, indent)).join(", ")})${ret}`;
      }
      case "InlineStructType": return this.fieldList(t.fields, "{", "}", ",", indent);
      case "OptionType": return `${this.type(t.inner, indent)}?`;
    }
  }

  private namedValue(f: A.NamedValue, indent: number): string {
    return `${f.name.name}: ${this.expr(f.value, indent)}`;
  }

  private namedValues(fs: readonly A.NamedValue[], indent: number): string {
    return fs.length === 0 ? "{}" : `{ ${fs.map((f) => this.namedValue(f, indent)).join(", ")} }`;
  }

  private subscript(s: A.Subscript, indent: number): string {
    const part = (x: A.Expr | undefined): string => (x === undefined ? "" : this.expr(x, indent));
    // A space keeps `:` and a leading `-` apart (`:-` is one token).
    const afterColon = (x: A.Expr | undefined): string => {
      const text = part(x);
      return text.startsWith("-") ? `: ${text}` : `:${text}`;
    };
    let out = `[${part(s.start)}`;
    if (s.colons >= 1) out += afterColon(s.end);
    if (s.colons === 2) out += afterColon(s.step);
    return `${out}]`;
  }

  /** An operand that must bind tighter than an operator: wrapped in parentheses unless it does. */
  private tight(e: A.Expr, indent: number): string {
    return e.kind === "Binary" || e.kind === "Unary" ? `(${this.expr(e, indent)})` : this.expr(e, indent);
  }

  expr(e: A.Expr, indent: number): string {
    switch (e.kind) {
      case "Binary": return this.binary(e, indent);
      case "Unary": {
        let ops = "";
        let x: A.Expr = e;
        // `- -1`, not `--1`, which reads like a decrement (it lexes the same).
        for (; x.kind === "Unary"; x = x.operand) ops += ops.endsWith("-") && x.op === "-" ? ` ${x.op}` : x.op;
        return ops + (x.kind === "Binary" ? `(${this.expr(x, indent)})` : this.expr(x, indent));
      }
      case "Call": case "Index": case "FieldAccess": case "SafeField": case "SafeIndex": case "Cast": return this.postfix(e, indent);
      case "StructLit": return `${e.name.name} ${this.namedValues(e.fields, indent)}`;
      case "CallExpr": return `${e.callee.name}(${e.args.map((a) => this.expr(a, indent)).join(", ")})`;
      case "QueryExpr": return this.query(e, indent);
      case "LogicQuery": return `query ${this.predicate(e.pred)}`;
      case "IfExpr": {
        const then = e.thenForm === "brace" ? `{ ${this.expr(e.then, indent)} }` : `then ${this.expr(e.then, indent)}`;
        let out = `if ${this.expr(e.cond, indent)} ${then}`;
        if (e.else !== undefined) out += ` else ${e.elseForm === "brace" ? `{ ${this.expr(e.else, indent)} }` : this.expr(e.else, indent)}`;
        return out;
      }
      case "Selector": return [e.root, ...e.tail].map((n) => n.name).join(".");
      case "ListLit": return `[${e.elements.map((x) => this.expr(x, indent)).join(", ")}]`;
      case "MapLit": return `{${e.entries.map((m) => `${this.expr(m.key, indent)}: ${this.expr(m.value, indent)}`).join(", ")}}`;
      case "FunExpr": {
        const tps = e.typeParams.length === 0 ? "" : `<${e.typeParams.map((t) => t.name).join(", ")}>`;
        const ret = e.returnType === undefined ? "" : `: ${this.type(e.returnType, indent)}`;
        const effects = e.effects.length === 0 ? "" : ` ! ${e.effects.map((x) => x.name).join(", ")}`;
        const block = e.block === undefined ? "" : ` ${this.blockText(e.block, indent)}`;
        const arrow = e.arrow === undefined ? "" : ` => ${this.expr(e.arrow, indent)}`;
        return `fun${tps}(${this.params(e.params, indent)})${ret}${effects}${block}${arrow}`;
      }
      case "MatchExpr": {
        if (e.arms.length === 0) return `match ${this.expr(e.subject, indent)} {}`;
        const pad = "  ".repeat(indent + 1);
        const arms = e.arms.map((a) => {
          const result = a.result === undefined ? "" : ` ${this.expr(a.result, indent + 1)}`;
          const block = a.block === undefined ? "" : ` ${this.blockText(a.block, indent + 1)}`;
          return `${pad}${this.expr(a.pattern, indent + 1)} =>${result}${block}`;
        });
        return `match ${this.expr(e.subject, indent)} {\n${arms.join("\n")}\n${"  ".repeat(indent)}}`;
      }
      case "GenerateExpr": return `generate ${e.target.name} ${this.namedValues(e.fields, indent)}`;
      case "FetchExpr": return `fetch ${this.expr(e.url, indent)}${e.with === undefined ? "" : ` with ${this.expr(e.with, indent)}`}`;
      case "LoadExpr": {
        const path = e.path === undefined ? "" : ` ${e.path.raw}`;
        return `load${path} as ${this.type(e.type, indent)}${e.with === undefined ? "" : ` with ${this.expr(e.with, indent)}`}`;
      }
      case "SaveExpr": {
        const to = e.path === undefined ? "" : ` to ${e.path.raw}`;
        return `save ${this.expr(e.src, indent)}${to}${e.with === undefined ? "" : ` with ${this.expr(e.with, indent)}`}`;
      }
      case "Paren": return `(${this.expr(e.expr, indent)})`;
      case "IntLit": case "FloatLit": return e.text;
      case "BoolLit": return String(e.value);
      case "StringLit": return e.raw;
      case "NoneLit": return "none";
    }
  }

  /** The left spine of a same-or-tighter operator chain is walked in a loop; right operands recurse (bounded by the precedence ladder). */
  private binary(e: A.Binary, indent: number): string {
    const spine: A.Binary[] = [e];
    let base = e.left;
    while (base.kind === "Binary" && PRECEDENCE[base.op] >= PRECEDENCE[spine[spine.length - 1]!.op]) {
      spine.push(base);
      base = base.left;
    }
    let out = base.kind === "Binary" ? `(${this.expr(base, indent)})` : this.expr(base, indent);
    for (let i = spine.length - 1; i >= 0; i--) {
      const b = spine[i]!;
      const r = b.right;
      const right = r.kind === "Binary" && PRECEDENCE[r.op] <= PRECEDENCE[b.op] ? `(${this.expr(r, indent)})` : this.expr(r, indent);
      out += ` ${b.op}${b.all ? " all" : ""} ${right}`;
    }
    return out;
  }

  /** A chain of calls, subscripts, field accesses and casts, unwound in a loop. */
  private postfix(e: PostfixNode, indent: number): string {
    const chain: PostfixNode[] = [];
    let base: A.Expr = e;
    for (let t = postfixTarget(base); t !== undefined; t = postfixTarget(base)) {
      chain.push(base as PostfixNode);
      base = t;
    }
    let out = this.tight(base, indent);
    for (let i = chain.length - 1; i >= 0; i--) {
      const op = chain[i]!;
      switch (op.kind) {
        case "Call": out += `(${op.args.map((a) => this.expr(a, indent)).join(", ")})`; break;
        case "Index": out += this.subscript(op.subscript, indent); break;
        case "FieldAccess": out += `.${op.name.name}`; break;
        case "SafeField": out += `?.${op.name.name}`; break;
        case "SafeIndex": out += `?[${this.expr(op.index, indent)}]`; break;
        case "Cast": out += ` as ${this.type(op.type, indent)}`; break;
      }
    }
    return out;
  }

  private query(q: A.QueryExpr, indent: number): string {
    const x = (e: A.Expr): string => this.expr(e, indent);
    const parts = q.froms.map((f) => `from ${f.name.name} in ${x(f.source)}`);
    for (const j of q.joins) {
      parts.push(`${j.side === undefined ? "" : `${j.side} `}join ${j.from ? "from " : ""}${j.name.name} in ${x(j.source)} on ${x(j.on)}`);
    }
    if (q.where !== undefined) parts.push(`where ${x(q.where)}`);
    if (q.group !== undefined) {
      const g = q.group;
      parts.push(`group by ${g.keys.map(x).join(", ")} into ${g.into.name}${g.having === undefined ? "" : ` having ${x(g.having)}`}`);
    }
    if (q.sort !== undefined) parts.push(`${q.sort.keyword} by ${x(q.sort.key)}`);
    if (q.skip !== undefined) parts.push(`skip ${x(q.skip)}`);
    if (q.take !== undefined) parts.push(`take ${x(q.take)}`);
    parts.push(`select ${q.distinct ? "distinct " : ""}${x(q.select)}`);
    return parts.join(" ");
  }
}

const dotted = (path: readonly A.Name[]): string => path.map((n) => n.name).join(".");

/** Mochi source for a program; parsing it gives the same tree (spans aside). */
export function printProgram(program: A.Program): string {
  return new Printer().program(program);
}

export function printType(t: A.TypeRef): string {
  return new Printer().type(t, 0);
}

export function printExpr(e: A.Expr): string {
  return new Printer().expr(e, 0);
}
