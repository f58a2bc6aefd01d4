// The typed mochi.toml (docs/manifest.md is the prose version of this file).
// Optional fields are undefined when the manifest does not write them:
// defaults are the consumer's business, and the canonical form hashes only
// what is written.

/** MEP-57's build targets, closed (M057_MANIFEST_E011 otherwise). */
export const TARGETS = ["beam", "c", "dotnet", "jvm", "kotlin", "python", "rust", "swift", "typescript"] as const;
export type Target = (typeof TARGETS)[number];

/** MEP-57's closed capability vocabulary (M057_MANIFEST_E010 otherwise). */
export const MOCHI_CAPABILITIES = ["clock", "env", "ffi", "fs.read", "fs.write", "net.dial", "net.listen", "proc.spawn", "random"] as const;
export type MochiCapability = (typeof MOCHI_CAPABILITIES)[number];

/** MEP-74's [go.capabilities] vocabulary, a refinement of MEP-57's. */
export const GO_CAPABILITIES = ["cgo", "fs", "net", "proc", "unsafe"] as const;
export type GoCapability = (typeof GO_CAPABILITIES)[number];

/**
 * What each Go capability grants in MEP-57 terms. The reference calls the Go
 * set a "strict refinement" without a mapping; this is it. cgo and unsafe
 * both leave the memory-safe world, which is what MEP-57's ffi means.
 */
export const GO_CAPABILITY_GRANTS: Readonly<Record<GoCapability, readonly MochiCapability[]>> = {
  cgo: ["ffi"],
  fs: ["fs.read", "fs.write"],
  net: ["net.dial", "net.listen"],
  proc: ["proc.spawn"],
  unsafe: ["ffi"],
};

/** Known editions of the Mochi language (M057_MANIFEST_E007 otherwise). */
export const EDITIONS = ["2026"] as const;

/** [go] profile: how every Go dependency of the package is built (one toolchain per build). */
export const GO_PROFILES = ["embedded", "standard"] as const;
export type GoProfile = (typeof GO_PROFILES)[number];

/** [go.publish.vanity] vcs: what the go-import meta tag announces. */
export const VANITY_VCS = ["git", "mod"] as const;

/** `{ workspace = true }`: the value comes from the workspace root's [workspace.*] table. */
export interface FromWorkspace {
  readonly workspace: true;
}

export type Inheritable<T> = T | FromWorkspace;

export function isFromWorkspace(v: unknown): v is FromWorkspace {
  return typeof v === "object" && v !== null && (v as { workspace?: unknown }).workspace === true;
}

/** [package] keys a member may take from [workspace.package]. */
export const INHERITABLE_PACKAGE_KEYS = ["authors", "description", "edition", "homepage", "keywords", "license", "readme", "repository", "version"] as const;
export type InheritablePackageKey = (typeof INHERITABLE_PACKAGE_KEYS)[number];

/** The values [workspace.package] may hold. */
export interface PackageMetadata {
  readonly version?: string;
  readonly edition?: string;
  readonly description?: string;
  readonly license?: string;
  readonly authors?: readonly string[];
  readonly repository?: string;
  readonly homepage?: string;
  readonly keywords?: readonly string[];
  readonly readme?: string;
}

export type PackageSection = { readonly [K in keyof PackageMetadata]?: Inheritable<NonNullable<PackageMetadata[K]>> } & {
  readonly name: string;
  readonly version: Inheritable<string>;
  readonly capabilities?: readonly MochiCapability[];
  readonly targets?: readonly Target[];
};

/**
 * A [dependencies] entry. Exactly one source: `version` (the registry),
 * `path`, `git` (with at most one of rev, tag, branch) or `workspace`.
 */
export interface Dependency {
  readonly version?: string;
  readonly path?: string;
  readonly git?: string;
  readonly rev?: string;
  readonly tag?: string;
  readonly branch?: string;
  readonly optional?: boolean;
  readonly workspace?: true;
}

/**
 * A [go-dependencies] entry (keyed by module path). Exactly one source:
 * `version` (a requirement, see go-requirement.ts), `path`, `git` (with at
 * most one of rev, tag, branch) or `workspace`.
 */
export interface GoDependency {
  readonly version?: string;
  readonly path?: string;
  readonly git?: string;
  readonly rev?: string;
  readonly tag?: string;
  readonly branch?: string;
  readonly buildTags?: readonly string[];
  /** A local directory ("./x", "../x", "/abs") or "<module>@<version>". */
  readonly replace?: string;
  readonly indirect?: boolean;
  readonly workspace?: true;
}

export interface GoroutineBridge {
  readonly defaultBuffer?: number;
  readonly maxHandles?: number;
}

/** One generic instantiation: `item` is `<import path>.<Func>` or `<import path>.<Type>.<Method>`. */
export interface Monomorphisation {
  readonly item: string;
  /** One Go type per type parameter, in order. */
  readonly typeArgs: readonly string[];
}

export type GoCapabilities = { readonly [K in GoCapability]?: boolean };

export interface GoPrivate {
  /** Module path globs fetched directly, bypassing the proxy (GOPRIVATE syntax). */
  readonly modules?: readonly string[];
  /** Module path globs not checked against the checksum database (default: modules). */
  readonly sumdbSkip?: readonly string[];
}

/** [go.publish.vanity]: how the vanity canonical-import-path maps to the real repository. */
export interface GoVanity {
  /** The repository the go-import meta tag points at: an https URL (or the proxy URL when vcs = "mod"). */
  readonly repo: string;
  readonly vcs?: string;
  /** The import-path prefix the meta tag covers (default: canonical-import-path without its /vN suffix). */
  readonly root?: string;
  /** The module's directory inside the repository (the 4-field go-import form). */
  readonly subdir?: string;
}

export interface GoPublish {
  readonly canonicalImportPath: string;
  readonly goVersionFloor?: string;
  readonly license?: string;
  readonly cgoExport?: boolean;
  readonly vanity?: GoVanity;
}

export interface GoSection {
  readonly goVersion?: string;
  readonly profile?: GoProfile;
  readonly buildTags?: readonly string[];
  readonly goroutineBridge?: GoroutineBridge;
  readonly monomorphise?: readonly Monomorphisation[];
  readonly capabilities?: GoCapabilities;
  readonly private?: GoPrivate;
  readonly publish?: GoPublish;
}

export interface TargetSection {
  /** Extra foreign libraries forwarded to the target's dependency list, in order. */
  readonly ffi?: readonly string[];
  /** Source file replacements for this target: "src/x.mochi" -> "src/x_python.mochi". */
  readonly overrides?: ReadonlyMap<string, string>;
}

export interface WorkspaceSection {
  readonly members?: readonly string[];
  readonly exclude?: readonly string[];
  readonly package?: PackageMetadata;
  readonly dependencies?: ReadonlyMap<string, Dependency>;
  readonly goDependencies?: ReadonlyMap<string, GoDependency>;
}

export interface Manifest {
  readonly package?: PackageSection;
  readonly dependencies: ReadonlyMap<string, Dependency>;
  /** Feature name -> the features and optional dependencies (`dep:<name>`) it enables. */
  readonly features: ReadonlyMap<string, readonly string[]>;
  readonly workspace?: WorkspaceSection;
  readonly goDependencies: ReadonlyMap<string, GoDependency>;
  readonly go?: GoSection;
  readonly targets: ReadonlyMap<Target, TargetSection>;
}
