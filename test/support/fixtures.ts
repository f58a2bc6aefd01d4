// Facts about the fixture registry that tests would otherwise hard-code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathSegment } from "../../core/src/bridge/names.js";
import { repoRoot } from "../vectors.js";

/** How many module versions fixtures/modules/modules.json lists: the fixture checksum log's size. */
export const FIXTURE_COUNT: number = (
  JSON.parse(readFileSync(join(repoRoot, "fixtures/modules/modules.json"), "utf8")) as { modules: unknown[] }
).modules.length;

/** The right-edge level-0 tile of the fixture log (a partial tile while the log holds fewer than 256 records). */
export const FIXTURE_EDGE_TILE = `tile/8/0/000.p/${FIXTURE_COUNT}`;

/**
 * The alias the corpus tests import a module under, as a user would pick it:
 * the last path element that is not a major-version suffix, made a Mochi
 * segment (`github.com/labstack/echo/v4` → `echo`). bench/bridge-typescript.mjs
 * keeps a JS copy, since node runs the benchmarks without the TypeScript sources.
 */
export function corpusAlias(module: string): string {
  const elems = module.split("/");
  const last = elems.length > 1 && /^v[0-9]+$/.test(elems[elems.length - 1]!) ? elems[elems.length - 2]! : elems[elems.length - 1]!;
  return pathSegment(last);
}
