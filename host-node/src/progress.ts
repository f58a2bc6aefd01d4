// What a long command shows while it works. On a terminal: the current stage
// and item on one line rewritten in place, a running count of bytes
// downloaded, stage names in colour unless NO_COLOR is set. Otherwise (a
// pipe, a CI log): one plain line per stage and per download.

export interface Progress {
  stage(name: string, detail: string): void;
  fetched(what: string, bytes: number): void;
  done(): void;
}

function kib(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function progressFor(stream: { write(s: string): unknown; isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): Progress {
  const tty = stream.isTTY === true;
  const colour = tty && env.NO_COLOR === undefined;
  const paint = (s: string) => (colour ? `\x1b[1;36m${s}\x1b[0m` : s);
  let total = 0;
  let files = 0;
  let live = false;
  const line = (s: string) => {
    if (tty) {
      stream.write(`\r\x1b[2K${s}`);
      live = true;
    } else stream.write(`${s}\n`);
  };
  return {
    stage(name, detail) {
      // A stage is a line of its own; only downloads rewrite the current one.
      if (live) stream.write("\n");
      live = false;
      stream.write(`${paint(name.padEnd(8))} ${detail}\n`);
    },
    fetched(what, bytes) {
      total += bytes;
      files++;
      line(`${paint("download")} ${what} ${kib(bytes)} (${files} file${files === 1 ? "" : "s"}, ${kib(total)} in all)`);
    },
    done() {
      if (live) stream.write("\n");
      live = false;
    },
  };
}
