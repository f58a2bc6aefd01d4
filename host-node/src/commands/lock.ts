// mochi-pkg lock [--check] [--refresh]: write mochi.lock for the project, or
// check that it is current (exit codes per failure kind: docs/cli.md).

import { parseArgs } from "node:util";
import type { Command, Io } from "../cli.js";
import { checkProjectLock } from "../lock-check.js";
import { findProjectRoot } from "../project.js";
import { sync } from "../sync.js";

export const command: Command = {
  name: ["lock"],
  summary: "write mochi.lock, or --check that it is current",
  usage: "mochi-pkg lock [--check] [--refresh] [--offline] [--accept-capabilities] [--json]",
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values } = parseArgs({
      args: [...args],
      options: {
        check: { type: "boolean" },
        refresh: { type: "boolean" },
        offline: { type: "boolean" },
        json: { type: "boolean" },
        "accept-capabilities": { type: "boolean" },
      },
      strict: true,
    });
    const root = findProjectRoot(io.cwd);
    if (values.check) {
      const r = await checkProjectLock(root, { env: io.env, offline: values.offline === true });
      for (const w of r.warnings) io.err(`warning: ${w}\n`);
      io.out(values.json ? `${JSON.stringify({ ok: true, warnings: r.warnings })}\n` : "mochi.lock is up to date\n");
      return 0;
    }
    const r = await sync(root, {
      env: io.env,
      bridgeOnly: true,
      offline: values.offline === true,
      acceptCapabilities: values["accept-capabilities"] === true,
      ...(values.refresh ? { unlock: new Set(["*"]) } : {}),
    });
    io.out(values.json ? `${JSON.stringify({ lockWritten: r.lockWritten, ...r.summary }, null, 2)}\n` : `mochi.lock ${r.lockWritten ? "written" : "unchanged"} (${r.lock.goPackages.length} Go modules)\n`);
    return 0;
  },
};
