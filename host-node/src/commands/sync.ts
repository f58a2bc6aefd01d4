// mochi-pkg sync (alias build): resolve, verify, bridge and build the
// project's Go imports, and write mochi.lock.

import { parseArgs } from "node:util";
import type { Command, Io } from "../cli.js";
import { findProjectRoot, openProject } from "../project.js";
import { syncInputs, upToDate, type SyncSummary } from "../sync-stamp.js";

export function printSummary(io: Io, s: SyncSummary, lockWritten: boolean): void {
  for (const i of s.imports) {
    const skips = Object.entries(i.skipped).map(([k, v]) => `${k} ${v}`).join(", ");
    io.out(`${i.alias.padEnd(10)} ${i.module}@${i.version}: ${i.bridged}/${i.total} funcs and methods bridged -> ${i.dir}/${skips ? ` (skipped: ${skips})` : ""}\n`);
  }
  if (s.archive !== undefined) io.out(`C archive ${s.archive.archive}, header ${s.archive.header}\n`);
  const verified = s.modules.filter((m) => m.verified).length;
  io.out(`${s.modules.length} Go module(s) in the build list, ${verified} verified by the checksum database; mochi.lock ${lockWritten ? "written" : "unchanged"}\n`);
}

export function runSync(name: string[], summaryText: string): Command {
  return {
    name,
    summary: summaryText,
    usage: `mochi-pkg ${name.join(" ")} [--json] [--frozen] [--offline] [--refresh] [--accept-capabilities] [--target <goos>/<goarch>]`,
    async run(args: readonly string[], io: Io): Promise<number> {
      const { values } = parseArgs({
        args: [...args],
        options: {
          json: { type: "boolean" },
          frozen: { type: "boolean" },
          offline: { type: "boolean" },
          refresh: { type: "boolean" },
          "accept-capabilities": { type: "boolean" },
          target: { type: "string" },
        },
        strict: true,
      });
      const quiet = values.json === true;
      const root = findProjectRoot(io.cwd);
      // Nothing changed since the last sync: answer from its stamp without loading the pipeline.
      if (!values.refresh) {
        const { project } = await openProject(root);
        const summary = await upToDate(project, await syncInputs(project, io.env, values.target));
        if (summary !== undefined) {
          if (quiet) io.out(`${JSON.stringify({ root, lockWritten: false, upToDate: true, ...summary }, null, 2)}\n`);
          else printSummary(io, summary, false);
          return 0;
        }
      }
      const { sync } = await import("../sync.js");
      const { progressFor } = await import("../progress.js");
      const progress = quiet ? undefined : progressFor(io.errStream ?? { write: io.err }, io.env);
      const r = await sync(root, {
        env: io.env,
        frozen: values.frozen === true,
        offline: values.offline === true,
        acceptCapabilities: values["accept-capabilities"] === true,
        ...(values.refresh ? { unlock: new Set(["*"]) } : {}),
        ...(values.target === undefined ? {} : { target: values.target }),
        ...(progress === undefined ? {} : { progress: (stage: string, detail: string) => progress.stage(stage, detail), onFetched: (what: string, bytes: number) => progress.fetched(what, bytes) }),
      }).finally(() => progress?.done());
      if (r.warnings !== "") io.err(r.warnings);
      if (quiet) io.out(`${JSON.stringify({ root, lockWritten: r.lockWritten, upToDate: false, ...r.summary }, null, 2)}\n`);
      else printSummary(io, r.summary, r.lockWritten);
      return 0;
    },
  };
}

export const command = runSync(["sync"], "resolve, verify and bridge the project's Go imports; write mochi.lock");
