import { describe, expect, it } from "vitest";
import { progressFor } from "../../host-node/src/progress.js";

function stream(isTTY: boolean) {
  const out: string[] = [];
  return { out, s: { isTTY, write: (t: string) => out.push(t) } };
}

describe("progress display", () => {
  it("prints one plain line per stage and download when not a terminal", () => {
    const { out, s } = stream(false);
    const p = progressFor(s, {});
    p.stage("resolve", "2 Go import(s)");
    p.fetched("example.com/greet@v1.2.0", 2048);
    p.fetched("example.com/mathx@v0.2.0", 3 * 1024 * 1024);
    p.done();
    expect(out.join("")).toBe(
      "resolve  2 Go import(s)\n" +
        "download example.com/greet@v1.2.0 2.0 KiB (1 file, 2.0 KiB in all)\n" +
        "download example.com/mathx@v0.2.0 3.0 MiB (2 files, 3.0 MiB in all)\n",
    );
  });

  it("rewrites one line on a terminal, in colour unless NO_COLOR", () => {
    const { out, s } = stream(true);
    const p = progressFor(s, {});
    p.fetched("a@v1.0.0", 10);
    p.fetched("b@v1.0.0", 20);
    p.stage("bridge", "a, b");
    p.done();
    const text = out.join("");
    expect(text).toContain("\r\x1b[2K\x1b[1;36mdownload\x1b[0m a@v1.0.0 10 B (1 file, 10 B in all)");
    expect(text).toContain("\r\x1b[2K\x1b[1;36mdownload\x1b[0m b@v1.0.0 20 B (2 files, 30 B in all)\n\x1b[1;36mbridge  \x1b[0m a, b\n");
    const plain = stream(true);
    progressFor(plain.s, { NO_COLOR: "1" }).stage("build", "x");
    expect(plain.out.join("")).toBe("build    x\n");
  });
});
