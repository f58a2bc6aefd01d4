// Builds a bridged program's C archive (docs/wrapper.md): the program module
// of core/src/bridge/wrapper.ts is written to <dir>/program and compiled with
//
//   go build -buildmode=c-archive -trimpath -buildvcs=false -o <dir>/libmochi.a .
//
// reading modules only from a GOPROXY directory made from mochi-pkg's
// verified cache (goproxy-dir.ts), with GOFLAGS=-mod=readonly, GOSUMDB=off
// and the complete go.sum written from the verified hashes: the go command
// checks every .mod and .zip against go.sum, cannot add to it, and asks
// nothing of the network, so the archive is built from exactly the bytes
// that were verified. Modules are extracted into a module cache of the
// build's own (not the user's, whose extracted trees the go command would
// trust without rehashing). <dir>/mochi.h is the program's header.
//
// Before the archive, the monomorphised instances' check package is built on
// its own, so a type argument outside its constraint names its entry.

import { spawn } from "node:child_process";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { MochiError, utf8DecodeStrict } from "@mochi-pkg/core";
import { MONO_CHECK_DIR, PROGRAM_MODULE, programFiles, programGoVersion, type ModulePlan, type MonoCheck, type ProgramFiles } from "@mochi-pkg/core/bridge";
import type { ModuleVersion } from "@mochi-pkg/core/go";
import { resolveBuildList } from "./build-list.js";
import type { GoModules } from "./go-modules.js";
import { writeGoProxyDir } from "./goproxy-dir.js";

export const ARCHIVE_NAME = "libmochi.a";
export const HEADER_NAME = "mochi.h";

export interface GoBuildOptions {
  /** Added to process.env (CC, CGO_CFLAGS, GOCACHE, ...); the module variables are set here. */
  readonly env?: NodeJS.ProcessEnv;
  /** GOMODCACHE for the build; default <dir>/modcache. */
  readonly modCache?: string;
  readonly goos?: string;
  readonly goarch?: string;
  /** -tags: the build tags the modules were ingested with. */
  readonly tags?: readonly string[];
  /** Per go command; default 30 minutes (a first build compiles every dependency). */
  readonly timeoutMs?: number;
}

export interface BuildProgramOptions extends GoBuildOptions {
  /** The build directory: the program module goes to <dir>/program, the archive and header next to it. */
  readonly dir: string;
  readonly program: ProgramFiles;
  /** GOPROXY: the file:// URL of a directory laid out as the proxy URL space (writeGoProxyDir). */
  readonly goproxy: string;
}

export interface BuiltProgram {
  readonly archive: string;
  readonly header: string;
  /** The program module's directory. */
  readonly programDir: string;
  /** What the go command printed. */
  readonly output: string;
}

interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly timedOut: boolean;
  readonly spawnError?: NodeJS.ErrnoException;
}

function run(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn("go", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (b: Buffer) => chunks.push(b));
    child.stderr.on("data", (b: Buffer) => chunks.push(b));
    child.on("error", (e) => {
      spawnError = e;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const r = { code, output: Buffer.concat(chunks).toString("utf8"), timedOut };
      resolve(spawnError === undefined ? r : { ...r, spawnError });
    });
  });
}

/** The go command's environment: only the verified proxy directory, the complete go.sum, no network. */
function buildEnv(o: BuildProgramOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...o.env,
    GOPROXY: o.goproxy,
    GOSUMDB: "off",
    GONOSUMDB: "",
    GOPRIVATE: "",
    GONOPROXY: "",
    GOINSECURE: "",
    GOFLAGS: "-mod=readonly -modcacherw",
    GOWORK: "off",
    GOTOOLCHAIN: "local",
    GOMODCACHE: o.modCache ?? join(o.dir, "modcache"),
    CGO_ENABLED: "1",
  };
  if (o.goos !== undefined) env["GOOS"] = o.goos;
  if (o.goarch !== undefined) env["GOARCH"] = o.goarch;
  return env;
}

/** The last lines of the go command's output, for an error message. */
function tail(output: string, lines = 40): string {
  const all = output.trim().split("\n");
  return (all.length > lines ? ["...", ...all.slice(-lines)] : all).join("\n");
}

const NO_CGO = /C compiler "[^"]*" not found|cgo: (?:cannot run|exec) |requires external \(cgo\) linking|build constraints exclude all Go files in .*mochirt/;
const NO_MODULE =
  /missing go\.sum entry|verifying [^\n]*: checksum mismatch|SECURITY ERROR|reading file:\/\/[^\n]*: no such file|no required module provides package|updates to go\.mod needed|module lookup disabled|: not found: |unknown revision|go: [^\n]*@[^\n]*: reading [^\n]*: (?:404|410)/;

/** A failed go command as a MochiError of the right code. */
function failure(r: Run, what: string, where: string, timeoutMs: number): MochiError {
  if (r.spawnError !== undefined) {
    const why = r.spawnError.code === "ENOENT" ? "`go` is not on PATH" : r.spawnError.message;
    return new MochiError("M074_BUILD_E001", `cannot run the go command for ${what}: ${why}`, { where });
  }
  if (r.timedOut) return new MochiError("M074_BUILD_E007", `${what} did not finish within ${timeoutMs} ms:\n${tail(r.output)}`, { where });
  if (NO_CGO.test(r.output)) return new MochiError("M074_BUILD_E002", `${what} needs cgo:\n${tail(r.output)}`, { where });
  if (NO_MODULE.test(r.output)) return new MochiError("M074_BUILD_E005", `${what}: the go command could not get a module from the verified proxy directory:\n${tail(r.output)}`, { where });
  return new MochiError("M074_BUILD_E003", `${what} failed (exit status ${r.code}):\n${tail(r.output)}`, { where });
}

/** Writes the program module to <dir>/program, replacing what a previous build left there. */
export async function writeProgram(dir: string, program: ProgramFiles): Promise<string> {
  if (program.files["go.mod"] === undefined) {
    throw new MochiError("M074_BUILD_E006", "the program files have no go.mod", { where: dir });
  }
  const programDir = join(dir, "program");
  try {
    await rm(programDir, { recursive: true, force: true });
    for (const [path, text] of Object.entries(program.files)) {
      if (path.startsWith("/") || path.split("/").includes("..")) {
        throw new MochiError("M074_BUILD_E006", `program file ${JSON.stringify(path)} is outside the program directory`, { where: dir });
      }
      const target = join(programDir, ...path.split("/"));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
    }
    await writeFile(join(dir, HEADER_NAME), program.header);
  } catch (e) {
    if (e instanceof MochiError) throw e;
    throw new MochiError("M074_BUILD_E006", `cannot write the program to ${dir}: ${(e as Error).message}`, { where: dir, cause: e });
  }
  return programDir;
}

/** The entries of failing check files named in the go command's output. */
function failedInstances(output: string, instances: readonly MonoCheck[]): MonoCheck[] {
  return instances.filter((i) => output.includes(`${MONO_CHECK_DIR}/${i.file.slice(MONO_CHECK_DIR.length + 1)}:`));
}

/**
 * Builds the program's C archive from the verified proxy directory. Throws
 * M074_BUILD_E001 (no go), E002 (no cgo), E003 (the build failed), E004 (a
 * monomorphised instance does not type-check), E005 (a module is missing
 * from the proxy directory or go.sum, or fails verification), E006 (the
 * build directory), E007 (timeout).
 */
export async function buildProgram(o: BuildProgramOptions): Promise<BuiltProgram> {
  const timeoutMs = o.timeoutMs ?? 30 * 60_000;
  const programDir = await writeProgram(o.dir, o.program);
  const env = buildEnv(o);
  const tags = o.tags !== undefined && o.tags.length > 0 ? [`-tags=${o.tags.join(",")}`] : [];
  let output = "";
  if (o.program.instances.length > 0) {
    const r = await run(["build", ...tags, `./${MONO_CHECK_DIR}`], programDir, env, timeoutMs);
    output += r.output;
    if (r.code !== 0 || r.spawnError !== undefined || r.timedOut) {
      const why = failure(r, "type-checking the monomorphised instances", programDir, timeoutMs);
      const bad = why.code === "M074_BUILD_E003" ? failedInstances(r.output, o.program.instances) : [];
      if (bad.length === 0) throw why;
      const names = bad.map((i) => `${i.item}[${i.typeArgs.join(", ")}] (${i.module})`).join(", ");
      throw new MochiError("M074_BUILD_E004", `[go] monomorphise ${names} does not compile:\n${tail(r.output)}`, { where: `[go] monomorphise ${bad[0]!.item}` });
    }
  }
  const archive = join(o.dir, ARCHIVE_NAME);
  const args = ["build", "-buildmode=c-archive", "-trimpath", "-buildvcs=false", ...tags, "-o", archive, "."];
  const r = await run(args, programDir, env, timeoutMs);
  output += r.output;
  if (r.code !== 0 || r.spawnError !== undefined || r.timedOut) throw failure(r, "go build -buildmode=c-archive", programDir, timeoutMs);
  try {
    await stat(archive);
  } catch {
    throw new MochiError("M074_BUILD_E003", `go build succeeded but wrote no ${ARCHIVE_NAME}:\n${tail(output)}`, { where: programDir });
  }
  // The go command's own header, if it wrote one, declares Go's types; mochi.h is the program's.
  await rm(join(o.dir, "libmochi.h"), { force: true });
  return { archive, header: join(o.dir, HEADER_NAME), programDir, output };
}

export interface BridgeProgramOptions extends GoBuildOptions {
  readonly dir: string;
  /** One plan per module, each at the version the build list selects for it. */
  readonly plans: readonly ModulePlan[];
  /** [go] goroutine-bridge.max-handles. */
  readonly maxHandles?: number;
}

export interface BridgedProgram extends BuiltProgram {
  /** The build list without the program: what go.mod requires. */
  readonly buildList: readonly ModuleVersion[];
  readonly program: ProgramFiles;
}

/**
 * The whole verified path: resolves the build list of the plans' modules
 * (MVS over verified go.mod files), writes the proxy directory from the
 * module cache (fetching and verifying what is missing), and builds.
 */
export async function buildBridgedProgram(go: GoModules, o: BridgeProgramOptions): Promise<BridgedProgram> {
  const requires = o.plans.map((p) => ({ path: p.module, version: p.version }));
  const list = await resolveBuildList(go, { path: PROGRAM_MODULE, go: "1.22", requires }, o.dir, true);
  const modules = list.modules.slice(1);
  const loaded = list.loaded.filter((m) => m.version !== "");
  const proxy = await writeGoProxyDir(go, join(o.dir, "goproxy"), modules, loaded);
  const goMods = await Promise.all(modules.map(async (m) => utf8DecodeStrict(await go.goMod(m.path, m.version)) ?? ""));
  const program = programFiles({
    plans: o.plans,
    require: modules,
    goSum: proxy.goSum,
    goVersion: programGoVersion(goMods),
    ...(o.maxHandles === undefined ? {} : { maxHandles: o.maxHandles }),
  });
  const built = await buildProgram({ ...o, program, goproxy: proxy.goproxy });
  return { ...built, buildList: modules, program };
}
