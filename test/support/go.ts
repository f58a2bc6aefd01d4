// The real go command for tests: a check that it is installed (failing with
// how to install it), an isolated environment per run (every cache and
// config in a fresh temp dir, no inherited GO* variables), and runners.
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withoutGoVariables } from "./public-go-env.mjs";

export const GO_MISSING =
  "the go command is not on PATH, and this end-to-end test needs it: install Go 1.26 " +
  "(the linux-amd64 archive from go.dev/dl unpacked into /usr/local/go, then PATH=/usr/local/go/bin:$PATH) and run the test again";

/** `go version`, or throws GO_MISSING. */
export function requireGo(): string {
  try {
    return execFileSync("go", ["version"], { encoding: "utf8", env: { ...process.env, GOTOOLCHAIN: "local" } }).trim();
  } catch {
    throw new Error(GO_MISSING);
  }
}

export interface GoWhere {
  readonly env: NodeJS.ProcessEnv;
  /** A working directory outside any module. */
  readonly dir: string;
  /** The temp root holding everything; remove it with cleanup(). */
  readonly root: string;
}

export { withoutGoVariables } from "./public-go-env.mjs";

/**
 * A fresh go environment that fetches through `goproxy` and verifies with
 * `gosumdb`: its own module cache, GOPATH, HOME and config; only the build
 * cache is shared.
 */
export function isolatedGoEnv(goproxy: string, gosumdb: string, extra: NodeJS.ProcessEnv = {}): GoWhere {
  const root = mkdtempSync(join(tmpdir(), "mochi-go-e2e-"));
  const home = join(root, "home");
  const dir = join(root, "work");
  mkdirSync(home);
  mkdirSync(dir);
  const env: NodeJS.ProcessEnv = {
    ...withoutGoVariables(),
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    GOPROXY: goproxy,
    GOSUMDB: gosumdb,
    GONOSUMDB: "",
    GOPRIVATE: "",
    GONOPROXY: "",
    GOINSECURE: "",
    // -modcacherw: the module cache is left writable, so the temp dir can be removed by any user.
    GOFLAGS: "-mod=mod -modcacherw",
    GOTOOLCHAIN: "local",
    GOENV: "off",
    GOWORK: "off",
    GOMODCACHE: join(root, "modcache"),
    GOPATH: join(root, "gopath"),
    // The build cache is content-addressed and safe to share; sharing it
    // spares every test compiling the standard library again.
    GOCACHE: join(tmpdir(), "mochi-pkg-test-gocache"),
    ...extra,
  };
  return { env, dir, root };
}

export function cleanup(where: GoWhere): void {
  rmSync(where.root, { recursive: true, force: true });
}

export interface GoRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runGo(args: string[], where: Pick<GoWhere, "env" | "dir">, timeoutMs = 60_000): Promise<GoRun> {
  return new Promise((resolve) => {
    execFile("go", args, { env: where.env, cwd: where.dir, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The go command's -json output: indented objects one after another (a raw newline never occurs inside a JSON string). */
export function jsonStream<T>(stdout: string): T[] {
  const trimmed = stdout.trim();
  return trimmed === "" ? [] : (JSON.parse(`[${trimmed.replace(/\n}\n{/g, "\n},\n{")}]`) as T[]);
}
