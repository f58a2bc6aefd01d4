// A Mochi project as mochi-pkg sees it: the directory holding mochi.toml,
// its manifest, its .mochi sources and the Go imports they make. Sources
// are every *.mochi file under the root, except generated and hidden
// directories (.mochi/ holds mochi-pkg's output) and node_modules.

import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { existsSync } from "node:fs";
import { MochiError } from "@mochi-pkg/core";
import { parseManifest, type Manifest } from "@mochi-pkg/core/manifest";
import { hasErrors, renderDiagnostics, scanImports, type Diagnostic, type GoImport } from "@mochi-pkg/core/mochi";

export const MANIFEST = "mochi.toml";
export const LOCKFILE = "mochi.lock";
/** Where mochi-pkg writes what it generates, inside the project. */
export const GENERATED_DIR = ".mochi";

export interface SourceImport extends GoImport {
  /** The source file, relative to the project root, with / separators. */
  readonly file: string;
}

export interface Project {
  readonly root: string;
  readonly manifestText: string;
  readonly manifest: Manifest;
  readonly sources: readonly { readonly file: string; readonly text: string }[];
  /** Every `import go` of every source, in file then source order. */
  readonly goImports: readonly SourceImport[];
}

/** The nearest directory at or above `start` holding mochi.toml. */
export function findProjectRoot(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, MANIFEST))) return dir;
    if (dirname(dir) === dir) {
      throw new MochiError("M074_PROJECT_E001", `no ${MANIFEST} in ${resolve(start)} or any directory above it`, {
        where: resolve(start),
      });
    }
  }
}

async function mochiFiles(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await mochiFiles(root, path)));
    else if (entry.isFile() && entry.name.endsWith(".mochi")) out.push(relative(root, path).split(sep).join("/"));
  }
  return out;
}

/**
 * Reads the project at `root`. Import diagnostics (P067, P068, a bad module
 * path or version, a duplicate alias...) stop here, rendered like a
 * compiler's, in one M074_PROJECT_E002 error; warnings are returned.
 */
export async function openProject(root: string): Promise<{ project: Project; warnings: string }> {
  const manifestText = await readFile(join(root, MANIFEST), "utf8");
  const manifest = parseManifest(manifestText, { file: join(root, MANIFEST) });
  const goDeps = manifest.goDependencies;
  const lookup = (module: string): string | undefined => {
    const dep = goDeps.get(module);
    if (dep === undefined) return undefined;
    return dep.version ?? (dep.path !== undefined ? `path+${dep.path}` : dep.git !== undefined ? `git+${dep.git}${dep.rev ? `#${dep.rev}` : ""}` : undefined);
  };
  const sources: { file: string; text: string }[] = [];
  const goImports: SourceImport[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const file of await mochiFiles(root)) {
    const text = await readFile(join(root, file), "utf8");
    sources.push({ file, text });
    const scan = scanImports(text, file, { lookup });
    goImports.push(...scan.imports.filter((i) => i.source !== "std").map((i) => ({ ...i, file })));
    if (scan.diagnostics.length === 0) continue;
    const rendered = renderDiagnostics(scan.diagnostics as Diagnostic[], text, file);
    (hasErrors(scan.diagnostics) ? errors : warnings).push(rendered);
  }
  if (errors.length > 0) {
    throw new MochiError("M074_PROJECT_E002", `the project's imports have errors:\n\n${errors.join("\n")}`, {
      where: root,
      hint: "fix the imports shown above; each diagnostic names its code and what to do",
    });
  }
  return { project: { root, manifestText, manifest, sources, goImports }, warnings: warnings.join("\n") };
}
