// Atomic lock writes under SIGKILL: child Node processes rewrite a lockfile
// in a loop with writeLockfile (host-node/src/lockfile-io.ts), alternating two
// valid locks A and B; the test kills them at random moments, at least 200
// times in all, and after every kill the file must parse and be exactly A or
// exactly B: never torn, never empty, never missing.
//
// The child runs the real TypeScript sources: they are transpiled once with
// the TypeScript compiler into a temporary directory (imports rewritten to the
// transpiled files), since plain Node 20 cannot run .ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { parseLock, writeLock, type Lockfile } from "../../core/src/lockfile/index.js";
import { repoRoot } from "../vectors.js";
import { sampleLock } from "./sample.js";

const KILLS = 208;
const WORKERS = 4;
const require = createRequire(import.meta.url);

/** Bare imports of the sources and where they live in the repository. */
const ALIASES: Record<string, string> = {
  "@mochi-pkg/core": "core/src/index.ts",
  "@mochi-pkg/core/lockfile": "core/src/lockfile/index.ts",
  "@mochi-pkg/core/manifest": "core/src/manifest/index.ts",
  "@mochi-pkg/core/go": "core/src/go/index.ts",
};

/** Transpiles `entry` and every source it imports into `out` (same relative layout); returns the entry's output path. */
function transpileGraph(entry: string, out: string): string {
  const seen = new Set<string>();
  const outPath = (src: string) => join(out, relative(repoRoot, src)).replace(/\.ts$/, ".js");
  const visit = (src: string): void => {
    if (seen.has(src)) return;
    seen.add(src);
    const js = ts.transpileModule(readFileSync(src, "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    }).outputText;
    const rewritten = js.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"([^"]+)"/g, (all, lead: string, spec: string) => {
      if (spec.startsWith("node:")) return all;
      let target: string;
      if (spec.startsWith(".")) target = resolve(dirname(src), spec.replace(/\.js$/, ".ts"));
      else if (ALIASES[spec] !== undefined) target = join(repoRoot, ALIASES[spec]);
      else return `${lead}"${pathToFileURL(require.resolve(spec, { paths: [repoRoot] })).href}"`;
      visit(target);
      return `${lead}"${pathToFileURL(outPath(target)).href}"`;
    });
    mkdirSync(dirname(outPath(src)), { recursive: true });
    writeFileSync(outPath(src), rewritten);
  };
  visit(entry);
  return outPath(entry);
}

let work: string;
let child: string;
let lockA: string;
let lockB: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mochi-atomic-"));
  const build = join(work, "build");
  mkdirSync(build);
  writeFileSync(join(build, "package.json"), '{ "type": "module" }\n');
  const io = transpileGraph(join(repoRoot, "host-node/src/lockfile-io.ts"), build);
  // lockfile-io.ts reads ../package.json for its version.
  writeFileSync(join(build, "host-node/package.json"), readFileSync(join(repoRoot, "host-node/package.json")));
  const core = pathToFileURL(join(build, "core/src/lockfile/index.js")).href;
  child = join(build, "child.mjs");
  writeFileSync(
    child,
    `import { readFileSync } from "node:fs";
import { parseLock } from ${JSON.stringify(core)};
import { writeLockfile } from ${JSON.stringify(pathToFileURL(io).href)};
const [path, a, b] = process.argv.slice(2);
const locks = [parseLock(readFileSync(a, "utf8")), parseLock(readFileSync(b, "utf8"))];
await writeLockfile(path, locks[0]);
process.stdout.write("ready\\n");
for (let i = 1; ; i++) await writeLockfile(path, locks[i % 2]);
`,
  );
  // A: the sample lock (about 12 kB); B: a larger lock (about 50 kB, small enough that the writer starts fast), so that kills land inside writes as well as between them.
  const sample = sampleLock();
  const big: Lockfile = {
    ...sample,
    packages: Array.from({ length: 120 }, (_, i) => ({ ...sample.packages[3]!, name: `@bulk/p${i}`, dependencies: new Map() })),
    goPackages: [],
    capabilitiesSeen: new Map(),
  };
  lockA = writeLock(sample);
  lockB = writeLock(big);
  writeFileSync(join(work, "A.lock"), lockA);
  writeFileSync(join(work, "B.lock"), lockB);
}, 60_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Starts a writer, waits for its first complete write, lets it run a random while, kills it. */
function killOnce(path: string, maxDelayMs: number): Promise<void> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [child, path, join(work, "A.lock"), join(work, "B.lock")], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.stdout.once("data", () => {
      setTimeout(() => p.kill("SIGKILL"), Math.random() * maxDelayMs);
    });
    p.on("exit", (code, signal) => {
      if (signal === "SIGKILL") done();
      else fail(new Error(`writer exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

describe("writeLockfile under SIGKILL", () => {
  it(`leaves exactly lock A or lock B after each of ${KILLS} kills`, async () => {
    const outcomes = { A: 0, B: 0 };
    let leftovers = 0;
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        const dir = join(work, `w${w}`);
        mkdirSync(dir);
        const path = join(dir, "mochi.lock");
        for (let k = 0; k < KILLS / WORKERS; k++) {
          await killOnce(path, 40);
          const text = readFileSync(path, "utf8");
          const which = text === lockA ? "A" : text === lockB ? "B" : undefined;
          expect(which, `kill ${k} of worker ${w}: the file is neither A nor B (${text.length} chars)`).toBeDefined();
          outcomes[which!]++;
          expect(writeLock(parseLock(text))).toBe(text);
        }
        // Temporary files left by kills between open and rename: evidence the kills hit writes in progress.
        leftovers += readdirSync(dir).filter((f) => f.endsWith(".tmp")).length;
      }),
    );
    expect(outcomes.A + outcomes.B).toBe(KILLS);
    expect(outcomes.A, "no kill left lock A").toBeGreaterThan(0);
    expect(outcomes.B, "no kill left lock B").toBeGreaterThan(0);
    expect(leftovers, "no kill landed inside a write").toBeGreaterThan(0);
  }, 90_000);
});
