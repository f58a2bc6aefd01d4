import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { exportSymbol, mangle, modulePrefix } from "../core/src/bridge/symbols.js";
import type { Hashing } from "@mochi-pkg/core";
import { nodeHashing } from "../host-node/src/kernels.js";

let hashing: Hashing;
beforeAll(async () => {
  hashing = await nodeHashing();
});

describe("export symbols", () => {
  it("mangles injectively into C identifiers without double underscores", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ma = mangle(a);
        expect(ma).toMatch(/^[A-Za-z0-9_]+$/);
        expect(ma).not.toContain("__");
        if (a !== b) expect(ma).not.toBe(mangle(b));
      }),
      { numRuns: 5000 },
    );
    expect(mangle("a_b/c")).not.toBe(mangle("a/b_c"));
    expect(mangle("yaml.v3")).toBe("yaml_3v3");
  });

  it("separates majors of one module path, and v0 from v1 not at all", () => {
    const v1 = modulePrefix("example.com/legacy", "v1.0.0", hashing);
    expect(modulePrefix("example.com/legacy", "v0.9.0", hashing)).toBe(v1);
    expect(modulePrefix("example.com/legacy", "v2.1.0+incompatible", hashing)).not.toBe(v1);
    expect(v1).toMatch(/^mochi_[0-9a-f]{8}$/);
  });

  it("names items of subpackages distinctly", () => {
    const p = modulePrefix("example.com/x", "v1.0.0", hashing);
    const a = exportSymbol(p, "example.com/x", "example.com/x/a", "Foo");
    const b = exportSymbol(p, "example.com/x", "example.com/x/b", "Foo");
    const root = exportSymbol(p, "example.com/x", "example.com/x", "Foo");
    expect(new Set([a, b, root]).size).toBe(3);
    expect(root).toBe(`${p}___0__Foo`);
    expect(exportSymbol(p, "example.com/x", "example.com/x/a", "T", "Method")).toBe(`${p}__a__T__Method`);
    expect(() => exportSymbol(p, "example.com/x", "example.com/y", "Foo")).toThrow(/not inside module/);
  });
});
