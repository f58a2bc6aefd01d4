// Our h1 against the real Go module proxy, through the ordinary go command:
// for every module of the pinned corpus (fixtures/corpus.json),
// `go mod download -json` fetches the zip and go.mod and reports the Sum and
// GoModSum it checked against sum.golang.org; our hashes of the same files
// must equal them and the pinned values. Needs the network and Go, so it
// runs only with `npm run test:live`, not in `npm test`.

import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashGoMod, hashZip } from "../../core/src/go/dirhash.js";
import type { Hashing } from "../../core/src/hashing.js";
import { kernelsHashing, nodeHashing } from "../../host-node/src/kernels.js";
import { hashZipBytes, hashZipFile } from "../../host-node/src/zip-inflate.js";
import { repoRoot } from "../vectors.js";

interface CorpusModule {
  readonly path: string;
  readonly version: string;
  readonly sum: string;
  readonly goModSum: string;
}

/** What `go mod download -json` prints for one module (the fields used here). */
interface Download {
  readonly Path: string;
  readonly Version: string;
  readonly Error?: string;
  readonly Zip?: string;
  readonly GoMod?: string;
  readonly Sum?: string;
  readonly GoModSum?: string;
}

const corpus = JSON.parse(readFileSync(join(repoRoot, "fixtures", "corpus.json"), "utf8")) as {
  readonly modules: readonly CorpusModule[];
};

const GO_MISSING =
  "the live corpus test needs the go command on PATH: install Go 1.21 or newer from https://go.dev/dl/ " +
  "(or your system's package, e.g. apt-get install golang-go) and run `npm run test:live` again";

/**
 * The go command's environment: a fresh module cache (writable, so it can be
 * deleted), the public proxy with no fallback to version control, the
 * checksum database on for every module, and no workspace or go.mod in sight.
 */
function goEnv(modcache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GOMODCACHE: modcache,
    GOFLAGS: "-mod=mod -modcacherw",
    GOPROXY: "https://proxy.golang.org",
    GOWORK: "off",
    GOTOOLCHAIN: "local",
  };
  for (const name of ["GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOINSECURE", "GOSUMDB"]) {
    delete env[name];
  }
  return env;
}

/** `go mod download -json` prints one indented object per module, back to back. */
function parseDownloads(stdout: string): Download[] {
  return stdout
    .split(/\n(?=\{)/)
    .filter((chunk) => chunk.trim() !== "")
    .map((chunk) => JSON.parse(chunk) as Download);
}

let work = "";
const downloads = new Map<string, Download>();
let node: Hashing;
let kernels: Hashing;

// Checked while the file loads, so that a missing go fails the run as an
// error of this file rather than as 25 skipped tests.
try {
  execFileSync("go", ["version"], { encoding: "utf8" });
} catch (e) {
  throw new Error(GO_MISSING, { cause: e });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "mochi-live-corpus-"));
  const args = ["mod", "download", "-json", ...corpus.modules.map((m) => `${m.path}@${m.version}`)];
  // go exits with 1 when any module fails but still prints every module's
  // object, with Error set on the failures; each test then reports its own.
  const stdout = await promisify(execFile)("go", args, { cwd: work, env: goEnv(join(work, "modcache")), maxBuffer: 1 << 24 }).then(
    (r) => r.stdout,
    (e: { stdout?: string; stderr?: string }) => {
      if (!e.stdout) throw new Error(`go mod download failed: ${e.stderr ?? String(e)}`);
      return e.stdout;
    },
  );
  for (const d of parseDownloads(stdout)) downloads.set(`${d.Path}@${d.Version}`, d);
  node = await nodeHashing();
  kernels = await kernelsHashing();
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The download of `m`, after checking that go fetched exactly the pinned version without error. */
function downloaded(m: CorpusModule): Required<Download> {
  const d = downloads.get(`${m.path}@${m.version}`);
  expect(d, `go mod download printed nothing for ${m.path}@${m.version}`).toBeDefined();
  expect(d!.Error, `go mod download ${m.path}@${m.version}`).toBeUndefined();
  return d as Required<Download>;
}

describe("h1 of the corpus against go mod download (real proxy)", () => {
  it("pins 24 modules sorted by path, one version each", () => {
    const paths = corpus.modules.map((m) => m.path);
    expect(paths).toHaveLength(24);
    expect(new Set(paths).size).toBe(24);
    expect(paths).toEqual([...paths].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });

  // The Node host (node:crypto, node:zlib), then the kernels' SHA-256 with
  // the core's default fflate inflate (what the browser and the component
  // compute), then the kernels with node:zlib.
  it.each(corpus.modules.map((m) => [`${m.path}@${m.version}`, m] as const))(
    "%s: our h1 of the zip and go.mod equals go's Sum, GoModSum and the pins",
    (_, m) => {
      const d = downloaded(m);
      expect(d.Sum, "go's Sum against corpus.json").toBe(m.sum);
      expect(d.GoModSum, "go's GoModSum against corpus.json").toBe(m.goModSum);
      expect(hashZipFile(d.Zip, node), "Node host zip h1").toBe(d.Sum);
      expect(hashGoMod(readFileSync(d.GoMod), node), "Node host go.mod h1").toBe(d.GoModSum);
      const zip = readFileSync(d.Zip);
      expect(hashZip(zip, kernels), "kernels + fflate zip h1").toBe(d.Sum);
      expect(hashZipBytes(zip, kernels), "kernels + node:zlib zip h1").toBe(d.Sum);
      expect(hashGoMod(readFileSync(d.GoMod), kernels), "kernels go.mod h1").toBe(d.GoModSum);
    },
    120_000,
  );
});
