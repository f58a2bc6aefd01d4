// The main job on the embedded default: start the fixture GOPROXY and
// checksum database on 127.0.0.1, then, as a user would, download and verify
// Go modules with the mochi-pkg command into a fresh cache, show what a
// tampered download looks like, and re-verify the cache. No network needed.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFixtureRegistry } from "../host-node/dist/fixture-registry.js";

const bin = new URL("../host-node/bin/mochi-pkg.js", import.meta.url).pathname;
const cache = mkdtempSync(join(tmpdir(), "mochi-pkg-demo-"));
const registry = await startFixtureRegistry();
const evil = await startFixtureRegistry({ tamper: { zip: "example.com/hello@v1.0.0" } });

/**
 * Runs the mochi-pkg command as a separate process, streaming its output.
 * Asynchronously: the fixture servers answer from this process's event loop.
 */
function mochiPkg(args, server = registry) {
  console.log(`\n$ mochi-pkg ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, GOPROXY: server.goproxy, GOSUMDB: server.gosumdb, MOCHI_PKG_CACHE: cache },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

try {
  console.log(`fixture GOPROXY and checksum database (${registry.name}) at ${registry.url}; cache ${cache}`);
  let failures = 0;
  failures += await mochiPkg(["go", "download", "example.com/greet@latest", "example.com/greet/v2@v2.0.0", "example.com/hello@v1", "example.com/legacy@latest", "example.com/mathx@>=v0.2.0"]);
  failures += await mochiPkg(["go", "download", "example.com/greet@v1.1.0"]);
  console.log("\n# a proxy that serves a tampered zip is refused, and nothing is cached:");
  const refused = (await mochiPkg(["go", "download", "example.com/hello@v1.0.0"], evil)) !== 0;
  failures += await mochiPkg(["verify"]);
  if (failures > 0 || !refused) {
    console.error(`\ndemo: ${failures} step(s) failed${refused ? "" : "; the tampered zip was not refused"}`);
    process.exitCode = 1;
  } else {
    console.log("\ndemo: every module downloaded, verified against the checksum database, and re-verified from the cache");
  }
} finally {
  await registry.close();
  await evil.close();
  rmSync(cache, { recursive: true, force: true });
}
