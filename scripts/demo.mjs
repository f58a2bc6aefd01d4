// The main job on the embedded default, offline: start the fixture GOPROXY
// and checksum database on 127.0.0.1, then run the whole consume pipeline on
// a copy of examples/greeter (a Mochi program importing two fixture Go
// modules: greet, and mathx with a monomorphised generic and a channel) as a
// user would, with the mochi-pkg command: sync (resolve, download, verify,
// ingest, bridge, build one C archive, write mochi.lock), lock --check, and
// a refused tampered download. Then compile and run the C host program that
// calls the bridged Go functions through the archive.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startFixtureRegistry } from "../host-node/dist/fixture-registry.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const bin = join(repo, "host-node/bin/mochi-pkg.js");
const work = mkdtempSync(join(tmpdir(), "mochi-pkg-demo-"));
const project = join(work, "greeter");
const cache = join(work, "cache");
cpSync(join(repo, "examples/greeter"), project, { recursive: true, filter: (src) => !src.includes("/.mochi") && !src.endsWith("mochi.lock") });
const registry = await startFixtureRegistry();
const evil = await startFixtureRegistry({ tamper: { zip: "example.com/hello@v1.0.0" } });

/**
 * Runs a command in the project, streaming its output. Asynchronously: the
 * fixture servers answer from this process's event loop.
 */
function run(label, cmd, args, server = registry) {
  console.log(`\n$ ${label}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: project,
      env: { ...process.env, GOPROXY: server.goproxy, GOSUMDB: server.gosumdb, MOCHI_PKG_CACHE: cache },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("close", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(127));
  });
}
const mochiPkg = (args, server) => run(`mochi-pkg ${args.join(" ")}`, process.execPath, [bin, ...args], server);

try {
  console.log(`fixture GOPROXY and checksum database (${registry.name}) at ${registry.url}`);
  console.log(`project: a copy of examples/greeter in ${project}`);
  const steps = [];
  steps.push(["sync", await mochiPkg(["sync"])]);
  steps.push(["lock --check", await mochiPkg(["lock", "--check"])]);
  steps.push(["sync again (no-op)", await mochiPkg(["sync"])]);
  console.log("\n# a module proxy serving a tampered zip is refused, and nothing is cached:");
  const refused = (await mochiPkg(["go", "download", "example.com/hello@v1.0.0"], evil)) === 20;
  steps.push(["tampered zip refused (exit 20)", refused ? 0 : 1]);
  const cc = process.env.CC ?? "cc";
  steps.push(["compile the C host", await run(`${cc} host/main.c .mochi/go/build/libmochi.a`, cc, ["-o", "greeter-host", "host/main.c", "-I", ".mochi/go/build", ".mochi/go/build/libmochi.a", "-lpthread"])]);
  steps.push(["run the C host", await run("./greeter-host", join(project, "greeter-host"), [])]);
  const failed = steps.filter(([, code]) => code !== 0);
  console.log(`\ndemo: ${steps.length - failed.length} of ${steps.length} steps succeeded${failed.length ? `; failed: ${failed.map(([name]) => name).join(", ")}` : ""}`);
  if (failed.length) process.exitCode = 1;
} finally {
  await registry.close();
  await evil.close();
  rmSync(work, { recursive: true, force: true });
}
