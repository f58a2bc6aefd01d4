// The Go ingest helper (host-node/go-ingest, a Go module of its own): built
// on first use into the cache, then run on a module version to get its
// ApiSurface JSON (docs/apisurface.md).
//
//   <cacheRoot>/bin/go-ingest-<key>
//
// <key> hashes the helper's sources (go.mod, go.sum, *.go) and the go
// toolchain (version, host OS and architecture), so editing the helper or
// upgrading Go builds a new binary and an old one is never run by mistake.
// The build writes a temporary file in bin/ and renames it into place, so
// concurrent builders (threads or processes) each produce a whole binary and
// the last rename wins with identical content.

import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MochiError } from "@mochi-pkg/core";
import { canonical, checkPathVersion } from "@mochi-pkg/core/go";
// Type only: the core exports no bridge entry point for the host yet, so the
// host checks the document's identity itself and callers read it with
// core/src/bridge/surface.ts (readApiSurface).
import type { ApiSurface } from "../../core/src/bridge/apisurface.js";

/** The helper's Go module, from src/ and dist/ alike. */
export function goIngestSourceDir(): string {
  return fileURLToPath(new URL("../go-ingest/", import.meta.url));
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the program could not be started at all. */
  readonly spawnError?: NodeJS.ErrnoException;
}

function run(cmd: string, args: readonly string[], opts: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let spawnError: NodeJS.ErrnoException | undefined;
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => {
      spawnError = e;
    });
    child.on("close", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      const result = { code, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
      resolve(spawnError === undefined ? result : { ...result, spawnError });
    });
  });
}

/** What `go env` says about the toolchain that builds the helper. */
async function goToolchain(env: NodeJS.ProcessEnv): Promise<{ version: string; hostOs: string; hostArch: string }> {
  const r = await run("go", ["env", "GOVERSION", "GOHOSTOS", "GOHOSTARCH"], { env });
  if (r.spawnError !== undefined || r.code !== 0) {
    const why = r.spawnError?.code === "ENOENT" ? "`go` is not on PATH" : `\`go env\` failed: ${(r.spawnError?.message ?? r.stderr).trim()}`;
    throw new MochiError("M074_INGEST_E001", `cannot run the go command: ${why}`, { where: "go env" });
  }
  const [version = "", hostOs = "", hostArch = ""] = r.stdout.trim().split("\n");
  return { version, hostOs, hostArch };
}

/** SHA-256 over the helper's source files (name, NUL, length, NUL, bytes; in name order) and the toolchain. */
async function helperKey(dir: string, toolchain: { version: string; hostOs: string; hostArch: string }): Promise<string> {
  const names = (await readdir(dir)).filter((n) => n === "go.mod" || n === "go.sum" || n.endsWith(".go")).sort();
  const h = createHash("sha256");
  for (const name of names) {
    const data = await readFile(join(dir, name));
    h.update(`${name}\0${data.length}\0`).update(data);
  }
  h.update(`toolchain\0${toolchain.version} ${toolchain.hostOs}/${toolchain.hostArch}\0`);
  return h.digest("hex").slice(0, 16);
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const building = new Map<string, Promise<string>>();

export interface BuildGoIngestOptions {
  /** Added to process.env for the go command (e.g. GOPROXY, GOMODCACHE); GOOS, GOARCH, GOFLAGS and GOWORK are set here. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The path of the go-ingest binary for this toolchain, building it into
 * `<cacheRoot>/bin/` on first use. Throws M074_INGEST_E001 when go is
 * missing and M074_INGEST_E002 when the build fails.
 */
export function buildGoIngest(cacheRoot: string, options: BuildGoIngestOptions = {}): Promise<string> {
  const env = { ...process.env, ...options.env };
  let pending = building.get(cacheRoot);
  if (pending === undefined) {
    pending = build(cacheRoot, env);
    building.set(cacheRoot, pending);
    pending.catch(() => building.delete(cacheRoot));
  }
  return pending;
}

async function build(cacheRoot: string, baseEnv: NodeJS.ProcessEnv): Promise<string> {
  const src = goIngestSourceDir();
  const toolchain = await goToolchain(baseEnv);
  const exe = process.platform === "win32" ? ".exe" : "";
  const bin = join(cacheRoot, "bin");
  const target = join(bin, `go-ingest-${await helperKey(src, toolchain)}${exe}`);
  if (await exists(target)) return target;
  await mkdir(bin, { recursive: true });
  const tmp = join(bin, `.go-ingest-${process.pid}-${randomBytes(6).toString("hex")}.tmp${exe}`);
  // The helper runs on this machine: build for the host, whatever target the caller's GOOS/GOARCH name.
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    GOOS: toolchain.hostOs,
    GOARCH: toolchain.hostArch,
    GOFLAGS: "-mod=readonly",
    GOWORK: "off",
    CGO_ENABLED: "0",
  };
  const r = await run("go", ["build", "-trimpath", "-buildvcs=false", "-o", tmp, "."], { cwd: src, env });
  if (r.spawnError !== undefined || r.code !== 0) {
    await rm(tmp, { force: true });
    throw new MochiError("M074_INGEST_E002", `go build of the go-ingest helper failed:\n${(r.spawnError?.message ?? r.stderr).trim()}`, {
      where: src,
    });
  }
  try {
    await rename(tmp, target);
  } catch (e) {
    // Windows refuses to replace a binary that is running; another builder's copy is as good.
    await rm(tmp, { force: true });
    if (!(await exists(target))) throw e;
  }
  return target;
}

export interface IngestOptions {
  readonly module: string;
  /** A canonical version (v1.2.0, a pseudo-version, v2.1.0+incompatible). */
  readonly version: string;
  /** Where the helper binary is cached (`<cacheRoot>/bin`). */
  readonly cacheRoot: string;
  /** Added to process.env for the helper and the go command it runs (GOPROXY, GOSUMDB, GOMODCACHE, GOFLAGS...); not used to build the helper. */
  readonly env?: NodeJS.ProcessEnv;
  /** Build tags (-tags). */
  readonly tags?: readonly string[];
  readonly goos?: string;
  readonly goarch?: string;
  /** Kill the helper after this long (default 10 minutes). */
  readonly timeoutMs?: number;
  /** A go-ingest binary to run instead of the one built into the cache. */
  readonly helper?: string;
}

export interface IngestResult {
  readonly surface: ApiSurface;
  /** The helper's output, byte for byte. */
  readonly json: string;
  /** What the helper and the go command printed on stderr. */
  readonly stderr: string;
}

/** The last lines of a tool's stderr, for an error message. */
function tail(stderr: string, lines = 20): string {
  const all = stderr.trim().split("\n");
  return (all.length > lines ? ["...", ...all.slice(-lines)] : all).join("\n");
}

/**
 * Ingests one module version: builds the helper if needed, runs it and
 * checks that its output describes that version (readApiSurface in the core
 * validates the rest and parses the types). Per-package load errors are in the
 * surface; only a module that cannot be downloaded (M074_INGEST_E003) or
 * loaded at all (E004), or a surface of another version (E005), throws.
 */
export async function ingestModule(options: IngestOptions): Promise<IngestResult> {
  const at = `${options.module}@${options.version}`;
  checkPathVersion(options.module, options.version, at);
  if (canonical(options.version) !== options.version && !options.version.endsWith("+incompatible")) {
    throw new MochiError("M074_INGEST_E006", `version ${JSON.stringify(options.version)} is not canonical (${canonical(options.version)})`, { where: at });
  }
  // The helper builds in the process's own Go environment (its module cache has what
  // `npm run setup` downloaded), not in the one the module is ingested with.
  const binary = options.helper ?? (await buildGoIngest(options.cacheRoot));
  const args = ["-module", options.module, "-version", options.version];
  if (options.tags !== undefined && options.tags.length > 0) args.push("-tags", options.tags.join(","));
  if (options.goos !== undefined) args.push("-goos", options.goos);
  if (options.goarch !== undefined) args.push("-goarch", options.goarch);
  const r = await run(binary, args, { env: { ...process.env, ...options.env }, timeoutMs: options.timeoutMs ?? 600_000 });
  if (r.code === 2) {
    throw new MochiError("M074_INGEST_E003", `cannot download ${at}:\n${tail(r.stderr)}`, { where: at });
  }
  if (r.code === 5) {
    throw new MochiError("M074_INGEST_E005", tail(r.stderr), { where: at });
  }
  if (r.code !== 0) {
    const how = r.spawnError?.message ?? (r.signal !== null ? `killed by ${r.signal}` : `exit status ${r.code}`);
    throw new MochiError("M074_INGEST_E004", `go-ingest failed on ${at} (${how}):\n${tail(r.stderr)}`, { where: at });
  }
  let surface: ApiSurface;
  try {
    surface = JSON.parse(r.stdout) as ApiSurface;
  } catch (e) {
    throw new MochiError("M074_INGEST_E004", `go-ingest printed no JSON for ${at}: ${(e as Error).message}`, { where: at });
  }
  if (typeof surface !== "object" || surface === null || surface.schema_version !== 1) {
    const got = typeof surface === "object" && surface !== null ? `schema_version ${JSON.stringify(surface.schema_version)}` : JSON.stringify(surface);
    throw new MochiError("M074_INGEST_E004", `go-ingest printed ${got} for ${at}, not an ApiSurface of schema_version 1`, { where: at });
  }
  if (surface.module !== options.module || surface.version !== options.version) {
    throw new MochiError("M074_INGEST_E005", `asked for ${at}, go-ingest described ${surface.module}@${surface.version ?? "(no version)"}`, { where: at });
  }
  return { surface, json: r.stdout, stderr: r.stderr };
}

