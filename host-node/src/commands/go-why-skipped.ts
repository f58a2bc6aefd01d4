// mochi-pkg go why-skipped <module> <item>: why an exported Go item has no
// Mochi binding, from the SKIPPED.txt that sync wrote for the module.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { MochiError } from "@mochi-pkg/core";
import { explainSkip } from "@mochi-pkg/core/bridge";
import { UsageError, type Command, type Io } from "../cli.js";
import { findProjectRoot, openProject } from "../project.js";

export const command: Command = {
  name: ["go", "why-skipped"],
  summary: "explain why a Go item of an imported module is not bridged",
  usage: "mochi-pkg go why-skipped [--json] <module> <item>   (item: Name, Type.Method or its full id)",
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({ args: [...args], options: { json: { type: "boolean" } }, allowPositionals: true, strict: true });
    if (positionals.length !== 2) throw new UsageError("name the module and the item");
    const [module, item] = positionals as [string, string];
    const root = findProjectRoot(io.cwd);
    const { project } = await openProject(root);
    const imp = project.goImports.find((i) => i.module === module);
    if (imp === undefined) {
      throw new MochiError("M074_BRIDGE_E004", `${module} is not imported by this project`, { where: root, hint: "name a module the project's sources import with import go" });
    }
    const path = join(root, ".mochi", "go", imp.alias, "SKIPPED.txt");
    const report = await readFile(path, "utf8").catch(() => {
      throw new MochiError("M074_BRIDGE_E004", `there is no SKIPPED.txt for ${module} yet`, { where: path, hint: "run mochi-pkg sync first" });
    });
    const { entries, text } = explainSkip(report, item);
    io.out(values.json ? `${JSON.stringify(entries, null, 2)}\n` : text);
    return 0;
  },
};
