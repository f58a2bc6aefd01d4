// Positions, spans and diagnostics of the Mochi front end, and the renderer
// that prints them like a compiler does:
//
//   main.mochi:3:11: error[P067]: go import path "foo/bar@v1.0.0" with `@` pin ...
//     |
//   3 | import go "foo/bar@v1.0.0" as bar
//     |           ^^^^^^^^^^^^^^^^
//     = help: pin a Go module as <module>@<version>, ...

import { diagnosticSpec, type DiagnosticCode, type Severity } from "./codes.js";

/**
 * A place in a source text. `offset` indexes the JavaScript string (UTF-16
 * code units, so `source.slice` works); `line` and `col` are 1-based and
 * count Unicode scalar values, as MEP-1 specifies. A leading BOM is not a
 * column.
 */
export interface Pos {
  readonly offset: number;
  readonly line: number;
  readonly col: number;
}

/** From `start` (inclusive) to `end` (exclusive). */
export interface Span {
  readonly start: Pos;
  readonly end: Pos;
}

export interface DiagnosticNote {
  readonly message: string;
  readonly span?: Span;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly help: string;
  readonly span: Span;
  /** Secondary places, such as where a duplicate was first declared. */
  readonly notes: readonly DiagnosticNote[];
}

const SIMPLE_ESCAPES: Readonly<Record<number, string>> = { 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/**
 * strconv.Quote: the reference formats its messages with %q, so quoting the
 * way Go does keeps them verbatim. Lone surrogates (invalid UTF-8 in Go)
 * print as \ufffd.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else if (PRINTABLE.test(ch)) out += ch;
    else if (SIMPLE_ESCAPES[c] !== undefined) out += SIMPLE_ESCAPES[c];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += `\\U${c.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/** Fills %q (Go-quoted) and %s (verbatim) from `args`, in order. */
export function formatTemplate(template: string, args: readonly unknown[]): string {
  let i = 0;
  return template.replace(/%[qs]/g, (m) => {
    const arg = String(args[i++] ?? "");
    return m === "%q" ? goQuote(arg) : arg;
  });
}

export function diagnostic(
  code: DiagnosticCode,
  span: Span,
  messageArgs: readonly unknown[] = [],
  helpArgs: readonly unknown[] = [],
  notes: readonly DiagnosticNote[] = [],
): Diagnostic {
  const spec = diagnosticSpec(code);
  return {
    code,
    severity: spec.severity,
    message: formatTemplate(spec.message, messageArgs),
    help: formatTemplate(spec.help, helpArgs),
    span,
    notes,
  };
}

/** Source order, then code: the order a compiler prints them in. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.span.start.offset - b.span.start.offset || a.span.end.offset - b.span.end.offset ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}

/** The text of 1-based line `n`, without its line break (and without the BOM on line 1). */
function sourceLine(source: string, n: number): string {
  let start = 0;
  for (let i = 1; i < n; i++) {
    const nl = source.indexOf("\n", start);
    if (nl < 0) return "";
    start = nl + 1;
  }
  const nl = source.indexOf("\n", start);
  let line = source.slice(start, nl < 0 ? source.length : nl);
  if (line.endsWith("\r")) line = line.slice(0, -1);
  if (n === 1 && line.startsWith("\ufeff")) line = line.slice(1);
  return line;
}

const at = (filename: string, p: Pos): string => `${filename}:${p.line}:${p.col}`;

/**
 * One diagnostic as a compiler prints it: location, severity, code and
 * message; the source line with the span underlined (to the end of the
 * line when the span goes on); then the help and any notes.
 */
export function renderDiagnostic(d: Diagnostic, source: string, filename: string): string {
  const { start, end } = d.span;
  const line = [...sourceLine(source, start.line)];
  const num = String(start.line);
  const gutter = " ".repeat(num.length);
  const from = Math.min(start.col - 1, line.length);
  const to = end.line === start.line ? Math.min(end.col - 1, line.length) : line.length;
  // Keep tabs in the padding so the caret lines up however tabs are shown.
  const pad = line.slice(0, from).map((c) => (c === "\t" ? "\t" : " ")).join("");
  const out = [
    `${at(filename, start)}: ${d.severity}[${d.code}]: ${d.message}`,
    `${gutter} |`,
    `${num} | ${line.join("")}`.trimEnd(),
    `${gutter} | ${pad}${"^".repeat(Math.max(1, to - from))}`,
    `${gutter} = help: ${d.help}`,
  ];
  for (const note of d.notes) {
    out.push(`${gutter} = note: ${note.message}${note.span === undefined ? "" : ` (${at(filename, note.span.start)})`}`);
  }
  return out.join("\n");
}

/** Every diagnostic in source order, separated by blank lines, with an error/warning count. */
export function renderDiagnostics(ds: readonly Diagnostic[], source: string, filename: string): string {
  const sorted = sortDiagnostics(ds);
  const errors = sorted.filter((d) => d.severity === "error").length;
  const warnings = sorted.length - errors;
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? "" : "s"}`;
  return [...sorted.map((d) => renderDiagnostic(d, source, filename)), `${plural(errors, "error")}, ${plural(warnings, "warning")}`].join("\n\n") + "\n";
}

