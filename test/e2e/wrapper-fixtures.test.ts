// The wrapper end to end, offline, with the real go command and a real C
// compiler: the fixture modules (greet, mathx with Sum instances, hello,
// which imports greet) and bridgekit (fixtures/c/bridgekit: one item per way
// a value crosses) are downloaded and verified by mochi-pkg from the
// embedded fixture registry, ingested, planned, wrapped and built into one C
// archive from the verified file:// proxy directory; fixtures/c/wrapper-fixtures.c
// calls them and checks every result. Also checks each M074_BUILD_* code.
// Needs Go and a C compiler. KEEP_TEMP=1 keeps the build directories to look at.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMochiError } from "../../core/src/errors.js";
import { readApiSurface } from "../../core/src/bridge/surface.js";
import { planModule, type ModulePlan, type MonomorphiseEntry } from "../../core/src/bridge/plan.js";
import { programFiles } from "../../core/src/bridge/wrapper.js";
import type { Hashing } from "../../core/src/hashing.js";
import { startFixtureRegistry, type FixtureServer } from "../../host-node/src/fixture-registry.js";
import { ingestModule } from "../../host-node/src/go-ingest.js";
import { GoModules } from "../../host-node/src/go-modules.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { buildBridgedProgram, buildProgram, type BridgedProgram } from "../../host-node/src/wrapper-build.js";
import { nodeZipOptions } from "../../host-node/src/zip-inflate.js";
import { cleanup, isolatedGoEnv, requireGo, type GoWhere } from "../support/go.js";
import { cNames, compileAndRun, fixturesWithTestModules, requireCc } from "./wrapper-support.js";

const temps: string[] = [];
function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

let cc = "";
let hashing: Hashing;
let server: FixtureServer;
let where: GoWhere;
let go: GoModules;
let gocache = "";
const plans = new Map<string, ModulePlan>();
/** The ingested ApiSurface JSON of each module, by path. */
const surfaces = new Map<string, string>();

const MODULES: readonly { module: string; version: string; alias: string; monomorphise?: MonomorphiseEntry[] }[] = [
  { module: "example.com/greet", version: "v1.2.0", alias: "greet" },
  {
    module: "example.com/mathx",
    version: "v0.2.0",
    alias: "mathx",
    monomorphise: [
      { item: "example.com/mathx.Sum", typeArgs: ["float64"] },
      { item: "example.com/mathx.Sum", typeArgs: ["int"] },
    ],
  },
  { module: "example.com/hello", version: "v1.1.0", alias: "hello" },
  {
    module: "example.com/bridgekit",
    version: "v1.0.0",
    alias: "kit",
    monomorphise: [
      { item: "example.com/bridgekit.Largest", typeArgs: ["int"] },
      { item: "example.com/bridgekit.Largest", typeArgs: ["string"] },
      { item: "example.com/bridgekit.Stack", typeArgs: ["int"] },
      { item: "example.com/bridgekit.Stack", typeArgs: ["string"] },
      { item: "example.com/bridgekit.Pair.String", typeArgs: ["string", "int"] },
      { item: "example.com/bridgekit.Source", typeArgs: ["int"] },
    ],
  },
];

beforeAll(async () => {
  requireGo();
  cc = requireCc();
  hashing = await nodeHashing();
  server = await startFixtureRegistry({ hashing, root: fixturesWithTestModules(temp("mochi-wrap-fixtures-")) });
  gocache = execFileSync("go", ["env", "GOCACHE"], { encoding: "utf8" }).trim();
  where = isolatedGoEnv(server.goproxy, server.gosumdb, { GOCACHE: gocache });
  go = new GoModules({ env: { GOPROXY: server.goproxy, GOSUMDB: server.gosumdb }, hashing, cacheRoot: temp("mochi-wrap-cache-"), zipOptions: nodeZipOptions });
  const ingestCache = temp("mochi-wrap-ingest-");
  for (const m of MODULES) {
    const { json } = await ingestModule({ module: m.module, version: m.version, env: where.env, cacheRoot: ingestCache });
    surfaces.set(m.module, json);
    plans.set(m.module, planModule(readApiSurface(json), { alias: m.alias, hashing, ...(m.monomorphise === undefined ? {} : { monomorphise: m.monomorphise }) }));
  }
}, 600_000);

afterAll(async () => {
  await go?.close();
  await server?.close();
  if (where !== undefined) cleanup(where);
  if (process.env["KEEP_TEMP"] !== "1") for (const t of temps) rmSync(t, { recursive: true, force: true });
});

let built: BridgedProgram;
let buildDir = "";

describe("the fixture modules in one C archive", () => {
  beforeAll(async () => {
    buildDir = temp("mochi-wrap-build-");
    built = await buildBridgedProgram(go, { dir: buildDir, plans: [...plans.values()], maxHandles: 64, env: { GOCACHE: gocache } });
  }, 900_000);

  it("builds from the verified proxy directory with the whole build list", () => {
    expect(built.buildList.map((m) => `${m.path}@${m.version}`)).toEqual([
      "example.com/bridgekit@v1.0.0",
      "example.com/greet@v1.2.0",
      "example.com/greet/v2@v2.0.0",
      "example.com/hello@v1.1.0",
      "example.com/mathx@v0.2.0",
    ]);
    expect(built.program.files["go.sum"]).toContain(`example.com/greet v1.2.0 ${server.registry.module("example.com/greet", "v1.2.0")!.zipHash}\n`);
    expect(built.program.instances.map((i) => `${i.item}[${i.typeArgs.join(",")}]`)).toEqual([
      "example.com/mathx.Sum[float64]",
      "example.com/mathx.Sum[int]",
      "example.com/bridgekit.Largest[int]",
      "example.com/bridgekit.Largest[string]",
      "example.com/bridgekit.Pair[string,int]",
      "example.com/bridgekit.Source[int]",
      "example.com/bridgekit.Stack[int]",
      "example.com/bridgekit.Stack[string]",
    ]);
    // One check file per instance: a func instance is an expression, a type instance a type.
    const checks = Object.keys(built.program.files).filter((f) => f.startsWith("mochicheck/"));
    expect(checks).toHaveLength(8);
    const stack = built.program.instances.find((i) => i.item === "example.com/bridgekit.Stack" && i.typeArgs[0] === "int")!;
    expect(built.program.files[stack.file]).toMatch(/\nvar _ \*bridgekitpkg\.Stack\[int\]\n$/);
  });

  it("runs fixtures/c/wrapper-fixtures.c: every call and its result", () => {
    const names = cNames([...plans.values()]);
    const r = compileAndRun(cc, "fixtures/c/wrapper-fixtures.c", built, names, temp("mochi-wrap-c-"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wrapper-fixtures: \d+ checks passed\n$/);
  });
});

async function buildCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isMochiError(e)) return e.code;
    throw e;
  }
  return "no error";
}

describe("M074_BUILD_* errors", () => {
  /** buildProgram on the built program (or a variant), from its proxy directory and module cache. */
  const rebuild = (options: Partial<Parameters<typeof buildProgram>[0]> = {}) =>
    buildProgram({
      dir: temp("mochi-wrap-err-"),
      program: built.program,
      goproxy: pathToFileURL(join(buildDir, "goproxy")).href,
      modCache: join(buildDir, "modcache"),
      env: { GOCACHE: gocache },
      ...options,
    });

  it("E001: no go command", async () => {
    expect(await buildCode(rebuild({ env: { GOCACHE: gocache, PATH: "/nonexistent" } }))).toBe("M074_BUILD_E001");
  });

  it("E002: no C compiler", async () => {
    expect(await buildCode(rebuild({ env: { GOCACHE: gocache, CC: "/nonexistent/cc" } }))).toBe("M074_BUILD_E002");
  });

  it("E003: a wrapper that does not compile, with the go command's output", async () => {
    const kit = plans.get("example.com/bridgekit")!;
    const files = { ...built.program.files, [`${kit.prefix}/broken.go`]: `package ${kit.prefix}\n\nfunc broken() int { return "x" }\n` };
    try {
      await rebuild({ program: { ...built.program, files } });
      expect.unreachable();
    } catch (e) {
      expect(isMochiError(e, "M074_BUILD_E003")).toBe(true);
      expect((e as Error).message).toContain("broken.go:3:");
    }
  });

  it.each([
    ["a func instance", "example.com/bridgekit.Show", "Show[int]"],
    ["a generic type instance", "example.com/bridgekit.Labelled.Label", "Labelled[int]"],
  ])("E004: %s outside its constraint names the entry", async (_, item, instance) => {
    const bad = planModule(readApiSurface(surfaces.get("example.com/bridgekit")!), { alias: "kit", hashing, monomorphise: [{ item, typeArgs: ["int"] }] });
    try {
      await buildBridgedProgram(go, { dir: temp("mochi-wrap-mono-"), plans: [bad], env: { GOCACHE: gocache } });
      expect.unreachable();
    } catch (e) {
      expect(isMochiError(e, "M074_BUILD_E004")).toBe(true);
      expect((e as Error).message).toContain(`[go] monomorphise example.com/bridgekit.${instance} (example.com/bridgekit) does not compile`);
      expect((e as Error).message).toContain("does not satisfy fmt.Stringer");
    }
  });

  it("E005: a module missing from the verified proxy directory", async () => {
    const empty = temp("mochi-wrap-noproxy-");
    expect(await buildCode(rebuild({ goproxy: pathToFileURL(empty).href, modCache: temp("mochi-wrap-nomods-") }))).toBe("M074_BUILD_E005");
  });

  it("E005: a go.sum hash that the proxy directory's bytes do not match", async () => {
    const greet = server.registry.module("example.com/greet", "v1.2.0")!;
    const goSum = built.program.files["go.sum"]!.replace(greet.zipHash, greet.modHash);
    const files = { ...built.program.files, "go.sum": goSum };
    expect(await buildCode(rebuild({ program: { ...built.program, files }, modCache: temp("mochi-wrap-nomods-") }))).toBe("M074_BUILD_E005");
  });

  it("E006: program files without go.mod", async () => {
    const { ["go.mod"]: _, ...files } = built.program.files;
    expect(await buildCode(rebuild({ program: { ...built.program, files } }))).toBe("M074_BUILD_E006");
  });

  it("E007: a build that takes too long", async () => {
    expect(await buildCode(rebuild({ timeoutMs: 1 }))).toBe("M074_BUILD_E007");
  });
});

describe("programFiles for the same plans", () => {
  it("is byte-identical to what was built", () => {
    const again = programFiles({
      plans: [...plans.values()].reverse(),
      require: built.buildList,
      goSum: built.program.files["go.sum"]!,
      goVersion: "1.22",
      maxHandles: 64,
    });
    expect(again).toEqual(built.program);
  });
});
