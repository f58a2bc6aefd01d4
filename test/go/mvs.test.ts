import { describe, expect, it } from "vitest";
import { buildList, goModSource, modSummary, prunesGraph, type MainModule, type ModSummary } from "../../core/src/go/mvs.js";
import { parseGoMod } from "../../core/src/go/gomod.js";

const mv = (s: string) => {
  const [path, version] = s.split("@") as [string, string];
  return { path, version };
};

describe("mvs", () => {
  it("reads go versions as cmd/go does for pruning", () => {
    expect([undefined, "1.16", "1.16.5", "1.17", "1.21.0", "1.100", "2.0"].map(prunesGraph)).toEqual([false, false, false, true, true, true, true]);
  });

  it("asks for each missing go.mod once, then selects the highest required version", () => {
    const main: MainModule = { path: "m", go: "1.21", requires: [mv("a.com/a@v1.0.0"), mv("b.com/b@v1.0.0")] };
    const summaries = new Map<string, ModSummary>();
    let step = buildList(main, summaries);
    expect(step).toEqual({ kind: "need", requests: [
      { module: mv("a.com/a@v1.0.0"), source: { kind: "module", path: "a.com/a", version: "v1.0.0" } },
      { module: mv("b.com/b@v1.0.0"), source: { kind: "module", path: "b.com/b", version: "v1.0.0" } },
    ] });
    summaries.set("a.com/a@v1.0.0", { go: "1.21", requires: [mv("c.com/c@v1.2.0")] });
    summaries.set("b.com/b@v1.0.0", { go: "1.21", requires: [mv("c.com/c@v1.1.0"), mv("a.com/a@v1.1.0")] });
    step = buildList(main, summaries);
    // Pruned dependencies: their requirements count, but c and a@v1.1.0 are not loaded.
    expect(step).toEqual({
      kind: "done",
      buildList: [mv("m@"), mv("a.com/a@v1.1.0"), mv("b.com/b@v1.0.0"), mv("c.com/c@v1.2.0")].map((m) => ({ path: m.path, version: m.version ?? "" })),
      loaded: [mv("a.com/a@v1.0.0"), mv("b.com/b@v1.0.0")],
    });
  });

  it("walks an unpruned dependency transitively", () => {
    const main: MainModule = { path: "m", go: "1.21", requires: [mv("old.com/x@v1.0.0")] };
    const summaries = new Map<string, ModSummary>([["old.com/x@v1.0.0", { go: "1.16", requires: [mv("y.com/y@v1.0.0")] }]]);
    const step = buildList(main, summaries);
    expect(step.kind === "need" && step.requests.map((r) => r.module)).toEqual([mv("y.com/y@v1.0.0")]);
  });

  it("ignores excluded requirements and routes replaced go.mods", () => {
    const file = parseGoMod("module m\n\ngo 1.21\n\nrequire a.com/a v1.0.0\n\nexclude a.com/z v1.9.0\n\nreplace a.com/a => ../a\nreplace q.com/q v1.0.0 => r.com/r v1.5.0\n");
    const main: MainModule = { path: "m", go: "1.21", requires: file.require, excludes: file.exclude, replaces: file.replace };
    expect(goModSource(main, mv("a.com/a@v1.0.0"))).toEqual({ kind: "dir", dir: "../a" });
    expect(goModSource(main, mv("q.com/q@v1.0.0"))).toEqual({ kind: "module", path: "r.com/r", version: "v1.5.0" });
    expect(goModSource(main, mv("q.com/q@v1.1.0"))).toEqual({ kind: "module", path: "q.com/q", version: "v1.1.0" });
    const step = buildList(main, new Map([["a.com/a@v1.0.0", { requires: [mv("a.com/z@v1.9.0")] }]]));
    expect(step.kind === "done" && step.buildList.map((m) => m.path)).toEqual(["m", "a.com/a"]);
  });

  it("refuses a go.mod that declares another module", () => {
    const f = parseGoMod("module evil.com/x\n", "go.mod", { lax: true });
    expect(() => modSummary(f, "good.com/x", "good.com/x@v1.0.0/go.mod")).toThrow(expect.objectContaining({ code: "M074_MVS_E001" }));
  });
});
