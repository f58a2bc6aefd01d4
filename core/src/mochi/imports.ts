// The imports of a Mochi file, as the package manager needs them: every
// `import go` with its module, version (pinned, or from [go-dependencies])
// and alias, checked beyond what the compiler checks (P072-P085): the
// module path by checkPath, the version by semver, query and range rules,
// the major-version suffix, duplicate and shadowing aliases, and
// conflicting pins of one module.

import { walk, type ImportStmt, type Program, type StringLit } from "./ast.js";
import { BUILTIN_FUNCTIONS } from "./builtins.js";
import { diagnostic, sortDiagnostics, type Diagnostic, type Span } from "./diagnostics.js";
import { defaultAlias, goImportRef, hasGoSemverPin } from "./go-import.js";
import { isIdentifier } from "./lexer.js";
import { parse, type ParseOptions } from "./parser.js";
import { isVersionSpecError, parseVersionSpec, type VersionSpec, type VersionSpecError } from "./version-spec.js";
import { MochiError } from "../errors.js";
import { checkImportPath, checkPath, checkPathMajor, splitPathVersion } from "../go/modpath.js";

/** The version [go-dependencies] gives a module, or undefined when it has no entry. */
export type GoDependencyLookup = (module: string) => string | undefined;

export interface ImportOptions extends ParseOptions {
  /**
   * Resolves imports that carry no version. Without it they stay
   * "unresolved" silently; with it, a module it does not know is P079.
   */
  readonly lookup?: GoDependencyLookup;
}

export interface GoImport {
  /** The import path as written, without any `@version`. */
  readonly path: string;
  /** The module: the pinned path, the [go-dependencies] entry that contains the package, "std", or the path itself when unresolved. */
  readonly module: string;
  /** The text after `@`, or the [go-dependencies] value. */
  readonly version?: string;
  /** `version` parsed; absent for std and unresolved imports. */
  readonly spec?: VersionSpec;
  readonly source: "pin" | "manifest" | "std" | "unresolved";
  readonly alias: string;
  /** Whether the alias was written with `as` (otherwise it is the default alias). */
  readonly aliasExplicit: boolean;
  readonly auto: boolean;
  /** The whole import statement. */
  readonly span: Span;
  /** The path string literal. */
  readonly pathSpan: Span;
}

export interface ImportCheck {
  readonly imports: readonly GoImport[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface ImportScan extends ImportCheck {
  readonly file: string;
}

const SPEC_CODES = { version: "P074", query: "P075", range: "P076", source: "P077" } as const;

/**
 * The span of `value.slice(from, to)` inside a string literal, when the
 * literal is written without escapes or line breaks (so offsets map one to
 * one); otherwise the whole literal.
 */
function subSpan(lit: StringLit, from: number, to: number): Span {
  if (lit.raw.slice(1, -1) !== lit.value || lit.value.includes("\n")) return lit.span;
  const s = lit.span.start;
  const at = (i: number) => ({ offset: s.offset + 1 + i, line: s.line, col: s.col + 1 + [...lit.value.slice(0, i)].length });
  return { start: at(from), end: at(to) };
}

/** A MochiError's reason, without the "module path \"x\": " subject in front. */
function reason(e: unknown, subject: string): string {
  if (!(e instanceof MochiError)) throw e;
  return e.detail.startsWith(subject) ? e.detail.slice(subject.length) : e.detail;
}

/** The longest prefix of `path`, at a `/` boundary, that [go-dependencies] lists. */
function lookupModule(path: string, lookup: GoDependencyLookup): { module: string; version: string } | undefined {
  for (let p = path; p !== ""; p = p.slice(0, Math.max(0, p.lastIndexOf("/")))) {
    const version = lookup(p);
    if (version !== undefined) return { module: p, version };
  }
  return undefined;
}

class ImportChecker {
  readonly imports: GoImport[] = [];
  readonly diags: Diagnostic[] = [];
  private readonly aliases = new Map<string, { target: string; stmt: ImportStmt }>();
  private readonly pins = new Map<string, GoImport>();

  constructor(private readonly options: ImportOptions) {}

  statement(stmt: ImportStmt): void {
    const lang = stmt.lang?.name;
    const path = stmt.path.value;
    const pinned = lang === "go" && hasGoSemverPin(path);
    const unpinned = pinned ? path.slice(0, path.indexOf("@")) : path;
    const alias = stmt.alias?.name ?? defaultAlias(unpinned);
    const aliasSpan = stmt.alias?.span ?? stmt.path.span;
    const target = `${lang ?? ""}\u0000${unpinned}`;
    const go = lang === "go" ? this.goImport(stmt, alias) : undefined;
    if (go !== undefined) this.imports.push(go);
    // A pinned import without `as` is already P068, and a go import that
    // failed its checks has a worse problem than its default alias.
    if ((pinned && stmt.alias === undefined) || (lang === "go" && go === undefined && stmt.alias === undefined)) return;
    if (stmt.alias === undefined && !isIdentifier(alias)) {
      this.diags.push(diagnostic("P084", stmt.path.span, [path, alias]));
      return;
    }
    if (stmt.alias === undefined && lang === "go" && /^v[0-9]+$/.test(alias) && splitPathVersion(path).pathMajor !== "") {
      const base = defaultAlias(splitPathVersion(path).prefix);
      this.diags.push(diagnostic("P085", stmt.path.span, [path, alias], [isIdentifier(base) ? base : "name"]));
    }
    if (BUILTIN_FUNCTIONS.has(alias)) this.diags.push(diagnostic("P083", aliasSpan, [alias, alias], [alias]));
    const first = this.aliases.get(alias);
    if (first === undefined) {
      this.aliases.set(alias, { target, stmt });
      return;
    }
    const note = [{ message: `${alias} is first bound here`, span: first.stmt.span }];
    if (first.target !== target) this.diags.push(diagnostic("P081", aliasSpan, [alias], [], note));
    else if (!this.conflicts(go)) this.diags.push(diagnostic("P080", stmt.span, [path, alias], [alias], note));
  }

  /** Whether `go` pins a module at another version than an earlier import did (reported as P082). */
  private conflicts(go: GoImport | undefined): boolean {
    if (go === undefined || go.version === undefined) return false;
    const first = this.pins.get(go.module);
    return first !== undefined && first.version !== go.version;
  }

  private goImport(stmt: ImportStmt, alias: string): GoImport | undefined {
    const lit = stmt.path;
    const path = lit.value;
    const common = { alias, aliasExplicit: stmt.alias !== undefined, auto: stmt.auto, span: stmt.span, pathSpan: lit.span };
    if (hasGoSemverPin(path)) {
      const ref = goImportRef(path);
      if (ref === undefined) return undefined; // P067
      const at = path.indexOf("@");
      try {
        checkPath(ref.module);
      } catch (e) {
        this.diags.push(diagnostic("P072", subSpan(lit, 0, at), [path, reason(e, `module path ${JSON.stringify(ref.module)}: `)]));
        return undefined;
      }
      const spec = this.versionSpec(lit, ref.module, ref.version, subSpan(lit, at + 1, path.length));
      if (spec === undefined) return undefined;
      return this.pinned({ path: ref.module, module: ref.module, version: ref.version, spec, source: "pin", ...common });
    }
    try {
      checkImportPath(path);
    } catch (e) {
      this.diags.push(diagnostic("P073", lit.span, [path, reason(e, `import path ${JSON.stringify(path)}: `)]));
      return undefined;
    }
    if (!path.split("/")[0]!.includes(".")) return { path, module: "std", source: "std", ...common };
    const lookup = this.options.lookup;
    const found = lookup === undefined ? undefined : lookupModule(path, lookup);
    if (found === undefined) {
      if (lookup !== undefined) this.diags.push(diagnostic("P079", lit.span, [path], [path, path]));
      return { path, module: path, source: "unresolved", ...common };
    }
    const note = { message: `[go-dependencies] gives ${found.module} the version ${JSON.stringify(found.version)}` };
    const spec = this.versionSpec(lit, found.module, found.version, lit.span, note);
    if (spec === undefined) return undefined;
    return this.pinned({ path, module: found.module, version: found.version, spec, source: "manifest", ...common });
  }

  /** Records the import's version for P082, reporting a second version of one module. */
  private pinned(go: GoImport): GoImport {
    const first = this.pins.get(go.module);
    if (first === undefined) this.pins.set(go.module, go);
    else if (first.version !== go.version) {
      this.diags.push(diagnostic("P082", go.pathSpan, [go.module, go.version, first.version], [], [
        { message: `${go.module} is imported at ${first.version} here`, span: first.pathSpan },
      ]));
    }
    return go;
  }

  /** The version text parsed, with P074-P078 when it is not usable for `module`. */
  private versionSpec(lit: StringLit, module: string, text: string, span: Span, note?: { message: string }): VersionSpec | undefined {
    const spec: VersionSpec | VersionSpecError = parseVersionSpec(text);
    const notes = note === undefined ? [] : [note];
    if (isVersionSpecError(spec)) {
      this.diags.push(diagnostic(SPEC_CODES[spec.form], span, [lit.value, text, spec.why], [], notes));
      return undefined;
    }
    if (spec.kind === "exact") {
      try {
        checkPathMajor(spec.version, splitPathVersion(module).pathMajor);
      } catch (e) {
        this.diags.push(diagnostic("P078", span, [lit.value, reason(e, "")], [], notes));
        return undefined;
      }
    }
    return spec;
  }
}

/**
 * The Go imports of a parsed program (in source order, imports inside
 * function bodies included) and the P072-P085 diagnostics of all its
 * imports. Imports that fail a check are left out of `imports`.
 */
export function checkImports(program: Program, options: ImportOptions = {}): ImportCheck {
  const checker = new ImportChecker(options);
  walk(program, (n) => {
    if (n.kind === "ImportStmt") checker.statement(n);
  });
  return { imports: checker.imports, diagnostics: sortDiagnostics(checker.diags) };
}

/** The compiler's import diagnostics, reported wherever they are. */
const IMPORT_CODES = new Set(["P064", "P067", "P068"]);
/** Lexer diagnostics, reported when they fall inside an import statement (its path string). */
const LEXER_CODES = new Set(["P040", "P041", "P042", "P043", "P045", "P046"]);

/**
 * What the package manager reads from a .mochi file: its Go imports, and the
 * diagnostics about imports (compiler P064/P067/P068, lexer and syntax
 * errors inside an import statement, and P072-P085). The rest of the file
 * need not be valid: the parser recovers from errors elsewhere.
 */
export function scanImports(source: string, filename: string, options: ImportOptions = {}): ImportScan {
  const { program, diagnostics } = parse(source, options);
  const parsed: Span[] = [];
  const failed: Span[] = [];
  walk(program, (n) => {
    if (n.kind === "ImportStmt") parsed.push(n.span);
    else if (n.kind === "ErrorStmt" && /^import(?![\p{L}\p{So}\p{N}_])/u.test(source.slice(n.span.start.offset))) failed.push(n.span);
  });
  const within = (d: Diagnostic, r: Span): boolean => d.span.start.offset >= r.start.offset && d.span.start.offset <= r.end.offset;
  // A failed import is reported where it stopped, which may be the first
  // token after the skipped text; a report at its `import` keyword belongs
  // to the statement before.
  const inFailed = (d: Diagnostic, r: Span): boolean => d.span.start.offset > r.start.offset &&
    (within(d, r) || /^[\s;]*$/.test(source.slice(r.end.offset, d.span.start.offset)));
  const related = (d: Diagnostic): boolean => IMPORT_CODES.has(d.code) ||
    (LEXER_CODES.has(d.code) && [...parsed, ...failed].some((r) => within(d, r))) ||
    (d.code === "P001" && failed.some((r) => inFailed(d, r)));
  const checked = checkImports(program, options);
  return { file: filename, imports: checked.imports, diagnostics: sortDiagnostics([...diagnostics.filter(related), ...checked.diagnostics]) };
}
