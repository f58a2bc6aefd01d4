// Minimal version selection against the real go command: for each main
// go.mod, our build list must be exactly what `go list -m all` prints, with
// go.mod files fetched and verified through the fixture registry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hashing } from "@mochi-pkg/core";
import { parseGoMod, type MainModule } from "@mochi-pkg/core/go";
import { resolveBuildList } from "../../host-node/src/build-list.js";
import { startFixtureRegistry, type FixtureServer } from "../../host-node/src/fixture-registry.js";
import { GoModules } from "../../host-node/src/go-modules.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { cleanup, isolatedGoEnv, requireGo, runGo, type GoWhere } from "../support/go.js";

let hashing: Hashing;
let registry: FixtureServer;
let where: GoWhere;
const dirs: string[] = [];

beforeAll(async () => {
  requireGo();
  hashing = await nodeHashing();
  registry = await startFixtureRegistry({ hashing });
  where = isolatedGoEnv(registry.goproxy, registry.gosumdb);
});
afterAll(async () => {
  await registry.close();
  cleanup(where);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const cases: Record<string, string> = {
  "a diamond whose go 1.16 side is walked transitively": `module example.com/app

go 1.21

require (
	example.com/left v1.0.0
	example.com/right v1.0.0
)
`,
  "one pruned dependency": `module example.com/app

go 1.21

require example.com/left v1.0.0
`,
  "an unpruned main module": `module example.com/app

go 1.16

require (
	example.com/left v1.0.0
	example.com/hello v1.0.0
)
`,
  "an excluded requirement is ignored": `module example.com/app

go 1.21

require (
	example.com/left v1.0.0
	example.com/right v1.0.0
)

exclude example.com/greet v1.2.0
`,
  "a directory replacement supplies the go.mod": `module example.com/app

go 1.21

require example.com/right v1.0.0

replace example.com/deep => ./localdeep
`,
  "a module replacement supplies the go.mod": `module example.com/app

go 1.21

require example.com/left v1.0.0

replace example.com/left v1.0.0 => example.com/hello v1.1.0
`,
  "two majors and a higher requirement from a dependency": `module example.com/app

go 1.22

require (
	example.com/greet v1.0.0
	example.com/hello v1.1.0
)
`,
};

describe("build list (MVS) matches go list -m all", () => {
  it.each(Object.entries(cases))("%s", async (_name, goMod) => {
    const dir = mkdtempSync(join(tmpdir(), "mochi-mvs-"));
    dirs.push(dir);
    writeFileSync(join(dir, "go.mod"), goMod);
    mkdirSync(join(dir, "localdeep"));
    writeFileSync(join(dir, "localdeep/go.mod"), "module example.com/deep\n\ngo 1.21\n\nrequire example.com/mathx v0.1.0\n");

    const file = parseGoMod(goMod);
    const main: MainModule = { path: file.module.path, go: file.go!, requires: file.require, excludes: file.exclude, replaces: file.replace };
    const go = new GoModules({ env: { GOPROXY: registry.goproxy, GOSUMDB: registry.gosumdb }, hashing, cacheRoot: join(dir, "cache") });
    const ours = await resolveBuildList(go, main, dir);
    await go.close();

    const run = await runGo(["list", "-m", "all"], { env: where.env, dir });
    expect(run.code, run.stderr).toBe(0);
    // "path version [=> replacement]"; the main module has no version.
    const theirs = run.stdout.trim().split("\n").map((line) => line.split(" ").slice(0, 2).join(" "));
    expect(ours.modules.map((m) => `${m.path}${m.version ? ` ${m.version}` : ""}`)).toEqual(theirs);
  });
});
