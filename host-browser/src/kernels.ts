// Loads the same kernels component as the Node host, over fetch: the page
// serves core/dist/kernels next to itself and passes that folder's URL.

import { kernelHashing } from "@mochi-pkg/core";
import type { Hashing, HashingKernel } from "@mochi-pkg/core";

interface KernelBindings {
  instantiate(
    getCoreModule: (name: string) => Promise<WebAssembly.Module>,
    imports: Record<string, never>,
  ): Promise<{ hashing: HashingKernel }>;
}

export async function browserHashing(kernelsBase: URL | string): Promise<Hashing> {
  const base = new URL(kernelsBase.toString().endsWith("/") ? kernelsBase : `${kernelsBase}/`);
  const bindings = (await import(/* @vite-ignore */ new URL("hashing.js", base).href)) as KernelBindings;
  const root = await bindings.instantiate(async (name) => {
    const response = await fetch(new URL(name, base));
    if (!response.ok) throw new Error(`cannot load ${name}: HTTP ${response.status} from ${response.url}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }, {});
  return kernelHashing(root.hashing);
}
