// The kernels build: reproducible to the byte, and a component with no imports.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { componentWit } from "@bytecodealliance/jco";
import { buildKernels } from "../core/kernels/build.mjs";
import { kernelsDir } from "../host-node/src/kernels.js";

describe("kernels build", () => {
  it("gives identical bytes on two builds, equal to the built artefacts", async () => {
    const first = await buildKernels();
    const second = await buildKernels();
    expect(Buffer.compare(first.core, second.core)).toBe(0);
    expect(Buffer.compare(first.component, second.component)).toBe(0);
    expect(Object.keys(first.files).sort()).toEqual(Object.keys(second.files).sort());
    for (const [name, bytes] of Object.entries(first.files)) {
      expect(Buffer.compare(bytes, second.files[name]!), name).toBe(0);
    }
    // What the hosts load is what the build script produces.
    const built = readFileSync(join(kernelsDir(), "hashing.component.wasm"));
    expect(Buffer.compare(built, first.component)).toBe(0);
  });

  it("is a component that imports nothing and exports mochi:core/hashing", async () => {
    const component = readFileSync(join(kernelsDir(), "hashing.component.wasm"));
    const wit = await componentWit(component);
    expect(wit).toMatch(/export mochi:core\/hashing@0\.1\.0;/);
    // The world the component carries: one export, no imports.
    expect(wit).not.toMatch(/^\s*import /m);
  });
});
