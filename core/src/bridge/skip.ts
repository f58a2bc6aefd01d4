// Skip reasons of the Go bridge: every exported Go item the bridge does not
// bind gets one stable `Skip*` token, a one-line detail and an override hint,
// never a silent drop. The first twenty tokens are the reference's enum
// (specs/mochi-reference.md §16.1) in its order; the rest are ours. The
// tokens are a public, stable vocabulary: SKIPPED.txt, `--json` output and
// `mochi-pkg go why-skipped` all print them, so never rename one.
//
// SKIPPED.txt holds one block per item, sorted by item then token:
//
//   SKIPPED: <item>
//     Reason: <token>
//     Detail: <one line>
//     Override: <one line>
//
// with one blank line between blocks. <item> is the Go item's id: the import
// path, then `.Name`, `.Type.Method` or `.Type.Field`.

import { compareUtf8 } from "../bytes.js";
import { MochiError } from "../errors.js";

export interface SkipReasonSpec {
  readonly token: string;
  /** What the token means. */
  readonly doc: string;
  /** What a user can do about it; `<item>` stands for the item's id. */
  readonly override: string;
  /** True for tokens this bridge never emits (kept so the reference's vocabulary stays complete). */
  readonly reserved?: boolean;
}

const NO_OVERRIDE = "none: wrap the item in a small Go module of your own whose signature the bridge can map";

export const SKIP_REASONS = [
  // The reference's enum, in its order.
  {
    token: "SkipUnknown",
    doc: "the zero value of the reference's enum; never emitted",
    override: NO_OVERRIDE,
    reserved: true,
  },
  {
    token: "SkipUnexportedInPosition",
    doc: "the signature takes or returns an unexported type, which code outside the package cannot name",
    override: NO_OVERRIDE,
  },
  {
    token: "SkipInternalPath",
    doc: "the item lives under an `internal/` directory, or its signature names a type that does; only its own module may import it",
    override: "none: use the exported API that wraps it",
  },
  {
    token: "SkipGenericWithoutMonomorphise",
    doc: "a generic function, generic type, or method of a generic type, with no `[go] monomorphise` entry naming its type arguments",
    override: 'add { item = "<item>", type-args = ["<one Go type per type parameter>"] } to [go] monomorphise in mochi.toml',
  },
  {
    token: "SkipUnsafePointer",
    doc: "`unsafe.Pointer` appears in the signature",
    override: NO_OVERRIDE,
  },
  {
    token: "SkipReflectValue",
    doc: "a `reflect` type (`reflect.Value`, `reflect.Type`, ...) appears in the signature",
    override: "none: pass plain values; arguments typed `any` already cross as dynamic values",
  },
  {
    token: "SkipCgoHandle",
    doc: "`runtime/cgo.Handle` appears in the signature; the bridge owns the handle space",
    override: NO_OVERRIDE,
  },
  {
    token: "SkipInterfaceComplexMethod",
    doc: "an interface method outside the reference's table; this table calls every interface method whose signature maps, so an unmappable one carries the token of its cause instead",
    override: NO_OVERRIDE,
    reserved: true,
  },
  {
    token: "SkipChanOfUnexportedStruct",
    doc: "a channel whose element type is unexported",
    override: NO_OVERRIDE,
  },
  {
    token: "SkipMapKeyNotBasic",
    doc: "a map whose key is not a boolean, number or string (Mochi map keys are basic values)",
    override: NO_OVERRIDE,
  },
  {
    token: "SkipRequiresCgoCapability",
    doc: "the item is declared in a file with `import \"C\"` and the cgo capability is not granted",
    override: "set [go.capabilities] cgo = true in mochi.toml",
  },
  {
    token: "SkipBuildTagExcluded",
    doc: "the item is declared in a file whose `//go:build` constraint the target build does not satisfy",
    override: "add the missing tag to [go] build-tags in mochi.toml, or build for a platform the constraint accepts",
  },
  {
    token: "SkipComplexNumeric",
    doc: "`complex64` or `complex128` appears in the signature; Mochi has no complex numbers",
    override: NO_OVERRIDE,
  },
  {
    token: "SkipPointerToPointer",
    doc: "a pointer to a pointer (`**T`) appears in the signature",
    override: NO_OVERRIDE,
  },
  {
    token: "SkipFuncReturningFunc",
    doc: "a func type whose results nest func types more than two deep (`func() func() func()`); callbacks and Go func values nest two deep",
    override: "wrap it in a Mochi closure and pass it via [go.callback-shim]",
  },
  {
    token: "SkipVariadicComplex",
    doc: "a variadic with a non-basic element in the reference; this table passes every variadic whose element maps as a list, so it is never emitted",
    override: NO_OVERRIDE,
    reserved: true,
  },
  {
    token: "SkipConstantItem",
    doc: "a constant whose value is outside Mochi's int (beyond int64)",
    override: "none: write the value in Mochi",
  },
  {
    token: "SkipVarItem",
    doc: "a package-level var the reference did not bind; this table reads and writes every var whose type maps, so it is never emitted",
    override: NO_OVERRIDE,
    reserved: true,
  },
  {
    token: "SkipDeprecated",
    doc: "the item's doc comment has a `Deprecated:` paragraph",
    override: 'allow it with [go.allow-deprecated] items = ["<item>"] in mochi.toml',
  },
  {
    token: "SkipNonPublishedReplace",
    doc: "the module resolves through a local-path replace; reported by the resolver for the whole module, not per item",
    override: "publish the replacement module, or depend on a published version",
    reserved: true,
  },
  // Ours.
  {
    token: "SkipMainPackage",
    doc: "the item belongs to a `package main`, which cannot be imported",
    override: "none: a command is not a library",
  },
  {
    token: "SkipUnparsableType",
    doc: "a type string of the ApiSurface does not parse (surface.ts; often `invalid type` from a package that does not type-check); only this item is skipped",
    override: "none: fix the package's build errors (ApiSurface `errors`), or report the type string if go/types printed it",
  },
  {
    token: "SkipUnclassifiedObject",
    doc: "the ingest found an exported object it could not classify",
    override: NO_OVERRIDE,
  },
  {
    token: "SkipConstraintInterface",
    doc: "an interface with a type set (`~int | ~string`, `comparable`): usable only as a type-parameter constraint",
    override: "none: it has no values; use it through a monomorphised generic function",
  },
  {
    token: "SkipCallbackTakesFunc",
    doc: "a func type whose parameters nest func types more than two deep (`func(func(func()))`); callbacks and Go func values nest two deep",
    override: "wrap it in a Mochi closure and pass it via [go.callback-shim]",
  },
] as const satisfies readonly SkipReasonSpec[];

export type SkipToken = (typeof SKIP_REASONS)[number]["token"];

const BY_TOKEN: ReadonlyMap<string, SkipReasonSpec> = new Map(SKIP_REASONS.map((r) => [r.token, r]));

export function isSkipToken(s: string): s is SkipToken {
  return BY_TOKEN.has(s);
}

export function skipReasonSpec(token: SkipToken): SkipReasonSpec {
  return BY_TOKEN.get(token)!;
}

/** What kind of Go item a skip is about; "package" covers every item of a package none of which can cross. */
export type SkipItemKind = "package" | "func" | "method" | "type" | "field" | "const" | "var" | "unknown";

export interface SkipEntry {
  /** The Go item's id: `<import path>.<Name>`, `.<Type>.<Method>` or `.<Type>.<Field>`. */
  readonly item: string;
  readonly kind: SkipItemKind;
  readonly reason: SkipToken;
  /** One line: what exactly could not cross. */
  readonly detail: string;
  /** One line: what the user can do. */
  readonly override: string;
  /** `file:line:col` in the package, when the surface has it. */
  readonly position?: string;
}

/** Folds a free text onto one line (SKIPPED.txt is line-oriented). */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** A skip entry with the token's default override (item id filled in) and the detail folded onto one line. */
export function skipEntry(
  item: string,
  kind: SkipItemKind,
  reason: SkipToken,
  detail: string,
  position?: string,
): SkipEntry {
  const override = skipReasonSpec(reason).override.replaceAll("<item>", item);
  const entry: SkipEntry = { item, kind, reason, detail: oneLine(detail), override };
  return position === undefined ? entry : { ...entry, position };
}

/** Item then token, by Go string order; the one order of every skip list. */
export function compareSkipEntries(a: SkipEntry, b: SkipEntry): number {
  return compareUtf8(a.item, b.item) || compareUtf8(a.reason, b.reason) || compareUtf8(a.detail, b.detail);
}

/** SKIPPED.txt: the blocks sorted by item then token, one blank line between them; empty when nothing was skipped. */
export function formatSkipped(entries: readonly SkipEntry[]): string {
  return [...entries]
    .sort(compareSkipEntries)
    .map(
      (e) =>
        `SKIPPED: ${oneLine(e.item)}\n  Reason: ${e.reason}\n  Detail: ${oneLine(e.detail)}\n  Override: ${oneLine(e.override)}\n`,
    )
    .join("\n");
}

/** One block of a SKIPPED.txt as read back (the position is not part of the file). */
export type SkippedBlock = Omit<SkipEntry, "kind" | "position">;

const FIELDS = ["SKIPPED: ", "  Reason: ", "  Detail: ", "  Override: "] as const;

/** Reads a SKIPPED.txt written by formatSkipped. */
export function parseSkipped(text: string, where = "SKIPPED.txt"): SkippedBlock[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const out: SkippedBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const values: string[] = [];
    for (const [k, prefix] of FIELDS.entries()) {
      const line = lines[i + k];
      if (line === undefined || !line.startsWith(prefix)) {
        throw new MochiError(
          "M074_BRIDGE_E002",
          `line ${i + k + 1} is ${line === undefined ? "missing" : JSON.stringify(line)}, want a line starting with ${JSON.stringify(prefix)}`,
          { where: `${where}:${i + k + 1}` },
        );
      }
      values.push(line.slice(prefix.length));
    }
    const [item, reason, detail, override] = values as [string, string, string, string];
    if (!isSkipToken(reason)) {
      throw new MochiError("M074_BRIDGE_E003", `unknown skip reason ${JSON.stringify(reason)}`, {
        where: `${where}:${i + 2}`,
      });
    }
    out.push({ item, reason, detail, override });
    i += FIELDS.length;
    if (i < lines.length) {
      if (lines[i] !== "") {
        throw new MochiError("M074_BRIDGE_E002", `line ${i + 1} is ${JSON.stringify(lines[i])}, want a blank line between blocks`, {
          where: `${where}:${i + 1}`,
        });
      }
      i++;
    }
  }
  return out;
}

export interface SkipExplanation {
  /** The blocks that matched, sorted. */
  readonly entries: readonly SkippedBlock[];
  /** What `mochi-pkg go why-skipped` prints. */
  readonly text: string;
}

/**
 * Explains why an item was skipped. `item` is an item id, or its tail after
 * a `.` or `/` (`Greeter.Greet`, `greet.Greeter.Greet`); an exact id wins
 * over tails. `report` is a SKIPPED.txt or its parsed blocks.
 */
export function explainSkip(report: string | readonly SkippedBlock[], item: string): SkipExplanation {
  const blocks = typeof report === "string" ? parseSkipped(report) : report;
  const want = item.trim();
  let hits = blocks.filter((b) => b.item === want);
  if (hits.length === 0) hits = blocks.filter((b) => b.item.endsWith(`.${want}`) || b.item.endsWith(`/${want}`));
  // An item inside a skipped package or type: the entry of the innermost one.
  if (hits.length === 0) {
    const outer = blocks.filter((b) => want.startsWith(`${b.item}.`));
    const longest = Math.max(0, ...outer.map((b) => b.item.length));
    hits = outer.filter((b) => b.item.length === longest);
  }
  if (want === "" || hits.length === 0) {
    throw new MochiError("M074_BRIDGE_E004", `no skipped item matches ${JSON.stringify(item)}`, {
      where: "why-skipped <item>",
    });
  }
  const entries = [...hits].sort((a, b) => compareUtf8(a.item, b.item) || compareUtf8(a.reason, b.reason));
  const text = entries
    .map((b) => {
      const spec = skipReasonSpec(b.reason as SkipToken);
      return `${b.item} is not bridged.\n  Reason: ${b.reason}: ${spec.doc}\n  Detail: ${b.detail}\n  Override: ${b.override}\n`;
    })
    .join("\n");
  return { entries, text };
}
