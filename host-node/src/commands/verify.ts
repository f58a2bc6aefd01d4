// mochi-pkg verify: re-hash every cached module and re-check it against the
// checksum database. Damaged or mismatching entries are removed (so the
// next download fetches them again) and make the command fail.

import { parseArgs } from "node:util";
import type { Command, Io } from "../cli.js";
import { openGoModules } from "../go-modules.js";
import { describeVerification } from "./go-download.js";

export const command: Command = {
  name: ["verify"],
  summary: "re-hash the module cache and re-check it against the checksum database",
  usage: "mochi-pkg verify [--json]",
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values } = parseArgs({ args: [...args], options: { json: { type: "boolean" } }, strict: true });
    const go = await openGoModules(io.env);
    try {
      const checks = await go.verifyCache();
      const bad = checks.filter((c) => c.status !== "ok");
      if (values.json) {
        io.out(`${JSON.stringify({ cache: go.cache.root, modules: checks, ok: bad.length === 0 }, null, 2)}\n`);
      } else {
        for (const c of checks) {
          io.out(c.status === "ok" ? `ok        ${c.path} ${c.version}: ${describeVerification(c.verification)}\n` : `${c.status.padEnd(9)} ${c.path} ${c.version}: ${c.detail}\n`);
        }
        io.out(`${checks.length - bad.length} of ${checks.length} cached module versions verified${bad.length ? `; ${bad.length} removed` : ""}\n`);
      }
      return bad.length === 0 ? 0 : 1;
    } finally {
      await go.close();
    }
  },
};
