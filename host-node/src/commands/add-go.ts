// mochi-pkg add go <module>[@<version|query>] [--as <alias>]: resolve the
// module, add it to [go-dependencies] of mochi.toml in place (the user's
// formatting and comments stay as written), and sync.

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { addGoDependency } from "@mochi-pkg/core/manifest";
import { defaultAlias, isIdentifier } from "@mochi-pkg/core/mochi";
import { UsageError, type Command, type Io } from "../cli.js";
import { writeFileAtomic } from "../atomic-file.js";
import { GoModules } from "../go-modules.js";
import { nodeHashing } from "../kernels.js";
import { findProjectRoot, MANIFEST } from "../project.js";
import { sync } from "../sync.js";
import { nodeZipOptions } from "../zip-inflate.js";

export const command: Command = {
  name: ["add", "go"],
  summary: "add a Go module to [go-dependencies] and sync",
  usage: "mochi-pkg add go [--as <alias>] [--json] <module>[@<version|latest|v1|>=v1.2.0>]",
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { as: { type: "string" }, json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UsageError("name exactly one module, as <module>[@<version>]");
    const arg = positionals[0]!;
    const at = arg.lastIndexOf("@");
    const [module, query] = at <= 0 ? [arg, "latest"] : [arg.slice(0, at), arg.slice(at + 1)];
    const alias = values.as ?? defaultAlias(module);
    if (!isIdentifier(alias)) throw new UsageError(`${JSON.stringify(alias)} is not a Mochi identifier; choose one with --as`);

    const root = findProjectRoot(io.cwd);
    const go = new GoModules({ env: io.env, hashing: await nodeHashing(), zipOptions: nodeZipOptions });
    let version: string;
    try {
      ({ version } = await go.resolve(module, query));
    } finally {
      await go.close();
    }
    const path = join(root, MANIFEST);
    const before = await readFile(path, "utf8");
    const after = addGoDependency(before, module, version, { file: path });
    if (after !== before) await writeFileAtomic(path, after);
    const r = await sync(root, { env: io.env });
    const out = { module, version, alias, import: `import go "${module}" as ${alias}`, lockWritten: r.lockWritten };
    io.out(values.json ? `${JSON.stringify(out, null, 2)}\n` : `added ${module} ${version} to [go-dependencies]; use it with:\n  ${out.import}\n`);
    return 0;
  },
};
