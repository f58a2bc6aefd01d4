// The consume pipeline against the real Go module proxy and sum.golang.org
// (npm run test:live): a project importing five corpus modules syncs (MVS,
// download, checksum database, ingest, bridge, one C archive) and its lock
// checks green; a project importing every buildable corpus module syncs, and
// a no-op sync of it is timed (goal: under 300 ms for the whole process).
import { afterAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseLock } from "@mochi-pkg/core/lockfile";
import { requireGo, withoutGoVariables } from "../support/go.js";
import { repoRoot } from "../vectors.js";

requireGo();
const corpus = (JSON.parse(readFileSync(join(repoRoot, "fixtures/corpus.json"), "utf8")) as { modules: { path: string; version: string }[] }).modules;
const ALIASES: Record<string, string> = {
  "github.com/cespare/xxhash/v2": "xxhash", "github.com/davecgh/go-spew": "spew", "github.com/fatih/color": "color",
  "github.com/gin-gonic/gin": "gin", "github.com/golang/mock": "gomock", "github.com/google/go-cmp": "cmp",
  "github.com/google/uuid": "uuid", "github.com/gorilla/mux": "mux", "github.com/jmoiron/sqlx": "sqlx",
  "github.com/json-iterator/go": "jsoniter", "github.com/klauspost/compress": "compress", "github.com/labstack/echo/v4": "echo",
  "github.com/mattn/go-isatty": "isatty", "github.com/pkg/errors": "pkgerrors", "github.com/prometheus/client_golang": "prom",
  "github.com/sirupsen/logrus": "logrus", "github.com/spf13/cobra": "cobra", "github.com/spf13/pflag": "pflag",
  "github.com/spf13/viper": "viper", "github.com/stretchr/testify": "testify", "github.com/valyala/fasthttp": "fasthttp",
  "go.uber.org/zap": "zap", "google.golang.org/protobuf": "protobuf", "gopkg.in/yaml.v3": "yaml",
};
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(modules: readonly { path: string; version: string }[], cache: string): string {
  const dir = mkdtempSync(join(tmpdir(), "mochi-live-sync-"));
  dirs.push(dir);
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "mochi.toml"), '[package]\nname = "corpus"\nversion = "0.1.0"\nedition = "2026"\n');
  writeFileSync(join(dir, "src/main.mochi"), modules.map((m) => `import go "${m.path}@${m.version}" as ${ALIASES[m.path]}\n`).join(""));
  return dir;
}

function mochiPkg(args: string[], cwd: string, cache: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve) =>
    execFile(process.execPath, [join(repoRoot, "host-node/bin/mochi-pkg.js"), ...args], {
      cwd, encoding: "utf8", maxBuffer: 64 << 20, timeout: 3_600_000,
      env: { ...withoutGoVariables(), PATH: process.env.PATH, HOME: process.env.HOME, MOCHI_PKG_CACHE: cache },
    }, (e, stdout, stderr) => resolve({ code: e === null ? 0 : Number(e.code), stdout, stderr, ms: performance.now() - start })),
  );
}

describe("sync against the real module proxy", () => {
  const cache = mkdtempSync(join(tmpdir(), "mochi-live-cache-"));
  dirs.push(cache);

  it("syncs five corpus modules: verified by sum.golang.org, bridged, built, lock --check green", { timeout: 1_800_000 }, async () => {
    const five = corpus.filter((m) => ["github.com/google/uuid", "github.com/cespare/xxhash/v2", "gopkg.in/yaml.v3", "github.com/spf13/pflag", "github.com/mattn/go-isatty"].includes(m.path));
    const dir = project(five, cache);
    const run = await mochiPkg(["sync"], dir, cache);
    expect(run.code, run.stderr).toBe(0);
    console.log(`five modules: sync ${Math.round(run.ms)} ms\n${run.stdout}`);
    const lock = parseLock(readFileSync(join(dir, "mochi.lock"), "utf8"));
    for (const m of five) {
      const entry = lock.goPackages.find((p) => p.module === m.path)!;
      expect(entry.version).toBe(m.version);
      expect(entry.sumdbVerified).toBe(true);
      expect(entry.zipH1).toBe((corpus.find((c) => c.path === m.path) as { sum?: string }).sum);
      expect(entry.wrapperSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(existsSync(join(dir, ".mochi/go/build/libmochi.a"))).toBe(true);
    expect((await mochiPkg(["lock", "--check"], dir, cache)).code).toBe(0);
  });

  it("syncs every corpus module, then a no-op sync is fast", { timeout: 3_600_000 }, async () => {
    const dir = project(corpus, cache);
    const first = await mochiPkg(["sync"], dir, cache);
    expect(first.code, first.stderr).toBe(0);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await mochiPkg(["sync"], dir, cache);
      expect(r.code).toBe(0);
      times.push(r.ms);
    }
    const median = [...times].sort((a, b) => a - b)[3]!;
    console.log(`${corpus.length} modules: first sync ${Math.round(first.ms)} ms; no-op sync median ${Math.round(median)} ms of ${times.map(Math.round).join(", ")} (goal: < 300 ms)`);
    expect(median).toBeLessThan(300);
  });
});
