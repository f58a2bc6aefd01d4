// Workspace inheritance: a member writes `version = { workspace = true }` (or
// `"dep" = { workspace = true }`) and takes the value from the root's
// [workspace.package], [workspace.dependencies] or [workspace.go-dependencies].
// A root inheriting inside its own [workspace.*] tables is refused when the
// root is parsed (M057_MANIFEST_E009); what cannot be found here is E008.

import { MochiError } from "../errors.js";
import { INHERITABLE_PACKAGE_KEYS, isFromWorkspace, type Dependency, type GoDependency, type Manifest, type PackageSection } from "./schema.js";
import { formatTomlPath } from "./toml-text.js";

export interface InheritOptions {
  /** The member's manifest path, for messages (default "mochi.toml"). */
  readonly memberFile?: string;
}

/**
 * The member with every `{ workspace = true }` replaced by the root's value.
 * `root` is the workspace root's manifest (it may be the member itself), or
 * undefined when the member is not inside a workspace.
 */
export function inheritFromWorkspace(member: Manifest, root: Manifest | undefined, options: InheritOptions = {}): Manifest {
  const file = options.memberFile ?? "mochi.toml";
  const ws = root?.workspace;
  const missing = (path: (string | number)[], table: string): never => {
    const why = ws === undefined ? "there is no workspace root with a [workspace] table" : `[${table}] of the workspace root does not define it`;
    throw new MochiError("M057_MANIFEST_E008", `${formatTomlPath(path)} inherits from the workspace, but ${why}`, { where: `${file}: ${formatTomlPath(path)}` });
  };
  let pkg: PackageSection | undefined = member.package;
  if (pkg !== undefined) {
    const resolved: Record<string, unknown> = { ...pkg };
    for (const key of INHERITABLE_PACKAGE_KEYS) {
      if (!isFromWorkspace(pkg[key])) continue;
      const value = ws?.package?.[key];
      resolved[key] = value ?? missing(["package", key], "workspace.package");
    }
    pkg = resolved as unknown as PackageSection;
  }
  const deps = <T extends Dependency | GoDependency>(own: ReadonlyMap<string, T>, shared: ReadonlyMap<string, T> | undefined, table: string): Map<string, T> =>
    new Map(
      [...own].map(([name, d]) => {
        if (d.workspace !== true) return [name, d];
        const base = shared?.get(name) ?? missing([table.replace("workspace.", ""), name], table);
        // A member may still mark an inherited dependency optional.
        const optional = (d as Dependency).optional;
        return [name, optional === undefined ? base : { ...base, optional }];
      }),
    );
  return {
    ...member,
    ...(pkg === undefined ? {} : { package: pkg }),
    dependencies: deps(member.dependencies, ws?.dependencies, "workspace.dependencies"),
    goDependencies: deps(member.goDependencies, ws?.goDependencies, "workspace.go-dependencies"),
  };
}
