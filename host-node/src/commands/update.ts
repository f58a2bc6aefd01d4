// mochi-pkg update [module...]: resolve the named modules (or all) afresh,
// ignoring their locked versions, and write mochi.lock. A newly required
// capability needs --accept-capabilities.

import { parseArgs } from "node:util";
import type { Command, Io } from "../cli.js";
import { findProjectRoot } from "../project.js";
import { sync } from "../sync.js";

export const command: Command = {
  name: ["update"],
  summary: "resolve modules afresh (all, or the named ones) and write mochi.lock",
  usage: "mochi-pkg update [--accept-capabilities] [--offline] [--json] [module...]",
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { "accept-capabilities": { type: "boolean" }, offline: { type: "boolean" }, json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
    const r = await sync(findProjectRoot(io.cwd), {
      env: io.env,
      bridgeOnly: true,
      offline: values.offline === true,
      acceptCapabilities: values["accept-capabilities"] === true,
      unlock: new Set(positionals.length === 0 ? ["*"] : positionals),
    });
    if (values.json) io.out(`${JSON.stringify({ lockWritten: r.lockWritten, ...r.summary }, null, 2)}\n`);
    else io.out(`mochi.lock ${r.lockWritten ? "written" : "unchanged"} (${r.lock.goPackages.length} Go modules)\n`);
    return 0;
  },
};
