// The worker that runs the core for the page, so a 14 MB surface never
// blocks the UI. It keeps the last few parsed surfaces and plans; a request
// answers with the preview first, then the slower extras (lock entry hash,
// wrapper) in a second message.

import type { Hashing } from "@mochi-pkg/core";
import { readApiSurface, type SurfaceView } from "@mochi-pkg/core/bridge";
import { compare as compareVersions } from "@mochi-pkg/core/go";
import { browserHashing } from "../src/kernels.js";
import { apiDiff, apiEntries } from "./apidiff.js";
import { describeError, extras, placeIn, plan, preview, suggestAlias, type Planned } from "./pipeline.js";
import { decodeSurface, fetchSurface } from "./fetch-surface.js";
import { locateJsonPath } from "./jsonloc.js";
import type { Request, Response, Source } from "./protocol.js";

const scope = self as unknown as { postMessage(m: Response): void; onmessage: ((e: MessageEvent<Request>) => void) | null };

let hashing: Promise<Hashing> | undefined;

/** A small cache: the last few entries by key, oldest dropped first. */
class Recent<T> {
  readonly #map = new Map<string, T>();

  constructor(readonly size: number) {}

  async get(key: string, make: () => Promise<T> | T): Promise<T> {
    const hit = this.#map.get(key);
    if (hit !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, hit);
      return hit;
    }
    const v = await make();
    this.#map.set(key, v);
    if (this.#map.size > this.size) this.#map.delete(this.#map.keys().next().value!);
    return v;
  }
}

const texts = new Recent<string>(4);
const views = new Recent<SurfaceView>(3);
const plans = new Recent<Planned>(4);

function keyOf(source: Source): string {
  return source.kind === "corpus" ? source.url : `paste:${source.text.length}:${source.text}`;
}

async function textOf(source: Source): Promise<string> {
  if (source.kind === "paste") return source.text;
  const { url, bytes } = source;
  return texts.get(url, () => (bytes === undefined ? fetchSurface(url) : decodeSurface(bytes)));
}

/** Loads, reads and plans a source; each step is cached, `timings` gets its milliseconds. */
async function planned(source: Source, alias: string | undefined, timings: Record<string, number>): Promise<Planned> {
  const key = keyOf(source);
  let t = performance.now();
  const text = await textOf(source);
  timings["load"] = Math.round(performance.now() - t);
  t = performance.now();
  const view = await views.get(key, () => readApiSurface(text));
  timings["read"] = Math.round(performance.now() - t);
  t = performance.now();
  // The kernels load while the surface is read: only the plan hashes.
  const h = await hashing!;
  const a = alias ?? suggestAlias(view.surface.module);
  const p = await plans.get(`${a}\n${key}`, () => plan(view, a, h));
  timings["plan"] = Math.round(performance.now() - t);
  return p;
}

async function handle(req: Request): Promise<void> {
  if (req.type === "init") {
    hashing = browserHashing(req.wasmBase);
    return;
  }
  const pasted = req.source.kind === "paste" ? req.source.text : undefined;
  const place = pasted === undefined ? undefined : (where: string) => placeIn(pasted, locateJsonPath(pasted, where));
  if (req.type === "diff") {
    try {
      const [shown, base] = await Promise.all([planned(req.source, req.alias, {}), planned(req.base, req.alias, {})]);
      // Older to newer, whichever of the two is on screen.
      const [from, to] = compareVersions(base.plan.version, shown.plan.version) <= 0 ? [base, shown] : [shown, base];
      const d = apiDiff(
        to.plan.module,
        { version: from.plan.version, entries: apiEntries(from.plan, from.files.externFile) },
        { version: to.plan.version, entries: apiEntries(to.plan, to.files.externFile) },
      );
      scope.postMessage({ type: "diff", id: req.id, text: d.text, added: d.added.length, removed: d.removed.length, changed: d.changed.length });
    } catch (e) {
      scope.postMessage({ type: "error", id: req.id, phase: "diff", error: describeError(e, pasted) });
    }
    return;
  }
  let p: Planned;
  try {
    // When the worker took the request, in ms since it was created.
    const timings: Record<string, number> = { start: Math.round(performance.now()) };
    p = await planned(req.source, req.alias, timings);
    scope.postMessage({ type: "preview", id: req.id, preview: preview(p, timings, place) });
  } catch (e) {
    scope.postMessage({ type: "error", id: req.id, phase: "preview", error: describeError(e, pasted) });
    return;
  }
  try {
    scope.postMessage({ type: "extras", id: req.id, extras: extras(p, await hashing!) });
  } catch (e) {
    scope.postMessage({ type: "error", id: req.id, phase: "extras", error: describeError(e, pasted) });
  }
}

// One request at a time, in order: a later request reuses what an earlier one
// parsed. A preview that a newer one replaced while it waited is dropped.
let queue = Promise.resolve();
const latest = new Map<string, number>();
scope.onmessage = (e) => {
  const req = e.data;
  if (req.type !== "init") latest.set(req.type, req.id);
  queue = queue.then(() => (req.type === "init" || latest.get(req.type) === req.id ? handle(req) : undefined));
};
