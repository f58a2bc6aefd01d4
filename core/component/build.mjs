// Builds the portable core as a WebAssembly component:
//
//   TypeScript core (core/src) + adapters (core/component/src)
//     -> one ES module (rolldown; mochi:core/hashing stays an import; what
//        the ICU-less engine lacks is added from Node's ICU: unicode.mjs)
//     -> core-js component (componentize-js, world core-js: imports the
//        kernels' hashing, exports the core's interfaces, no WASI: every
//        feature of the engine that would import one is disabled; pre-
//        initialised by wizer.mjs with fixed randomness and clocks)
//     -> mochi-core component (compose.mjs: the kernels plugged in; no imports)
//     -> JS bindings (jco transpile) that Node instantiates.
//
//   node core/component/build.mjs [outDir]   (default: core/dist/component)
//
// Needs the kernels built first (core/dist/kernels, npm run build:kernels).
// Every step is deterministic; test/component/build.test.ts builds twice and
// compares the bytes. Prints each artefact's size and the build time.
import { monotonicClock, wallClock } from "@bytecodealliance/preview2-shim/clocks";
import { componentWit, transpile } from "@bytecodealliance/jco";
import { rolldown } from "rolldown";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { plug } from "./compose.mjs";
import { unicodePlugin } from "./unicode.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

// componentize-js stubs the disabled WASI clocks with functions that return
// the time its splicer read while building (through preview2-shim); stopped
// clocks keep the build's moment out of the component. The splicer takes
// `now` when it loads, so componentize-js is imported after this.
monotonicClock.now = () => 0n;
wallClock.now = () => ({ seconds: 0n, nanoseconds: 0 });
const { componentize } = await import("@bytecodealliance/componentize-js");
/** The deterministic pre-initializer componentize-js runs instead of wizer (wizer.mjs says why). */
const WIZER = join(here, "wizer.mjs");

export const WORLD = "core-js";
export const HASHING = "mochi:core/hashing@0.1.0";
/** The interfaces the core exports (world core-js), in wit/core.wit's order. */
export const CORE_EXPORTS = ["types", "go-module", "checksum-db", "lockfile", "bridge", "manifest", "mochi-source", "go-requirements", "registry"].map(
  (i) => `mochi:core/${i}@0.1.0`,
);
/** Every engine feature componentize-js can leave out; each would import WASI (stdio, random, clocks, http). */
export const DISABLED_FEATURES = ["stdio", "random", "clocks", "http", "fetch-event"];
/** The file names of the artefacts in outDir; `name` is the transpiled bindings' base name. */
export const ARTEFACTS = { bundle: "core-js.bundle.js", coreJs: "core-js.component.wasm", composed: "mochi-core.component.wasm", name: "mochi-core" };

async function coreVersion() {
  return JSON.parse(await readFile(join(root, "core/package.json"), "utf8")).version;
}

/** The TypeScript core and its adapters as one ES module. */
export async function bundle() {
  const build = await rolldown({
    input: join(here, "src/entry.ts"),
    external: [/^mochi:core\//],
    // The browser builds of the dependencies (fflate's node build would use worker_threads).
    platform: "browser",
    transform: { define: { MOCHI_CORE_VERSION: JSON.stringify(await coreVersion()) } },
    // Normalisation data and \p{...} expansion for an engine without ICU (unicode.mjs).
    plugins: [unicodePlugin()],
    logLevel: "warn",
  });
  try {
    const { output } = await build.generate({ format: "esm", comments: { legal: false } });
    if (output.length !== 1) throw new Error(`rolldown produced ${output.length} chunks, expected one`);
    return output[0].code;
  } finally {
    await build.close();
  }
}

/** Fails unless the component's world imports exactly `allowed`. */
export async function checkImports(component, allowed) {
  const wit = await componentWit(component);
  const imports = [...wit.matchAll(/^\s*import ([^;]+);/gm)].map((m) => m[1].trim());
  const extra = imports.filter((i) => !allowed.includes(i));
  if (extra.length > 0) throw new Error(`the component imports ${extra.join(", ")}; only ${allowed.join(", ") || "nothing"} is allowed`);
  return wit;
}

/** Builds everything in memory: { bundle, coreJs, composed, files, timings }. */
export async function buildComponent({ kernelsPath = join(root, "core/dist/kernels/hashing.component.wasm") } = {}) {
  const timings = {};
  const time = async (step, run) => {
    const started = performance.now();
    const value = await run();
    timings[step] = Math.round(performance.now() - started);
    return value;
  };
  const code = await time("bundle", bundle);
  await chmod(WIZER, 0o755); // componentize-js runs it as a program
  if (`${tmpdir()}/`.startsWith(`${process.cwd()}/`) || process.cwd() === "/") {
    // componentize-js would then name the source by a path relative to the cwd, through its random work directory.
    throw new Error(`build the component from a directory that does not contain the temporary directory ${tmpdir()} (e.g. the repository)`);
  }
  // The source is handed over as text: componentize-js then puts it in its own
  // work directory, whose random name wizer.mjs keeps out of the snapshot (a
  // path of ours would be recorded as the module's name).
  const { component: coreJs } = await time("componentize", () =>
    componentize(code, { sourceName: "mochi-core.js", witPath: join(root, "wit"), worldName: WORLD, disableFeatures: DISABLED_FEATURES, wizerBin: WIZER }),
  );
  await checkImports(coreJs, [HASHING]);
  const kernels = await readFile(kernelsPath).catch(() => {
    throw new Error(`the kernels component ${kernelsPath} is missing: run npm run build:kernels first`);
  });
  const composed = await time("compose", async () => plug(kernels, coreJs, HASHING, CORE_EXPORTS));
  await checkImports(composed, []);
  const { files } = await time("transpile", () =>
    transpile(composed, { name: ARTEFACTS.name, instantiation: { tag: "async" }, noWasiShim: true, noNodejsCompat: true, base64Cutoff: 0 }),
  );
  return { bundle: code, coreJs, composed, files, timings };
}

async function writeAtomic(path, bytes) {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}

export async function writeComponent(outDir) {
  await rm(outDir, { recursive: true, force: true });
  const built = await buildComponent();
  await writeAtomic(join(outDir, ARTEFACTS.bundle), built.bundle);
  await writeAtomic(join(outDir, ARTEFACTS.coreJs), built.coreJs);
  await writeAtomic(join(outDir, ARTEFACTS.composed), built.composed);
  for (const [name, bytes] of Object.entries(built.files)) await writeAtomic(join(outDir, name), bytes);
  return built;
}

const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(root, "core/dist/component"));
  const started = performance.now();
  const { bundle: code, coreJs, composed, timings } = await writeComponent(outDir);
  const ms = Math.round(performance.now() - started);
  const steps = Object.entries(timings).map(([k, v]) => `${k} ${v} ms`).join(", ");
  console.log(
    `component: bundle ${kib(code.length)}, core-js ${kib(coreJs.length)}, mochi-core ${kib(composed.length)} (${composed.length} B); ${ms} ms (${steps}) -> ${outDir}`,
  );
}
