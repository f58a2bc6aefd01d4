// Go source text for generated files: Go types spelled with import aliases
// that cannot collide. Qualifiers are written as placeholders and resolved
// when the file is finished, so a file imports exactly the packages it uses
// and the aliases depend only on that set, never on the order of use.
// Anonymous struct and interface types with elements get a type alias (`type anon1 = struct {...}`), declared as gofmt lays it out, so the
// generated file is already gofmt's output.

import { compareUtf8 } from "../bytes.js";
import { printType, type ChanDir, type GoType } from "./typeexpr.js";

const OPEN = "\u0001";
const CLOSE = "\u0002";
const ANON_OPEN = "\u0003";
const ANON_CLOSE = "\u0004";

/** One line of a struct or interface body: tab-terminated cells, then the rest (gofmt aligns the cells). */
interface BodyLine {
  readonly cells: readonly string[];
  readonly rest: string;
}

export class GoSource {
  readonly #used = new Set<string>();
  /** Printed types by identity: the plan shares GoType objects, and a wrapper prints each many times. */
  readonly #printed = new WeakMap<GoType, string>();
  /** Anonymous struct and interface types by their canonical text: their token and multi-line declaration. */
  readonly #anon = new Map<string, { token: string; kind: "struct" | "interface"; lines: readonly BodyLine[] }>();

  /** The qualifier of a package (resolved to its alias by finish). */
  qual(path: string): string {
    this.#used.add(path);
    return `${OPEN}${path}${CLOSE}`;
  }

  /** A Go type expression. Func types are printed without parameter names (they do not matter for identity). */
  type(t: GoType): string {
    let s = this.#printed.get(t);
    if (s === undefined) {
      s = this.#print(t);
      this.#printed.set(t, s);
    }
    return s;
  }

  #print(t: GoType): string {
    switch (t.kind) {
      case "basic":
      case "typeparam":
        return t.name;
      case "named": {
        const name = t.pkg === "" ? t.name : `${this.qual(t.pkg)}.${t.name}`;
        return t.args.length === 0 ? name : `${name}[${t.args.map((a) => this.type(a)).join(", ")}]`;
      }
      case "pointer":
        return `*${this.type(t.elem)}`;
      case "slice":
        return `[]${this.type(t.elem)}`;
      case "array":
        return `[${t.length}]${this.type(t.elem)}`;
      case "map":
        return `map[${this.type(t.key)}]${this.type(t.value)}`;
      case "chan":
        return this.chan(t.dir, t.elem);
      case "func":
        return `func${this.signature(t.params.map((p) => p.type), t.results.map((r) => r.type), t.variadic)}`;
      case "interface": {
        const lines: BodyLine[] = [
          ...t.methods.map((m) => ({ cells: [], rest: `${m.name}${this.signature(m.type.params.map((p) => p.type), m.type.results.map((r) => r.type), m.type.variadic)}` })),
          ...t.embedded.map((e) => ({ cells: [], rest: this.type(e) })),
        ];
        return this.#composite("interface", t, lines);
      }
      case "struct": {
        const lines: BodyLine[] = t.fields.map((f) => {
          const cells = f.embedded ? [] : [f.name];
          const type = this.type(f.type);
          return f.tag === undefined ? { cells, rest: type } : { cells: [...cells, type], rest: f.tag.literal };
        });
        return this.#composite("struct", t, lines);
      }
      case "union":
        return t.terms.map((x) => `${x.tilde ? "~" : ""}${this.type(x.type)}`).join(" | ");
    }
  }

  /** `struct{}` and `interface{}`, else an alias declared at the end of the file (gofmt would break a one-line body where it chooses). */
  #composite(kind: "struct" | "interface", t: GoType, lines: readonly BodyLine[]): string {
    if (lines.length === 0) return `${kind}{}`;
    const key = printType(t);
    let found = this.#anon.get(key);
    if (found === undefined) {
      found = { token: `${ANON_OPEN}${this.#anon.size}${ANON_CLOSE}`, kind, lines };
      this.#anon.set(key, found);
    }
    return found.token;
  }

  /** An unnamed channel type. */
  chan(dir: ChanDir, elem: GoType): string {
    const e = this.type(elem);
    if (dir === "send") return `chan<- ${e}`;
    if (dir === "recv") return `<-chan ${e}`;
    return elem.kind === "chan" && elem.dir === "recv" ? `chan (${e})` : `chan ${e}`;
  }

  /** `(P1, ...P2) R` / `(P) (R1, R2)`; a variadic last parameter is given as its slice type. */
  signature(params: readonly GoType[], results: readonly GoType[], variadic: boolean): string {
    const ps = params.map((p, i) => (variadic && i === params.length - 1 && p.kind === "slice" ? `...${this.type(p.elem)}` : this.type(p)));
    const rs = results.map((r) => this.type(r));
    const tail = rs.length === 0 ? "" : rs.length === 1 ? ` ${rs[0]}` : ` (${rs.join(", ")})`;
    return `(${ps.join(", ")})${tail}`;
  }

  /**
   * The finished file: `head` (comments and the package clause), the import
   * block (the standard packages of `std`, then `own` under their own names
   * and every used package under its alias, sorted by path as gofmt sorts
   * them), and the body with the qualifiers resolved.
   */
  finish(head: string, std: readonly string[], own: readonly string[], body: string): string {
    const aliases = aliasPackages([...this.#used]);
    const groups: string[][] = [];
    if (std.length > 0) groups.push([...std].sort(compareUtf8).map((p) => `\t${JSON.stringify(p)}`));
    const rest = [...own.map((p) => ({ path: p, line: `\t${JSON.stringify(p)}` })), ...[...aliases].map(([p, a]) => ({ path: p, line: `\t${a} ${JSON.stringify(p)}` }))];
    if (rest.length > 0) groups.push(rest.sort((a, b) => compareUtf8(a.path, b.path) || compareUtf8(a.line, b.line)).map((x) => x.line));
    // Anonymous types are numbered in the order of their canonical text.
    const anon = [...this.#anon].sort((a, b) => compareUtf8(a[0], b[0]));
    const names = new Map(anon.map(([, v], i) => [v.token, `anon${i + 1}`]));
    const resolve = (text: string): string =>
      text
        .replace(new RegExp(`${ANON_OPEN}([0-9]+)${ANON_CLOSE}`, "g"), (tok: string) => names.get(tok)!)
        .replace(new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, "g"), (_, path: string) => aliases.get(path)!);
    const decls = anon.map(([key, v]) => {
      const name = names.get(v.token)!;
      const lines = v.lines.map((l) => ({ cells: l.cells.map(resolve), rest: resolve(l.rest) }));
      return `// ${name} is ${key.replace(/[\r\n]+/g, " ")}.\ntype ${name} = ${v.kind} {\n${aligned(lines)}}\n`;
    });
    const resolved = [resolve(body), ...decls].join("\n");
    const imports = groups.length === 0 ? "" : `import (\n${groups.map((g) => g.join("\n")).join("\n\n")}\n)\n\n`;
    return `${head}${imports}${resolved}`;
  }
}

/**
 * The lines of a struct or interface body as gofmt aligns them: each column
 * of cells padded to its widest cell plus one space, over every run of
 * consecutive lines that have a cell in that column (text/tabwriter).
 */
function aligned(lines: readonly BodyLine[]): string {
  const width = (s: string): number => [...s].length;
  const padded = lines.map((l) => [...l.cells]);
  const columns = Math.max(...lines.map((l) => l.cells.length));
  for (let c = 0; c < columns; c++) {
    for (let i = 0; i < lines.length; ) {
      if (lines[i]!.cells.length <= c) {
        i++;
        continue;
      }
      let j = i;
      while (j < lines.length && lines[j]!.cells.length > c) j++;
      const w = Math.max(...lines.slice(i, j).map((l) => width(l.cells[c]!))) + 1;
      for (let k = i; k < j; k++) padded[k]![c] = padded[k]![c]! + " ".repeat(w - width(lines[k]!.cells[c]!));
      i = j;
    }
  }
  return lines.map((l, i) => `\t${padded[i]!.join("")}${l.rest}\n`).join("");
}

/**
 * Aliases for imported packages: the last path element that is not a major
 * version, reduced to [a-z0-9_], plus "pkg" (no generated local name ends
 * so), numbered from 2 on a clash in path order.
 */
export function aliasPackages(paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const path of [...paths].sort(compareUtf8)) {
    const elems = path.split("/");
    const last = elems.length > 1 && /^v[0-9]+$/.test(elems[elems.length - 1]!) ? elems[elems.length - 2]! : elems[elems.length - 1]!;
    let base = last.toLowerCase().replace(/[^a-z0-9_]/g, "_");
    if (!/^[a-z]/.test(base)) base = `p${base}`;
    base = `${base}pkg`;
    let alias = base;
    for (let n = 2; taken.has(alias); n++) alias = `${base}${n}`;
    taken.add(alias);
    out.set(path, alias);
  }
  return out;
}
