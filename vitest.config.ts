import { configDefaults, defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    // Tests run the TypeScript sources of the core; only the generated kernel
    // bindings (@mochi-pkg/core/kernels) come from core/dist.
    alias: [
      { find: /^@mochi-pkg\/core$/, replacement: fileURLToPath(new URL("./core/src/index.ts", import.meta.url)) },
      { find: /^@mochi-pkg\/core\/go$/, replacement: fileURLToPath(new URL("./core/src/go/index.ts", import.meta.url)) },
      { find: /^@mochi-pkg\/core\/bridge$/, replacement: fileURLToPath(new URL("./core/src/bridge/index.ts", import.meta.url)) },
      { find: /^@mochi-pkg\/core\/lockfile$/, replacement: fileURLToPath(new URL("./core/src/lockfile/index.ts", import.meta.url)) },
      { find: /^@mochi-pkg\/core\/manifest$/, replacement: fileURLToPath(new URL("./core/src/manifest/index.ts", import.meta.url)) },
      { find: /^@mochi-pkg\/core\/mochi$/, replacement: fileURLToPath(new URL("./core/src/mochi/index.ts", import.meta.url)) },
      { find: /^@mochi-pkg\/core\/registry$/, replacement: fileURLToPath(new URL("./core/src/registry/index.ts", import.meta.url)) },
      { find: /^@mochi-pkg\/core\/resolve$/, replacement: fileURLToPath(new URL("./core/src/resolve/index.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Tests against the real Go proxy need the network: npm run test:live.
    exclude: [...configDefaults.exclude, "test/live/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
