// Skip tokens, the SKIPPED.txt writer and reader, and why-skipped.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { isMochiError } from "../../core/src/errors.js";
import {
  explainSkip,
  formatSkipped,
  isSkipToken,
  parseSkipped,
  SKIP_REASONS,
  skipEntry,
  skipReasonSpec,
  type SkipEntry,
} from "../../core/src/bridge/skip.js";

const REFERENCE_TOKENS = [
  "SkipUnknown",
  "SkipUnexportedInPosition",
  "SkipInternalPath",
  "SkipGenericWithoutMonomorphise",
  "SkipUnsafePointer",
  "SkipReflectValue",
  "SkipCgoHandle",
  "SkipInterfaceComplexMethod",
  "SkipChanOfUnexportedStruct",
  "SkipMapKeyNotBasic",
  "SkipRequiresCgoCapability",
  "SkipBuildTagExcluded",
  "SkipComplexNumeric",
  "SkipPointerToPointer",
  "SkipFuncReturningFunc",
  "SkipVariadicComplex",
  "SkipConstantItem",
  "SkipVarItem",
  "SkipDeprecated",
  "SkipNonPublishedReplace",
];

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isMochiError(e)) return e.code;
    throw e;
  }
  throw new Error("no error");
}

describe("skip tokens", () => {
  it("start with the reference's twenty, in its order", () => {
    expect(SKIP_REASONS.slice(0, 20).map((r) => r.token)).toEqual(REFERENCE_TOKENS);
  });

  it("add ours after them, all distinct, each documented with an override", () => {
    expect(SKIP_REASONS.slice(20).map((r) => r.token)).toEqual([
      "SkipMainPackage",
      "SkipUnparsableType",
      "SkipUnclassifiedObject",
      "SkipConstraintInterface",
      "SkipCallbackTakesFunc",
    ]);
    const tokens = SKIP_REASONS.map((r) => r.token);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const r of SKIP_REASONS) {
      expect(r.token, r.token).toMatch(/^Skip[A-Z][A-Za-z]+$/);
      expect(r.doc.length, r.token).toBeGreaterThan(10);
      expect(r.override.length, r.token).toBeGreaterThan(10);
      expect(isSkipToken(r.token)).toBe(true);
    }
    expect(isSkipToken("SkipNope")).toBe(false);
  });

  it("agree with surface.ts on the unparsable-type token", async () => {
    const { SKIP_UNPARSABLE_TYPE } = await import("../../core/src/bridge/surface.js");
    expect(isSkipToken(SKIP_UNPARSABLE_TYPE)).toBe(true);
  });

  it("are all listed in docs/typemap.md", () => {
    const doc = readFileSync("docs/typemap.md", "utf8");
    for (const r of SKIP_REASONS) expect(doc, r.token).toContain(`| \`${r.token}\` |`);
  });

  it("mark exactly the tokens the table never emits as reserved", () => {
    expect(SKIP_REASONS.filter((r) => "reserved" in r && r.reserved).map((r) => r.token)).toEqual([
      "SkipUnknown",
      "SkipInterfaceComplexMethod",
      "SkipVariadicComplex",
      "SkipVarItem",
      "SkipNonPublishedReplace",
    ]);
  });
});

const ENTRIES: SkipEntry[] = [
  skipEntry("example.com/x.Zed", "func", "SkipComplexNumeric", "parameter 0 c:\ncomplex128  has no Mochi counterpart"),
  skipEntry("example.com/x.Greeter.Greet", "method", "SkipDeprecated", "deprecated: use Hello.", "x.go:3:1"),
  skipEntry("example.com/x/internal/y", "package", "SkipInternalPath", "internal"),
  skipEntry("example.com/x.Alpha", "func", "SkipUnsafePointer", "unsafe"),
];

const TEXT = `SKIPPED: example.com/x.Alpha
  Reason: SkipUnsafePointer
  Detail: unsafe
  Override: none: wrap the item in a small Go module of your own whose signature the bridge can map

SKIPPED: example.com/x.Greeter.Greet
  Reason: SkipDeprecated
  Detail: deprecated: use Hello.
  Override: allow it with [go.allow-deprecated] items = ["example.com/x.Greeter.Greet"] in mochi.toml

SKIPPED: example.com/x.Zed
  Reason: SkipComplexNumeric
  Detail: parameter 0 c: complex128 has no Mochi counterpart
  Override: none: wrap the item in a small Go module of your own whose signature the bridge can map

SKIPPED: example.com/x/internal/y
  Reason: SkipInternalPath
  Detail: internal
  Override: none: use the exported API that wraps it
`;

describe("SKIPPED.txt", () => {
  it("is the documented four-line block per item, sorted, blank-line separated", () => {
    expect(formatSkipped(ENTRIES)).toBe(TEXT);
    expect(formatSkipped([...ENTRIES].reverse())).toBe(TEXT);
    expect(formatSkipped([])).toBe("");
  });

  it("fills the item into the override and folds details onto one line", () => {
    const e = skipEntry("a.b/c.D", "func", "SkipGenericWithoutMonomorphise", "  two\n lines ");
    expect(e.override).toBe('add { item = "a.b/c.D", type-args = ["<one Go type per type parameter>"] } to [go] monomorphise in mochi.toml');
    expect(e.detail).toBe("two lines");
    expect("position" in e).toBe(false);
    expect(skipEntry("a.b/c.D", "func", "SkipDeprecated", "x", "f.go:1:1").position).toBe("f.go:1:1");
  });

  it("reads back what it writes", () => {
    expect(parseSkipped(TEXT)).toEqual(
      [...ENTRIES]
        .sort((a, b) => (a.item < b.item ? -1 : 1))
        .map(({ item, reason, detail, override }) => ({ item, reason, detail, override })),
    );
    expect(parseSkipped("")).toEqual([]);
  });

  it("rejects a malformed file (M074_BRIDGE_E002) and an unknown token (E003)", () => {
    expect(code(() => parseSkipped("SKIPPED: a\n  Reason: SkipDeprecated\n"))).toBe("M074_BRIDGE_E002");
    expect(code(() => parseSkipped(TEXT.replace("\n\nSKIPPED: example.com/x.Zed", "\nSKIPPED: example.com/x.Zed")))).toBe("M074_BRIDGE_E002");
    expect(code(() => parseSkipped("SKIPPED: a\n  Why: x\n  Detail: d\n  Override: o\n"))).toBe("M074_BRIDGE_E002");
    expect(code(() => parseSkipped("SKIPPED: a\n  Reason: SkipNope\n  Detail: d\n  Override: o\n"))).toBe("M074_BRIDGE_E003");
  });
});

describe("explainSkip (why-skipped)", () => {
  it("explains an item by its exact id", () => {
    const r = explainSkip(TEXT, "example.com/x.Zed");
    expect(r.entries.map((e) => e.item)).toEqual(["example.com/x.Zed"]);
    expect(r.text).toBe(
      "example.com/x.Zed is not bridged.\n" +
        `  Reason: SkipComplexNumeric: ${skipReasonSpec("SkipComplexNumeric").doc}\n` +
        "  Detail: parameter 0 c: complex128 has no Mochi counterpart\n" +
        "  Override: none: wrap the item in a small Go module of your own whose signature the bridge can map\n",
    );
  });

  it("finds an item by a tail of its id", () => {
    expect(explainSkip(TEXT, "Greeter.Greet").entries.map((e) => e.item)).toEqual(["example.com/x.Greeter.Greet"]);
    expect(explainSkip(parseSkipped(TEXT), "x.Alpha").entries.map((e) => e.item)).toEqual(["example.com/x.Alpha"]);
  });

  it("explains an item inside a skipped package or type", () => {
    expect(explainSkip(TEXT, "example.com/x/internal/y.Do").entries.map((e) => e.item)).toEqual(["example.com/x/internal/y"]);
    expect(explainSkip(TEXT, "example.com/x.Greeter.Greet.Deeper").entries.map((e) => e.item)).toEqual(["example.com/x.Greeter.Greet"]);
  });

  it("reports an item it cannot find (M074_BRIDGE_E004)", () => {
    expect(code(() => explainSkip(TEXT, "example.com/x.Hello"))).toBe("M074_BRIDGE_E004");
    expect(code(() => explainSkip(TEXT, "  "))).toBe("M074_BRIDGE_E004");
    expect(code(() => explainSkip("", "A"))).toBe("M074_BRIDGE_E004");
  });
});
