// The emitted Mochi: golden files for the kit surface, the project's Mochi front end on every file,
// and an independent line-level check of the extern subset GRAMMAR.md allows.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import type { Hashing } from "../../core/src/hashing.js";
import { readApiSurface } from "../../core/src/bridge/surface.js";
import { planModule, type ModulePlan } from "../../core/src/bridge/plan.js";
import { emitExterns, externFileNames, type ExternFiles } from "../../core/src/bridge/externs.js";
import { explainSkip, parseSkipped } from "../../core/src/bridge/skip.js";
import { checkSource } from "../../core/src/mochi/check.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { checkExternSubset } from "./extern-subset.js";

const GOLDEN = "test/bridge/golden";
let hashing: Hashing;
let plan: ModulePlan;
let files: ExternFiles;

beforeAll(async () => {
  hashing = await nodeHashing();
  plan = planModule(readApiSurface(readFileSync(`${GOLDEN}/kit.surface.json`, "utf8")), { alias: "kit", hashing });
  files = emitExterns(plan);
});

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it. */
function golden(name: string, actual: string): void {
  const path = `${GOLDEN}/${name}`;
  if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(path, actual);
  expect(actual, path).toBe(readFileSync(path, "utf8"));
}

describe("emitExterns on the kit surface", () => {
  it("names the files after the alias", () => {
    expect(externFileNames("kit")).toEqual({ externFile: "kit_extern.mochi", shimFile: "kit.mochi" });
  });

  it("matches the golden extern file, shim and SKIPPED.txt", () => {
    golden("kit_extern.mochi", files.externFile);
    golden("kit.mochi", files.shimFile);
    golden("kit.SKIPPED.txt", files.skipped);
  });

  it("passes the Mochi front end: the extern file alone, and followed by the shim", () => {
    expect(checkSource(files.externFile).diagnostics).toEqual([]);
    expect(checkSource(files.externFile + files.shimFile).diagnostics).toEqual([]);
  });

  it("declares monomorphised instances that pass the front end too", () => {
    const mono = planModule(readApiSurface(readFileSync(`${GOLDEN}/kit.surface.json`, "utf8")), {
      alias: "kit",
      hashing,
      monomorphise: [
        { item: "example.com/kit.Sum", typeArgs: ["float64"] },
        { item: "example.com/kit.List", typeArgs: ["string"] },
        { item: "example.com/kit.List", typeArgs: ["[]int"] },
      ],
    });
    const out = emitExterns(mono);
    expect(checkSource(out.externFile + out.shimFile).diagnostics).toEqual([]);
    expect(checkExternSubset(out.externFile)).toEqual([]);
    expect(checkExternSubset(out.shimFile)).toEqual([]);
    for (const name of ["kit.Sum_float64", "kit.List_string.Len", "kit.List_string.new", "kit.List_string.get_Items", "kit.List_list_int.set_Items"]) {
      expect(out.externFile).toContain(`extern fun ${name}(`);
    }
    expect(out.shimFile).toContain("list_list_int_len");
    expect(out.skipped).not.toContain("SKIPPED: example.com/kit.List\n");
  });

  it("stays inside the extern subset of GRAMMAR.md, one statement per line", () => {
    expect(checkExternSubset(files.externFile)).toEqual([]);
    expect(checkExternSubset(files.shimFile)).toEqual([]);
  });

  it("has a subset check that rejects what GRAMMAR.md forbids", () => {
    const bad = [
      "extern fun kit.f(x): int",
      "extern fun kit.f(x: int)",
      "extern fun kit.match(x: int): int",
      "extern fun f(x: int): int",
      "extern let kit.v: pkg.T",
      "extern let kit.v: Result<int, string>",
      "extern type a.B",
      "type Box<T> = any",
      "type T = | A | B",
      "let x = 1",
      "extern fun kit.f(x: int,): int",
      "type R {",
      "  a: int",
      "}",
    ];
    expect(checkExternSubset(`${bad.join("\n")}\n`)).toEqual(bad.filter((l) => l !== "type R {" && l !== "}").map((l) => `${bad.indexOf(l) + 1}: ${l}`));
    expect(checkExternSubset("type R {\n  a: int,\n")).toEqual(["3: ", "a record body is not closed"]);
    expect(checkExternSubset("// no newline")).toEqual(["the file does not end with a newline"]);
  });

  it("puts the Go item and the C symbol above every extern declaration", () => {
    const lines = files.externFile.split("\n");
    const byExtern = new Map(plan.items.map((i) => [i.extern, i]));
    let externs = 0;
    lines.forEach((line, n) => {
      const m = /^extern (?:fun|let) ([^(:]+)/.exec(line);
      if (m === null) return;
      externs++;
      const it = byExtern.get(m[1]!)!;
      expect(lines[n - 1], line).toBe(`// C ${it.symbol}`);
      expect(lines[n - 2]!.startsWith(it.id.includes("#") ? "// support: " : `// ${it.id}: `), line).toBe(true);
    });
    expect(externs).toBe(plan.items.length);
    const shimDecls = files.shimFile.split("\n").filter((l) => l.startsWith("extern "));
    expect(shimDecls.length).toBe(plan.items.length);
  });

  it("writes SKIPPED.txt that why-skipped reads", () => {
    const blocks = parseSkipped(files.skipped);
    expect(blocks.length).toBe(plan.skipped.length);
    expect(explainSkip(files.skipped, "example.com/kit/internal/impl.Do").entries.map((e) => e.reason)).toEqual(["SkipInternalPath"]);
    expect(explainSkip(files.skipped, "Stats.Cplx").text).toContain("field Cplx: complex64 has no Mochi counterpart");
  });

  it("refuses a module path it cannot write as a Mochi string", () => {
    expect(() => emitExterns({ ...plan, module: "example.com/\ud800" })).toThrow(/lone surrogate/);
  });

  it("writes the import without a pin for a module path the pinned form rejects", () => {
    const local = emitExterns({ ...plan, module: "kit" });
    expect(local.externFile).toContain('\nimport go "kit" as kit\n');
    expect(files.externFile).toContain('\nimport go "example.com/kit@v1.0.0" as kit\n');
  });
});
