// Build targets of `mochi-pkg sync --target <goos>/<goarch>`. The bridge
// links Go into a C archive through cgo, so a target needs cgo and a C
// compiler that emits code for it: the host's own compiler for the host
// target, a cross compiler (CC, or the usual Debian name) for another.
// js/wasm and wasip1/wasm have no cgo at all. What cannot be built says why,
// before anything is downloaded.

import { execFileSync } from "node:child_process";
import { MochiError } from "@mochi-pkg/core";

export interface Target {
  readonly goos: string;
  readonly goarch: string;
  /** The C compiler for the target (undefined: the go command's default, for the host target). */
  readonly cc?: string;
  /** Whether this is the machine's own platform. */
  readonly native: boolean;
}

const HOST_GOARCH: Readonly<Record<string, string>> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };
const HOST_GOOS: Readonly<Record<string, string>> = { linux: "linux", darwin: "darwin", win32: "windows", freebsd: "freebsd" };
/** The cross C compilers Debian packages (gcc-<triple>), by GOOS/GOARCH. */
const CROSS_CC: Readonly<Record<string, { cc: string; pkg: string }>> = {
  "linux/arm64": { cc: "aarch64-linux-gnu-gcc", pkg: "gcc-aarch64-linux-gnu" },
  "linux/amd64": { cc: "x86_64-linux-gnu-gcc", pkg: "gcc-x86-64-linux-gnu" },
  "linux/arm": { cc: "arm-linux-gnueabihf-gcc", pkg: "gcc-arm-linux-gnueabihf" },
  "linux/riscv64": { cc: "riscv64-linux-gnu-gcc", pkg: "gcc-riscv64-linux-gnu" },
  "windows/amd64": { cc: "x86_64-w64-mingw32-gcc", pkg: "gcc-mingw-w64-x86-64" },
};

export function hostTarget(): Target {
  return { goos: HOST_GOOS[process.platform] ?? process.platform, goarch: HOST_GOARCH[process.arch] ?? process.arch, native: true };
}

function onPath(cmd: string): boolean {
  try {
    execFileSync(cmd, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Parses `<goos>/<goarch>` and checks that a C archive can be built for it here. */
export function resolveTarget(spec: string | undefined, env: Readonly<Record<string, string | undefined>>): Target {
  const host = hostTarget();
  if (spec === undefined || spec === `${host.goos}/${host.goarch}`) return host;
  const m = /^([a-z0-9]+)\/([a-z0-9]+)$/.exec(spec);
  if (m === null) {
    throw new MochiError("M074_TARGET_E001", `${JSON.stringify(spec)} is not a target`, { where: "--target", hint: "write <goos>/<goarch>, e.g. linux/arm64 (go tool dist list shows them all)" });
  }
  const [, goos, goarch] = m as unknown as [string, string, string];
  if (goarch === "wasm") {
    throw new MochiError(
      "M074_TARGET_E002",
      `${spec} cannot link a C archive: Go has no cgo for WebAssembly, and the bridge calls Go through cgo exports`,
      { where: "--target", hint: "build for a native target; WebAssembly hosts embed the portable core component instead (docs/component.md)" },
    );
  }
  const cross = CROSS_CC[spec];
  const cc = env.CC ?? cross?.cc;
  if (cc === undefined || !onPath(cc)) {
    throw new MochiError(
      "M074_TARGET_E003",
      `${spec} needs a C compiler for that platform (cgo), and ${cc === undefined ? "none is known for it" : `${cc} is not installed`}`,
      { where: "--target", hint: cross === undefined ? "set CC to a C cross compiler for the target" : `install it (apt-get install ${cross.pkg}) or set CC to another cross compiler` },
    );
  }
  return { goos, goarch, cc, native: false };
}
