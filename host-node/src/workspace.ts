// The members of a workspace (`[workspace] members`, minus `exclude`): each
// pattern is a directory relative to the root or ends in `/*` (every
// directory directly inside); each member's mochi.toml is read and inherits
// from the root's [workspace.*] tables. The lock resolves them as
// source = "workspace" and hashes them with the root's manifest.

import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { MochiError } from "@mochi-pkg/core";
import { inheritFromWorkspace, parseManifest, type Manifest, type WorkspaceMemberManifest } from "@mochi-pkg/core/manifest";
import { MANIFEST } from "./project.js";

async function expand(root: string, pattern: string): Promise<string[]> {
  if (!pattern.endsWith("/*")) return [pattern];
  const base = pattern.slice(0, -2);
  const entries = await readdir(join(root, base), { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => `${base}/${e.name}`);
}

export async function readWorkspaceMembers(root: string, manifest: Manifest): Promise<WorkspaceMemberManifest[]> {
  const ws = manifest.workspace;
  if (ws === undefined) return [];
  const excluded = new Set(ws.exclude ?? []);
  const dirs = new Set<string>();
  for (const pattern of ws.members ?? []) for (const dir of await expand(root, pattern)) if (!excluded.has(dir)) dirs.add(dir);
  const members: WorkspaceMemberManifest[] = [];
  for (const dir of [...dirs].sort()) {
    const file = join(root, dir, MANIFEST);
    if (!existsSync(file)) {
      throw new MochiError("M074_PROJECT_E007", `workspace member ${JSON.stringify(dir)} has no ${MANIFEST}`, { where: file });
    }
    const member = parseManifest(await readFile(file, "utf8"), { file });
    members.push({ path: dir, manifest: inheritFromWorkspace(member, manifest, { memberFile: file }) });
  }
  return members;
}
