// Builds the hashing kernels: AssemblyScript -> core wasm module -> zero-import
// WebAssembly component exporting mochi:core/hashing -> JS bindings (jco
// transpile) that Node and the browser instantiate.
//
//   node core/kernels/build.mjs [outDir]     (default: core/dist/kernels)
//
// Outputs: hashing.core.wasm (the module as asc built it, exports renamed),
// hashing.component.wasm, and the transpiled hashing.js / hashing.d.ts /
// hashing.core.wasm that the hosts load. Every step is deterministic; the
// test suite builds twice and compares the bytes.
import asc from "assemblyscript/asc";
import binaryen from "binaryen";
import { componentEmbed, componentNew, transpile } from "@bytecodealliance/jco";
import { mkdir, writeFile, rename } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const IFACE = "mochi:core/hashing@0.1.0";

/** AssemblyScript export name -> canonical ABI export name. */
export const EXPORT_NAMES = {
  hasherNew: `${IFACE}#[constructor]hasher`,
  hasherUpdate: `${IFACE}#[method]hasher.update`,
  hasherFinish: `${IFACE}#[method]hasher.finish`,
  hasherDrop: `${IFACE}#[dtor]hasher`,
  digest: `${IFACE}#digest`,
  leafHash: `${IFACE}#rfc6962-leaf-hash`,
  nodeHash: `${IFACE}#rfc6962-node-hash`,
  cabiRealloc: "cabi_realloc",
};

async function compileAssemblyScript() {
  const outputs = new Map();
  const stderr = [];
  const { error } = await asc.main(
    [
      join(here, "assembly/index.ts"),
      "-O3",
      "--runtime", "stub",
      // No env.abort import: a failed check traps with `unreachable`.
      "--use", "abort=",
      "--enable", "simd",
      "--outFile", "kernels.wasm",
    ],
    {
      writeFile: (name, contents) => outputs.set(name, contents),
      stderr: { write: (s) => stderr.push(String(s)) },
      stdout: { write: () => {} },
    },
  );
  if (error) throw new Error(`asc failed: ${error.message}\n${stderr.join("")}`);
  const wasm = outputs.get("kernels.wasm");
  if (!wasm) throw new Error("asc produced no kernels.wasm");
  return wasm;
}

/** Renames exports to their canonical ABI names and drops everything else but memory. */
function canonicalExports(wasm) {
  // asc emits bulk-memory (and may emit SIMD) instructions; the reader must accept them.
  const mod = binaryen.readBinaryWithFeatures(wasm, binaryen.Features.All);
  try {
    const exports = [];
    for (let i = 0; i < mod.getNumExports(); i++) {
      exports.push(binaryen.getExportInfo(mod.getExportByIndex(i)));
    }
    const seen = new Set();
    for (const e of exports) {
      if (e.name === "memory") continue;
      mod.removeExport(e.name);
      const target = EXPORT_NAMES[e.name];
      if (target === undefined) continue;
      if (e.kind !== binaryen.ExternalFunction) throw new Error(`kernel export ${e.name} is not a function`);
      mod.addFunctionExport(e.value, target);
      seen.add(e.name);
    }
    const missing = Object.keys(EXPORT_NAMES).filter((n) => !seen.has(n));
    if (missing.length) throw new Error(`kernel exports missing: ${missing.join(", ")}`);
    if (!mod.validate()) throw new Error("binaryen rejected the renamed kernel module");
    return mod.emitBinary();
  } finally {
    mod.dispose();
  }
}

/** Builds everything in memory: { core, component, files } (files: name -> bytes). */
export async function buildKernels() {
  const core = canonicalExports(await compileAssemblyScript());
  const embedded = await componentEmbed({
    binary: core,
    witPath: join(root, "wit"),
    world: "kernels",
    stringEncoding: "utf8",
  });
  const component = await componentNew(embedded);
  const { files } = await transpile(component, {
    name: "hashing",
    instantiation: { tag: "async" },
    noWasiShim: true,
    noNodejsCompat: true,
    base64Cutoff: 0,
  });
  return { core, component, files };
}

async function writeAtomic(path, bytes) {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}

export async function writeKernels(outDir) {
  const { core, component, files } = await buildKernels();
  await writeAtomic(join(outDir, "kernels.core.wasm"), core);
  await writeAtomic(join(outDir, "hashing.component.wasm"), component);
  for (const [name, bytes] of Object.entries(files)) await writeAtomic(join(outDir, name), bytes);
  return { core, component, files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(root, "core/dist/kernels"));
  const started = performance.now();
  const { core, component } = await writeKernels(outDir);
  const ms = Math.round(performance.now() - started);
  console.log(`kernels: core ${core.length} B, component ${component.length} B, ${ms} ms -> ${outDir}`);
}
