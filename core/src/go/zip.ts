// Module zip files as golang.org/x/mod/zip defines them: which files a
// module zip may hold, which are silently left out when one is created, and
// the limits on sizes. The rules make a zip extract to the same tree on every
// operating system and file system, and they decide which bytes go.sum's
// "h1:" hash covers, so they must match Go's exactly (including a historic
// bug in the vendor rule that Go keeps for old modules).
//
// Reports (CheckedFiles) and the texts of this module's errors follow Go's
// wording, so a user can compare them with what the go command prints;
// module path and version problems come worded by modpath.ts.

import { compareUtf8 } from "../bytes.js";
import { MochiError, type ErrorCode } from "../errors.js";
import { checkFilePath, checkPathVersion } from "./modpath.js";
import { canonicalModuleVersion } from "./semver.js";
import { deflateEntry, encodeZip, openZip, type ZipEntry, type ZipReadOptions } from "./zip-format.js";
import { CollisionChecker, cleanPath, declaresGo124, fileError, isVendoredPackage, splitDir, strToFold } from "./zip-rules.js";

/** Largest module zip, and largest total of its uncompressed files (500 MiB). */
export const MAX_ZIP_FILE = 500 * 1024 * 1024;
/** Largest root go.mod (16 MiB). */
export const MAX_GO_MOD = 16 * 1024 * 1024;
/** Largest root LICENSE (16 MiB). */
export const MAX_LICENSE = 16 * 1024 * 1024;

/** What an lstat of the file would say; symbolic links are never followed. */
export type FileKind = "file" | "dir" | "symlink" | "irregular";

/** A file offered to a module zip, by its slash-separated path from the module root. */
export interface ModuleFile {
  readonly path: string;
  /** Default "file". */
  readonly kind?: FileKind;
  /** The size the file system reports; defaults to the length of the contents. */
  readonly size?: number;
  /**
   * The contents, or `open` to produce them on demand. With `size` and
   * `open`, checks read nothing but the root go.mod; creating a zip reads
   * each valid file once.
   */
  readonly data?: Uint8Array;
  readonly open?: () => Uint8Array;
}

export type OmitReason = "vcs-dir" | "vendored" | "submodule-file" | "submodule-dir" | "hg-archival" | "symlink" | "not-regular";

const OMIT_MESSAGES: Readonly<Record<OmitReason, string>> = {
  "vcs-dir": "directory is a version control repository",
  vendored: "file is in vendor directory",
  "submodule-file": "file is in another module",
  "submodule-dir": "directory is in another module",
  "hg-archival": "file is inserted by 'hg archive' and is always omitted",
  symlink: "file is a symbolic link",
  "not-regular": "not a regular file",
};

/** A file left out of the zip on purpose; not an error. */
export interface OmittedFile {
  readonly path: string;
  readonly reason: OmitReason;
  readonly message: string;
}

/** A file that makes the zip invalid; `error.detail` is Go's message for it. */
export interface InvalidFile {
  readonly path: string;
  readonly error: MochiError;
}

/** zip.CheckedFiles: every file lands in exactly one of valid, omitted or invalid. */
export interface CheckedFiles {
  readonly valid: string[];
  readonly omitted: OmittedFile[];
  readonly invalid: InvalidFile[];
  /** Set when the total size (or the zip itself) is over MAX_ZIP_FILE. */
  readonly sizeError: MochiError | undefined;
}

/** "path: message", as Go prints a FileError. */
export function formatFileProblem(p: OmittedFile | InvalidFile): string {
  return `${p.path}: ${"error" in p ? p.error.detail : p.message}`;
}

/** CheckedFiles.Err: the size error, else one error listing every invalid file (coded as the first), else undefined. */
export function checkedFilesError(cf: CheckedFiles): MochiError | undefined {
  if (cf.sizeError !== undefined) return cf.sizeError;
  const first = cf.invalid[0];
  if (first === undefined) return undefined;
  return new MochiError(first.error.code, cf.invalid.map(formatFileProblem).join("\n"), { where: first.path, cause: first.error });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const q = (s: string): string => JSON.stringify(s);

// ---- checking and creating from a file list ----

function contentOf(f: ModuleFile): Uint8Array {
  if (f.data !== undefined) return f.data;
  if (f.open !== undefined) return f.open();
  throw new MochiError("M074_ZIP_E032", `regular file ${q(f.path)} has neither data nor open()`, { where: f.path });
}

const sizeOf = (f: ModuleFile): number => f.size ?? f.data?.length ?? contentOf(f).length;

interface Checked {
  readonly cf: CheckedFiles;
  readonly files: readonly ModuleFile[];
  readonly sizes: readonly number[];
}

/** What checkFiles decides for one file before sizes are counted, in Go's order of checks. */
type Verdict = { readonly omit: OmitReason } | { readonly invalid: MochiError } | { readonly size: number };

interface FileListFacts {
  readonly go124: boolean;
  inSubmodule(p: string): boolean;
  readonly collisions: CollisionChecker;
}

function judge(f: ModuleFile, facts: FileListFacts): Verdict {
  const p = f.path;
  const kind = f.kind ?? "file";
  if (p !== cleanPath(p)) return { invalid: fileError("M074_ZIP_E024", "file path is not clean", p) };
  if (p.startsWith("/")) return { invalid: fileError("M074_ZIP_E025", "file path is not relative", p) };
  if (isVendoredPackage(p, facts.go124)) return { omit: "vendored" };
  if (facts.inSubmodule(p)) return { omit: "submodule-file" };
  if (p === ".hg_archival.txt") return { omit: "hg-archival" };
  const problem = filePathError(p)
    ?? (p.toLowerCase() === "go.mod" && p !== "go.mod" ? goModCaseError(p) : undefined)
    ?? facts.collisions.check(p, kind === "dir");
  if (problem !== undefined) return { invalid: problem };
  if (kind === "symlink") return { omit: "symlink" };
  if (kind !== "file") return { omit: "not-regular" };
  return { size: sizeOf(f) };
}

/** checkFiles, also returning the valid files and their declared sizes for createModuleZip. */
function checkFileList(files: readonly ModuleFile[]): Checked {
  // Directories holding a go.mod (in any letter case) are other modules.
  const haveGoMod = new Set<string>();
  let go124 = false;
  for (const f of files) {
    const [dir, base] = splitDir(f.path);
    if (strToFold(base) !== "go.mod" || (f.kind ?? "file") !== "file") continue;
    haveGoMod.add(dir);
    if (base === "go.mod" && dir === "") go124 = declaresGo124(contentOf(f));
  }
  const facts: FileListFacts = {
    go124,
    inSubmodule: (p) => {
      for (let [dir] = splitDir(p); dir !== ""; [dir] = splitDir(dir.slice(0, -1))) {
        if (haveGoMod.has(dir)) return true;
      }
      return false;
    },
    collisions: new CollisionChecker(),
  };

  const cf: Mutable<CheckedFiles> = { valid: [], omitted: [], invalid: [], sizeError: undefined };
  const reported = new Set<string>(); // Go reports each path once, however often it repeats
  const valid: ModuleFile[] = [];
  const sizes: number[] = [];
  let room = MAX_ZIP_FILE;
  for (const f of files) {
    const p = f.path;
    let verdict = judge(f, facts);
    if ("size" in verdict) {
      const size = verdict.size;
      if (size >= 0 && size <= room) room -= size;
      else cf.sizeError ??= new MochiError("M074_ZIP_E020", `module source tree too large (max size is ${MAX_ZIP_FILE} bytes)`, { where: p });
      const limitError = rootLimitError(p, size);
      if (limitError === undefined) {
        cf.valid.push(p);
        valid.push(f);
        sizes.push(size);
        continue;
      }
      verdict = { invalid: limitError };
    }
    if (reported.has(p)) continue;
    reported.add(p);
    if ("omit" in verdict) cf.omitted.push({ path: p, reason: verdict.omit, message: OMIT_MESSAGES[verdict.omit] });
    else cf.invalid.push({ path: p, error: verdict.invalid });
  }
  return { cf, files: valid, sizes };
}

function filePathError(p: string): MochiError | undefined {
  try {
    checkFilePath(p, p);
    return undefined;
  } catch (e) {
    if (e instanceof MochiError) return e;
    throw e;
  }
}

const goModCaseError = (p: string): MochiError => fileError("M074_ZIP_E026", "go.mod files must have lowercase names", p);

function rootLimitError(name: string, size: number): MochiError | undefined {
  if (name === "go.mod" && size > MAX_GO_MOD) return fileError("M074_ZIP_E021", `go.mod file too large (max size is ${MAX_GO_MOD} bytes)`, name);
  if (name === "LICENSE" && size > MAX_LICENSE) return fileError("M074_ZIP_E022", `LICENSE file too large (max size is ${MAX_LICENSE} bytes)`, name);
  return undefined;
}

/**
 * CheckFiles: sorts `files` into valid, omitted and invalid without reading
 * them (except the root go.mod, whose go line decides the vendor rule).
 */
export function checkFiles(files: readonly ModuleFile[]): CheckedFiles {
  return checkFileList(files).cf;
}

/** Module path, canonical version, and a major version that fits the path (module.Check). */
function checkModuleVersion(modulePath: string, version: string): void {
  const canonical = canonicalModuleVersion(version);
  if (canonical !== version) {
    throw new MochiError("M074_ZIP_E018", `version ${q(version)} is not canonical (should be ${q(canonical)})`, { where: `${modulePath}@${version}` });
  }
  checkPathVersion(modulePath, version, `${modulePath}@${version}`);
}

/**
 * Create: the module zip of `files`, leaving out what the rules omit and
 * failing on any invalid file. Entries are sorted by path (UTF-8 byte order)
 * and written with fixed timestamps and compression, so equal inputs give
 * equal bytes.
 */
export function createModuleZip(modulePath: string, version: string, files: readonly ModuleFile[]): Uint8Array {
  checkModuleVersion(modulePath, version);
  const { cf, files: valid, sizes } = checkFileList(files);
  const err = checkedFilesError(cf);
  if (err !== undefined) throw err;
  const prefix = `${modulePath}@${version}/`;
  const order = valid.map((_, i) => i).sort((a, b) => compareUtf8(valid[a]!.path, valid[b]!.path));
  // Each file is read and compressed in turn, so only compressed bytes pile up.
  return encodeZip(order.map((i) => {
    const f = valid[i]!;
    const data = contentOf(f);
    if (data.length > sizes[i]!) {
      throw new MochiError("M074_ZIP_E031", `file ${q(f.path)} is larger than declared size`, { where: f.path });
    }
    return deflateEntry(prefix + f.path, data);
  }));
}

// ---- directories ----

interface DirNode {
  file: ModuleFile | undefined;
  readonly children: Map<string, DirNode>;
}

/** A node without a file of its own is a directory implied by the paths below it. */
const kindOf = (node: DirNode): FileKind => (node.file === undefined ? "dir" : node.file.kind ?? "file");

const VCS_DIRS: ReadonlySet<string> = new Set([".bzr", ".git", ".hg", ".svn"]);

/**
 * listFilesInDir over a directory given as a flat list (paths relative to
 * the directory; parent directories are implied): walks it in lexical order
 * as filepath.Walk would, skipping version-control directories, directories
 * holding a go.mod (other modules), files in vendored packages and anything
 * that is not a regular file.
 */
export function listFilesInDir(entries: readonly ModuleFile[]): { files: ModuleFile[]; omitted: OmittedFile[] } {
  const root: DirNode = { file: undefined, children: new Map() };
  for (const e of entries) {
    let node = root;
    for (const part of e.path.split("/")) {
      let child = node.children.get(part);
      if (child === undefined) node.children.set(part, (child = { file: undefined, children: new Map() }));
      node = child;
    }
    node.file = e;
  }
  const rootGoMod = root.children.get("go.mod");
  const go124 = rootGoMod !== undefined && kindOf(rootGoMod) === "file" && declaresGo124(contentOf(rootGoMod.file!));
  const files: ModuleFile[] = [];
  const omitted: OmittedFile[] = [];
  const omit = (path: string, reason: OmitReason): void => void omitted.push({ path, reason, message: OMIT_MESSAGES[reason] });
  const walk = (node: DirNode, dir: string): void => {
    for (const name of [...node.children.keys()].sort(compareUtf8)) {
      const child = node.children.get(name)!;
      const path = dir + name;
      const kind = kindOf(child);
      const goMod = child.children.get("go.mod");
      if (isVendoredPackage(path, go124)) {
        omit(path, "vendored");
        if (kind === "dir") walk(child, path + "/"); // filepath.Walk still descends into it
      } else if (kind === "dir") {
        if (VCS_DIRS.has(name)) omit(path, "vcs-dir");
        else if (goMod !== undefined && kindOf(goMod) !== "dir") omit(path, "submodule-dir");
        else walk(child, path + "/");
      } else if (kind !== "file") omit(path, "not-regular");
      else files.push(child.file!);
    }
  };
  walk(root, "");
  return { files, omitted };
}

/**
 * CheckDir: checkFiles over what listFilesInDir keeps, plus what the walk
 * left out; every path is reported as `root` + "/" + path.
 */
export function checkDir(entries: readonly ModuleFile[], root: string): CheckedFiles {
  const { files, omitted } = listFilesInDir(entries);
  const cf = checkFiles(files);
  const join = (p: string): string => (root === "" ? p : `${root.replace(/\/+$/, "")}/${p}`);
  return {
    valid: cf.valid.map(join),
    omitted: [...cf.omitted, ...omitted].map((o) => ({ ...o, path: join(o.path) })),
    invalid: cf.invalid.map((i) => ({ ...i, path: join(i.path) })),
    sizeError: cf.sizeError,
  };
}

/** CreateFromDir: createModuleZip over what listFilesInDir keeps. */
export function createModuleZipFromDir(modulePath: string, version: string, entries: readonly ModuleFile[]): Uint8Array {
  return createModuleZip(modulePath, version, listFilesInDir(entries).files);
}

// ---- reading ----

/** A file of a validated module zip; `read` inflates and verifies it when called. */
export interface ModuleZipFile {
  /** The entry name, `<module>@<version>/<path>`. */
  readonly name: string;
  /** The path inside the module. */
  readonly path: string;
  readonly size: number;
  read(): Uint8Array;
}

interface ZipCheck {
  readonly cf: CheckedFiles;
  readonly files: ModuleZipFile[];
}

/** What checkZip decides for one entry before sizes are counted, in Go's order of checks. */
function judgeEntry(e: ZipEntry, prefix: string, collisions: CollisionChecker): "skip" | { readonly invalid: MochiError } | { readonly path: string } {
  const bad = (code: ErrorCode, detail: string): { invalid: MochiError } => ({ invalid: fileError(code, detail, e.name) });
  if (!e.name.startsWith(prefix)) return bad("M074_ZIP_E023", `path does not have prefix ${q(prefix)}`);
  if (e.name === prefix) return "skip";
  const isDir = e.name.endsWith("/");
  const path = e.name.slice(prefix.length, isDir ? -1 : undefined);
  if (cleanPath(path) !== path) return bad("M074_ZIP_E024", "file path is not clean");
  const problem = filePathError(path) ?? collisions.check(path, isDir);
  if (problem !== undefined) return { invalid: problem };
  if (isDir) return "skip";
  if (strToFold(splitDir(path)[1]) === "go.mod" && path !== "go.mod") {
    return path.includes("/") ? bad("M074_ZIP_E027", "go.mod file not in module root directory") : { invalid: goModCaseError(e.name) };
  }
  return { path };
}

function checkZipEntries(modulePath: string, version: string, zip: Uint8Array, options: ZipReadOptions): ZipCheck {
  checkModuleVersion(modulePath, version);
  const where = `${modulePath}@${version}`;
  if (zip.length > MAX_ZIP_FILE) {
    const sizeError = new MochiError("M074_ZIP_E019", `module zip file is too large (${zip.length} bytes; limit is ${MAX_ZIP_FILE} bytes)`, { where });
    return { cf: { valid: [], omitted: [], invalid: [], sizeError }, files: [] };
  }
  const archive = openZip(zip, options);
  const cf: Mutable<CheckedFiles> = { valid: [], omitted: [], invalid: [], sizeError: undefined };
  const files: ModuleZipFile[] = [];
  const collisions = new CollisionChecker();
  let total = 0;
  for (const e of archive.entries) {
    const verdict = judgeEntry(e, `${where}/`, collisions);
    if (verdict === "skip") continue;
    if ("invalid" in verdict) {
      cf.invalid.push({ path: e.name, error: verdict.invalid });
      continue;
    }
    const size = e.uncompressedSize;
    if (MAX_ZIP_FILE - total >= size) total += size;
    else {
      cf.sizeError ??= new MochiError("M074_ZIP_E020", `total uncompressed size of module contents too large (max size is ${MAX_ZIP_FILE} bytes)`, { where });
    }
    const limitError = rootLimitError(verdict.path, size);
    if (limitError !== undefined) cf.invalid.push({ path: e.name, error: limitError });
    else {
      cf.valid.push(e.name);
      files.push({ name: e.name, path: verdict.path, size, read: () => archive.read(e) });
    }
  }
  return { cf, files };
}

/**
 * CheckZip: sorts a module zip's entries into valid and invalid (a zip omits
 * nothing) without reading their contents. Throws for a bad module path or
 * version and for a malformed archive; a zip over MAX_ZIP_FILE is reported
 * as `sizeError` without being opened.
 */
export function checkZip(modulePath: string, version: string, zip: Uint8Array, options: ZipReadOptions = {}): CheckedFiles {
  return checkZipEntries(modulePath, version, zip, options).cf;
}

/**
 * Unzip: checks the zip like checkZip and throws unless it is valid, then
 * returns its files (directory entries dropped). Contents are inflated only
 * when read, and each read verifies the declared size and CRC-32.
 */
export function unzip(modulePath: string, version: string, zip: Uint8Array, options: ZipReadOptions = {}): ModuleZipFile[] {
  const { cf, files } = checkZipEntries(modulePath, version, zip, options);
  const err = checkedFilesError(cf);
  if (err !== undefined) throw err;
  return files;
}
