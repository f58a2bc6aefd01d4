// The playground page: pick a corpus module (or paste an ApiSurface), see
// what `import go` makes of it. The core runs in a worker (worker.ts); this
// file keeps the state (mirrored in the URL fragment, share.ts) and renders.

import corpus, { type CorpusEntry } from "virtual:corpus";
import { compare as compareVersions } from "@mochi-pkg/core/go";
import { fetchSurface, fetchSurfaceBytes } from "./fetch-surface.js";
import { CodeView } from "./codeview.js";
import type { Lang } from "./highlight.js";
import type { CorpusSource, ErrorInfo, Extras, Preview, Request, Response, SkipGroup, Source } from "./protocol.js";
import { decodeState, encodeState, TABS, type PageState, type Tab } from "./share.js";
import "./style.css";

// ---- elements ----------------------------------------------------------------

function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
}

const ui = {
  modes: [...document.querySelectorAll<HTMLButtonElement>("[data-mode]")],
  module: $<HTMLSelectElement>("module"),
  version: $<HTMLSelectElement>("version"),
  alias: $<HTMLInputElement>("alias"),
  share: $<HTMLButtonElement>("share"),
  shareUrl: $<HTMLInputElement>("share-url"),
  importLine: $("import-line"),
  stats: $("stats"),
  timing: $("timing"),
  pastePanel: $("paste-panel"),
  editor: $<HTMLTextAreaElement>("editor"),
  editorGutter: $("editor-gutter"),
  editorMark: $("editor-mark"),
  editorError: $("editor-error"),
  file: $<HTMLInputElement>("file"),
  tabs: [...document.querySelectorAll<HTMLButtonElement>("[data-tab]")],
  error: $("error"),
  viewName: $("view-name"),
  viewMeta: $("view-meta"),
  wrapperFile: $<HTMLSelectElement>("wrapper-file"),
  skipMode: $<HTMLSelectElement>("skip-mode"),
  diffBase: $<HTMLSelectElement>("diff-base"),
  copy: $<HTMLButtonElement>("copy"),
  download: $<HTMLButtonElement>("download"),
  groups: $("skip-groups"),
  code: $("code"),
  notice: $("notice"),
};

// ---- the corpus --------------------------------------------------------------

const pageBase = document.baseURI;
const byModule = new Map<string, CorpusEntry[]>();
for (const e of corpus) byModule.set(e.module, [...(byModule.get(e.module) ?? []), e]);
for (const list of byModule.values()) list.sort((a, b) => compareVersions(b.version, a.version));
const modules = [...byModule.keys()].sort();

function entryOf(module: string, version: string): CorpusEntry | undefined {
  return byModule.get(module)?.find((e) => e.version === version);
}

function corpusSource(e: CorpusEntry): CorpusSource {
  return { kind: "corpus", url: new URL(e.url, pageBase).href };
}

const kb = (n: number): string => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

// ---- state -------------------------------------------------------------------

const DEFAULT_MODULE = "github.com/google/uuid";

let state: PageState = {
  source: { kind: "corpus", module: DEFAULT_MODULE, version: byModule.get(DEFAULT_MODULE)?.[0]?.version ?? "" },
  tab: "extern",
};

/** What the worker said about the current request. */
interface Current {
  readonly id: number;
  preview?: Preview;
  extras?: Extras;
  error?: ErrorInfo;
  extrasError?: ErrorInfo;
  diff?: { readonly id: number; readonly base: string; text?: string; counts?: string; error?: ErrorInfo };
}

let current: Current = { id: 0 };
let nextId = 1;
let firstPreviewMarked = false;

const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
performance.mark("worker-created");
const post = (r: Request): void => worker.postMessage(r);
post({ type: "init", wasmBase: new URL("kernels/", pageBase).href });

function sourceOfState(): Source | undefined {
  if (state.source.kind === "paste") return state.source;
  const e = entryOf(state.source.module, state.source.version);
  return e === undefined ? undefined : corpusSource(e);
}

/** The module and version being previewed (from the preview for a paste). */
function shownModule(): { module: string; version: string } | undefined {
  if (state.source.kind === "corpus") return state.source;
  return current.preview === undefined ? undefined : { module: current.preview.module, version: current.preview.version };
}

function request(): void {
  const source = sourceOfState();
  current = { id: nextId++ };
  for (const key of ["ready", "extras", "diff"]) delete document.documentElement.dataset[key];
  if (source === undefined) {
    const s = state.source as { module: string; version: string };
    current.error = { code: "not in the corpus", detail: `${s.module}@${s.version} is not bundled with this page`, hint: "pick a module from the list, or paste its ApiSurface JSON", input: "other" };
  } else if (source.kind === "corpus" && current.id === 1) {
    // The first surface is fetched here while the worker boots, and handed over.
    const id = current.id;
    void fetchSurfaceBytes(source.url).then(
      (bytes) => id === current.id && postPreview(id, { ...source, bytes }),
      () => id === current.id && postPreview(id, source),
    );
  } else {
    postPreview(current.id, source);
  }
  render();
}

function postPreview(id: number, source: Source): void {
  const transfer = source.kind === "corpus" && source.bytes !== undefined ? [source.bytes] : [];
  worker.postMessage({ type: "preview", id, source, ...(state.alias === undefined ? {} : { alias: state.alias }) } satisfies Request, transfer);
}

function requestDiff(): void {
  const shown = shownModule();
  const source = sourceOfState();
  if (shown === undefined || source === undefined || current.preview === undefined) return;
  const base = diffBase(shown.module, shown.version);
  if (base === undefined || current.diff?.base === base.version) return;
  current.diff = { id: nextId++, base: base.version };
  post({ type: "diff", id: current.diff.id, source, base: corpusSource(base), ...(state.alias === undefined ? {} : { alias: state.alias }) });
}

/** The version the diff compares with: the chosen one, else the newest other version. */
function diffBase(module: string, version: string): CorpusEntry | undefined {
  const others = (byModule.get(module) ?? []).filter((e) => e.version !== version);
  return others.find((e) => e.version === state.diff) ?? others[0];
}

worker.onmessage = (ev: MessageEvent<Response>) => {
  const r = ev.data;
  if (current.diff !== undefined && r.id === current.diff.id) {
    if (r.type === "diff") {
      current.diff.text = r.text;
      current.diff.counts = `${r.added} added · ${r.removed} removed · ${r.changed} changed`;
    }
    if (r.type === "error") current.diff.error = r.error;
    render();
    document.documentElement.dataset["diff"] = current.diff.base;
    return;
  }
  if (r.id !== current.id) return;
  if (r.type === "preview" && !firstPreviewMarked) {
    firstPreviewMarked = true;
    performance.mark("first-preview-message");
    // Scheduled before rendering, so it runs before the deferred colouring:
    // after the frame that shows the preview has been painted.
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark("first-preview");
        registerServiceWorker();
      }, 0),
    );
  }
  if (r.type === "preview") {
    current.preview = r.preview;
    if (state.tab === "diff") requestDiff();
  } else if (r.type === "extras") {
    current.extras = r.extras;
  } else if (r.type === "error") {
    if (r.phase === "extras") current.extrasError = r.error;
    else current.error = r.error;
  }
  render();
  if (r.type === "preview") {
    document.documentElement.dataset["ready"] = `${r.preview.module}@${r.preview.version}`;
    document.documentElement.dataset["alias"] = r.preview.alias;
  }
  if (r.type === "extras") document.documentElement.dataset["extras"] = "1";
  if (r.type === "error" && r.phase === "preview") {
    document.documentElement.dataset["ready"] = "error";
    registerServiceWorker();
  }
};

/**
 * The service worker keeps the page usable offline (sw.js, written by the
 * build). Registered after the first preview, so precaching does not compete
 * with it.
 */
function registerServiceWorker(): void {
  if ("serviceWorker" in navigator && import.meta.env.PROD) {
    navigator.serviceWorker.register(new URL("sw.js", pageBase).href).catch(() => undefined);
  }
}

// ---- URL ---------------------------------------------------------------------

let writtenHash = "";

/** Mirrors the state into the fragment without a history entry per keystroke. */
async function syncUrl(): Promise<void> {
  const hash = await encodeState(state);
  writtenHash = hash;
  history.replaceState(null, "", hash);
  ui.shareUrl.value = location.href;
}

async function loadFromUrl(): Promise<void> {
  if (location.hash === writtenHash && writtenHash !== "") return;
  let decoded: PageState | undefined;
  try {
    decoded = await decodeState(location.hash);
  } catch {
    decoded = undefined;
    ui.notice.textContent = "The link's pasted document could not be read; showing the default module.";
    ui.notice.hidden = false;
  }
  if (decoded !== undefined) state = decoded;
  if (state.source.kind === "paste") ui.editor.value = state.source.text;
  if (decoded === undefined) await syncUrl();
  else {
    writtenHash = location.hash;
    ui.shareUrl.value = location.href;
  }
  renderEditorGutter();
  request();
}

// ---- rendering ---------------------------------------------------------------

function renderControls(): void {
  const paste = state.source.kind === "paste";
  for (const b of ui.modes) b.setAttribute("aria-pressed", String((b.dataset["mode"] === "paste") === paste));
  document.body.classList.toggle("paste-mode", paste);
  ui.pastePanel.hidden = !paste;
  if (state.source.kind === "corpus") {
    const { module, version } = state.source;
    if (ui.module.options.length === 0) {
      for (const m of modules) {
        const n = byModule.get(m)!.length;
        ui.module.add(new Option(n > 1 ? `${m}  (${n} versions)` : m, m));
      }
    }
    ui.module.value = module;
    if (ui.version.dataset["module"] !== module) {
      ui.version.dataset["module"] = module;
      ui.version.replaceChildren(...(byModule.get(module) ?? []).map((e) => new Option(`${e.version}  ·  ${kb(e.bytes)}`, e.version)));
    }
    ui.version.value = version;
  }
  const suggested = current.preview?.alias;
  // Not while the user types: the state catches up when the typing pauses.
  if (document.activeElement !== ui.alias) ui.alias.value = state.alias ?? "";
  ui.alias.placeholder = state.alias === undefined && suggested !== undefined ? suggested : "alias";
  ui.alias.classList.toggle("invalid", current.error?.input === "alias");
  for (const t of ui.tabs) {
    t.setAttribute("aria-selected", String(t.dataset["tab"] === state.tab));
    const count = t.querySelector(".count");
    if (count !== null) {
      const p = current.preview;
      const n = t.dataset["tab"] === "skipped" && p !== undefined ? skippedCount(p) : undefined;
      count.textContent = n === undefined ? "" : String(n);
    }
  }
}

const skippedCount = (p: Preview): number => p.skipGroups.reduce((s, g) => s + g.entries.length, 0);

function renderStatus(): void {
  const p = current.preview;
  if (p === undefined) {
    const s = state.source;
    const e = s.kind === "corpus" ? entryOf(s.module, s.version) : undefined;
    ui.importLine.textContent = current.error !== undefined ? "" : e !== undefined ? `Loading ${e.module}@${e.version} (${kb(e.gzBytes)})…` : "Reading…";
    ui.stats.textContent = "";
    ui.timing.textContent = "";
    return;
  }
  ui.importLine.textContent = `import go "${p.module}@${p.version}" as ${p.alias}`;
  ui.stats.textContent = `${p.stats.bridged} of ${p.stats.total} funcs and methods bridged · ${p.items} externs · ${skippedCount(p)} skipped`;
  const t = p.timings;
  ui.timing.textContent = `load ${t["load"] ?? 0} ms · read ${t["read"] ?? 0} ms · plan ${t["plan"] ?? 0} ms`;
  ui.timing.dataset["timings"] = JSON.stringify(t);
}

function showError(e: ErrorInfo, box: HTMLElement): void {
  box.replaceChildren();
  const head = document.createElement("div");
  head.className = "error-head";
  const code = document.createElement("code");
  code.textContent = e.code;
  head.append(code, ` ${e.detail}`);
  box.append(head);
  const where = document.createElement("div");
  where.className = "error-where";
  if (e.at !== undefined) {
    const a = document.createElement("a");
    a.href = "#";
    a.textContent = `line ${e.at.line}, column ${e.at.col}`;
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      jumpTo(e.at!.offset);
    });
    where.append("at ", a, e.where === undefined || e.where.startsWith("ApiSurface") ? "" : ` (${e.where})`);
  } else if (e.where !== undefined) {
    where.append(`at ${e.input === "alias" ? "the alias field" : e.where}`);
  }
  if (where.childNodes.length > 0) box.append(where);
  const hint = document.createElement("div");
  hint.className = "error-hint";
  hint.textContent = e.hint;
  box.append(hint);
  box.hidden = false;
}

function renderEditorMark(): void {
  const e = current.error;
  const at = e?.input === "json" ? e.at : undefined;
  if (state.source.kind !== "paste" || e === undefined || e.input !== "json") {
    ui.editorError.hidden = true;
    ui.editorMark.hidden = true;
    return;
  }
  showError(e, ui.editorError);
  if (at === undefined) {
    ui.editorMark.hidden = true;
    return;
  }
  const lineHeight = parseFloat(getComputedStyle(ui.editor).lineHeight);
  const padTop = parseFloat(getComputedStyle(ui.editor).paddingTop);
  ui.editorMark.style.top = `${padTop + (at.line - 1) * lineHeight - ui.editor.scrollTop}px`;
  ui.editorMark.style.height = `${lineHeight}px`;
  ui.editorMark.hidden = false;
}

function jumpTo(offset: number): void {
  ui.editor.focus();
  ui.editor.setSelectionRange(offset, offset + 1);
  const line = ui.editor.value.slice(0, offset).split("\n").length;
  const lineHeight = parseFloat(getComputedStyle(ui.editor).lineHeight);
  ui.editor.scrollTop = Math.max(0, (line - 5) * lineHeight);
  renderEditorMark();
}

function renderEditorGutter(): void {
  const lines = ui.editor.value.split("\n").length;
  if (ui.editorGutter.dataset["lines"] === String(lines)) return;
  ui.editorGutter.dataset["lines"] = String(lines);
  ui.editorGutter.textContent = Array.from({ length: lines }, (_, i) => i + 1).join("\n");
}

/** What the view shows: a text (copied and downloaded as is), its title and language. */
interface ViewText {
  readonly name: string;
  readonly text: string;
  readonly lang: Lang;
  readonly meta?: string;
  /** The download's file name, when the title is not one. */
  readonly file?: string;
}

let shownText: ViewText | undefined;
const codeView = new CodeView(ui.code);

/** Shows a text of the view (copy and download take it), or `message` while there is none. */
function showText(v: ViewText | undefined, message: string): void {
  shownText = v;
  ui.groups.hidden = true;
  ui.code.hidden = false;
  ui.copy.disabled = v === undefined;
  ui.download.disabled = v === undefined;
  ui.viewName.textContent = v?.name ?? "";
  if (v === undefined) {
    ui.viewMeta.textContent = "";
    codeView.show(message);
    return;
  }
  const lines = v.text.split("\n").length - (v.text.endsWith("\n") ? 1 : 0);
  ui.viewMeta.textContent = v.meta ?? `${lines} lines · ${kb(new Blob([v.text]).size)}`;
  codeView.show(v.text, v.lang);
}

let renderedGroups: readonly SkipGroup[] | undefined;

function renderGroups(groups: readonly SkipGroup[], preview: Preview): void {
  ui.code.hidden = true;
  ui.groups.hidden = false;
  // Rebuilt only for new groups, so the sections a user opened stay open.
  if (renderedGroups === groups) return;
  renderedGroups = groups;
  ui.groups.replaceChildren();
  if (groups.length === 0) {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = `Nothing skipped: every exported item of ${preview.module}@${preview.version} crosses.`;
    ui.groups.append(p);
    return;
  }
  for (const g of groups) {
    const details = document.createElement("details");
    details.className = "group";
    details.open = groups.length <= 3 || g.entries.length <= 5;
    const summary = document.createElement("summary");
    summary.innerHTML = `<code class="reason"></code><span class="n"></span><span class="doc"></span>`;
    summary.querySelector(".reason")!.textContent = g.reason;
    summary.querySelector(".n")!.textContent = `${g.entries.length} item${g.entries.length === 1 ? "" : "s"}`;
    summary.querySelector(".doc")!.textContent = g.doc;
    details.append(summary);
    const list = document.createElement("ul");
    for (const e of g.entries) {
      const li = document.createElement("li");
      const item = document.createElement("code");
      item.className = "item";
      item.textContent = e.item;
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = e.kind;
      li.append(kind, item);
      if (e.position !== undefined) {
        const pos = document.createElement("span");
        pos.className = "pos";
        pos.textContent = e.position;
        li.append(pos);
      }
      if (e.at !== undefined) {
        const a = document.createElement("a");
        a.href = "#";
        a.className = "pos";
        a.textContent = `JSON line ${e.at.line}:${e.at.col}`;
        const offset = e.at.offset;
        a.addEventListener("click", (ev) => {
          ev.preventDefault();
          jumpTo(offset);
        });
        li.append(a);
      }
      const detail = document.createElement("div");
      detail.className = "detail";
      detail.textContent = e.detail;
      const override = document.createElement("div");
      override.className = "override";
      override.textContent = `Override: ${e.override}`;
      li.append(detail, override);
      list.append(li);
    }
    details.append(list);
    ui.groups.append(details);
  }
}

function renderView(): void {
  ui.error.hidden = true;
  ui.notice.hidden = ui.notice.textContent === "";
  ui.wrapperFile.hidden = state.tab !== "wrapper";
  ui.skipMode.hidden = state.tab !== "skipped";
  ui.diffBase.hidden = state.tab !== "diff";
  const p = current.preview;
  if (current.error !== undefined && p === undefined) {
    // An error in the pasted document is shown at its place in the editor.
    if (state.source.kind === "paste" && current.error.input === "json") return showText(undefined, "Fix the pasted document (the error is marked in the editor) to see the preview.");
    showError(current.error, ui.error);
    showText(undefined, "");
    ui.code.hidden = true;
    return;
  }
  if (p === undefined) {
    showText(undefined, "Loading…");
    return;
  }
  switch (state.tab) {
    case "extern":
      return showText({ name: p.externName, text: p.externFile, lang: "mochi" }, "");
    case "shim":
      return showText({ name: p.shimName, text: p.shimFile, lang: "mochi" }, "");
    case "wrapper": {
      const w = current.extras?.wrapper;
      if (w === undefined) return showText(undefined, current.extrasError?.detail ?? "Generating the wrapper…");
      const names = w.files.map((f) => f.path);
      if ([...ui.wrapperFile.options].map((o) => o.value).join("\n") !== names.join("\n")) {
        ui.wrapperFile.replaceChildren(...names.map((n) => new Option(n, n)));
      }
      const f = w.files.find((x) => x.path === ui.wrapperFile.value) ?? w.files[0]!;
      ui.wrapperFile.hidden = w.files.length < 2;
      return showText({ name: f.path, text: f.text, lang: f.path.endsWith(".h") ? "c" : "go" }, "");
    }
    case "skipped": {
      const count = skippedCount(p);
      if (ui.skipMode.value === "text") {
        return showText({ name: "SKIPPED.txt", text: p.skipped, lang: "skipped", meta: `${count} items` }, "");
      }
      showText({ name: "SKIPPED.txt", text: p.skipped, lang: "skipped", meta: `${count} items in ${p.skipGroups.length} reasons` }, "");
      return renderGroups(p.skipGroups, p);
    }
    case "lock": {
      const entry = current.extras?.lockEntry;
      if (entry === undefined) return showText(undefined, current.extrasError?.detail ?? "Hashing the surface…");
      return showText({ name: "mochi.lock · [[go-package]]", file: "go-package.toml", text: entry, lang: "toml" }, "");
    }
    case "diff":
      return renderDiff(p);
  }
}

function renderDiff(p: Preview): void {
  const versions = (byModule.get(p.module) ?? []).filter((e) => e.version !== p.version);
  if (versions.length === 0) {
    const withTwo = modules.filter((m) => byModule.get(m)!.length > 1);
    ui.diffBase.hidden = true;
    return showText(
      undefined,
      `Only one version of ${p.module} is bundled, so there is nothing to compare with.\n\n` +
        `Modules with more than one version: ${withTwo.join(", ")}.`,
    );
  }
  const base = diffBase(p.module, p.version)!;
  if ([...ui.diffBase.options].map((o) => o.value).join("\n") !== versions.map((e) => e.version).join("\n")) {
    ui.diffBase.replaceChildren(...versions.map((e) => new Option(`compare with ${e.version}`, e.version)));
  }
  ui.diffBase.value = base.version;
  requestDiff();
  const d = current.diff;
  if (d?.error !== undefined) {
    showError(d.error, ui.error);
    return showText(undefined, "");
  }
  if (d?.text === undefined) return showText(undefined, `Planning ${p.module}@${base.version}…`);
  const [from, to] = compareVersions(base.version, p.version) <= 0 ? [base.version, p.version] : [p.version, base.version];
  showText({ name: `API diff ${from} → ${to}`, file: `api-diff-${from}-${to}.txt`, text: d.text, lang: "diff", meta: d.counts }, "");
}

function render(): void {
  renderControls();
  renderStatus();
  renderView();
  renderEditorMark();
}

// ---- actions -----------------------------------------------------------------

async function copyText(text: string, button: HTMLButtonElement): Promise<void> {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Copy failed";
  }
  setTimeout(() => (button.textContent = label), 1200);
}

function setState(next: PageState, options: { rerun?: boolean } = {}): void {
  state = next;
  void syncUrl();
  if (options.rerun ?? true) request();
  else render();
}

for (const b of ui.modes) {
  b.addEventListener("click", async () => {
    const paste = b.dataset["mode"] === "paste";
    if (paste === (state.source.kind === "paste")) return;
    if (!paste) {
      const m = shownModule();
      const e = m === undefined ? undefined : (entryOf(m.module, m.version) ?? byModule.get(m.module)?.[0]);
      const first = e ?? byModule.get(DEFAULT_MODULE)![0]!;
      return setState({ ...state, source: { kind: "corpus", module: first.module, version: first.version } });
    }
    // Start from the module on screen when it is small enough to edit comfortably.
    if (ui.editor.value === "") {
      const s = state.source as { module: string; version: string };
      const e = entryOf(s.module, s.version);
      const sample = e !== undefined && e.bytes < 1 << 20 ? e : byModule.get(DEFAULT_MODULE)![0]!;
      ui.editor.value = await fetchSurface(new URL(sample.url, pageBase).href);
      renderEditorGutter();
    }
    setState({ ...state, source: { kind: "paste", text: ui.editor.value } });
  });
}

ui.module.addEventListener("change", () => {
  const first = byModule.get(ui.module.value)![0]!;
  const { alias: _, diff: __, ...rest } = state;
  setState({ ...rest, source: { kind: "corpus", module: first.module, version: first.version } });
});

ui.version.addEventListener("change", () => {
  const { diff: _, ...rest } = state;
  setState({ ...rest, source: { kind: "corpus", module: ui.module.value, version: ui.version.value } });
});

let aliasTimer: ReturnType<typeof setTimeout> | undefined;
ui.alias.addEventListener("input", () => {
  clearTimeout(aliasTimer);
  aliasTimer = setTimeout(() => {
    const { alias: _, ...rest } = state;
    const v = ui.alias.value.trim();
    setState(v === "" ? rest : { ...rest, alias: v });
  }, 250);
});

let editTimer: ReturnType<typeof setTimeout> | undefined;
ui.editor.addEventListener("input", () => {
  renderEditorGutter();
  clearTimeout(editTimer);
  editTimer = setTimeout(() => setState({ ...state, source: { kind: "paste", text: ui.editor.value } }), 300);
});
ui.editor.addEventListener("scroll", () => {
  ui.editorGutter.scrollTop = ui.editor.scrollTop;
  renderEditorMark();
});

ui.file.addEventListener("change", async () => {
  const f = ui.file.files?.[0];
  if (f === undefined) return;
  ui.editor.value = await f.text();
  renderEditorGutter();
  setState({ ...state, source: { kind: "paste", text: ui.editor.value } });
});

for (const t of ui.tabs) {
  t.addEventListener("click", () => {
    const tab = TABS.find((x) => x === t.dataset["tab"]) as Tab;
    setState({ ...state, tab }, { rerun: false });
  });
}

ui.wrapperFile.addEventListener("change", () => render());
ui.skipMode.addEventListener("change", () => render());
ui.diffBase.addEventListener("change", () => {
  current.diff = undefined;
  setState({ ...state, diff: ui.diffBase.value }, { rerun: false });
});

ui.copy.addEventListener("click", () => {
  if (shownText !== undefined) void copyText(shownText.text, ui.copy);
});

ui.download.addEventListener("click", () => {
  if (shownText === undefined) return;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([shownText.text], { type: "text/plain" }));
  a.download = (shownText.file ?? shownText.name).replace(/[^A-Za-z0-9._-]+/g, "_");
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

ui.share.addEventListener("click", async () => {
  await syncUrl();
  void copyText(location.href, ui.share);
});

window.addEventListener("hashchange", () => void loadFromUrl());

// ---- start -------------------------------------------------------------------

void loadFromUrl();
