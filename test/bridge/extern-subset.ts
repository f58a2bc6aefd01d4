// An independent check of the Mochi subset the extern emitter may write
// (GRAMMAR.md §2.2-§2.4, §5.1), line by line: the front end in
// core/src/mochi parses the files too; this keeps the generator inside the
// narrower set of shapes it promises, whatever else the parser accepts.

const IDENT = String.raw`[\p{L}\p{So}_][\p{L}\p{So}\p{N}_]*`;
const DOTTED = `${IDENT}(?:\\.${IDENT})+`;

/** Hard keywords, `true`/`false` (GRAMMAR.md §1): never a name, field, parameter or segment. */
const HARD = new Set(
  "agent all break continue else emit expect export extern fact fetch for fun generate if import in intent let load match none on package return rule save stream test then type var while true false".split(" "),
);

/** A type reference of §2.4 (no parentheses, no qualified names); returns the rest of the text or undefined. */
function type(s: string): string | undefined {
  let rest: string | undefined;
  const fun = /^fun\(/u.exec(s);
  if (fun !== null) {
    rest = s.slice(4);
    if (!rest.startsWith(")")) {
      rest = list(rest, type);
      if (rest === undefined) return undefined;
    }
    if (!rest.startsWith(")")) return undefined;
    rest = rest.slice(1);
    if (rest.startsWith(": ")) rest = type(rest.slice(2));
    return rest === undefined ? undefined : option(rest);
  }
  if (s.startsWith("{")) {
    rest = list(s.slice(1), field);
    return rest?.startsWith("}") ? option(rest.slice(1)) : undefined;
  }
  const name = new RegExp(`^${IDENT}`, "u").exec(s);
  if (name === null || HARD.has(name[0])) return undefined;
  rest = s.slice(name[0].length);
  if (rest.startsWith("<")) {
    if (name[0] !== "list" && name[0] !== "map") return undefined; // R7: only list<T> and map<K, V>
    rest = list(rest.slice(1), type);
    if (rest === undefined || !rest.startsWith(">")) return undefined;
    rest = rest.slice(1);
  }
  return option(rest);
}

function option(rest: string): string {
  return rest.startsWith("?") ? rest.slice(1) : rest;
}

function list(s: string, item: (s: string) => string | undefined): string | undefined {
  let rest = item(s);
  while (rest !== undefined && rest.startsWith(", ")) rest = item(rest.slice(2));
  return rest;
}

function field(s: string): string | undefined {
  const name = new RegExp(`^(${IDENT}): `, "u").exec(s);
  if (name === null || HARD.has(name[1]!)) return undefined;
  return type(s.slice(name[0].length));
}

function param(s: string): string | undefined {
  return field(s);
}

function wholeType(s: string): boolean {
  return type(s) === "";
}

/** The problems of a file: `<line>: <text>` for every line outside the subset. */
export function checkExternSubset(source: string): string[] {
  const problems: string[] = [];
  const lines = source.split("\n");
  if (lines[lines.length - 1] !== "") problems.push("the file does not end with a newline");
  let inRecord = false;
  lines.forEach((line, i) => {
    const bad = () => problems.push(`${i + 1}: ${line}`);
    if (inRecord) {
      if (line === "}") inRecord = false;
      else if (!/^ {2}/.test(line) || !line.endsWith(",") || field(line.slice(2, -1)) !== "") bad();
      return;
    }
    if (line === "" || /^\/\/ [^\n]*$/.test(line)) return;
    let m: RegExpExecArray | null;
    if ((m = /^import go ("[^"\\]*") as (\S+)$/u.exec(line)) !== null) {
      if (!new RegExp(`^${IDENT}$`, "u").test(m[2]!) || HARD.has(m[2]!)) bad();
    } else if ((m = new RegExp(`^extern type (${IDENT})$`, "u").exec(line)) !== null) {
      if (HARD.has(m[1]!)) bad();
    } else if ((m = new RegExp(`^type (${IDENT}) = any$`, "u").exec(line)) !== null) {
      if (HARD.has(m[1]!)) bad();
    } else if ((m = new RegExp(`^type (${IDENT}) \\{$`, "u").exec(line)) !== null) {
      inRecord = true;
    } else if ((m = new RegExp(`^type (${IDENT}) = (${IDENT}(?:\\(.*\\))?) \\| (${IDENT}\\(.*\\))$`, "u").exec(line)) !== null) {
      // a two-variant sum: Ok or Ok(value: T), then Err(message: string, err: E)
      const ok = /^([^(]+)(?:\((.*)\))?$/u.exec(m[2]!)!;
      const err = /^([^(]+)\((.*)\)$/u.exec(m[3]!)!;
      if (ok[2] !== undefined && list(ok[2], field) !== "") bad();
      if (list(err[2]!, field) !== "") bad();
    } else if ((m = new RegExp(`^type (${IDENT}) = (.+)$`, "u").exec(line)) !== null) {
      if (!wholeType(m[2]!)) bad();
    } else if ((m = new RegExp(`^extern var (${DOTTED}): any$`, "u").exec(line)) !== null) {
      if (m[1]!.split(".").some((s) => HARD.has(s))) bad();
    } else if ((m = new RegExp(`^extern let (${DOTTED}): (.+)$`, "u").exec(line)) !== null) {
      if (m[1]!.split(".").some((s) => HARD.has(s)) || !wholeType(m[2]!)) bad();
    } else if ((m = new RegExp(`^extern fun (${DOTTED})\\((.*)$`, "u").exec(line)) !== null) {
      // R11: every parameter typed, the result always written.
      let rest: string | undefined = m[2]!;
      if (!rest.startsWith(")")) rest = list(rest, param);
      if (m[1]!.split(".").some((s) => HARD.has(s)) || rest === undefined || !rest.startsWith("): ") || !wholeType(rest.slice(3))) bad();
    } else bad();
  });
  if (inRecord) problems.push("a record body is not closed");
  return problems;
}
