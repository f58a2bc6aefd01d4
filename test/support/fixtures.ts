// Facts about the fixture registry that tests would otherwise hard-code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../vectors.js";

/** How many module versions fixtures/modules/modules.json lists: the fixture checksum log's size. */
export const FIXTURE_COUNT: number = (
  JSON.parse(readFileSync(join(repoRoot, "fixtures/modules/modules.json"), "utf8")) as { modules: unknown[] }
).modules.length;

/** The right-edge level-0 tile of the fixture log (a partial tile while the log holds fewer than 256 records). */
export const FIXTURE_EDGE_TILE = `tile/8/0/000.p/${FIXTURE_COUNT}`;
