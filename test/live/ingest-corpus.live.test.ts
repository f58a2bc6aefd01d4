// The ingest against the real Go module proxy: every module of the pinned
// corpus (fixtures/corpus.json) goes through go-ingest; every type string of
// every surface must parse and print back unchanged, and no item may be
// skipped as unparsable. The surfaces are written to fixtures/surfaces/
// (committed: the browser playground and offline tests read them) with an
// index of their sizes and api-surface-sha256. Needs the network and Go:
// `npm run test:live` only.
//
// The build context is pinned (linux/amd64, cgo on), so the committed
// surfaces are the same on every machine with the same Go toolchain.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiSurfaceSha256, readApiSurface } from "../../core/src/bridge/surface.js";
import { nodeHashing } from "../../host-node/src/kernels.js";
import { writeFileAtomic } from "../../host-node/src/atomic-file.js";
import { ingestModule } from "../../host-node/src/go-ingest.js";
import { requireGo } from "../support/go.js";
import { publicProxyGoEnv } from "../support/public-go-env.mjs";
import { everyTypeString, roundTripFailures, surfaceFile } from "../bridge/type-strings.js";
import { repoRoot } from "../vectors.js";

interface CorpusModule {
  readonly path: string;
  readonly version: string;
}

const corpus = JSON.parse(readFileSync(join(repoRoot, "fixtures", "corpus.json"), "utf8")) as { readonly modules: readonly CorpusModule[] };
const surfacesDir = join(repoRoot, "fixtures", "surfaces");

requireGo();

/**
 * Rewrites a committed file only when the ingest gave other bytes, and then
 * atomically: the other live tests read fixtures/surfaces at the same time.
 */
async function writeIfChanged(path: string, text: string): Promise<void> {
  if (existsSync(path) && readFileSync(path, "utf8") === text) return;
  mkdirSync(dirname(path), { recursive: true });
  await writeFileAtomic(path, text);
}

let cacheRoot = "";
let env: NodeJS.ProcessEnv = {};
const rows: { module: string; version: string; file: string; bytes: number; packages: number; ms: number; sha256: string }[] = [];

beforeAll(() => {
  cacheRoot = mkdtempSync(join(tmpdir(), "mochi-ingest-live-"));
  env = publicProxyGoEnv();
});

afterAll(async () => {
  rmSync(cacheRoot, { recursive: true, force: true });
  if (rows.length === corpus.modules.length) {
    const index = rows
      .map(({ module, version, file, bytes, packages, sha256 }) => ({ module, version, file, bytes, packages, api_surface_sha256: sha256 }))
      .sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
    await writeIfChanged(join(surfacesDir, "index.json"), `${JSON.stringify({ surfaces: index }, null, 2)}\n`);
  }
  console.log(
    ["module@version                                   bytes   packages  ingest ms", ...rows.map((r) =>
      `${`${r.module}@${r.version}`.padEnd(48)} ${String(r.bytes).padStart(9)} ${String(r.packages).padStart(6)} ${String(r.ms).padStart(10)}`,
    )].join("\n"),
  );
});

describe("go-ingest over the 24-module corpus", () => {
  it.each(corpus.modules.map((m) => [`${m.path}@${m.version}`, m] as const))(
    "%s: ingests, every type string round-trips, nothing is skipped",
    async (_, m) => {
      const started = performance.now();
      const { json, surface } = await ingestModule({ module: m.path, version: m.version, env, cacheRoot, goos: "linux", goarch: "amd64" });
      const ms = Math.round(performance.now() - started);
      const file = surfaceFile(m.path, m.version);
      await writeIfChanged(join(surfacesDir, file), json);

      const view = readApiSurface(json);
      const skipped = view.skips.map((s) => `${s.item} ${s.code}`);
      expect(skipped).toEqual([]);
      expect(roundTripFailures(surface)).toEqual([]);
      expect(everyTypeString(surface).length).toBeGreaterThan(0);
      expect(surface.packages.length).toBeGreaterThan(0);
      for (const p of surface.packages) expect(p.import_path === m.path || p.import_path.startsWith(`${m.path}/`), p.import_path).toBe(true);
      rows.push({
        module: m.path,
        version: m.version,
        file,
        bytes: Buffer.byteLength(json),
        packages: surface.packages.length,
        ms,
        sha256: apiSurfaceSha256(surface, await nodeHashing()),
      });
    },
    900_000,
  );

  it("is deterministic: a second ingest of a module gives the same bytes", async () => {
    const m = corpus.modules.find((x) => x.path === "github.com/spf13/cobra") ?? corpus.modules[0]!;
    const a = await ingestModule({ module: m.path, version: m.version, env, cacheRoot, goos: "linux", goarch: "amd64" });
    const b = await ingestModule({ module: m.path, version: m.version, env, cacheRoot, goos: "linux", goarch: "amd64" });
    expect(b.json).toBe(a.json);
    expect(readFileSync(join(surfacesDir, surfaceFile(m.path, m.version)), "utf8")).toBe(a.json);
  }, 900_000);
});
