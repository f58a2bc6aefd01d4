// What the worker computes, as plain functions of the core (no messaging, no
// caching): the same calls the CLI makes, so the page shows the CLI's bytes.

import { compareUtf8, isMochiError, type Hashing } from "@mochi-pkg/core";
import {
  apiSurfaceSha256,
  emitExterns,
  externFileNames,
  pathSegment,
  planModule,
  skipReasonSpec,
  SKIP_UNPARSABLE_TYPE,
  type ExternFiles,
  type ModulePlan,
  type SkipToken,
  type SurfaceView,
} from "@mochi-pkg/core/bridge";
import { jsonSyntaxError, lineCol, locateJsonPath } from "./jsonloc.js";
import { goPackageEntry } from "./lockentry.js";
import type { ErrorInfo, ErrorPlace, Extras, Preview, SkipGroup } from "./protocol.js";
import { wrapperPreview } from "./wrapper.js";

/**
 * The alias a user would pick for a module: its last path element that is
 * not a major-version suffix, as a Mochi identifier (`github.com/cespare/xxhash/v2`
 * gives `xxhash`, `gopkg.in/yaml.v3` gives `yaml_v3`).
 */
export function suggestAlias(module: string): string {
  const elems = module.split("/");
  const last = elems.length > 1 && /^v[0-9]+$/.test(elems[elems.length - 1]!) ? elems[elems.length - 2]! : elems[elems.length - 1]!;
  return pathSegment(last);
}

export interface Planned {
  readonly view: SurfaceView;
  readonly plan: ModulePlan;
  readonly files: ExternFiles;
}

export function plan(view: SurfaceView, alias: string, hashing: Hashing): Planned {
  const plan = planModule(view, { alias, hashing });
  return { view, plan, files: emitExterns(plan) };
}

/** The skips grouped by reason, largest group first; `place` locates a JSON path of the pasted text. */
export function skipGroups(planned: Planned, place?: (where: string) => ErrorPlace | undefined): SkipGroup[] {
  const unparsable = new Map(planned.view.skips.map((s) => [s.item, s.where]));
  const groups = new Map<SkipToken, SkipGroup["entries"][number][]>();
  for (const s of planned.plan.skipped) {
    const where = s.reason === SKIP_UNPARSABLE_TYPE ? unparsable.get(s.item) : undefined;
    const at = where === undefined ? undefined : place?.(where);
    const entry = { item: s.item, kind: s.kind, detail: s.detail, override: s.override, ...(s.position === undefined ? {} : { position: s.position }), ...(at === undefined ? {} : { at }) };
    const list = groups.get(s.reason);
    if (list === undefined) groups.set(s.reason, [entry]);
    else list.push(entry);
  }
  return [...groups]
    .map(([reason, entries]) => ({ reason, doc: skipReasonSpec(reason).doc, entries }))
    .sort((a, b) => b.entries.length - a.entries.length || compareUtf8(a.reason, b.reason));
}

export function preview(planned: Planned, timings: Record<string, number>, place?: (where: string) => ErrorPlace | undefined): Preview {
  const { plan: p, files } = planned;
  const names = externFileNames(p.alias);
  return {
    module: p.module,
    version: p.version,
    alias: p.alias,
    externName: names.externFile,
    shimName: names.shimFile,
    externFile: files.externFile,
    shimFile: files.shimFile,
    skipped: files.skipped,
    skipGroups: skipGroups(planned, place),
    stats: p.stats,
    items: p.items.length,
    timings,
  };
}

export function extras(planned: Planned, hashing: Hashing): Extras {
  const wrapper = wrapperPreview(planned.plan, hashing);
  const lockEntry = goPackageEntry({
    surface: { ...planned.view.surface, version: planned.plan.version },
    apiSurfaceSha256: apiSurfaceSha256(planned.view.surface, hashing),
    wrapperSha256: wrapper.sha256,
  });
  return { wrapper: wrapper.preview, lockEntry };
}

/** A place in `text` for a JSON path, or for a JSON syntax error. */
export function placeIn(text: string, offset: number | undefined): ErrorPlace | undefined {
  return offset === undefined ? undefined : { offset, ...lineCol(text, offset) };
}

/**
 * Describes a failure for the page. `text` is the JSON document when the
 * user pasted it, so the place can be given as line:column.
 */
export function describeError(e: unknown, text: string | undefined): ErrorInfo {
  if (!isMochiError(e)) {
    const message = e instanceof Error ? e.message : String(e);
    return { code: "internal", detail: message, hint: "this is a bug of the playground: please report it with the share link", input: "other" };
  }
  const base = { code: e.code, detail: e.detail, hint: e.hint, ...(e.where === undefined ? {} : { where: e.where }) };
  if (e.where === "import alias") return { ...base, input: "alias" };
  if (!e.code.startsWith("M074_SURFACE_") && e.where !== "ApiSurface version") return { ...base, input: "other" };
  if (text === undefined) return { ...base, input: "json" };
  let at: ErrorPlace | undefined;
  if (e.code === "M074_SURFACE_E001") {
    const syntax = jsonSyntaxError(text);
    if (syntax !== undefined) {
      at = placeIn(text, syntax.offset);
      return { ...base, detail: `not JSON: ${syntax.message}`, input: "json", ...(at === undefined ? {} : { at }) };
    }
  } else {
    at = placeIn(text, locateJsonPath(text, e.where === "ApiSurface version" ? "$.version" : (e.where ?? "$")));
  }
  return { ...base, input: "json", ...(at === undefined ? {} : { at }) };
}
