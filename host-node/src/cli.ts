// The mochi-pkg command line: `mochi-pkg <command> [args]`. Each command is a
// module under commands/ exporting a `Command`; this file only dispatches and
// turns errors into exit codes and messages.

import { MochiError } from "@mochi-pkg/core";

/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The error stream itself, when it is one (progress display checks isTTY). */
  readonly errStream?: { write(s: string): unknown; isTTY?: boolean };
}

export interface Command {
  /** Words after `mochi-pkg`, e.g. ["go", "download"]. */
  readonly name: readonly string[];
  /** One line for `mochi-pkg help`. */
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], io: Io): Promise<number>;
}

/** Exit status for bad usage, as in sysexits' EX_USAGE. */
export const EXIT_USAGE = 64;

/**
 * Exit statuses of the failures a script may want to tell apart (docs/cli.md);
 * every other error exits 1.
 */
export const EXIT_CODES: Readonly<Record<string, number>> = {
  M057_LOCK_E001: 10, // stale: the manifest changed
  M057_LOCK_E002: 11, // drift: the resolution would differ (also --frozen)
  M057_LOCK_E003: 12, // the lock is newer than this mochi-pkg
  M057_LOCK_E004: 13, // the lock does not parse, or is missing
  M057_LOCK_E005: 14, // a required lock field is missing
  M057_LOCK_E006: 15, // a new capability was not accepted
  M057_LOCK_E007: 16, // tamper: a locked version's content changed
  M074_VERIFY_E001: 20, // downloaded bytes do not match the checksum database
  M074_SUMDB_E001: 21, // the checksum database forked or rolled back
};

export class UsageError extends Error {}

/**
 * The commands by name, each loaded only when it runs (start-up time is
 * most of a no-op sync): the module of the longest matching name is imported.
 */
const COMMANDS: readonly (readonly [name: string, load: () => Promise<{ command: Command }>])[] = [
  ["add go", () => import("./commands/add-go.js")],
  ["sync", () => import("./commands/sync.js")],
  ["build", () => import("./commands/build.js")],
  ["lock", () => import("./commands/lock.js")],
  ["update", () => import("./commands/update.js")],
  ["go download", () => import("./commands/go-download.js")],
  ["go why-skipped", () => import("./commands/go-why-skipped.js")],
  ["verify", () => import("./commands/verify.js")],
  ["serve", () => import("./commands/serve.js")],
];

async function commands(): Promise<Command[]> {
  return Promise.all(COMMANDS.map(async ([, load]) => (await load()).command));
}

function helpText(all: readonly Command[]): string {
  const rows = all.map((c) => `  mochi-pkg ${c.name.join(" ").padEnd(14)} ${c.summary}`);
  return `usage: mochi-pkg <command> [arguments]\n\ncommands:\n${rows.join("\n")}\n\nRun 'mochi-pkg help <command>' for a command's usage.\n`;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "help" || first === "--help" || first === "-h") {
    const all = await commands();
    const target = all.find((c) => c.name.join(" ") === rest.join(" "));
    io.out(target ? `usage: ${target.usage}\n` : helpText(all));
    return 0;
  }
  const entry = COMMANDS.find(([name]) => name.split(" ").every((w, i) => argv[i] === w));
  if (entry === undefined) {
    io.err(`mochi-pkg: unknown command ${JSON.stringify(argv.slice(0, 2).join(" "))}\n\n${helpText(await commands())}`);
    return EXIT_USAGE;
  }
  const { command } = await entry[1]();
  try {
    return await command.run(argv.slice(command.name.length), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`mochi-pkg ${command.name.join(" ")}: ${e.message}\nusage: ${command.usage}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof MochiError) {
      io.err(`error: ${e.message}\n`);
      return EXIT_CODES[e.code] ?? 1;
    }
    throw e;
  }
}
