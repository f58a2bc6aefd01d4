// Loads the same kernels component as the Node host. The bindings are
// bundled with the page; the core wasm modules are fetched from `wasmBase`,
// where the page serves the files of core/dist/kernels.

import { kernelHashing } from "@mochi-pkg/core";
import type { Hashing } from "@mochi-pkg/core";
import { instantiate } from "@mochi-pkg/core/kernels";

export async function browserHashing(wasmBase: URL | string): Promise<Hashing> {
  const base = new URL(String(wasmBase).endsWith("/") ? String(wasmBase) : `${String(wasmBase)}/`);
  const root = await instantiate(async (name) => {
    const url = new URL(name, base);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`cannot load the hashing kernels: HTTP ${response.status} for ${url.href}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }, {});
  return kernelHashing(root.hashing);
}
