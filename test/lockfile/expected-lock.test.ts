// The byte-identity gate of mochi.lock: the fixture manifest
// (fixtures/locks/expected/mochi.toml) resolved against the fixture registry
// by `mochi-pkg lock` gives exactly the committed fixtures/locks/expected.lock,
// whose SHA-256 is pinned here. The component writes the same bytes
// (test/component/conformance.test.ts re-writes every lock fixture).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMochiRegistry } from "../../host-node/src/mochi-registry.js";
import { repoRoot } from "../vectors.js";

const EXPECTED_SHA256 = "7e580ea84a9ee375d0bc224cc938dca9d5510d04dfe1d9242e10cd4abaa55713";
let registry: Awaited<ReturnType<typeof startMochiRegistry>>;
const dirs: string[] = [];

beforeAll(async () => {
  registry = await startMochiRegistry();
});
afterAll(async () => {
  await registry.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("expected.lock", () => {
  it("is what mochi-pkg lock writes for the fixture manifest, byte for byte", async () => {
    const committed = readFileSync(join(repoRoot, "fixtures/locks/expected.lock"));
    expect(createHash("sha256").update(committed).digest("hex")).toBe(EXPECTED_SHA256);
    for (let run = 0; run < 2; run++) {
      const dir = mkdtempSync(join(tmpdir(), "mochi-expected-"));
      dirs.push(dir);
      cpSync(join(repoRoot, "fixtures/locks/expected"), dir, { recursive: true });
      const code = await new Promise<number>((resolve) =>
        execFile(process.execPath, [join(repoRoot, "host-node/bin/mochi-pkg.js"), "lock"], {
          cwd: dir,
          env: { ...process.env, MOCHI_REGISTRY: registry.url, MOCHI_PKG_CACHE: join(dir, ".cache") },
        }, (e) => resolve(e === null ? 0 : Number(e.code))),
      );
      expect(code).toBe(0);
      const written = readFileSync(join(dir, "mochi.lock"));
      expect(createHash("sha256").update(written).digest("hex")).toBe(EXPECTED_SHA256);
    }
  });
});
