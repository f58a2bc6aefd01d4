// The go command builds from a GOPROXY directory made of the verified cache,
// trusting only the go.sum written from verified hashes: a program using a
// fixture module builds with GOSUMDB=off and -mod=readonly, and a byte
// changed in the directory afterwards fails the build.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Hashing } from "@mochi-pkg/core";
import { parseGoMod } from "@mochi-pkg/core/go";
import { resolveBuildList } from "../../host-node/src/build-list.js";
import { startFixtureRegistry, type FixtureServer } from "../../host-node/src/fixture-registry.js";
import { GoModules } from "../../host-node/src/go-modules.js";
import { writeGoProxyDir } from "../../host-node/src/goproxy-dir.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { nodeZipOptions } from "../../host-node/src/zip-inflate.js";
import { cleanup, isolatedGoEnv, requireGo, runGo, type GoWhere } from "../support/go.js";

let hashing: Hashing;
let registry: FixtureServer;
const wheres: GoWhere[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  requireGo();
  hashing = await nodeHashing();
  registry = await startFixtureRegistry({ hashing });
});
afterAll(async () => {
  await registry.close();
  wheres.forEach(cleanup);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const GO_MOD = `module example.com/app

go 1.21

require (
	example.com/hello v1.1.0
	example.com/right v1.0.0
)
`;
const MAIN = `package main

import (
	"fmt"

	"example.com/hello"
	"example.com/right"
)

func main() { fmt.Println(hello.World(), hello.Loud(), right.Greeting("mochi")) }
`;

async function prepare(): Promise<{ app: string; proxyDir: string; goSum: string; goproxy: string }> {
  const app = mkdtempSync(join(tmpdir(), "mochi-proxydir-"));
  dirs.push(app);
  const go = new GoModules({ env: { GOPROXY: registry.goproxy, GOSUMDB: registry.gosumdb }, hashing, cacheRoot: join(app, ".cache"), zipOptions: nodeZipOptions });
  const file = parseGoMod(GO_MOD);
  const list = await resolveBuildList(go, { path: file.module.path, go: file.go!, requires: file.require }, app, true);
  const proxyDir = join(app, ".proxy");
  const { goproxy, goSum } = await writeGoProxyDir(go, proxyDir, list.modules.slice(1), list.loaded);
  await go.close();
  // The complete requirement list, as go mod tidy would leave it.
  const requires = list.modules.slice(1).map((m) => `\t${m.path} ${m.version}\n`).join("");
  writeFileSync(join(app, "go.mod"), `module example.com/app\n\ngo 1.21\n\nrequire (\n${requires})\n`);
  writeFileSync(join(app, "go.sum"), goSum);
  writeFileSync(join(app, "main.go"), MAIN);
  return { app, proxyDir, goSum, goproxy };
}

function offlineGo(goproxy: string): GoWhere {
  // The fixture registry is not reachable from here: only the directory and go.sum.
  const where = isolatedGoEnv(goproxy, "off", { GOFLAGS: "-mod=readonly -modcacherw" });
  wheres.push(where);
  return where;
}

describe("GOPROXY directory from the verified cache", () => {
  it("builds and runs a program from exactly the verified modules", async () => {
    const { app, goproxy, goSum } = await prepare();
    expect(goSum).toContain("example.com/greet v1.2.0 h1:");
    expect(goSum).toContain("example.com/mathx v0.2.0/go.mod h1:");
    const where = offlineGo(goproxy);
    const run = await runGo(["run", "."], { env: where.env, dir: app });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe("Hello, world! HELLO, WORLD! Goodbye, mochi!3");
  });

  it("fails the build when a file in the directory no longer matches go.sum", async () => {
    const { app, goproxy, proxyDir } = await prepare();
    const zip = join(proxyDir, "example.com/greet/@v/v1.2.0.zip");
    const bytes = readFileSync(zip);
    // Break the hard link first so the cache's blob stays intact.
    rmSync(zip);
    bytes[bytes.length - 30] ^= 1;
    writeFileSync(zip, bytes);
    const run = await runGo(["build", "."], { env: offlineGo(goproxy).env, dir: app });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/checksum mismatch|zip: not a valid zip file|verifying/);
    expect(fileURLToPath(goproxy)).toBe(proxyDir);
  });
});
