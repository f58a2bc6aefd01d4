// mochi-pkg sync (alias build): resolve, verify, bridge and build the
// project's Go imports, and write mochi.lock.

import { parseArgs } from "node:util";
import type { Command, Io } from "../cli.js";
import { findProjectRoot } from "../project.js";
import { sync, type SyncResult } from "../sync.js";

export function summary(r: SyncResult): Record<string, unknown> {
  return {
    root: r.project.root,
    lockWritten: r.lockWritten,
    modules: r.lock.goPackages.map((p) => ({ module: p.module, version: p.version, verified: p.sumdbVerified, zipH1: p.zipH1 })),
    imports: r.bridged.map((b) => ({
      module: b.use.module,
      version: b.use.version,
      alias: b.use.alias,
      dir: b.dir,
      bridged: b.plan.stats.bridged,
      total: b.plan.stats.total,
      skipped: b.plan.stats.skippedByReason,
    })),
  };
}

export function runSync(name: string[], summaryText: string): Command {
  return {
    name,
    summary: summaryText,
    usage: `mochi-pkg ${name.join(" ")} [--json] [--frozen] [--offline] [--refresh] [--accept-capabilities]`,
    async run(args: readonly string[], io: Io): Promise<number> {
      const { values } = parseArgs({
        args: [...args],
        options: {
          json: { type: "boolean" },
          frozen: { type: "boolean" },
          offline: { type: "boolean" },
          refresh: { type: "boolean" },
          "accept-capabilities": { type: "boolean" },
        },
        strict: true,
      });
      const quiet = values.json === true;
      const r = await sync(findProjectRoot(io.cwd), {
        env: io.env,
        frozen: values.frozen === true,
        offline: values.offline === true,
        acceptCapabilities: values["accept-capabilities"] === true,
        ...(values.refresh ? { unlock: new Set(["*"]) } : {}),
        progress: quiet ? undefined : (stage, detail) => io.err(`${stage.padEnd(8)} ${detail}\n`),
      });
      if (r.warnings !== "") io.err(r.warnings);
      if (quiet) {
        io.out(`${JSON.stringify(summary(r), null, 2)}\n`);
        return 0;
      }
      for (const b of r.bridged) {
        const s = b.plan.stats;
        const skips = Object.entries(s.skippedByReason).map(([k, v]) => `${k} ${v}`).join(", ");
        io.out(`${b.use.alias.padEnd(10)} ${b.use.module}@${b.use.version}: ${s.bridged}/${s.total} funcs and methods bridged -> ${b.dir}/${skips ? ` (skipped: ${skips})` : ""}\n`);
      }
      const verified = r.lock.goPackages.filter((p) => p.sumdbVerified).length;
      io.out(`${r.lock.goPackages.length} Go module(s) in the build list, ${verified} verified by the checksum database; mochi.lock ${r.lockWritten ? "written" : "unchanged"}\n`);
      return 0;
    },
  };
}

export const command = runSync(["sync"], "resolve, verify and bridge the project's Go imports; write mochi.lock");
