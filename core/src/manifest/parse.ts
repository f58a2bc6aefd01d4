// mochi.toml: parse, then validate into the typed Manifest (schema.ts). Every
// error is a M057_MANIFEST_* code with file:line:column; docs/manifest.md
// lists the tables, keys and rules.

import { utf8DecodeStrict } from "../bytes.js";
import { MochiError, isMochiError, type ErrorCode } from "../errors.js";
import { checkImportPath, checkPath } from "../go/modpath.js";
import { canonicalModuleVersion, isValid } from "../go/semver.js";
import { parseGoRequirement } from "./go-requirement.js";
import {
  EDITIONS,
  GO_CAPABILITIES,
  GO_PROFILES,
  INHERITABLE_PACKAGE_KEYS,
  MOCHI_CAPABILITIES,
  TARGETS,
  VANITY_VCS,
  type Dependency,
  type GoCapabilities,
  type GoDependency,
  type GoPrivate,
  type GoProfile,
  type GoPublish,
  type GoSection,
  type GoVanity,
  type GoroutineBridge,
  type Manifest,
  type MochiCapability,
  type Monomorphisation,
  type PackageMetadata,
  type PackageSection,
  type Target,
  type TargetSection,
  type WorkspaceSection,
} from "./schema.js";
import { isSemver, parseVersionReq } from "./semver.js";
import { whySpdxInvalid } from "./spdx.js";
import { TomlReader, parseTomlText, type TomlTable, type TomlValue } from "./toml-read.js";
import { formatTomlPath, type TomlPath } from "./toml-text.js";

export interface ParseManifestOptions {
  /** The file name used in error positions (default "mochi.toml"). */
  readonly file?: string;
}

const TOP_LEVEL = ["dependencies", "features", "go", "go-dependencies", "package", "targets", "workspace"];
const PACKAGE_KEYS = [...INHERITABLE_PACKAGE_KEYS, "capabilities", "name", "targets"].sort();
const DEPENDENCY_KEYS = ["branch", "git", "optional", "path", "rev", "tag", "version", "workspace"];
const GO_DEPENDENCY_KEYS = ["branch", "build-tags", "git", "indirect", "path", "replace", "rev", "tag", "version", "workspace"];
const GO_KEYS = ["build-tags", "capabilities", "go-version", "goroutine-bridge", "monomorphise", "private", "profile", "publish"];

const NAME_SEGMENT = "[a-z0-9][a-z0-9_-]{0,63}";
const PACKAGE_NAME = new RegExp(`^(?:@${NAME_SEGMENT}/)?${NAME_SEGMENT}$`);
const FEATURE_NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const BUILD_TAG = /^[A-Za-z0-9_.]+$/;
const GO_TOOLCHAIN = /^1\.(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*)|(?:rc|beta)[1-9][0-9]*)?$/;
const GIT_REV = /^[0-9a-fA-F]{7,64}$/;
const WEB_URL = /^https?:\/\/[^\s/]+(?:\/\S*)?$/;
const GIT_URL = /^(?:(?:https?|ssh|git|file):\/\/\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+)$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const GO_IDENT = /^[\p{Lu}][\p{L}\p{Nd}_]*$/u;

const q = JSON.stringify;

/** Parses and validates mochi.toml text (or UTF-8 bytes). */
export function parseManifest(source: string | Uint8Array, options: ParseManifestOptions = {}): Manifest {
  const file = options.file ?? "mochi.toml";
  const text = typeof source === "string" ? source : utf8DecodeStrict(source);
  if (text === undefined) throw new MochiError("M057_MANIFEST_E001", "the manifest is not valid UTF-8", { where: file });
  const data = parseTomlText(text, file, "M057_MANIFEST_E001");
  return new ManifestReader(text, file).manifest(data);
}

/** `name` or `@scope/name` (docs/manifest.md, "Package names"). */
export function isPackageName(name: string): boolean {
  return PACKAGE_NAME.test(name);
}

/** A Go build tag: letters, digits, _ and . only. */
export function isBuildTag(tag: string): boolean {
  return BUILD_TAG.test(tag);
}

/** A relative path written with "/": no empty segments, no "\", no drive; ".." only when `parent` allows. */
export function isRelativePath(p: string, parent: boolean): boolean {
  if (p === "" || p.startsWith("/") || p.includes("\\") || /^[A-Za-z]:/.test(p) || CONTROL.test(p)) return false;
  return p.split("/").every((seg, i) => seg !== "" && (seg !== "." || i === 0) && (seg !== ".." || parent));
}

/** Why `glob` is not a path.Match pattern for module paths, or undefined. */
function whyGlobInvalid(glob: string): string | undefined {
  if (glob === "" || /[\s,]/.test(glob)) return "it is empty or holds a space or comma (write one pattern per array element)";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "\\" && ++i >= glob.length) return "it ends with a lone backslash";
    if (c === "[") {
      let j = i + 1;
      if (glob[j] === "^") j++;
      const close = glob.indexOf("]", j + 1);
      if (close < 0) return "a [ character class is not closed";
      i = close;
    }
  }
  return undefined;
}

/** Splits a monomorphise item into its import path and identifiers, or undefined when it has no such shape. */
export function splitGoItem(item: string): { importPath: string; names: string[] } | undefined {
  const slash = item.lastIndexOf("/");
  const parts = item.slice(slash + 1).split(".");
  const first = parts.findIndex((p, i) => i > 0 && GO_IDENT.test(p));
  if (first < 0) return undefined;
  const names = parts.slice(first);
  if (names.length > 2 || !names.every((n) => GO_IDENT.test(n))) return undefined;
  return { importPath: item.slice(0, slash + 1) + parts.slice(0, first).join("."), names };
}

class ManifestReader extends TomlReader {
  constructor(text: string, file: string) {
    super(text, file, { syntax: "M057_MANIFEST_E001", type: "M057_MANIFEST_E013", unknownKey: "M057_MANIFEST_E014", missing: "M057_MANIFEST_E024" });
  }

  manifest(doc: TomlTable): Manifest {
    this.keys(doc, [], TOP_LEVEL, "M057_MANIFEST_E002");
    const pkg = doc["package"] === undefined ? undefined : this.package(doc["package"], ["package"]);
    const workspace = doc["workspace"] === undefined ? undefined : this.workspace(doc["workspace"], ["workspace"]);
    if (pkg === undefined) {
      if (workspace === undefined) this.fail("M057_MANIFEST_E003", "the manifest has no [package] table (and is no workspace root)", [], "key");
      for (const k of ["dependencies", "features", "go", "go-dependencies", "targets"]) {
        if (doc[k] !== undefined) this.fail("M057_MANIFEST_E003", `[${k}] needs a [package]: a workspace root without [package] holds only [workspace]`, [k], "key");
      }
    }
    const dependencies = this.dependencies(doc["dependencies"], ["dependencies"], false);
    const features = this.features(doc["features"], dependencies);
    const goDependencies = this.goDependencies(doc["go-dependencies"], ["go-dependencies"], false);
    const go = doc["go"] === undefined ? undefined : this.go(doc["go"]);
    const targets = this.targets(doc["targets"], pkg?.targets);
    return {
      ...(pkg === undefined ? {} : { package: pkg }),
      dependencies,
      features,
      ...(workspace === undefined ? {} : { workspace }),
      goDependencies,
      ...(go === undefined ? {} : { go }),
      targets,
    };
  }

  // [package] and [workspace.package]

  package(v: TomlValue, path: TomlPath): PackageSection {
    const t = this.table(v, path);
    this.keys(t, path, PACKAGE_KEYS);
    const name = this.string(this.required(t, "name", path, "M057_MANIFEST_E003"), [...path, "name"]);
    this.packageName(name, [...path, "name"]);
    this.required(t, "version", path, "M057_MANIFEST_E003");
    const meta: Record<string, unknown> = {};
    for (const key of INHERITABLE_PACKAGE_KEYS) {
      const value = t[key];
      if (value === undefined) continue;
      meta[key] = this.inherits(value, [...path, key], false) ? { workspace: true } : this.metadataValue(key, value, [...path, key]);
    }
    const capabilities = t["capabilities"] === undefined ? undefined : this.capabilities(t["capabilities"], [...path, "capabilities"]);
    const targets = t["targets"] === undefined ? undefined : this.targetList(t["targets"], [...path, "targets"]);
    return {
      ...(meta as Omit<PackageSection, "name" | "capabilities" | "targets">),
      name,
      ...(capabilities === undefined ? {} : { capabilities }),
      ...(targets === undefined ? {} : { targets }),
    };
  }

  /** True for `{ workspace = true }`; in a workspace's own tables that is a cycle (E009). */
  inherits(v: TomlValue, path: TomlPath, inWorkspace: boolean): boolean {
    if (typeof v !== "object" || Array.isArray(v) || !("workspace" in v)) return false;
    const t = this.table(v, path);
    this.keys(t, path, ["workspace"]);
    this.workspaceFlag(t["workspace"], [...path, "workspace"], inWorkspace);
    return true;
  }

  workspaceFlag(v: TomlValue | undefined, path: TomlPath, inWorkspace: boolean): true | undefined {
    if (v === undefined) return undefined;
    if (!this.bool(v, path)) this.fail("M057_MANIFEST_E027", `${formatTomlPath(path)} can only be true (leave it out otherwise)`, path);
    if (inWorkspace) {
      this.fail("M057_MANIFEST_E009", `${formatTomlPath(path.slice(0, -1))} inherits from the workspace, but it is the workspace's own table: an inheritance cycle`, path, "key");
    }
    return true;
  }

  metadataValue(key: keyof PackageMetadata, v: TomlValue, path: TomlPath): unknown {
    switch (key) {
      case "version": {
        const s = this.string(v, path);
        if (!isSemver(s)) this.fail("M057_MANIFEST_E016", `version ${q(s)} is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)`, path);
        return s;
      }
      case "edition": {
        const s = this.string(v, path);
        if (!(EDITIONS as readonly string[]).includes(s)) this.fail("M057_MANIFEST_E007", `edition ${q(s)} is not a Mochi edition; known: ${EDITIONS.join(", ")}`, path);
        return s;
      }
      case "license":
        return this.license(v, path);
      case "repository":
      case "homepage":
        return this.url(v, path, WEB_URL, "an http(s) URL");
      case "readme":
        return this.relativePath(v, path, false);
      case "authors":
      case "keywords":
        return this.stringArray(v, path);
      case "description":
        return this.string(v, path);
    }
  }

  packageName(name: string, path: TomlPath): void {
    if (!isPackageName(name)) {
      this.fail("M057_MANIFEST_E015", `${q(name)} is not a package name: write name or @scope/name, lower case letters, digits, - and _, each part up to 64 characters`, path, "key");
    }
  }

  license(v: TomlValue, path: TomlPath): string {
    const s = this.string(v, path);
    const why = whySpdxInvalid(s);
    if (why !== undefined) this.fail("M057_MANIFEST_E005", `license ${q(s)} is not an SPDX license expression: ${why}`, path);
    return s;
  }

  url(v: TomlValue, path: TomlPath, shape: RegExp, what: string): string {
    const s = this.string(v, path);
    if (!shape.test(s)) this.fail("M057_MANIFEST_E029", `${formatTomlPath(path)} = ${q(s)} is not ${what}`, path);
    return s;
  }

  relativePath(v: TomlValue, path: TomlPath, parent: boolean): string {
    const s = this.string(v, path);
    if (!isRelativePath(s, parent)) {
      const rule = parent ? "a relative path written with /" : "a relative path written with / that stays inside the package (no ..)";
      this.fail("M057_MANIFEST_E032", `${formatTomlPath(path)} = ${q(s)} is not ${rule}`, path);
    }
    return s;
  }

  capabilities(v: TomlValue, path: TomlPath): MochiCapability[] {
    return this.stringArray(v, path).map((c, i) => {
      if (!(MOCHI_CAPABILITIES as readonly string[]).includes(c)) {
        this.fail("M057_MANIFEST_E010", `capability ${q(c)} is not in MEP-57's closed set: ${MOCHI_CAPABILITIES.join(", ")}`, [...path, i]);
      }
      return c as MochiCapability;
    });
  }

  targetName(name: string, path: TomlPath, at: "key" | "value"): Target {
    if (!(TARGETS as readonly string[]).includes(name)) this.fail("M057_MANIFEST_E011", `${q(name)} is not a target; known: ${TARGETS.join(", ")}`, path, at);
    return name as Target;
  }

  targetList(v: TomlValue, path: TomlPath): Target[] {
    return this.stringArray(v, path).map((t, i) => this.targetName(t, [...path, i], "value"));
  }

  // [dependencies] and [go-dependencies]

  dependencies(v: TomlValue | undefined, path: TomlPath, inWorkspace: boolean): Map<string, Dependency> {
    const out = new Map<string, Dependency>();
    if (v === undefined) return out;
    const t = this.table(v, path);
    for (const [name, spec] of Object.entries(t)) {
      this.packageName(name, [...path, name]);
      out.set(name, this.dependency(spec, [...path, name], inWorkspace));
    }
    return out;
  }

  versionReq(v: TomlValue, path: TomlPath): string {
    const s = this.string(v, path);
    if (parseVersionReq(s) === undefined) {
      this.fail("M057_MANIFEST_E004", `${q(s)} is not a version requirement (e.g. ^1.2, ~1.2.3, >=1.0, <2.0, =1.4.0, *)`, path);
    }
    return s;
  }

  dependency(v: TomlValue, path: TomlPath, inWorkspace: boolean): Dependency {
    if (typeof v === "string") return { version: this.versionReq(v, path) };
    const t = this.table(v, path);
    this.keys(t, path, DEPENDENCY_KEYS);
    const workspace = this.workspaceFlag(t["workspace"], [...path, "workspace"], inWorkspace);
    const source = this.source(t, path, ["version", "path", "git", "workspace"]);
    return {
      ...(t["version"] === undefined ? {} : { version: this.versionReq(t["version"], [...path, "version"]) }),
      ...(t["path"] === undefined ? {} : { path: this.relativePath(t["path"], [...path, "path"], true) }),
      ...source,
      ...(t["optional"] === undefined ? {} : { optional: this.bool(t["optional"], [...path, "optional"]) }),
      ...(workspace === undefined ? {} : { workspace }),
    };
  }

  /** Checks that exactly one of `sources` is set and git refs only with git; returns the git fields. */
  source(t: TomlTable, path: TomlPath, sources: readonly string[]): { git?: string; rev?: string; tag?: string; branch?: string } {
    const set = sources.filter((k) => t[k] !== undefined);
    if (set.length !== 1) {
      const found = set.length === 0 ? "none" : set.join(" and ");
      this.fail("M057_MANIFEST_E019", `${formatTomlPath(path)} needs exactly one source of ${sources.join(", ")}; found ${found}`, path, "key");
    }
    const refs = ["rev", "tag", "branch"].filter((k) => t[k] !== undefined);
    if (refs.length > 0 && t["git"] === undefined) {
      this.fail("M057_MANIFEST_E019", `${formatTomlPath(path)} sets ${refs.join(", ")} without git`, [...path, refs[0]!], "key");
    }
    if (refs.length > 1) this.fail("M057_MANIFEST_E019", `${formatTomlPath(path)} sets ${refs.join(" and ")}; pick one`, [...path, refs[1]!], "key");
    if (t["git"] === undefined) return {};
    const out: { git: string; rev?: string; tag?: string; branch?: string } = { git: this.url(t["git"], [...path, "git"], GIT_URL, "a git URL (https://, ssh://, git://, file:// or user@host:path)") };
    const ref = refs[0] as "rev" | "tag" | "branch" | undefined;
    if (ref !== undefined) {
      const s = this.string(t[ref], [...path, ref]);
      const ok = ref === "rev" ? GIT_REV.test(s) : s !== "" && !/[\s\u0000-\u001f\u007f~^:?*[\\]/.test(s) && !s.startsWith("-") && !s.includes("..");
      if (!ok) {
        const rule = ref === "rev" ? "a commit id of 7 to 64 hex digits" : `a git ${ref} name`;
        this.fail("M057_MANIFEST_E033", `${ref} = ${q(s)} is not ${rule}`, [...path, ref]);
      }
      out[ref] = s;
    }
    return out;
  }

  goDependencies(v: TomlValue | undefined, path: TomlPath, inWorkspace: boolean): Map<string, GoDependency> {
    const out = new Map<string, GoDependency>();
    if (v === undefined) return out;
    const t = this.table(v, path);
    for (const [module, spec] of Object.entries(t)) {
      this.modulePath(module, [...path, module], "key");
      out.set(module, this.goDependency(spec, [...path, module], inWorkspace));
    }
    return out;
  }

  modulePath(module: string, path: TomlPath, at: "key" | "value"): void {
    this.goCheck("M057_MANIFEST_E017", () => checkPath(module), path, at, (why) => `${q(module)} is not a Go module path: ${why}`);
  }

  /** Runs a Go-side check and re-raises its failure under `code` at `path`. */
  goCheck(code: ErrorCode, check: () => void, path: TomlPath, at: "key" | "value", detail: (why: string) => string): void {
    try {
      check();
    } catch (e) {
      if (!isMochiError(e)) throw e;
      this.fail(code, detail(e.detail), path, at, { cause: e });
    }
  }

  goRequirement(v: TomlValue, path: TomlPath): string {
    const s = this.string(v, path);
    try {
      parseGoRequirement(s);
    } catch (e) {
      if (!isMochiError(e, "M057_MANIFEST_E018")) throw e;
      this.fail("M057_MANIFEST_E018", e.detail, path, "value", { cause: e });
    }
    return s;
  }

  buildTags(v: TomlValue, path: TomlPath): string[] {
    return this.stringArray(v, path).map((tag, i) => {
      if (!isBuildTag(tag)) this.fail("M057_MANIFEST_E020", `build tag ${q(tag)} may hold only letters, digits, _ and .`, [...path, i]);
      return tag;
    });
  }

  goDependency(v: TomlValue, path: TomlPath, inWorkspace: boolean): GoDependency {
    if (typeof v === "string") return { version: this.goRequirement(v, path) };
    const t = this.table(v, path);
    this.keys(t, path, GO_DEPENDENCY_KEYS);
    const workspace = this.workspaceFlag(t["workspace"], [...path, "workspace"], inWorkspace);
    const source = this.source(t, path, ["version", "path", "git", "workspace"]);
    if (workspace) {
      const extra = ["build-tags", "replace", "indirect"].find((k) => t[k] !== undefined);
      if (extra !== undefined) this.fail("M057_MANIFEST_E019", `${formatTomlPath(path)} takes everything from the workspace; drop ${extra}`, [...path, extra], "key");
    }
    return {
      ...(t["version"] === undefined ? {} : { version: this.goRequirement(t["version"], [...path, "version"]) }),
      ...(t["path"] === undefined ? {} : { path: this.localPath(t["path"], [...path, "path"]) }),
      ...source,
      ...(t["build-tags"] === undefined ? {} : { buildTags: this.buildTags(t["build-tags"], [...path, "build-tags"]) }),
      ...(t["replace"] === undefined ? {} : { replace: this.replace(t["replace"], [...path, "replace"]) }),
      ...(t["indirect"] === undefined ? {} : { indirect: this.bool(t["indirect"], [...path, "indirect"]) }),
      ...(workspace === undefined ? {} : { workspace }),
    };
  }

  /** A Go-side directory: relative ("../x", "./x") or absolute, as go.mod's replace takes it. */
  localPath(v: TomlValue, path: TomlPath): string {
    const s = this.string(v, path);
    if (s === "" || CONTROL.test(s)) this.fail("M057_MANIFEST_E032", `${formatTomlPath(path)} = ${q(s)} is not a directory path`, path);
    return s;
  }

  replace(v: TomlValue, path: TomlPath): string {
    const s = this.string(v, path);
    if (/^(?:\.{1,2}\/|\/)/.test(s) && !CONTROL.test(s)) return s;
    const at = s.lastIndexOf("@");
    const module = s.slice(0, Math.max(at, 0));
    const version = s.slice(at + 1);
    let why: string | undefined;
    if (at <= 0) why = "write a local directory (./x, ../x, /abs) or <module>@<version>";
    else if (!isValid(version) || canonicalModuleVersion(version) !== version) why = `${q(version)} is not a canonical Go version`;
    else {
      try {
        checkPath(module);
      } catch (e) {
        if (!isMochiError(e)) throw e;
        why = e.detail;
      }
    }
    if (why !== undefined) this.fail("M057_MANIFEST_E030", `replace = ${q(s)}: ${why}`, path);
    return s;
  }

  // [features]

  features(v: TomlValue | undefined, deps: ReadonlyMap<string, Dependency>): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (v === undefined) return out;
    const t = this.table(v, ["features"]);
    for (const [name, list] of Object.entries(t)) {
      const path = ["features", name];
      if (!FEATURE_NAME.test(name)) this.fail("M057_MANIFEST_E034", `${q(name)} is not a feature name: lower case letters, digits, -, _ and ., up to 64 characters`, path, "key");
      if (deps.has(name)) this.fail("M057_MANIFEST_E006", `feature ${q(name)} has the name of a dependency; enable an optional dependency with "dep:${name}" under another name`, path, "key");
      out.set(name, this.stringArray(list, path));
    }
    for (const [name, list] of out) {
      list.forEach((item, i) => {
        const dep = item.startsWith("dep:") ? item.slice(4) : undefined;
        const ok = dep === undefined ? out.has(item) : deps.get(dep)?.optional === true;
        if (!ok) {
          const what = dep === undefined ? "no feature of that name" : `no optional dependency ${q(dep)}`;
          this.fail("M057_MANIFEST_E031", `feature ${q(name)} enables ${q(item)}, but there is ${what}`, ["features", name, i]);
        }
      });
    }
    return out;
  }

  // [workspace]

  workspace(v: TomlValue, path: TomlPath): WorkspaceSection {
    const t = this.table(v, path);
    this.keys(t, path, ["dependencies", "exclude", "go-dependencies", "members", "package"]);
    const patterns = (key: string): string[] | undefined => {
      if (t[key] === undefined) return undefined;
      return this.stringArray(t[key], [...path, key]).map((p, i) => {
        if (!isRelativePath(p, false)) {
          this.fail("M057_MANIFEST_E026", `workspace ${key} pattern ${q(p)} must be a relative path with / inside the workspace (no .., no absolute path)`, [...path, key, i]);
        }
        return p;
      });
    };
    const members = patterns("members");
    const exclude = patterns("exclude");
    let pkg: PackageMetadata | undefined;
    if (t["package"] !== undefined) {
      const pt = this.table(t["package"], [...path, "package"]);
      this.keys(pt, [...path, "package"], INHERITABLE_PACKAGE_KEYS);
      const meta: Record<string, unknown> = {};
      for (const key of INHERITABLE_PACKAGE_KEYS) {
        const value = pt[key];
        if (value === undefined) continue;
        this.inherits(value, [...path, "package", key], true);
        meta[key] = this.metadataValue(key, value, [...path, "package", key]);
      }
      pkg = meta as PackageMetadata;
    }
    const dependencies = t["dependencies"] === undefined ? undefined : this.dependencies(t["dependencies"], [...path, "dependencies"], true);
    const goDependencies = t["go-dependencies"] === undefined ? undefined : this.goDependencies(t["go-dependencies"], [...path, "go-dependencies"], true);
    return {
      ...(members === undefined ? {} : { members }),
      ...(exclude === undefined ? {} : { exclude }),
      ...(pkg === undefined ? {} : { package: pkg }),
      ...(dependencies === undefined ? {} : { dependencies }),
      ...(goDependencies === undefined ? {} : { goDependencies }),
    };
  }

  // [go]

  go(v: TomlValue): GoSection {
    const path = ["go"];
    const t = this.table(v, path);
    this.keys(t, path, GO_KEYS);
    const at = (k: string): TomlPath => [...path, k];
    const out: { -readonly [K in keyof GoSection]: GoSection[K] } = {};
    if (t["go-version"] !== undefined) out.goVersion = this.goToolchain(t["go-version"], at("go-version"));
    if (t["profile"] !== undefined) out.profile = this.oneOf(t["profile"], at("profile"), GO_PROFILES) as GoProfile;
    if (t["build-tags"] !== undefined) out.buildTags = this.buildTags(t["build-tags"], at("build-tags"));
    if (t["goroutine-bridge"] !== undefined) out.goroutineBridge = this.goroutineBridge(t["goroutine-bridge"], at("goroutine-bridge"));
    if (t["monomorphise"] !== undefined) out.monomorphise = this.monomorphise(t["monomorphise"], at("monomorphise"));
    if (t["capabilities"] !== undefined) out.capabilities = this.goCapabilities(t["capabilities"], at("capabilities"));
    if (t["private"] !== undefined) out.private = this.goPrivate(t["private"], at("private"));
    if (t["publish"] !== undefined) out.publish = this.goPublish(t["publish"], at("publish"));
    return out;
  }

  goToolchain(v: TomlValue, path: TomlPath): string {
    const s = this.string(v, path);
    if (!GO_TOOLCHAIN.test(s)) this.fail("M057_MANIFEST_E021", `${formatTomlPath(path)} = ${q(s)} is not a Go release (1.N, 1.N.P, 1.NrcK)`, path);
    return s;
  }

  oneOf(v: TomlValue, path: TomlPath, allowed: readonly string[]): string {
    const s = this.string(v, path);
    if (!allowed.includes(s)) this.fail("M057_MANIFEST_E027", `${formatTomlPath(path)} = ${q(s)} is not one of ${allowed.join(", ")}`, path);
    return s;
  }

  goroutineBridge(v: TomlValue, path: TomlPath): GoroutineBridge {
    const t = this.table(v, path);
    this.keys(t, path, ["default-buffer", "max-handles"]);
    return {
      ...(t["default-buffer"] === undefined ? {} : { defaultBuffer: this.integer(t["default-buffer"], [...path, "default-buffer"], 0, 65536, "M057_MANIFEST_E022") }),
      ...(t["max-handles"] === undefined ? {} : { maxHandles: this.integer(t["max-handles"], [...path, "max-handles"], 1, 1 << 24, "M057_MANIFEST_E022") }),
    };
  }

  monomorphise(v: TomlValue, path: TomlPath): Monomorphisation[] {
    const seen = new Set<string>();
    return this.array(v, path).map((entry, i) => {
      const p = [...path, i];
      const t = this.table(entry, p);
      this.keys(t, p, ["item", "type-args"]);
      const item = this.string(this.required(t, "item", p), [...p, "item"]);
      const split = splitGoItem(item);
      if (split === undefined) {
        this.fail("M057_MANIFEST_E023", `item ${q(item)} must be <import path>.<Func>, <import path>.<Type> or <import path>.<Type>.<Method> with exported names`, [...p, "item"]);
      }
      this.goCheck("M057_MANIFEST_E023", () => checkImportPath(split.importPath), [...p, "item"], "value", (why) => `item ${q(item)}: ${why}`);
      const typeArgs = this.stringArray(this.required(t, "type-args", p), [...p, "type-args"]);
      if (typeArgs.length === 0 || typeArgs.some((a) => a.trim() === "" || a !== a.trim() || /[\n\r]/.test(a))) {
        this.fail("M057_MANIFEST_E023", `type-args of ${q(item)} must list one non-empty Go type per type parameter`, [...p, "type-args"]);
      }
      const key = JSON.stringify([item, typeArgs]);
      if (seen.has(key)) this.fail("M057_MANIFEST_E023", `${q(item)} with type-args ${JSON.stringify(typeArgs)} is listed twice`, p, "key");
      seen.add(key);
      return { item, typeArgs };
    });
  }

  goCapabilities(v: TomlValue, path: TomlPath): GoCapabilities {
    const t = this.table(v, path);
    this.keys(t, path, GO_CAPABILITIES, "M057_MANIFEST_E010");
    const out: Record<string, boolean> = {};
    for (const k of GO_CAPABILITIES) if (t[k] !== undefined) out[k] = this.bool(t[k], [...path, k]);
    return out;
  }

  goPrivate(v: TomlValue, path: TomlPath): GoPrivate {
    const t = this.table(v, path);
    this.keys(t, path, ["modules", "sumdb-skip"]);
    const globs = (key: string): string[] =>
      this.stringArray(t[key], [...path, key]).map((g, i) => {
        const why = whyGlobInvalid(g);
        if (why !== undefined) this.fail("M057_MANIFEST_E025", `${q(g)} is not a module path pattern: ${why}`, [...path, key, i]);
        return g;
      });
    return {
      ...(t["modules"] === undefined ? {} : { modules: globs("modules") }),
      ...(t["sumdb-skip"] === undefined ? {} : { sumdbSkip: globs("sumdb-skip") }),
    };
  }

  goPublish(v: TomlValue, path: TomlPath): GoPublish {
    const t = this.table(v, path);
    this.keys(t, path, ["canonical-import-path", "cgo-export", "go-version-floor", "license", "vanity"]);
    const cip = this.string(this.required(t, "canonical-import-path", path), [...path, "canonical-import-path"]);
    this.modulePath(cip, [...path, "canonical-import-path"], "value");
    return {
      canonicalImportPath: cip,
      ...(t["go-version-floor"] === undefined ? {} : { goVersionFloor: this.goToolchain(t["go-version-floor"], [...path, "go-version-floor"]) }),
      ...(t["license"] === undefined ? {} : { license: this.license(t["license"], [...path, "license"]) }),
      ...(t["cgo-export"] === undefined ? {} : { cgoExport: this.bool(t["cgo-export"], [...path, "cgo-export"]) }),
      ...(t["vanity"] === undefined ? {} : { vanity: this.vanity(t["vanity"], [...path, "vanity"], cip) }),
    };
  }

  vanity(v: TomlValue, path: TomlPath, canonicalImportPath: string): GoVanity {
    const t = this.table(v, path);
    this.keys(t, path, ["repo", "root", "subdir", "vcs"]);
    const repo = this.url(this.required(t, "repo", path), [...path, "repo"], /^https:\/\/[^\s/]+(?:\/\S*)?$/, "an https URL");
    const vcs = t["vcs"] === undefined ? undefined : this.oneOf(t["vcs"], [...path, "vcs"], VANITY_VCS);
    let root: string | undefined;
    if (t["root"] !== undefined) {
      root = this.string(t["root"], [...path, "root"]);
      if (!(canonicalImportPath === root || canonicalImportPath.startsWith(`${root}/`))) {
        this.fail("M057_MANIFEST_E028", `vanity root ${q(root)} does not cover canonical-import-path ${q(canonicalImportPath)} (it must equal it or be a /-prefix of it)`, [...path, "root"]);
      }
    }
    const subdir = t["subdir"] === undefined ? undefined : this.relativePath(t["subdir"], [...path, "subdir"], false);
    return { repo, ...(vcs === undefined ? {} : { vcs }), ...(root === undefined ? {} : { root }), ...(subdir === undefined ? {} : { subdir }) };
  }

  // [targets.*]

  targets(v: TomlValue | undefined, declared: readonly Target[] | undefined): Map<Target, TargetSection> {
    const out = new Map<Target, TargetSection>();
    if (v === undefined) return out;
    const t = this.table(v, ["targets"]);
    for (const [name, section] of Object.entries(t)) {
      const path = ["targets", name];
      const target = this.targetName(name, path, "key");
      if (declared !== undefined && !declared.includes(target)) {
        this.fail("M057_MANIFEST_E012", `[targets.${name}] configures a target the package does not build; [package] targets = ${JSON.stringify(declared)}`, path, "key");
      }
      const st = this.table(section, path);
      this.keys(st, path, ["ffi", "overrides"]);
      let overrides: Map<string, string> | undefined;
      if (st["overrides"] !== undefined) {
        overrides = new Map();
        const ot = this.table(st["overrides"], [...path, "overrides"]);
        for (const [from, to] of Object.entries(ot)) {
          const p = [...path, "overrides", from];
          if (!isRelativePath(from, false)) this.fail("M057_MANIFEST_E032", `override source ${q(from)} is not a relative path inside the package`, p, "key");
          overrides.set(from, this.relativePath(to, p, false));
        }
      }
      out.set(target, {
        ...(st["ffi"] === undefined ? {} : { ffi: this.stringArray(st["ffi"], [...path, "ffi"]) }),
        ...(overrides === undefined ? {} : { overrides }),
      });
    }
    return out;
  }
}
