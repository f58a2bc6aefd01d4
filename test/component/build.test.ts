// The core component build (core/component/build.mjs): reproducible to the
// byte, pure (no WASI imports at all), and composed with the kernels into a
// component that imports nothing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { componentWit } from "@bytecodealliance/jco";
import { ARTEFACTS, CORE_EXPORTS, HASHING, buildComponent } from "../../core/component/build.mjs";
import { coreComponentDir } from "../../host-node/src/core-component.js";

const dir = coreComponentDir();
const built = (name: string): Buffer => readFileSync(join(dir, name));
const worldLines = (wit: string, verb: "import" | "export"): string[] =>
  [...wit.matchAll(new RegExp(`^\\s*${verb} ([^;]+);`, "gm"))].map((m) => m[1]!.trim()).sort();

describe("core component build", () => {
  let fresh: Awaited<ReturnType<typeof buildComponent>>;
  beforeAll(async () => {
    const started = performance.now();
    fresh = await buildComponent();
    const ms = Math.round(performance.now() - started);
    console.log(`core component: ${fresh.composed.length} B composed (${fresh.coreJs.length} B core-js), built in ${ms} ms ${JSON.stringify(fresh.timings)}`);
  }, 300_000);

  it("gives the same bytes as the build that wrote core/dist/component", () => {
    expect(Buffer.compare(Buffer.from(fresh.bundle), built(ARTEFACTS.bundle)), "bundle").toBe(0);
    expect(Buffer.compare(fresh.coreJs, built(ARTEFACTS.coreJs)), "core-js component").toBe(0);
    expect(Buffer.compare(fresh.composed, built(ARTEFACTS.composed)), "composed component").toBe(0);
    for (const [name, bytes] of Object.entries(fresh.files)) expect(Buffer.compare(bytes, built(name)), name).toBe(0);
  });

  it("builds core-js with no WASI import: hashing from the kernels is its only import", async () => {
    const wit = await componentWit(built(ARTEFACTS.coreJs));
    expect(worldLines(wit, "import")).toEqual([HASHING]);
    expect(wit).not.toMatch(/wasi:/);
    expect(worldLines(wit, "export")).toEqual([...CORE_EXPORTS].sort());
  });

  it("composes with the kernels into a component that imports nothing", async () => {
    const wit = await componentWit(built(ARTEFACTS.composed));
    expect(worldLines(wit, "import")).toEqual([]);
    expect(wit).not.toMatch(/wasi:/);
    expect(worldLines(wit, "export")).toEqual([HASHING, ...CORE_EXPORTS].sort());
  });
});
