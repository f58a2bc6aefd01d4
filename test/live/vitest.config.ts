// The live tests (npm run test:live): the root configuration with only
// test/live included, which the root configuration excludes from `npm test`.
import { configDefaults, defineConfig } from "vitest/config";
import root from "../../vitest.config.js";

export default defineConfig({
  ...root,
  test: { ...root.test, include: ["test/live/**/*.test.ts"], exclude: configDefaults.exclude },
});
