// The README's first command, end to end: scripts/demo.mjs runs the whole
// consume pipeline on examples/greeter against the fixture registry, and a
// C program calls the bridged Go functions through the archive.
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { requireGo } from "../support/go.js";
import { repoRoot } from "../vectors.js";

describe("npm run demo", () => {
  it("syncs, verifies, refuses a tampered zip, builds, and runs the C host", async () => {
    requireGo();
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [join(repoRoot, "scripts/demo.mjs")], { encoding: "utf8", maxBuffer: 16 << 20 }, (error, out, err) =>
        resolve({ code: error === null ? 0 : Number(error.code), stdout: out + err }),
      );
    });
    expect(code, stdout).toBe(0);
    expect(stdout).toContain("2 Go module(s) in the build list, 2 verified by the checksum database; mochi.lock written");
    expect(stdout).toContain("mochi.lock is up to date");
    expect(stdout).toContain("M074_VERIFY_E001: SECURITY ERROR: checksum mismatch for example.com/hello v1.0.0");
    expect(stdout).toContain('greet.Hello("Mochi") = "Hello, Mochi!"');
    expect(stdout).toContain("mathx.Sum[int64]([1 2 3 36]) = 42");
    expect(stdout).toContain("mathx.Count(5) sends: 0 1 2 3 4");
    expect(stdout).toContain("demo: 6 of 6 steps succeeded");
  });
});
