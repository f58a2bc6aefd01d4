// The API diff between two versions of a module, as a Mochi user sees it:
// per Go item, its Go declaration and the Mochi declarations it becomes, or
// the reason it is skipped; per declared Mochi type, its declaration. Items
// are matched by their Go id, types by their Mochi name, and provenance
// positions (which move with every edit of the file) are left out.

import { compareUtf8 } from "@mochi-pkg/core";
import type { ModulePlan } from "@mochi-pkg/core/bridge";

/** What one version offers for one key: the lines a diff compares. */
export type ApiEntries = ReadonlyMap<string, readonly string[]>;

/**
 * The declaration lines of an extern file (core/src/bridge/externs.ts): by C
 * symbol for items (the line after `// C <symbol>`), by name for types (the
 * non-comment lines of a block that declares `type <name>`).
 */
function externDeclarations(externFile: string): { bySymbol: Map<string, string>; byType: Map<string, string[]> } {
  const bySymbol = new Map<string, string>();
  const byType = new Map<string, string[]>();
  for (const block of externFile.split("\n\n")) {
    const lines = block.split("\n");
    const c = lines.findIndex((l) => l.startsWith("// C "));
    if (c !== -1) {
      bySymbol.set(lines[c]!.slice("// C ".length), lines[c + 1] ?? "");
      continue;
    }
    const code = lines.filter((l) => !l.startsWith("//"));
    const m = /^(?:extern )?type (\S+)/.exec(code[0] ?? "");
    if (m !== null) byType.set(m[1]!, code);
  }
  return { bySymbol, byType };
}

/**
 * The entries of one version: keys are Go item ids and `type <Mochi name>`.
 * An item's lines are its Go declarations, then its Mochi declarations (in
 * the plan's order, by C symbol), then its skip reasons; a type's lines are
 * its declaration as written.
 */
export function apiEntries(plan: ModulePlan, externFile: string): ApiEntries {
  const { bySymbol, byType } = externDeclarations(externFile);
  const parts = new Map<string, { go: string[]; mochi: string[]; skip: string[] }>();
  const add = (key: string, part: "go" | "mochi" | "skip", line: string): void => {
    let p = parts.get(key);
    if (p === undefined) parts.set(key, (p = { go: [], mochi: [], skip: [] }));
    if (!p[part].includes(line)) p[part].push(line);
  };
  for (const it of plan.items) {
    add(it.id, "go", `go    ${it.goSignature}`);
    add(it.id, "mochi", `mochi ${bySymbol.get(it.symbol) ?? it.extern}`);
  }
  for (const s of plan.skipped) add(s.item, "skip", `skip  ${s.reason}: ${s.detail}`);
  for (const d of plan.decls) {
    for (const l of byType.get(d.name) ?? []) add(`type ${d.name}`, "mochi", `mochi ${l}`);
  }
  return new Map([...parts].map(([k, p]) => [k, [...p.go, ...p.mochi, ...p.skip]]));
}

/** A line diff of two short lists (longest common subsequence): `  `, `- ` or `+ ` before each line. */
function lineDiff(a: readonly string[], b: readonly string[]): string[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`      ${a[i++]}`);
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push(`+     ${b[j++]}`);
    } else {
      out.push(`-     ${a[i++]}`);
    }
  }
  return out;
}

export interface ApiDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  readonly unchanged: number;
  /** The diff as text: `+`, `-` and `~` entries with their lines. */
  readonly text: string;
}

export interface DiffSide {
  readonly version: string;
  readonly entries: ApiEntries;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function apiDiff(module: string, from: DiffSide, to: DiffSide): ApiDiff {
  const keys = [...new Set([...from.entries.keys(), ...to.entries.keys()])].sort(compareUtf8);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  const body: string[] = [];
  let unchanged = 0;
  for (const key of keys) {
    const a = from.entries.get(key);
    const b = to.entries.get(key);
    if (a === undefined) {
      added.push(key);
      body.push(`+ ${key}`, ...b!.map((l) => `+     ${l}`), "");
    } else if (b === undefined) {
      removed.push(key);
      body.push(`- ${key}`, ...a.map((l) => `-     ${l}`), "");
    } else if (!same(a, b)) {
      changed.push(key);
      body.push(`~ ${key}`, ...lineDiff(a, b), "");
    } else {
      unchanged++;
    }
  }
  const head = [
    `API diff of ${module}: ${from.version} -> ${to.version}`,
    `${added.length} added, ${removed.length} removed, ${changed.length} changed, ${unchanged} unchanged`,
    "",
  ];
  if (body.length === 0) body.push("No differences in what the bridge offers.");
  return { added, removed, changed, unchanged, text: `${[...head, ...body].join("\n").trimEnd()}\n` };
}
