// `mochi-pkg serve --fixtures [--port N] [--json]`: runs the embedded fixture
// registries until SIGINT or SIGTERM — the Go one (a GOPROXY and a checksum
// database on 127.0.0.1, on --port) and the Mochi package registry (on a
// free port) — after printing the environment that points the go command
// (or mochi-pkg itself) at them.

import { UsageError, type Command, type Io } from "../cli.js";
import { startFixtureRegistry, type FixtureServer } from "../fixture-registry.js";
import { startMochiRegistry, type MochiRegistryServer } from "../mochi-registry.js";

const USAGE = "mochi-pkg serve --fixtures [--port N] [--json]";

interface ServeArgs {
  readonly port: number;
  readonly json: boolean;
}

function parseArgs(args: readonly string[]): ServeArgs {
  let fixtures = false;
  let json = false;
  let port = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--fixtures") fixtures = true;
    else if (arg === "--json") json = true;
    else if (arg === "--port" || arg.startsWith("--port=")) {
      const value = arg === "--port" ? args[++i] : arg.slice("--port=".length);
      if (value === undefined || !/^[0-9]{1,5}$/.test(value) || Number(value) > 65535) {
        throw new UsageError(`--port needs a port number 0..65535, got ${JSON.stringify(value ?? "")}`);
      }
      port = Number(value);
    } else throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
  }
  if (!fixtures) throw new UsageError("only the embedded fixture registry can be served: pass --fixtures");
  return { port, json };
}

/** A single-quoted shell word, so the printed lines can be pasted into sh, bash or zsh. */
const shellQuote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

function announce(server: FixtureServer, mochi: MochiRegistryServer, json: boolean): string {
  const modules = server.modules.map((m) => ({ path: m.path, version: m.version, time: m.time, sum: m.zipHash, goModSum: m.modHash }));
  const packages = mochi.registry.packages.map((p) => ({ name: p.name, version: p.version, yanked: p.yanked, blake3: p.entry.blake3 }));
  if (json) {
    const { url, goproxy, gosumdb, verifierKey, name } = server;
    const mochiRegistry = { url: mochi.url, name: mochi.name, packages };
    return `${JSON.stringify({ url, goproxy, gosumdb, verifierKey, name, modules, mochiRegistry }, null, 2)}\n`;
  }
  const versions = new Map<string, string[]>();
  for (const p of packages) versions.set(p.name, [...(versions.get(p.name) ?? []), p.yanked ? `${p.version} (yanked)` : p.version]);
  return [
    `# mochi-pkg fixture registry at ${server.url} (GOPROXY and checksum database ${server.name}); Ctrl-C stops it`,
    `export GOPROXY=${shellQuote(server.goproxy)}`,
    `export GOSUMDB=${shellQuote(server.gosumdb)}`,
    "# modules:",
    ...modules.map((m) => `#   ${m.path} ${m.version}`),
    `# mochi-pkg fixture Mochi package registry ${mochi.name} at ${mochi.url}`,
    `export MOCHI_REGISTRY=${shellQuote(mochi.url)}`,
    "# packages:",
    ...[...versions].map(([name, vs]) => `# - ${name} ${vs.join(", ")}`),
    "",
  ].join("\n");
}

/** Resolves with the first SIGINT or SIGTERM, and stops listening for them. */
function nextSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(signal);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

/**
 * The command with its stop condition injected: `until` is called once the
 * server is up, and the server closes when its promise settles.
 */
export async function serve(args: readonly string[], io: Io, until: () => Promise<unknown>): Promise<number> {
  const { port, json } = parseArgs(args);
  const server = await startFixtureRegistry({ port });
  let mochi: MochiRegistryServer;
  try {
    mochi = await startMochiRegistry();
  } catch (e) {
    await server.close();
    throw e;
  }
  try {
    io.out(announce(server, mochi, json));
    const why = await until();
    io.err(`mochi-pkg serve: stopping${typeof why === "string" ? ` on ${why}` : ""}\n`);
  } finally {
    await Promise.all([server.close(), mochi.close()]);
  }
  return 0;
}

export const command: Command = {
  name: ["serve"],
  summary: "serve the fixture Go modules (GOPROXY, checksum database) and Mochi packages",
  usage: USAGE,
  run: (args, io) => serve(args, io, nextSignal),
};
