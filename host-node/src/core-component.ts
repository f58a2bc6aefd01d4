// Loads the portable core as a component (core/dist/component, built by
// core/component/build.mjs and bound by jco transpile): the same artefact
// wasmtime and other runtimes embed. The Node host itself calls the
// TypeScript core directly, which is faster; this is for conformance checks
// and for callers that want exactly what the component computes.

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { MochiError } from "@mochi-pkg/core";
import { kernelsDir } from "./kernels.js";

/** The transpiled bindings' base name (core/component/build.mjs ARTEFACTS.name). */
const BINDINGS = "mochi-core";

/** The folder holding mochi-core.js, its core modules and mochi-core.component.wasm. */
export function coreComponentDir(): string {
  return join(kernelsDir(), "../component");
}

/** The composed component's bytes (no imports): what another runtime loads. */
export function coreComponentPath(): string {
  return join(coreComponentDir(), `${BINDINGS}.component.wasm`);
}

/** The exported interfaces of mochi:core (wit/core.wit), as jco names them. */
export const CORE_INTERFACES = [
  "types",
  "hashing",
  "goModule",
  "goRequirements",
  "checksumDb",
  "lockfile",
  "manifest",
  "mochiSource",
  "registry",
  "bridge",
] as const;

/**
 * The exported interfaces, each an object of functions in the shapes of
 * core/dist/component/interfaces/*.d.ts.
 */
export type CoreComponent = Readonly<Record<(typeof CORE_INTERFACES)[number], Readonly<Record<string, unknown>>>>;

interface Bindings {
  instantiate(getCoreModule: (name: string) => Promise<WebAssembly.Module>, imports: object): Promise<CoreComponent>;
}

let loaded: Promise<CoreComponent> | undefined;

/** Instantiates the core component once per process. */
export function loadCoreComponent(): Promise<CoreComponent> {
  loaded ??= (async () => {
    const dir = coreComponentDir();
    const entry = join(dir, `${BINDINGS}.js`);
    if (!existsSync(entry)) {
      throw new MochiError("M074_COMPONENT_E002", `${entry} does not exist`, { where: dir });
    }
    const bindings = (await import(pathToFileURL(entry).href)) as Bindings;
    return bindings.instantiate(async (name) => WebAssembly.compile(await readFile(join(dir, name))), {});
  })();
  return loaded;
}
