// mochi-pkg go download <module>@<version|query>...: fetch, verify and cache
// modules, printing what go.sum would record and how it was verified.

import { parseArgs } from "node:util";
import { UsageError, type Command, type Io } from "../cli.js";
import { openGoModules, type Downloaded } from "../go-modules.js";
import type { Verification } from "../module-cache.js";

export function describeVerification(v: Verification): string {
  return v.kind === "sumdb"
    ? `verified by ${v.sumdb} (record ${v.recordId}, tree size ${v.treeSize})`
    : `not verified: ${v.reason} exempts it from the checksum database`;
}

function asJson(d: Downloaded, retracted: boolean, blobPath: (hash: string) => string): Record<string, unknown> {
  return {
    Path: d.path,
    Version: d.version,
    Info: blobPath(d.entry.info.blake3),
    GoMod: blobPath(d.entry.mod.blake3),
    Zip: blobPath(d.entry.zip.blake3),
    Sum: d.sum,
    GoModSum: d.goModSum,
    Verification: d.verification,
    Cached: d.cached,
    ...(retracted ? { Retracted: true } : {}),
  };
}

export const command: Command = {
  name: ["go", "download"],
  summary: "download, verify and cache Go modules",
  usage: "mochi-pkg go download [--json] <module>@<version|latest|v1|v1.2|>=v1.2.0>...",
  async run(args: readonly string[], io: Io): Promise<number> {
    const { values, positionals } = parseArgs({ args: [...args], options: { json: { type: "boolean" } }, allowPositionals: true, strict: true });
    if (positionals.length === 0) throw new UsageError("name at least one module, as <module>@<version>");
    const targets = positionals.map((arg) => {
      const at = arg.lastIndexOf("@");
      return at <= 0 ? { module: arg, query: "latest" } : { module: arg.slice(0, at), query: arg.slice(at + 1) };
    });
    const go = await openGoModules(io.env);
    try {
      for (const { module, query } of targets) {
        const resolved = await go.resolve(module, query);
        const d = await go.download(module, resolved.version);
        if (values.json) {
          io.out(`${JSON.stringify(asJson(d, resolved.retracted, (h) => go.cache.blobs.pathOf(h)), null, 2)}\n`);
          continue;
        }
        io.out(
          `${d.path} ${d.version}${d.cached ? " (cached)" : ""}\n` +
            `  zip     ${d.sum}\n` +
            `  go.mod  ${d.goModSum}\n` +
            `  ${describeVerification(d.verification)}\n` +
            `  zip at  ${go.cache.blobs.pathOf(d.entry.zip.blake3)}\n`,
        );
        if (resolved.retracted) io.err(`warning: ${d.path}@${d.version} is retracted by its author\n`);
      }
    } finally {
      await go.close();
    }
    return 0;
  },
};
